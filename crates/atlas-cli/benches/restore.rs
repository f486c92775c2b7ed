//! Restore at MSP scale: a simulated tenant with 500 policies (with assignments) under Intune's
//! real limits (enforced by the simulator: 100 writes per sliding 20 s window), backed up, then
//! emptied of its policies and synced, restored from the backup set: the preview (read-only)
//! and the execution (creates and assignments). Reported against the write-budget ideal
//! measured in the same run: the writes the execution needed ÷ 5 writes per second; and the
//! 429 answers the execution provoked (goal: none). Then the preview at scale: a tenant of
//! 2,000 policies backed up, drifted (changed and deleted by hand) and synced, previewed from
//! its backup set; its own work beyond reading the target (loading the sources, mapping groups,
//! planning, storing the plan) is what the preview reports of itself in its "restore preview
//! planned" event, beside the target read it timed in the same run (goal: under 2 s).
//!
//! `scripts/bench.sh` runs it in a private D-Bus session with an unlocked keyring (the tenant's
//! secret goes to the OS keyring). Environment: `ATLAS_BENCH_RESTORE_POLICIES` (default 500),
//! `ATLAS_BENCH_PREVIEW_ITEMS` (default 2000).
//! Writes `target/bench/restore.json` and the "Restore" section of `BENCHMARKS.md`.

use std::time::{Duration, Instant};

use atlas_api::{
    secrets::KeyringStore,
    types::{
        AddTenantRequest, CredentialInput, ExecuteRestoreRequest, GetRunRequest,
        PreviewRestoreRequest, RestoreRequest, StartSyncRequest, SyncKind, TenantRequest,
    },
    Runtime, RuntimeOptions,
};
use atlas_cloudsim::{DriftRequest, Simulator, SimulatorConfig, ThrottleMode};
use atlas_domain::{OperationRun, RestoreSource, RunOutcome, RunStatus};
use serde::Serialize;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Intune's write allowance per tenant: 100 writes per 20 s.
const WRITES_PER_SEC: f64 = 100.0 / 20.0;
const GOAL: f64 = 1.15;
/// The preview's own work for 2,000 items, beyond the target's read.
const PREVIEW_GOAL_S: f64 = 2.0;
const SECTION: &str = "## Restore";

#[derive(Debug, Serialize)]
struct Report {
    policies: u64,
    planned_creates: u32,
    conflicts: u32,
    writes: u64,
    ideal_s: f64,
    execute_s: f64,
    ratio: f64,
    throttled_429: u64,
    preview_s: f64,
    execute_outcome: String,
    /// Objects the tenant refused, with the first refusal in words.
    failed_objects: usize,
    first_failure: Option<String>,
    preview_at_scale: PreviewReport,
}

/// The large preview, as the preview timed itself.
#[derive(Debug, Default, Clone, Serialize)]
struct PreviewReport {
    items: u64,
    creates: u32,
    updates: u32,
    skips: u32,
    conflicts: u32,
    read_s: f64,
    own_s: f64,
}

fn main() {
    let policies: u64 = std::env::var("ATLAS_BENCH_RESTORE_POLICIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let items: u64 = std::env::var("ATLAS_BENCH_PREVIEW_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let timings = PreviewTimings::default();
    tracing_subscriber::registry().with(timings.clone()).init();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut report = rt.block_on(run(policies));
    report.preview_at_scale = rt.block_on(preview_at_scale(items, &timings));
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    write_results(&report);
}

async fn wait(runtime: &Runtime, run: &OperationRun) -> OperationRun {
    loop {
        let now = runtime
            .api
            .get_run(&runtime.actor, GetRunRequest { run_id: run.id })
            .await
            .unwrap();
        if now.status == RunStatus::Completed {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The simulated tenant connected to a fresh runtime in its own data folder.
struct Setup {
    sim: atlas_cloudsim::RunningSimulator,
    runtime: Runtime,
    tenant: atlas_domain::Tenant,
    _dir: tempfile::TempDir,
}

async fn setup(policies: u64, throttle: ThrottleMode) -> Setup {
    let sim = Simulator::start(SimulatorConfig {
        tenants: 1,
        policies_per_tenant: policies as usize,
        throttle,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        user_name: Some("bench".into()),
        run_engine: true,
        cloud_url: Some(sim.base_url()),
        secrets: Some(std::sync::Arc::new(KeyringStore::new(format!(
            "TenantAtlas-bench-{}",
            uuid::Uuid::new_v4()
        )))),
        ..Default::default()
    })
    .await
    .unwrap();
    let (api, actor) = (&runtime.api, &runtime.actor);
    let workspace = api
        .create_workspace(
            actor,
            atlas_api::types::CreateWorkspaceRequest {
                name: "Bench".into(),
            },
        )
        .await
        .unwrap()
        .workspace
        .id;
    let creds = sim.credentials()[0].clone();
    let tenant = api
        .add_tenant(
            actor,
            AddTenantRequest {
                workspace_id: workspace,
                display_name: "Customer".into(),
                directory: creds.tenant_id.to_string(),
                client_id: creds.client_id.to_string(),
                credential: CredentialInput::ClientSecret {
                    secret: creds.client_secret.clone(),
                    expires_at: None,
                },
            },
        )
        .await
        .unwrap();
    Setup {
        sim,
        runtime,
        tenant,
        _dir: dir,
    }
}

impl Setup {
    async fn sync(&self, kind: SyncKind) {
        let (api, actor) = (&self.runtime.api, &self.runtime.actor);
        let request = StartSyncRequest {
            tenant_id: self.tenant.id,
            kind,
        };
        let started = api.start_sync(actor, request).await.unwrap();
        wait(&self.runtime, &started.run).await;
    }

    /// Backs the tenant up; the set's id.
    async fn back_up(&self) -> atlas_domain::BackupSetId {
        let (api, actor) = (&self.runtime.api, &self.runtime.actor);
        let request = TenantRequest {
            tenant_id: self.tenant.id,
        };
        let backup = api.back_up_now(actor, request.clone()).await.unwrap();
        assert_eq!(
            wait(&self.runtime, &backup.run).await.outcome,
            RunOutcome::Succeeded
        );
        api.list_backup_sets(actor, request).await.unwrap()[0].id
    }

    /// Changes and deletes policies of the tenant by hand: of the types restore writes back.
    fn drift(&self, modify: usize, delete: usize, seed: u64) {
        let request = DriftRequest {
            modify,
            add: 0,
            delete,
            seed: Some(seed),
            types: atlas_graph::CATALOG
                .iter()
                .filter(|t| t.restore != atlas_graph::RestoreMethod::ReadOnly)
                .map(|t| t.key.to_owned())
                .collect(),
        };
        let directory = self.sim.credentials()[0].tenant_id;
        self.sim.cloud().drift(directory, &request).unwrap();
    }

    /// Previews restoring the set onto its tenant; the previewed restore.
    async fn preview(&self, set: atlas_domain::BackupSetId) -> atlas_domain::Restore {
        let (api, actor) = (&self.runtime.api, &self.runtime.actor);
        let request = PreviewRestoreRequest {
            tenant_id: self.tenant.id,
            source: RestoreSource::BackupSet { backup_set_id: set },
            group_overrides: None,
        };
        let preview = api.preview_restore(actor, request).await.unwrap();
        assert_eq!(
            wait(&self.runtime, &preview.start.run).await.outcome,
            RunOutcome::Succeeded
        );
        let by_id = RestoreRequest {
            restore_id: preview.restore.id,
        };
        api.get_restore(actor, by_id).await.unwrap().restore
    }
}

async fn run(policies: u64) -> Report {
    let setup = setup(policies, ThrottleMode::Real).await;
    let (sim, runtime, tenant) = (&setup.sim, &setup.runtime, &setup.tenant);
    let (api, actor) = (&runtime.api, &runtime.actor);
    setup.sync(SyncKind::Groups).await;
    let set = setup.back_up().await;
    eprintln!("backed up {policies} policies");

    // The tenant loses every policy (a script gone wrong), and the product has seen it.
    setup.drift(0, 1_000_000, 1);
    setup.sync(SyncKind::Policies).await;
    // A fresh write window for the execution.
    tokio::time::sleep(Duration::from_secs(20)).await;

    let started = Instant::now();
    let restore = setup.preview(set).await;
    let preview_s = started.elapsed().as_secs_f64();
    let counts = restore.plan.as_ref().unwrap().counts;
    eprintln!("planned {counts:?} in {preview_s:.2} s");

    let before = sim.cloud().stats().total;
    let started = Instant::now();
    let execute = api
        .execute_restore(
            actor,
            ExecuteRestoreRequest {
                restore_id: restore.id,
                confirm_tenant: tenant.display_name.clone(),
                confirm_changes: counts.changes(),
                secrets: None,
            },
        )
        .await
        .unwrap();
    let done = wait(runtime, &execute.run).await;
    let execute_s = started.elapsed().as_secs_f64();
    for failure in &done.failure_summary {
        eprintln!("failed: {}", failure.message);
    }
    let after = sim.cloud().stats().total;
    let writes = after.writes - before.writes;
    let ideal_s = writes as f64 / WRITES_PER_SEC;
    runtime.shutdown().await;
    Report {
        policies,
        planned_creates: counts.create,
        conflicts: counts.conflict,
        writes,
        ideal_s,
        execute_s,
        ratio: execute_s / ideal_s,
        throttled_429: after.throttled - before.throttled,
        preview_s,
        execute_outcome: done.outcome.to_string(),
        failed_objects: done.failure_summary.len(),
        first_failure: done.failure_summary.first().map(|f| f.message.clone()),
        preview_at_scale: PreviewReport::default(),
    }
}

/// A tenant of `items` policies backed up, a tenth of them changed and a tenth deleted by
/// hand and synced, then previewed from the backup set (no throttling: only the preview's own
/// work is measured, the read is reported beside it).
async fn preview_at_scale(items: u64, timings: &PreviewTimings) -> PreviewReport {
    let setup = setup(items, ThrottleMode::Off).await;
    setup.sync(SyncKind::Groups).await;
    let set = setup.back_up().await;
    let tenth = (items / 10) as usize;
    setup.drift(tenth, tenth, 2);
    setup.sync(SyncKind::Policies).await;
    let restore = setup.preview(set).await;
    let counts = restore.plan.unwrap().counts;
    let timed = timings.last().expect("the preview reported its timing");
    setup.runtime.shutdown().await;
    let report = PreviewReport {
        items: timed.items,
        creates: counts.create,
        updates: counts.update,
        skips: counts.skip,
        conflicts: counts.conflict,
        read_s: timed.read_ms as f64 / 1000.0,
        own_s: timed.own_ms as f64 / 1000.0,
    };
    eprintln!("preview at scale: {report:?}");
    report
}

/// What a preview reported of itself.
#[derive(Debug, Default, Clone, Copy)]
struct Timed {
    items: u64,
    read_ms: u64,
    own_ms: u64,
}

/// A tracing layer keeping the last "restore preview planned" event's fields.
#[derive(Clone, Default)]
struct PreviewTimings(std::sync::Arc<std::sync::Mutex<Option<Timed>>>);

impl PreviewTimings {
    fn last(&self) -> Option<Timed> {
        *self.0.lock().unwrap()
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for PreviewTimings {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut fields = TimedFields::default();
        event.record(&mut fields);
        if fields.message.as_deref() == Some("restore preview planned") {
            *self.0.lock().unwrap() = Some(fields.timed);
        }
    }
}

#[derive(Default)]
struct TimedFields {
    message: Option<String>,
    timed: Timed,
}

impl tracing::field::Visit for TimedFields {
    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        match field.name() {
            "items" => self.timed.items = value,
            "read_ms" => self.timed.read_ms = value,
            "own_ms" => self.timed.own_ms = value,
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.message = Some(format!("{value:?}"));
        }
    }
}

fn write_results(r: &Report) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bench = root.join("target/bench");
    std::fs::create_dir_all(&bench).unwrap();
    std::fs::write(
        bench.join("restore.json"),
        serde_json::to_string_pretty(r).unwrap(),
    )
    .unwrap();
    let verdict = |met: bool| if met { "met" } else { "missed" };
    let section = format!(
        "{SECTION}\n\nMeasured by `cargo bench -p atlas-cli --bench restore` (part of `scripts/bench.sh`). A simulated tenant with {} policies under Intune's real limits (the simulator enforces 100 writes per sliding 20 s window), backed up, emptied of its policies and synced, then restored from the backup set: {} objects planned as creates ({} conflicts left alone: secret settings or read-only types); the execution ended {}{}. The reference is the write-budget ideal of the same run: the writes the execution needed ÷ 5 per second.\n\n\
         | measure | TenantAtlas | reference | ratio | goal |\n|---|---:|---:|---:|---|\n\
         | execute the restore ({} writes) | {:.1} s | ideal {:.1} s | {:.3} | ≤ {GOAL} ({}) |\n\
         | 429 answers provoked | {} | — | — | none ({}) |\n\
         | preview ({} items, with the target's read) | {:.2} s | — | — | — |\n\n\
         The preview at scale: a tenant of {} policies backed up, {} changed and {} deleted by hand and synced, previewed from its backup set ({} creates, {} updates, {} identical, {} conflicts: secret settings, read-only types, and deleted policies whose name another policy of the tenant has, since the generator draws names from small pools — a restore never writes over that other policy). The preview times itself: its own work (loading the sources, mapping groups, planning, storing the plan) beside its read of the target (not throttled here).\n\n\
         | measure | TenantAtlas | reference | ratio | goal |\n|---|---:|---:|---:|---|\n\
         | preview's own work, {} items | {:.2} s | target read {:.2} s | {:.2} | < {PREVIEW_GOAL_S} s ({}) |\n",
        r.policies,
        r.planned_creates,
        r.conflicts,
        r.execute_outcome,
        match &r.first_failure {
            Some(first) => format!(
                " ({} objects refused by the tenant and named in the run, e.g. \"{first}\")",
                r.failed_objects
            ),
            None => String::new(),
        },
        r.writes,
        r.execute_s,
        r.ideal_s,
        r.ratio,
        verdict(r.ratio <= GOAL),
        r.throttled_429,
        verdict(r.throttled_429 == 0),
        r.planned_creates + r.conflicts,
        r.preview_s,
        r.preview_at_scale.items,
        r.preview_at_scale.items / 10,
        r.preview_at_scale.items / 10,
        r.preview_at_scale.creates,
        r.preview_at_scale.updates,
        r.preview_at_scale.skips,
        r.preview_at_scale.conflicts,
        r.preview_at_scale.items,
        r.preview_at_scale.own_s,
        r.preview_at_scale.read_s,
        r.preview_at_scale.own_s / r.preview_at_scale.read_s.max(0.001),
        verdict(r.preview_at_scale.own_s < PREVIEW_GOAL_S),
    );
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
    eprintln!("wrote BENCHMARKS.md and target/bench/restore.json");
}
