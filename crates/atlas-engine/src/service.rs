//! The run service: the only code that writes a run's `status` and `outcome`. Every
//! transition is a compare-and-set on the stored status inside a transaction that also writes,
//! for terminal transitions, the audit entry and (only with an initiator) the notification.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use atlas_domain::{
    audit::actions,
    lifecycle::{freshness, stale_after, Freshness, StaleEvidence},
    reasons::{ReconciliationSource, RunReason},
    summary::SummaryKey,
    vocabulary::Presented,
    AuditActor, AuditEntry, FailureEntry, OperationRun, OperationType, ReasonCode, RunBatch,
    RunBatchId, RunEvent, RunEventKind, RunId, RunOutcome, RunStatus, TenantId, Timestamp, UserId,
    UserNotification, WorkspaceId,
};
use atlas_store::{
    audit, baselines, batches, notifications, policy_versions, runs, runs::Heartbeat, tenants,
    Store, StoreError, Tx,
};
use tokio::sync::{broadcast, Notify};
use tokio_util::sync::CancellationToken;

use crate::{
    clock::add, run_identity_hash, sanitize_message, Clock, EngineConfig, EngineError,
    HandlerOutcome, HandlerRegistry, OwnerState, ProcessIdentity,
};

/// A request to start work.
#[derive(Debug, Clone)]
pub struct StartRequest {
    pub workspace_id: WorkspaceId,
    pub tenant_id: Option<TenantId>,
    /// The user who asked; `None` for scheduled and system runs (they get no notification).
    pub initiator: Option<UserId>,
    pub operation: OperationType,
    /// Stored as `context.inputs` and handed to the handler.
    pub inputs: serde_json::Value,
    /// What makes two requests the same work; defaults to all of `inputs`.
    pub identity: Option<serde_json::Value>,
    /// The batch it belongs to: it then counts towards the batch's one summary instead of
    /// notifying its initiator itself.
    pub batch: Option<RunBatchId>,
    /// Whether its ending goes to the initiator's inbox (front ends that follow their runs
    /// themselves, like the CLI, ask for none).
    pub notify: bool,
}

/// The result of [`RunService::start`].
#[derive(Debug, Clone, PartialEq)]
pub struct Started {
    pub run: OperationRun,
    /// True when the same work was already queued or running and that run is returned.
    pub deduped: bool,
}

/// The result of a transition request.
#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Applied(OperationRun),
    /// The run was already completed; nothing changed (completed runs are final).
    AlreadyCompleted(OperationRun),
    /// The run is active but the transition's condition no longer held; nothing changed.
    Skipped(OperationRun),
}

impl Transition {
    pub fn run(&self) -> &OperationRun {
        match self {
            Transition::Applied(r) | Transition::AlreadyCompleted(r) | Transition::Skipped(r) => r,
        }
    }

    pub fn applied(&self) -> bool {
        matches!(self, Transition::Applied(_))
    }
}

/// What asking to cancel a run did.
#[derive(Debug, Clone, PartialEq)]
pub enum Cancel {
    /// It was queued and is now cancelled: it never started.
    Cancelled(OperationRun),
    /// It is running: it stops at its next checkpoint (at once when it runs in this process,
    /// else at its worker's next heartbeat) and then ends cancelled.
    Requested(OperationRun),
    /// It had already ended; nothing changed.
    AlreadyCompleted(OperationRun),
}

enum Decision {
    Apply(Box<OperationRun>),
    Skip,
}

#[derive(Debug)]
pub struct RunService {
    store: Store,
    clock: Arc<dyn Clock>,
    config: Arc<EngineConfig>,
    registry: Arc<HandlerRegistry>,
    /// Wakes local idle workers when a run is queued.
    queued: Arc<Notify>,
    /// Every change this process makes to a run, for front ends in the same process.
    events: broadcast::Sender<RunEvent>,
    /// The runs this process's workers execute now, so a cancel asked here stops one at once.
    executing: Mutex<HashMap<RunId, CancellationToken>>,
    /// Team mode's credential affinity: the engine id whose held credentials limit what the
    /// workers claim (unset: claim anything).
    holder: std::sync::OnceLock<String>,
    /// Wakes the affinity loop when a credential changed here.
    credentials_changed: Arc<Notify>,
}

/// Events a slow listener may fall behind by before it misses some (it is told, and re-reads).
const EVENT_BUFFER: usize = 4096;

impl RunService {
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        config: Arc<EngineConfig>,
        registry: Arc<HandlerRegistry>,
    ) -> Self {
        Self {
            store,
            clock,
            config,
            registry,
            queued: Arc::new(Notify::new()),
            events: broadcast::channel(EVENT_BUFFER).0,
            executing: Mutex::default(),
            holder: std::sync::OnceLock::new(),
            credentials_changed: Arc::new(Notify::new()),
        }
    }

    /// Limits claims to credential work of the tenants `engine_id` is recorded as holding.
    pub(crate) fn hold_credentials_as(&self, engine_id: String) {
        let _ = self.holder.set(engine_id);
    }

    /// The engine id whose credentials limit claims, when affinity is on.
    pub fn credential_holder(&self) -> Option<&str> {
        self.holder.get().map(String::as_str)
    }

    /// Tells this process's engine that a tenant credential changed here (added, replaced,
    /// removed), so it records what it holds again.
    pub fn credentials_changed(&self) {
        self.credentials_changed.notify_one();
    }

    pub(crate) fn credentials_changed_signal(&self) -> Arc<Notify> {
        self.credentials_changed.clone()
    }

    /// Changes to runs from now on: this process's own, and other processes' as the change
    /// feed brings them in ([`RunService::announce`]).
    pub fn subscribe(&self) -> broadcast::Receiver<RunEvent> {
        self.events.subscribe()
    }

    /// Hands a change another process made to this process's listeners, and wakes the idle
    /// workers when it queued work they may claim.
    pub fn announce(&self, event: RunEvent) {
        if event.run.status == RunStatus::Queued {
            self.queued.notify_waiters();
        }
        if self.events.receiver_count() > 0 {
            let _ = self.events.send(event);
        }
    }

    fn publish(&self, kind: RunEventKind, run: &OperationRun) {
        if self.events.receiver_count() > 0 {
            // Only fails when the last listener left meanwhile.
            let _ = self.events.send(RunEvent {
                kind,
                run: run.clone(),
            });
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub fn config(&self) -> &Arc<EngineConfig> {
        &self.config
    }

    pub fn registry(&self) -> &Arc<HandlerRegistry> {
        &self.registry
    }

    pub(crate) fn queued_signal(&self) -> Arc<Notify> {
        self.queued.clone()
    }

    /// Queues the work and returns at once — or returns the active run with the same identity.
    pub async fn start(&self, request: StartRequest) -> Result<Started, EngineError> {
        let handler = self
            .registry
            .get(request.operation)
            .ok_or(EngineError::NoHandler(request.operation))?;
        handler
            .validate_inputs(&request.inputs)
            .map_err(EngineError::InvalidInputs)?;
        let identity = run_identity_hash(
            request.operation,
            request.workspace_id,
            request.tenant_id,
            request.identity.as_ref().unwrap_or(&request.inputs),
        );
        for _ in 0..3 {
            let mut db = self.store.conn().await?;
            if let Some(active) = runs::find_active_by_identity(&mut db, &identity).await? {
                drop(db);
                if self.stale_verdict(&active, self.clock.now()).is_none() {
                    return Ok(Started {
                        run: active,
                        deduped: true,
                    });
                }
                // Attaching to a dead run would wait for nothing: resolve it (audited, with
                // the evidence) and start the work afresh.
                let (transition, _) = self
                    .reconcile_stale(active.id, ReconciliationSource::DuplicateStart)
                    .await?;
                if transition.applied() {
                    tracing::warn!(run = %active.id, "likely stale duplicate reconciled; starting the work again");
                }
                continue;
            }
            let run = OperationRun::queued(
                request.workspace_id,
                request.tenant_id,
                request.initiator,
                request.operation,
                identity.clone(),
                start_context(&request),
                self.clock.now(),
            );
            let policy = self.config.policies.get(run.operation_type);
            let run = OperationRun {
                stale_at: stale_after(&run.liveness(), policy, &self.config.timing),
                ..run
            };
            match runs::insert(&mut db, &run).await {
                Ok(()) => {
                    // Announced before workers are woken, so "created" usually comes first; a
                    // polling worker may still claim it sooner (listeners keep the newest state).
                    self.publish(RunEventKind::Created, &run);
                    self.queued.notify_waiters();
                    return Ok(Started {
                        run,
                        deduped: false,
                    });
                }
                // Another start with the same identity won the race: return its run.
                Err(StoreError::Conflict(_)) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(EngineError::Store(StoreError::Busy))
    }

    /// Claims the oldest queued run this process has a handler for.
    pub async fn claim(&self, worker: &str) -> Result<Option<OperationRun>, EngineError> {
        let now = self.clock.now();
        let lease_until = add(now, self.config.timing.lease);
        let stale_at = self.running_stale_at(now, lease_until);
        let mut db = self.store.conn().await?;
        let types = self.registry.operations();
        let claimed = runs::claim_next(
            &mut db,
            &types,
            worker,
            now,
            lease_until,
            stale_at,
            self.credential_holder(),
        )
        .await?;
        if let Some(run) = &claimed {
            self.publish(RunEventKind::Updated, run);
        }
        Ok(claimed)
    }

    /// When a run that shows life at `now` becomes likely stale without another heartbeat: the
    /// silence limit, or the lease if that is sooner. (The validator keeps every type's
    /// `running_stale_after` at or above the silence limit, so the type does not matter.)
    fn running_stale_at(&self, now: Timestamp, lease_until: Timestamp) -> Timestamp {
        add(now, self.config.timing.silence_limit()).min(lease_until)
    }

    /// Renews the lease (and stores counters), and says whether the run is still ours to work
    /// on and whether an operator asked to cancel it.
    pub async fn heartbeat(
        &self,
        id: RunId,
        worker: &str,
        counts: Option<&std::collections::BTreeMap<String, i64>>,
    ) -> Result<Heartbeat, EngineError> {
        if let Some(counts) = counts {
            atlas_domain::summary::validate(counts)
                .map_err(|e| EngineError::InvalidInputs(e.to_string()))?;
        }
        let now = self.clock.now();
        let mut db = self.store.conn().await?;
        let lease_until = add(now, self.config.timing.lease);
        let stale_at = self.running_stale_at(now, lease_until);
        let beat = runs::heartbeat(&mut db, id, worker, now, lease_until, stale_at, counts).await?;
        if beat != Heartbeat::Lost && counts.is_some() && self.events.receiver_count() > 0 {
            if let Some(run) = runs::get(&mut db, id).await? {
                self.publish(RunEventKind::Progress, &run);
            }
        }
        Ok(beat)
    }

    /// An operator (`by`) asks to stop a run. A queued run ends cancelled at once; a running
    /// one is marked, and its worker stops it at the next checkpoint and records the end
    /// ([`Self::complete_cancelled`]). Both endings are audited with who asked.
    pub async fn cancel(&self, id: RunId, by: UserId) -> Result<Cancel, EngineError> {
        let now = self.clock.now();
        // A queued run is cancelled in one transition; a claim that won the race makes the
        // decision skip, and the run is then asked to stop like any running one.
        let transition = self
            .transition(id, |run| {
                if run.status != RunStatus::Queued {
                    return Decision::Skip;
                }
                Decision::Apply(Box::new(cancelled(run, now, by)))
            })
            .await?;
        let run = match transition {
            Transition::Applied(run) => return Ok(Cancel::Cancelled(run)),
            Transition::AlreadyCompleted(run) => return Ok(Cancel::AlreadyCompleted(run)),
            Transition::Skipped(run) => run,
        };
        let mut db = self.store.conn().await?;
        if !runs::request_cancel(&mut db, run.id, by, now).await? {
            // It ended between the two statements.
            let run = runs::get(&mut db, id)
                .await?
                .ok_or(EngineError::RunNotFound(id))?;
            return Ok(Cancel::AlreadyCompleted(run));
        }
        let run = runs::get(&mut db, id)
            .await?
            .ok_or(EngineError::RunNotFound(id))?;
        drop(db);
        self.publish(RunEventKind::Updated, &run);
        let local = self
            .executing
            .lock()
            .expect("not poisoned")
            .get(&id)
            .cloned();
        if let Some(token) = local {
            token.cancel();
        }
        Ok(Cancel::Requested(run))
    }

    /// The worker holding `id`'s lease stopped it because a cancel was asked: it ends failed
    /// with `run.cancelled`, keeping what it had stored.
    pub async fn complete_cancelled(
        &self,
        id: RunId,
        worker: &str,
    ) -> Result<Transition, EngineError> {
        let now = self.clock.now();
        self.transition(id, |run| {
            let (true, Some(by)) = (
                run.lease_owner.as_deref() == Some(worker),
                run.cancel_requested_by,
            ) else {
                return Decision::Skip;
            };
            Decision::Apply(Box::new(cancelled(run, now, by)))
        })
        .await
    }

    /// A token a worker of this process watches while it executes `id`: cancelled when an
    /// operator asks this process to cancel the run. Forget it with [`Self::stop_watching`].
    pub(crate) fn watch_cancel(&self, id: RunId) -> CancellationToken {
        let token = CancellationToken::new();
        self.executing
            .lock()
            .expect("not poisoned")
            .insert(id, token.clone());
        token
    }

    pub(crate) fn stop_watching(&self, id: RunId) {
        self.executing.lock().expect("not poisoned").remove(&id);
    }

    /// Completes a running run with the handler's outcome. `worker` must hold its lease.
    pub async fn complete(
        &self,
        id: RunId,
        worker: &str,
        outcome: HandlerOutcome,
    ) -> Result<Transition, EngineError> {
        if outcome.outcome == RunOutcome::Pending {
            return Err(EngineError::InvalidInputs(
                "a completed run needs an outcome".into(),
            ));
        }
        atlas_domain::summary::validate(&outcome.counts)
            .map_err(|e| EngineError::InvalidInputs(e.to_string()))?;
        let now = self.clock.now();
        self.transition(id, |run| {
            if run.status != RunStatus::Running || run.lease_owner.as_deref() != Some(worker) {
                return Decision::Skip;
            }
            let mut next = run.clone();
            next.status = RunStatus::Completed;
            next.outcome = outcome.outcome;
            next.completed_at = Some(now);
            next.lease_expires_at = None;
            next.summary_counts.extend(outcome.counts.clone());
            next.failure_summary = sanitized(&outcome.failures);
            if let Some(result) = &outcome.result {
                let result = serde_json::to_value(result).unwrap_or_default();
                set_context(&mut next.context, "result", result);
            }
            if let Some(code) = &outcome.reason_code {
                set_context(&mut next.context, "reason_code", code.code().into());
            }
            Decision::Apply(Box::new(next))
        })
        .await
    }

    /// A precondition refused the work before it started: queued → completed/blocked.
    pub async fn finalize_blocked(
        &self,
        id: RunId,
        reason_code: ReasonCode,
        message: &str,
    ) -> Result<Transition, EngineError> {
        let now = self.clock.now();
        self.transition(id, |run| {
            if run.status != RunStatus::Queued {
                return Decision::Skip;
            }
            let mut next = run.clone();
            next.status = RunStatus::Completed;
            next.outcome = RunOutcome::Blocked;
            next.completed_at = Some(now);
            next.failure_summary = vec![FailureEntry {
                code: reason_code.code().into(),
                reason_code,
                message: sanitize_message(message),
            }];
            set_context(&mut next.context, "reason_code", reason_code.code().into());
            Decision::Apply(Box::new(next))
        })
        .await
    }

    /// Fails a queued or running run outside its handler's own result: the failure bridge
    /// (error, panic, timeout, shutdown). `worker`, when given, must still hold the lease.
    pub async fn force_fail(
        &self,
        id: RunId,
        worker: Option<&str>,
        reason: RunReason,
        message: &str,
        evidence: serde_json::Value,
    ) -> Result<Transition, EngineError> {
        let now = self.clock.now();
        let message = sanitize_message(message);
        self.transition(id, |run| {
            if worker.is_some() && run.lease_owner.as_deref() != worker {
                return Decision::Skip;
            }
            let mut next = failed(run, now, reason, &message);
            set_context(
                &mut next.context,
                "failure_bridge",
                serde_json::json!({
                    "source": ReconciliationSource::FailedCallback.code(),
                    "reason_code": reason.code(),
                    "at": now,
                    "evidence": evidence,
                }),
            );
            Decision::Apply(Box::new(next))
        })
        .await
    }

    /// Resolves a likely-stale run. When the run's own record (a restore) already ended while
    /// the run did not — its process died between the two writes — the run is aligned to what
    /// the record says (`run.adapter_out_of_sync`) instead of being failed as stale.
    pub async fn reconcile_stale(
        &self,
        id: RunId,
        source: ReconciliationSource,
    ) -> Result<(Transition, Option<StaleEvidence>), EngineError> {
        let now = self.clock.now();
        let record = self.record_outcome(id).await?;
        let mut evidence_out = None;
        let transition = self
            .transition(id, |run| {
                let Some(evidence) = self.stale_verdict(run, now) else {
                    return Decision::Skip;
                };
                if let Some((outcome, record_status)) = &record {
                    let reason = RunReason::AdapterOutOfSync;
                    let mut next = match outcome {
                        RunOutcome::Succeeded | RunOutcome::PartiallySucceeded => {
                            let mut next = run.clone();
                            next.status = RunStatus::Completed;
                            next.outcome = *outcome;
                            next.completed_at = Some(now);
                            next.lease_expires_at = None;
                            next
                        }
                        _ => {
                            let mut next = failed(run, now, reason, reason.text().explanation);
                            next.outcome = *outcome;
                            next
                        }
                    };
                    next.reconciled_at = Some(now);
                    next.reconciliation_reason = Some(reason.code().into());
                    next.reconciliation_source =
                        Some(ReconciliationSource::AdapterReconciler.code().into());
                    set_context(
                        &mut next.context,
                        "reconciliation",
                        serde_json::json!({
                            "reconciled_at": now,
                            "reason_code": reason.code(),
                            "source": ReconciliationSource::AdapterReconciler.code(),
                            "asked_by": source.code(),
                            "status_before": run.status.code(),
                            "record_status": record_status,
                            "evidence": evidence,
                        }),
                    );
                    evidence_out = Some(evidence);
                    return Decision::Apply(Box::new(next));
                }
                let reason = match run.status {
                    RunStatus::Queued => RunReason::StaleQueued,
                    _ => RunReason::StaleRunning,
                };
                let mut next = failed(run, now, reason, reason.text().explanation);
                next.reconciled_at = Some(now);
                next.reconciliation_reason = Some(reason.code().into());
                next.reconciliation_source = Some(source.code().into());
                set_context(
                    &mut next.context,
                    "reconciliation",
                    serde_json::json!({
                        "reconciled_at": now,
                        "reason_code": reason.code(),
                        "source": source.code(),
                        "status_before": run.status.code(),
                        "evidence": evidence,
                    }),
                );
                evidence_out = Some(evidence);
                Decision::Apply(Box::new(next))
            })
            .await?;
        Ok((transition, evidence_out))
    }

    /// The outcome a run's own record says it ended with, when that record has ended: a
    /// restore previewed or executed (with its status). None for every other kind of work.
    async fn record_outcome(&self, id: RunId) -> Result<Option<(RunOutcome, String)>, EngineError> {
        let mut db = self.store.conn().await?;
        let Some(restore) = atlas_store::restores::of_run(&mut db, id).await? else {
            return Ok(None);
        };
        use atlas_domain::{ItemOutcomeKind, RestoreStatus as S};
        let executing = restore.execute_run_id == Some(id);
        let outcome = match (executing, restore.status) {
            (true, S::Executed) => {
                let any_failed = restore
                    .outcomes
                    .iter()
                    .flatten()
                    .any(|o| o.outcome == ItemOutcomeKind::Failed);
                Some(match any_failed {
                    true => RunOutcome::PartiallySucceeded,
                    false => RunOutcome::Succeeded,
                })
            }
            (true, S::ExecuteFailed) => Some(RunOutcome::Failed),
            (true, S::Outdated) => Some(RunOutcome::Blocked),
            (false, S::Previewed | S::Executing | S::Executed | S::ExecuteFailed | S::Outdated) => {
                Some(RunOutcome::Succeeded)
            }
            (false, S::PreviewFailed) => Some(RunOutcome::Failed),
            _ => None,
        };
        Ok(outcome.map(|o| (o, restore.status.code().to_owned())))
    }

    /// Why an active run is likely stale at `now`, if it is: the freshness rule, or — sooner —
    /// a lease owner that was an earlier process of this machine and no longer runs.
    pub fn stale_verdict(&self, run: &OperationRun, now: Timestamp) -> Option<StaleEvidence> {
        let policy = self
            .config
            .policies
            .get(run.operation_type)
            .filter(|p| p.reconciled)?;
        if let (Freshness::LikelyStale, Some(evidence)) =
            freshness(run, Some(policy), &self.config.timing, now)
        {
            return Some(evidence);
        }
        if run.status != RunStatus::Running {
            return None;
        }
        let owner = run.lease_owner.as_deref()?;
        match ProcessIdentity::current().owner_state(owner) {
            OwnerState::Ended { .. } => Some(StaleEvidence {
                reference_time: run.heartbeat_at.or(run.started_at)?,
                threshold_seconds: 0,
                lease_expires_at: run.lease_expires_at,
                lease_owner: Some(owner.to_owned()),
                rule: "process_ended".into(),
            }),
            OwnerState::AliveOrRemote | OwnerState::Unknown => None,
        }
    }

    /// Opens a batch for runs about to be started together; [`Self::close_batch`] once they are.
    pub async fn open_batch(&self, batch: &RunBatch) -> Result<(), EngineError> {
        let mut db = self.store.conn().await?;
        batches::insert(&mut db, batch).await?;
        Ok(())
    }

    /// Every run of the batch is started (`total` of them joined it): its summary is written
    /// now if they all ended already, else by the last one to end.
    pub async fn close_batch(&self, batch: RunBatchId, total: i64) -> Result<(), EngineError> {
        let mut tx = self.store.begin().await?;
        batches::set_total(&mut tx, batch, total).await?;
        summarize_batch(&mut tx, batch, None, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Loads the run under lock, asks `decide`, and writes the new state with its audit entry
    /// and notification in one transaction. Completed runs are never passed to `decide`.
    async fn transition(
        &self,
        id: RunId,
        decide: impl FnOnce(&OperationRun) -> Decision,
    ) -> Result<Transition, EngineError> {
        let mut tx = self.store.begin().await?;
        let run = runs::get_for_update(&mut tx, id)
            .await?
            .ok_or(EngineError::RunNotFound(id))?;
        if run.status.is_terminal() {
            tx.rollback().await?;
            return Ok(Transition::AlreadyCompleted(run));
        }
        let mut next = match decide(&run) {
            Decision::Skip => {
                tx.rollback().await?;
                return Ok(Transition::Skipped(run));
            }
            Decision::Apply(next) => *next,
        };
        if next.status.is_terminal() {
            count_committed(&mut tx, &mut next).await?;
        }
        let next = OperationRun {
            stale_at: stale_after(
                &next.liveness(),
                self.config.policies.get(next.operation_type),
                &self.config.timing,
            ),
            ..next
        };
        run.status
            .transition_to(next.status)
            .map_err(|e| EngineError::InvalidInputs(e.to_string()))?;
        debug_assert!(next.outcome.fits(next.status));
        if !runs::write_transition(&mut tx, &next, run.status).await? {
            // Cannot happen while we hold the lock; refuse rather than guess.
            tx.rollback().await?;
            return Ok(Transition::Skipped(run));
        }
        if next.status.is_terminal() {
            record_terminal(&mut tx, &next).await?;
        }
        tx.commit().await?;
        let kind = match next.status.is_terminal() {
            true => RunEventKind::Completed,
            false => RunEventKind::Updated,
        };
        self.publish(kind, &next);
        Ok(Transition::Applied(next))
    }
}

/// A new run's context: its inputs, and its batch and notification choice when not the usual.
fn start_context(request: &StartRequest) -> serde_json::Value {
    let mut context = serde_json::json!({ "inputs": request.inputs });
    if let Some(batch) = request.batch {
        set_context(&mut context, "batch_id", batch.to_string().into());
    }
    if !request.notify {
        set_context(&mut context, "notify", false.into());
    }
    context
}

fn set_context(context: &mut serde_json::Value, key: &str, value: serde_json::Value) {
    if !context.is_object() {
        *context = serde_json::json!({});
    }
    if let Some(map) = context.as_object_mut() {
        map.insert(key.into(), value);
    }
}

fn sanitized(failures: &[FailureEntry]) -> Vec<FailureEntry> {
    failures
        .iter()
        .map(|f| FailureEntry {
            code: f.code.clone(),
            reason_code: f.reason_code,
            message: sanitize_message(&f.message),
        })
        .collect()
}

/// `run` as ended by an operator's cancel: failed with `run.cancelled`, saying who asked.
fn cancelled(run: &OperationRun, now: Timestamp, by: UserId) -> OperationRun {
    let mut next = failed(
        run,
        now,
        RunReason::Cancelled,
        match run.status {
            RunStatus::Queued => "Cancelled by an operator before it started.",
            _ => "Cancelled by an operator; it stopped at its next checkpoint.",
        },
    );
    next.cancel_requested_at = next.cancel_requested_at.or(Some(now));
    next.cancel_requested_by = Some(by);
    next
}

/// `run` as terminal failed with `reason`.
fn failed(
    run: &OperationRun,
    now: atlas_domain::Timestamp,
    reason: RunReason,
    message: &str,
) -> OperationRun {
    let mut next = run.clone();
    next.status = RunStatus::Completed;
    next.outcome = RunOutcome::Failed;
    next.completed_at = Some(now);
    next.lease_expires_at = None;
    next.failure_summary.push(FailureEntry {
        code: reason.code().into(),
        reason_code: reason.into(),
        message: message.into(),
    });
    set_context(&mut next.context, "reason_code", reason.code().into());
    next
}

/// A run's counters say at least what it committed, however it ended: a run killed or timed
/// out before its handler could report still counts the versions it stored (the progress
/// counters it last flushed may be behind).
async fn count_committed(tx: &mut Tx, run: &mut OperationRun) -> Result<(), StoreError> {
    if matches!(
        run.operation_type,
        OperationType::PolicySync | OperationType::PolicySyncOne
    ) {
        let stored = policy_versions::count_for_run(tx, run.id).await?;
        let created = run
            .summary_counts
            .entry(SummaryKey::Created.code().to_owned())
            .or_insert(0);
        *created = (*created).max(stored);
    }
    Ok(())
}

/// Artifacts a run was still building cannot outlive it: whoever ends the run (its handler,
/// the failure bridge, a timeout, the reconciler after a crash), a snapshot it left `building`
/// becomes `incomplete` and a review pack it left queued or generating becomes `failed`, in the
/// same transaction. A handler that finished its artifact leaves nothing for this to do.
async fn settle_artifacts(tx: &mut Tx, run: &OperationRun) -> Result<(), StoreError> {
    let at = run
        .completed_at
        .unwrap_or_else(atlas_domain::Timestamp::now);
    match run.operation_type {
        OperationType::BaselineCapture => {
            baselines::fail_building_of_run(tx, run.id, ReasonCode::SnapshotProducerEnded, at)
                .await?;
        }
        OperationType::EvidenceSnapshotGenerate => {
            atlas_store::evidence::fail_building_of_run(
                tx,
                run.id,
                ReasonCode::EvidenceProducerEnded,
                at,
            )
            .await?;
        }
        // A pack is never ready unless its handler marked it so; anything else fails it.
        OperationType::ReviewPackGenerate => {
            atlas_store::review_packs::fail_unfinished_of_run(tx, run.id, at).await?;
        }
        OperationType::RestoreExecute => {
            atlas_store::restores::fail_planning_of_run(tx, run.id).await?;
            atlas_store::restores::fail_executing_of_run(tx, run.id).await?;
        }
        OperationType::BackupScheduleRun => {
            atlas_store::backup_sets::fail_capturing_of_run(
                tx,
                run.id,
                ReasonCode::BackupProducerEnded,
                at,
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// The audit entry of every terminal run, and the initiator's inbox entry when there is one.
async fn record_terminal(tx: &mut Tx, run: &OperationRun) -> Result<(), StoreError> {
    settle_artifacts(tx, run).await?;
    let label = run.operation_type.presentation().label;
    let outcome = run.outcome.presentation();
    let tenant_name = match run.tenant_id {
        Some(id) => tenants::get(tx, id).await?.map(|t| t.display_name),
        None => None,
    };
    let scope = tenant_name
        .as_deref()
        .map(|n| format!(" for {n}"))
        .unwrap_or_default();
    // A cancelled run says so, not "failed": an operator chose to stop it.
    let cancelled = run.headline_reason() == Some(ReasonCode::Cancelled);
    let ending = match cancelled {
        true => "cancelled".to_owned(),
        false => outcome.label.to_lowercase(),
    };
    let title = format!("{label}{scope}: {ending}");
    // The same reason the run page and the inbox lead with, in words.
    let detail = run
        .headline_reason()
        .map(|code| code.text().label.to_owned())
        .unwrap_or_else(|| counts_line(&run.summary_counts));
    // A cancelled run ended by its canceller's hand; any other by its initiator's request.
    let actor = match (cancelled, run.cancel_requested_by, run.initiator_user_id) {
        (true, Some(user_id), _) | (_, _, Some(user_id)) => AuditActor::User { user_id },
        _ => AuditActor::System,
    };
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(run.workspace_id),
        tenant_id: run.tenant_id,
        actor,
        action: actions::OPERATION_RUN_COMPLETED.into(),
        target_type: "operation_run".into(),
        target_id: Some(run.id.to_string()),
        summary: title.clone(),
        metadata: serde_json::json!({
            "type": run.operation_type.code(),
            "outcome": run.outcome.code(),
            "reason_code": run.context.get("reason_code"),
            "reconciliation": run.context.get("reconciliation"),
            "failure_bridge": run.context.get("failure_bridge"),
            "cancel_requested_by": run.cancel_requested_by,
            "cancel_requested_at": run.cancel_requested_at,
            "summary_counts": run.summary_counts,
        }),
        created_at: run
            .completed_at
            .unwrap_or_else(atlas_domain::Timestamp::now),
    };
    audit::insert(tx, &entry).await?;
    let batch = run
        .context
        .get("batch_id")
        .and_then(|b| b.as_str())
        .and_then(|b| b.parse::<RunBatchId>().ok());
    // Whoever cancelled their own run knows how it ended.
    let own_cancel = cancelled && run.cancel_requested_by == run.initiator_user_id;
    let notify = run.context.get("notify") != Some(&serde_json::Value::Bool(false)) && !own_cancel;
    match (batch, run.initiator_user_id) {
        (Some(batch), _) => {
            batches::count_ended(tx, batch, run.outcome).await?;
            summarize_batch(tx, batch, Some(run.id), entry.created_at).await?;
        }
        (None, Some(user_id)) if notify => {
            let notification = UserNotification {
                id: uuid::Uuid::now_v7(),
                user_id,
                workspace_id: Some(run.workspace_id),
                run_id: Some(run.id),
                batch_id: None,
                tone: outcome.tone,
                title,
                body: detail,
                created_at: entry.created_at,
                read_at: None,
            };
            notifications::insert(tx, &notification).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Writes the batch's one summary to its user's inbox once every run of it has ended (and
/// only once). `last_run` is the run whose ending completed it, so the desktop can raise the
/// summary as that run's notification.
async fn summarize_batch(
    tx: &mut Tx,
    batch: RunBatchId,
    last_run: Option<RunId>,
    at: Timestamp,
) -> Result<(), StoreError> {
    let Some(done) = batches::claim_summary(tx, batch, at).await? else {
        return Ok(());
    };
    let (tone, title, body) = done.summary();
    let notification = UserNotification {
        id: uuid::Uuid::now_v7(),
        user_id: done.user_id,
        workspace_id: Some(done.workspace_id),
        run_id: last_run,
        batch_id: Some(batch),
        tone,
        title,
        body,
        created_at: at,
        read_at: None,
    };
    notifications::insert(tx, &notification).await
}

fn counts_line(counts: &std::collections::BTreeMap<String, i64>) -> String {
    if counts.is_empty() {
        return "Completed.".into();
    }
    counts
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
