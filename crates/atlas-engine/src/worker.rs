//! The worker pool: N workers claim queued runs, heartbeat them while their handler works,
//! enforce the per-type timeout, and turn every way a handler can end — result, error, panic,
//! timeout, shutdown — into terminal truth through the run service.

use std::{future::Future, sync::Arc, time::Duration};

use atlas_domain::{reasons::RunReason, OperationRun, RunId};
use tokio::{task::JoinHandle, time::sleep};
use tokio_util::sync::CancellationToken;

use crate::{
    handler::Progress, EngineError, HandlerError, HandlerOutcome, Heartbeat, RunContext,
    RunService, Transition,
};

/// Progress writes are coalesced to at most one per this interval.
const PROGRESS_FLUSH: Duration = Duration::from_millis(250);

#[derive(Debug)]
pub struct WorkerPool {
    service: Arc<RunService>,
    /// Prefix of worker ids (`<prefix>-<n>`), e.g. host and process id.
    name: String,
}

/// A running pool. Dropping it does not stop the workers; call [`WorkerPoolHandle::shutdown`].
#[derive(Debug)]
pub struct WorkerPoolHandle {
    /// Stop claiming new runs.
    stop: CancellationToken,
    /// Stop in-flight runs (after the grace period).
    abort: CancellationToken,
    grace: Duration,
    workers: Vec<JoinHandle<()>>,
}

impl WorkerPool {
    pub fn new(service: Arc<RunService>, name: impl Into<String>) -> Self {
        Self {
            service,
            name: name.into(),
        }
    }

    pub fn spawn(self) -> WorkerPoolHandle {
        let config = self.service.config().clone();
        let stop = CancellationToken::new();
        let abort = CancellationToken::new();
        let pool = Arc::new(self);
        let workers = (0..config.workers)
            .map(|n| {
                let pool = pool.clone();
                let worker = format!("{}-{n}", pool.name);
                let (stop, abort) = (stop.clone(), abort.clone());
                tokio::spawn(async move { pool.work(worker, stop, abort).await })
            })
            .collect();
        WorkerPoolHandle {
            stop,
            abort,
            grace: config.shutdown_grace,
            workers,
        }
    }

    async fn work(&self, worker: String, stop: CancellationToken, abort: CancellationToken) {
        let queued = self.service.queued_signal();
        let poll = self.service.config().poll_interval;
        let mut failing = false;
        while !stop.is_cancelled() {
            // Register interest before looking, so a run queued meanwhile still wakes us.
            let notified = queued.notified();
            let claimed = self.service.claim(&worker).await;
            if failing && claimed.is_ok() {
                tracing::info!(worker, "claiming works again");
                failing = false;
            }
            match claimed {
                Ok(Some(run)) => self.execute(&worker, run, &abort).await,
                Ok(None) => {
                    tokio::select! {
                        _ = stop.cancelled() => {}
                        _ = notified => {}
                        _ = sleep(poll) => {}
                    }
                }
                Err(err) => {
                    // Said once per outage, not once per attempt.
                    if !failing {
                        tracing::warn!(worker, error = %err, "claiming failed; retrying until it works");
                        failing = true;
                    }
                    tokio::select! { _ = stop.cancelled() => {} _ = sleep(poll * 4) => {} }
                }
            }
        }
    }

    async fn execute(&self, worker: &str, run: OperationRun, abort: &CancellationToken) {
        let service = &self.service;
        let id = run.id;
        let Some(handler) = service.registry().get(run.operation_type) else {
            // Claim only picks handled types; keep the invariant honest anyway.
            let msg = "No handler for this operation type in this worker.";
            self.finish(id, || {
                service.force_fail(
                    id,
                    Some(worker),
                    RunReason::QueueFailureBridge,
                    msg,
                    serde_json::json!({"error_kind": "no_handler"}),
                )
            })
            .await;
            return;
        };
        let timeout = service
            .config()
            .policies
            .get(run.operation_type)
            .map(|p| p.timeout)
            .unwrap_or(Duration::from_secs(60));
        let cancel = abort.child_token();
        let progress = Progress::default();
        let ctx = RunContext {
            run,
            progress: progress.clone(),
            cancel: cancel.clone(),
            store: service.store().clone(),
            clock: service.clock().clone(),
        };
        tracing::info!(run = %id, worker, "run started");
        let cancel_asked = service.watch_cancel(id);
        let mut task = tokio::spawn(async move { handler.execute(ctx).await });

        let ended = tokio::select! {
            joined = &mut task => Ended::Joined(Box::new(joined)),
            _ = sleep(timeout) => Ended::TimedOut,
            ended = self.keep_alive(id, worker, &progress) => ended,
            _ = cancel_asked.cancelled() => Ended::Cancelled,
            _ = abort.cancelled() => Ended::Aborted,
        };
        service.stop_watching(id);
        if !matches!(ended, Ended::Joined(_)) {
            cancel.cancel();
            task.abort();
        }
        // Every ending but a result is bridged to failed truth: (reason, message, evidence).
        let failure = match ended {
            Ended::Joined(joined) => match *joined {
                Ok(Ok(mut outcome)) => {
                    let mut counts = progress.snapshot();
                    counts.extend(std::mem::take(&mut outcome.counts));
                    outcome.counts = counts;
                    self.finish(id, || service.complete(id, worker, outcome.clone()))
                        .await;
                    return;
                }
                Ok(Err(HandlerError { kind, message })) => (
                    RunReason::QueueFailureBridge,
                    message,
                    serde_json::json!({ "error_kind": kind }),
                ),
                Err(join_error) => (
                    RunReason::QueueFailureBridge,
                    panic_message(join_error),
                    serde_json::json!({ "error_kind": "panic" }),
                ),
            },
            Ended::Lost => {
                tracing::warn!(run = %id, worker, "run was resolved elsewhere; its work was stopped");
                return;
            }
            Ended::Cancelled => {
                tracing::info!(run = %id, worker, "run stopped: an operator cancelled it");
                self.finish(id, || service.complete_cancelled(id, worker))
                    .await;
                return;
            }
            Ended::TimedOut => (
                RunReason::InfrastructureTimeoutOrAbandonment,
                format!(
                    "The run exceeded its time limit of {}s and was stopped.",
                    timeout.as_secs()
                ),
                serde_json::json!({ "error_kind": "timeout", "timeout_seconds": timeout.as_secs() }),
            ),
            Ended::Aborted => (
                RunReason::WorkerShutdown,
                "The worker was stopped before the run finished.".to_owned(),
                serde_json::json!({ "error_kind": "shutdown" }),
            ),
        };
        let (reason, message, mut evidence) = failure;
        evidence["worker"] = worker.into();
        self.finish(id, || {
            service.force_fail(id, Some(worker), reason, &message, evidence.clone())
        })
        .await;
    }

    /// Renews the lease every heartbeat interval and whenever progress changed (coalesced).
    /// Returns only when the run is no longer ours (completed or reconciled elsewhere) or an
    /// operator asked to cancel it (from another process: this one's ask is seen at once).
    async fn keep_alive(&self, id: RunId, worker: &str, progress: &Progress) -> Ended {
        let interval = self.service.config().timing.heartbeat_interval;
        loop {
            tokio::select! {
                _ = sleep(interval) => {}
                _ = progress.changed() => sleep(PROGRESS_FLUSH).await,
            }
            let counts = progress.take_dirty();
            match self.service.heartbeat(id, worker, counts.as_ref()).await {
                Ok(Heartbeat::Alive) => {}
                Ok(Heartbeat::CancelRequested) => return Ended::Cancelled,
                Ok(Heartbeat::Lost) => return Ended::Lost,
                Err(err) => tracing::warn!(run = %id, error = %err, "heartbeat failed; retrying"),
            }
        }
    }

    /// Writes a terminal transition, retrying while the database is unavailable for up to one
    /// lease. If it never comes back in time, the lease expires and the reconciler resolves
    /// the run, so no run is left without a truthful state.
    async fn finish<F, Fut>(&self, id: RunId, write: F)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Transition, EngineError>>,
    {
        let give_up = tokio::time::Instant::now() + self.service.config().timing.lease;
        let mut backoff = Duration::from_millis(100);
        let mut retrying = false;
        loop {
            match write().await {
                Ok(t) => {
                    let run = t.run();
                    tracing::info!(run = %id, applied = t.applied(), outcome = %run.outcome, "run finished");
                    return;
                }
                Err(EngineError::Store(err)) if tokio::time::Instant::now() < give_up => {
                    // Said once; the retries are quiet.
                    if !retrying {
                        tracing::warn!(run = %id, error = %err, "could not record the run's end; retrying");
                        retrying = true;
                    }
                    sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                }
                Err(err) => {
                    tracing::error!(run = %id, error = %err, "could not record the run's end; the reconciler will resolve it");
                    return;
                }
            }
        }
    }
}

enum Ended {
    Joined(Box<Result<Result<HandlerOutcome, HandlerError>, tokio::task::JoinError>>),
    TimedOut,
    Lost,
    /// An operator asked to cancel the run.
    Cancelled,
    Aborted,
}

fn panic_message(err: tokio::task::JoinError) -> String {
    if !err.is_panic() {
        return "The work was cancelled unexpectedly.".into();
    }
    let payload = err.into_panic();
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no details".into());
    format!("The work stopped unexpectedly (panic): {detail}")
}

impl WorkerPoolHandle {
    /// Stops claiming, lets in-flight runs finish within the grace period, then stops them and
    /// records them as failed (`run.worker_shutdown`).
    pub async fn shutdown(self) {
        self.stop.cancel();
        let mut workers = self.workers;
        let all = futures_join(&mut workers);
        if tokio::time::timeout(self.grace, all).await.is_err() {
            tracing::warn!(
                "in-flight runs did not finish within the shutdown grace period; stopping them"
            );
            self.abort.cancel();
            let _ = tokio::time::timeout(Duration::from_secs(10), futures_join(&mut workers)).await;
        }
    }
}

async fn futures_join(handles: &mut [JoinHandle<()>]) {
    for handle in handles.iter_mut() {
        if !handle.is_finished() {
            let _ = handle.await;
        }
    }
}
