//! Policy versions (SPEC §5): immutable captures of a policy's full content with assignments,
//! written only when the normalised content changed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{codes::code_enum, PolicyVersionId, RunId, TenantId, Timestamp, WorkspaceId};

code_enum! {
    /// Why a version was captured.
    pub enum VersionPurpose as "version_purpose" {
        Backup => "backup",
        BaselineEvidence => "baseline_evidence",
        /// The object as it was right before a restore overwrote it.
        RestorePreimage => "restore_preimage",
        /// Read from another tool's backup (IntuneCD, IntuneManagement).
        Import => "import",
    }
}

/// A version without its content: what version history lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyVersionSummary {
    pub id: PolicyVersionId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    /// The object catalog's type key.
    pub object_type: String,
    /// The object's id in Microsoft Graph.
    pub external_id: String,
    pub display_name: String,
    /// 1, 2, … per object, in capture order.
    pub version_number: i32,
    /// SHA-256 (hex) of the normalised content.
    pub content_hash: String,
    pub captured_at: Timestamp,
    /// The run that captured it.
    pub run_id: Option<RunId>,
    pub purpose: VersionPurpose,
}

/// A version with its content: the object as read, secrets already replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PolicyVersion {
    #[serde(flatten)]
    pub summary: PolicyVersionSummary,
    pub content: serde_json::Value,
}
