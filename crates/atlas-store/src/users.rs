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

/// The user with this login, whom an owner is about to make a member: in team mode the users
/// policy hides people who share no workspace with the owner, so the lookup goes through the
/// one narrow function `team init` provides for it (exact name, owners only).
pub async fn find_to_add(db: &mut impl Db, login: &str) -> Result<Option<User>, StoreError> {
    if let Some(user) = find_by_login(db, login).await? {
        return Ok(Some(user));
    }
    match crate::Db::ex(db) {
        crate::exec::Ex::Sqlite(_) => Ok(None),
        crate::exec::Ex::Postgres(c) => {
            let team: bool = sqlx::query_scalar(
                "SELECT to_regprocedure('tenantatlas_find_user(text)') IS NOT NULL",
            )
            .fetch_one(&mut *c)
            .await?;
            if !team {
                return Ok(None);
            }
            Ok(
                sqlx::query_as("SELECT id, login, display_name FROM tenantatlas_find_user($1)")
                    .bind(login)
                    .fetch_optional(&mut *c)
                    .await?,
            )
        }
    }
}

/// The user with this login, if one signed in (or was registered) before.
pub async fn find_by_login(db: &mut impl Db, login: &str) -> Result<Option<User>, StoreError> {
    const SQL: &str = "SELECT id, login, display_name FROM users WHERE login = $1";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(login)
        .fetch_optional(&mut *c)
        .await?))
}
