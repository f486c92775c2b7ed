//! Microsoft Graph for TenantAtlas: the object catalog (which Intune and Entra types the product
//! reads and restores, and how), and the client — client-credentials tokens cached per
//! (tenant, client), a per-tenant request budget shaped like Intune's limits, paging through
//! `@odata.nextLink`, `$batch`, writes, `Retry-After`-aware retries, errors mapped to stable
//! provider reason codes, and a reader that fetches a type's full content truthfully. Base URLs
//! are settings, so the same client talks to Microsoft or to the simulated cloud.

mod app_registration;
mod batch;
mod budget;
pub mod catalog;
mod client;
mod content;
mod discovery;
mod error;
mod query;
mod secret;
mod settings;
mod settings_catalog;
mod token;

pub use batch::{BatchRequest, BatchResponse, MAX_BATCH};
pub use budget::{Budget, Cost};
pub use catalog::{ApiVersion, Category, ObjectType, RestoreMethod, CATALOG, SECRET_MARKER};
pub use client::{Answer, ClientStats, GraphClient, ListStats, Page};
pub use content::{singleton_item, Depth, ItemFailure, ObjectContent, TypeRead};
pub use error::{GraphError, ProviderReason};
pub use query::ListQuery;
pub use reqwest::Method;
pub use secret::{ClientCertificate, ClientCredential, ClientSecret, Credentials};
pub use settings::GraphSettings;
pub use token::{granted_roles, GRAPH_SCOPE};
