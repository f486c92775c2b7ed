//! The presentation vocabulary: one label, tone and icon for every value of every status domain.
//! The UI receives this catalog through the generated bindings and never invents status wording.
//! Icons are names from the Tabler icon set the UI uses.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Serialize;
use ts_rs::TS;

use crate::{
    baseline::{BaselineStatus, CaptureMode, SnapshotStanding, SnapshotState},
    codes::code_enum,
    finding::{Coverage, FindingAction, FindingKind, FindingStatus},
    lifecycle::Freshness,
    readable::{AssignmentTargetKind, DiffChange},
    reasons::{Actionability, ReasonCode, ReconciliationSource},
    review::SectionStatus,
    review_pack::PackStatus,
    summary::SummaryKey,
    ConnectionState, OperationType, ProofRule, Role, RunOutcome, RunStatus, Severity, TenantStatus,
    VersionPurpose,
};

code_enum! {
    /// The colour family of a badge or message.
    pub enum Tone as "tone" {
        Success => "success",
        Warning => "warning",
        Danger => "danger",
        Info => "info",
        Neutral => "neutral",
    }
}

/// How one value is shown to an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Presentation {
    pub label: &'static str,
    pub tone: Tone,
    pub icon: &'static str,
}

const fn p(label: &'static str, tone: Tone, icon: &'static str) -> Presentation {
    Presentation { label, tone, icon }
}

/// A value with an operator-facing presentation.
pub trait Presented: Copy + 'static {
    const DOMAIN: &'static str;
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn presentation(self) -> Presentation;
}

macro_rules! presented {
    ($ty:ty, |$v:ident| $body:expr) => {
        impl Presented for $ty {
            const DOMAIN: &'static str = <$ty>::DOMAIN;
            fn all() -> &'static [Self] {
                <$ty>::ALL
            }
            fn code(self) -> &'static str {
                <$ty>::code(self)
            }
            fn presentation(self) -> Presentation {
                let $v = self;
                $body
            }
        }
    };
}

presented!(ReasonCode, |r| {
    let text = r.text();
    let (tone, icon) = match text.actionability {
        Actionability::RetryableTransient => (Tone::Warning, "refresh"),
        Actionability::PrerequisiteMissing => (Tone::Warning, "plug-x"),
        Actionability::NeedsInvestigation => (Tone::Danger, "alert-triangle"),
        Actionability::NonActionable => (Tone::Neutral, "help-circle"),
    };
    p(text.label, tone, icon)
});

presented!(BaselineStatus, |s| match s {
    BaselineStatus::Draft => p("Draft", Tone::Neutral, "pencil"),
    BaselineStatus::Active => p("Active", Tone::Success, "circle-check"),
    BaselineStatus::Archived => p("Archived", Tone::Neutral, "archive"),
});

presented!(CaptureMode, |m| match m {
    CaptureMode::Meta => p("Metadata", Tone::Neutral, "list-search"),
    CaptureMode::FullContent => p("Full content", Tone::Info, "file-text"),
});

presented!(SectionStatus, |s| match s {
    SectionStatus::NoData => p("No data", Tone::Neutral, "circle-dashed"),
    SectionStatus::Good => p("Good", Tone::Success, "circle-check"),
    SectionStatus::Attention => p("Needs attention", Tone::Warning, "alert-triangle"),
    SectionStatus::Critical => p("Critical", Tone::Danger, "alert-circle"),
});

presented!(PackStatus, |s| match s {
    PackStatus::Queued => p("Queued", Tone::Warning, "clock"),
    PackStatus::Generating => p("Generating", Tone::Info, "hourglass"),
    PackStatus::Ready => p("Ready", Tone::Success, "circle-check"),
    PackStatus::Failed => p("Failed", Tone::Danger, "alert-triangle"),
    PackStatus::Expired => p("Expired", Tone::Neutral, "archive"),
});

presented!(SnapshotState, |s| match s {
    SnapshotState::Building => p("Building", Tone::Info, "hourglass"),
    SnapshotState::Complete => p("Complete", Tone::Success, "circle-check"),
    SnapshotState::Incomplete => p("Incomplete", Tone::Danger, "alert-triangle"),
});

presented!(SummaryKey, |k| match k {
    SummaryKey::Total => p("Total", Tone::Neutral, "target"),
    SummaryKey::Processed => p("Processed", Tone::Neutral, "refresh"),
    SummaryKey::Succeeded => p("Succeeded", Tone::Success, "circle-check"),
    SummaryKey::Failed => p("Failed", Tone::Danger, "circle-x"),
    SummaryKey::Skipped => p("Skipped", Tone::Neutral, "equal"),
    SummaryKey::Created => p("Created", Tone::Success, "plus"),
    SummaryKey::Updated => p("Updated", Tone::Info, "pencil"),
    SummaryKey::Deleted => p("Removed", Tone::Warning, "minus"),
    SummaryKey::Items => p("Objects", Tone::Neutral, "list-search"),
    SummaryKey::Findings => p("Findings", Tone::Warning, "alert-triangle"),
});

presented!(RunStatus, |s| match s {
    RunStatus::Queued => p("Queued", Tone::Info, "clock"),
    RunStatus::Running => p("Running", Tone::Info, "player-play"),
    RunStatus::Completed => p("Completed", Tone::Neutral, "flag-check"),
});

presented!(RunOutcome, |o| match o {
    RunOutcome::Pending => p("Pending", Tone::Neutral, "hourglass"),
    RunOutcome::Succeeded => p("Succeeded", Tone::Success, "circle-check"),
    RunOutcome::PartiallySucceeded => p("Partially succeeded", Tone::Warning, "alert-triangle"),
    RunOutcome::Blocked => p("Blocked", Tone::Warning, "hand-stop"),
    RunOutcome::Failed => p("Failed", Tone::Danger, "circle-x"),
});

presented!(TenantStatus, |s| match s {
    TenantStatus::Active => p("Active", Tone::Success, "circle-check"),
    TenantStatus::Paused => p("Paused", Tone::Warning, "player-pause"),
    TenantStatus::Archived => p("Archived", Tone::Neutral, "archive"),
});

// Icons reuse names the UI already maps (ui/src/vocabulary/icons.ts); tone tells severities apart.
presented!(ConnectionState, |s| match s {
    ConnectionState::Unverified => p("Not verified", Tone::Neutral, "help-circle"),
    ConnectionState::Connected => p("Connected", Tone::Success, "circle-check"),
    ConnectionState::Failed => p("Connection failed", Tone::Danger, "plug-x"),
});

presented!(DiffChange, |c| match c {
    DiffChange::Added => p("Added", Tone::Success, "plus"),
    DiffChange::Removed => p("Removed", Tone::Danger, "minus"),
    DiffChange::Changed => p("Changed", Tone::Warning, "pencil"),
    DiffChange::Unchanged => p("Unchanged", Tone::Neutral, "equal"),
});

presented!(AssignmentTargetKind, |k| match k {
    AssignmentTargetKind::Group => p("Group", Tone::Info, "users-group"),
    AssignmentTargetKind::ExcludedGroup => p("Excluded group", Tone::Warning, "users-minus"),
    AssignmentTargetKind::AllDevices => p("All devices", Tone::Info, "devices"),
    AssignmentTargetKind::AllUsers => p("All users", Tone::Info, "users"),
    AssignmentTargetKind::Other => p("Other target", Tone::Neutral, "target"),
});

presented!(Severity, |s| match s {
    Severity::Info => p("Info", Tone::Neutral, "eye"),
    Severity::Low => p("Low", Tone::Info, "alert-triangle"),
    Severity::Medium => p("Medium", Tone::Warning, "alert-triangle"),
    Severity::High => p("High", Tone::Danger, "alert-triangle"),
    Severity::Critical => p("Critical", Tone::Danger, "circle-x"),
});

presented!(VersionPurpose, |v| match v {
    VersionPurpose::Backup => p("Backup", Tone::Neutral, "database-export"),
    VersionPurpose::BaselineEvidence => p("Baseline evidence", Tone::Neutral, "camera"),
    VersionPurpose::RestorePreimage => p("Before restore", Tone::Neutral, "restore"),
    VersionPurpose::Import => p("Imported", Tone::Info, "file-import"),
});

presented!(ProofRule, |r| match r {
    ProofRule::ExactCount => p("Exact count proof", Tone::Success, "circle-check"),
    ProofRule::RunSuccessCountMatch =>
        p("Run succeeded, counts match", Tone::Success, "circle-check"),
    ProofRule::ProvenEmpty => p("Proven empty", Tone::Success, "circle-check"),
    ProofRule::ContradictoryEvidence => {
        p(
            "Contradictory or partial evidence",
            Tone::Warning,
            "alert-triangle",
        )
    }
    ProofRule::NoProof => p(
        "No proof: recapture before compare",
        Tone::Warning,
        "alert-triangle"
    ),
});

presented!(Role, |r| match r {
    Role::Owner => p("Owner", Tone::Info, "crown"),
    Role::Manager => p("Manager", Tone::Info, "user-shield"),
    Role::Operator => p("Operator", Tone::Neutral, "user-cog"),
    Role::Readonly => p("Read-only", Tone::Neutral, "eye"),
});

presented!(OperationType, |t| match t {
    OperationType::BaselineCapture => p("Baseline capture", Tone::Neutral, "camera"),
    OperationType::BaselineCompare => p("Baseline compare", Tone::Neutral, "git-compare"),
    OperationType::InventorySync => p("Inventory sync", Tone::Neutral, "list-search"),
    OperationType::PolicySync => p("Policy sync", Tone::Neutral, "refresh"),
    OperationType::PolicySyncOne => p("Single policy sync", Tone::Neutral, "refresh-dot"),
    OperationType::EntraGroupSync => p("Group sync", Tone::Neutral, "users-group"),
    OperationType::DirectoryRoleDefinitionsSync => {
        p("Directory role sync", Tone::Neutral, "shield-lock")
    }
    OperationType::BackupScheduleRun => p("Backup", Tone::Neutral, "database-export"),
    OperationType::RestoreExecute => p("Restore", Tone::Neutral, "restore"),
    OperationType::ReviewPackGenerate => p("Review pack generation", Tone::Neutral, "file-zip"),
    OperationType::ReviewCompose => p("Review composition", Tone::Neutral, "file-text"),
    OperationType::EvidenceSnapshotGenerate =>
        p("Evidence snapshot", Tone::Neutral, "camera-check"),
});

presented!(Freshness, |f| match f {
    Freshness::FreshActive => p("Active", Tone::Info, "activity"),
    Freshness::LikelyStale => p("Likely stale", Tone::Warning, "alert-triangle"),
    Freshness::ReconciledFailed => p("Reconciled failed", Tone::Danger, "circle-x"),
    Freshness::TerminalNormal => p("Ended normally", Tone::Neutral, "flag-check"),
    Freshness::Unknown => p("Unknown", Tone::Neutral, "help-circle"),
});

presented!(ReconciliationSource, |s| match s {
    ReconciliationSource::ScheduledReconciler =>
        p("Scheduled reconciler", Tone::Neutral, "clock-check"),
    ReconciliationSource::StartupReconciler => p("Start-up reconciler", Tone::Neutral, "power"),
    ReconciliationSource::FailedCallback => p("Failure bridge", Tone::Neutral, "plug-x"),
    ReconciliationSource::AdapterReconciler =>
        p("Record reconciler", Tone::Neutral, "arrows-exchange"),
    ReconciliationSource::ManualReconciler =>
        p("Operator (atlas reconcile)", Tone::Neutral, "terminal-2"),
    ReconciliationSource::DuplicateStart => p("Started again", Tone::Neutral, "player-play"),
});

presented!(SnapshotStanding, |s| match s {
    SnapshotStanding::Current => p("Current", Tone::Success, "pin"),
    SnapshotStanding::Superseded => p("Superseded", Tone::Neutral, "history"),
});

presented!(FindingKind, |k| match k {
    FindingKind::Missing => p("Missing", Tone::Danger, "circle-minus"),
    FindingKind::Unexpected => p("Unexpected", Tone::Warning, "circle-plus"),
    FindingKind::Drifted => p("Drifted", Tone::Warning, "arrows-diff"),
});

presented!(FindingStatus, |s| match s {
    FindingStatus::Open => p("Open", Tone::Danger, "alert-circle"),
    FindingStatus::Acknowledged => p("Acknowledged", Tone::Info, "message-check"),
    FindingStatus::Resolved => p("Resolved", Tone::Success, "circle-check"),
});

presented!(Coverage, |c| match c {
    Coverage::Full => p("Full", Tone::Success, "circle-check"),
    Coverage::Partial => p("Partial", Tone::Warning, "circle-half"),
    Coverage::ReferenceOnly => p("Fingerprint only", Tone::Info, "fingerprint"),
    Coverage::Unsupported => p("Not compared", Tone::Neutral, "circle-dashed"),
});

presented!(FindingAction, |a| match a {
    FindingAction::Opened => p("Opened", Tone::Danger, "alert-circle"),
    FindingAction::EvidenceChanged => p("Evidence changed", Tone::Warning, "arrows-diff"),
    FindingAction::Acknowledged => p("Acknowledged", Tone::Info, "message-check"),
    FindingAction::Reopened => p("Reopened", Tone::Danger, "rotate"),
    FindingAction::Resolved => p("Resolved", Tone::Success, "circle-check"),
});

/// Every presented domain: domain name → value code → presentation.
/// Domains by name; within a domain, values in declaration order (the order the UI lists them).
pub type Catalog = BTreeMap<&'static str, IndexMap<&'static str, Presentation>>;

fn add<T: Presented>(catalog: &mut Catalog) {
    let entries = T::all()
        .iter()
        .map(|v| (v.code(), v.presentation()))
        .collect();
    let previous = catalog.insert(T::DOMAIN, entries);
    assert!(
        previous.is_none(),
        "vocabulary domain {} registered twice",
        T::DOMAIN
    );
}

/// The whole catalog, as shipped to the UI.
pub fn catalog() -> Catalog {
    let mut catalog = Catalog::new();
    add::<RunStatus>(&mut catalog);
    add::<RunOutcome>(&mut catalog);
    add::<TenantStatus>(&mut catalog);
    add::<ConnectionState>(&mut catalog);
    add::<Severity>(&mut catalog);
    add::<VersionPurpose>(&mut catalog);
    add::<ProofRule>(&mut catalog);
    add::<DiffChange>(&mut catalog);
    add::<AssignmentTargetKind>(&mut catalog);
    add::<Role>(&mut catalog);
    add::<OperationType>(&mut catalog);
    add::<Freshness>(&mut catalog);
    add::<ReconciliationSource>(&mut catalog);
    add::<SummaryKey>(&mut catalog);
    add::<ReasonCode>(&mut catalog);
    add::<BaselineStatus>(&mut catalog);
    add::<CaptureMode>(&mut catalog);
    add::<SnapshotState>(&mut catalog);
    add::<PackStatus>(&mut catalog);
    add::<SectionStatus>(&mut catalog);
    add::<SnapshotStanding>(&mut catalog);
    add::<FindingKind>(&mut catalog);
    add::<FindingStatus>(&mut catalog);
    add::<Coverage>(&mut catalog);
    add::<FindingAction>(&mut catalog);
    catalog
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_non_empty_label_and_icon() {
        for (domain, values) in catalog() {
            for (code, presentation) in values {
                assert!(!presentation.label.trim().is_empty(), "{domain}.{code}");
                assert!(!presentation.icon.trim().is_empty(), "{domain}.{code}");
            }
        }
    }

    #[test]
    fn labels_are_unique_within_a_domain() {
        for (domain, values) in catalog() {
            let mut labels: Vec<_> = values.values().map(|p| p.label).collect();
            labels.sort_unstable();
            let before = labels.len();
            labels.dedup();
            assert_eq!(before, labels.len(), "duplicate label in {domain}");
        }
    }

    #[test]
    fn failure_reads_as_danger_and_success_as_success() {
        assert_eq!(RunOutcome::Failed.presentation().tone, Tone::Danger);
        assert_eq!(RunOutcome::Succeeded.presentation().tone, Tone::Success);
    }
}
