//! The simulated Microsoft cloud: an Entra token endpoint (client credentials, OpenID metadata,
//! instance discovery) and Microsoft Graph (reads, writes, `$batch`) for every type of the
//! `atlas_graph` catalog, over deterministic generated tenants, on loopback HTTP or HTTPS. The
//! product, its tests, the demo and the benchmarks use it because no machine here reaches
//! Microsoft; it speaks the real protocol (shapes, error codes, paging, throttling) so a client
//! cannot tell the difference.
//! Faults, drift and withdrawn admin consent are injected through `/_sim` (see `http`) or the
//! same methods on `RunningSimulator`.

mod admin;
mod assertion;
pub mod certificate;
pub mod clock;
pub mod config;
mod control;
pub mod credentials;
pub mod drift;
mod edit;
pub mod error;
pub mod faults;
mod files;
pub mod generate;
mod http;
pub mod model;
mod revocation;
pub mod server;
pub mod stats;
mod throttle;
mod tls;
pub mod token;

pub use certificate::AppCertificate;
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{SimulatorConfig, ThrottleMode};
pub use credentials::{describe, CertificateCredential, TenantCredentials};
pub use drift::{DriftReport, DriftRequest};
pub use error::SimError;
pub use faults::{Faults, ThrottleStorm};
pub use model::{Cloud, SimObject, SimTenant, TenantData, TenantInfo};
pub use server::{RunningSimulator, Simulator};
pub use stats::{Counts, SimStats, TenantStats};
