use atlas_domain::{
    audit::actions, text::entered, AuditActor, AuditEntry, Capability, Membership, Role, Tenant,
    Timestamp, User, Workspace, WorkspaceId,
};
use atlas_store::{audit, memberships, workspaces};

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
pub struct CreateWorkspaceRequest {
    /// The MSP's name for it, e.g. "Northwind IT — managed customers" (1–100 characters).
    pub name: String,
}

/// Longest workspace name.
pub const WORKSPACE_NAME_MAX: usize = 100;

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

/// A short, readable, unique slug: the name's ASCII letters and digits, then part of the id.
fn slug(name: &str, id: WorkspaceId) -> String {
    let mut words = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        match c.is_ascii_alphanumeric() {
            true => words.push(c),
            false if !words.ends_with('-') && !words.is_empty() => words.push('-'),
            false => {}
        }
    }
    let words: String = words.trim_end_matches('-').chars().take(40).collect();
    // The id's random tail: its head is a timestamp, the same for two quick creations.
    let id = id.to_string();
    let tail = &id[id.len() - 8..];
    match words.is_empty() {
        true => format!("workspace-{tail}"),
        false => format!("{}-{tail}", words.trim_end_matches('-')),
    }
}

impl Api {
    /// Creates a workspace for the MSP's own customers, the actor as its owner (audited).
    pub async fn create_workspace(
        &self,
        actor: &Actor,
        request: CreateWorkspaceRequest,
    ) -> Result<WorkspaceSummary, ApiError> {
        let name = entered("name", &request.name, WORKSPACE_NAME_MAX, true)
            .map_err(|e| ApiError::invalid(e.to_string()))?;
        let now = Timestamp::now();
        let id = WorkspaceId::new();
        let workspace = Workspace {
            id,
            slug: slug(&name, id),
            name,
            created_at: now,
            updated_at: now,
        };
        let membership = Membership {
            workspace_id: id,
            user_id: actor.user_id(),
            role: Role::Owner,
            all_tenants: true,
        };
        let mut tx = self.store.begin().await?;
        workspaces::insert(&mut tx, &workspace).await?;
        memberships::insert(&mut tx, &membership, now).await?;
        let entry = AuditEntry {
            id: uuid::Uuid::now_v7(),
            workspace_id: Some(id),
            tenant_id: None,
            actor: AuditActor::User {
                user_id: actor.user_id(),
            },
            action: actions::WORKSPACE_CREATED.into(),
            target_type: "workspace".into(),
            target_id: Some(id.to_string()),
            summary: format!("Created workspace {}", workspace.name),
            metadata: serde_json::json!({}),
            created_at: now,
        };
        audit::insert(&mut tx, &entry).await?;
        tx.commit().await?;
        tracing::info!(workspace = %id, "workspace created");
        Ok(summary(workspace, membership))
    }

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
