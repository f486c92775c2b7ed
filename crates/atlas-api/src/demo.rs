//! The demo's simulated Microsoft cloud: started in-process on a loopback port the first time a
//! simulated tenant is reached, from a fixed seed, so the demo tenants (their directory ids,
//! app registrations and policies) are the same on every start. Their credentials are the
//! simulator's own and never stored. The tenants are a fleet managed from one template, as an
//! MSP runs them: the first is the reference, and each other one has drifted from it in a few
//! fixed places (changed settings, a removed and an extra policy), so a baseline captured from
//! the reference shows real findings. Changes made to the simulated tenants (drift) last as
//! long as the process.

use std::sync::Arc;

use atlas_cloudsim::{
    DriftRequest, RunningSimulator, Simulator, SimulatorConfig, TenantInfo, ThrottleMode,
};
use atlas_domain::{ReasonCode, Tenant};
use atlas_graph::{Credentials, GraphClient, GraphSettings};
use atlas_sync::{ConnectError, GraphSession};
use tokio::sync::Mutex;
use url::Url;

/// Seed of the demo tenants.
pub const DEMO_SEED: u64 = 2026;
/// Customer tenants in the demo.
pub const DEMO_TENANTS: usize = 3;
/// Policies per demo tenant: enough to browse, quick to sync.
pub const DEMO_POLICIES: usize = 120;
/// Added latency per request of the demo cloud, in milliseconds (default none): makes progress
/// visible on a fast machine, as a real tenant's would be.
pub const ENV_DEMO_LATENCY_MS: &str = "TENANTATLAS_DEMO_LATENCY_MS";

/// The local port the demo cloud listens on (default: any free one). End-to-end tests set it
/// to reach the simulator's admin API (`/_sim/…`) and change a demo tenant as its admins would.
pub const ENV_DEMO_PORT: &str = "TENANTATLAS_DEMO_PORT";

fn demo_port() -> Option<u16> {
    std::env::var(ENV_DEMO_PORT)
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
}

fn demo_latency() -> std::time::Duration {
    let ms = std::env::var(ENV_DEMO_LATENCY_MS)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    std::time::Duration::from_millis(ms.min(5_000))
}

/// How far demo tenant `index` (not the reference, 0) has drifted from the reference: a few
/// changed settings, one policy removed and one added, the same on every start.
fn demo_drift(index: usize) -> DriftRequest {
    DriftRequest {
        modify: 2 + index,
        add: 1,
        delete: 1,
        seed: Some(index as u64),
        ..DriftRequest::default()
    }
}

/// The demo baseline profile's name.
pub const DEMO_BASELINE_NAME: &str = "Managed workplace standard";

/// The demo tenant whose configuration is the demo baseline's reference.
pub const DEMO_REFERENCE: usize = 0;

/// The demo tenants' identities, without starting anything.
pub fn demo_tenant_infos() -> Vec<TenantInfo> {
    (0..DEMO_TENANTS)
        .map(|i| atlas_cloudsim::generate::tenant_info(DEMO_SEED, i))
        .collect()
}

#[derive(Debug)]
struct Running {
    sim: RunningSimulator,
    client: Arc<GraphClient>,
}

/// Shared handle to the (lazily started) demo cloud.
#[derive(Debug, Clone, Default)]
pub struct DemoCloud {
    running: Arc<Mutex<Option<Running>>>,
}

impl DemoCloud {
    /// The demo cloud's base URL, starting it if needed.
    pub async fn base_url(&self) -> Result<String, ConnectError> {
        let mut running = self.running.lock().await;
        Ok(start(&mut running).await?.sim.base_url())
    }

    pub(crate) async fn session(&self, tenant: &Tenant) -> Result<GraphSession, ConnectError> {
        let mut running = self.running.lock().await;
        let running = start(&mut running).await?;
        let directory = tenant.directory_tenant_id.as_uuid();
        let sim_tenant = running
            .sim
            .credentials()
            .into_iter()
            .find(|c| c.tenant_id == directory)
            .ok_or_else(|| {
                ConnectError::new(ReasonCode::TenantNotInSimulatedCloud,
                    format!(
                        "{} is marked simulated but the simulated cloud does not serve its directory id.",
                        tenant.display_name
                    ),
                )
            })?;
        Ok(GraphSession {
            client: running.client.clone(),
            credentials: Credentials::with_secret(
                sim_tenant.tenant_id.to_string(),
                sim_tenant.client_id.to_string(),
                sim_tenant.client_secret,
            ),
        })
    }

    /// Stops the demo cloud if it runs.
    pub async fn stop(&self) {
        if let Some(running) = self.running.lock().await.take() {
            if let Err(error) = running.sim.stop().await {
                tracing::warn!(%error, "the demo cloud did not stop cleanly");
            }
        }
    }
}

async fn start(slot: &mut Option<Running>) -> Result<&Running, ConnectError> {
    if slot.is_none() {
        let sim = Simulator::start(SimulatorConfig {
            seed: DEMO_SEED,
            tenants: DEMO_TENANTS,
            policies_per_tenant: DEMO_POLICIES,
            throttle: ThrottleMode::Real,
            latency: demo_latency(),
            port: demo_port(),
            fleet: true,
            ..Default::default()
        })
        .await
        .map_err(|e| {
            ConnectError::new(
                ReasonCode::DemoCloudUnavailable,
                format!("The simulated cloud could not start: {e}"),
            )
        })?;
        for (index, tenant) in sim.credentials().iter().enumerate().skip(1) {
            sim.drift(tenant.tenant_id, &demo_drift(index));
        }
        let base = Url::parse(&sim.base_url())
            .map_err(|e| ConnectError::new(ReasonCode::DemoCloudUnavailable, e.to_string()))?;
        let client = GraphClient::new(GraphSettings::for_endpoints(base.clone(), base))
            .map_err(|e| ConnectError::new(ReasonCode::DemoCloudUnavailable, e.message))?;
        tracing::info!(url = %sim.base_url(), "demo cloud started");
        *slot = Some(Running {
            sim,
            client: Arc::new(client),
        });
    }
    Ok(slot.as_ref().expect("just started"))
}
