use std::path::PathBuf;

use thiserror::Error;

/// Everything that can go wrong in the store, worded for the operator. Messages never contain
/// a database password.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("invalid database setting: {0}")]
    InvalidConfig(String),

    #[error("the {backend} database at {location} cannot be reached: {reason}")]
    Unavailable {
        backend: &'static str,
        location: String,
        reason: String,
    },

    #[error(
        "the database file {} is damaged or is not a TenantAtlas database ({reason}); it was \
         left untouched",
        path.display()
    )]
    Corrupt { path: PathBuf, reason: String },

    #[error(
        "the database at {location} was written by a newer TenantAtlas (schema version \
         {found}, this version knows up to {known}); update TenantAtlas — the database was \
         left untouched"
    )]
    SchemaTooNew {
        location: String,
        found: i64,
        known: i64,
    },

    #[error("the database is busy or locked by another program; try again in a moment")]
    Busy,

    #[error("{0} already exists")]
    Conflict(String),

    #[error("{0} was not found")]
    NotFound(String),

    #[error("a stored value is invalid: {0}")]
    InvalidData(String),

    #[error("database error: {0}")]
    Database(String),
}

impl StoreError {
    pub(crate) fn invalid_data(what: impl std::fmt::Display) -> Self {
        StoreError::InvalidData(what.to_string())
    }
}

/// Turns a driver error into a specific store error. Unique violations become `Conflict`,
/// SQLite's busy/locked codes `Busy`, damaged files `Database` (the open path maps those to
/// `Corrupt` with the file name).
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) => {
                if db.is_unique_violation() {
                    return StoreError::Conflict(
                        db.constraint()
                            .map(|c| format!("a record ({c})"))
                            .unwrap_or_else(|| "a record with the same unique key".to_owned()),
                    );
                }
                match db.code().as_deref() {
                    // SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
                    Some(code) if is_sqlite_busy(code) => StoreError::Busy,
                    _ => StoreError::Database(db.message().to_owned()),
                }
            }
            sqlx::Error::RowNotFound => StoreError::NotFound("the record".to_owned()),
            sqlx::Error::PoolTimedOut => StoreError::Busy,
            other => StoreError::Database(other.to_string()),
        }
    }
}

fn is_sqlite_busy(code: &str) -> bool {
    code.parse::<i32>()
        .map(|c| matches!(c & 0xff, 5 | 6))
        .unwrap_or(false)
}

impl From<atlas_domain::DomainError> for StoreError {
    fn from(err: atlas_domain::DomainError) -> Self {
        StoreError::InvalidData(err.to_string())
    }
}
