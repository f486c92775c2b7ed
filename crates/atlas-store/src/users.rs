//! Operators.

use atlas_domain::{User, UserId};

use crate::{
    sql::{on_db, parse},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    login: String,
    display_name: String,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(User {
            id: parse(&row.id)?,
            login: row.login,
            display_name: row.display_name,
        })
    }
}

/// Returns the user with this login, creating it (or refreshing its display name) as needed.
pub async fn upsert_by_login(
    db: &mut impl Db,
    login: &str,
    display_name: &str,
    now: atlas_domain::Timestamp,
) -> Result<User, StoreError> {
    const SQL: &str = "INSERT INTO users (id, login, display_name, created_at) \
                       VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name \
                       RETURNING id, login, display_name";
    let id = UserId::new().to_string();
    let row: UserRow = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(&id)
        .bind(login)
        .bind(display_name)
        .bind(now.unix_millis())
        .fetch_one(&mut *c)
        .await?);
    row.try_into()
}

pub async fn get(db: &mut impl Db, id: UserId) -> Result<Option<User>, StoreError> {
    const SQL: &str = "SELECT id, login, display_name FROM users WHERE id = $1";
    let row: Option<UserRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(User::try_from).transpose()
}
