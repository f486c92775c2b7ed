//! Test support: what SQLite's planner does with a query, for tests that keep hot queries on
//! their indexes (a plan is deterministic; a timing would not be).

use crate::{Conn, Store, StoreConfig};

/// A migrated SQLite store in a folder of its own (kept as long as the folder is).
pub(crate) async fn sqlite() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("atlas.db"),
    })
    .await
    .unwrap();
    (store, dir)
}

/// A connection of a SQLite store.
pub(crate) async fn connection(store: &Store) -> sqlx::pool::PoolConnection<sqlx::Sqlite> {
    let Conn::Sqlite(conn) = store.conn().await.unwrap() else {
        unreachable!("a SQLite store")
    };
    conn
}

/// The rows of `EXPLAIN QUERY PLAN …`, one line per step.
pub(crate) fn describe(steps: Vec<(i64, i64, i64, String)>) -> String {
    steps
        .into_iter()
        .map(|(.., detail)| detail)
        .collect::<Vec<_>>()
        .join("\n")
}
