//! What each kind of run is started with and what it ends with, as types: inputs are stored as
//! `context.inputs` and handed to the handler, results as `context.result`, and the UI reads
//! both through the generated bindings instead of guessing at JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    baseline::AmbiguousSubject, finding::TypeCoverage, BackupSetId, BackupSetStatus,
    BaselineProfileId, BaselineSnapshotId, CaptureMode, EvidenceSnapshotId, InventorySelection,
    PackStatus, PlanCounts, ReasonCode, ReportId, RestoreId, RestoreStatus, ReviewId, ReviewPackId,
    SnapshotState, VersionPurpose,
};

/// The inputs of an inventory sync, and of a policy sync (which also says why the versions
/// are captured).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SyncInputs {
    /// What to read; the default is everything inventory covers.
    pub selection: InventorySelection,
    /// Policy sync only: why the versions are captured (default: backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub purpose: Option<VersionPurpose>,
}

/// The inputs of a one-object policy capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncOneInputs {
    /// A catalog type key, e.g. `settings_catalog`.
    pub object_type: String,
    /// The object's id in Graph.
    pub external_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub purpose: Option<VersionPurpose>,
}

/// The inputs of a baseline capture: which profile (its source tenant is the run's tenant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaptureInputs {
    pub profile_id: BaselineProfileId,
}

/// The inputs of a baseline compare: the tenant is the run's; the snapshot is the assigned
/// profile's current one unless the operator chose one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CompareInputs {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub snapshot_id: Option<BaselineSnapshotId>,
}

/// How a compare changed the tenant's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct FindingChanges {
    pub opened: i64,
    pub reopened: i64,
    pub resolved: i64,
    /// Still different, status kept (open or acknowledged).
    pub unchanged: i64,
}

/// Inputs of the kinds that take none (group and role syncs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct NoInputs {}

/// How completely one object type was read by a sync — so a partial result is never mistaken
/// for a complete one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TypeCompleteness {
    /// Objects the listing named.
    pub listed: u64,
    /// Objects read (for a listing-only sync: the same as listed, when complete).
    pub read: u64,
    pub failed: u64,
    pub pages: u32,
    /// The listing was read to the end and every object was read.
    pub complete: bool,
    /// Why the listing broke off, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<ReasonCode>,
}

/// Per catalog type key, how completely it was read.
pub type TypesRead = BTreeMap<String, TypeCompleteness>;

/// What a run ended with, per kind of work (stored under `context.result`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunResult {
    InventorySync {
        selection: InventorySelection,
        types: TypesRead,
    },
    PolicySync {
        selection: InventorySelection,
        purpose: VersionPurpose,
        types: TypesRead,
    },
    PolicySyncOne {
        object_type: String,
        external_id: String,
        /// False when the object was unchanged since its newest version.
        captured: bool,
    },
    GroupSync {
        types: TypesRead,
    },
    RoleSync {
        types: TypesRead,
        /// The RBAC hardening report written, or none when the roles could not be read whole
        /// (the last report is kept rather than a half-read one).
        report_id: Option<ReportId>,
    },
    BaselineCapture {
        profile_id: BaselineProfileId,
        capture_mode: CaptureMode,
        /// The snapshot written or reused; none when the capture stopped before one existed.
        snapshot_id: Option<BaselineSnapshotId>,
        /// That snapshot's own state (artifact truth, beside the run's outcome).
        snapshot_state: Option<SnapshotState>,
        /// An identical complete snapshot existed and was reused instead of a new capture.
        reused: bool,
        items: i64,
        /// Subjects left out because several source objects share their name.
        ambiguous: Vec<AmbiguousSubject>,
        /// Full-content captures: how completely each type was read.
        types: TypesRead,
    },
    BaselineCompare {
        profile_id: BaselineProfileId,
        snapshot_id: BaselineSnapshotId,
        matched: i64,
        missing: i64,
        unexpected: i64,
        drifted: i64,
        ambiguous: Vec<AmbiguousSubject>,
        coverage: BTreeMap<String, TypeCoverage>,
        findings: FindingChanges,
        /// Full-content compares: how completely the tenant's content was read first.
        types: TypesRead,
    },
    EvidenceSnapshot {
        snapshot_id: EvidenceSnapshotId,
        /// The snapshot's own state when the run ended.
        state: SnapshotState,
    },
    ReviewCompose {
        review_id: ReviewId,
        evidence_snapshot_id: EvidenceSnapshotId,
    },
    ReviewPack {
        pack_id: ReviewPackId,
        /// The pack's own status when the run ended (artifact truth, beside the run's outcome).
        pack_status: PackStatus,
        files: i64,
        file_size: Option<i64>,
    },
    Backup {
        /// The set written; none when the run stopped before it began one.
        backup_set_id: Option<BackupSetId>,
        /// The set's own status when the run ended.
        set_status: BackupSetStatus,
        types: TypesRead,
        /// Older sets of the tenant its retention pruned.
        pruned_sets: i64,
    },
    Restore {
        restore_id: RestoreId,
        /// The read-only preview (true), or the execution of its plan.
        dry_run: bool,
        /// The restore's own status when the run ended.
        restore_status: RestoreStatus,
        counts: PlanCounts,
    },
}

impl RunResult {
    /// The per-type completeness, for the kinds that read catalog types.
    pub fn types(&self) -> Option<&TypesRead> {
        match self {
            RunResult::InventorySync { types, .. }
            | RunResult::PolicySync { types, .. }
            | RunResult::GroupSync { types }
            | RunResult::RoleSync { types, .. }
            | RunResult::BaselineCapture { types, .. }
            | RunResult::BaselineCompare { types, .. }
            | RunResult::Backup { types, .. } => Some(types),
            RunResult::PolicySyncOne { .. }
            | RunResult::Restore { .. }
            | RunResult::EvidenceSnapshot { .. }
            | RunResult::ReviewCompose { .. }
            | RunResult::ReviewPack { .. } => None,
        }
    }

    /// The typed result in a run's context, if it has one of this shape. Results stored before
    /// results were typed read as `None`, never as a guess.
    pub fn from_context(context: &serde_json::Value) -> Option<Self> {
        serde_json::from_value(context.get("result")?.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_round_trip_through_the_run_context() {
        let result = RunResult::RoleSync {
            types: BTreeMap::from([(
                "directory_role_definition".to_owned(),
                TypeCompleteness {
                    listed: 3,
                    read: 3,
                    failed: 0,
                    pages: 1,
                    complete: true,
                    error: None,
                },
            )]),
            report_id: None,
        };
        let context = serde_json::json!({ "inputs": {}, "result": result });
        assert_eq!(context["result"]["kind"], "role_sync");
        assert_eq!(RunResult::from_context(&context), Some(result));
        assert_eq!(
            RunResult::from_context(&serde_json::json!({ "result": { "types": {} } })),
            None
        );
    }

    #[test]
    fn sync_inputs_default_to_the_full_inventory() {
        let inputs: SyncInputs = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(inputs, SyncInputs::default());
        assert!(serde_json::from_value::<SyncOneInputs>(serde_json::json!({})).is_err());
    }
}
