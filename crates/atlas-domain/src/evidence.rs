//! Evidence snapshots (SPEC §8.1): a tenant's evidence frozen at a moment — configuration by
//! type, open drift by severity, the RBAC hardening report, who holds directory roles, and 30
//! days of operations — each part with the time its data was last synced or produced. A
//! snapshot is written once: complete with its content and hash, or incomplete with a reason.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    baseline::SnapshotState, EvidenceSnapshotId, RbacHardeningReport, ReasonCode, ReportId, RunId,
    Severity, TenantId, Timestamp, WorkspaceId,
};

/// One evidence snapshot; `content` is set exactly when it is complete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvidenceSnapshot {
    pub id: EvidenceSnapshotId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    pub run_id: Option<RunId>,
    pub state: SnapshotState,
    pub content: Option<EvidenceContent>,
    /// SHA-256 of the content's canonical JSON.
    pub content_hash: Option<String>,
    pub failure_reason: Option<ReasonCode>,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
}

/// What a snapshot froze.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvidenceContent {
    pub captured_at: Timestamp,
    /// Present objects per catalog type, most first.
    pub inventory: Vec<EvidenceTypeCount>,
    pub open_findings: BTreeMap<Severity, i64>,
    /// Open high or critical findings first seen more than 14 days before the capture.
    pub long_open_severe_findings: i64,
    pub rbac: Option<EvidenceRbac>,
    pub role_holders: Vec<EvidenceRoleHolder>,
    pub operations: EvidenceOperations,
    /// When each part's data was last synced or produced; none when never.
    pub freshness: BTreeMap<String, Option<Timestamp>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceTypeCount {
    pub object_type: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceRbac {
    pub report_id: ReportId,
    pub produced_at: Timestamp,
    pub report: RbacHardeningReport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceRoleHolder {
    pub role: String,
    pub principal_id: String,
    pub principal_name: Option<String>,
    pub principal_type: Option<crate::PrincipalType>,
    pub scope: String,
}

/// The tenant's runs of the 30 days before the capture (review pack runs left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceOperations {
    pub total: i64,
    pub succeeded: i64,
    pub partially_succeeded: i64,
    pub failed: i64,
    pub blocked: i64,
    pub still_active: i64,
    /// The newest failed runs (at most 20), for the review's operations health.
    pub recent_failures: Vec<EvidenceFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceFailure {
    pub run_id: RunId,
    pub operation: crate::OperationType,
    pub completed_at: Option<Timestamp>,
    pub reason: Option<ReasonCode>,
}

impl EvidenceSnapshot {
    /// Whether a review may be composed from it: complete, with content.
    pub fn is_usable(&self) -> bool {
        self.state == SnapshotState::Complete && self.content.is_some()
    }
}
