//! Operators.

use atlas_domain::{User, UserId};

use crate::{sql::on_db, Db, StoreError};

/// Returns the user with this login, creating it (or refreshing its display name) as needed.
pub async fn upsert_by_login(
    db: &mut impl Db,
    login: &str,
    display_name: &str,
    now: atlas_domain::Timestamp,
) -> Result<User, StoreError> {
    // Every start-up calls this: write only when something changed, so reading commands work
    // while another program holds the write lock (or on a database that may not be written).
    const FIND: &str = "SELECT id, login, display_name FROM users WHERE login = $1";
    let existing: Option<User> = on_db!(db, |c| sqlx::query_as(FIND)
        .bind(login)
        .fetch_optional(&mut *c)
        .await?);
    if let Some(user) = existing.filter(|u| u.display_name == display_name) {
        return Ok(user);
    }
    const SQL: &str = "INSERT INTO users (id, login, display_name, created_at) \
                       VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name \
                       RETURNING id, login, display_name";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(UserId::new())
        .bind(login)
        .bind(display_name)
        .bind(now)
        .fetch_one(&mut *c)
        .await?))
}

pub async fn get(db: &mut impl Db, id: UserId) -> Result<Option<User>, StoreError> {
    const SQL: &str = "SELECT id, login, display_name FROM users WHERE id = $1";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?))
}

/// The user with this login, if one signed in (or was registered) before.
pub async fn find_by_login(db: &mut impl Db, login: &str) -> Result<Option<User>, StoreError> {
    const SQL: &str = "SELECT id, login, display_name FROM users WHERE login = $1";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(login)
        .fetch_optional(&mut *c)
        .await?))
}
