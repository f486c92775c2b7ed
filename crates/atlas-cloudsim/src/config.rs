//! What a simulator instance serves and how it behaves.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::error::SimError;
use crate::faults::Faults;

/// Whether requests are throttled with Intune's real per-tenant limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleMode {
    /// 1,000 requests and 100 writes per sliding 20 s window per tenant.
    Real,
    Off,
}

#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// Same seed and sizes → byte-identical tenants.
    pub seed: u64,
    pub tenants: usize,
    /// Intune and conditional access policies generated per tenant.
    pub policies_per_tenant: usize,
    pub throttle: ThrottleMode,
    /// Fixed delay added to every request.
    pub latency: Duration,
    /// `None` binds an ephemeral port.
    pub port: Option<u16>,
    /// Lifetime of issued access tokens (Entra: about an hour).
    pub token_lifetime: Duration,
    pub clock: Arc<dyn Clock>,
    /// Serve HTTPS with a CA and server certificate generated at start.
    pub tls: bool,
    /// Where to write the CA certificate (PEM) when `tls` is on; `None`: a temporary file
    /// removed with the simulator.
    pub ca_pem_path: Option<PathBuf>,
    /// More DNS names the HTTPS certificate is valid for, beside `localhost` and the loopback
    /// addresses: a test harness that routes Microsoft's host names here through a proxy lists
    /// them, so an unmodified client verifies the chain as it would against Microsoft.
    pub tls_names: Vec<String>,
    /// Faults injected from the start (changeable at run time through `/_sim/faults`).
    pub faults: Faults,
    /// Tenants managed from one template: the same policies everywhere until drift (see
    /// `generate::generate_fleet`); otherwise tenants share only part of their policies.
    pub fleet: bool,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        Self {
            seed: 1,
            tenants: 3,
            policies_per_tenant: 50,
            throttle: ThrottleMode::Real,
            latency: Duration::ZERO,
            port: None,
            token_lifetime: Duration::from_secs(3599),
            clock: Arc::new(SystemClock),
            tls: false,
            ca_pem_path: None,
            tls_names: Vec::new(),
            faults: Faults::default(),
            fleet: false,
        }
    }
}

impl SimulatorConfig {
    pub(crate) fn validate(&self) -> Result<(), SimError> {
        if self.tenants == 0 {
            return Err(SimError::InvalidConfig(
                "at least one tenant is needed".into(),
            ));
        }
        if !self.tls_names.is_empty() && !self.tls {
            return Err(SimError::InvalidConfig(
                "certificate host names only make sense with TLS on".into(),
            ));
        }
        if self.ca_pem_path.is_some() && !self.tls {
            return Err(SimError::InvalidConfig(
                "a CA certificate path only makes sense with TLS on".into(),
            ));
        }
        if self.token_lifetime < Duration::from_secs(60) {
            return Err(SimError::InvalidConfig(
                "tokens must live at least 60 seconds".into(),
            ));
        }
        self.faults.validate().map_err(SimError::InvalidConfig)
    }
}
