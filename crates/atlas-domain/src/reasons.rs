//! Reason codes of run lifecycle healing and failure, each with operator wording (SPEC §3.5).
//! Primary copy uses domain words; the code itself is a diagnostic.

use serde::Serialize;
use ts_rs::TS;

use crate::codes::code_enum;

code_enum! {
    /// Why a run was force-resolved or failed outside its handler's own result.
    pub enum RunReason as "run_reason" {
        StaleQueued => "run.stale_queued",
        StaleRunning => "run.stale_running",
        InfrastructureTimeoutOrAbandonment => "run.infrastructure_timeout_or_abandonment",
        QueueFailureBridge => "run.queue_failure_bridge",
        AdapterOutOfSync => "run.adapter_out_of_sync",
        WorkerShutdown => "run.worker_shutdown",
    }
}

code_enum! {
    /// Which part of the engine force-resolved a run.
    pub enum ReconciliationSource as "reconciliation_source" {
        ScheduledReconciler => "scheduled_reconciler",
        StartupReconciler => "startup_reconciler",
        FailedCallback => "failed_callback",
        AdapterReconciler => "adapter_reconciler",
        /// An operator ran `atlas reconcile`.
        ManualReconciler => "manual_reconciler",
    }
}

code_enum! {
    /// What the operator can do about a failure.
    pub enum Actionability as "actionability" {
        RetryableTransient => "retryable_transient",
        NonActionable => "non_actionable",
        PrerequisiteMissing => "prerequisite_missing",
        NeedsInvestigation => "needs_investigation",
    }
}

/// How a reason reads to an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ReasonText {
    pub label: &'static str,
    pub explanation: &'static str,
    pub actionability: Actionability,
    pub next_steps: &'static str,
}

impl RunReason {
    pub fn text(self) -> ReasonText {
        use Actionability as A;
        let t = |label, explanation, actionability, next_steps| ReasonText {
            label,
            explanation,
            actionability,
            next_steps,
        };
        match self {
            RunReason::StaleQueued => t(
                "Never started",
                "The run waited in the queue longer than allowed and no worker picked it up.",
                A::RetryableTransient,
                "Check that TenantAtlas (or a headless worker) is running, then start the operation again.",
            ),
            RunReason::StaleRunning => t(
                "Stopped responding",
                "The run stopped reporting progress: the worker running it most likely closed or crashed.",
                A::RetryableTransient,
                "Start the operation again. If it keeps happening, look at the worker's log.",
            ),
            RunReason::InfrastructureTimeoutOrAbandonment => t(
                "Timed out",
                "The run took longer than its time limit and was stopped.",
                A::RetryableTransient,
                "Start it again; if it times out repeatedly, the tenant may be throttling or very large.",
            ),
            RunReason::QueueFailureBridge => t(
                "Failed unexpectedly",
                "The work hit an unexpected error and could not finish.",
                A::NeedsInvestigation,
                "Read the failure details below, then start the operation again.",
            ),
            RunReason::AdapterOutOfSync => t(
                "Out of sync",
                "The run and the record it works on disagreed; the run was aligned with the record.",
                A::NonActionable,
                "Open the related record to see its final state.",
            ),
            RunReason::WorkerShutdown => t(
                "Interrupted by shutdown",
                "The app or worker was stopped before this run finished.",
                A::RetryableTransient,
                "Start the operation again.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_operator_text_without_internal_codes() {
        for reason in RunReason::ALL {
            let text = reason.text();
            for s in [text.label, text.explanation, text.next_steps] {
                assert!(!s.is_empty());
                assert!(!s.contains("run."), "{reason}: {s}");
            }
        }
    }
}
