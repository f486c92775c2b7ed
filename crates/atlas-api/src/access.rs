//! Access checks, in one place. Order matters: visibility first (not found), then capability
//! (forbidden), so a refusal never reveals that a hidden record exists.

use atlas_domain::{Capability, Membership, Tenant, TenantId, WorkspaceId};
use atlas_store::{memberships, tenants, Db};

use crate::{Actor, ApiError};

/// The actor's membership of the workspace, if they may use `capability` there.
pub(crate) async fn workspace(
    db: &mut impl Db,
    actor: &Actor,
    workspace: WorkspaceId,
    capability: Capability,
    action: &str,
) -> Result<Membership, ApiError> {
    let membership = memberships::get(db, workspace, actor.user_id())
        .await?
        .ok_or_else(|| ApiError::not_found("Workspace"))?;
    if !membership.role.grants(capability) {
        return Err(ApiError::forbidden(action));
    }
    Ok(membership)
}

/// The tenant, if the actor is entitled to see it and may use `capability` on it.
pub(crate) async fn tenant(
    db: &mut impl Db,
    actor: &Actor,
    tenant_id: TenantId,
    capability: Capability,
    action: &str,
) -> Result<Tenant, ApiError> {
    let not_found = || ApiError::not_found("Tenant");
    let tenant = tenants::get(db, tenant_id).await?.ok_or_else(not_found)?;
    if !memberships::is_entitled(db, actor.user_id(), tenant_id).await? {
        return Err(not_found());
    }
    let membership = memberships::get(db, tenant.workspace_id, actor.user_id())
        .await?
        .ok_or_else(not_found)?;
    if !membership.role.grants(capability) {
        return Err(ApiError::forbidden(action));
    }
    Ok(tenant)
}

/// The tenants of the workspace the actor may see, if they may use `capability` there: `None`
/// when they see every tenant, otherwise the ones they are entitled to.
pub(crate) async fn visible_tenants(
    db: &mut impl Db,
    actor: &Actor,
    workspace_id: WorkspaceId,
    capability: Capability,
    action: &str,
) -> Result<Option<Vec<TenantId>>, ApiError> {
    let membership = workspace(db, actor, workspace_id, capability, action).await?;
    if membership.all_tenants {
        return Ok(None);
    }
    let visible = tenants::list_visible(db, workspace_id, actor.user_id()).await?;
    Ok(Some(visible.into_iter().map(|t| t.id).collect()))
}

impl crate::Api {
    /// The tenants whose operations the actor may see (see [`visible_tenants`]).
    pub(crate) async fn visible_operations(
        &self,
        db: &mut impl Db,
        actor: &Actor,
        workspace_id: WorkspaceId,
    ) -> Result<Option<Vec<TenantId>>, ApiError> {
        visible_tenants(
            db,
            actor,
            workspace_id,
            Capability::OperationsView,
            "view operations",
        )
        .await
    }

    /// [`Api::authorized_tenant`] for a record of that tenant (a pack, a snapshot, a review): a
    /// tenant the actor may not see makes the record itself "not found", never "forbidden".
    pub(crate) async fn authorized_record_tenant(
        &self,
        actor: &Actor,
        tenant_id: TenantId,
        capability: Capability,
        action: &str,
        record: &str,
    ) -> Result<Tenant, ApiError> {
        self.authorized_tenant(actor, tenant_id, capability, action)
            .await
            .map_err(|e| match e.code {
                crate::ErrorCode::NotFound => ApiError::not_found(record),
                _ => e,
            })
    }

    /// [`tenant`] on a connection of its own: for commands that check access, then work.
    pub(crate) async fn authorized_tenant(
        &self,
        actor: &Actor,
        tenant_id: TenantId,
        capability: Capability,
        action: &str,
    ) -> Result<Tenant, ApiError> {
        let mut db = self.store.conn().await?;
        tenant(&mut db, actor, tenant_id, capability, action).await
    }
}

#[cfg(test)]
mod tests {
    use atlas_domain::{Role, Timestamp};
    use atlas_store::users;

    use super::*;
    use crate::{ErrorCode, Runtime, RuntimeOptions};

    /// Every current command needs `tenant.view`, which every role has; the forbidden branch is
    /// checked here with capabilities a read-only member lacks.
    #[tokio::test]
    async fn visible_records_without_the_capability_are_forbidden() {
        let dir = tempfile::tempdir().unwrap();
        let options = RuntimeOptions {
            data_dir: Some(dir.path().into()),
            ..Default::default()
        };
        let rt = Runtime::open(options).await.unwrap();
        let demo = rt.api.create_demo_workspace(&rt.actor).await.unwrap();
        let ws = demo.workspace.workspace.id;
        let mut db = rt.api.store().conn().await.unwrap();
        let user = users::upsert_by_login(&mut db, "local:ro", "ro", Timestamp::now())
            .await
            .unwrap();
        let m = Membership {
            workspace_id: ws,
            user_id: user.id,
            role: Role::Readonly,
            all_tenants: true,
        };
        atlas_store::memberships::upsert(&mut db, &m, Timestamp::now())
            .await
            .unwrap();
        let ro = Actor { user };

        let err = workspace(&mut db, &ro, ws, Capability::TenantManage, "add tenants")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert_eq!(err.message, "You do not have permission to add tenants.");
        let t = demo.tenants[0].id;
        let err = tenant(&mut db, &ro, t, Capability::TenantSync, "sync")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert!(tenant(&mut db, &ro, t, Capability::TenantView, "view")
            .await
            .is_ok());
        assert!(
            workspace(&mut db, &rt.actor, ws, Capability::WorkspaceManage, "x")
                .await
                .is_ok()
        );
    }
}
