//! Who belongs to a workspace and what they may do: the Members page and `atlas member`.
//! Viewing needs membership; every change needs `workspace.manage` (owners), is audited, and
//! reaches other workstations through the change feed. A workspace always keeps an owner.

use atlas_domain::{
    text::entered, AuditActor, AuditEntry, Capability, Membership, Role, TenantId, Timestamp, User,
    UserId, WorkspaceId,
};
use atlas_store::{audit, memberships, tenants, users, workspaces, Backend, Db, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::workspaces::{summary, WorkspaceSummary, WORKSPACE_NAME_MAX};
use crate::{access, Actor, Api, ApiError};

/// Audit actions of this area.
pub mod actions {
    pub const MEMBER_ADDED: &str = "member.added";
    pub const MEMBER_ROLE_CHANGED: &str = "member.role_changed";
    pub const MEMBER_TENANTS_CHANGED: &str = "member.tenants_changed";
    pub const MEMBER_REMOVED: &str = "member.removed";
    pub const WORKSPACE_RENAMED: &str = "workspace.renamed";
}

/// One member as the Members page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberView {
    pub user: User,
    pub role: Role,
    pub all_tenants: bool,
    /// The tenants they are entitled to when not all.
    pub tenant_ids: Vec<TenantId>,
    /// Their newest audited action in this workspace.
    pub last_activity_at: Option<Timestamp>,
    /// This is the current operator.
    pub is_you: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberDirectory {
    pub members: Vec<MemberView>,
    /// The current operator may change memberships (an owner).
    pub may_manage: bool,
    /// Team mode (a shared PostgreSQL): members sign in as their own database role. Solo mode
    /// has one operator, so nobody can be added.
    pub team_mode: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddMemberRequest {
    pub workspace_id: WorkspaceId,
    /// Their sign-in name: the PostgreSQL role they connect as.
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetMemberRoleRequest {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetMemberTenantsRequest {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    /// Every tenant, present and future; otherwise only `tenant_ids`.
    pub all_tenants: bool,
    pub tenant_ids: Vec<TenantId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberRequest {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenameWorkspaceRequest {
    pub workspace_id: WorkspaceId,
    pub name: String,
}

/// The login a member's sign-in name stands for in this mode.
pub fn login_for(backend: Backend, name: &str) -> String {
    match backend {
        Backend::Postgres => format!("pg:{name}"),
        Backend::Sqlite => format!("local:{name}"),
    }
}

impl Api {
    /// The workspace's members with their roles, tenants and last activity.
    pub async fn member_directory(
        &self,
        actor: &Actor,
        request: super::workspaces::WorkspaceRequest,
    ) -> Result<MemberDirectory, ApiError> {
        let mut db = self.store.conn().await?;
        let mine = access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::TenantView,
            "see the members",
        )
        .await?;
        let listed = memberships::list_members(&mut db, request.workspace_id).await?;
        let entitled = memberships::entitlements(&mut db, request.workspace_id).await?;
        let activity = memberships::last_activity(&mut db, request.workspace_id).await?;
        let members = listed
            .into_iter()
            .map(|(user, membership)| MemberView {
                tenant_ids: entitled
                    .iter()
                    .filter(|(u, _)| *u == user.id)
                    .map(|(_, t)| *t)
                    .collect(),
                last_activity_at: activity
                    .iter()
                    .find(|(u, _)| *u == user.id)
                    .map(|(_, at)| *at),
                is_you: user.id == actor.user_id(),
                role: membership.role,
                all_tenants: membership.all_tenants,
                user,
            })
            .collect();
        Ok(MemberDirectory {
            members,
            may_manage: mine.role.grants(Capability::WorkspaceManage),
            team_mode: self.store.backend() == Backend::Postgres,
        })
    }

    /// Makes an operator who has signed in before (or was registered with `atlas member add`)
    /// a member. In team mode only: solo mode has one operator.
    pub async fn add_member(
        &self,
        actor: &Actor,
        request: AddMemberRequest,
    ) -> Result<MemberView, ApiError> {
        let name = request.name.trim();
        let mut tx = self.store.begin().await?;
        self.may_manage(&mut tx, actor, request.workspace_id)
            .await?;
        if self.store.backend() != Backend::Postgres {
            return Err(ApiError::invalid(
                "solo mode has one operator; members are added in team mode (a shared \
                 PostgreSQL database)",
            ));
        }
        let login = login_for(self.store.backend(), name);
        let user = users::find_to_add(&mut tx, &login).await?.ok_or_else(|| {
            ApiError::invalid(format!(
                "nobody signs in as {name:?} yet: the database administrator creates the role \
                 with `atlas member add {name} --workspace …`, or the operator opens \
                 TenantAtlas once with it"
            ))
        })?;
        if memberships::get(&mut tx, request.workspace_id, user.id)
            .await?
            .is_some()
        {
            return Err(ApiError::conflict(format!("{name} is already a member")));
        }
        let now = Timestamp::now();
        let membership = Membership {
            workspace_id: request.workspace_id,
            user_id: user.id,
            role: request.role,
            all_tenants: true,
        };
        memberships::upsert(&mut tx, &membership, now).await?;
        record(
            &mut tx,
            actor,
            request.workspace_id,
            actions::MEMBER_ADDED,
            format!("Added {} as {}", user.display_name, request.role),
            serde_json::json!({ "user_id": user.id, "role": request.role }),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(MemberView {
            user,
            role: request.role,
            all_tenants: true,
            tenant_ids: Vec::new(),
            last_activity_at: None,
            is_you: false,
        })
    }

    /// Changes a member's role; the last owner keeps theirs.
    pub async fn set_member_role(
        &self,
        actor: &Actor,
        request: SetMemberRoleRequest,
    ) -> Result<MemberDirectory, ApiError> {
        let mut tx = self.store.begin().await?;
        self.may_manage(&mut tx, actor, request.workspace_id)
            .await?;
        let (user, mut membership) = member(&mut tx, request.workspace_id, request.user_id).await?;
        if membership.role == request.role {
            drop(tx);
            return self.member_directory(actor, ws(request.workspace_id)).await;
        }
        if membership.role == Role::Owner
            && memberships::count_owners(&mut tx, request.workspace_id).await? <= 1
        {
            return Err(ApiError::conflict(
                "a workspace keeps at least one owner: make someone else owner first",
            ));
        }
        let before = membership.role;
        membership.role = request.role;
        let now = Timestamp::now();
        memberships::upsert(&mut tx, &membership, now).await?;
        record(
            &mut tx,
            actor,
            request.workspace_id,
            actions::MEMBER_ROLE_CHANGED,
            format!(
                "Changed {}'s role from {before} to {}",
                user.display_name, request.role
            ),
            serde_json::json!({ "user_id": user.id, "from": before, "to": request.role }),
            now,
        )
        .await?;
        tx.commit().await?;
        self.member_directory(actor, ws(request.workspace_id)).await
    }

    /// Entitles a member to every tenant or to the chosen ones (of this workspace).
    pub async fn set_member_tenants(
        &self,
        actor: &Actor,
        request: SetMemberTenantsRequest,
    ) -> Result<MemberDirectory, ApiError> {
        let mut tx = self.store.begin().await?;
        self.may_manage(&mut tx, actor, request.workspace_id)
            .await?;
        let (user, mut membership) = member(&mut tx, request.workspace_id, request.user_id).await?;
        let mut chosen = request.tenant_ids.clone();
        chosen.sort();
        chosen.dedup();
        if !request.all_tenants {
            for tenant in &chosen {
                let found = tenants::get(&mut tx, *tenant).await?;
                if found.is_none_or(|t| t.workspace_id != request.workspace_id) {
                    return Err(ApiError::invalid(format!(
                        "tenant {tenant} is not a tenant of this workspace"
                    )));
                }
            }
        }
        let now = Timestamp::now();
        membership.all_tenants = request.all_tenants;
        memberships::upsert(&mut tx, &membership, now).await?;
        let entitled = if request.all_tenants {
            &[][..]
        } else {
            &chosen[..]
        };
        memberships::set_tenants(&mut tx, request.workspace_id, user.id, entitled, now).await?;
        let summary = match request.all_tenants {
            true => format!("{} now sees every tenant", user.display_name),
            false => format!(
                "{} now sees {} chosen tenant(s)",
                user.display_name,
                chosen.len()
            ),
        };
        record(
            &mut tx,
            actor,
            request.workspace_id,
            actions::MEMBER_TENANTS_CHANGED,
            summary,
            serde_json::json!({ "user_id": user.id, "all_tenants": request.all_tenants, "tenant_ids": entitled }),
            now,
        )
        .await?;
        tx.commit().await?;
        self.member_directory(actor, ws(request.workspace_id)).await
    }

    /// Ends a membership; the last owner cannot be removed. Their past work stays attributed.
    pub async fn remove_member(
        &self,
        actor: &Actor,
        request: MemberRequest,
    ) -> Result<MemberDirectory, ApiError> {
        let mut tx = self.store.begin().await?;
        self.may_manage(&mut tx, actor, request.workspace_id)
            .await?;
        let (user, membership) = member(&mut tx, request.workspace_id, request.user_id).await?;
        if membership.role == Role::Owner
            && memberships::count_owners(&mut tx, request.workspace_id).await? <= 1
        {
            return Err(ApiError::conflict(
                "the last owner cannot be removed: make someone else owner first",
            ));
        }
        memberships::remove(&mut tx, request.workspace_id, user.id).await?;
        let now = Timestamp::now();
        record(
            &mut tx,
            actor,
            request.workspace_id,
            actions::MEMBER_REMOVED,
            format!("Removed {} ({})", user.display_name, membership.role),
            serde_json::json!({ "user_id": user.id, "role": membership.role }),
            now,
        )
        .await?;
        tx.commit().await?;
        if user.id == actor.user_id() {
            // They left: the directory is no longer theirs to read.
            return Ok(MemberDirectory {
                members: Vec::new(),
                may_manage: false,
                team_mode: self.store.backend() == Backend::Postgres,
            });
        }
        self.member_directory(actor, ws(request.workspace_id)).await
    }

    /// Renames a workspace (owners; audited).
    pub async fn rename_workspace(
        &self,
        actor: &Actor,
        request: RenameWorkspaceRequest,
    ) -> Result<WorkspaceSummary, ApiError> {
        let name = entered("name", &request.name, WORKSPACE_NAME_MAX, true)
            .map_err(|e| ApiError::invalid(e.to_string()))?;
        let mut tx = self.store.begin().await?;
        let membership = self
            .may_manage(&mut tx, actor, request.workspace_id)
            .await?;
        let before = workspaces::get(&mut tx, request.workspace_id)
            .await?
            .ok_or_else(|| ApiError::not_found("Workspace"))?;
        let now = Timestamp::now();
        workspaces::rename(&mut tx, request.workspace_id, &name, now).await?;
        record(
            &mut tx,
            actor,
            request.workspace_id,
            actions::WORKSPACE_RENAMED,
            format!("Renamed the workspace from {} to {name}", before.name),
            serde_json::json!({ "from": before.name, "to": name }),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(summary(
            atlas_domain::Workspace {
                name,
                updated_at: now,
                ..before
            },
            membership,
        ))
    }

    async fn may_manage(
        &self,
        db: &mut impl Db,
        actor: &Actor,
        workspace: WorkspaceId,
    ) -> Result<Membership, ApiError> {
        access::workspace(
            db,
            actor,
            workspace,
            Capability::WorkspaceManage,
            "manage members",
        )
        .await
    }
}

fn ws(workspace_id: WorkspaceId) -> super::workspaces::WorkspaceRequest {
    super::workspaces::WorkspaceRequest { workspace_id }
}

/// The member and their membership, or not found (worded like any hidden record).
async fn member(
    db: &mut impl Db,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<(User, Membership), ApiError> {
    let membership = memberships::get(db, workspace, user)
        .await?
        .ok_or_else(|| ApiError::not_found("Member"))?;
    let user = users::get(db, user)
        .await?
        .ok_or_else(|| ApiError::not_found("Member"))?;
    Ok((user, membership))
}

async fn record(
    db: &mut impl Db,
    actor: &Actor,
    workspace: WorkspaceId,
    action: &str,
    summary: String,
    metadata: serde_json::Value,
    now: Timestamp,
) -> Result<(), StoreError> {
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(workspace),
        tenant_id: None,
        actor: AuditActor::User {
            user_id: actor.user_id(),
        },
        action: action.into(),
        target_type: "member".into(),
        target_id: metadata
            .get("user_id")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        summary,
        metadata,
        created_at: now,
    };
    audit::insert(db, &entry).await
}
