use atlas_domain::{Capability, Tenant, TenantId, WorkspaceId};
use atlas_store::tenants;

use crate::{access, Actor, Api, ApiError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListTenantsRequest {
    pub workspace_id: WorkspaceId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GetTenantRequest {
    pub tenant_id: TenantId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantRequest {
    pub tenant_id: TenantId,
}

impl Api {
    /// The tenants of a workspace the actor may see, by name.
    pub async fn list_tenants(
        &self,
        actor: &Actor,
        request: ListTenantsRequest,
    ) -> Result<Vec<Tenant>, ApiError> {
        let mut db = self.store.conn().await?;
        access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::TenantView,
            "view tenants",
        )
        .await?;
        Ok(tenants::list_visible(&mut db, request.workspace_id, actor.user_id()).await?)
    }

    /// One tenant the actor is entitled to.
    pub async fn get_tenant(
        &self,
        actor: &Actor,
        request: GetTenantRequest,
    ) -> Result<Tenant, ApiError> {
        self.authorized_tenant(
            actor,
            request.tenant_id,
            Capability::TenantView,
            "view this tenant",
        )
        .await
    }
}
