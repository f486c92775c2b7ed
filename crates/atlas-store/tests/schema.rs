//! The two migration sets (`migrations/sqlite`, `migrations/postgres`) are written by hand in
//! parallel; this test keeps them from drifting. After all migrations, both engines must have
//! the same tables, the same columns with the same nullability, and the same named indexes over
//! the same columns (types and partial-index predicates are dialect-specific and not compared).

use std::collections::BTreeSet;

use atlas_store::{Conn, Store};

mod support;

/// (table, column, nullable)
type Column = (String, String, bool);
/// (table, index, columns in order)
type Index = (String, String, String);

#[derive(Debug, PartialEq)]
struct Schema {
    tables: BTreeSet<String>,
    columns: BTreeSet<Column>,
    indexes: BTreeSet<Index>,
}

const IGNORED: &str = "_sqlx_migrations";

async fn sqlite_schema(c: &mut sqlx::SqliteConnection) -> Schema {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> $1 ORDER BY name",
    )
    .bind(IGNORED)
    .fetch_all(&mut *c)
    .await
    .unwrap();
    let mut columns = BTreeSet::new();
    let mut indexes = BTreeSet::new();
    for table in &tables {
        // (name, notnull, pk): a primary key column is never null on PostgreSQL either.
        let cols: Vec<(String, bool, i64)> =
            sqlx::query_as("SELECT name, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid")
                .bind(table)
                .fetch_all(&mut *c)
                .await
                .unwrap();
        for (name, not_null, pk) in cols {
            columns.insert((table.clone(), name, !(not_null || pk > 0)));
        }
        // Named indexes only: SQLite's automatic ones back PRIMARY KEY and UNIQUE constraints.
        let named: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 \
             AND sql IS NOT NULL",
        )
        .bind(table)
        .fetch_all(&mut *c)
        .await
        .unwrap();
        for index in named {
            let cols: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(&mut *c)
                    .await
                    .unwrap();
            let cols: Vec<String> = cols
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "<expression>".into()))
                .collect();
            indexes.insert((table.clone(), index, cols.join(",")));
        }
    }
    Schema {
        tables: tables.into_iter().collect(),
        columns,
        indexes,
    }
}

async fn postgres_schema(c: &mut sqlx::PgConnection) -> Schema {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1",
    )
    .bind(IGNORED)
    .fetch_all(&mut *c)
    .await
    .unwrap();
    let cols: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> $1",
    )
    .bind(IGNORED)
    .fetch_all(&mut *c)
    .await
    .unwrap();
    // Indexes that are not the backing index of a constraint (primary key, unique, exclusion).
    let idx: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text, \
                COALESCE(string_agg(a.attname::text, ',' ORDER BY k.ord), '<expression>') \
         FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public' \
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord) \
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) \
           AND t.relname <> $1 \
         GROUP BY t.relname, i.relname",
    )
    .bind(IGNORED)
    .fetch_all(&mut *c)
    .await
    .unwrap();
    Schema {
        tables: tables.into_iter().collect(),
        columns: cols
            .into_iter()
            .map(|(t, c, nullable)| (t, c, nullable == "YES"))
            .collect(),
        indexes: idx.into_iter().collect(),
    }
}

async fn schema_of(store: &Store) -> Schema {
    match store.conn().await.unwrap() {
        Conn::Sqlite(mut c) => sqlite_schema(&mut c).await,
        Conn::Postgres(mut c) => postgres_schema(&mut c).await,
    }
}

#[tokio::test]
async fn both_engines_have_the_same_schema() {
    let (sqlite, _dir) = support::sqlite_store().await;
    let (postgres, ()) = support::postgres_store().await;
    let lite = schema_of(&sqlite).await;
    let pg = schema_of(&postgres).await;
    assert!(lite.tables.len() >= 10, "{:?}", lite.tables);
    assert!(lite.indexes.len() >= 10, "{:?}", lite.indexes);
    let report = [
        ("tables only on SQLite", only(&lite.tables, &pg.tables)),
        ("tables only on PostgreSQL", only(&pg.tables, &lite.tables)),
        ("columns only on SQLite", only(&lite.columns, &pg.columns)),
        (
            "columns only on PostgreSQL",
            only(&pg.columns, &lite.columns),
        ),
        ("indexes only on SQLite", only(&lite.indexes, &pg.indexes)),
        (
            "indexes only on PostgreSQL",
            only(&pg.indexes, &lite.indexes),
        ),
    ]
    .into_iter()
    .filter(|(_, d)| !d.is_empty())
    .map(|(what, d)| format!("{what}: {}", d.join(", ")))
    .collect::<Vec<_>>();
    assert!(
        report.is_empty(),
        "the migrations drifted:\n{}",
        report.join("\n")
    );
}

/// What `a` has and `b` lacks, readable.
fn only<T: Ord + std::fmt::Debug>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> Vec<String> {
    a.difference(b).map(|x| format!("{x:?}")).collect()
}
