//! Capture and compare against the simulated cloud, on both engines: snapshots proven
//! complete (or left incomplete with a reason, never complete), identical captures reused,
//! every compare guard, and findings that open, hold, resolve and reopen as the test changes
//! the customer tenant.

use std::sync::Arc;
use std::time::Duration;

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_domain::{
    BaselineProfile, BaselineProfileId, BaselineStatus, CaptureMode, CredentialKind, FindingFilter,
    FindingKind, FindingStatus, OperationType, ProviderConnection, ReasonCode, RunOutcome,
    RunResult, SnapshotState, Tenant, TenantStatus, Timestamp, UserId,
};
use atlas_engine::{
    Clock, EngineConfig, HandlerOutcome, HandlerRegistry, ManualClock, Progress, ReconcileOptions,
    Reconciler, RunContext, RunService, StartRequest, SystemClock,
};
use atlas_graph::{ClientSecret, Credentials, GraphClient, GraphSettings};
use atlas_store::{baselines, findings, runs, tenants, testing, Store};
use atlas_sync::{ConnectError, GraphSession, TenantGraph};
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
            .ok_or_else(|| ConnectError::new(ReasonCode::TenantNotInSimulatedCloud, "unknown"))?;
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

/// Runs each listed test on SQLite and on PostgreSQL.
macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let (store, _dir) = atlas_store::testing::sqlite_store().await;
                super::$name(store).await;
            } )+
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(atlas_store::testing::postgres_store().await).await;
            } )+
        }
    };
}

both_engines!(
    a_full_capture_is_proven_complete_and_an_identical_one_is_reused,
    findings_open_hold_resolve_and_reopen_across_three_compares,
    metadata_baselines_need_an_inventory_and_compare_by_fingerprint,
    every_guard_blocks_the_compare_and_writes_no_finding,
    a_paused_source_is_blocked_before_a_snapshot_exists,
    a_capture_whose_worker_died_leaves_an_incomplete_snapshot,
    an_assembly_error_leaves_the_snapshot_incomplete_never_complete,
    an_unreachable_source_is_refused_before_a_snapshot_exists,
);

/// The planted value a secret field holds in the customer tenant.
const PLANTED_SECRET: &str = "Pl4nted-0MA-Secret-Value";

struct Env {
    sim: RunningSimulator,
    store: Store,
    owner: UserId,
    source: Tenant,
    target: Tenant,
    registry: Arc<HandlerRegistry>,
}

fn connected(info: &atlas_cloudsim::TenantCredentials, ws: atlas_domain::WorkspaceId) -> Tenant {
    Tenant {
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
            Timestamp::now(),
        )
    }
}

/// Two simulated tenants, stored: the reference (source) and a customer (target) whose
/// configuration starts as an exact copy of the reference's.
async fn env(store: Store) -> Env {
    let sim = Simulator::start(SimulatorConfig {
        tenants: 2,
        policies_per_tenant: 80,
        throttle: ThrottleMode::Off,
        ..Default::default()
    })
    .await
    .unwrap();
    let creds = sim.credentials();
    let (owner, ws, source) =
        testing::owner_workspace_tenant(&store, Timestamp::now(), |ws| connected(&creds[0], ws))
            .await;
    let target = connected(&creds[1], ws);
    testing::insert_tenant(&store, &target).await;
    let copy = sim.cloud().tenants()[0].data.read().unwrap().clone();
    *sim.cloud().tenants()[1].data.write().unwrap() = copy;

    let base = Url::parse(&sim.base_url()).unwrap();
    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    settings.max_backoff = Duration::from_millis(50);
    let client = Arc::new(GraphClient::new(settings).unwrap());
    let mut registry = HandlerRegistry::new();
    let graph = Arc::new(SimGraph {
        client,
        sim_credentials: creds,
    });
    atlas_sync::register(&mut registry, graph.clone());
    atlas_baselines::register(&mut registry, graph);
    Env {
        sim,
        store,
        owner,
        source,
        target,
        registry: Arc::new(registry),
    }
}

impl Env {
    /// Runs one handler the way a worker would: queued, claimed, executed, completed.
    async fn run(
        &self,
        tenant: &Tenant,
        operation: OperationType,
        inputs: serde_json::Value,
    ) -> HandlerOutcome {
        let service = RunService::new(
            self.store.clone(),
            Arc::new(SystemClock),
            Arc::new(EngineConfig::default()),
            self.registry.clone(),
        );
        let started = service
            .start(StartRequest {
                workspace_id: tenant.workspace_id,
                tenant_id: Some(tenant.id),
                initiator: None,
                operation,
                inputs,
                identity: None,
                batch: None,
                notify: true,
            })
            .await
            .unwrap();
        let run = service.claim("test-worker").await.unwrap().unwrap();
        assert_eq!(run.id, started.run.id);
        let ctx = RunContext {
            run: run.clone(),
            progress: Progress::default(),
            cancel: CancellationToken::new(),
            store: self.store.clone(),
            clock: Arc::new(SystemClock),
        };
        let outcome = self
            .registry
            .get(operation)
            .unwrap()
            .execute(ctx)
            .await
            .unwrap();
        service
            .complete(run.id, "test-worker", outcome.clone())
            .await
            .unwrap();
        outcome
    }

    /// An active profile capturing from the source, with the target assigned.
    async fn profile(&self, mode: CaptureMode, status: BaselineStatus) -> BaselineProfile {
        let now = Timestamp::now();
        let profile = BaselineProfile {
            id: BaselineProfileId::new(),
            workspace_id: self.source.workspace_id,
            name: format!("{mode} baseline"),
            description: String::new(),
            status,
            capture_mode: mode,
            scope: vec![],
            source_tenant_id: Some(self.source.id),
            current_snapshot_id: None,
            severity_rules: vec![],
            created_at: now,
            updated_at: now,
        };
        let mut db = self.store.conn().await.unwrap();
        baselines::insert_profile(&mut db, &profile).await.unwrap();
        baselines::assign(
            &mut db,
            profile.workspace_id,
            profile.id,
            self.target.id,
            now,
        )
        .await
        .unwrap();
        profile
    }

    async fn capture(&self, profile: &BaselineProfile) -> HandlerOutcome {
        self.run(
            &self.source,
            OperationType::BaselineCapture,
            json!({ "profile_id": profile.id }),
        )
        .await
    }

    async fn compare(&self, inputs: serde_json::Value) -> HandlerOutcome {
        self.run(&self.target, OperationType::BaselineCompare, inputs)
            .await
    }

    async fn findings(&self) -> Vec<atlas_domain::FindingSummary> {
        let mut db = self.store.conn().await.unwrap();
        findings::list(
            &mut db,
            self.target.workspace_id,
            None,
            &FindingFilter {
                limit: 500,
                ..FindingFilter::default()
            },
        )
        .await
        .unwrap()
        .items
    }

    /// Edits the customer tenant in the simulator.
    fn edit_target(&self, edit: impl FnOnce(&mut atlas_cloudsim::model::TenantData)) {
        edit(&mut self.sim.cloud().tenants()[1].data.write().unwrap());
    }
}

const DEVICE_CONFIGURATIONS: &str = "deviceManagement/deviceConfigurations";
const COMPLIANCE: &str = "deviceManagement/deviceCompliancePolicies";

/// The first object of a collection that has a unique display name there.
fn uniquely_named(data: &atlas_cloudsim::model::TenantData, path: &str) -> (String, String) {
    let objects = data.collection(path);
    let name = |o: &atlas_cloudsim::model::SimObject| {
        o.body["displayName"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
    };
    let o = objects
        .iter()
        .find(|o| objects.iter().filter(|p| name(p) == name(o)).count() == 1)
        .expect("an object with a unique name");
    (
        o.id().to_owned(),
        o.body["displayName"].as_str().unwrap().to_owned(),
    )
}

fn result(outcome: &HandlerOutcome) -> RunResult {
    outcome.result.clone().expect("a typed result")
}

async fn a_full_capture_is_proven_complete_and_an_identical_one_is_reused(store: Store) {
    let env = env(store).await;
    let profile = env
        .profile(CaptureMode::FullContent, BaselineStatus::Active)
        .await;
    let outcome = env.capture(&profile).await;
    assert_eq!(
        outcome.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        outcome.failures
    );
    let RunResult::BaselineCapture {
        snapshot_id: Some(snapshot_id),
        reused: false,
        items,
        ambiguous,
        ..
    } = result(&outcome)
    else {
        panic!("a new snapshot: {:?}", outcome.result)
    };
    assert!(items > 20, "{items} items");
    assert!(
        !ambiguous.is_empty(),
        "the generated tenant repeats a display name: set aside, never guessed"
    );

    let mut db = env.store.conn().await.unwrap();
    let snapshot = baselines::get_snapshot(&mut db, snapshot_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(snapshot.state, SnapshotState::Complete);
    let proof = snapshot.proof.clone().unwrap();
    assert_eq!(
        (proof.expected_items, proof.persisted_items),
        (items, items)
    );
    assert_eq!(
        snapshot.ambiguous, ambiguous,
        "the gaps are kept with the snapshot"
    );
    let stored = baselines::list_items(&mut db, snapshot_id).await.unwrap();
    assert_eq!(stored.len() as i64, items);
    assert!(stored.iter().all(|i| i.content.is_some()), "full content");
    assert!(
        ambiguous
            .iter()
            .all(|gap| stored.iter().all(|i| i.subject_key != gap.subject_key)),
        "no ambiguous subject is an item"
    );
    assert!(
        stored
            .iter()
            .all(|i| i.content.as_ref().unwrap().get("assignments").is_none()),
        "assignments belong to the tenant, not the baseline"
    );
    let current = baselines::get_profile(&mut db, profile.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.current_snapshot_id, Some(snapshot_id));
    drop(db);

    // Nothing changed in the source: the identical snapshot is reused, not stored twice.
    let again = env.capture(&profile).await;
    assert_eq!(again.outcome, RunOutcome::Succeeded);
    let RunResult::BaselineCapture {
        snapshot_id: reused_id,
        reused,
        ..
    } = result(&again)
    else {
        panic!()
    };
    assert!(reused, "the run says it reused the snapshot");
    assert_eq!(reused_id, Some(snapshot_id));
    let mut db = env.store.conn().await.unwrap();
    assert_eq!(
        baselines::list_snapshots(&mut db, profile.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn findings_open_hold_resolve_and_reopen_across_three_compares(store: Store) {
    let env = env(store).await;
    let profile = env
        .profile(CaptureMode::FullContent, BaselineStatus::Active)
        .await;
    assert_eq!(env.capture(&profile).await.outcome, RunOutcome::Succeeded);

    // A clean copy has no drift.
    let clean = env.compare(json!({})).await;
    assert_eq!(clean.outcome, RunOutcome::Succeeded, "{:?}", clean.failures);
    assert!(env.findings().await.is_empty());

    // Drift: a changed setting with a planted secret, a removed and an extra policy.
    let (mut changed, mut removed, mut extra) = Default::default();
    env.edit_target(|data| {
        let (id, name) = uniquely_named(data, DEVICE_CONFIGURATIONS);
        let object = data.find_mut(DEVICE_CONFIGURATIONS, &id).unwrap();
        object.body.insert("passwordMinimumLength".into(), json!(4));
        object.body.insert(
            "omaSettings".into(),
            json!([{ "omaUri": "./Device/Vendor/MSFT/Planted", "value": PLANTED_SECRET }]),
        );
        changed = name;
        let (id, name) = uniquely_named(data, COMPLIANCE);
        data.remove(COMPLIANCE, &id).unwrap();
        removed = name;
        let mut copy = data.collection(COMPLIANCE)[0].clone();
        copy.body
            .insert("id".into(), json!(uuid::Uuid::new_v4().to_string()));
        copy.body
            .insert("displayName".into(), json!("Contoso kiosk exception"));
        data.push(COMPLIANCE, copy);
        extra = "Contoso kiosk exception".to_owned();
    });
    let first = env.compare(json!({})).await;
    assert_eq!(first.outcome, RunOutcome::Succeeded, "{:?}", first.failures);
    let found = env.findings().await;
    let kind_of = |name: &str| {
        found
            .iter()
            .find(|f| f.display_name == name)
            .map(|f| (f.kind, f.status))
    };
    assert_eq!(
        kind_of(&changed),
        Some((FindingKind::Drifted, FindingStatus::Open))
    );
    assert_eq!(
        kind_of(&removed),
        Some((FindingKind::Missing, FindingStatus::Open))
    );
    assert_eq!(
        kind_of(&extra),
        Some((FindingKind::Unexpected, FindingStatus::Open))
    );
    assert_eq!(found.len(), 3, "{found:?}");
    let missing = found.iter().find(|f| f.display_name == removed).unwrap();
    assert_eq!(
        missing.severity,
        atlas_domain::Severity::High,
        "missing compliance is high"
    );
    let drifted = found
        .iter()
        .find(|f| f.display_name == changed)
        .unwrap()
        .clone();
    let mut db = env.store.conn().await.unwrap();
    let evidence = findings::get(&mut db, drifted.id)
        .await
        .unwrap()
        .unwrap()
        .evidence;
    assert!(!evidence.reference_only);
    assert!(
        evidence
            .rows
            .iter()
            .any(|r| r.after.as_deref() == Some("4")),
        "the changed setting with its tenant value: {:?}",
        evidence.rows
    );
    let text = serde_json::to_string(&evidence).unwrap();
    assert!(
        !text.contains(PLANTED_SECRET),
        "no secret value in evidence"
    );

    // Acknowledge the drift (a customer exception); fix the missing policy in the tenant.
    let user = env.owner;
    assert!(
        findings::acknowledge(&mut db, drifted.id, user, "Kiosks", Timestamp::now())
            .await
            .unwrap()
    );
    drop(db);
    let removed_object = {
        let source = env.sim.cloud().tenants()[0].data.read().unwrap();
        source
            .collection(COMPLIANCE)
            .iter()
            .find(|o| o.body["displayName"] == json!(removed))
            .unwrap()
            .clone()
    };
    env.edit_target(|data| {
        data.push(COMPLIANCE, removed_object);
    });
    let second = env.compare(json!({})).await;
    let RunResult::BaselineCompare {
        findings: changes, ..
    } = result(&second)
    else {
        panic!()
    };
    assert_eq!((changes.opened, changes.resolved), (0, 1), "{changes:?}");
    let found = env.findings().await;
    let status_of = |name: &str| {
        found
            .iter()
            .find(|f| f.display_name == name)
            .unwrap()
            .status
    };
    assert_eq!(
        status_of(&changed),
        FindingStatus::Acknowledged,
        "same evidence: held"
    );
    let held = found.iter().find(|f| f.display_name == changed).unwrap();
    assert_ne!(
        held.last_seen_run_id, drifted.last_seen_run_id,
        "a held finding records the compare that saw it again"
    );
    assert_eq!(held.first_seen_run_id, drifted.first_seen_run_id);
    assert_eq!(status_of(&removed), FindingStatus::Resolved);
    let resolved = found.iter().find(|f| f.display_name == removed).unwrap();
    assert!(
        resolved.resolved_by_run_id.is_some(),
        "says which run resolved it"
    );

    // A different drift on the acknowledged subject reopens it; the missing one returns.
    env.edit_target(|data| {
        let id = data
            .collection(DEVICE_CONFIGURATIONS)
            .iter()
            .find(|o| o.body["displayName"] == json!(changed))
            .unwrap()
            .id()
            .to_owned();
        let object = data.find_mut(DEVICE_CONFIGURATIONS, &id).unwrap();
        object.body.insert("passwordMinimumLength".into(), json!(5));
        let id = data
            .collection(COMPLIANCE)
            .iter()
            .find(|o| o.body["displayName"] == json!(removed))
            .unwrap()
            .id()
            .to_owned();
        data.remove(COMPLIANCE, &id);
    });
    let third = env.compare(json!({})).await;
    let RunResult::BaselineCompare {
        findings: changes, ..
    } = result(&third)
    else {
        panic!()
    };
    assert_eq!(changes.reopened, 2, "{changes:?}");
    let found = env.findings().await;
    let status_of = |name: &str| {
        found
            .iter()
            .find(|f| f.display_name == name)
            .unwrap()
            .status
    };
    assert_eq!(status_of(&changed), FindingStatus::Open);
    assert_eq!(status_of(&removed), FindingStatus::Open);
    let mut db = env.store.conn().await.unwrap();
    let history = findings::events(&mut db, drifted.id).await.unwrap();
    let actions: Vec<_> = history.iter().map(|e| e.action.code()).collect();
    assert_eq!(actions, ["opened", "reopened"], "{history:?}");
}

async fn metadata_baselines_need_an_inventory_and_compare_by_fingerprint(store: Store) {
    let env = env(store).await;
    let profile = env.profile(CaptureMode::Meta, BaselineStatus::Active).await;
    let blocked = env.capture(&profile).await;
    assert_eq!(blocked.outcome, RunOutcome::Blocked);
    assert_eq!(
        blocked.failures[0].reason_code,
        ReasonCode::CaptureSourceNotSynced
    );

    env.run(&env.source, OperationType::InventorySync, json!({}))
        .await;
    let captured = env.capture(&profile).await;
    assert_eq!(
        captured.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        captured.failures
    );
    let RunResult::BaselineCapture { items, .. } = result(&captured) else {
        panic!()
    };
    assert!(items > 20);

    let not_synced = env.compare(json!({})).await;
    assert_eq!(not_synced.outcome, RunOutcome::Blocked);
    assert_eq!(
        not_synced.failures[0].reason_code,
        ReasonCode::CompareTenantNotSynced
    );

    env.edit_target(|data| {
        let (id, _) = uniquely_named(data, DEVICE_CONFIGURATIONS);
        let object = data.find_mut(DEVICE_CONFIGURATIONS, &id).unwrap();
        object.body.insert("passwordMinimumLength".into(), json!(4));
        // Assignments and names are the tenant's own: no drift.
        let (id, name) = uniquely_named(data, COMPLIANCE);
        let object = data.find_mut(COMPLIANCE, &id).unwrap();
        object
            .body
            .insert("displayName".into(), json!(name.to_uppercase()));
        object.navs.insert("assignments".into(), vec![]);
    });
    env.run(&env.target, OperationType::InventorySync, json!({}))
        .await;
    let compared = env.compare(json!({})).await;
    assert_eq!(
        compared.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        compared.failures
    );
    let RunResult::BaselineCompare {
        drifted,
        missing,
        unexpected,
        coverage,
        ..
    } = result(&compared)
    else {
        panic!()
    };
    assert_eq!((drifted, missing, unexpected), (1, 0, 0));
    assert!(coverage
        .values()
        .all(|c| c.coverage != atlas_domain::Coverage::Full));
    let found = env.findings().await;
    let mut db = env.store.conn().await.unwrap();
    let evidence = findings::get(&mut db, found[0].id)
        .await
        .unwrap()
        .unwrap()
        .evidence;
    assert!(
        evidence.reference_only,
        "a metadata baseline knows fingerprints only"
    );
}

async fn every_guard_blocks_the_compare_and_writes_no_finding(store: Store) {
    let env = env(store).await;
    let blocked = |outcome: HandlerOutcome| {
        assert_eq!(
            outcome.outcome,
            RunOutcome::Blocked,
            "{:?}",
            outcome.failures
        );
        outcome.failures[0].reason_code
    };
    assert_eq!(
        blocked(env.compare(json!({})).await),
        ReasonCode::CompareNoAssignment
    );

    let profile = env
        .profile(CaptureMode::FullContent, BaselineStatus::Draft)
        .await;
    assert_eq!(
        blocked(env.compare(json!({})).await),
        ReasonCode::CompareProfileNotActive
    );
    assert_eq!(
        blocked(env.capture(&profile).await),
        ReasonCode::CaptureProfileNotActive
    );

    let active = BaselineProfile {
        status: BaselineStatus::Active,
        ..profile.clone()
    };
    let mut db = env.store.conn().await.unwrap();
    baselines::update_profile(&mut db, &active).await.unwrap();
    drop(db);
    assert_eq!(
        blocked(env.compare(json!({})).await),
        ReasonCode::CompareNoConsumableSnapshot
    );

    let first = env.capture(&active).await;
    let RunResult::BaselineCapture {
        snapshot_id: Some(older),
        ..
    } = result(&first)
    else {
        panic!()
    };
    env.sim.cloud().tenants()[0]
        .data
        .write()
        .unwrap()
        .collections
        .get_mut(COMPLIANCE)
        .unwrap()
        .pop();
    let second = env.capture(&active).await;
    let RunResult::BaselineCapture {
        snapshot_id: Some(newer),
        reused: false,
        ..
    } = result(&second)
    else {
        panic!("a changed source is captured anew")
    };
    assert_ne!(older, newer);
    assert_eq!(
        blocked(env.compare(json!({ "snapshot_id": older })).await),
        ReasonCode::CompareSnapshotSuperseded
    );

    // A snapshot that is building, or that ended incomplete, is never compared against.
    let mut db = env.store.conn().await.unwrap();
    let mut building = baselines::get_snapshot(&mut db, newer)
        .await
        .unwrap()
        .unwrap();
    building.id = atlas_domain::BaselineSnapshotId::new();
    building.state = SnapshotState::Building;
    building.proof = None;
    building.completed_at = None;
    baselines::insert_building_snapshot(&mut db, &building)
        .await
        .unwrap();
    drop(db);
    assert_eq!(
        blocked(env.compare(json!({ "snapshot_id": building.id })).await),
        ReasonCode::CompareSnapshotBuilding
    );
    let mut db = env.store.conn().await.unwrap();
    baselines::fail_snapshot(
        &mut db,
        building.id,
        ReasonCode::SnapshotCaptureFailed,
        Timestamp::now(),
    )
    .await
    .unwrap();
    drop(db);
    assert_eq!(
        blocked(env.compare(json!({ "snapshot_id": building.id })).await),
        ReasonCode::CompareSnapshotIncomplete
    );

    // A snapshot of another profile.
    let other = env.profile_unassigned().await;
    let foreign = env.capture(&other).await;
    let RunResult::BaselineCapture {
        snapshot_id: Some(foreign),
        ..
    } = result(&foreign)
    else {
        panic!()
    };
    assert_eq!(
        blocked(env.compare(json!({ "snapshot_id": foreign })).await),
        ReasonCode::CompareInvalidSnapshot
    );
    assert!(
        env.findings().await.is_empty(),
        "a refused compare writes no finding"
    );

    // Archived after the run was queued: refused inside the job.
    let archived = BaselineProfile {
        status: BaselineStatus::Archived,
        ..active
    };
    let mut db = env.store.conn().await.unwrap();
    baselines::update_profile(&mut db, &archived).await.unwrap();
    drop(db);
    assert_eq!(
        blocked(env.compare(json!({})).await),
        ReasonCode::CompareProfileNotActive
    );
}

impl Env {
    /// A second active profile of the same source, assigned to no one.
    async fn profile_unassigned(&self) -> BaselineProfile {
        let now = Timestamp::now();
        let profile = BaselineProfile {
            id: BaselineProfileId::new(),
            workspace_id: self.source.workspace_id,
            name: "Another baseline".into(),
            description: String::new(),
            status: BaselineStatus::Active,
            capture_mode: CaptureMode::FullContent,
            scope: vec!["compliance_policy".into()],
            source_tenant_id: Some(self.source.id),
            current_snapshot_id: None,
            severity_rules: vec![],
            created_at: now,
            updated_at: now,
        };
        let mut db = self.store.conn().await.unwrap();
        baselines::insert_profile(&mut db, &profile).await.unwrap();
        profile
    }
}

async fn a_paused_source_is_blocked_before_a_snapshot_exists(store: Store) {
    let env = env(store).await;
    let profile = env
        .profile(CaptureMode::FullContent, BaselineStatus::Active)
        .await;
    let mut db = env.store.conn().await.unwrap();
    tenants::set_status(
        &mut db,
        env.source.id,
        TenantStatus::Paused,
        Timestamp::now(),
    )
    .await
    .unwrap();
    drop(db);
    let before = env.sim.stats().total.requests;
    let outcome = env.capture(&profile).await;
    assert_eq!(outcome.outcome, RunOutcome::Blocked);
    assert_eq!(outcome.failures[0].reason_code, ReasonCode::TenantNotActive);
    assert_eq!(
        env.sim.stats().total.requests,
        before,
        "no request was made"
    );
    let mut db = env.store.conn().await.unwrap();
    assert!(baselines::list_snapshots(&mut db, profile.id)
        .await
        .unwrap()
        .is_empty());
}

async fn a_capture_whose_worker_died_leaves_an_incomplete_snapshot(store: Store) {
    let env = env(store).await;
    let profile = env
        .profile(CaptureMode::FullContent, BaselineStatus::Active)
        .await;
    let clock = Arc::new(ManualClock::new(Timestamp::now()));
    let config = Arc::new(EngineConfig::default());
    let service = Arc::new(RunService::new(
        env.store.clone(),
        clock.clone(),
        config.clone(),
        env.registry.clone(),
    ));
    let started = service
        .start(StartRequest {
            workspace_id: env.source.workspace_id,
            tenant_id: Some(env.source.id),
            initiator: None,
            operation: OperationType::BaselineCapture,
            inputs: json!({ "profile_id": profile.id }),
            identity: None,
            batch: None,
            notify: true,
        })
        .await
        .unwrap();
    let run = service.claim("doomed-worker").await.unwrap().unwrap();
    assert_eq!(run.id, started.run.id);
    // The handler got as far as its building snapshot; then the worker process died.
    let snapshot = atlas_domain::BaselineSnapshot {
        id: atlas_domain::BaselineSnapshotId::new(),
        workspace_id: profile.workspace_id,
        profile_id: profile.id,
        source_tenant_id: env.source.id,
        capture_mode: profile.capture_mode,
        state: SnapshotState::Building,
        identity_hash: String::new(),
        producer_run_id: Some(run.id),
        proof: None,
        ambiguous: vec![],
        failure_reason: None,
        failed_at: None,
        created_at: clock.now(),
        completed_at: None,
        proof_rule: None,
    };
    let mut db = env.store.conn().await.unwrap();
    baselines::insert_building_snapshot(&mut db, &snapshot)
        .await
        .unwrap();
    drop(db);

    clock.advance(config.timing.lease + Duration::from_secs(1));
    let report = Reconciler::new(service.clone())
        .pass(&ReconcileOptions::default())
        .await
        .unwrap();
    assert_eq!(report.changes.len(), 1, "{report:?}");
    let mut db = env.store.conn().await.unwrap();
    let run = runs::get(&mut db, run.id).await.unwrap().unwrap();
    assert_eq!(run.outcome, RunOutcome::Failed);
    let settled = baselines::get_snapshot(&mut db, snapshot.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        settled.state,
        SnapshotState::Incomplete,
        "never left building"
    );
    assert_eq!(
        settled.failure_reason,
        Some(ReasonCode::SnapshotProducerEnded)
    );
    let profile = baselines::get_profile(&mut db, profile.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        profile.current_snapshot_id, None,
        "the pointer never moves to it"
    );
}

async fn an_assembly_error_leaves_the_snapshot_incomplete_never_complete(store: Store) {
    let env = env(store).await;
    let profile = env.profile(CaptureMode::Meta, BaselineStatus::Active).await;
    env.run(&env.source, OperationType::InventorySync, json!({}))
        .await;
    // Rows written before fingerprints existed: the capture cannot account for them.
    let sql =
        "UPDATE inventory_items SET config_hash = NULL WHERE object_type = 'compliance_policy'";
    match env.store.conn().await.unwrap() {
        atlas_store::Conn::Sqlite(mut c) => {
            sqlx::query(sql).execute(&mut *c).await.unwrap();
        }
        atlas_store::Conn::Postgres(mut c) => {
            sqlx::query(sql).execute(&mut *c).await.unwrap();
        }
    }
    let outcome = env.capture(&profile).await;
    assert_eq!(outcome.outcome, RunOutcome::Failed);
    assert_eq!(
        outcome.failures[0].reason_code,
        ReasonCode::CaptureSourceNotSynced,
        "{:?}",
        outcome.failures
    );
    let RunResult::BaselineCapture {
        snapshot_id: Some(id),
        snapshot_state,
        ..
    } = result(&outcome)
    else {
        panic!("the attempt's snapshot is named")
    };
    assert_eq!(snapshot_state, Some(SnapshotState::Incomplete));
    let mut db = env.store.conn().await.unwrap();
    let snapshot = baselines::get_snapshot(&mut db, id).await.unwrap().unwrap();
    assert_eq!(snapshot.state, SnapshotState::Incomplete);
    assert_eq!(
        snapshot.failure_reason,
        Some(ReasonCode::SnapshotCaptureFailed)
    );
    assert!(snapshot.failed_at.is_some());
    let profile = baselines::get_profile(&mut db, profile.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        profile.current_snapshot_id, None,
        "the pointer never moves to it"
    );
}

async fn an_unreachable_source_is_refused_before_a_snapshot_exists(store: Store) {
    let env = env(store).await;
    let profile = env
        .profile(CaptureMode::FullContent, BaselineStatus::Active)
        .await;
    // The source now names a directory the simulated cloud does not know.
    let mut db = env.store.conn().await.unwrap();
    let stranger = Tenant {
        directory_tenant_id: "7d1f7c1e-5a9b-4c2d-8e3f-0a1b2c3d4e5f".parse().unwrap(),
        ..env.source.clone()
    };
    let sql = format!(
        "UPDATE tenants SET directory_tenant_id = '{}' WHERE id = '{}'",
        stranger.directory_tenant_id, stranger.id
    );
    match &mut db {
        atlas_store::Conn::Sqlite(c) => {
            sqlx::query(&sql).execute(&mut **c).await.unwrap();
        }
        atlas_store::Conn::Postgres(c) => {
            sqlx::query(&sql).execute(&mut **c).await.unwrap();
        }
    }
    drop(db);
    let outcome = env.capture(&profile).await;
    assert_eq!(outcome.outcome, RunOutcome::Blocked);
    assert_eq!(
        outcome.failures[0].reason_code,
        ReasonCode::TenantNotInSimulatedCloud
    );
    let mut db = env.store.conn().await.unwrap();
    assert!(
        baselines::list_snapshots(&mut db, profile.id)
            .await
            .unwrap()
            .is_empty(),
        "nothing stored changes"
    );
}
