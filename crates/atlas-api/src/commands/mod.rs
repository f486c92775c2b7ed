//! The commands, one module per area. Each is a method on [`crate::Api`].

mod app;
mod connection;
mod directory;
mod inventory;
mod operations;
mod sync;
mod tenant_admin;
mod tenants;
mod workspaces;
