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

    /// SQLite's "database or disk is full" (or a write error, which on a nearly full disk is
    /// the same cause); PostgreSQL's `disk_full`. The failed change was rolled back.
    /// SQLite's "attempt to write a readonly database": opened from a folder that cannot be
    /// written.
    #[error(
        "the database is open read-only (its folder cannot be written), so nothing can be \
         changed; reading works"
    )]
    ReadOnly,

    #[error(
        "the disk holding the database is full (or cannot be written): the change was not \
         saved; free some space and try again"
    )]
    DiskFull,

    #[error("{0} already exists")]
    Conflict(String),

    #[error("{0} was not found")]
    NotFound(String),

    #[error("a stored value is invalid: {0}")]
    InvalidData(String),

    /// Anything else the driver reported; the driver's error is kept as the source.
    #[error("database error: {}", driver_message(.0))]
    Database(#[source] sqlx::Error),

    /// An error of a bulk read stepped on SQLite's own handle (see `bulk`).
    #[error("database error: {0}")]
    SqliteRead(#[source] rusqlite::Error),

    #[error("the database schema could not be brought up to date: {0}")]
    Migration(#[source] sqlx::migrate::MigrateError),
}

/// The database's own message when it sent one, the driver's otherwise.
fn driver_message(err: &sqlx::Error) -> String {
    match err {
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    }
}

impl StoreError {
    pub(crate) fn invalid_data(what: impl std::fmt::Display) -> Self {
        StoreError::InvalidData(what.to_string())
    }
}

/// Turns a driver error into a specific store error. Unique violations become `Conflict`,
/// SQLite's busy/locked codes `Busy`, everything else `Database` with the driver's error kept
/// (the open path turns damaged files into `Corrupt` with the file name).
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
                // SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
                if sqlite_primary_code(db.as_ref()).is_some_and(|c| matches!(c, 5 | 6)) {
                    return StoreError::Busy;
                }
                // SQLITE_READONLY (8)
                if sqlite_primary_code(db.as_ref()) == Some(8) {
                    return StoreError::ReadOnly;
                }
                // SQLITE_IOERR (10), SQLITE_FULL (13); PostgreSQL disk_full (53100).
                let sqlite_full =
                    sqlite_primary_code(db.as_ref()).is_some_and(|c| matches!(c, 10 | 13));
                if sqlite_full || db.code().as_deref() == Some("53100") {
                    return StoreError::DiskFull;
                }
                StoreError::Database(err)
            }
            sqlx::Error::RowNotFound => StoreError::NotFound("the record".to_owned()),
            sqlx::Error::PoolTimedOut => StoreError::Busy,
            _ => StoreError::Database(err),
        }
    }
}

/// SQLite's primary result code of a database error (extended codes carry it in the low
/// byte); `None` for PostgreSQL errors, whose codes are SQLSTATE text.
pub(crate) fn sqlite_primary_code(db: &dyn sqlx::error::DatabaseError) -> Option<i32> {
    db.try_downcast_ref::<sqlx::sqlite::SqliteError>()?;
    db.code()?.parse::<i32>().ok().map(|c| c & 0xff)
}

impl StoreError {
    /// SQLITE_CORRUPT (11) or SQLITE_NOTADB (26): the file is damaged or not a database.
    pub(crate) fn is_damaged_file(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => {
                sqlite_primary_code(db.as_ref()).is_some_and(|c| matches!(c, 11 | 26))
            }
            _ => false,
        }
    }
}

/// The same mapping for a bulk read's errors: busy and locked become `Busy`.
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::SqliteRead(err),
        }
    }
}

impl From<atlas_domain::DomainError> for StoreError {
    fn from(err: atlas_domain::DomainError) -> Self {
        StoreError::InvalidData(err.to_string())
    }
}
