//! Baselines (SPEC §6): workspace-owned profiles that say what "good" looks like, captured as
//! snapshots from a source tenant. The rules here are pure: which status changes a profile may
//! make, when a snapshot counts as captured (its completion proof) and which snapshot a compare
//! may use (the one "consumable" helper every surface asks).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, BaselineProfileId, BaselineSnapshotId, DomainError, RunId, TenantId,
    Timestamp, WorkspaceId,
};

code_enum! {
    /// Where a profile is in its life. Only active profiles capture and compare.
    pub enum BaselineStatus as "baseline_status" {
        Draft => "draft",
        Active => "active",
        /// Kept for history; never captures or compares again.
        Archived => "archived",
    }
}

code_enum! {
    /// What a capture records of each policy.
    pub enum CaptureMode as "capture_mode" {
        /// The inventory's metadata hash of each object (no Graph reads at capture).
        Meta => "meta",
        /// Each policy's normalised full content, read fresh through Graph.
        FullContent => "full_content",
    }
}

code_enum! {
    /// A snapshot's own lifecycle (artifact truth, separate from its run's).
    pub enum SnapshotState as "snapshot_state" {
        /// Created before any item is written; items are being added.
        Building => "building",
        /// The completion proof passed; final.
        Complete => "complete",
        /// The capture failed after the snapshot existed; final, never consumable.
        Incomplete => "incomplete",
    }
}

impl BaselineStatus {
    /// The status changes an operator may make: draft → active → archived (a draft may also be
    /// archived unused). Archived is final.
    pub fn can_become(self, next: BaselineStatus) -> bool {
        use BaselineStatus::*;
        matches!(
            (self, next),
            (Draft, Active) | (Draft, Archived) | (Active, Archived)
        )
    }
}

/// The longest profile name accepted.
pub const MAX_PROFILE_NAME: usize = 120;
/// The longest profile description accepted.
pub const MAX_PROFILE_DESCRIPTION: usize = 2_000;

/// A baseline profile (SPEC §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct BaselineProfile {
    pub id: BaselineProfileId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub description: String,
    pub status: BaselineStatus,
    pub capture_mode: CaptureMode,
    /// Catalog policy type keys the profile covers; empty means every policy type.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub scope: Vec<String>,
    /// The tenant captures read from, once chosen.
    pub source_tenant_id: Option<TenantId>,
    /// The effective snapshot: the latest complete one. Only ever set to a complete snapshot.
    pub current_snapshot_id: Option<BaselineSnapshotId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl BaselineProfile {
    /// A name as entered: trimmed, non-empty, not too long.
    pub fn checked_name(name: &str) -> Result<String, DomainError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::Empty {
                field: "profile name",
            });
        }
        let len = name.chars().count();
        if len > MAX_PROFILE_NAME {
            return Err(DomainError::TooLong {
                field: "profile name",
                len,
                max: MAX_PROFILE_NAME,
            });
        }
        Ok(name.to_owned())
    }

    /// A description as entered: trimmed, not too long (empty is fine).
    pub fn checked_description(description: &str) -> Result<String, DomainError> {
        let description = description.trim();
        let len = description.chars().count();
        if len > MAX_PROFILE_DESCRIPTION {
            return Err(DomainError::TooLong {
                field: "profile description",
                len,
                max: MAX_PROFILE_DESCRIPTION,
            });
        }
        Ok(description.to_owned())
    }
}

/// What a finished capture proved about itself (SPEC §6.2), recorded with the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompletionProof {
    /// De-duplicated items the capture meant to write.
    pub expected_items: i64,
    /// Items actually stored for the snapshot.
    pub persisted_items: i64,
    /// The capture found nothing in scope, and said so deliberately.
    pub was_empty_capture: bool,
}

impl CompletionProof {
    /// The proof passes only when every expected item is stored and nothing failed on the way.
    pub fn passes(&self, assembly_error: bool) -> bool {
        !assembly_error
            && self.expected_items == self.persisted_items
            && (self.persisted_items > 0 || self.was_empty_capture)
    }
}

/// One capture of a profile's source tenant (SPEC §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineSnapshot {
    pub id: BaselineSnapshotId,
    pub workspace_id: WorkspaceId,
    pub profile_id: BaselineProfileId,
    pub source_tenant_id: TenantId,
    pub capture_mode: CaptureMode,
    pub state: SnapshotState,
    /// What makes two captures the same: a complete snapshot with the same identity is reused.
    pub identity_hash: String,
    /// The run that produced it.
    pub producer_run_id: Option<RunId>,
    /// Recorded when the snapshot became complete.
    pub proof: Option<CompletionProof>,
    /// Why it is incomplete (a reason code of the catalog).
    pub failure_reason: Option<String>,
    pub failed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
}

/// What a snapshot recorded of one subject (a policy of the source tenant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct SnapshotItem {
    /// What kind of subject (`policy` today).
    pub subject_type: String,
    /// How subjects match across tenants: policy type and normalised display name.
    pub subject_key: String,
    /// The catalog type key.
    pub policy_type: String,
    /// The inventory hash (`meta`) or the normalised content hash (`full_content`).
    pub baseline_hash: String,
    /// Small facts for display: display name, platform, settings count.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub meta: serde_json::Value,
    /// The normalised content without secrets (`full_content` captures only).
    #[cfg_attr(feature = "sqlx", sqlx(json(nullable)))]
    pub content: Option<serde_json::Value>,
}

/// The one helper that decides whether a snapshot may be compared against (SPEC §6.3).
pub fn is_consumable(snapshot: &BaselineSnapshot) -> bool {
    snapshot.state == SnapshotState::Complete
}

/// How a snapshot reads next to its profile: a complete snapshot that is no longer the
/// profile's current one is superseded (derived for display, never stored).
pub fn is_superseded(snapshot: &BaselineSnapshot, profile: &BaselineProfile) -> bool {
    is_consumable(snapshot) && profile.current_snapshot_id != Some(snapshot.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_move_forward_only() {
        use BaselineStatus::*;
        assert!(Draft.can_become(Active));
        assert!(Active.can_become(Archived));
        assert!(Draft.can_become(Archived));
        for status in BaselineStatus::ALL {
            assert!(!Archived.can_become(*status), "archived is final");
            assert!(
                !status.can_become(*status),
                "{status} to itself is no change"
            );
        }
        assert!(!Active.can_become(Draft));
    }

    #[test]
    fn the_completion_proof_needs_every_item_and_no_error() {
        let proof = |expected, persisted, empty| CompletionProof {
            expected_items: expected,
            persisted_items: persisted,
            was_empty_capture: empty,
        };
        assert!(proof(12, 12, false).passes(false));
        assert!(!proof(12, 11, false).passes(false), "an item is missing");
        assert!(
            !proof(12, 12, false).passes(true),
            "an assembly error remains"
        );
        assert!(
            !proof(0, 0, false).passes(false),
            "nothing stored is not proof"
        );
        assert!(
            proof(0, 0, true).passes(false),
            "a deliberately empty capture"
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            BaselineProfile::checked_name("  Windows baseline ").unwrap(),
            "Windows baseline"
        );
        assert!(BaselineProfile::checked_name("   ").is_err());
        let long = "x".repeat(MAX_PROFILE_NAME + 1);
        assert!(BaselineProfile::checked_name(&long)
            .unwrap_err()
            .to_string()
            .contains("too long"));
    }
}
