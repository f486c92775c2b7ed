//! The operation engine's guarantees (SPEC §3, seeds spec 160), each test on SQLite and on
//! PostgreSQL. Time is moved with a manual clock where the engine reads it; worker tests use
//! short real timeouts.

mod support;

use std::{sync::Arc, time::Duration};

use atlas_domain::{
    lifecycle::Freshness, reasons::ReconciliationSource, summary, OperationRun, OperationType,
    ReasonCode, RunEvent, RunEventKind, RunOutcome, RunStatus, TenantId, Timestamp, UserId,
    WorkspaceId,
};
use atlas_engine::{
    Cancel, Clock, Engine, EngineConfig, EngineError, HandlerRegistry, Heartbeat, ManualClock,
    ReconcileOptions, Reconciler, RunService, Scheduler, StartRequest, SystemClock, Transition,
    WorkerPool,
};
use atlas_store::{audit, notifications, runs, testing, Store, StoreConfig};
use serde_json::json;
use support::handlers::Scripted;
use tokio::sync::broadcast;

struct Env {
    store: Store,
    workspace: WorkspaceId,
    tenant: TenantId,
    user: UserId,
    _dir: Option<tempfile::TempDir>,
}

async fn sqlite() -> Env {
    let (store, dir) = testing::sqlite_store().await;
    seed(store, Some(dir)).await
}

async fn postgres() -> Env {
    seed(testing::postgres_store().await, None).await
}

async fn seed(store: Store, dir: Option<tempfile::TempDir>) -> Env {
    let now = Timestamp::now();
    let directory = "3f0c6a52-8d1e-4b7a-9c2f-5e4d1a0b7c31".parse().unwrap();
    let (user, workspace, tenant) = testing::owner_workspace_tenant(&store, now, |ws| {
        testing::tenant(ws, "Contoso", directory, now)
    })
    .await;
    Env {
        store,
        workspace,
        tenant: tenant.id,
        user,
        _dir: dir,
    }
}

fn registry() -> HandlerRegistry {
    let mut r = HandlerRegistry::new();
    r.register(Scripted(OperationType::InventorySync))
        .register(Scripted(OperationType::PolicySync));
    r
}

/// Short real-time timing for worker tests; passes the validator.
fn fast_config() -> EngineConfig {
    let mut config = EngineConfig {
        workers: 2,
        reconcile_every: Duration::from_secs(1),
        shutdown_grace: Duration::from_millis(300),
        poll_interval: Duration::from_millis(50),
        ..Default::default()
    };
    config.timing.lease = Duration::from_secs(4);
    config.timing.heartbeat_interval = Duration::from_millis(200);
    config.timing.safety_margin = Duration::from_millis(500);
    let types: Vec<_> = config.policies.iter().map(|(t, _)| t).collect();
    for t in types {
        let mut p = *config.policies.get(t).unwrap();
        p.timeout = Duration::from_millis(1500);
        p.expected_max_runtime = Duration::from_millis(1000);
        p.queued_stale_after = Duration::from_secs(2);
        p.running_stale_after = Duration::from_secs(4);
        config.policies.set(t, p);
    }
    assert!(
        config.violations(&[]).is_empty(),
        "{:?}",
        config.violations(&[])
    );
    config
}

fn service(env: &Env, clock: Arc<dyn Clock>, config: EngineConfig) -> Arc<RunService> {
    Arc::new(RunService::new(
        env.store.clone(),
        clock,
        Arc::new(config),
        Arc::new(registry()),
    ))
}

fn manual() -> ManualClock {
    ManualClock::new(Timestamp::from_unix_millis(1_800_000_000_000).unwrap())
}

fn request(env: &Env, inputs: serde_json::Value) -> StartRequest {
    StartRequest {
        workspace_id: env.workspace,
        tenant_id: Some(env.tenant),
        initiator: Some(env.user),
        operation: OperationType::InventorySync,
        inputs,
        identity: None,
        batch: None,
        notify: true,
    }
}

async fn get(env: &Env, run: &OperationRun) -> OperationRun {
    let mut db = env.store.conn().await.unwrap();
    runs::get(&mut db, run.id).await.unwrap().unwrap()
}

/// How far a run has come. Its newest state is the furthest one seen: a claim may be announced
/// before the run's creation, and a run never moves back.
fn stage(status: RunStatus) -> u8 {
    match status {
        RunStatus::Queued => 0,
        RunStatus::Running => 1,
        RunStatus::Completed => 2,
    }
}

/// Keeps `seen` as the newest state of its run.
fn merge(seen: &mut OperationRun, newer: OperationRun) {
    if stage(newer.status) >= stage(seen.status) {
        *seen = newer;
    }
}

/// Follows `followed` on the service's event stream until `until` holds for their newest
/// states, and returns those. `events` must be subscribed before the runs are started; the runs
/// are also read once first, which covers whatever happened before that (and a lagging
/// listener re-reads them). A heartbeat without new counts announces nothing: only wait for
/// states that an announced change brings.
async fn follow(
    env: &Env,
    events: &mut broadcast::Receiver<RunEvent>,
    followed: &[&OperationRun],
    what: &str,
    until: impl Fn(&[OperationRun]) -> bool,
) -> Vec<OperationRun> {
    let mut newest = Vec::with_capacity(followed.len());
    for run in followed {
        newest.push(get(env, run).await);
    }
    let wait = Duration::from_secs(20);
    tokio::time::timeout(wait, async {
        while !until(&newest) {
            match events.recv().await {
                Ok(event) => {
                    if let Some(seen) = newest.iter_mut().find(|r| r.id == event.run.id) {
                        merge(seen, event.run);
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    for seen in &mut newest {
                        let stored = get(env, seen).await;
                        merge(seen, stored);
                    }
                }
                Err(broadcast::error::RecvError::Closed) => panic!("the run service went away"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out after {wait:?} waiting for {what}: {newest:?}"));
    newest
}

/// Waits for the run's completion on the event stream (see [`follow`]), and returns it as
/// stored.
async fn wait_terminal(
    env: &Env,
    events: &mut broadcast::Receiver<RunEvent>,
    run: &OperationRun,
) -> OperationRun {
    follow(env, events, &[run], "the run to complete", |r| {
        r[0].status == RunStatus::Completed
    })
    .await;
    let stored = get(env, run).await;
    assert_eq!(stored.status, RunStatus::Completed, "{stored:?}");
    stored
}

macro_rules! both {
    ($($name:ident),+ $(,)?) => {
        mod sqlite_backend { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(super::sqlite().await).await } )+ }
        mod postgres_backend { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(super::postgres().await).await } )+ }
    };
}

both!(
    start_queues_the_run_and_returns_at_once,
    starting_the_same_work_twice_returns_the_active_run,
    starting_work_whose_duplicate_is_likely_stale_resolves_it_and_starts_anew,
    unknown_types_and_malformed_inputs_are_refused_and_store_nothing,
    a_claim_is_exclusive_and_takes_a_lease,
    completion_writes_audit_and_notifies_the_initiator,
    runs_without_an_initiator_send_no_notification,
    runs_started_together_end_in_one_summary,
    a_quiet_start_notifies_nobody,
    completed_runs_are_never_modified_again,
    blocked_runs_end_blocked_with_their_reason,
    stale_queued_runs_are_reconciled,
    stale_running_runs_are_reconciled_after_three_missed_heartbeats,
    a_reconciled_sync_counts_the_versions_it_had_stored,
    fresh_runs_are_left_alone,
    reconcile_is_idempotent,
    a_dry_run_changes_nothing,
    reconcile_honours_filters_and_limit,
    a_completion_that_wins_the_race_is_kept,
    a_stale_run_whose_restore_ended_is_aligned_to_its_record,
    concurrent_completion_and_reconciliation_agree_on_one_truth,
    handler_errors_are_bridged_to_failed_with_a_sanitised_message,
    handler_panics_are_bridged_to_failed,
    timeouts_fail_the_run,
    progress_is_stored_and_heartbeats_renew_the_lease,
    shutdown_lets_quick_runs_finish_and_fails_hanging_ones,
    startup_reconciliation_heals_orphaned_runs_before_workers_start,
    aggregates_count_stale_and_reconciled_runs,
    every_change_is_announced_in_order,
    a_queued_run_is_cancelled_at_once_and_audited,
    a_running_run_stops_when_cancelled_in_its_own_process,
    a_cancel_asked_by_another_process_is_seen_at_the_next_heartbeat,
    a_cancel_by_someone_else_tells_the_initiator,
    a_due_schedule_starts_once_however_many_schedulers_see_it,
);

async fn a_due_schedule_starts_once_however_many_schedulers_see_it(env: Env) {
    use atlas_domain::schedule::Schedule;
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let now = clock.now();
    // Due three hours ago, hourly: the slots missed while nothing ran start once, not three times.
    let schedule = Schedule {
        id: atlas_domain::ScheduleId::new(),
        workspace_id: env.workspace,
        tenant_id: Some(env.tenant),
        operation: OperationType::InventorySync,
        inputs: json!({}),
        cron: "0 * * * *".into(),
        time_zone: "Europe/Berlin".into(),
        enabled: true,
        next_run_at: Timestamp::from_unix_millis(now.unix_millis() - 3 * 3_600_000),
        last_run_at: None,
        created_by: env.user,
        created_at: now,
        updated_at: now,
    };
    {
        let mut db = env.store.conn().await.unwrap();
        atlas_store::schedules::insert(&mut db, &schedule)
            .await
            .unwrap();
    }
    // Two processes' schedulers (same database) pass at the same moment.
    let (a, b) = (Scheduler::new(svc.clone()), Scheduler::new(svc.clone()));
    let (ran_a, ran_b) = tokio::join!(a.tick(), b.tick());
    assert_eq!(ran_a.unwrap() + ran_b.unwrap(), 1, "one run for the slot");
    let mut db = env.store.conn().await.unwrap();
    let runs = runs::list_recent(&mut db, env.workspace, 10).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0].initiator_user_id, None,
        "scheduled work has no initiator"
    );
    let moved = atlas_store::schedules::get(&mut db, schedule.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.last_run_at, Some(now));
    let next = moved.next_run_at.unwrap();
    assert!(
        next.unix_millis() > now.unix_millis()
            && next.unix_millis() <= now.unix_millis() + 3_600_000
    );
    drop(db);
    // Not due again until the next hour.
    assert_eq!(a.tick().await.unwrap(), 0);
    clock.advance(Duration::from_millis(
        (next.unix_millis() - now.unix_millis()) as u64,
    ));
    // The next slot starts the next run; the first, never picked up for an hour, is resolved
    // as never started rather than attached to.
    assert_eq!(a.tick().await.unwrap(), 1);
    let first = get(&env, &runs[0]).await;
    assert_eq!(first.headline_reason(), Some(ReasonCode::StaleQueued));
    let mut db = env.store.conn().await.unwrap();
    let all = runs::list_recent(&mut db, env.workspace, 10).await.unwrap();
    assert_eq!(all.len(), 2);
}

async fn a_queued_run_is_cancelled_at_once_and_audited(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    let Cancel::Cancelled(done) = svc.cancel(run.id, env.user).await.unwrap() else {
        panic!("a queued run is cancelled at once");
    };
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(done.headline_reason(), Some(ReasonCode::Cancelled));
    assert_eq!(done.cancel_requested_by, Some(env.user));
    assert!(done.started_at.is_none(), "it never started");
    assert_eq!(get(&env, &run).await, done);
    // Nothing is left to claim, and asking again changes nothing.
    assert!(svc.claim("w1").await.unwrap().is_none());
    assert!(matches!(
        svc.cancel(run.id, env.user).await.unwrap(),
        Cancel::AlreadyCompleted(_)
    ));
    let mut db = env.store.conn().await.unwrap();
    let entries = audit::list_for_workspace(&mut db, env.workspace, 10)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].summary, "Inventory sync for Contoso: cancelled");
    assert_eq!(
        entries[0].actor,
        atlas_domain::AuditActor::User { user_id: env.user }
    );
    // Whoever cancelled their own run is not told how it ended.
    let inbox = notifications::list_for_user(&mut db, env.user, None, 10)
        .await
        .unwrap();
    assert!(inbox.is_empty(), "{inbox:?}");
}

/// Starts a run that hangs until stopped (its timeout, 1.5 s, would end it otherwise) and waits
/// until a worker runs it.
async fn hanging_run(
    env: &Env,
    svc: &Arc<RunService>,
    events: &mut broadcast::Receiver<RunEvent>,
) -> OperationRun {
    let run = svc
        .start(request(env, json!({"behavior": "hang"})))
        .await
        .unwrap()
        .run;
    follow(env, events, &[&run], "the run to be claimed", |r| {
        r[0].status == RunStatus::Running
    })
    .await;
    run
}

async fn a_running_run_stops_when_cancelled_in_its_own_process(env: Env) {
    let svc = service(&env, Arc::new(SystemClock), fast_config());
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let run = hanging_run(&env, &svc, &mut events).await;
    let Cancel::Requested(asked) = svc.cancel(run.id, env.user).await.unwrap() else {
        panic!("a running run is asked to stop");
    };
    assert_eq!(asked.status, RunStatus::Running);
    assert!(asked.cancel_requested_at.is_some());
    let done = wait_terminal(&env, &mut events, &run).await;
    pool.shutdown().await;
    // Ended by the cancel, not by its time limit.
    assert_eq!(done.outcome, RunOutcome::Failed);
    assert_eq!(done.headline_reason(), Some(ReasonCode::Cancelled));
    assert_eq!(done.failure_summary.len(), 1, "{:?}", done.failure_summary);
    assert!(done.failure_summary[0].message.contains("next checkpoint"));
}

async fn a_cancel_asked_by_another_process_is_seen_at_the_next_heartbeat(env: Env) {
    let svc = service(&env, Arc::new(SystemClock), fast_config());
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let run = hanging_run(&env, &svc, &mut events).await;
    // Another workstation's request reaches this process only through the database.
    {
        let mut db = env.store.conn().await.unwrap();
        assert!(
            runs::request_cancel(&mut db, run.id, env.user, Timestamp::now())
                .await
                .unwrap()
        );
    }
    let done = wait_terminal(&env, &mut events, &run).await;
    pool.shutdown().await;
    assert_eq!(done.headline_reason(), Some(ReasonCode::Cancelled));
    assert_eq!(done.cancel_requested_by, Some(env.user));
}

async fn a_cancel_by_someone_else_tells_the_initiator(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    let colleague = testing::user(&env.store, "local:bob", Timestamp::now()).await;
    assert!(matches!(
        svc.cancel(run.id, colleague.id).await.unwrap(),
        Cancel::Cancelled(_)
    ));
    let mut db = env.store.conn().await.unwrap();
    let entries = audit::list_for_workspace(&mut db, env.workspace, 10)
        .await
        .unwrap();
    assert_eq!(
        entries[0].actor,
        atlas_domain::AuditActor::User {
            user_id: colleague.id
        }
    );
    let inbox = notifications::list_for_user(&mut db, env.user, None, 10)
        .await
        .unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].title, "Inventory sync for Contoso: cancelled");
    assert_eq!(inbox[0].body, "Cancelled");
}

async fn start_queues_the_run_and_returns_at_once(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let started = svc
        .start(request(&env, json!({"behavior": "hang"})))
        .await
        .unwrap();
    assert!(!started.deduped);
    let run = get(&env, &started.run).await;
    assert_eq!(
        (run.status, run.outcome),
        (RunStatus::Queued, RunOutcome::Pending)
    );
    assert_eq!(run.context["inputs"]["behavior"], "hang");
    assert_eq!(run.attempt, 0);
}

async fn starting_the_same_work_twice_returns_the_active_run(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let first = svc
        .start(request(&env, json!({"a": 1, "b": 2})))
        .await
        .unwrap();
    let again = svc
        .start(request(&env, json!({"b": 2, "a": 1})))
        .await
        .unwrap();
    assert!(again.deduped);
    assert_eq!(again.run.id, first.run.id);
    // Different inputs are different work.
    let other = svc.start(request(&env, json!({"a": 2}))).await.unwrap();
    assert!(!other.deduped);
    // Once the first is completed, the same work can be queued again.
    svc.finalize_blocked(first.run.id, ReasonCode::TenantNotActive, "blocked")
        .await
        .unwrap();
    let fresh = svc
        .start(request(&env, json!({"a": 1, "b": 2})))
        .await
        .unwrap();
    assert!(!fresh.deduped);
    assert_ne!(fresh.run.id, first.run.id);
}

async fn unknown_types_and_malformed_inputs_are_refused_and_store_nothing(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let mut req = request(&env, json!({}));
    req.operation = OperationType::RestoreExecute;
    let err = svc.start(req).await.unwrap_err();
    assert!(
        matches!(err, EngineError::NoHandler(OperationType::RestoreExecute)),
        "{err}"
    );
    let err = svc
        .start(request(&env, json!({"behavior": "explode"})))
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("invalid run inputs: ") && message.contains("`explode`"),
        "{message}"
    );
    let mut db = env.store.conn().await.unwrap();
    assert!(runs::list_recent(&mut db, env.workspace, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn a_claim_is_exclusive_and_takes_a_lease(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let a = svc.start(request(&env, json!({"n": 1}))).await.unwrap().run;
    let b = svc.start(request(&env, json!({"n": 2}))).await.unwrap().run;
    let (x, y) = tokio::join!(svc.claim("w1"), svc.claim("w2"));
    let (x, y) = (x.unwrap().unwrap(), y.unwrap().unwrap());
    assert_ne!(x.id, y.id);
    assert!([a.id, b.id].contains(&x.id) && [a.id, b.id].contains(&y.id));
    assert!(svc.claim("w3").await.unwrap().is_none());
    assert_eq!(x.status, RunStatus::Running);
    assert_eq!(x.attempt, 1);
    assert_eq!(x.started_at, Some(clock.now()));
    assert_eq!(
        x.lease_expires_at.unwrap().unix_millis() - clock.now().unix_millis(),
        600_000
    );
}

async fn completion_writes_audit_and_notifies_the_initiator(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    svc.claim("w1").await.unwrap().unwrap();
    let outcome = atlas_engine::HandlerOutcome::succeeded().with_counts(
        [
            (summary::TOTAL.to_owned(), 5),
            (summary::PROCESSED.to_owned(), 5),
        ]
        .into(),
    );
    let t = svc.complete(run.id, "w1", outcome).await.unwrap();
    assert!(t.applied());
    let done = get(&env, &run).await;
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Succeeded)
    );
    assert_eq!(done.summary_counts[summary::PROCESSED], 5);
    assert!(done.lease_expires_at.is_none());
    let mut db = env.store.conn().await.unwrap();
    let entries = audit::list_for_workspace(&mut db, env.workspace, 10)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "operation_run.completed");
    assert_eq!(
        entries[0].target_id.as_deref(),
        Some(run.id.to_string().as_str())
    );
    let inbox = notifications::list_for_user(&mut db, env.user, None, 10)
        .await
        .unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].title, "Inventory sync for Contoso: succeeded");
    assert_eq!(inbox[0].run_id, Some(run.id));
}

async fn runs_without_an_initiator_send_no_notification(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let mut req = request(&env, json!({}));
    req.initiator = None;
    let run = svc.start(req).await.unwrap().run;
    svc.finalize_blocked(run.id, ReasonCode::TenantNotConnected, "No assignment")
        .await
        .unwrap();
    let mut db = env.store.conn().await.unwrap();
    assert_eq!(
        audit::list_for_workspace(&mut db, env.workspace, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(notifications::list_for_user(&mut db, env.user, None, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn runs_started_together_end_in_one_summary(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let batch = atlas_domain::RunBatch {
        id: atlas_domain::RunBatchId::new(),
        workspace_id: env.workspace,
        user_id: env.user,
        operation_type: OperationType::InventorySync,
        label: "Inventory sync of all tenants".into(),
        total: None,
        done: 0,
        succeeded: 0,
        partially_succeeded: 0,
        failed: 0,
        created_at: Timestamp::now(),
        notified_at: None,
    };
    svc.open_batch(&batch).await.unwrap();
    let mut runs = Vec::new();
    for n in 0..3 {
        let mut req = request(&env, json!({ "n": n }));
        req.batch = Some(batch.id);
        runs.push(svc.start(req).await.unwrap().run);
    }
    // One run ends before the batch is closed (it is blocked at once).
    svc.finalize_blocked(runs[0].id, ReasonCode::TenantNotConnected, "Not connected")
        .await
        .unwrap();
    svc.close_batch(batch.id, 3).await.unwrap();
    let (store, user) = (env.store.clone(), env.user);
    let inbox = || {
        let store = store.clone();
        async move {
            let mut db = store.conn().await.unwrap();
            notifications::list_for_user(&mut db, user, None, 10)
                .await
                .unwrap()
        }
    };
    assert!(
        inbox().await.is_empty(),
        "nothing while runs are still going"
    );
    for _ in 0..2 {
        let claimed = svc.claim("w1").await.unwrap().unwrap();
        svc.complete(claimed.id, "w1", atlas_engine::HandlerOutcome::succeeded())
            .await
            .unwrap();
    }
    let entries = inbox().await;
    assert_eq!(
        entries.len(),
        1,
        "one summary, no entry per run: {entries:?}"
    );
    let summary = &entries[0];
    assert_eq!(
        summary.title,
        "Inventory sync of all tenants finished: 2 succeeded, 1 failed"
    );
    assert_eq!(summary.batch_id, Some(batch.id));
    assert_eq!(summary.tone, atlas_domain::vocabulary::Tone::Warning);
    assert!(
        runs.iter().any(|r| Some(r.id) == summary.run_id),
        "the last run's ending"
    );
}

async fn a_quiet_start_notifies_nobody(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let mut req = request(&env, json!({}));
    req.notify = false;
    let run = svc.start(req).await.unwrap().run;
    svc.finalize_blocked(run.id, ReasonCode::TenantNotConnected, "Not connected")
        .await
        .unwrap();
    let mut db = env.store.conn().await.unwrap();
    assert!(notifications::list_for_user(&mut db, env.user, None, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        audit::list_for_workspace(&mut db, env.workspace, 10)
            .await
            .unwrap()
            .len(),
        1,
        "still audited"
    );
}

async fn completed_runs_are_never_modified_again(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    svc.claim("w1").await.unwrap();
    svc.complete(run.id, "w1", atlas_engine::HandlerOutcome::succeeded())
        .await
        .unwrap();
    let before = get(&env, &run).await;
    clock.advance(Duration::from_secs(100_000));
    let again = svc
        .complete(run.id, "w1", atlas_engine::HandlerOutcome::failed(vec![]))
        .await
        .unwrap();
    assert!(matches!(again, Transition::AlreadyCompleted(_)));
    let fail = svc
        .force_fail(
            run.id,
            None,
            atlas_domain::reasons::RunReason::QueueFailureBridge,
            "x",
            json!({}),
        )
        .await
        .unwrap();
    assert!(matches!(fail, Transition::AlreadyCompleted(_)));
    let blocked = svc
        .finalize_blocked(run.id, ReasonCode::TenantMissing, "y")
        .await
        .unwrap();
    assert!(matches!(blocked, Transition::AlreadyCompleted(_)));
    let report = Reconciler::new(svc.clone())
        .pass(&ReconcileOptions::default())
        .await
        .unwrap();
    assert_eq!(report.inspected, 0);
    assert_eq!(get(&env, &run).await, before);
}

async fn blocked_runs_end_blocked_with_their_reason(env: Env) {
    let svc = service(&env, Arc::new(manual()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    let t = svc
        .finalize_blocked(run.id, ReasonCode::TenantNotConnected, "No connection")
        .await
        .unwrap();
    assert!(t.applied());
    let done = get(&env, &run).await;
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Blocked)
    );
    assert!(done.started_at.is_none(), "no work was done");
    assert_eq!(
        done.failure_summary[0].reason_code,
        ReasonCode::TenantNotConnected
    );
    assert_eq!(done.context["reason_code"], "tenant.not_connected");
    // Only a queued run can be blocked.
    let other = svc.start(request(&env, json!({"n": 2}))).await.unwrap().run;
    svc.claim("w1").await.unwrap();
    assert!(matches!(
        svc.finalize_blocked(other.id, ReasonCode::TenantMissing, "y")
            .await
            .unwrap(),
        Transition::Skipped(_)
    ));
}

async fn stale_queued_runs_are_reconciled(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    clock.advance(Duration::from_secs(301));
    let report = Reconciler::new(svc.clone())
        .pass(&ReconcileOptions::default())
        .await
        .unwrap();
    assert_eq!(
        (report.inspected, report.reconciled, report.skipped),
        (1, 1, 0)
    );
    let change = &report.changes[0];
    assert_eq!(change.reason.code(), "run.stale_queued");
    assert_eq!(change.evidence.threshold_seconds, 300);
    assert_eq!(change.evidence.reference_time, run.created_at);
    let done = get(&env, &run).await;
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(
        done.reconciliation_reason.as_deref(),
        Some("run.stale_queued")
    );
    assert_eq!(
        done.reconciliation_source.as_deref(),
        Some("scheduled_reconciler")
    );
    assert_eq!(done.reconciled_at, Some(clock.now()));
    assert_eq!(
        done.context["reconciliation"]["evidence"]["rule"],
        "never_started"
    );
    let state = atlas_domain::lifecycle::freshness(&done, None, &Default::default(), clock.now()).0;
    assert_eq!(state, Freshness::ReconciledFailed);
    let mut db = env.store.conn().await.unwrap();
    let inbox = notifications::list_for_user(&mut db, env.user, None, 10)
        .await
        .unwrap();
    assert_eq!(inbox[0].title, "Inventory sync for Contoso: failed");
}

async fn stale_running_runs_are_reconciled_after_three_missed_heartbeats(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    svc.claim("dead-worker").await.unwrap().unwrap();
    // Default heartbeats every 15 s: 45 s of silence is still within the rule.
    clock.advance(Duration::from_secs(45));
    let reconciler = Reconciler::new(svc.clone());
    assert_eq!(
        reconciler
            .pass(&ReconcileOptions::default())
            .await
            .unwrap()
            .inspected,
        0,
        "three intervals of silence are still believable"
    );
    clock.advance(Duration::from_secs(1));
    let report = reconciler.pass(&ReconcileOptions::default()).await.unwrap();
    assert_eq!(report.reconciled, 1);
    assert_eq!(report.changes[0].evidence.rule, "heartbeats_stopped");
    assert_eq!(
        report.changes[0].evidence.lease_owner.as_deref(),
        Some("dead-worker")
    );
    let done = get(&env, &run).await;
    assert_eq!(
        done.reconciliation_reason.as_deref(),
        Some("run.stale_running")
    );
    assert_eq!(done.outcome, RunOutcome::Failed);
    // The dead worker's late completion changes nothing.
    let late = svc
        .complete(
            run.id,
            "dead-worker",
            atlas_engine::HandlerOutcome::succeeded(),
        )
        .await
        .unwrap();
    assert!(matches!(late, Transition::AlreadyCompleted(_)));
}

async fn starting_work_whose_duplicate_is_likely_stale_resolves_it_and_starts_anew(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let first = svc.start(request(&env, json!({"n": 1}))).await.unwrap().run;
    svc.claim("silent-worker").await.unwrap().unwrap();
    clock.advance(Duration::from_secs(45));
    let attached = svc.start(request(&env, json!({"n": 1}))).await.unwrap();
    assert!(
        attached.deduped,
        "a run heard from 45 s ago is still believable"
    );
    assert_eq!(attached.run.id, first.id);

    clock.advance(Duration::from_secs(1));
    let again = svc.start(request(&env, json!({"n": 1}))).await.unwrap();
    assert!(!again.deduped);
    assert_ne!(again.run.id, first.id);
    assert_eq!(again.run.status, RunStatus::Queued);
    let old = get(&env, &first).await;
    assert_eq!(
        (old.status, old.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(
        old.reconciliation_source.as_deref(),
        Some("duplicate_start")
    );
    assert_eq!(
        old.context["reconciliation"]["evidence"]["rule"],
        "heartbeats_stopped"
    );
    assert_eq!(
        old.context["reconciliation"]["evidence"]["lease_owner"],
        "silent-worker"
    );
    // The silent worker, should it wake up, cannot touch either run.
    assert_eq!(
        svc.heartbeat(first.id, "silent-worker", None)
            .await
            .unwrap(),
        Heartbeat::Lost
    );
}

async fn a_reconciled_sync_counts_the_versions_it_had_stored(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let run = svc
        .start(StartRequest {
            operation: OperationType::PolicySync,
            ..request(&env, json!({}))
        })
        .await
        .unwrap()
        .run;
    svc.claim("doomed").await.unwrap().unwrap();
    // Its last progress said 1 new version; it had committed 3 when it died.
    let progress = std::collections::BTreeMap::from([("created".to_owned(), 1)]);
    assert_eq!(
        svc.heartbeat(run.id, "doomed", Some(&progress))
            .await
            .unwrap(),
        Heartbeat::Alive
    );
    {
        let mut db = env.store.conn().await.unwrap();
        for n in 0..3 {
            let version = atlas_store::policy_versions::NewVersion {
                workspace_id: env.workspace,
                tenant_id: env.tenant,
                object_type: "deviceCompliancePolicy".into(),
                external_id: format!("obj-{n}"),
                display_name: format!("Policy {n}"),
                content_hash: format!("hash-{n}"),
                content: json!({"n": n}),
                captured_at: clock.now(),
                run_id: Some(run.id),
                purpose: atlas_domain::VersionPurpose::Backup,
                provenance: None,
            };
            atlas_store::policy_versions::insert_if_changed(&mut db, &version)
                .await
                .unwrap();
        }
    }
    clock.advance(Duration::from_secs(46));
    let report = Reconciler::new(svc.clone())
        .pass(&ReconcileOptions::default())
        .await
        .unwrap();
    assert_eq!(report.reconciled, 1);
    let done = get(&env, &run).await;
    assert_eq!(done.outcome, RunOutcome::Failed);
    assert_eq!(done.summary_counts.get("created"), Some(&3));
}

async fn fresh_runs_are_left_alone(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let queued = svc.start(request(&env, json!({"n": 1}))).await.unwrap().run;
    let running = svc.start(request(&env, json!({"n": 2}))).await.unwrap().run;
    // Claim picks the oldest first; make sure we hold the second.
    let claimed = svc.claim("w1").await.unwrap().unwrap();
    let (queued, running) = if claimed.id == running.id {
        (queued, running)
    } else {
        (running, queued)
    };
    // A long but healthy run: heartbeats every 15 s keep it fresh far past running_stale_after.
    for _ in 0..70 {
        clock.advance(Duration::from_secs(15));
        assert_eq!(
            svc.heartbeat(claimed.id, "w1", None).await.unwrap(),
            Heartbeat::Alive
        );
        let _ = &queued;
    }
    let report = Reconciler::new(svc.clone())
        .pass(&ReconcileOptions::default())
        .await
        .unwrap();
    // The other run has been queued for 1050 s (> 300 s): stale. The heartbeating one is not.
    assert_eq!(report.reconciled, 1);
    assert_eq!(report.changes[0].run_id, queued.id);
    assert_eq!(get(&env, &running).await.status, RunStatus::Running);
}

async fn reconcile_is_idempotent(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    for n in 0..3 {
        svc.start(request(&env, json!({ "n": n }))).await.unwrap();
    }
    clock.advance(Duration::from_secs(400));
    let reconciler = Reconciler::new(svc.clone());
    assert_eq!(
        reconciler
            .pass(&ReconcileOptions::default())
            .await
            .unwrap()
            .reconciled,
        3
    );
    let mut db = env.store.conn().await.unwrap();
    let after_first = runs::list_recent(&mut db, env.workspace, 10).await.unwrap();
    let second = reconciler.pass(&ReconcileOptions::default()).await.unwrap();
    assert_eq!((second.inspected, second.reconciled), (0, 0));
    assert_eq!(
        runs::list_recent(&mut db, env.workspace, 10).await.unwrap(),
        after_first
    );
}

async fn a_dry_run_changes_nothing(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    clock.advance(Duration::from_secs(400));
    let options = ReconcileOptions {
        dry_run: true,
        ..Default::default()
    };
    let report = Reconciler::new(svc.clone()).pass(&options).await.unwrap();
    assert_eq!(
        (report.inspected, report.reconciled, report.changes.len()),
        (1, 0, 1)
    );
    assert!(!report.changes[0].applied);
    assert_eq!(get(&env, &run).await.status, RunStatus::Queued);
}

async fn reconcile_honours_filters_and_limit(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    for n in 0..3 {
        svc.start(request(&env, json!({ "n": n }))).await.unwrap();
    }
    let mut policy_req = request(&env, json!({}));
    policy_req.operation = OperationType::PolicySync;
    policy_req.tenant_id = None;
    let policy_run = svc.start(policy_req).await.unwrap().run;
    clock.advance(Duration::from_secs(400));
    let reconciler = Reconciler::new(svc.clone());

    let mut options = ReconcileOptions::default();
    options.filter.types = vec![OperationType::PolicySync];
    let report = reconciler.pass(&options).await.unwrap();
    assert_eq!(report.reconciled, 1);
    assert_eq!(report.changes[0].run_id, policy_run.id);

    let mut options = ReconcileOptions {
        limit: 2,
        ..Default::default()
    };
    options.filter.tenants = vec![TenantId::new()];
    assert_eq!(
        reconciler.pass(&options).await.unwrap().inspected,
        0,
        "other tenant"
    );
    options.filter.tenants = vec![env.tenant];
    options.filter.workspaces = vec![env.workspace];
    assert_eq!(
        reconciler.pass(&options).await.unwrap().reconciled,
        2,
        "limited to 2"
    );
    assert_eq!(reconciler.pass(&options).await.unwrap().reconciled, 1);
    let err = reconciler
        .pass(&ReconcileOptions {
            limit: 501,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("between 1 and 500"));
}

async fn a_completion_that_wins_the_race_is_kept(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let run = svc.start(request(&env, json!({}))).await.unwrap().run;
    svc.claim("w1").await.unwrap();
    clock.advance(Duration::from_secs(700)); // lease expired: a candidate
    let mut db = env.store.conn().await.unwrap();
    let candidates = runs::stale_candidates(&mut db, clock.now(), &Default::default(), 10)
        .await
        .unwrap();
    assert_eq!(candidates.len(), 1);
    // The worker was slow, not dead: it completes before the reconciler acts.
    assert!(svc
        .complete(run.id, "w1", atlas_engine::HandlerOutcome::succeeded())
        .await
        .unwrap()
        .applied());
    let (t, _) = svc
        .reconcile_stale(run.id, ReconciliationSource::ScheduledReconciler)
        .await
        .unwrap();
    assert!(matches!(t, Transition::AlreadyCompleted(_)));
    assert_eq!(get(&env, &run).await.outcome, RunOutcome::Succeeded);
}

async fn concurrent_completion_and_reconciliation_agree_on_one_truth(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let mut ids = vec![];
    for n in 0..10 {
        let run = svc
            .start(request(&env, json!({ "n": n })))
            .await
            .unwrap()
            .run;
        svc.claim("w1").await.unwrap();
        ids.push(run.id);
    }
    clock.advance(Duration::from_secs(700));
    let reconciler = Reconciler::new(svc.clone());
    let completer = {
        let svc = svc.clone();
        let ids = ids.clone();
        tokio::spawn(async move {
            let mut applied = 0;
            for id in ids {
                if svc
                    .complete(id, "w1", atlas_engine::HandlerOutcome::succeeded())
                    .await
                    .unwrap()
                    .applied()
                {
                    applied += 1;
                }
            }
            applied
        })
    };
    let report = reconciler.pass(&ReconcileOptions::default()).await.unwrap();
    let completed = completer.await.unwrap();
    assert_eq!(
        completed + report.reconciled,
        10,
        "each run ended exactly once"
    );
    let mut db = env.store.conn().await.unwrap();
    let all = runs::list_recent(&mut db, env.workspace, 20).await.unwrap();
    assert_eq!(all.len(), 10);
    for run in all {
        assert_eq!(run.status, RunStatus::Completed);
        let reconciled = run.reconciled_at.is_some();
        assert_eq!(reconciled, run.outcome == RunOutcome::Failed, "{run:?}");
    }
    let entries = audit::list_for_workspace(&mut db, env.workspace, 50)
        .await
        .unwrap();
    assert_eq!(entries.len(), 10, "one audit entry per terminal run");
}

/// The database disappears while a run is working and comes back a little later: the run still
/// ends with its true outcome (the worker keeps retrying the terminal write).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_goes_away_mid_run_still_gets_the_truth_once_back() {
    let url = atlas_testkit::fresh_postgres_url();
    let db_name = url.rsplit('/').next().unwrap().to_owned();
    let env = seed(
        Store::open(StoreConfig::Postgres { url }).await.unwrap(),
        None,
    )
    .await;
    let svc = service(&env, Arc::new(SystemClock), fast_config());
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let run = svc
        .start(request(&env, json!({"sleep_ms": 700})))
        .await
        .unwrap()
        .run;
    follow(
        &env,
        &mut events,
        &[&run],
        "a worker to claim the run",
        |r| r[0].status == RunStatus::Running,
    )
    .await;
    atlas_testkit::postgres::admin_sql(&format!(
        "ALTER DATABASE {db_name} ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db_name}'"
    ));
    tokio::time::sleep(Duration::from_millis(1500)).await; // the handler finishes meanwhile
    atlas_testkit::postgres::admin_sql(&format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS true"));
    let done = wait_terminal(&env, &mut events, &run).await;
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Succeeded)
    );
    pool.shutdown().await;
}

async fn run_with_workers(env: &Env, inputs: serde_json::Value) -> OperationRun {
    let svc = service(env, Arc::new(SystemClock), fast_config());
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let run = svc.start(request(env, inputs)).await.unwrap().run;
    let done = wait_terminal(env, &mut events, &run).await;
    pool.shutdown().await;
    done
}

async fn handler_errors_are_bridged_to_failed_with_a_sanitised_message(env: Env) {
    let done = run_with_workers(&env, json!({"behavior": "fail"})).await;
    assert_eq!(done.outcome, RunOutcome::Failed);
    let failure = done.failure_summary.last().unwrap();
    assert_eq!(failure.reason_code, ReasonCode::QueueFailureBridge);
    assert!(!failure.message.contains("hunter2"), "{}", failure.message);
    assert!(
        failure.message.contains("client_secret=[redacted]"),
        "{}",
        failure.message
    );
    assert_eq!(
        done.context["failure_bridge"]["evidence"]["error_kind"],
        "graph.unavailable"
    );
    assert_eq!(done.context["failure_bridge"]["source"], "failed_callback");
    assert!(
        done.reconciled_at.is_none(),
        "a bridged failure is not a reconciliation"
    );
}

async fn handler_panics_are_bridged_to_failed(env: Env) {
    let done = run_with_workers(&env, json!({"behavior": "panic"})).await;
    assert_eq!(done.outcome, RunOutcome::Failed);
    let failure = done.failure_summary.last().unwrap();
    assert_eq!(failure.reason_code, ReasonCode::QueueFailureBridge);
    assert!(
        failure.message.contains("the handler fell over"),
        "{}",
        failure.message
    );
    assert_eq!(
        done.context["failure_bridge"]["evidence"]["error_kind"],
        "panic"
    );
}

async fn timeouts_fail_the_run(env: Env) {
    let done = run_with_workers(&env, json!({"behavior": "heartbeat_then_hang"})).await;
    assert_eq!(done.outcome, RunOutcome::Failed);
    let failure = done.failure_summary.last().unwrap();
    assert_eq!(
        failure.reason_code,
        ReasonCode::InfrastructureTimeoutOrAbandonment
    );
    assert!(
        failure.message.contains("time limit"),
        "{}",
        failure.message
    );
    assert_eq!(
        done.context["failure_bridge"]["evidence"]["timeout_seconds"],
        1
    );
}

async fn progress_is_stored_and_heartbeats_renew_the_lease(env: Env) {
    let svc = service(&env, Arc::new(SystemClock), fast_config());
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let run = svc
        .start(request(&env, json!({"steps": 10, "sleep_ms": 900})))
        .await
        .unwrap()
        .run;
    // Every announced state while running: the claim, then each heartbeat that stored new
    // counts (it renews the lease too; the run it announces is read back from the store).
    let mut running = vec![];
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let event = events.recv().await.unwrap();
            assert_eq!(event.run.id, run.id);
            match event.run.status {
                RunStatus::Running => running.push(event.run),
                RunStatus::Completed => break,
                RunStatus::Queued => {}
            }
        }
    })
    .await
    .expect("the run completes within 10 s");
    pool.shutdown().await;
    let done = get(&env, &run).await;
    assert_eq!(
        (done.status, done.outcome),
        (RunStatus::Completed, RunOutcome::Succeeded)
    );
    assert_eq!(done.summary_counts[summary::PROCESSED], 10);
    assert_eq!(done.summary_counts[summary::TOTAL], 10);
    let processed: Vec<i64> = running
        .iter()
        .map(|r| {
            r.summary_counts
                .get(summary::PROCESSED)
                .copied()
                .unwrap_or(0)
        })
        .collect();
    assert!(
        processed.iter().any(|&n| n > 0),
        "progress was stored while running: {processed:?}"
    );
    assert!(
        processed.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back: {processed:?}"
    );
    let leases: std::collections::BTreeSet<_> =
        running.iter().filter_map(|r| r.lease_expires_at).collect();
    assert!(leases.len() >= 2, "the lease was renewed: {leases:?}");
}

async fn every_change_is_announced_in_order(env: Env) {
    let svc = service(&env, Arc::new(SystemClock), fast_config());
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let run = svc
        .start(request(&env, json!({"steps": 3, "sleep_ms": 300})))
        .await
        .unwrap()
        .run;
    let mut kinds = vec![];
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), events.recv())
            .await
            .expect("an event within the timeout")
            .unwrap();
        assert_eq!(event.run.id, run.id);
        kinds.push(event.kind);
        if event.kind == RunEventKind::Completed {
            assert_eq!(event.run.outcome, RunOutcome::Succeeded);
            assert_eq!(event.run.summary_counts[summary::PROCESSED], 3);
            break;
        }
    }
    pool.shutdown().await;
    // A polling worker may claim the run before its creation is announced; both are told.
    let count = |kind| kinds.iter().filter(|k| **k == kind).count();
    assert_eq!(count(RunEventKind::Created), 1, "{kinds:?}");
    assert!(count(RunEventKind::Updated) >= 1, "claimed: {kinds:?}");
    assert!(kinds.contains(&RunEventKind::Progress), "{kinds:?}");
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == RunEventKind::Completed)
            .count(),
        1
    );
}

async fn shutdown_lets_quick_runs_finish_and_fails_hanging_ones(env: Env) {
    let mut config = fast_config();
    config.workers = 2;
    config.shutdown_grace = Duration::from_millis(600);
    let svc = service(&env, Arc::new(SystemClock), config);
    let mut events = svc.subscribe();
    let pool = WorkerPool::new(svc.clone(), "test").spawn();
    let quick = svc
        .start(request(&env, json!({"sleep_ms": 200})))
        .await
        .unwrap()
        .run;
    let mut req = request(&env, json!({"behavior": "hang"}));
    req.operation = OperationType::PolicySync;
    let hanging = svc.start(req).await.unwrap().run;
    follow(
        &env,
        &mut events,
        &[&hanging, &quick],
        "both runs to be claimed",
        |r| r[0].status == RunStatus::Running && r[1].status != RunStatus::Queued,
    )
    .await;
    pool.shutdown().await;
    assert_eq!(get(&env, &quick).await.outcome, RunOutcome::Succeeded);
    let h = get(&env, &hanging).await;
    assert_eq!(
        (h.status, h.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(
        h.failure_summary.last().unwrap().reason_code,
        ReasonCode::WorkerShutdown
    );
}

async fn startup_reconciliation_heals_orphaned_runs_before_workers_start(env: Env) {
    let clock = manual();
    // A previous process claimed a run and died.
    let old = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let orphan = old.start(request(&env, json!({}))).await.unwrap().run;
    old.claim("crashed-worker").await.unwrap().unwrap();
    clock.advance(Duration::from_secs(601));
    let engine = Engine::start(
        env.store.clone(),
        registry(),
        EngineConfig::default(),
        Arc::new(clock.clone()),
        "new",
    )
    .await
    .unwrap();
    let healed = get(&env, &orphan).await;
    assert_eq!(healed.outcome, RunOutcome::Failed);
    assert_eq!(
        healed.reconciliation_source.as_deref(),
        Some("startup_reconciler")
    );
    engine.shutdown().await;

    let mut bad = EngineConfig::default();
    bad.timing.lease = Duration::from_secs(100);
    let err = Engine::start(env.store.clone(), registry(), bad, Arc::new(clock), "x")
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("workers were not started"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("inventory_sync: timeout (240s) must stay below the lease (100s)"),
        "{err}"
    );
}

async fn aggregates_count_stale_and_reconciled_runs(env: Env) {
    let clock = manual();
    let svc = service(&env, Arc::new(clock.clone()), EngineConfig::default());
    let t0 = clock.now();
    for n in 0..3 {
        svc.start(request(&env, json!({ "n": n }))).await.unwrap();
    }
    let mut req = request(&env, json!({}));
    req.operation = OperationType::PolicySync;
    svc.start(req).await.unwrap();
    clock.advance(Duration::from_secs(301));
    let mut db = env.store.conn().await.unwrap();
    let stale = runs::count_likely_stale(&mut db, clock.now(), &Default::default())
        .await
        .unwrap();
    assert_eq!(
        stale,
        vec![
            (OperationType::InventorySync, 3),
            (OperationType::PolicySync, 1)
        ]
    );
    Reconciler::new(svc.clone())
        .pass(&ReconcileOptions::default())
        .await
        .unwrap();
    let counts = runs::count_reconciled(
        &mut db,
        t0,
        atlas_engine_clock_after(clock.now()),
        &Default::default(),
    )
    .await
    .unwrap();
    assert_eq!(counts[0].operation_type, OperationType::InventorySync);
    assert_eq!(
        (counts[0].reason.as_str(), counts[0].count),
        ("run.stale_queued", 3)
    );
    assert_eq!(counts[1].count, 1);
    assert!(
        runs::count_likely_stale(&mut db, clock.now(), &Default::default())
            .await
            .unwrap()
            .is_empty()
    );
}

fn atlas_engine_clock_after(t: Timestamp) -> Timestamp {
    Timestamp::from_unix_millis(t.unix_millis() + 1).unwrap()
}

async fn a_stale_run_whose_restore_ended_is_aligned_to_its_record(env: Env) {
    let clock = manual();
    let mut registry = registry();
    registry.register(Scripted(OperationType::RestoreExecute));
    let svc = Arc::new(RunService::new(
        env.store.clone(),
        Arc::new(clock.clone()),
        Arc::new(EngineConfig::default()),
        Arc::new(registry),
    ));
    // A restore executed by a run whose process died after the restore's record was written
    // and before the run's own terminal write.
    let mut start = request(&env, json!({}));
    start.operation = OperationType::RestoreExecute;
    let run = svc.start(start).await.unwrap().run;
    svc.claim("w1").await.unwrap();
    let restore = atlas_domain::Restore {
        id: atlas_domain::RestoreId::new(),
        workspace_id: env.workspace,
        tenant_id: env.tenant,
        source: atlas_domain::RestoreSource::Versions {
            version_ids: vec![atlas_domain::PolicyVersionId::new()],
        },
        source_tenant_id: env.tenant,
        group_overrides: Default::default(),
        status: atlas_domain::RestoreStatus::Planning,
        preview_run_id: None,
        execute_run_id: None,
        target_state_hash: None,
        plan: None,
        outcomes: None,
        created_by: Some(env.user),
        created_at: clock.now(),
        previewed_at: None,
        executed_at: None,
    };
    let plan = atlas_domain::RestorePlan {
        items: vec![],
        groups: vec![],
        counts: Default::default(),
    };
    {
        use atlas_store::restores;
        let mut db = env.store.conn().await.unwrap();
        restores::insert_planning(&mut db, &restore).await.unwrap();
        assert!(
            restores::previewed(&mut db, restore.id, &plan, "h", clock.now())
                .await
                .unwrap()
        );
        assert!(restores::start_execution(&mut db, restore.id, run.id)
            .await
            .unwrap());
        assert!(restores::finish_execution(
            &mut db,
            restore.id,
            atlas_domain::RestoreStatus::Executed,
            &[],
            clock.now()
        )
        .await
        .unwrap());
    }
    clock.advance(Duration::from_secs(3_000)); // lease long expired: a candidate
    let (t, _) = svc
        .reconcile_stale(run.id, ReconciliationSource::ScheduledReconciler)
        .await
        .unwrap();
    assert!(t.applied());
    let aligned = get(&env, &run).await;
    assert_eq!(aligned.status, RunStatus::Completed);
    assert_eq!(
        aligned.outcome,
        RunOutcome::Succeeded,
        "the record says executed"
    );
    assert_eq!(
        aligned.reconciliation_reason.as_deref(),
        Some("run.adapter_out_of_sync")
    );
    assert_eq!(
        aligned.reconciliation_source.as_deref(),
        Some("adapter_reconciler")
    );
    let mut db = env.store.conn().await.unwrap();
    let restore = atlas_store::restores::get(&mut db, restore.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        restore.status,
        atlas_domain::RestoreStatus::Executed,
        "the record is left as it was"
    );
}
