//! Microsoft Graph for TenantAtlas. This crate starts with the object catalog: which Intune and
//! Entra object types the product reads and restores, where they live in Graph, and how their
//! content is normalised. The protocol client (auth, paging, throttling budget, `$batch`) and
//! the simulated cloud build on it.

pub mod catalog;

pub use catalog::{ApiVersion, Category, ObjectType, RestoreMethod, CATALOG};
