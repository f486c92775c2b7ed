//! A tenant's cached directory data: groups, directory roles, and the RBAC hardening report.

use atlas_domain::{DirectoryGroup, Page, RbacHardeningReport, ReportType};
use atlas_store::{directory_roles, groups, reports};

use crate::{
    types::{DirectoryRolesResponse, ListGroupsRequest, RbacReportResponse, TenantRequest},
    Actor, Api, ApiError, ErrorCode,
};

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
