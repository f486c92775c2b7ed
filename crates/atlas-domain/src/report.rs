//! Stored reports (SPEC §5): typed, timestamped payloads per tenant, read by reviews and packs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{codes::code_enum, ReportId, RunId, TenantId, Timestamp, WorkspaceId};

code_enum! {
    /// What a stored report's payload is.
    pub enum ReportType as "report_type" {
        /// An [`crate::RbacHardeningReport`].
        RbacHardening => "rbac_hardening",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct StoredReport {
    pub id: ReportId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    pub report_type: ReportType,
    pub created_at: Timestamp,
    /// The run that produced it.
    pub run_id: Option<RunId>,
    /// The report itself; its shape follows `report_type`.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub payload: serde_json::Value,
}
