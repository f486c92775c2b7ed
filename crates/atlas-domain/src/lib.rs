//! The TenantAtlas domain: identifiers, states and their transitions, the capability registry and
//! the presentation vocabulary. Pure data and rules — no I/O, no database, no UI toolkit.

#[cfg(test)]
mod arb;
pub mod audit;
pub mod backup;
pub mod baseline;
pub mod batch;
mod canonical;
mod codes;
pub mod directory;
pub mod error;
pub mod evidence;
pub mod finding;
pub mod ids;
pub mod imported_history;
pub mod inventory;
pub mod lifecycle;
pub mod normalize;
pub mod operation;
pub mod page;
pub mod permissions;
pub mod policy_version;
pub mod rbac;
pub mod rbac_report;
pub mod readable;
pub mod reasons;
pub mod report;
pub mod restore;
pub mod review;
pub mod review_pack;
pub mod run;
pub mod run_changes;
pub mod run_event;
pub mod run_query;
pub mod run_result;
pub mod schedule;
pub mod severity;
#[cfg(feature = "sqlx")]
mod sql;
pub mod summary;
pub mod tenant;
pub mod text;
pub mod time;
pub mod vocabulary;
pub mod workspace;

pub use audit::{AuditActor, AuditEntry, AuditFilter, AuditRow, UserNotification};
pub use backup::{
    BackupGap, BackupInputs, BackupOrigin, BackupRetention, BackupSet, BackupSetStatus, ImportSkip,
    NotCarried,
};
pub use baseline::{
    AmbiguousSubject, BaselineProfile, BaselineReadiness, BaselineSnapshot, BaselineStatus,
    CaptureMode, CompletionProof, ItemPlan, SnapshotItem, SnapshotStanding, SnapshotState,
};
pub use batch::RunBatch;
pub use directory::{
    DirectoryGroup, DirectoryRoleAssignment, DirectoryRoleDefinition, PrincipalType,
};
pub use error::DomainError;
pub use evidence::{EvidenceContent, EvidenceSnapshot};
pub use finding::{
    Coverage, Finding, FindingAction, FindingEvent, FindingEvidence, FindingFilter, FindingKind,
    FindingStatus, FindingSummary, SeverityCounts, SeverityRule, TypeCoverage,
};
pub use ids::{
    BackupSetId, BaselineProfileId, BaselineSnapshotId, EvidenceSnapshotId, FindingId,
    InventoryItemId, PolicyVersionId, ReportId, RestoreId, ReviewId, ReviewPackId, RunBatchId,
    RunId, ScheduleId, TenantId, UserId, WorkspaceId,
};
pub use imported_history::{HistoryEvidence, ProducingRun, ProofRule};
pub use inventory::{
    InventoryFilter, InventoryItem, InventorySelection, InventorySort, InventorySortKey,
    InventoryTypeCount, SortDirection,
};
pub use lifecycle::{Freshness, LifecyclePolicy};
pub use operation::OperationType;
pub use page::Page;
pub use policy_version::{PolicyVersion, PolicyVersionSummary, VersionPurpose};
pub use rbac::{Capability, Role};
pub use rbac_report::{RbacFinding, RbacFindingCode, RbacHardeningReport};
pub use readable::{
    AssignmentRow, AssignmentTargetKind, ConfigDiff, DiffChange, DiffRow, ReadableConfig,
    SettingRow,
};
pub use reasons::{ReasonCode, ReasonText};
pub use report::{ReportType, StoredReport};
pub use restore::{
    AssignmentChange, GroupChoice, GroupOverride, GroupTarget, ItemOutcomeKind, PlanCounts,
    Restore, RestoreAction, RestoreConflict, RestoreInputs, RestoreItemOutcome, RestorePlan,
    RestorePlanItem, RestoreSource, RestoreStatus, SecretField,
};
pub use review::{ReviewReadiness, SectionStatus, TenantReview};
pub use review_pack::{PackOptions, PackSettings, PackStatus, PackSummary, ReviewPack};
pub use run::{FailureEntry, OperationRun, RunOutcome, RunStatus};
pub use run_changes::{ChangedObject, RunChanges, RUN_CHANGES_LIMIT};
pub use run_event::{ChangeKind, RunEvent, RunEventKind};
pub use run_query::{RunListFilter, RunListPage, RunListRow, RunTab, RUN_TOTAL_CAP};
pub use run_result::{
    CaptureInputs, CompareInputs, FindingChanges, NoInputs, RunResult, SyncInputs, SyncOneInputs,
    TypeCompleteness, TypesRead,
};
pub use severity::Severity;
pub use tenant::{
    ConnectionCheck, ConnectionState, CredentialExpiry, CredentialKind, DirectoryTenantId,
    ExpirySource, ExpiryWarning, ProviderConnection, Refusal, Tenant, TenantStatus,
    CREDENTIAL_WARNING_DAYS,
};
pub use time::Timestamp;
pub use workspace::{Membership, User, Workspace};
