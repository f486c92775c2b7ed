//! Operators' in-app inbox.

use crate::{
    sql::{on_db, opt_parse, opt_ts, parse, ts},
    Db, StoreError,
};
use atlas_domain::{Timestamp, UserId, UserNotification};

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: String,
    user_id: String,
    workspace_id: Option<String>,
    run_id: Option<String>,
    tone: String,
    title: String,
    body: String,
    created_at: i64,
    read_at: Option<i64>,
}

impl TryFrom<NotificationRow> for UserNotification {
    type Error = StoreError;

    fn try_from(r: NotificationRow) -> Result<Self, StoreError> {
        Ok(UserNotification {
            id: parse(&r.id)?,
            user_id: parse(&r.user_id)?,
            workspace_id: opt_parse(r.workspace_id.as_deref())?,
            run_id: opt_parse(r.run_id.as_deref())?,
            tone: parse(&r.tone)?,
            title: r.title,
            body: r.body,
            created_at: ts(r.created_at)?,
            read_at: opt_ts(r.read_at)?,
        })
    }
}

pub async fn insert(db: &mut impl Db, n: &UserNotification) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO user_notifications (id, user_id, workspace_id, run_id, tone, \
        title, body, created_at, read_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(n.id.to_string())
        .bind(n.user_id.to_string())
        .bind(n.workspace_id.map(|w| w.to_string()))
        .bind(n.run_id.map(|r| r.to_string()))
        .bind(n.tone.code())
        .bind(&n.title)
        .bind(&n.body)
        .bind(n.created_at.unix_millis())
        .bind(n.read_at.map(|t| t.unix_millis()))
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// A user's newest notifications, newest first.
pub async fn list_for_user(
    db: &mut impl Db,
    user: UserId,
    limit: i64,
) -> Result<Vec<UserNotification>, StoreError> {
    const SQL: &str = "SELECT id, user_id, workspace_id, run_id, tone, title, body, created_at, \
        read_at FROM user_notifications WHERE user_id = $1 \
        ORDER BY created_at DESC, id DESC LIMIT $2";
    let rows: Vec<NotificationRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(user.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(UserNotification::try_from).collect()
}

/// Marks every unread notification of the user as read; returns how many changed.
pub async fn mark_all_read(
    db: &mut impl Db,
    user: UserId,
    now: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str =
        "UPDATE user_notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL";
    let done = on_db!(db, |c| sqlx::query(SQL)
        .bind(user.to_string())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(done)
}

/// How many of the user's notifications are unread.
pub async fn unread_count(db: &mut impl Db, user: UserId) -> Result<i64, StoreError> {
    const SQL: &str =
        "SELECT COUNT(*) FROM user_notifications WHERE user_id = $1 AND read_at IS NULL";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(user.to_string())
        .fetch_one(&mut *c)
        .await?))
}

/// Marks one of the user's notifications read. False when the user has no such notification
/// (another user's id reads as absent); marking twice keeps the first time.
pub async fn mark_read(
    db: &mut impl Db,
    user: UserId,
    id: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE user_notifications SET read_at = COALESCE(read_at, $3) \
        WHERE id = $1 AND user_id = $2";
    let done = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(user.to_string())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(done == 1)
}
