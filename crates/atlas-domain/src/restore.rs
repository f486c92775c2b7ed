//! Restore plans (SPEC §7): what restoring a source (backup set, chosen versions, a baseline's
//! content) onto a target tenant would do to each object — create, update, skip (identical) or
//! conflict (and why) — with the fields and assignments that would change. A plan is computed
//! read-only from the target's current state; nothing is written to make it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, BackupSetId, BaselineSnapshotId, PolicyVersionId, ReasonCode, RestoreId,
    RunId, TenantId, Timestamp, UserId, WorkspaceId,
};

code_enum! {
    /// What a restore would do to one object.
    pub enum RestoreAction as "restore_action" {
        /// The target has no such object: it would be created.
        Create => "create",
        /// The target's object differs: it would be overwritten (after a pre-image is kept).
        Update => "update",
        /// The target's object already has this content: nothing to write.
        Skip => "skip",
        /// It cannot be restored as it is: the conflicts say why.
        Conflict => "conflict",
        /// Undoing a restore: the object it created would be deleted (after a pre-image is kept).
        Delete => "delete",
    }
}

/// Why an object cannot be restored as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RestoreConflict {
    /// The target's object differs from what its last sync stored (or it was never synced):
    /// someone changed it since, and overwriting would lose a change nobody has seen.
    ChangedSinceSync { synced: bool },
    /// More than one object of the type in the target has this name.
    NameCollision { matches: u32 },
    /// The catalog never writes this type (built-in or directory-managed objects).
    TypeNotWritable,
    /// Assignments to source groups that have no target group and are not skipped.
    UnresolvedGroups { group_ids: Vec<String> },
    /// Secret settings whose values were never stored (encrypted OMA-URI values, passwords):
    /// writing the placeholder would break the policy, so the values must be given.
    SecretValues { fields: Vec<String> },
}

/// The assignment targets (group ids in the target) a restore would add or remove.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssignmentChange {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl AssignmentChange {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// One object of a restore plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestorePlanItem {
    /// The version that would be written.
    pub source_version_id: PolicyVersionId,
    /// The catalog type key.
    pub object_type: String,
    pub display_name: String,
    pub source_external_id: String,
    /// The target's object it would overwrite; none for a create (or a conflict with none).
    pub target_external_id: Option<String>,
    pub action: RestoreAction,
    pub conflicts: Vec<RestoreConflict>,
    /// Top-level fields whose value would change (after normalisation), sorted.
    pub changed_fields: Vec<String>,
    pub assignments: AssignmentChange,
}

/// Where a source group's assignments go in the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupTarget {
    /// To this target group: matched by display name, or chosen by the operator.
    Mapped {
        group_id: String,
        display_name: String,
        automatic: bool,
    },
    /// The assignment is left out.
    Skip,
    /// No target group has its name and the operator chose none: restore is blocked.
    Unresolved,
}

/// One source group of a plan and where its assignments go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupChoice {
    pub source_group_id: String,
    /// Its name in the source tenant's directory cache, when known.
    pub source_name: Option<String>,
    pub target: GroupTarget,
}

/// How many objects a plan would create, update, skip, cannot restore, and delete (undo only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanCounts {
    pub create: u32,
    pub update: u32,
    pub skip: u32,
    pub conflict: u32,
    #[serde(default)]
    pub delete: u32,
}

impl PlanCounts {
    pub fn of(items: &[RestorePlanItem]) -> Self {
        let mut counts = Self::default();
        for item in items {
            match item.action {
                RestoreAction::Create => counts.create += 1,
                RestoreAction::Update => counts.update += 1,
                RestoreAction::Skip => counts.skip += 1,
                RestoreAction::Conflict => counts.conflict += 1,
                RestoreAction::Delete => counts.delete += 1,
            }
        }
        counts
    }

    /// Writes a restore of the plan would make (creates, updates and deletes).
    pub fn changes(&self) -> u32 {
        self.create + self.update + self.delete
    }
}

/// What a restore writes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RestoreSource {
    /// Every version a backup set holds.
    BackupSet { backup_set_id: BackupSetId },
    /// Chosen versions, all of one tenant of the workspace (any tenant: restoring a reference
    /// tenant's policy onto a customer is a "promote").
    Versions { version_ids: Vec<PolicyVersionId> },
    /// Undoing an executed restore: what it overwrote goes back (its pre-images) and what it
    /// created is deleted.
    Undo { restore_id: RestoreId },
    /// A complete `full_content` baseline snapshot's content for chosen subjects (all when
    /// empty): remediating drift pushes the baseline back onto a tenant.
    Baseline {
        snapshot_id: BaselineSnapshotId,
        subject_keys: Vec<String>,
    },
}

/// The operator's choice for one source group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupOverride {
    /// Assign the target group with this id instead.
    To { group_id: String },
    /// Leave the assignments to this group out.
    Skip,
}

code_enum! {
    /// Where a restore stands: planned read-only first (`previewed`), then executed once.
    pub enum RestoreStatus as "restore_status" {
        /// Its preview run is reading the target.
        Planning => "planning",
        /// The plan is ready to be checked and executed.
        Previewed => "previewed",
        /// The preview could not be made (the run says why).
        PreviewFailed => "preview_failed",
        /// The target changed after the preview: preview again.
        Outdated => "outdated",
        Executing => "executing",
        Executed => "executed",
        ExecuteFailed => "execute_failed",
    }
}

/// The plan of a previewed restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestorePlan {
    pub items: Vec<RestorePlanItem>,
    pub groups: Vec<GroupChoice>,
    pub counts: PlanCounts,
}

/// A restore as stored: its source, target, choices and, once previewed, its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Restore {
    pub id: RestoreId,
    pub workspace_id: WorkspaceId,
    /// The target tenant.
    pub tenant_id: TenantId,
    pub source: RestoreSource,
    /// The tenant the source versions were captured from.
    pub source_tenant_id: TenantId,
    pub group_overrides: BTreeMap<String, GroupOverride>,
    pub status: RestoreStatus,
    pub preview_run_id: Option<RunId>,
    pub execute_run_id: Option<RunId>,
    /// SHA-256 over the target objects the plan read (type, id, content hash): execution
    /// proceeds only while the target still hashes the same.
    pub target_state_hash: Option<String>,
    pub plan: Option<RestorePlan>,
    /// Once executed: what happened to each object of the plan.
    pub outcomes: Option<Vec<RestoreItemOutcome>>,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
    pub previewed_at: Option<Timestamp>,
    pub executed_at: Option<Timestamp>,
}

/// The inputs of a `restore.execute` run: which restore, and whether this is its read-only
/// preview (a dry run) or the execution of its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreInputs {
    pub restore_id: RestoreId,
    pub dry_run: bool,
    /// The secret fields the operator typed values for (the values themselves are never
    /// stored): objects whose only conflict was these fields are written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_fields: Vec<SecretField>,
}

/// One secret field of a plan's object, named without its value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct SecretField {
    pub source_version_id: PolicyVersionId,
    /// The field's path in the object, as the plan's `secret_values` conflict names it.
    pub field: String,
}

code_enum! {
    /// What executing a restore did to one object of its plan.
    pub enum ItemOutcomeKind as "restore_item_outcome" {
        Created => "created",
        Updated => "updated",
        /// Nothing was written: identical already, or a conflict the plan named.
        Skipped => "skipped",
        Failed => "failed",
        /// Undoing a restore: the object it had created was deleted.
        Deleted => "deleted",
    }
}

/// One object's outcome of an executed restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreItemOutcome {
    pub source_version_id: PolicyVersionId,
    pub object_type: String,
    pub display_name: String,
    pub outcome: ItemOutcomeKind,
    /// The target's object written (for a create: the id Graph gave it).
    pub target_external_id: Option<String>,
    /// The version kept of the object as it was before it was overwritten.
    pub pre_image_version_id: Option<PolicyVersionId>,
    /// Why it failed, or why it was skipped, in words.
    pub message: Option<String>,
    pub reason: Option<ReasonCode>,
}
