//! Operation run status and outcome, and the transitions between them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, reasons::ReasonCode, DomainError, OperationType, RunId, TenantId, Timestamp,
    UserId, WorkspaceId,
};

code_enum! {
    /// Where a run is in its life. `Completed` is terminal.
    pub enum RunStatus as "run_status" {
        Queued => "queued",
        Running => "running",
        Completed => "completed",
    }
}

code_enum! {
    /// How a run ended. `Pending` until the run is completed, then one of the others, for good.
    pub enum RunOutcome as "run_outcome" {
        Pending => "pending",
        Succeeded => "succeeded",
        PartiallySucceeded => "partially_succeeded",
        /// A precondition refused the work; a reason code says which.
        Blocked => "blocked",
        Failed => "failed",
    }
}

/// One sanitised entry of a run's failure summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FailureEntry {
    /// The diagnostic code of what failed (a handler's error code, or the reason again).
    pub code: String,
    pub reason_code: ReasonCode,
    pub message: String,
}

/// The one record of a piece of background work (SPEC §3.1). It is also the durable job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OperationRun {
    pub id: RunId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: Option<TenantId>,
    pub initiator_user_id: Option<UserId>,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub operation_type: OperationType,
    pub status: RunStatus,
    pub outcome: RunOutcome,
    pub run_identity_hash: String,
    /// Numeric counters only (`total`, `processed`, `succeeded`, …).
    pub summary_counts: BTreeMap<String, i64>,
    pub failure_summary: Vec<FailureEntry>,
    /// Structured inputs, results and related artifact ids.
    pub context: serde_json::Value,
    pub created_at: Timestamp,
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    pub attempt: i32,
    pub lease_owner: Option<String>,
    pub lease_expires_at: Option<Timestamp>,
    pub heartbeat_at: Option<Timestamp>,
    pub reconciled_at: Option<Timestamp>,
    pub reconciliation_reason: Option<String>,
    pub reconciliation_source: Option<String>,
    /// When this active run turns likely stale if nothing else happens
    /// (`atlas_domain::lifecycle::stale_after`); `None` once completed.
    pub stale_at: Option<Timestamp>,
    /// When an operator asked to cancel this running run; it ends at its next checkpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cancel_requested_at: Option<Timestamp>,
    /// Who asked to cancel it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cancel_requested_by: Option<UserId>,
}

impl OperationRun {
    /// The one reason a run that did not succeed is explained by, everywhere (run page, inbox,
    /// notifications; the UI's `runHeadline` applies the same rule): the engine's reconciliation
    /// reason, else the reason the run recorded as a whole, else the reason most of its failures
    /// share — a tie goes to the reason the catalog lists first, never to the order the
    /// failures were written in.
    pub fn headline_reason(&self) -> Option<ReasonCode> {
        let whole = self
            .reconciliation_reason
            .as_deref()
            .and_then(|c| c.parse().ok())
            .or_else(|| self.context.get("reason_code")?.as_str()?.parse().ok());
        whole.or_else(|| {
            ReasonCode::ALL
                .iter()
                .copied()
                .map(|code| {
                    let count = self
                        .failure_summary
                        .iter()
                        .filter(|f| f.reason_code == code)
                        .count();
                    (code, count)
                })
                .filter(|(_, count)| *count > 0)
                // max_by_key keeps the last of equals: reversed, the catalog's first wins.
                .rev()
                .max_by_key(|(_, count)| *count)
                .map(|(code, _)| code)
        })
    }

    /// A new queued run: pending, never started, no lease, nothing reconciled.
    pub fn queued(
        workspace_id: WorkspaceId,
        tenant_id: Option<TenantId>,
        initiator_user_id: Option<UserId>,
        operation_type: OperationType,
        run_identity_hash: String,
        context: serde_json::Value,
        created_at: Timestamp,
    ) -> Self {
        Self {
            id: RunId::new(),
            workspace_id,
            tenant_id,
            initiator_user_id,
            operation_type,
            status: RunStatus::Queued,
            outcome: RunOutcome::Pending,
            run_identity_hash,
            summary_counts: BTreeMap::new(),
            failure_summary: vec![],
            context,
            created_at,
            started_at: None,
            completed_at: None,
            attempt: 0,
            lease_owner: None,
            lease_expires_at: None,
            heartbeat_at: None,
            reconciled_at: None,
            reconciliation_reason: None,
            reconciliation_source: None,
            stale_at: None,
            cancel_requested_at: None,
            cancel_requested_by: None,
        }
    }
}

impl RunStatus {
    /// Active runs are the ones dedupe considers and the reconciler watches.
    pub fn is_active(self) -> bool {
        matches!(self, RunStatus::Queued | RunStatus::Running)
    }

    pub fn is_terminal(self) -> bool {
        self == RunStatus::Completed
    }

    /// Allowed: queued → running, queued → completed (blocked or reconciled before start),
    /// running → completed. Nothing leaves `completed`.
    pub fn can_transition_to(self, next: RunStatus) -> bool {
        matches!(
            (self, next),
            (RunStatus::Queued, RunStatus::Running)
                | (RunStatus::Queued, RunStatus::Completed)
                | (RunStatus::Running, RunStatus::Completed)
        )
    }

    pub fn transition_to(self, next: RunStatus) -> Result<RunStatus, DomainError> {
        if self.can_transition_to(next) {
            Ok(next)
        } else {
            Err(DomainError::InvalidRunTransition {
                from: self.code(),
                to: next.code(),
            })
        }
    }
}

impl RunOutcome {
    /// Whether this outcome is consistent with the given status: pending exactly while active.
    pub fn fits(self, status: RunStatus) -> bool {
        (self == RunOutcome::Pending) == status.is_active()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(reason_code: ReasonCode) -> FailureEntry {
        FailureEntry {
            code: reason_code.code().into(),
            reason_code,
            message: "Settings catalog policy: failed".into(),
        }
    }

    fn run_with(failures: &[ReasonCode]) -> OperationRun {
        let mut run = OperationRun::queued(
            WorkspaceId::new(),
            None,
            None,
            OperationType::PolicySync,
            "h".into(),
            serde_json::json!({}),
            Timestamp::now(),
        );
        run.failure_summary = failures.iter().copied().map(failure).collect();
        run
    }

    #[test]
    fn the_headline_reason_is_the_one_most_failures_share_in_any_order() {
        use ReasonCode::{GraphServerError as Server, GraphUnreachable as Unreachable};
        let orders = [
            [Unreachable, Server, Unreachable],
            [Server, Unreachable, Unreachable],
            [Unreachable, Unreachable, Server],
        ];
        for order in orders {
            assert_eq!(run_with(&order).headline_reason(), Some(Unreachable));
        }
        // A tie: the reason the catalog lists first, whichever was written last.
        let first = ReasonCode::ALL
            .iter()
            .copied()
            .find(|c| [Server, Unreachable].contains(c))
            .unwrap();
        assert_eq!(
            run_with(&[Server, Unreachable]).headline_reason(),
            Some(first)
        );
        assert_eq!(
            run_with(&[Unreachable, Server]).headline_reason(),
            Some(first)
        );
        assert_eq!(run_with(&[]).headline_reason(), None);
    }

    #[test]
    fn the_engine_ending_a_run_or_the_run_failing_whole_comes_first() {
        let mut run = run_with(&[ReasonCode::GraphUnreachable]);
        run.context = serde_json::json!({ "reason_code": ReasonCode::GraphServerError.code() });
        assert_eq!(run.headline_reason(), Some(ReasonCode::GraphServerError));
        run.reconciliation_reason = Some(ReasonCode::ALL[0].code().into());
        assert_eq!(run.headline_reason(), Some(ReasonCode::ALL[0]));
    }

    #[test]
    fn completed_is_terminal() {
        for next in RunStatus::ALL {
            assert!(!RunStatus::Completed.can_transition_to(*next));
        }
    }

    #[test]
    fn runs_never_go_backwards() {
        assert!(!RunStatus::Running.can_transition_to(RunStatus::Queued));
        assert!(!RunStatus::Queued.can_transition_to(RunStatus::Queued));
        assert!(RunStatus::Queued.can_transition_to(RunStatus::Completed));
        assert!(RunStatus::Queued.transition_to(RunStatus::Running).is_ok());
        let err = RunStatus::Completed
            .transition_to(RunStatus::Running)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a run cannot move from completed to running"
        );
    }

    #[test]
    fn pending_outcome_belongs_to_active_runs_only() {
        assert!(RunOutcome::Pending.fits(RunStatus::Queued));
        assert!(RunOutcome::Pending.fits(RunStatus::Running));
        assert!(!RunOutcome::Pending.fits(RunStatus::Completed));
        assert!(RunOutcome::Blocked.fits(RunStatus::Completed));
        assert!(!RunOutcome::Succeeded.fits(RunStatus::Running));
    }
}
