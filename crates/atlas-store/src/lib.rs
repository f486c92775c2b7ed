//! TenantAtlas storage: one repository API over SQLite (solo mode, embedded) and PostgreSQL
//! (team mode, shared). Dialect differences stay in a few small places; every repository
//! function runs the same SQL on both (`$n` bind parameters work on both engines).
//!
//! Reads take a [`Conn`] from [`Store::conn`]; writes that must land together take a [`Tx`]
//! from [`Store::begin`]. Repository functions accept either through [`Db`].

pub mod audit;
pub mod backup_sets;
pub mod baselines;
pub mod batches;
mod bulk;
pub mod changes;
mod config;
mod connect;
pub mod directory_roles;
pub mod engines;
mod error;
pub mod evidence;
mod exec;
pub mod findings;
pub mod groups;
pub mod inventory;
pub mod memberships;
pub mod notifications;
pub mod overview;
pub mod policy_versions;
mod query;
#[cfg(test)]
mod query_plans;
pub mod reports;
pub mod restores;
pub mod review_packs;
pub mod reviews;
pub mod run_index;
pub mod runs;
pub mod schedules;
pub mod search;
pub mod setting_definitions;
mod sql;
pub mod team;
pub mod tenants;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod users;
pub mod workspaces;

pub use config::{Backend, StoreConfig};
pub use error::StoreError;
pub use exec::{Conn, Db, Tx};

use connect::Pool;

/// An open, migrated database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    config: StoreConfig,
}

impl Store {
    /// Opens the database, refuses a schema newer than this binary knows, and applies pending
    /// migrations. Fails with a specific [`StoreError`] and changes nothing on bad input.
    pub async fn open(config: StoreConfig) -> Result<Self, StoreError> {
        let pool = connect::open(&config).await?;
        Ok(Self { pool, config })
    }

    /// Opens an existing SQLite database file for reading only, as found (a read-only data
    /// folder, a copy on a read-only medium): nothing is written, not even the journal mode or
    /// a migration. A schema other than this binary's is refused with what to do; every write
    /// attempted later fails with [`StoreError::ReadOnly`].
    pub async fn open_read_only(path: &std::path::Path) -> Result<Self, StoreError> {
        let pool = connect::open_sqlite_read_only(path).await?;
        Ok(Self {
            pool,
            config: StoreConfig::Sqlite { path: path.into() },
        })
    }

    pub fn backend(&self) -> Backend {
        self.config.backend()
    }

    /// The schema version this store is at: the newest migration of its engine (opening a
    /// store refuses a database at any other version).
    pub fn schema_version(&self) -> i64 {
        connect::schema_version(self.backend())
    }

    /// Where the data lives, safe to show (a PostgreSQL password is never included).
    pub fn location(&self) -> String {
        self.config.redacted()
    }

    /// A pooled connection for reads (and single-statement writes).
    pub async fn conn(&self) -> Result<Conn, StoreError> {
        self.pool.acquire().await
    }

    /// A transaction for writes that must land together.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        self.pool.begin().await
    }

    /// Closes every pooled connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
