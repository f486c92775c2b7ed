//! The tenant sync handlers against the simulated cloud, on SQLite: what they store, how drift
//! between syncs shows, and that faults end in a truthful outcome with the failed items named.

use std::sync::Arc;

use atlas_cloudsim::{
    DriftRequest, Faults, RunningSimulator, Simulator, SimulatorConfig, ThrottleMode,
};
use atlas_domain::{
    CredentialKind, InventoryFilter, Membership, OperationRun, OperationType, ProviderConnection,
    ReportType, Role, RunOutcome, Tenant, TenantId, TenantStatus, Timestamp, Workspace,
    WorkspaceId,
};
use atlas_engine::{
    sync, ConnectError, GraphSession, HandlerOutcome, HandlerRegistry, Progress, RunContext,
    SystemClock, TenantGraph,
};
use atlas_graph::{ClientSecret, Credentials, GraphClient, GraphSettings};
use atlas_store::{
    inventory, memberships, policy_versions, reports, runs, tenants, users, workspaces, Store,
    StoreConfig,
};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use url::Url;

/// Connects tenants to the simulator by directory id.
#[derive(Debug)]
struct SimGraph {
    client: Arc<GraphClient>,
    sim_credentials: Vec<atlas_cloudsim::TenantCredentials>,
}

#[async_trait::async_trait]
impl TenantGraph for SimGraph {
    async fn session(&self, tenant: &Tenant) -> Result<GraphSession, ConnectError> {
        let c = self
            .sim_credentials
            .iter()
            .find(|c| c.tenant_id == tenant.directory_tenant_id.as_uuid())
            .ok_or_else(|| ConnectError::new("tenant.not_in_simulated_cloud", "unknown"))?;
        Ok(GraphSession {
            client: self.client.clone(),
            credentials: Credentials::with_secret(
                c.tenant_id.to_string(),
                c.client_id.to_string(),
                ClientSecret::new(c.client_secret.clone()),
            ),
        })
    }
}

struct Env {
    sim: RunningSimulator,
    store: Store,
    tenant: Tenant,
    registry: HandlerRegistry,
    _dir: tempfile::TempDir,
}

async fn env(policies: usize) -> Env {
    let sim = Simulator::start(SimulatorConfig {
        tenants: 1,
        policies_per_tenant: policies,
        throttle: ThrottleMode::Off,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("t.db"),
    })
    .await
    .unwrap();
    let now = Timestamp::now();
    let info = &sim.credentials()[0];
    let mut tx = store.begin().await.unwrap();
    let user = users::upsert_by_login(&mut tx, "local:ann", "Ann", now)
        .await
        .unwrap()
        .id;
    let ws = Workspace {
        id: WorkspaceId::new(),
        slug: "w".into(),
        name: "W".into(),
        created_at: now,
        updated_at: now,
    };
    workspaces::insert(&mut tx, &ws).await.unwrap();
    memberships::upsert(
        &mut tx,
        &Membership {
            workspace_id: ws.id,
            user_id: user,
            role: Role::Owner,
            all_tenants: true,
        },
        now,
    )
    .await
    .unwrap();
    let tenant = Tenant {
        id: TenantId::new(),
        workspace_id: ws.id,
        display_name: info.display_name.clone(),
        directory_tenant_id: info.tenant_id.to_string().parse().unwrap(),
        primary_domain: Some(info.primary_domain.clone()),
        status: TenantStatus::Active,
        simulated: true,
        connection: Some(ProviderConnection {
            client_id: info.client_id.to_string(),
            credential_kind: CredentialKind::ClientSecret,
            credential_ref: None,
            credential_updated_at: None,
        }),
        connection_check: Default::default(),
        created_at: now,
        updated_at: now,
    };
    tenants::insert(&mut tx, &tenant).await.unwrap();
    tx.commit().await.unwrap();
    let base = Url::parse(&sim.base_url()).unwrap();
    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    // Retries of a failing object wait milliseconds here, not the production backoff.
    settings.max_backoff = std::time::Duration::from_millis(50);
    let graph = Arc::new(SimGraph {
        client: Arc::new(GraphClient::new(settings).unwrap()),
        sim_credentials: sim.credentials(),
    });
    let mut registry = HandlerRegistry::new();
    sync::register(&mut registry, graph);
    Env {
        sim,
        store,
        tenant,
        registry,
        _dir: dir,
    }
}

impl Env {
    /// Runs one handler the way a worker would, for a run stored first.
    async fn run(
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

    async fn items(&self, include_removed: bool) -> Vec<atlas_domain::InventoryItem> {
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inventory_sync_records_the_tenant_and_marks_drift() {
    let env = env(90).await;
    let (_, outcome) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(
        outcome.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        outcome.failures
    );
    let first = env.items(false).await;
    assert!(
        first.len() >= 90,
        "every policy and foundation object: {}",
        first.len()
    );
    assert_eq!(outcome.counts["items"], first.len() as i64);
    assert!(outcome.result["types"]["settings_catalog"]["complete"]
        .as_bool()
        .unwrap());

    let drift = env
        .sim
        .drift(
            env.sim.credentials()[0].tenant_id,
            &DriftRequest {
                modify: 2,
                add: 1,
                delete: 2,
                seed: Some(5),
            },
        )
        .unwrap();
    let deleted: Vec<String> = drift.deleted.values().flatten().cloned().collect();
    let (_, again) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(again.outcome, RunOutcome::Succeeded);
    assert_eq!(again.counts["deleted"], 2);
    let all = env.items(true).await;
    for id in &deleted {
        let item = all
            .iter()
            .find(|i| &i.external_id == id)
            .expect("removed items are kept");
        assert!(item.removed_at.is_some(), "{id} is marked removed");
    }
    assert_eq!(env.items(false).await.len(), first.len() - 2 + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_listing_is_partial_and_removes_nothing() {
    let env = env(700).await;
    env.run(OperationType::InventorySync, json!({})).await;
    let before = env.items(false).await.len();
    env.sim
        .set_faults(Faults {
            truncated_page: true,
            ..Faults::default()
        })
        .unwrap();
    let (_, outcome) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(outcome.outcome, RunOutcome::PartiallySucceeded);
    let sc = &outcome.result["types"]["settings_catalog"];
    assert_eq!(sc["complete"], false);
    assert!(outcome
        .failures
        .iter()
        .any(|f| f.message.contains("Settings catalog policy")));
    assert_eq!(
        env.items(false).await.len(),
        before,
        "nothing was marked removed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_versions_are_written_only_on_change_and_failures_are_named() {
    let env = env(60).await;
    let (_, first) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(first.outcome, RunOutcome::Succeeded, "{:?}", first.failures);
    let mut conn = env.store.conn().await.unwrap();
    let captured = policy_versions::count_for_tenant(&mut conn, env.tenant.id)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(captured, first.counts["created"]);
    let (_, second) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(
        second.counts.get("created").copied().unwrap_or(0),
        0,
        "nothing changed"
    );

    let tenant_id = env.sim.credentials()[0].tenant_id;
    let drift = env
        .sim
        .drift(
            tenant_id,
            &DriftRequest {
                modify: 3,
                add: 0,
                delete: 0,
                seed: Some(1),
            },
        )
        .unwrap();
    let modified: Vec<String> = drift.modified.values().flatten().cloned().collect();
    env.sim
        .set_faults(Faults {
            fail_objects: vec![modified[0].clone()],
            ..Faults::default()
        })
        .unwrap();
    let (_, third) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(third.outcome, RunOutcome::PartiallySucceeded);
    assert!(
        third
            .failures
            .iter()
            .any(|f| f.message.contains(&modified[0])),
        "{:?}",
        third.failures
    );
    assert!(
        third.counts["created"] >= 1,
        "the other modified objects were captured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_syncs_cache_groups_and_store_the_rbac_report() {
    let env = env(20).await;
    let (_, groups) = env.run(OperationType::EntraGroupSync, json!({})).await;
    assert_eq!(groups.outcome, RunOutcome::Succeeded);
    assert!(groups.counts["items"] > 0);
    let (run, roles) = env
        .run(OperationType::DirectoryRoleDefinitionsSync, json!({}))
        .await;
    assert_eq!(roles.outcome, RunOutcome::Succeeded, "{:?}", roles.failures);
    let mut conn = env.store.conn().await.unwrap();
    let report = reports::latest(&mut conn, env.tenant.id, ReportType::RbacHardening)
        .await
        .unwrap()
        .expect("a report was stored");
    assert_eq!(report.run_id, Some(run.id));
    assert!(report.payload.get("findings").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_tenant_is_blocked_before_any_request() {
    let env = env(10).await;
    let mut conn = env.store.conn().await.unwrap();
    tenants::set_status(
        &mut conn,
        env.tenant.id,
        TenantStatus::Paused,
        Timestamp::now(),
    )
    .await
    .unwrap();
    drop(conn);
    let (_, outcome) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(outcome.outcome, RunOutcome::Blocked);
    assert_eq!(outcome.reason_code.as_deref(), Some("tenant.not_active"));
    assert_eq!(env.sim.stats().total.requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_database() {
    let env = env(40).await;
    for op in [
        OperationType::InventorySync,
        OperationType::PolicySync,
        OperationType::EntraGroupSync,
    ] {
        env.run(op, json!({})).await;
    }
    env.store.close().await;
    let bytes = std::fs::read(env._dir.path().join("t.db")).unwrap();
    let mut all = bytes;
    if let Ok(wal) = std::fs::read(env._dir.path().join("t.db-wal")) {
        all.extend(wal);
    }
    let secret = env.sim.credentials()[0].client_secret.clone();
    assert!(
        !all.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "the client secret is not stored"
    );
}
