//! Opening a database: pre-flight checks that touch nothing, the schema version guard, and
//! the embedded migrations. Pool settings per engine live here too.

use std::{io::Read, path::Path, time::Duration};

use sqlx::{
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};

use crate::{
    config::redact_url,
    exec::{Conn, Tx},
    sql::on_db,
    StoreConfig, StoreError,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// The newest migration of `backend`'s schema.
pub(crate) fn schema_version(backend: crate::Backend) -> i64 {
    let migrator = match backend {
        crate::Backend::Sqlite => &SQLITE_MIGRATIONS,
        crate::Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub(crate) async fn acquire(&self) -> Result<Conn, StoreError> {
        Ok(match self {
            Pool::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    pub(crate) async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            // IMMEDIATE takes the write lock up front, so two writers queue on the busy
            // timeout instead of failing when a read transaction tries to upgrade.
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub(crate) async fn close(&self) {
        match self {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

pub(crate) async fn open(config: &StoreConfig) -> Result<Pool, StoreError> {
    match config {
        StoreConfig::Sqlite { path } => open_sqlite(path).await.map(Pool::Sqlite),
        StoreConfig::Postgres { url } => open_postgres(url).await.map(Pool::Postgres),
    }
}

async fn open_sqlite(path: &Path) -> Result<SqlitePool, StoreError> {
    check_sqlite_file(path)?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(10))
        // A COMMIT that failed (disk full) leaves the driver counting a transaction SQLite has
        // already rolled back, and such a connection refuses every later transaction ("non-zero
        // transaction depth"). Close it instead of pooling it; a fresh one replaces it.
        .after_release(|conn, _| {
            Box::pin(async move {
                use sqlx::TransactionManager;
                let depth =
                    <sqlx::Sqlite as sqlx::Database>::TransactionManager::get_transaction_depth(
                        conn,
                    );
                Ok(depth == 0)
            })
        })
        .connect_with(options.clone())
        .await
        .map_err(|e| sqlite_open_error(path, e))?;
    let location = path.display().to_string();
    guard_schema_version(
        &Pool::Sqlite(pool.clone()),
        &SQLITE_MIGRATIONS,
        &location,
        SQLITE_HAS_TABLE,
    )
    .await
    .map_err(|e| corrupt_if_damaged(path, e))?;
    migrate_sqlite(options, &location).await?;
    Ok(pool)
}

/// Runs the migrations on a connection of their own with foreign keys off: SQLite changes a
/// table's constraints only by rebuilding it (a copy renamed over the original), and with keys
/// on, dropping the original would act on the rows that reference it. Every key is checked
/// before the connection closes.
async fn migrate_sqlite(options: SqliteConnectOptions, location: &str) -> Result<(), StoreError> {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = options.foreign_keys(false).connect().await?;
    SQLITE_MIGRATIONS
        .run(&mut conn)
        .await
        .map_err(|e| migrate_error(location, &SQLITE_MIGRATIONS, e))?;
    let broken: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    match broken.first() {
        None => Ok(()),
        Some((table,)) => Err(sqlx::Error::Protocol(format!(
            "after migrating, {} rows of {table} (and maybe others) reference missing rows",
            broken.len()
        ))
        .into()),
    }
}

/// See [`crate::Store::open_read_only`]. `immutable` tells SQLite that nobody changes the file
/// meanwhile, so it needs no `-shm` file it could not create in a read-only folder.
pub(crate) async fn open_sqlite_read_only(path: &Path) -> Result<Pool, StoreError> {
    check_sqlite_file(path)?;
    if !path.is_file() {
        return Err(StoreError::Unavailable {
            backend: "SQLite",
            location: path.display().to_string(),
            reason: "there is no database there to read".into(),
        });
    }
    // Changes still in the write-ahead log (the writer never checkpointed: it crashed, or
    // still runs elsewhere) are only seen through it: then read through the log and its
    // index; `immutable` would skip them. Without a log, `immutable` needs no files at all.
    let has_log = Path::new(&format!("{}-wal", path.display())).is_file();
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(!has_log)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| sqlite_open_error(path, e))?;
    let location = path.display().to_string();
    let pool = Pool::Sqlite(pool);
    guard_schema_version(&pool, &SQLITE_MIGRATIONS, &location, SQLITE_HAS_TABLE)
        .await
        .map_err(|e| corrupt_if_damaged(path, e))?;
    let known = SQLITE_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let mut conn = pool.acquire().await?;
    const SQL: &str = "SELECT MAX(version) FROM _sqlx_migrations WHERE success";
    let found: Option<i64> = on_db!(&mut conn, |c| sqlx::query_scalar(SQL)
        .fetch_one(&mut *c)
        .await
        .unwrap_or(None));
    if found != Some(known) {
        return Err(StoreError::Unavailable {
            backend: "SQLite",
            location,
            reason: "its schema is older than this version of TenantAtlas and must be \
                     upgraded, which needs a folder that can be written"
                .into(),
        });
    }
    drop(conn);
    Ok(pool)
}

/// Refuses, before SQLite opens it, a file that exists but is not a SQLite database, so a
/// damaged or foreign file is never "repaired" into an empty one.
fn check_sqlite_file(path: &Path) -> Result<(), StoreError> {
    let unavailable = |reason: String| StoreError::Unavailable {
        backend: "SQLite",
        location: path.display().to_string(),
        reason,
    };
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
            return Err(unavailable(format!(
                "the folder {} does not exist",
                parent.display()
            )));
        }
        _ => {}
    }
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unavailable(format!("cannot read the file: {e}"))),
    };
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(unavailable(
            "the path is a folder, not a database file".into(),
        ));
    }
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|e| unavailable(format!("cannot read the file: {e}")))?;
    if header.is_empty() {
        // SQLite would take an empty file as a new database; here it is what is left of one
        // (a full disk, a failed copy), so it is refused like any damaged file, never reused.
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            reason: "the file is empty (0 bytes) and holds no database".into(),
        });
    }
    if header.as_slice() != SQLITE_HEADER {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            reason: "the file does not start with the SQLite header".into(),
        });
    }
    Ok(())
}

fn sqlite_open_error(path: &Path, err: sqlx::Error) -> StoreError {
    corrupt_if_damaged(
        path,
        match err {
            sqlx::Error::Database(_) => StoreError::from(err),
            other => StoreError::Unavailable {
                backend: "SQLite",
                location: path.display().to_string(),
                reason: other.to_string(),
            },
        },
    )
}

/// SQLITE_CORRUPT and SQLITE_NOTADB surface as database errors; name the file.
fn corrupt_if_damaged(path: &Path, err: StoreError) -> StoreError {
    if err.is_damaged_file() {
        let reason = match &err {
            StoreError::Database(sqlx::Error::Database(db)) => db.message().to_owned(),
            other => other.to_string(),
        };
        return StoreError::Corrupt {
            path: path.to_owned(),
            reason,
        };
    }
    err
}

async fn open_postgres(url: &str) -> Result<PgPool, StoreError> {
    let location = redact_url(url);
    let options: PgConnectOptions = url.parse().map_err(|e: sqlx::Error| {
        StoreError::InvalidConfig(format!("the PostgreSQL URL {location} is malformed: {}", {
            // sqlx's message can echo the URL; keep only the first clause.
            e.to_string()
                .split(':')
                .next()
                .unwrap_or("invalid")
                .to_owned()
        }))
    })?;
    probe_postgres(&options, &location).await?;
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Unavailable {
            backend: "PostgreSQL",
            location: location.clone(),
            reason: describe_pg_connect_error(&e),
        })?;
    refuse_unknown_role(&pool, &location).await?;
    refuse_foreign_postgres(&pool, &location).await?;
    guard_schema_version(
        &Pool::Postgres(pool.clone()),
        &POSTGRES_MIGRATIONS,
        &location,
        POSTGRES_HAS_TABLE,
    )
    .await?;
    // In team mode operators connect as roles that may not change the schema: an up-to-date
    // database is opened without touching it, and an outdated one says who upgrades it.
    if postgres_pending_migrations(&pool).await? {
        POSTGRES_MIGRATIONS.run(&pool).await.map_err(|e| {
            match migrate_error(&location, &POSTGRES_MIGRATIONS, e) {
                StoreError::Database(sqlx::Error::Database(db))
                    if db.code().as_deref() == Some("42501") =>
                {
                    StoreError::Unavailable {
                        backend: "PostgreSQL",
                        location: location.clone(),
                        reason: "its schema is older than this version of TenantAtlas, and \
                                 this role may not upgrade it: the database's administrator \
                                 runs `atlas team init` with this version first"
                            .into(),
                    }
                }
                other => other,
            }
        })?;
    }
    Ok(pool)
}

/// Whether this binary ships migrations the database has not applied.
async fn postgres_pending_migrations(pool: &PgPool) -> Result<bool, StoreError> {
    let has_table: i64 = sqlx::query_scalar(POSTGRES_HAS_TABLE)
        .fetch_one(pool)
        .await?;
    if has_table == 0 {
        return Ok(true);
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await?;
    Ok(POSTGRES_MIGRATIONS
        .iter()
        .any(|m| !applied.contains(&m.version)))
}

/// A role that may not even read the schema's version was never made a member (team mode):
/// say so, with who fixes it, instead of "permission denied".
async fn refuse_unknown_role(pool: &PgPool, location: &str) -> Result<(), StoreError> {
    let row: (bool, String) = sqlx::query_as(
        "SELECT to_regclass('_sqlx_migrations') IS NOT NULL \
                AND NOT has_table_privilege('_sqlx_migrations', 'SELECT'), session_user::text",
    )
    .fetch_one(pool)
    .await?;
    match row {
        (true, role) => Err(StoreError::Unavailable {
            backend: "PostgreSQL",
            location: location.to_owned(),
            reason: format!(
                "the role {role:?} is not a TenantAtlas member on this database: its \
                 administrator runs `atlas member add {role} --existing-role` (or gives you a \
                 sign-in with `atlas member add <name>`)"
            ),
        }),
        (false, _) => Ok(()),
    }
}

/// Refuses a database that holds tables but not TenantAtlas's: migrations are never applied
/// into another application's schema.
async fn refuse_foreign_postgres(pool: &PgPool, location: &str) -> Result<(), StoreError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_catalog.pg_tables WHERE schemaname = current_schema() \
         ORDER BY tablename",
    )
    .fetch_all(pool)
    .await?;
    if tables.is_empty() {
        return Ok(());
    }
    let first = POSTGRES_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .min()
        .unwrap_or(0);
    let ours = tables.iter().any(|t| t == "_sqlx_migrations")
        && sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = $1 AND success",
        )
        .bind(first)
        .fetch_one(pool)
        .await
        .unwrap_or(0)
            > 0;
    if ours {
        return Ok(());
    }
    let shown: Vec<&str> = tables.iter().take(3).map(String::as_str).collect();
    Err(StoreError::Unavailable {
        backend: "PostgreSQL",
        location: location.to_owned(),
        reason: format!(
            "it holds tables that are not TenantAtlas's ({}{}); use an empty database or one \
             TenantAtlas created — nothing was changed",
            shown.join(", "),
            if tables.len() > 3 { ", …" } else { "" }
        ),
    })
}

/// One direct connection first: the pool retries a failing connect until its timeout, so a
/// refused port or a server that is not PostgreSQL would only be reported after 5 s as "no
/// answer"; a single attempt says what is wrong at once.
async fn probe_postgres(options: &PgConnectOptions, location: &str) -> Result<(), StoreError> {
    use sqlx::Connection;
    let unavailable = |reason: String| StoreError::Unavailable {
        backend: "PostgreSQL",
        location: location.to_owned(),
        reason,
    };
    match tokio::time::timeout(
        Duration::from_secs(5),
        sqlx::PgConnection::connect_with(options),
    )
    .await
    {
        Err(_) => Err(unavailable("no answer within 5 seconds".into())),
        Ok(Err(e)) => Err(unavailable(describe_pg_connect_error(&e))),
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
    }
}

fn describe_pg_connect_error(err: &sqlx::Error) -> String {
    match err {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: no server listens on that host and port".to_owned()
        }
        // Another protocol's reply read as a PostgreSQL message ("expected to read 1414811696
        // bytes" is "HTTP" taken as a length).
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the server there is not a PostgreSQL server (it answered in another protocol)"
                .to_owned()
        }
        sqlx::Error::Protocol(_) => {
            "the server there is not a PostgreSQL server (it answered in another protocol)"
                .to_owned()
        }
        sqlx::Error::Io(io) => format!("{io} (is the server running and reachable?)"),
        sqlx::Error::PoolTimedOut => "no answer within 5 seconds".to_owned(),
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    }
}

const SQLITE_HAS_TABLE: &str =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'";
const POSTGRES_HAS_TABLE: &str =
    "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = '_sqlx_migrations'";

/// Refuses a database whose applied migrations go beyond what this binary knows: it was
/// written by a newer TenantAtlas and must never be downgraded.
async fn guard_schema_version(
    pool: &Pool,
    migrator: &Migrator,
    location: &str,
    has_table_sql: &'static str,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    let has_table: i64 = on_db!(&mut conn, |c| sqlx::query_scalar(has_table_sql)
        .fetch_one(&mut *c)
        .await?);
    if has_table == 0 {
        return Ok(());
    }
    const SQL: &str = "SELECT MAX(version) FROM _sqlx_migrations WHERE success";
    let found: Option<i64> = on_db!(&mut conn, |c| sqlx::query_scalar(SQL)
        .fetch_one(&mut *c)
        .await?);
    let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
    match found {
        Some(found) if found > known => Err(StoreError::SchemaTooNew {
            location: location.to_owned(),
            found,
            known,
        }),
        _ => Ok(()),
    }
}

fn migrate_error(
    location: &str,
    migrator: &Migrator,
    err: sqlx::migrate::MigrateError,
) -> StoreError {
    use sqlx::migrate::MigrateError as M;
    match err {
        M::VersionMissing(found) => StoreError::SchemaTooNew {
            location: location.to_owned(),
            found,
            known: migrator.iter().map(|m| m.version).max().unwrap_or(0),
        },
        M::VersionMismatch(version) => StoreError::InvalidData(format!(
            "schema migration {version} applied to {location} differs from the one this \
             version ships; the database was changed by another program"
        )),
        M::Execute(e) => e.into(),
        other => StoreError::Migration(other),
    }
}
