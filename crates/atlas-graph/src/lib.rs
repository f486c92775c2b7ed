//! Microsoft Graph for TenantAtlas: the object catalog (which Intune and Entra types the product
//! reads and restores, and how), and the client — client-credentials tokens cached per
//! (tenant, client), a per-tenant request budget shaped like Intune's limits, paging through
//! `@odata.nextLink`, `Retry-After`-aware retries, and errors mapped to stable provider reason
//! codes. Base URLs are settings, so the same client talks to Microsoft or to the simulated
//! cloud.

mod budget;
pub mod catalog;
mod client;
mod error;
mod secret;
mod settings;
mod token;

pub use budget::Budget;
pub use catalog::{ApiVersion, Category, ObjectType, RestoreMethod, CATALOG};
pub use client::{GraphClient, ListStats, Page};
pub use error::{GraphError, ProviderReason};
pub use secret::{ClientSecret, Credentials};
pub use settings::GraphSettings;
pub use token::GRAPH_SCOPE;
