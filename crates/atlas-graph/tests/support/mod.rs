//! What the Graph client tests share: a simulator, a client pointed at it, a tenant's
//! credentials.

#![allow(dead_code)]

use std::{sync::Arc, time::Duration};

use atlas_cloudsim::{ManualClock, RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_graph::{Credentials, GraphClient, GraphSettings};
use url::Url;

pub async fn simulator(
    clock: Option<ManualClock>,
    throttle: ThrottleMode,
    policies: usize,
) -> RunningSimulator {
    let mut config = SimulatorConfig {
        tenants: 2,
        policies_per_tenant: policies,
        throttle,
        ..Default::default()
    };
    if let Some(clock) = clock {
        config.clock = Arc::new(clock);
    }
    Simulator::start(config)
        .await
        .expect("the simulator starts")
}

pub fn client(sim: &RunningSimulator, tweak: impl FnOnce(&mut GraphSettings)) -> GraphClient {
    let base = Url::parse(&sim.base_url()).unwrap();
    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    settings.max_backoff = Duration::from_millis(200);
    tweak(&mut settings);
    GraphClient::new(settings).unwrap()
}

pub fn credentials(sim: &RunningSimulator, tenant: usize) -> Credentials {
    let c = &sim.credentials()[tenant];
    Credentials::with_secret(
        c.tenant_id.to_string(),
        c.client_id.to_string(),
        c.client_secret.clone(),
    )
}
