//! The fixture the sync handler tests share: a simulated cloud with one tenant, a SQLite
//! store holding that tenant connected to it, and the handlers registered against it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_domain::{
    CredentialKind, InventoryFilter, OperationRun, OperationType, ProviderConnection, ReasonCode,
    Tenant, Timestamp,
};
use atlas_engine::{HandlerOutcome, HandlerRegistry, Progress, RunContext, SystemClock};
use atlas_graph::{ClientSecret, Credentials, GraphClient, GraphSettings};
use atlas_store::{inventory, policy_versions, runs, testing, Store};
use atlas_sync::{self as sync, ConnectError, GraphSession, TenantGraph};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use url::Url;

/// Connects tenants to the simulator by directory id.
#[derive(Debug)]
pub struct SimGraph {
    client: Arc<GraphClient>,
    sim_credentials: Vec<atlas_cloudsim::TenantCredentials>,
    /// Sign in with a wrong client secret (as after a secret was rotated in Entra only).
    wrong_secret: Arc<std::sync::atomic::AtomicBool>,
}

#[async_trait::async_trait]
impl TenantGraph for SimGraph {
    async fn session(&self, tenant: &Tenant) -> Result<GraphSession, ConnectError> {
        let c = self
            .sim_credentials
            .iter()
            .find(|c| c.tenant_id == tenant.directory_tenant_id.as_uuid())
            .ok_or_else(|| ConnectError::new(ReasonCode::TenantNotInSimulatedCloud, "unknown"))?;
        let secret = match self.wrong_secret.load(std::sync::atomic::Ordering::Relaxed) {
            true => format!("{}-old", c.client_secret),
            false => c.client_secret.clone(),
        };
        Ok(GraphSession {
            client: self.client.clone(),
            credentials: Credentials::with_secret(
                c.tenant_id.to_string(),
                c.client_id.to_string(),
                ClientSecret::new(secret),
            ),
        })
    }
}

pub struct Env {
    pub sim: RunningSimulator,
    /// The client every handler's session uses (its counters show retries and renewals).
    pub client: Arc<GraphClient>,
    pub store: Store,
    pub tenant: Tenant,
    pub registry: HandlerRegistry,
    pub wrong_secret: Arc<std::sync::atomic::AtomicBool>,
    _dir: tempfile::TempDir,
}

pub async fn env(policies: usize) -> Env {
    env_with_clock(policies, Arc::new(atlas_cloudsim::SystemClock)).await
}

/// The fixture with the simulator's clock given (a manual one moves only when told).
pub async fn env_with_clock(policies: usize, clock: Arc<dyn atlas_cloudsim::Clock>) -> Env {
    let sim = Simulator::start(SimulatorConfig {
        tenants: 1,
        policies_per_tenant: policies,
        throttle: ThrottleMode::Off,
        clock,
        ..Default::default()
    })
    .await
    .unwrap();
    let (store, dir) = testing::sqlite_store().await;
    let now = Timestamp::now();
    let info = &sim.credentials()[0];
    let (_, _, tenant) = testing::owner_workspace_tenant(&store, now, |ws| Tenant {
        primary_domain: Some(info.primary_domain.clone()),
        connection: Some(ProviderConnection {
            client_id: info.client_id.to_string(),
            credential_kind: CredentialKind::ClientSecret,
            credential_ref: None,
            credential_updated_at: None,
            credential_expiry: None,
        }),
        ..testing::tenant(
            ws,
            &info.display_name,
            info.tenant_id.to_string().parse().unwrap(),
            now,
        )
    })
    .await;
    let base = Url::parse(&sim.base_url()).unwrap();
    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    // Retries of a failing object wait milliseconds here, not the production backoff.
    settings.max_backoff = std::time::Duration::from_millis(50);
    let client = Arc::new(GraphClient::new(settings).unwrap());
    let wrong_secret = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let graph = Arc::new(SimGraph {
        client: client.clone(),
        sim_credentials: sim.credentials(),
        wrong_secret: wrong_secret.clone(),
    });
    let mut registry = HandlerRegistry::new();
    sync::register(&mut registry, graph);
    Env {
        sim,
        client,
        store,
        tenant,
        registry,
        wrong_secret,
        _dir: dir,
    }
}

impl Env {
    pub async fn connection(&self) -> atlas_domain::ConnectionCheck {
        let mut conn = self.store.conn().await.unwrap();
        atlas_store::tenants::get(&mut conn, self.tenant.id)
            .await
            .unwrap()
            .unwrap()
            .connection_check
    }

    /// Runs one handler the way a worker would, for a run stored first.
    pub async fn run(
        &self,
        operation: OperationType,
        inputs: serde_json::Value,
    ) -> (OperationRun, HandlerOutcome) {
        let run = OperationRun::queued(
            self.tenant.workspace_id,
            Some(self.tenant.id),
            None,
            operation,
            uuid::Uuid::new_v4().to_string(),
            json!({ "inputs": inputs }),
            Timestamp::now(),
        );
        let mut conn = self.store.conn().await.unwrap();
        runs::insert(&mut conn, &run).await.unwrap();
        drop(conn);
        let handler = self.registry.get(operation).unwrap();
        handler.validate_inputs(&inputs).unwrap();
        let ctx = RunContext {
            run: run.clone(),
            progress: Progress::default(),
            cancel: CancellationToken::new(),
            store: self.store.clone(),
            clock: Arc::new(SystemClock),
        };
        let outcome = handler.execute(ctx).await.unwrap();
        (run, outcome)
    }

    pub async fn items(&self, include_removed: bool) -> Vec<atlas_domain::InventoryItem> {
        let mut conn = self.store.conn().await.unwrap();
        inventory::list(
            &mut conn,
            self.tenant.id,
            &InventoryFilter {
                include_removed,
                limit: 100_000,
                ..InventoryFilter::default()
            },
        )
        .await
        .unwrap()
        .items
    }

    /// What inventory holds: (type, id) → content hash, for items not marked removed.
    pub async fn item_set(&self) -> BTreeMap<(String, String), String> {
        self.items(false)
            .await
            .into_iter()
            .map(|i| ((i.object_type, i.external_id), i.content_hash))
            .collect()
    }

    /// The newest captured version's hash of every object of one type, by object id.
    pub async fn versions(&self, object_type: &str) -> HashMap<String, String> {
        let mut conn = self.store.conn().await.unwrap();
        policy_versions::latest_hashes(&mut conn, self.tenant.id, object_type)
            .await
            .unwrap()
    }

    /// The ids of every object the simulated tenant holds, by catalog type key.
    pub fn sim_ids(&self) -> BTreeMap<&'static str, BTreeSet<String>> {
        let tenant = &self.sim.cloud().tenants()[0];
        let data = tenant.data.read().unwrap();
        let mut ids: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        for (path, objects) in &data.collections {
            for object in objects {
                let ty = atlas_cloudsim::model::catalog_type(path, object.odata_type())
                    .expect("every simulated object has a catalog type");
                ids.entry(ty.key)
                    .or_default()
                    .insert(object.id().to_owned());
            }
        }
        ids
    }

    pub fn sim_tenant_id(&self) -> uuid::Uuid {
        self.sim.credentials()[0].tenant_id
    }
}

/// The catalog types a default inventory sync reads: every one but directory objects.
pub fn inventory_types() -> BTreeSet<String> {
    atlas_graph::CATALOG
        .iter()
        .filter(|t| t.category != atlas_graph::Category::Directory)
        .map(|t| t.key.to_owned())
        .collect()
}

/// The per-type completeness records of a run's result, by type key.
pub fn types_of(outcome: &HandlerOutcome) -> serde_json::Map<String, serde_json::Value> {
    let result = outcome.result.as_ref().expect("the run has a result");
    let types = result.types().expect("the result records every type read");
    match serde_json::to_value(types).unwrap() {
        serde_json::Value::Object(map) => map,
        other => panic!("types read as {other}"),
    }
}

/// Only the settings catalog (no foundations, no dependencies), so a fault's effect lands on
/// one listing and its objects' details.
pub fn settings_catalog_only() -> serde_json::Value {
    json!({ "selection": {
        "policy_types": ["settings_catalog"],
        "include_foundations": false,
        "include_dependencies": false,
    } })
}
