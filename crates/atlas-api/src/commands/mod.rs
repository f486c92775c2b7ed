//! The commands, one module per area. Each is a method on [`crate::Api`].

mod app;
mod tenants;
mod workspaces;
