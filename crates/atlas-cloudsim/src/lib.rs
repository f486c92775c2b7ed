//! The simulated Microsoft cloud: an Entra token endpoint (client credentials, OpenID metadata,
//! instance discovery) and Microsoft Graph reads for every type of the `atlas_graph` catalog,
//! over deterministic generated tenants, on loopback HTTP. The product, its tests, the demo and
//! the benchmarks use it because no machine here reaches Microsoft; it speaks the real protocol
//! (shapes, error codes, paging, throttling) so a client cannot tell the difference.

pub mod clock;
pub mod config;
pub mod credentials;
pub mod error;
pub mod generate;
mod http;
pub mod model;
pub mod server;
mod throttle;
pub mod token;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{SimulatorConfig, ThrottleMode};
pub use credentials::{describe, TenantCredentials};
pub use error::SimError;
pub use model::{Cloud, SimObject, SimTenant, TenantData, TenantInfo};
pub use server::{RunningSimulator, Simulator};
