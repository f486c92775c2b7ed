//! The change feed between processes. On PostgreSQL every write to what other workstations
//! show is announced by a trigger on the channel [`CHANNEL`] when its transaction commits
//! (migration `…23_change_feed`); a [`ChangeListener`] turns those announcements into
//! [`Notice`]s. Payloads carry ids only: the listener re-reads. A lost connection is
//! re-established on its own and reported as [`Notice::Resync`], since announcements made
//! meanwhile are gone.
//!
//! On SQLite, another process writing the same file is noticed through `PRAGMA data_version`
//! ([`DataVersion`]), which changes whenever another connection committed.

use std::time::Duration;

use atlas_domain::{ChangeKind, RunId, TenantId, WorkspaceId};
use serde::Deserialize;
use sqlx::postgres::PgListener;

use crate::{connect::Pool, Store, StoreError};

/// The `LISTEN` channel of the change feed.
pub const CHANNEL: &str = "tenantatlas_changes";
/// The payload format this version reads (`v`); newer ones are not guessed at.
pub const FORMAT: u64 = 1;

/// One announced change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The run, for [`ChangeKind::Run`].
    pub run: Option<RunId>,
    pub workspace: Option<WorkspaceId>,
    pub tenant: Option<TenantId>,
}

/// What a listener hands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Change(Change),
    /// Changes may have been missed (the connection was lost and is back, or a payload could
    /// not be read): re-read everything shown.
    Resync,
}

#[derive(Deserialize)]
struct Payload {
    v: u64,
    k: String,
    id: Option<String>,
    w: Option<String>,
    t: Option<String>,
}

/// Reads an announcement; `None` for a malformed one or one of a newer format.
pub fn parse(payload: &str) -> Option<Change> {
    let p: Payload = serde_json::from_str(payload).ok()?;
    if p.v != FORMAT {
        return None;
    }
    let kind: ChangeKind = p.k.parse().ok()?;
    let id = |raw: Option<String>| -> Option<Option<String>> {
        match raw {
            None => Some(None),
            Some(s) if uuid::Uuid::parse_str(&s).is_ok() => Some(Some(s)),
            Some(_) => None,
        }
    };
    let run = id(p.id)?.map(|s| s.parse()).transpose().ok()?;
    let workspace = id(p.w)?.map(|s| s.parse()).transpose().ok()?;
    let tenant = id(p.t)?.map(|s| s.parse()).transpose().ok()?;
    if kind == ChangeKind::Run && run.is_none() {
        return None;
    }
    Some(Change {
        kind,
        run,
        workspace,
        tenant,
    })
}

/// A `LISTEN` on [`CHANNEL`] over its own connection (not one of the pool's).
#[derive(Debug)]
pub struct ChangeListener {
    listener: PgListener,
    /// The connection was lost; the next notice after reconnecting is a resync.
    lost: bool,
}

impl Store {
    /// Listens to other processes' changes; `None` on SQLite (see [`DataVersion`]).
    pub async fn listen(&self) -> Result<Option<ChangeListener>, StoreError> {
        let Pool::Postgres(pool) = &self.pool else {
            return Ok(None);
        };
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(ChangeListener {
            listener,
            lost: false,
        }))
    }
}

/// How long to wait before reconnecting after a failed attempt (doubling up to this cap).
const RECONNECT_CAP: Duration = Duration::from_secs(5);

impl ChangeListener {
    /// The next notice. Never fails: while the database is away it keeps reconnecting (one log
    /// line per outage) and reports [`Notice::Resync`] once back.
    pub async fn next(&mut self) -> Notice {
        let mut wait = Duration::from_millis(100);
        loop {
            match self.listener.try_recv().await {
                Ok(Some(notification)) => {
                    if std::mem::take(&mut self.lost) {
                        // Queue nothing: the resync re-reads this change too.
                        return Notice::Resync;
                    }
                    return match parse(notification.payload()) {
                        Some(change) => Notice::Change(change),
                        None => {
                            tracing::info!(
                                payload = notification.payload(),
                                "a change announcement this version cannot read; re-reading"
                            );
                            Notice::Resync
                        }
                    };
                }
                // The connection closed; `try_recv` reconnects (and listens again) next time.
                Ok(None) => {
                    if !self.lost {
                        tracing::warn!(
                            "the change feed lost its database connection; reconnecting"
                        );
                    }
                    self.lost = true;
                }
                Err(error) => {
                    if !self.lost {
                        tracing::warn!(%error, "the change feed cannot reach the database; retrying");
                    }
                    self.lost = true;
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(RECONNECT_CAP);
                    continue;
                }
            }
            if self.lost && self.reconnected().await {
                self.lost = false;
                return Notice::Resync;
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(RECONNECT_CAP);
        }
    }

    /// Re-establishes the `LISTEN` right away (rather than waiting for the next announcement,
    /// which may be long), so a resync happens as soon as the database is back.
    async fn reconnected(&mut self) -> bool {
        match self.listener.listen(CHANNEL).await {
            Ok(()) => {
                tracing::info!("the change feed is connected again");
                true
            }
            Err(_) => false,
        }
    }
}

/// SQLite's `PRAGMA data_version` on a connection of its own (outside the pool, so it takes
/// none of the pool's few connections): it changes whenever another connection, this
/// process's pool included, committed since the last look.
#[derive(Debug)]
pub struct DataVersion {
    conn: sqlx::SqliteConnection,
    last: i64,
}

impl Store {
    /// The SQLite change watcher; `None` on PostgreSQL (see [`Store::listen`]).
    pub async fn data_version(&self) -> Result<Option<DataVersion>, StoreError> {
        use sqlx::Connection;
        let crate::StoreConfig::Sqlite { path } = &self.config else {
            return Ok(None);
        };
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .busy_timeout(Duration::from_secs(5));
        let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
        let last = read_data_version(&mut conn).await?;
        Ok(Some(DataVersion { conn, last }))
    }
}

async fn read_data_version(conn: &mut sqlx::SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(&mut *conn)
        .await?)
}

impl DataVersion {
    /// Whether anything was committed since the last call.
    pub async fn changed(&mut self) -> Result<bool, StoreError> {
        let now = read_data_version(&mut self.conn).await?;
        Ok(std::mem::replace(&mut self.last, now) != now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_are_read_and_strange_ones_refused() {
        let run = RunId::new();
        let workspace = WorkspaceId::new();
        let change = parse(&format!(
            r#"{{"v":1,"k":"run","id":"{run}","w":"{workspace}","t":null}}"#
        ))
        .unwrap();
        assert_eq!(change.kind, ChangeKind::Run);
        assert_eq!(change.run, Some(run));
        assert_eq!(change.workspace, Some(workspace));
        assert_eq!(change.tenant, None);
        let finding = parse(&format!(r#"{{"v":1,"k":"finding","w":"{workspace}"}}"#)).unwrap();
        assert_eq!(finding.kind, ChangeKind::Finding);
        for bad in [
            "not json".to_owned(),
            format!(r#"{{"v":2,"k":"run","id":"{run}"}}"#),
            r#"{"v":1,"k":"spaceship"}"#.to_owned(),
            r#"{"v":1,"k":"run"}"#.to_owned(),
            r#"{"v":1,"k":"tenant","w":"'; DROP TABLE x"}"#.to_owned(),
        ] {
            assert_eq!(parse(&bad), None, "{bad}");
        }
    }
}
