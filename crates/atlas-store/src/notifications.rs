//! Operators' in-app inbox.

use crate::{sql::on_db, Db, StoreError};
use atlas_domain::{Timestamp, UserId, UserNotification, WorkspaceId};

pub async fn insert(db: &mut impl Db, n: &UserNotification) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO user_notifications (id, user_id, workspace_id, run_id, tone, \
        title, body, created_at, read_at, batch_id) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(n.id.to_string())
        .bind(n.user_id)
        .bind(n.workspace_id)
        .bind(n.run_id)
        .bind(n.tone)
        .bind(&n.title)
        .bind(&n.body)
        .bind(n.created_at)
        .bind(n.read_at)
        .bind(n.batch_id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Entries about a workspace the user no longer belongs to are gone from their inbox (what
/// ran there is no longer theirs to read); team mode's row-level security says the same.
fn still_member(user_param: usize) -> String {
    format!(
        " AND (workspace_id IS NULL OR workspace_id IN \
         (SELECT workspace_id FROM workspace_memberships WHERE user_id = ${user_param}))"
    )
}

/// `AND workspace_id = $n` when a workspace narrows the inbox.
fn in_workspace(workspace: Option<WorkspaceId>, n: usize) -> String {
    workspace
        .map(|_| format!(" AND workspace_id = ${n}"))
        .unwrap_or_default()
}

/// A user's newest notifications, newest first; of one workspace when given.
pub async fn list_for_user(
    db: &mut impl Db,
    user: UserId,
    workspace: Option<WorkspaceId>,
    limit: i64,
) -> Result<Vec<UserNotification>, StoreError> {
    let sql = format!(
        "SELECT id, user_id, workspace_id, run_id, batch_id, tone, title, body, created_at, \
         read_at FROM user_notifications WHERE user_id = $1{}{} \
         ORDER BY created_at DESC, id DESC LIMIT $2",
        still_member(1),
        in_workspace(workspace, 3)
    );
    Ok(on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql).bind(user).bind(limit);
        if let Some(ws) = workspace {
            q = q.bind(ws);
        }
        q.fetch_all(&mut *c).await?
    }))
}

/// Marks every unread notification of the user as read; returns how many changed.
pub async fn mark_all_read(
    db: &mut impl Db,
    user: UserId,
    workspace: Option<WorkspaceId>,
    now: Timestamp,
) -> Result<u64, StoreError> {
    let sql = format!(
        "UPDATE user_notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL{}{}",
        still_member(1),
        in_workspace(workspace, 3)
    );
    let done = on_db!(db, |c| {
        let mut q = sqlx::query(&sql)
            .bind(user.to_string())
            .bind(now.unix_millis());
        if let Some(ws) = workspace {
            q = q.bind(ws);
        }
        q.execute(&mut *c).await?.rows_affected()
    });
    Ok(done)
}

/// How many of the user's notifications (of one workspace, when given) are unread.
pub async fn unread_count(
    db: &mut impl Db,
    user: UserId,
    workspace: Option<WorkspaceId>,
) -> Result<i64, StoreError> {
    let sql = format!(
        "SELECT COUNT(*) FROM user_notifications WHERE user_id = $1 AND read_at IS NULL{}{}",
        still_member(1),
        in_workspace(workspace, 2)
    );
    Ok(on_db!(db, |c| {
        let mut q = sqlx::query_scalar(&sql).bind(user.to_string());
        if let Some(ws) = workspace {
            q = q.bind(ws);
        }
        q.fetch_one(&mut *c).await?
    }))
}

/// Marks one of the user's notifications read. False when the user has no such notification
/// (another user's id reads as absent); marking twice keeps the first time.
pub async fn mark_read(
    db: &mut impl Db,
    user: UserId,
    id: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let sql = format!(
        "UPDATE user_notifications SET read_at = COALESCE(read_at, $3) \
         WHERE id = $1 AND user_id = $2{}",
        still_member(2)
    );
    let done = on_db!(db, |c| sqlx::query(&sql)
        .bind(id)
        .bind(user.to_string())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(done == 1)
}
