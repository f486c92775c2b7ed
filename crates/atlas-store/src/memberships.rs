//! Workspace memberships and per-tenant entitlements.

use atlas_domain::{Membership, TenantId, Timestamp, UserId, WorkspaceId};

use crate::{sql::on_db, Db, StoreError};

/// Creates the membership or changes its role and tenant coverage.
pub async fn upsert(db: &mut impl Db, m: &Membership, now: Timestamp) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO workspace_memberships \
                       (workspace_id, user_id, role, all_tenants, created_at) \
                       VALUES ($1, $2, $3, $4, $5) \
                       ON CONFLICT (workspace_id, user_id) DO UPDATE \
                       SET role = excluded.role, all_tenants = excluded.all_tenants";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(m.workspace_id)
        .bind(m.user_id)
        .bind(m.role)
        .bind(m.all_tenants)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(
    db: &mut impl Db,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Option<Membership>, StoreError> {
    const SQL: &str = "SELECT workspace_id, user_id, role, all_tenants \
                       FROM workspace_memberships WHERE workspace_id = $1 AND user_id = $2";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace)
        .bind(user)
        .fetch_optional(&mut *c)
        .await?))
}

/// Entitles a member to one tenant (relevant when the membership does not cover all tenants).
pub async fn grant_tenant(
    db: &mut impl Db,
    workspace: WorkspaceId,
    user: UserId,
    tenant: TenantId,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str =
        "INSERT INTO tenant_entitlements (workspace_id, user_id, tenant_id, created_at) \
                       VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, tenant_id) DO NOTHING";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(workspace.to_string())
        .bind(user.to_string())
        .bind(tenant.to_string())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Whether the user may see the tenant: a member of its workspace covering all tenants, or
/// explicitly entitled to it.
pub async fn is_entitled(
    db: &mut impl Db,
    user: UserId,
    tenant: TenantId,
) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM tenants t \
                       JOIN workspace_memberships m \
                         ON m.workspace_id = t.workspace_id AND m.user_id = $1 \
                       WHERE t.id = $2 AND (m.all_tenants OR EXISTS ( \
                         SELECT 1 FROM tenant_entitlements e \
                         WHERE e.user_id = $1 AND e.tenant_id = t.id))";
    let count: i64 = on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(user.to_string())
        .bind(tenant.to_string())
        .fetch_one(&mut *c)
        .await?);
    Ok(count > 0)
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    #[sqlx(flatten)]
    membership: Membership,
    login: String,
    display_name: String,
}

/// The members of a workspace with who they are, by name.
pub async fn list_members(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<(atlas_domain::User, Membership)>, StoreError> {
    const SQL: &str = "SELECT m.workspace_id, m.user_id, m.role, m.all_tenants, u.login, \
        u.display_name FROM workspace_memberships m JOIN users u ON u.id = m.user_id \
        WHERE m.workspace_id = $1 ORDER BY u.display_name, u.id";
    let rows: Vec<MemberRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace.to_string())
        .fetch_all(&mut *c)
        .await?);
    Ok(rows
        .into_iter()
        .map(|r| {
            let user = atlas_domain::User {
                id: r.membership.user_id,
                login: r.login,
                display_name: r.display_name,
            };
            (user, r.membership)
        })
        .collect())
}

/// Ends a membership (its entitlements go with it).
pub async fn remove(
    db: &mut impl Db,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM workspace_memberships WHERE workspace_id = $1 AND user_id = $2";
    let removed = on_db!(db, |c| sqlx::query(SQL)
        .bind(workspace)
        .bind(user)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(removed > 0)
}

/// How many owners the workspace has.
pub async fn count_owners(db: &mut impl Db, workspace: WorkspaceId) -> Result<i64, StoreError> {
    const SQL: &str =
        "SELECT COUNT(*) FROM workspace_memberships WHERE workspace_id = $1 AND role = 'owner'";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(workspace)
        .fetch_one(&mut *c)
        .await?))
}

/// Replaces a member's tenant entitlements with `tenants` (used when the membership does not
/// cover all tenants).
pub async fn set_tenants(
    db: &mut impl Db,
    workspace: WorkspaceId,
    user: UserId,
    tenants: &[TenantId],
    now: Timestamp,
) -> Result<(), StoreError> {
    const CLEAR: &str = "DELETE FROM tenant_entitlements WHERE workspace_id = $1 AND user_id = $2";
    on_db!(db, |c| sqlx::query(CLEAR)
        .bind(workspace)
        .bind(user)
        .execute(&mut *c)
        .await?
        .rows_affected());
    for tenant in tenants {
        grant_tenant(db, workspace, user, *tenant, now).await?;
    }
    Ok(())
}

/// Each member's entitled tenants (members covering all tenants have none listed).
pub async fn entitlements(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<(UserId, TenantId)>, StoreError> {
    const SQL: &str = "SELECT user_id, tenant_id FROM tenant_entitlements WHERE workspace_id = $1 \
                       ORDER BY user_id, tenant_id";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace)
        .fetch_all(&mut *c)
        .await?))
}

/// Each member's newest audited action in the workspace.
pub async fn last_activity(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<(UserId, Timestamp)>, StoreError> {
    const SQL: &str = "SELECT actor_user_id, MAX(created_at) FROM audit_log \
                       WHERE workspace_id = $1 AND actor_user_id IS NOT NULL \
                       GROUP BY actor_user_id";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace)
        .fetch_all(&mut *c)
        .await?))
}

/// Records a new membership. Founding a workspace in team mode needs a plain insert: an
/// upsert's conflict path must also pass the policy that only members see memberships, which
/// the founder is not yet.
pub async fn insert(db: &mut impl Db, m: &Membership, now: Timestamp) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO workspace_memberships \
                       (workspace_id, user_id, role, all_tenants, created_at) \
                       VALUES ($1, $2, $3, $4, $5)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(m.workspace_id)
        .bind(m.user_id)
        .bind(m.role)
        .bind(m.all_tenants)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}
