//! The audit log: who did what to which record, when. Entries are never edited.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::{vocabulary::Tone, RunBatchId, RunId, TenantId, Timestamp, UserId, WorkspaceId};

/// Who caused an audited change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditActor {
    User {
        user_id: UserId,
    },
    /// The scheduler, the reconciler, a headless worker acting on its own.
    System,
}

/// Stable action ids of audit entries.
pub mod actions {
    pub const WORKSPACE_CREATED: &str = "workspace.created";
    pub const TENANT_CREATED: &str = "tenant.created";
    pub const TENANT_UPDATED: &str = "tenant.updated";
    /// The client id or the credential changed (the secret itself is never recorded).
    pub const TENANT_CREDENTIAL_CHANGED: &str = "tenant.credential_changed";
    /// A workstation keeps a tenant's credential in its keyring too (team mode).
    pub const TENANT_CREDENTIAL_HELD: &str = "tenant.credential_held";
    pub const TENANT_STATUS_CHANGED: &str = "tenant.status_changed";
    pub const OPERATION_RUN_COMPLETED: &str = "operation_run.completed";
    pub const OPERATION_RUN_CANCEL_REQUESTED: &str = "operation_run.cancel_requested";
    pub const DATA_EXPORTED: &str = "data.exported";
    pub const SCHEDULE_CREATED: &str = "schedule.created";
    pub const SCHEDULE_UPDATED: &str = "schedule.updated";
    pub const SCHEDULE_DELETED: &str = "schedule.deleted";
    pub const BASELINE_PROFILE_CREATED: &str = "baseline.profile.created";
    pub const BASELINE_PROFILE_UPDATED: &str = "baseline.profile.updated";
    pub const BASELINE_PROFILE_STATUS_CHANGED: &str = "baseline.profile.status_changed";
    pub const BASELINE_ASSIGNED: &str = "baseline.assignment.created";
    pub const BASELINE_UNASSIGNED: &str = "baseline.assignment.removed";
    pub const FINDING_ACKNOWLEDGED: &str = "finding.acknowledged";
    pub const FINDING_REOPENED: &str = "finding.reopened";
    pub const REVIEW_PACK_REQUESTED: &str = "review_pack.requested";
    pub const REVIEW_PACK_GENERATED: &str = "review_pack.generated";
    pub const REVIEW_PACK_SAVED: &str = "review_pack.saved";
    pub const REVIEW_PACK_EXPIRED: &str = "review_pack.expired";
    pub const REVIEW_PACK_FILE_DELETED: &str = "review_pack.file_deleted";
    pub const REVIEW_PACK_ABANDONED: &str = "review_pack.abandoned";
    pub const REVIEW_PACK_FILE_MISSING: &str = "review_pack.file_missing";
    pub const REVIEW_PACK_SETTINGS_CHANGED: &str = "review_pack.settings_changed";
    pub const REVIEW_NOTE_CHANGED: &str = "review.note_changed";
    pub const BACKUP_SETS_PRUNED: &str = "backup.sets_pruned";
    pub const BACKUP_IMPORTED: &str = "backup.imported";
    pub const RESTORE_ITEM_WRITTEN: &str = "restore.item_written";
    pub const RESTORE_REQUESTED: &str = "restore.execution_requested";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    #[ts(type = "string")]
    pub id: Uuid,
    pub workspace_id: Option<WorkspaceId>,
    pub tenant_id: Option<TenantId>,
    pub actor: AuditActor,
    /// A stable action id such as `tenant.created` (see [`actions`]).
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub summary: String,
    pub metadata: serde_json::Value,
    pub created_at: Timestamp,
}

/// A message in an operator's in-app inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct UserNotification {
    #[ts(type = "string")]
    #[cfg_attr(feature = "sqlx", sqlx(try_from = "String"))]
    pub id: Uuid,
    pub user_id: UserId,
    pub workspace_id: Option<WorkspaceId>,
    pub run_id: Option<RunId>,
    /// Set on the one summary of runs started together; the runs themselves notify nobody.
    pub batch_id: Option<RunBatchId>,
    pub tone: Tone,
    pub title: String,
    pub body: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// Filters of the audit log page; `None` does not narrow.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct AuditFilter {
    #[ts(optional)]
    pub actor: Option<UserId>,
    /// An action id, or its area (`tenant` matches `tenant.created`, `tenant.updated`, …).
    #[ts(optional)]
    pub action: Option<String>,
    #[ts(optional)]
    pub tenant: Option<TenantId>,
    #[ts(optional)]
    pub from: Option<Timestamp>,
    #[ts(optional)]
    pub until: Option<Timestamp>,
    pub offset: i64,
    pub limit: i64,
}

/// An entry with the names the log shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditRow {
    pub entry: AuditEntry,
    pub actor_name: Option<String>,
    pub tenant_name: Option<String>,
}
