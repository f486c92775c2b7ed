//! The reconciler: finds runs that are likely stale (queued and never started, or running
//! without credible progress) and resolves them to failed truth, recording when, why, by which
//! source and on what evidence. Conservative (each run is judged again under its row lock),
//! idempotent (a completed run is never touched; a second pass finds nothing).

use std::{sync::Arc, time::Duration};

use atlas_domain::{
    lifecycle::{freshness_of, Freshness, StaleEvidence},
    reasons::{ReconciliationSource, RunReason},
    OperationType, RunId, RunStatus, TenantId, WorkspaceId,
};
use atlas_store::runs::{self, RunFilter};
use serde::Serialize;
use tokio::{task::JoinHandle, time::sleep};
use tokio_util::sync::CancellationToken;

use crate::{
    config::MAX_RECONCILE_BATCH, EngineError, OwnerState, ProcessIdentity, RunService, Transition,
};

#[derive(Debug, Clone)]
pub struct ReconcileOptions {
    pub dry_run: bool,
    pub filter: RunFilter,
    /// At most this many runs per pass (1..=500).
    pub limit: u32,
    pub source: ReconciliationSource,
}

impl Default for ReconcileOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            filter: RunFilter::default(),
            limit: 100,
            source: ReconciliationSource::ScheduledReconciler,
        }
    }
}

/// One run the pass resolved (or, in a dry run, would resolve).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReconcileChange {
    pub run_id: RunId,
    #[serde(rename = "type")]
    pub operation_type: OperationType,
    pub workspace_id: WorkspaceId,
    pub tenant_id: Option<TenantId>,
    pub status_before: RunStatus,
    pub reason: RunReason,
    pub evidence: StaleEvidence,
    pub applied: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReconcileReport {
    /// Likely-stale candidates looked at.
    pub inspected: usize,
    /// Resolved to failed.
    pub reconciled: usize,
    /// Left alone: completed or showed life meanwhile (or dry run).
    pub skipped: usize,
    pub changes: Vec<ReconcileChange>,
}

#[derive(Debug, Clone)]
pub struct Reconciler {
    service: Arc<RunService>,
}

impl Reconciler {
    pub fn new(service: Arc<RunService>) -> Self {
        Self { service }
    }

    /// One pass over the likely-stale runs.
    pub async fn pass(&self, options: &ReconcileOptions) -> Result<ReconcileReport, EngineError> {
        if options.limit == 0 || options.limit > MAX_RECONCILE_BATCH {
            return Err(EngineError::InvalidInputs(format!(
                "the reconcile limit must be between 1 and {MAX_RECONCILE_BATCH}"
            )));
        }
        let config = self.service.config();
        let now = self.service.clock().now();
        let candidates = {
            let mut db = self.service.store().conn().await?;
            runs::stale_candidates(&mut db, now, &options.filter, options.limit.into()).await?
        };
        let mut report = ReconcileReport {
            inspected: candidates.len(),
            ..Default::default()
        };
        for run in candidates {
            let policy = config.policies.get(run.operation_type);
            let (state, evidence) = freshness_of(&run.liveness, policy, &config.timing, now);
            let (Freshness::LikelyStale, Some(evidence)) = (state, evidence) else {
                report.skipped += 1;
                continue;
            };
            let reason = match run.liveness.status {
                RunStatus::Queued => RunReason::StaleQueued,
                _ => RunReason::StaleRunning,
            };
            let mut change = ReconcileChange {
                run_id: run.id,
                operation_type: run.operation_type,
                workspace_id: run.workspace_id,
                tenant_id: run.tenant_id,
                status_before: run.liveness.status,
                reason,
                evidence,
                applied: false,
            };
            if options.dry_run {
                report.skipped += 1;
                report.changes.push(change);
                continue;
            }
            match self.service.reconcile_stale(run.id, options.source).await? {
                (Transition::Applied(_), Some(evidence)) => {
                    change.applied = true;
                    change.evidence = evidence;
                    report.reconciled += 1;
                    tracing::warn!(run = %run.id, reason = %reason, source = %options.source, "run reconciled to failed");
                    report.changes.push(change);
                }
                _ => report.skipped += 1,
            }
        }
        Ok(report)
    }

    /// Resolves at once the running runs whose lease owner was an earlier process of this
    /// machine that no longer runs (a crash or kill): there is no need to wait for silence.
    pub async fn resolve_ended_owners(
        &self,
        source: ReconciliationSource,
    ) -> Result<usize, EngineError> {
        let me = ProcessIdentity::current();
        let owned = {
            let mut db = self.service.store().conn().await?;
            runs::running_owned_by(&mut db, &format!("{}/", me.host)).await?
        };
        let mut resolved = 0;
        for (run, owner) in owned {
            if !matches!(me.owner_state(&owner), OwnerState::Ended { .. }) {
                continue;
            }
            if let (Transition::Applied(_), Some(evidence)) =
                self.service.reconcile_stale(run.id, source).await?
            {
                tracing::warn!(run = %run.id, owner, rule = evidence.rule, "run of an ended process reconciled to failed");
                resolved += 1;
            }
        }
        Ok(resolved)
    }

    /// Passes until nothing more is resolved (start-up healing of everything orphaned), after
    /// resolving the runs of ended processes of this machine.
    pub async fn drain(&self, source: ReconciliationSource) -> Result<usize, EngineError> {
        let options = ReconcileOptions {
            source,
            limit: self.service.config().reconcile_batch,
            ..Default::default()
        };
        let mut total = self.resolve_ended_owners(source).await?;
        loop {
            let report = self.pass(&options).await?;
            total += report.reconciled;
            if report.reconciled == 0 || report.inspected < options.limit as usize {
                return Ok(total);
            }
        }
    }

    /// Runs a pass on the configured cadence, and also right after the next active run would
    /// become likely stale, so a run whose worker died is resolved about three heartbeat
    /// intervals after its last heartbeat rather than up to a cadence later.
    pub fn spawn_loop(self, stop: CancellationToken) -> JoinHandle<()> {
        tokio::spawn(async move {
            // While passes fail (database away, disk full) wait longer each time, up to a cap,
            // and say so once — not once per attempt.
            let mut failing: Option<Duration> = None;
            loop {
                let wait = match failing {
                    Some(backoff) => backoff,
                    None => self.next_wait().await,
                };
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = sleep(wait) => {}
                }
                match self.drain(ReconciliationSource::ScheduledReconciler).await {
                    Ok(_) if failing.is_some() => {
                        tracing::info!("reconciler passes work again");
                        failing = None;
                    }
                    Ok(_) => {}
                    Err(err) => {
                        if failing.is_none() {
                            tracing::warn!(error = %err, "reconciler pass failed; retrying with back-off until it works");
                        }
                        failing = Some(next_backoff(failing));
                    }
                }
            }
        })
    }

    async fn next_wait(&self) -> Duration {
        let cadence = self.service.config().reconcile_every;
        let now = self.service.clock().now();
        let next_stale = match self.service.store().conn().await {
            Ok(mut db) => runs::next_stale_at(&mut db).await.ok().flatten(),
            Err(_) => None,
        };
        match next_stale {
            Some(at) => {
                let until = at.unix_millis().saturating_sub(now.unix_millis()).max(0) as u64;
                // A little after, so the run is strictly past its `stale_at`.
                Duration::from_millis(until + 50).min(cadence)
            }
            None => cadence,
        }
    }
}

/// The wait after one more failed pass: 1 s, doubling, at most a minute.
fn next_backoff(previous: Option<Duration>) -> Duration {
    previous
        .map_or(Duration::from_secs(1), |d| d * 2)
        .min(Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failing_passes_back_off_to_a_minute() {
        let mut wait = None;
        let mut seen = Vec::new();
        for _ in 0..9 {
            wait = Some(next_backoff(wait));
            seen.push(wait.unwrap().as_secs());
        }
        assert_eq!(seen, vec![1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
