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
        /// An operator cancelled the run.
        Cancelled => "run.cancelled",
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
        /// The same work was started again while this run was likely stale.
        DuplicateStart => "duplicate_start",
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

code_enum! {
    /// Every reason code the product can emit, in one closed set: run lifecycle healing, what
    /// Microsoft answered, and the preconditions checked before work starts. Each has operator
    /// text ([`ReasonCode::text`]); a code outside this set cannot be written. Codes are stored
    /// in runs and tenants: add codes freely, never rename or remove one.
    pub enum ReasonCode as "reason_code" {
        // run lifecycle (SPEC §3.5)
        StaleQueued => "run.stale_queued",
        StaleRunning => "run.stale_running",
        InfrastructureTimeoutOrAbandonment => "run.infrastructure_timeout_or_abandonment",
        QueueFailureBridge => "run.queue_failure_bridge",
        AdapterOutOfSync => "run.adapter_out_of_sync",
        WorkerShutdown => "run.worker_shutdown",
        Cancelled => "run.cancelled",
        // Microsoft Entra ID sign-in
        ProviderUnknownTenant => "provider.unknown_tenant",
        ProviderUnknownClient => "provider.unknown_client",
        ProviderBadSecret => "provider.bad_secret",
        ProviderConsentMissing => "provider.consent_missing",
        // Microsoft Graph
        GraphUnauthorized => "graph.unauthorized",
        GraphForbidden => "graph.forbidden",
        GraphNotFound => "graph.not_found",
        GraphBadRequest => "graph.bad_request",
        GraphThrottled => "graph.throttled",
        GraphServerError => "graph.server_error",
        GraphMalformedResponse => "graph.malformed_response",
        GraphUnreachable => "graph.unreachable",
        // preconditions of a tenant's work
        TenantMissing => "tenant.missing",
        TenantNotActive => "tenant.not_active",
        TenantNotConnected => "tenant.not_connected",
        TenantCredentialMissing => "tenant.credential_missing",
        TenantCredentialUnreadable => "tenant.credential_unreadable",
        TenantKeyringUnavailable => "tenant.keyring_unavailable",
        TenantKeyringFailed => "tenant.keyring_failed",
        TenantNotInSimulatedCloud => "tenant.not_in_simulated_cloud",
        DemoCloudUnavailable => "demo.cloud_unavailable",
        // baselines (SPEC §6)
        SnapshotCaptureFailed => "baseline.snapshot.capture_failed",
        SnapshotCompletionProofFailed => "baseline.snapshot.completion_proof_failed",
        SnapshotImportedWithoutProof => "baseline.snapshot.imported_without_proof",
        CompareNoAssignment => "baseline.compare.no_assignment",
        CompareProfileNotActive => "baseline.compare.profile_not_active",
        CompareNoConsumableSnapshot => "baseline.compare.no_consumable_snapshot",
        CompareSnapshotBuilding => "baseline.compare.snapshot_building",
        CompareSnapshotIncomplete => "baseline.compare.snapshot_incomplete",
        CompareSnapshotSuperseded => "baseline.compare.snapshot_superseded",
        CompareInvalidSnapshot => "baseline.compare.invalid_snapshot",
        SnapshotProducerEnded => "baseline.snapshot.producer_ended",
        CaptureProfileNotActive => "baseline.capture.profile_not_active",
        CaptureNoSource => "baseline.capture.no_source",
        CaptureSourceNotSynced => "baseline.capture.source_not_synced",
        CompareTenantNotSynced => "baseline.compare.tenant_not_synced",
        ProfileMissing => "baseline.profile_missing",
        PackMissing => "review_pack.missing",
        PackNotQueued => "review_pack.not_queued",
        PackSigningKeyUnavailable => "review_pack.signing_key_unavailable",
        PackWriteFailed => "review_pack.write_failed",
        PackVerificationFailed => "review_pack.verification_failed",
        PackDiskFull => "review_pack.disk_full",
        EvidenceProducerEnded => "evidence.snapshot.producer_ended",
        ReviewNoSync => "review.no_sync",
        ReviewNoEvidence => "review.no_evidence",
        ReviewEvidenceStale => "review.evidence_stale",
        ReviewEvidenceUnusable => "review.evidence_unusable",
        BackupProducerEnded => "backup.set.producer_ended",
        RestorePreviewOutdated => "restore.preview_outdated",
        RestoreSourceUnavailable => "restore.source_unavailable",
        RestoreNotReady => "restore.not_ready",
        RestoreSecretsUnavailable => "restore.secrets_unavailable",
    }
}

impl From<RunReason> for ReasonCode {
    fn from(reason: RunReason) -> Self {
        match reason {
            RunReason::StaleQueued => Self::StaleQueued,
            RunReason::StaleRunning => Self::StaleRunning,
            RunReason::InfrastructureTimeoutOrAbandonment => {
                Self::InfrastructureTimeoutOrAbandonment
            }
            RunReason::QueueFailureBridge => Self::QueueFailureBridge,
            RunReason::AdapterOutOfSync => Self::AdapterOutOfSync,
            RunReason::WorkerShutdown => Self::WorkerShutdown,
            RunReason::Cancelled => Self::Cancelled,
        }
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
        ReasonCode::from(self).text()
    }
}

impl ReasonCode {
    /// The operator's words for this reason: what happened and what to do.
    pub fn text(self) -> ReasonText {
        use Actionability as A;
        use ReasonCode as R;
        let t = |label, explanation, actionability, next_steps| ReasonText {
            label,
            explanation,
            actionability,
            next_steps,
        };
        match self {
            R::StaleQueued => t(
                "Never started",
                "The run waited in the queue longer than allowed and no worker picked it up.",
                A::RetryableTransient,
                "Check that TenantAtlas (or a headless worker) is running, then start the operation again.",
            ),
            R::StaleRunning => t(
                "Stopped responding",
                "The run stopped reporting progress: the worker running it most likely closed or crashed.",
                A::RetryableTransient,
                "Start the operation again. If it keeps happening, look at the worker's log.",
            ),
            R::InfrastructureTimeoutOrAbandonment => t(
                "Timed out",
                "The run took longer than its time limit and was stopped.",
                A::RetryableTransient,
                "Start it again; if it times out repeatedly, the tenant may be throttling or very large.",
            ),
            R::QueueFailureBridge => t(
                "Failed unexpectedly",
                "The work hit an unexpected error and could not finish.",
                A::NeedsInvestigation,
                "Read the failure details below, then start the operation again.",
            ),
            R::AdapterOutOfSync => t(
                "Out of sync",
                "The run and the record it works on disagreed; the run was aligned with the record.",
                A::NonActionable,
                "Open the related record to see its final state.",
            ),
            R::WorkerShutdown => t(
                "Interrupted by shutdown",
                "The app or worker was stopped before this run finished.",
                A::RetryableTransient,
                "Start the operation again.",
            ),
            R::Cancelled => t(
                "Cancelled",
                "An operator cancelled the run; it stopped at its next checkpoint. What it had already stored is kept.",
                A::NonActionable,
                "Retry the run when you want the work done.",
            ),
            R::ProviderBadSecret => t("Credential refused", "Microsoft Entra ID refused the app registration's secret or certificate: it is wrong or has expired.", A::PrerequisiteMissing, "Create a new client secret (or upload the certificate) in the app registration, update the tenant's connection, then verify it."),
            R::ProviderUnknownTenant => t("Tenant not found", "Microsoft Entra ID does not know this directory: the tenant id or domain is wrong, or the tenant was deleted.", A::PrerequisiteMissing, "Check the directory (tenant) id in the tenant's settings; archive the tenant if the customer left."),
            R::ProviderUnknownClient => t("App registration not found", "The application (client) id is not registered in this tenant, or admin consent was never given.", A::PrerequisiteMissing, "Check the client id, and have a Global Administrator of the customer grant admin consent."),
            R::ProviderConsentMissing => t("Admin consent missing", "The app registration lacks admin consent for the Microsoft Graph permissions TenantAtlas reads.", A::PrerequisiteMissing, "Have a Global Administrator of the customer grant admin consent in Entra ID → App registrations → API permissions, then verify the connection."),
            R::GraphForbidden => t("Access denied", "Microsoft Graph refused to read some configuration: the app registration lacks a permission.", A::PrerequisiteMissing, "Add the missing Microsoft Graph application permission, grant admin consent, then sync again."),
            R::GraphNotFound => t("Object not found", "Microsoft Graph no longer has an object it listed a moment before: it was most likely deleted while TenantAtlas read it.", A::RetryableTransient, "Sync again; an object deleted in the tenant is then shown as removed."),
            R::GraphBadRequest => t("Request refused", "Microsoft Graph refused a request as invalid for this tenant: the object type may not be available with the tenant's licences.", A::NeedsInvestigation, "Check that the tenant is licensed for the object type named below; if it is, send the run's details to support."),
            R::GraphThrottled => t("Throttled by Microsoft", "Microsoft Graph kept asking TenantAtlas to slow down and the read could not finish in time.", A::RetryableTransient, "Sync again later; other tools reading the same tenant share its limit."),
            R::GraphServerError => t("Microsoft Graph error", "Microsoft Graph answered with server errors for part of the work.", A::RetryableTransient, "Sync again in a few minutes."),
            R::GraphMalformedResponse => t("Unreadable answer", "Microsoft Graph sent an answer that could not be read, so part of the data was not captured.", A::RetryableTransient, "Sync again; the objects named below were kept as they were."),
            R::GraphUnreachable => t("Microsoft unreachable", "Microsoft Entra ID or Graph could not be reached from this computer.", A::RetryableTransient, "Check the network connection (and proxy), then try again."),
            R::GraphUnauthorized => t("Sign-in refused", "Microsoft Graph refused the access token.", A::RetryableTransient, "Verify the tenant's connection, then try again."),
            R::TenantMissing => t("Tenant gone", "The tenant this work was for no longer exists in the workspace.", A::NonActionable, "Nothing to do: work for a removed tenant does not run."),
            R::TenantNotActive => t("Tenant paused or archived", "The tenant is paused or archived, so no work runs against it.", A::PrerequisiteMissing, "Reactivate the tenant, then start the work again."),
            R::TenantNotConnected => t("No connection", "The tenant has no app registration credential yet.", A::PrerequisiteMissing, "Add the tenant's client id and secret (or certificate), then verify the connection."),
            R::TenantCredentialMissing => t("Credential missing", "The tenant's secret is no longer in this computer's keyring.", A::PrerequisiteMissing, "Enter the client secret or certificate again in the tenant's settings."),
            R::TenantCredentialUnreadable => t("Credential unreadable", "The certificate stored for this tenant cannot be read: it is damaged or in a format TenantAtlas does not accept.", A::PrerequisiteMissing, "Enter the certificate and its private key (PEM) again in the tenant's settings."),
            R::TenantKeyringUnavailable => t("Keyring unavailable", "The system keyring holding the tenant's secret is locked or not available.", A::PrerequisiteMissing, "Unlock the keyring (or sign in to the desktop session), then try again."),
            R::TenantKeyringFailed => t("Keyring error", "The system keyring answered with an error while the tenant's secret was read.", A::RetryableTransient, "Try again; if it persists, restart the keyring service (or sign out and in) and look at the app's log."),
            R::TenantNotInSimulatedCloud => t("Not in the demo cloud", "This simulated tenant is not part of the built-in demo cloud any more, so it cannot be reached.", A::NonActionable, "Archive the tenant, or create the demo workspace again."),
            R::SnapshotCaptureFailed => t("Capture failed", "The capture stopped before every policy of the source tenant was recorded, so this snapshot cannot be compared against.", A::RetryableTransient, "Capture again; the previous complete snapshot stays in use meanwhile."),
            R::SnapshotCompletionProofFailed => t("Capture not proven complete", "The snapshot holds fewer items than the capture meant to write, so it is not trusted.", A::NeedsInvestigation, "Capture again; if it repeats, look at the capture run's failures."),
            R::SnapshotImportedWithoutProof => t("Imported without proof", "The snapshot was made from an imported backup that does not prove it is complete (the decision table's rule is shown with it), so it is not used for compare.", A::PrerequisiteMissing, "Capture the baseline from its source tenant before comparing, or import a backup that states its own object count."),
            R::CompareNoAssignment => t("No baseline assigned", "The tenant is not assigned to a baseline profile, so there is nothing to compare it with.", A::PrerequisiteMissing, "Assign the tenant to a baseline profile, then compare."),
            R::CompareProfileNotActive => t("Baseline not active for compare", "The tenant's baseline profile is a draft or archived; only active profiles compare.", A::PrerequisiteMissing, "Activate the profile, or assign the tenant to an active one."),
            R::CompareNoConsumableSnapshot => t("No complete baseline yet", "The baseline profile has no complete snapshot to compare against.", A::PrerequisiteMissing, "Capture the profile's source tenant, then compare."),
            R::CompareSnapshotBuilding => t("Baseline still capturing", "The chosen snapshot is still being captured.", A::RetryableTransient, "Wait for the capture to finish, then compare."),
            R::CompareSnapshotIncomplete => t("Baseline incomplete", "The chosen snapshot is incomplete and cannot be trusted for a comparison.", A::PrerequisiteMissing, "Compare against the profile's current snapshot, or capture again."),
            R::CompareSnapshotSuperseded => t("Baseline superseded", "A newer complete snapshot of the profile replaced the chosen one.", A::NonActionable, "Compare against the profile's current snapshot."),
            R::SnapshotProducerEnded => t("Capture ended unfinished", "The capture run ended (stopped, timed out or its worker died) before the snapshot was proven complete.", A::RetryableTransient, "Capture again; the previous complete snapshot stays in use meanwhile."),
            R::CaptureProfileNotActive => t("Baseline not active for capture", "Only an active baseline profile captures; this one is a draft or archived.", A::PrerequisiteMissing, "Activate the profile, then capture."),
            R::CaptureNoSource => t("No source tenant", "The baseline profile does not name the tenant to capture from.", A::PrerequisiteMissing, "Choose the profile's source tenant, then capture."),
            R::CaptureSourceNotSynced => t("Source tenant not synced", "A metadata capture records the source tenant's inventory, and it has no completed inventory sync yet.", A::PrerequisiteMissing, "Sync the source tenant's inventory, then capture."),
            R::CompareTenantNotSynced => t("Tenant not synced", "A metadata compare reads the tenant's inventory, and it has no completed inventory sync yet.", A::PrerequisiteMissing, "Sync the tenant's inventory, then compare."),
            R::ProfileMissing => t("Baseline profile gone", "The baseline profile this work was started for no longer exists.", A::NonActionable, "Start the work again from an existing profile."),
            R::CompareInvalidSnapshot => t("Snapshot of another profile", "The chosen snapshot does not belong to the tenant's baseline profile.", A::NonActionable, "Choose a snapshot of the tenant's own profile."),
            R::ReviewNoSync => t("Nothing synced to review", "A review reports what the tenant's inventory holds, and it has no completed inventory sync yet.", A::PrerequisiteMissing, "Sync the tenant's inventory, generate an evidence snapshot, then compose the review."),
            R::ReviewNoEvidence => t("No evidence snapshot", "A review is composed from a complete evidence snapshot, and the tenant has none.", A::PrerequisiteMissing, "Generate an evidence snapshot, then compose the review."),
            R::ReviewEvidenceStale => t("Evidence too old", "The newest evidence snapshot is older than a review may be based on.", A::PrerequisiteMissing, "Generate a fresh evidence snapshot, then compose the review."),
            R::ReviewEvidenceUnusable => t("Evidence not usable", "The evidence snapshot chosen is not complete, or belongs to another tenant.", A::NonActionable, "Compose the review from the tenant's newest complete evidence snapshot."),
            R::RestorePreviewOutdated => t("Preview out of date", "The target tenant changed after the preview was made, so the plan no longer says what a restore would do.", A::PrerequisiteMissing, "Preview the restore again, check the plan, then execute it."),
            R::RestoreSourceUnavailable => t("Restore source not available", "The versions to restore are gone: their backup set was pruned, or their tenant was removed.", A::NonActionable, "Choose another backup set or other versions."),
            R::RestoreSecretsUnavailable => t("Secret values not at hand", "The secret values typed for this restore were given to another TenantAtlas process than the one that ran it; they are kept in memory only, never stored.", A::PrerequisiteMissing, "Execute the restore again from one workstation, typing the values there."),
            R::RestoreNotReady => t("Restore not ready", "This restore was already previewed, executed or stopped, so this run has nothing to do.", A::NonActionable, "Start a new restore preview."),
            R::BackupProducerEnded => t("Backup ended unfinished", "The backup run ended (stopped, timed out or its worker died) before its backup set was complete.", A::RetryableTransient, "Back up the tenant again."),
            R::EvidenceProducerEnded => t("Evidence capture ended unfinished", "The run freezing the tenant's evidence ended (stopped, timed out or its worker died) before the snapshot was written.", A::RetryableTransient, "Generate the evidence snapshot again."),
            R::PackMissing => t("Review pack gone", "The review pack this run was to write no longer exists.", A::NonActionable, "Generate a new review pack."),
            R::PackNotQueued => t("Review pack already handled", "The review pack was no longer waiting to be written when this run started (another run took it, or it failed).", A::NonActionable, "Look at the tenant's latest review pack; generate a new one if it failed."),
            R::PackSigningKeyUnavailable => t("Signing key unavailable", "The workspace's pack signing key could not be read from or stored in the OS keyring of this computer.", A::PrerequisiteMissing, "Unlock the OS keyring (or run on the computer that holds the key), then generate the pack again."),
            R::PackWriteFailed => t("Pack could not be written", "Writing the review pack file into the data folder's exports failed.", A::RetryableTransient, "Check that the data folder is writable, then generate the pack again."),
            R::PackVerificationFailed => t("Pack failed its own check", "The written pack did not match its manifest when read back, so it was discarded instead of being marked ready.", A::RetryableTransient, "Generate the pack again; if it fails again, check the disk."),
            R::PackDiskFull => t("Disk full", "The disk holding the data folder filled up while the pack was written; the partial file was removed.", A::PrerequisiteMissing, "Free space on the disk, then generate the pack again."),
            R::DemoCloudUnavailable => t("Demo cloud not running", "The built-in simulated Microsoft cloud could not be started on this computer.", A::RetryableTransient, "Restart TenantAtlas; if it persists, look at the app's log."),
        }
    }
}

/// Any stored reason code, in the operator's words: the one presenter the UI and the CLI use.
/// `None` for a code outside the catalog (older data): show the run's own message.
pub fn explain(code: &str) -> Option<ReasonText> {
    ReasonCode::from_str(code).ok().map(ReasonCode::text)
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
    }

    #[test]
    fn every_reason_code_has_operator_text_without_internal_codes() {
        let mut labels = std::collections::BTreeSet::new();
        for code in ReasonCode::ALL {
            let text = code.text();
            for s in [text.label, text.explanation, text.next_steps] {
                assert!(!s.trim().is_empty(), "{code} lacks text");
                for internal in ReasonCode::ALL {
                    assert!(!s.contains(internal.code()), "{code}: {s}");
                }
            }
            assert!(
                labels.insert(text.label),
                "{code} repeats the label {}",
                text.label
            );
        }
    }

    #[test]
    fn every_lifecycle_reason_is_in_the_catalog() {
        for reason in RunReason::ALL {
            assert_eq!(ReasonCode::from(*reason).code(), reason.code());
        }
    }
}
