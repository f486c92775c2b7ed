//! A build without the demo (`--no-default-features`): no simulated cloud is compiled in. The
//! demo workspace cannot be created, and a simulated tenant stored by a build that had the demo
//! is refused with the reason instead of being reached.

use atlas_domain::{ReasonCode, Tenant};
use atlas_sync::{ConnectError, GraphSession};

const ABSENT: &str = "This build of TenantAtlas includes no simulated cloud, so demo tenants \
                      cannot be reached.";

/// Stands where the demo cloud would be; it never starts.
#[derive(Debug, Clone, Default)]
pub struct DemoCloud {}

impl DemoCloud {
    pub async fn base_url(&self) -> Result<String, ConnectError> {
        Err(ConnectError::new(ReasonCode::DemoCloudUnavailable, ABSENT))
    }

    pub(crate) async fn session(&self, _tenant: &Tenant) -> Result<GraphSession, ConnectError> {
        Err(ConnectError::new(ReasonCode::DemoCloudUnavailable, ABSENT))
    }

    pub async fn stop(&self) {}
}
