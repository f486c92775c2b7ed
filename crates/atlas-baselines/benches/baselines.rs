//! Baseline benchmarks (`scripts/bench.sh`), each a ratio to a reference measured in the same
//! run, written to the "Baselines and drift" section of `BENCHMARKS.md` and
//! `target/bench/baselines.json`:
//!
//! 1. Compare 100 tenants × 2,000 subjects against one metadata baseline from stored data (no
//!    Graph), on SQLite and PostgreSQL, through the engine (4 workers, as "Compare all" runs
//!    it) — against SHA-256 of the same canonical bytes (goal ≤ 3×), with findings per second.
//! 2. A full-content capture of a 2,000-policy simulated tenant under Intune's real throttling
//!    and 80 ms latency — against the throttle-budget ideal (goal ≤ 1.1×).
//! 3. The findings page over 200,000 findings: the first page from the store (goal < 20 ms),
//!    and the severity counts beside it.
//!
//! Sizes can be lowered for a quick look: ATLAS_BENCH_TENANTS, ATLAS_BENCH_SUBJECTS,
//! ATLAS_BENCH_FINDINGS, ATLAS_BENCH_CAPTURE_POLICIES.

use std::sync::Arc;
use std::time::{Duration, Instant};

use atlas_cloudsim::{model::catalog_type, Simulator, SimulatorConfig, ThrottleMode};
use atlas_domain::{
    baseline::{subject_key, POLICY_SUBJECT},
    normalize::{canonical_json, configuration},
    BaselineProfile, BaselineProfileId, BaselineSnapshot, BaselineSnapshotId, BaselineStatus,
    CaptureMode, CompletionProof, CredentialKind, Finding, FindingEvidence, FindingFilter,
    FindingId, FindingKind, FindingStatus, FindingSummary, ItemPlan, OperationRun, OperationType,
    ProviderConnection, ReasonCode, RunOutcome, RunResult, RunStatus, Severity, SnapshotItem,
    SnapshotState, Tenant, Timestamp, TypeCompleteness, WorkspaceId,
};
use atlas_engine::{
    Engine, EngineConfig, HandlerRegistry, Progress, RunContext, StartRequest, SystemClock,
};
use atlas_graph::{ClientSecret, Credentials, GraphClient, GraphSettings};
use atlas_store::{baselines, findings, inventory, runs, testing, Conn, Store, StoreConfig};
use atlas_sync::{ConnectError, GraphSession, TenantGraph};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;
use url::Url;

const COMPARE_GOAL: f64 = 3.0;
const CAPTURE_GOAL: f64 = 1.1;
const PAGE_GOAL_MS: f64 = 20.0;
const SECTION: &str = "## Baselines and drift";

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Reaches simulated tenants by directory id (only the capture needs Graph).
#[derive(Debug)]
struct SimGraph {
    client: Arc<GraphClient>,
    sim: Vec<atlas_cloudsim::TenantCredentials>,
}

#[async_trait::async_trait]
impl TenantGraph for SimGraph {
    async fn session(&self, tenant: &Tenant) -> Result<GraphSession, ConnectError> {
        let c = self
            .sim
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

/// One generated policy as a baseline sees it.
struct Subject {
    policy_type: &'static str,
    name: String,
    canonical: String,
    hash: String,
}

/// A generated 2,000-policy tenant's policies: their canonical configuration bytes and hashes.
/// Names are made unique (as an MSP keeps them; the generator draws from small word pools), so
/// every subject is compared rather than set aside as ambiguous.
fn subjects(count: usize) -> Vec<Subject> {
    let (_, data) = atlas_cloudsim::generate::generate_fleet(11, 1, count).remove(0);
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let mut out = Vec::new();
    for (path, objects) in &data.collections {
        for o in objects {
            let Some(ty) = catalog_type(path, o.odata_type()) else {
                continue;
            };
            if matches!(ty.category, atlas_graph::Category::Directory) {
                continue;
            }
            let mut content = Value::Object(o.body.clone());
            for (nav, items) in &o.navs {
                content[nav] = Value::Array(items.clone());
            }
            let config = configuration(&content, ty.volatile_fields);
            let canonical = canonical_json(&config);
            let hash = hex(&Sha256::digest(canonical.as_bytes()));
            let mut name = content
                .get(ty.display_name_field)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let repeats = seen.entry(subject_key(ty.key, &name)).or_default();
            *repeats += 1;
            if *repeats > 1 {
                name = format!("{name} #{repeats}");
            }
            out.push(Subject {
                policy_type: ty.key,
                name,
                canonical,
                hash,
            });
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn backends() -> Vec<(&'static str, Store, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("bench.db"),
    })
    .await
    .unwrap();
    let pg = Store::open(StoreConfig::Postgres {
        url: atlas_testkit::fresh_postgres_url(),
    })
    .await
    .unwrap();
    vec![("SQLite", sqlite, Some(dir)), ("PostgreSQL", pg, None)]
}

fn tenant(ws: WorkspaceId, i: usize) -> Tenant {
    Tenant {
        connection: Some(ProviderConnection {
            client_id: "11111111-2222-4333-8444-555555555555".into(),
            credential_kind: CredentialKind::ClientSecret,
            credential_ref: None,
            credential_updated_at: None,
            credential_expiry: None,
        }),
        ..testing::tenant(
            ws,
            &format!("Customer {i:03}"),
            format!("00000000-0000-4000-8000-{:012x}", i + 1)
                .parse()
                .unwrap(),
            Timestamp::now(),
        )
    }
}

/// A completed inventory sync that read every type completely: what a metadata compare
/// needs to judge absence.
async fn completed_inventory_run(store: &Store, t: &Tenant, types: &[&'static str]) {
    let result = RunResult::InventorySync {
        selection: Default::default(),
        types: types
            .iter()
            .map(|k| {
                (
                    (*k).to_owned(),
                    TypeCompleteness {
                        listed: 1,
                        read: 1,
                        failed: 0,
                        pages: 1,
                        complete: true,
                        error: None,
                    },
                )
            })
            .collect(),
    };
    let now = Timestamp::now();
    let mut run = OperationRun::queued(
        t.workspace_id,
        Some(t.id),
        None,
        OperationType::InventorySync,
        format!("inventory-{}", t.id),
        json!({ "inputs": {}, "result": result }),
        now,
    );
    run.status = RunStatus::Completed;
    run.outcome = RunOutcome::Succeeded;
    run.started_at = Some(now);
    run.completed_at = Some(now);
    run.stale_at = None;
    let mut db = store.conn().await.unwrap();
    runs::insert(&mut db, &run).await.unwrap();
}

#[derive(Debug, Serialize)]
struct CompareRow {
    backend: &'static str,
    tenants: usize,
    subjects: usize,
    compare_s: f64,
    hash_s: f64,
    ratio: f64,
    findings: i64,
    findings_per_s: f64,
}

/// Compare: a metadata baseline of `subjects`, `tenants` assigned tenants whose inventories
/// hold the same subjects with a little drift each, compared through the engine.
async fn compare(
    name: &'static str,
    store: &Store,
    subjects: &[Subject],
    tenants: usize,
) -> CompareRow {
    let now = Timestamp::now();
    let (_, ws, source) =
        testing::owner_workspace_tenant(store, now, |ws| tenant(ws, 100_000)).await;
    let types: Vec<&'static str> = {
        let mut t: Vec<_> = subjects.iter().map(|s| s.policy_type).collect();
        t.sort();
        t.dedup();
        t
    };
    // The baseline: a complete metadata snapshot of the subjects.
    let profile = BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: ws,
        name: "Bench".into(),
        description: String::new(),
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::Meta,
        scope: vec![],
        source_tenant_id: Some(source.id),
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: now,
        updated_at: now,
    };
    let plan = ItemPlan::from_candidates(
        subjects
            .iter()
            .map(|s| SnapshotItem {
                subject_type: POLICY_SUBJECT.into(),
                subject_key: subject_key(s.policy_type, &s.name),
                policy_type: s.policy_type.into(),
                baseline_hash: s.hash.clone(),
                meta: json!({ "display_name": s.name }),
                content: None,
                version_id: None,
            })
            .collect(),
    );
    let snapshot = BaselineSnapshot {
        id: BaselineSnapshotId::new(),
        workspace_id: ws,
        profile_id: profile.id,
        source_tenant_id: source.id,
        capture_mode: CaptureMode::Meta,
        state: SnapshotState::Building,
        identity_hash: plan.identity_hash(&profile, source.id),
        producer_run_id: None,
        proof: None,
        ambiguous: plan.ambiguous.clone(),
        failure_reason: None,
        failed_at: None,
        created_at: now,
        completed_at: None,
        proof_rule: None,
    };
    {
        let mut tx = store.begin().await.unwrap();
        baselines::insert_profile(&mut tx, &profile).await.unwrap();
        baselines::insert_building_snapshot(&mut tx, &snapshot)
            .await
            .unwrap();
        baselines::insert_items(&mut tx, snapshot.id, &plan.items)
            .await
            .unwrap();
        let n = plan.items.len() as i64;
        let proof = CompletionProof {
            expected_items: n,
            persisted_items: n,
            was_empty_capture: false,
        };
        baselines::complete_snapshot(&mut tx, snapshot.id, &proof, now)
            .await
            .unwrap();
        baselines::set_current_snapshot(&mut tx, profile.id, snapshot.id, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    // The customers: the same subjects, each tenant with ~3 % changed, one removed, one extra.
    let mut targets = Vec::new();
    for i in 0..tenants {
        let t = tenant(ws, i);
        testing::insert_tenant(store, &t).await;
        let seen: Vec<inventory::SeenItem> = subjects
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i % subjects.len())
            .map(|(j, s)| inventory::SeenItem {
                object_type: s.policy_type.into(),
                external_id: format!("{i}-{j}"),
                display_name: s.name.clone(),
                platform: None,
                content_hash: s.hash.clone(),
                config_hash: if (j + i) % 33 == 0 {
                    format!("changed-{i}-{j}")
                } else {
                    s.hash.clone()
                },
            })
            .chain([inventory::SeenItem {
                object_type: "settings_catalog".into(),
                external_id: format!("{i}-extra"),
                display_name: format!("Customer {i} own policy"),
                platform: None,
                content_hash: "extra".into(),
                config_hash: "extra".into(),
            }])
            .collect();
        let mut tx = store.begin().await.unwrap();
        inventory::upsert_seen(&mut tx, ws, t.id, &seen, now, None)
            .await
            .unwrap();
        baselines::assign(&mut tx, ws, profile.id, t.id, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        completed_inventory_run(store, &t, &types).await;
        targets.push(t);
    }

    let mut registry = HandlerRegistry::new();
    let graph = Arc::new(SimGraph {
        client: Arc::new(
            GraphClient::new(GraphSettings::for_endpoints(
                Url::parse("http://127.0.0.1:9").unwrap(),
                Url::parse("http://127.0.0.1:9").unwrap(),
            ))
            .unwrap(),
        ),
        sim: vec![],
    });
    atlas_baselines::register(&mut registry, graph);
    let config = EngineConfig {
        workers: env("ATLAS_BENCH_WORKERS", 4),
        poll_interval: Duration::from_millis(5),
        ..Default::default()
    };
    let engine = Engine::start(
        store.clone(),
        registry,
        config,
        Arc::new(SystemClock),
        "bench",
    )
    .await
    .unwrap();
    let started = Instant::now();
    let mut ids = Vec::new();
    for t in &targets {
        let run = engine
            .service
            .start(StartRequest {
                workspace_id: ws,
                tenant_id: Some(t.id),
                initiator: None,
                operation: OperationType::BaselineCompare,
                inputs: json!({}),
                identity: None,
                batch: None,
                notify: true,
            })
            .await
            .unwrap();
        ids.push(run.run.id);
    }
    loop {
        let mut db = store.conn().await.unwrap();
        let mut done = 0;
        for id in &ids {
            let run = runs::get(&mut db, *id).await.unwrap().unwrap();
            if run.status == RunStatus::Completed {
                assert_eq!(
                    run.outcome,
                    RunOutcome::Succeeded,
                    "{:?}",
                    run.failure_summary
                );
                done += 1;
            }
        }
        if done == ids.len() {
            break;
        }
        drop(db);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let compare_s = started.elapsed().as_secs_f64();
    engine.shutdown().await;

    // The reference: SHA-256 of the same canonical bytes, once per tenant and subject.
    let started = Instant::now();
    let mut sink = 0u8;
    for _ in 0..tenants {
        for s in subjects {
            sink ^= Sha256::digest(s.canonical.as_bytes())[0];
        }
    }
    let hash_s = started.elapsed().as_secs_f64();
    std::hint::black_box(sink);

    let mut db = store.conn().await.unwrap();
    let written = findings::list(
        &mut db,
        ws,
        None,
        &FindingFilter {
            limit: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .total;
    let counts = findings::severity_counts(&mut db, ws, None, &FindingFilter::default())
        .await
        .unwrap();
    let findings: i64 = counts.values().sum();
    assert!(written > 0);
    CompareRow {
        backend: name,
        tenants,
        subjects: subjects.len(),
        compare_s,
        hash_s,
        ratio: compare_s / hash_s,
        findings,
        findings_per_s: findings as f64 / compare_s,
    }
}

#[derive(Debug, Serialize)]
struct PageRow {
    backend: &'static str,
    findings: usize,
    first_page_ms: f64,
    severity_counts_ms: f64,
}

/// The findings page over `count` findings spread over 100 tenants.
async fn findings_page(name: &'static str, store: &Store, count: usize) -> PageRow {
    let now = Timestamp::now();
    let owner = testing::user(store, "page", now).await.id;
    let ws = testing::workspace(store, "Findings", owner, now).await.id;
    let tenants: Vec<Tenant> = (0..100).map(|i| tenant(ws, 200_000 + i)).collect();
    for t in &tenants {
        testing::insert_tenant(store, t).await;
    }
    let profile = BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: ws,
        name: "Page".into(),
        description: String::new(),
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::FullContent,
        scope: vec![],
        source_tenant_id: Some(tenants[0].id),
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: now,
        updated_at: now,
    };
    {
        let mut db = store.conn().await.unwrap();
        baselines::insert_profile(&mut db, &profile).await.unwrap();
    }
    let severities = [
        Severity::Low,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    let kinds = [
        FindingKind::Drifted,
        FindingKind::Missing,
        FindingKind::Unexpected,
    ];
    let statuses = [
        FindingStatus::Open,
        FindingStatus::Open,
        FindingStatus::Resolved,
    ];
    let per_tenant = count / tenants.len();
    for t in &tenants {
        let batch: Vec<Finding> = (0..per_tenant)
            .map(|j| {
                let status = statuses[j % statuses.len()];
                let at = Timestamp::from_unix_millis(now.unix_millis() - j as i64 * 1000).unwrap();
                Finding {
                    summary: FindingSummary {
                        id: FindingId::new(),
                        workspace_id: ws,
                        tenant_id: t.id,
                        profile_id: profile.id,
                        subject_type: POLICY_SUBJECT.into(),
                        subject_key: format!("settings_catalog:policy {j}"),
                        policy_type: "settings_catalog".into(),
                        display_name: format!("Policy {j}"),
                        kind: kinds[j % kinds.len()],
                        severity: severities[j % severities.len()],
                        status,
                        evidence_hash: format!("{j}"),
                        first_seen_run_id: None,
                        last_seen_run_id: None,
                        first_seen_at: at,
                        last_seen_at: at,
                        resolved_at: (status == FindingStatus::Resolved).then_some(at),
                        resolved_by_run_id: None,
                        acknowledged_at: None,
                        acknowledged_by: None,
                        ack_note: None,
                        updated_at: at,
                    },
                    evidence: FindingEvidence {
                        rows: vec![],
                        reference_only: true,
                    },
                }
            })
            .collect();
        let mut tx = store.begin().await.unwrap();
        findings::insert(&mut tx, &batch).await.unwrap();
        tx.commit().await.unwrap();
    }
    analyze(store).await;
    let filter = FindingFilter {
        statuses: vec![FindingStatus::Open, FindingStatus::Acknowledged],
        limit: 100,
        ..Default::default()
    };
    let first_page_ms = median(15, || async {
        let mut db = store.conn().await.unwrap();
        let started = Instant::now();
        let page = findings::list(&mut db, ws, None, &filter).await.unwrap();
        assert_eq!(page.items.len(), 100);
        started.elapsed()
    })
    .await;
    let severity_counts_ms = median(15, || async {
        let mut db = store.conn().await.unwrap();
        let started = Instant::now();
        findings::severity_counts(&mut db, ws, None, &filter)
            .await
            .unwrap();
        started.elapsed()
    })
    .await;
    PageRow {
        backend: name,
        findings: per_tenant * tenants.len(),
        first_page_ms,
        severity_counts_ms,
    }
}

/// Fresh planner statistics, as a long-lived database has them.
async fn analyze(store: &Store) {
    match store.conn().await.unwrap() {
        Conn::Sqlite(mut c) => {
            sqlx::query("ANALYZE").execute(&mut *c).await.unwrap();
        }
        Conn::Postgres(mut c) => {
            sqlx::query("ANALYZE").execute(&mut *c).await.unwrap();
        }
    }
}

async fn median<F, Fut>(rounds: usize, mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Duration>,
{
    for _ in 0..3 {
        f().await;
    }
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        times.push(f().await);
    }
    times.sort();
    times[rounds / 2].as_secs_f64() * 1000.0
}

#[derive(Debug, Serialize)]
struct CaptureRow {
    policies: usize,
    objects: i64,
    requests: u64,
    wall_s: f64,
    ideal_s: f64,
    ratio: f64,
    throttled_429: u64,
}

/// A full-content capture of one simulated tenant under real throttling.
async fn capture(policies: usize) -> CaptureRow {
    let latency = Duration::from_millis(80);
    let sim = Simulator::start(SimulatorConfig {
        seed: 7,
        tenants: 1,
        policies_per_tenant: policies,
        throttle: ThrottleMode::Real,
        latency,
        ..Default::default()
    })
    .await
    .unwrap();
    let (store, _dir) = testing::sqlite_store().await;
    let creds = sim.credentials();
    let now = Timestamp::now();
    let (_, ws, source) = testing::owner_workspace_tenant(&store, now, |ws| Tenant {
        directory_tenant_id: creds[0].tenant_id.to_string().parse().unwrap(),
        ..tenant(ws, 0)
    })
    .await;
    let profile = BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: ws,
        name: "Capture".into(),
        description: String::new(),
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::FullContent,
        scope: vec![],
        source_tenant_id: Some(source.id),
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: now,
        updated_at: now,
    };
    {
        let mut db = store.conn().await.unwrap();
        baselines::insert_profile(&mut db, &profile).await.unwrap();
    }
    let base = Url::parse(&sim.base_url()).unwrap();
    let graph = Arc::new(SimGraph {
        client: Arc::new(
            GraphClient::new(GraphSettings::for_endpoints(base.clone(), base)).unwrap(),
        ),
        sim: creds,
    });
    let mut registry = HandlerRegistry::new();
    atlas_baselines::register(&mut registry, graph);
    let run = OperationRun::queued(
        ws,
        Some(source.id),
        None,
        OperationType::BaselineCapture,
        "capture".into(),
        json!({ "inputs": { "profile_id": profile.id } }),
        now,
    );
    {
        let mut db = store.conn().await.unwrap();
        runs::insert(&mut db, &run).await.unwrap();
    }
    let ctx = RunContext {
        run,
        progress: Progress::default(),
        cancel: CancellationToken::new(),
        store: store.clone(),
        clock: Arc::new(SystemClock),
    };
    let started = Instant::now();
    let outcome = registry
        .get(OperationType::BaselineCapture)
        .unwrap()
        .execute(ctx)
        .await
        .unwrap();
    let wall_s = started.elapsed().as_secs_f64();
    assert_eq!(
        outcome.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        outcome.failures
    );
    let Some(RunResult::BaselineCapture { items, .. }) = outcome.result else {
        panic!("a capture result")
    };
    let stats = sim.stats().total;
    let ideal_s = stats.requests as f64 / 50.0;
    CaptureRow {
        policies,
        objects: items,
        requests: stats.requests,
        wall_s,
        ideal_s,
        ratio: wall_s / ideal_s,
        throttled_429: stats.throttled,
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let tenants = env("ATLAS_BENCH_TENANTS", 100);
    let subject_count = env("ATLAS_BENCH_SUBJECTS", 2_000);
    let finding_count = env("ATLAS_BENCH_FINDINGS", 200_000);
    let capture_policies = env("ATLAS_BENCH_CAPTURE_POLICIES", 2_000);
    let subjects = subjects(subject_count);
    eprintln!("{} subjects generated", subjects.len());

    let mut compares = Vec::new();
    let mut pages = Vec::new();
    for (name, store, _dir) in backends().await {
        let row = compare(name, &store, &subjects, tenants).await;
        eprintln!("{row:?}");
        compares.push(row);
        let row = findings_page(name, &store, finding_count).await;
        eprintln!("{row:?}");
        pages.push(row);
        store.close().await;
    }
    let capture = capture(capture_policies).await;
    eprintln!("{capture:?}");
    write(&compares, &pages, &capture);
}

fn write(compares: &[CompareRow], pages: &[PageRow], capture: &CaptureRow) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("baselines.json"),
        serde_json::to_string_pretty(&json!({
            "compare": compares,
            "findings_page": pages,
            "capture": capture,
        }))
        .unwrap(),
    )
    .unwrap();
    let verdict = |ok: bool| if ok { "met" } else { "missed" };
    let mut section = format!(
        "{SECTION}\n\n\
Measured {date} on this machine by `cargo bench -p atlas-baselines --bench baselines` (part of
`scripts/bench.sh`).\n\n\
**Compare from stored data.** One metadata baseline of {subjects} subjects (a generated
2,000-policy tenant's configurations), {tenants} assigned tenants whose inventories hold the same
subjects with about 3 % changed, one removed and one extra each; \"Compare all\" through the
engine (4 workers), every run reading the tenant's fingerprints, judging each subject and writing
its findings. The reference is SHA-256 of the same canonical configuration bytes, once per tenant
and subject, measured in the same run.\n\n\
| backend | tenants × subjects | compare (all runs) | SHA-256 of the bytes | ratio (goal ≤ {COMPARE_GOAL}) | findings written | findings / s |\n\
|---|---:|---:|---:|---:|---:|---:|\n",
        date = Timestamp::now().as_datetime().format("%Y-%m-%d"),
        subjects = compares.first().map_or(0, |c| c.subjects),
        tenants = compares.first().map_or(0, |c| c.tenants),
    );
    for c in compares {
        section.push_str(&format!(
            "| {} | {} × {} | {:.2} s | {:.2} s | {:.2} ({}) | {} | {:.0} |\n",
            c.backend,
            c.tenants,
            c.subjects,
            c.compare_s,
            c.hash_s,
            c.ratio,
            verdict(c.ratio <= COMPARE_GOAL),
            c.findings,
            c.findings_per_s
        ));
    }
    section.push_str(
        "\nWhere the time goes (profiled with one worker, 20 tenants): a tenant's compare on
SQLite is about 4 ms for the guards and reading its 2,000 fingerprints (one aggregated JSON row:
row-by-row reads cost twice as much) and 3 ms for judging, planning and writing its ~60 new
findings with their evidence and history, plus the engine's claim and completion. On PostgreSQL
the same steps take about 15 ms and 10 ms: every statement is a round trip to the server, and a
first compare inserts all of its findings (JSONB evidence, five indexes) and their history.
Later compares of an unchanged tenant only record the sighting (one batched update).
The capture writes fewer items than policies because the simulator draws names from small
pools: policies sharing a name are set aside as ambiguous, never guessed.\n",
    );
    section.push_str(&format!(
        "\n**Full-content capture.** One simulated tenant with {} policies, Intune's real
throttling (1,000 requests / 20 s, enforced by the simulator) and 80 ms latency per request: read
every policy's content and assignments, keep them as versions, write the snapshot and prove it
complete. The reference is the throttle-budget ideal: the requests the capture needed ÷ 50/s.\n\n\
| policies | items | requests | wall time | budget ideal | ratio (goal ≤ {CAPTURE_GOAL}) | 429s provoked |\n\
|---:|---:|---:|---:|---:|---:|---:|\n\
| {} | {} | {} | {:.1} s | {:.1} s | {:.2} ({}) | {} |\n",
        capture.policies,
        capture.policies,
        capture.objects,
        capture.requests,
        capture.wall_s,
        capture.ideal_s,
        capture.ratio,
        verdict(capture.ratio <= CAPTURE_GOAL),
        capture.throttled_429,
    ));
    section.push_str(&format!(
        "\n**Findings page.** {} findings over 100 tenants; the first page (100 rows, open and
acknowledged, most important first) from the store, and the severity counts shown beside it
(median of 15 after 3 warm-up reads).\n\n\
| backend | findings | first page (goal < {PAGE_GOAL_MS} ms) | severity counts |\n\
|---|---:|---:|---:|\n",
        pages.first().map_or(0, |p| p.findings)
    ));
    for p in pages {
        section.push_str(&format!(
            "| {} | {} | {:.1} ms ({}) | {:.1} ms |\n",
            p.backend,
            p.findings,
            p.first_page_ms,
            verdict(p.first_page_ms < PAGE_GOAL_MS),
            p.severity_counts_ms
        ));
    }
    let path = root.join("BENCHMARKS.md");
    let existing = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n\n".into());
    let updated = match existing.find(SECTION) {
        Some(start) => {
            let after = start + SECTION.len();
            let end = existing[after..]
                .find("\n## ")
                .map(|i| after + i + 1)
                .unwrap_or(existing.len());
            format!("{}{section}\n{}", &existing[..start], &existing[end..])
        }
        None => format!("{}\n\n{section}", existing.trim_end()),
    };
    std::fs::write(&path, updated).unwrap();
    eprintln!("wrote BENCHMARKS.md and target/bench/baselines.json");
}
