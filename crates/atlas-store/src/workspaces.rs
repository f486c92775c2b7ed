//! Workspaces.

use atlas_domain::{Membership, UserId, Workspace, WorkspaceId};

use crate::{
    memberships::MembershipRow,
    sql::{on_db, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct WorkspaceRow {
    id: String,
    slug: String,
    name: String,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<WorkspaceRow> for Workspace {
    type Error = StoreError;

    fn try_from(row: WorkspaceRow) -> Result<Self, StoreError> {
        Ok(Workspace {
            id: parse(&row.id)?,
            slug: row.slug,
            name: row.name,
            created_at: ts(row.created_at)?,
            updated_at: ts(row.updated_at)?,
        })
    }
}

const COLUMNS: &str = "w.id, w.slug, w.name, w.created_at, w.updated_at";

/// Inserts a workspace; a taken slug is a [`StoreError::Conflict`].
pub async fn insert(db: &mut impl Db, workspace: &Workspace) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO workspaces (id, slug, name, created_at, updated_at) \
                       VALUES ($1, $2, $3, $4, $5)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(workspace.id.to_string())
        .bind(&workspace.slug)
        .bind(&workspace.name)
        .bind(workspace.created_at.unix_millis())
        .bind(workspace.updated_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: WorkspaceId) -> Result<Option<Workspace>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM workspaces w WHERE w.id = $1");
    let row: Option<WorkspaceRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(Workspace::try_from).transpose()
}

pub async fn find_by_slug(db: &mut impl Db, slug: &str) -> Result<Option<Workspace>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM workspaces w WHERE w.slug = $1");
    let row: Option<WorkspaceRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(&mut *c)
        .await?);
    row.map(Workspace::try_from).transpose()
}

/// The workspaces a user is a member of, with that membership, by name.
pub async fn list_for_user(
    db: &mut impl Db,
    user: UserId,
) -> Result<Vec<(Workspace, Membership)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Joined {
        #[sqlx(flatten)]
        workspace: WorkspaceRow,
        #[sqlx(flatten)]
        membership: MembershipRow,
    }
    let sql = format!(
        "SELECT {COLUMNS}, m.workspace_id, m.user_id, m.role, m.all_tenants \
         FROM workspaces w JOIN workspace_memberships m ON m.workspace_id = w.id \
         WHERE m.user_id = $1 ORDER BY lower(w.name), w.id"
    );
    let rows: Vec<Joined> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(|r| Ok((r.workspace.try_into()?, r.membership.try_into()?)))
        .collect()
}
