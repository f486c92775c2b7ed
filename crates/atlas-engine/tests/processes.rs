//! Guarantees that need real processes: a worker killed with SIGKILL mid-run leaves no run
//! ambiguous (the next process resolves it within one lease), the same work can be started
//! again within seconds of a crash (at once on the same machine, after three missed heartbeats
//! from another), and several worker processes on one PostgreSQL execute every run exactly
//! once.

mod support;

use std::{
    collections::HashSet,
    path::Path,
    process::Stdio,
    sync::Arc,
    time::{Duration, Instant},
};

use atlas_domain::{OperationType, RunOutcome, RunStatus, Timestamp, WorkspaceId};
use atlas_engine::{
    EngineConfig, HandlerRegistry, ProcessIdentity, RunService, StartRequest, SystemClock,
};
use atlas_store::{runs, testing, Store, StoreConfig};
use atlas_testkit::eventually;
use atlas_testkit::service::{example_binary, first_stdout_line};
use serde_json::json;
use tokio::process::{Child, Command};

/// A 3 s lease so the kill test is quick; every covered type gets timings that fit it (the
/// validator checks all of them, not only the handled one).
fn policy_toml() -> String {
    let mut text = "[engine]\nworkers = 4\nlease_seconds = 3\nheartbeat_seconds = 1\n\
                    safety_margin_seconds = 1\nreconcile_every_seconds = 60\n\
                    shutdown_grace_seconds = 5\npoll_interval_ms = 50\n"
        .to_owned();
    for t in OperationType::ALL {
        text.push_str(&format!(
            "\n[policies.\"{t}\"]\nqueued_stale_after = 120\nrunning_stale_after = 3\n\
             expected_max_runtime = 2\ntimeout = 2\n"
        ));
    }
    text
}

async fn spawn_worker(url: &str, name: &str, policy: &Path) -> Child {
    let mut child = Command::new(example_binary("test_worker"))
        .args([url, name, policy.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let ready = first_stdout_line(&mut child, Duration::from_secs(30)).await;
    assert_eq!(ready, "ready", "worker {name} did not start");
    child
}

async fn seed(store: &Store) -> WorkspaceId {
    let now = Timestamp::now();
    let owner = testing::user(store, "t", now).await;
    testing::workspace(store, "w", owner.id, now).await.id
}

fn starter(store: &Store) -> RunService {
    starter_with(store, &policy_toml())
}

fn starter_with(store: &Store, policy: &str) -> RunService {
    let mut registry = HandlerRegistry::new();
    registry.register(support::handlers::Scripted(OperationType::InventorySync));
    let config = EngineConfig::from_toml(policy, "test").unwrap();
    RunService::new(
        store.clone(),
        Arc::new(SystemClock),
        Arc::new(config),
        Arc::new(registry),
    )
}

fn request(ws: WorkspaceId, inputs: serde_json::Value) -> StartRequest {
    StartRequest {
        workspace_id: ws,
        tenant_id: None,
        initiator: None,
        operation: OperationType::InventorySync,
        inputs,
        identity: None,
        batch: None,
        notify: true,
    }
}

async fn killed_worker_scenario(url: String, dir: &Path) {
    let policy = dir.join("policy.toml");
    std::fs::write(&policy, policy_toml()).unwrap();
    let store = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap();
    let ws = seed(&store).await;
    let svc = starter(&store);

    let mut first = spawn_worker(&url, "first", &policy).await;
    // Long enough to still be running when we kill the process; within the 2 s timeout.
    let run = svc
        .start(request(ws, json!({"sleep_ms": 1800})))
        .await
        .unwrap()
        .run;
    eventually(
        Duration::from_secs(10),
        "the first worker to claim the run",
        || async {
            let mut db = store.conn().await.unwrap();
            let status = runs::get(&mut db, run.id).await.unwrap().unwrap().status;
            (status == RunStatus::Running).then_some(())
        },
    )
    .await;
    first.start_kill().unwrap(); // SIGKILL: no shutdown path runs
    first.wait().await.unwrap();
    let killed_at = Instant::now();

    let mut second = spawn_worker(&url, "second", &policy).await;
    let lease = Duration::from_secs(3);
    let done = eventually(
        lease + Duration::from_secs(2),
        "the second worker to resolve the killed worker's run",
        || async {
            let mut db = store.conn().await.unwrap();
            let r = runs::get(&mut db, run.id).await.unwrap().unwrap();
            (r.status == RunStatus::Completed).then_some(r)
        },
    )
    .await;
    let resolved_after = killed_at.elapsed();
    assert!(
        resolved_after <= lease + Duration::from_millis(1500),
        "resolved after {resolved_after:?}"
    );
    assert_eq!(done.outcome, RunOutcome::Failed);
    assert_eq!(
        done.reconciliation_reason.as_deref(),
        Some("run.stale_running")
    );
    assert_eq!(
        done.context["reconciliation"]["evidence"]["rule"],
        "lease_expired"
    );
    let owner = done.context["reconciliation"]["evidence"]["lease_owner"]
        .as_str()
        .unwrap();
    assert!(
        owner.starts_with("first-"),
        "the dead process held the lease: {owner}"
    );
    second.start_kill().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_worker_process_leaves_no_ambiguous_run_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
    killed_worker_scenario(url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_worker_process_leaves_no_ambiguous_run_postgres() {
    let dir = tempfile::tempdir().unwrap();
    killed_worker_scenario(atlas_testkit::fresh_postgres_url(), dir.path()).await;
}

/// Starts a long run on a worker named `name` with `policy`, waits until it runs, kills the
/// worker with SIGKILL and returns the run and the moment of the kill.
async fn crash_mid_run(
    store: &Store,
    svc: &RunService,
    ws: WorkspaceId,
    url: &str,
    name: &str,
    policy: &Path,
) -> (atlas_domain::OperationRun, Instant) {
    let mut worker = spawn_worker(url, name, policy).await;
    let run = svc
        .start(request(ws, json!({"sleep_ms": 30_000, "steps": 30})))
        .await
        .unwrap()
        .run;
    eventually(
        Duration::from_secs(10),
        "a worker to claim the run",
        || async {
            let mut db = store.conn().await.unwrap();
            let status = runs::get(&mut db, run.id).await.unwrap().unwrap().status;
            (status == RunStatus::Running).then_some(())
        },
    )
    .await;
    worker.start_kill().unwrap();
    worker.wait().await.unwrap();
    (run, Instant::now())
}

async fn same_machine_restart_scenario(url: String, dir: &Path) {
    // Default settings: a 600 s lease, heartbeats every 15 s.
    let policy = dir.join("defaults.toml");
    std::fs::write(&policy, "").unwrap();
    let store = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap();
    let ws = seed(&store).await;
    let svc = starter_with(&store, "");
    let (crashed, killed_at) = crash_mid_run(&store, &svc, ws, &url, "auto", &policy).await;

    // The app restarts on this machine: its start-up resolves the dead process's run at once.
    let mut restarted = spawn_worker(&url, "auto", &policy).await;
    let again = svc
        .start(request(ws, json!({"sleep_ms": 30_000, "steps": 30})))
        .await
        .unwrap();
    let elapsed = killed_at.elapsed();
    assert!(!again.deduped, "a new run, not the dead one");
    assert_ne!(again.run.id, crashed.id);
    assert!(
        elapsed < Duration::from_secs(5),
        "started again after {elapsed:?}"
    );

    let mut db = store.conn().await.unwrap();
    let done = runs::get(&mut db, crashed.id).await.unwrap().unwrap();
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(
        done.reconciliation_source.as_deref(),
        Some("startup_reconciler")
    );
    let evidence = &done.context["reconciliation"]["evidence"];
    assert_eq!(evidence["rule"], "process_ended");
    let owner = evidence["lease_owner"].as_str().unwrap();
    assert!(
        owner.starts_with(&format!("{}/", ProcessIdentity::current().host)),
        "the dead process's identity is the evidence: {owner}"
    );
    restarted.start_kill().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_the_same_work_starts_again_within_5s_on_the_same_machine_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
    same_machine_restart_scenario(url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_the_same_work_starts_again_within_5s_on_the_same_machine_postgres() {
    let dir = tempfile::tempdir().unwrap();
    same_machine_restart_scenario(atlas_testkit::fresh_postgres_url(), dir.path()).await;
}

/// Another machine cannot look at the dead process; three missed heartbeats are its proof. The
/// heartbeat is shortened to 1 s (3 s of silence) to keep the test quick; with the default 15 s
/// the same rule gives 45 s (`lifecycle` tests check every type stays within 60 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_another_machine_starts_the_work_again_after_three_missed_heartbeats() {
    let dir = tempfile::tempdir().unwrap();
    let policy_text = "[engine]\nheartbeat_seconds = 1\n";
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, policy_text).unwrap();
    let url = atlas_testkit::fresh_postgres_url();
    let store = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap();
    let ws = seed(&store).await;
    let svc = starter_with(&store, policy_text);
    // A worker whose identity says it runs on another machine.
    let me = ProcessIdentity::current();
    let remote = format!("{}/{}/ffffffff.00000000.1", me.host, me.pid);
    let (crashed, killed_at) = crash_mid_run(&store, &svc, ws, &url, &remote, &policy).await;

    let inputs = json!({"sleep_ms": 30_000, "steps": 30});
    let first_try = svc.start(request(ws, inputs.clone())).await.unwrap();
    assert!(
        first_try.deduped,
        "right after the crash the run still looks alive from here"
    );
    let again = eventually(
        Duration::from_secs(10),
        "the same work to start again",
        || async {
            let started = svc.start(request(ws, inputs.clone())).await.unwrap();
            (!started.deduped).then_some(started)
        },
    )
    .await;
    let elapsed = killed_at.elapsed();
    assert_ne!(again.run.id, crashed.id);
    assert!(
        elapsed < Duration::from_secs(6),
        "started again after {elapsed:?}"
    );
    let mut db = store.conn().await.unwrap();
    let done = runs::get(&mut db, crashed.id).await.unwrap().unwrap();
    assert_eq!(done.outcome, RunOutcome::Failed);
    assert_eq!(
        done.reconciliation_source.as_deref(),
        Some("duplicate_start")
    );
    assert_eq!(
        done.context["reconciliation"]["evidence"]["rule"],
        "heartbeats_stopped"
    );
    let audit = atlas_store::audit::list_for_workspace(&mut db, ws, 10)
        .await
        .unwrap();
    let entry = audit
        .iter()
        .find(|e| e.target_id.as_deref() == Some(crashed.id.to_string().as_str()))
        .expect("the reconciliation is audited");
    assert_eq!(
        entry.metadata["reconciliation"]["source"],
        "duplicate_start"
    );
    assert_eq!(
        entry.metadata["reconciliation"]["evidence"]["lease_owner"]
            .as_str()
            .map(|o| o.starts_with(&remote)),
        Some(true)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_worker_processes_execute_each_of_2000_runs_exactly_once() {
    const RUNS: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, policy_toml()).unwrap();
    let record = dir.path().join("executions.log");
    let url = atlas_testkit::fresh_postgres_url();
    let store = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap();
    let ws = seed(&store).await;
    let svc = starter(&store);
    for n in 0..RUNS {
        let inputs = json!({ "n": n, "record_to": record.to_str().unwrap() });
        svc.start(request(ws, inputs)).await.unwrap();
    }
    let mut workers = Vec::new();
    for p in 0..4 {
        workers.push(spawn_worker(&url, &format!("p{p}"), &policy).await);
    }
    eventually(
        Duration::from_secs(180),
        "the four workers to drain the runs",
        || async {
            let mut db = store.conn().await.unwrap();
            (runs::count_active(&mut db).await.unwrap() == 0).then_some(())
        },
    )
    .await;
    for w in &mut workers {
        w.start_kill().unwrap();
    }
    let mut db = store.conn().await.unwrap();
    let all = runs::list_recent(&mut db, ws, RUNS as i64 + 10)
        .await
        .unwrap();
    assert_eq!(all.len(), RUNS);
    for run in &all {
        assert_eq!(
            (run.status, run.outcome, run.attempt),
            (RunStatus::Completed, RunOutcome::Succeeded, 1),
            "{}",
            run.id
        );
    }
    let mut log = String::new();
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("executions.log.")
        {
            log.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let lines: Vec<&str> = log.lines().collect();
    let unique: HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(
        lines.len(),
        RUNS,
        "each run executed exactly once (no run twice, none skipped)"
    );
    assert_eq!(unique.len(), RUNS);
}
