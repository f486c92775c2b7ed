//! A tenant's cached directory data: groups, directory roles, and the RBAC hardening report.

use atlas_domain::{
    DirectoryGroup, DirectoryRoleAssignment, DirectoryRoleDefinition, Page, RbacHardeningReport,
    ReportType, RunId, TenantId, Timestamp,
};
use atlas_store::{directory_roles, groups, reports};

use crate::{types::TenantRequest, Actor, Api, ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListGroupsRequest {
    pub tenant_id: TenantId,
    #[ts(optional)]
    pub search: Option<String>,
    pub offset: i64,
    pub limit: i64,
}

/// A tenant's directory roles as last synced: definitions with their holders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DirectoryRolesResponse {
    pub definitions: Vec<DirectoryRoleDefinition>,
    pub assignments: Vec<DirectoryRoleAssignment>,
}

/// The newest RBAC hardening report of a tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RbacReportResponse {
    pub created_at: Timestamp,
    pub run_id: Option<RunId>,
    pub report: RbacHardeningReport,
}

impl Api {
    pub async fn list_groups(
        &self,
        actor: &Actor,
        request: ListGroupsRequest,
    ) -> Result<Page<DirectoryGroup>, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        if !(1..=500).contains(&request.limit) || request.offset < 0 {
            return Err(ApiError::invalid(
                "A page holds 1 to 500 groups from an offset of 0 or more.",
            ));
        }
        Ok(groups::list(
            &mut db,
            request.tenant_id,
            request.search.as_deref(),
            request.offset,
            request.limit,
        )
        .await?)
    }

    pub async fn list_directory_roles(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<DirectoryRolesResponse, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        Ok(DirectoryRolesResponse {
            definitions: directory_roles::list_definitions(&mut db, request.tenant_id).await?,
            assignments: directory_roles::list_assignments(&mut db, request.tenant_id).await?,
        })
    }

    /// The newest RBAC hardening report, or `None` before the first role sync.
    pub async fn rbac_report(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<Option<RbacReportResponse>, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        let Some(stored) =
            reports::latest(&mut db, request.tenant_id, ReportType::RbacHardening).await?
        else {
            return Ok(None);
        };
        let report: RbacHardeningReport = serde_json::from_value(stored.payload).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("The stored RBAC report cannot be read ({e}); run a role sync again."),
            )
        })?;
        Ok(Some(RbacReportResponse {
            created_at: stored.created_at,
            run_id: stored.run_id,
            report,
        }))
    }
}
