//! Workspaces.

use atlas_domain::{Membership, UserId, Workspace, WorkspaceId};

use crate::{sql::on_db, Db, StoreError};

const COLUMNS: &str = "w.id, w.slug, w.name, w.created_at, w.updated_at";

/// Inserts a workspace; a taken slug is a [`StoreError::Conflict`].
pub async fn insert(db: &mut impl Db, workspace: &Workspace) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO workspaces (id, slug, name, created_at, updated_at) \
                       VALUES ($1, $2, $3, $4, $5)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(workspace.id)
        .bind(&workspace.slug)
        .bind(&workspace.name)
        .bind(workspace.created_at)
        .bind(workspace.updated_at)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: WorkspaceId) -> Result<Option<Workspace>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM workspaces w WHERE w.id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?))
}

pub async fn find_by_slug(db: &mut impl Db, slug: &str) -> Result<Option<Workspace>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM workspaces w WHERE w.slug = $1");
    Ok(on_db!(db, |c| sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(&mut *c)
        .await?))
}

/// The workspaces a user is a member of, with that membership, by name.
pub async fn list_for_user(
    db: &mut impl Db,
    user: UserId,
) -> Result<Vec<(Workspace, Membership)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Joined {
        #[sqlx(flatten)]
        workspace: Workspace,
        #[sqlx(flatten)]
        membership: Membership,
    }
    let sql = format!(
        "SELECT {COLUMNS}, m.workspace_id, m.user_id, m.role, m.all_tenants \
         FROM workspaces w JOIN workspace_memberships m ON m.workspace_id = w.id \
         WHERE m.user_id = $1 ORDER BY lower(w.name), w.id"
    );
    let rows: Vec<Joined> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(user)
        .fetch_all(&mut *c)
        .await?);
    Ok(rows
        .into_iter()
        .map(|r| (r.workspace, r.membership))
        .collect())
}

/// Renames a workspace (its slug stays: links keep working).
pub async fn rename(
    db: &mut impl Db,
    id: WorkspaceId,
    name: &str,
    now: atlas_domain::Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE workspaces SET name = $2, updated_at = $3 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(name)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed > 0)
}
