use atlas_domain::{Capability, Membership, Role, Tenant, User, Workspace, WorkspaceId};
use atlas_store::{memberships, workspaces};

use crate::{Actor, Api, ApiError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A workspace as one member sees it: with their role and what it allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceSummary {
    pub workspace: Workspace,
    pub role: Role,
    pub capabilities: Vec<Capability>,
    /// Whether the membership covers every tenant, or only entitled ones.
    pub all_tenants: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreateDemoWorkspaceResponse {
    pub workspace: WorkspaceSummary,
    /// False when the demo workspace already existed and was returned as it is.
    pub created: bool,
    pub tenants: Vec<Tenant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceRequest {
    pub workspace_id: WorkspaceId,
}

/// A member of a workspace, for filters and the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceMember {
    pub user: User,
    pub role: Role,
    pub all_tenants: bool,
}

pub(crate) fn summary(workspace: Workspace, membership: Membership) -> WorkspaceSummary {
    WorkspaceSummary {
        workspace,
        role: membership.role,
        capabilities: membership.role.capabilities().to_vec(),
        all_tenants: membership.all_tenants,
    }
}

impl Api {
    /// The workspaces the actor is a member of, by name.
    pub async fn list_workspaces(&self, actor: &Actor) -> Result<Vec<WorkspaceSummary>, ApiError> {
        let mut db = self.store.conn().await?;
        let rows = workspaces::list_for_user(&mut db, actor.user_id()).await?;
        Ok(rows.into_iter().map(|(w, m)| summary(w, m)).collect())
    }

    /// The members of a workspace the actor belongs to, by name.
    pub async fn list_members(
        &self,
        actor: &Actor,
        request: crate::types::WorkspaceRequest,
    ) -> Result<Vec<crate::types::WorkspaceMember>, ApiError> {
        let mut db = self.store.conn().await?;
        crate::access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            atlas_domain::Capability::TenantView,
            "view this workspace's members",
        )
        .await?;
        Ok(memberships::list_members(&mut db, request.workspace_id)
            .await?
            .into_iter()
            .map(|(user, m)| crate::types::WorkspaceMember {
                user,
                role: m.role,
                all_tenants: m.all_tenants,
            })
            .collect())
    }
}

impl Api {
    /// Creates the demo workspace — the actor as owner, three fictional customer tenants served
    /// by the in-process simulated cloud — or returns it unchanged when it already exists.
    pub async fn create_demo_workspace(
        &self,
        actor: &Actor,
    ) -> Result<CreateDemoWorkspaceResponse, ApiError> {
        #[cfg(feature = "demo")]
        return self.create_or_return_demo(actor).await;
        #[cfg(not(feature = "demo"))]
        {
            let _ = actor;
            Err(ApiError::new(
                crate::ErrorCode::Unavailable,
                "This build of TenantAtlas includes no demo: the simulated cloud was left out.",
            ))
        }
    }
}
