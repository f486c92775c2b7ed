//! Reason codes of run lifecycle healing and failure, each with operator wording (SPEC §3.5).
//! Primary copy uses domain words; the code itself is a diagnostic.

use std::str::FromStr;

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

/// Codes outside the lifecycle catalog: why Graph or a precondition stopped the work.
const OTHER_REASONS: &[(&str, ReasonText)] = {
    use Actionability as A;
    const fn t(
        label: &'static str,
        explanation: &'static str,
        actionability: Actionability,
        next_steps: &'static str,
    ) -> ReasonText {
        ReasonText {
            label,
            explanation,
            actionability,
            next_steps,
        }
    }
    &[
        ("provider.bad_secret", t("Credential refused", "Microsoft Entra ID refused the app registration's secret or certificate: it is wrong or has expired.", A::PrerequisiteMissing, "Create a new client secret (or upload the certificate) in the app registration, update the tenant's connection, then verify it.")),
        ("provider.unknown_tenant", t("Tenant not found", "Microsoft Entra ID does not know this directory: the tenant id or domain is wrong, or the tenant was deleted.", A::PrerequisiteMissing, "Check the directory (tenant) id in the tenant's settings; archive the tenant if the customer left.")),
        ("provider.unknown_client", t("App registration not found", "The application (client) id is not registered in this tenant, or admin consent was never given.", A::PrerequisiteMissing, "Check the client id, and have a Global Administrator of the customer grant admin consent.")),
        ("provider.consent_missing", t("Admin consent missing", "The app registration lacks admin consent for the Microsoft Graph permissions TenantAtlas reads.", A::PrerequisiteMissing, "Have a Global Administrator of the customer grant admin consent in Entra ID → App registrations → API permissions, then verify the connection.")),
        ("graph.forbidden", t("Access denied", "Microsoft Graph refused to read some configuration: the app registration lacks a permission.", A::PrerequisiteMissing, "Add the missing Microsoft Graph application permission, grant admin consent, then sync again.")),
        ("graph.throttled", t("Throttled by Microsoft", "Microsoft Graph kept asking TenantAtlas to slow down and the read could not finish in time.", A::RetryableTransient, "Sync again later; other tools reading the same tenant share its limit.")),
        ("graph.server_error", t("Microsoft Graph error", "Microsoft Graph answered with server errors for part of the work.", A::RetryableTransient, "Sync again in a few minutes.")),
        ("graph.malformed_response", t("Unreadable answer", "Microsoft Graph sent an answer that could not be read, so part of the data was not captured.", A::RetryableTransient, "Sync again; the objects named below were kept as they were.")),
        ("graph.unreachable", t("Microsoft unreachable", "Microsoft Entra ID or Graph could not be reached from this computer.", A::RetryableTransient, "Check the network connection (and proxy), then try again.")),
        ("graph.unauthorized", t("Sign-in refused", "Microsoft Graph refused the access token.", A::RetryableTransient, "Verify the tenant's connection, then try again.")),
        ("tenant.not_active", t("Tenant paused or archived", "The tenant is paused or archived, so no work runs against it.", A::PrerequisiteMissing, "Reactivate the tenant, then start the work again.")),
        ("tenant.not_connected", t("No connection", "The tenant has no app registration credential yet.", A::PrerequisiteMissing, "Add the tenant's client id and secret (or certificate), then verify the connection.")),
        ("tenant.credential_missing", t("Credential missing", "The tenant's secret is no longer in this computer's keyring.", A::PrerequisiteMissing, "Enter the client secret or certificate again in the tenant's settings.")),
        ("tenant.keyring_unavailable", t("Keyring unavailable", "The system keyring holding the tenant's secret is locked or not available.", A::PrerequisiteMissing, "Unlock the keyring (or sign in to the desktop session), then try again.")),
    ]
};

/// Any reason code a run can carry, in the operator's words: the one presenter the UI and
/// the CLI use. `None` for a code the catalog does not know (show the run's own message).
pub fn explain(code: &str) -> Option<ReasonText> {
    match RunReason::from_str(code) {
        Ok(reason) => Some(reason.text()),
        Err(_) => OTHER_REASONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, text)| *text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_and_tenant_codes_are_explained() {
        let text = explain("provider.consent_missing").unwrap();
        assert_eq!(text.label, "Admin consent missing");
        assert_eq!(text.actionability, Actionability::PrerequisiteMissing);
        assert_eq!(explain("run.stale_queued").unwrap().label, "Never started");
        assert!(explain("something.else").is_none());
        for (code, text) in OTHER_REASONS {
            assert!(!text.next_steps.contains(code));
        }
    }

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
