//! Engine benchmarks (not tests): `scripts/bench.sh` or `cargo bench -p atlas-engine`.
//!
//! 1. Claim-and-complete throughput of no-op runs through the worker pool, on SQLite and on
//!    PostgreSQL, as runs/s and as a ratio to the floor measured in the same run: the same
//!    number of bare claim + complete statement pairs on the same table with no engine around.
//! 2. One reconciler pass (dry run) over 1,000,000 runs of which 10,000 are active, as a ratio
//!    to a plain indexed `COUNT(*)` of the active runs on the same data. Goal: within 2x.
//!
//! Results: a table on stdout, `BENCHMARKS.md` (engine section) and `target/bench/engine.json`.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use atlas_domain::{OperationType, RunListFilter, RunTab, Timestamp};
use atlas_engine::{
    EngineConfig, Handler, HandlerError, HandlerOutcome, HandlerRegistry, ReconcileOptions,
    Reconciler, RunContext, RunService, StartRequest, SystemClock, WorkerPool,
};
use atlas_store::{run_index, runs, Conn, Store, StoreConfig};
use atlas_testkit::timing::median;
use serde_json::json;

const THROUGHPUT_RUNS: usize = 2_000;
const TOTAL_RUNS: i64 = 1_000_000;
const ACTIVE_RUNS: i64 = 10_000;

#[derive(Debug)]
struct NoOp;

#[async_trait::async_trait]
impl Handler for NoOp {
    type Input = atlas_domain::NoInputs;

    fn operation(&self) -> OperationType {
        OperationType::InventorySync
    }
    async fn execute(&self, _: RunContext, _: Self::Input) -> Result<HandlerOutcome, HandlerError> {
        Ok(HandlerOutcome::succeeded())
    }
}

struct Backend {
    name: &'static str,
    store: Store,
    _dir: Option<tempfile::TempDir>,
}

async fn backends() -> Vec<Backend> {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("bench.db"),
    })
    .await
    .unwrap();
    let pg = Store::open(StoreConfig::Postgres {
        url: atlas_testkit::fresh_postgres_url(),
    })
    .await
    .unwrap();
    vec![
        Backend {
            name: "SQLite",
            store: sqlite,
            _dir: Some(dir),
        },
        Backend {
            name: "PostgreSQL",
            store: pg,
            _dir: None,
        },
    ]
}

async fn exec(store: &Store, sql: &str) {
    match store.conn().await.unwrap() {
        Conn::Sqlite(mut c) => {
            sqlx::query(sql).execute(&mut *c).await.unwrap();
        }
        Conn::Postgres(mut c) => {
            sqlx::query(sql).execute(&mut *c).await.unwrap();
        }
    }
}

async fn seed_workspace(store: &Store) -> atlas_domain::WorkspaceId {
    let id = atlas_domain::WorkspaceId::new();
    exec(store, &format!(
        "INSERT INTO workspaces (id, slug, name, created_at, updated_at) VALUES ('{id}', 'bench-{id}', 'Bench', 0, 0)"
    )).await;
    id
}

fn service(store: &Store) -> Arc<RunService> {
    let mut registry = HandlerRegistry::new();
    registry.register(NoOp);
    let config = EngineConfig {
        workers: 4,
        poll_interval: Duration::from_millis(5),
        ..Default::default()
    };
    Arc::new(RunService::new(
        store.clone(),
        Arc::new(SystemClock),
        Arc::new(config),
        Arc::new(registry),
    ))
}

/// Engine: queue N no-op runs, then time the pool draining them.
async fn engine_throughput(store: &Store) -> Duration {
    let ws = seed_workspace(store).await;
    let svc = service(store);
    for n in 0..THROUGHPUT_RUNS {
        let request = StartRequest {
            workspace_id: ws,
            tenant_id: None,
            initiator: None,
            operation: OperationType::InventorySync,
            inputs: json!({ "n": n }),
            identity: None,
            batch: None,
            notify: true,
        };
        svc.start(request).await.unwrap();
    }
    let started = Instant::now();
    let pool = WorkerPool::new(svc.clone(), "bench").spawn();
    loop {
        let mut db = store.conn().await.unwrap();
        if runs::count_active(&mut db).await.unwrap() == 0 {
            break;
        }
        drop(db);
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let elapsed = started.elapsed();
    pool.shutdown().await;
    elapsed
}

/// Floor: for N fresh rows, one bare claim UPDATE and one bare complete UPDATE each, issued
/// by 4 concurrent tasks like the pool's workers — the database work a run cannot avoid.
async fn bare_statements(store: &Store) -> Duration {
    let ws = seed_workspace(store).await;
    insert_series(
        store,
        THROUGHPUT_RUNS as i64,
        "INSERT INTO operation_runs (id, workspace_id, type, status, outcome, run_identity_hash, created_at)",
        &format!(
            "{}, '{ws}', 'inventory_sync', 'queued', 'pending', 'floor-' || n, n",
            uuid_expr(store, "f0000000")
        ),
    )
    .await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..4usize {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for n in (w..THROUGHPUT_RUNS).step_by(4) {
                let id = format!("f0000000-0000-4000-8000-{n:012}");
                let claim = format!("UPDATE operation_runs SET status = 'running', started_at = 1 WHERE id = '{id}' AND status = 'queued'");
                let done = format!("UPDATE operation_runs SET status = 'completed', outcome = 'succeeded', completed_at = 2 WHERE id = '{id}' AND status = 'running'");
                exec(&store, &claim).await;
                exec(&store, &done).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    started.elapsed()
}

/// A SQL expression turning the series number `n` into a valid UUID starting with `prefix`
/// (8 hex digits), so seeded rows read back as runs.
fn uuid_expr(store: &Store, prefix: &str) -> String {
    match store.backend() {
        atlas_store::Backend::Postgres => {
            format!("'{prefix}-0000-4000-8000-' || lpad(n::text, 12, '0')")
        }
        atlas_store::Backend::Sqlite => format!("'{prefix}-0000-4000-8000-' || printf('%012d', n)"),
    }
}

/// `insert` + `SELECT select FROM g` where `g(n)` holds the integers 0..count, generated by
/// the database itself (fast, no round trip per row).
async fn insert_series(store: &Store, count: i64, insert: &str, select: &str) {
    let last = count - 1;
    let sql = match store.backend() {
        atlas_store::Backend::Postgres => {
            format!("{insert} SELECT {select} FROM generate_series(0, {last}) AS g(n)")
        }
        atlas_store::Backend::Sqlite => format!(
            "WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n < {last}) \
             {insert} SELECT {select} FROM g"
        ),
    };
    exec(store, &sql).await;
}

/// 1,000,000 runs: 990,000 completed, 10,000 active (100 stale queued, 100 running with an
/// expired lease, the rest fresh).
async fn seed_million(store: &Store) -> atlas_domain::WorkspaceId {
    let ws = seed_workspace(store).await;
    let postgres = store.backend() == atlas_store::Backend::Postgres;
    if postgres {
        // Seeding is not measured: skip a million change announcements nobody listens to.
        exec(
            store,
            "ALTER TABLE operation_runs DISABLE TRIGGER operation_runs_announce",
        )
        .await;
    }
    let now = Timestamp::now().unix_millis();
    let done = TOTAL_RUNS - ACTIVE_RUNS;
    let old = now - 86_400_000;
    insert_series(
        store,
        done,
        "INSERT INTO operation_runs (id, workspace_id, type, status, outcome, run_identity_hash, created_at, completed_at)",
        &format!(
            "{}, '{ws}', 'inventory_sync', 'completed', 'succeeded', 'c-' || n, {old} + n, \
             {old} + n + 1000",
            uuid_expr(store, "c0000000")
        ),
    )
    .await;
    // Active: half queued, half running with leases; every 100th is stale.
    insert_series(
        store,
        ACTIVE_RUNS,
        "INSERT INTO operation_runs (id, workspace_id, type, status, outcome, run_identity_hash, created_at, started_at, heartbeat_at, lease_expires_at, lease_owner, stale_at)",
        &format!(
        "{}, '{ws}', CASE WHEN n % 2 = 0 THEN 'inventory_sync' ELSE 'policy.sync' END, \
           CASE WHEN n % 4 < 2 THEN 'queued' ELSE 'running' END, 'pending', 'a-' || n, \
           CASE WHEN n % 100 = 0 THEN {now} - 7200000 ELSE {now} - 1000 END, \
           CASE WHEN n % 4 < 2 THEN NULL ELSE {now} - 1000 END, \
           CASE WHEN n % 4 < 2 THEN NULL ELSE {now} - 500 END, \
           CASE WHEN n % 4 < 2 THEN NULL WHEN n % 100 = 2 THEN {now} - 100 ELSE {now} + 600000 END, \
           CASE WHEN n % 4 < 2 THEN NULL ELSE 'bench' END, \
           CASE WHEN n % 4 < 2 \
             THEN (CASE WHEN n % 100 = 0 THEN {now} - 7200000 ELSE {now} - 1000 END) + 300000 \
             ELSE (CASE WHEN n % 100 = 2 THEN {now} - 100 ELSE {now} + 600000 END) END",
            uuid_expr(store, "a0000000")
        ),
    )
    .await;
    if postgres {
        exec(
            store,
            "ALTER TABLE operation_runs ENABLE TRIGGER operation_runs_announce",
        )
        .await;
        // What autovacuum does on a live system: statistics and the visibility map (index-only
        // scans need it).
        exec(store, "VACUUM ANALYZE operation_runs").await;
    } else {
        exec(store, "ANALYZE").await;
    }
    ws
}

/// The operations index's first page (100 runs, newest first, with the capped total) and
/// the bare indexed read of the same 100 ids as its reference.
async fn index_first_page(
    store: &Store,
    ws: atlas_domain::WorkspaceId,
    tab: RunTab,
) -> (Duration, Duration) {
    let filter = RunListFilter {
        tab,
        ..Default::default()
    };
    let page = median(15, || async {
        let mut db = store.conn().await.unwrap();
        let page = run_index::list(&mut db, ws, None, &filter, Timestamp::now())
            .await
            .unwrap();
        assert_eq!(page.items.len(), 100);
    })
    .await;
    let tab_sql = match tab {
        RunTab::Active => " AND status IN ('queued', 'running')",
        _ => "",
    };
    let sql = format!(
        "SELECT id FROM operation_runs WHERE workspace_id = '{ws}'{tab_sql} \
         ORDER BY created_at DESC, id DESC LIMIT 100"
    );
    let bare = median(15, || async {
        match store.conn().await.unwrap() {
            Conn::Sqlite(mut c) => {
                sqlx::query(&sql).fetch_all(&mut *c).await.unwrap();
            }
            Conn::Postgres(mut c) => {
                sqlx::query(&sql).fetch_all(&mut *c).await.unwrap();
            }
        }
    })
    .await;
    (page, bare)
}

#[derive(serde::Serialize)]
struct Row {
    backend: &'static str,
    engine_runs_per_s: f64,
    floor_runs_per_s: f64,
    engine_vs_floor: f64,
    reconcile_pass_ms: f64,
    count_active_ms: f64,
    reconcile_vs_count: f64,
}

#[derive(serde::Serialize)]
struct IndexRow {
    backend: &'static str,
    all_ms: f64,
    all_bare_ms: f64,
    active_ms: f64,
    active_bare_ms: f64,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut rows = Vec::new();
    let mut index_rows = Vec::new();
    for backend in backends().await {
        let store = &backend.store;
        let engine = engine_throughput(store).await;
        let floor = bare_statements(store).await;
        exec(store, "DELETE FROM audit_log").await;
        exec(store, "DELETE FROM operation_runs").await;

        eprintln!("{}: seeding {TOTAL_RUNS} runs…", backend.name);
        let ws = seed_million(store).await;
        let svc = service(store);
        let reconciler = Reconciler::new(svc.clone());
        let options = ReconcileOptions {
            dry_run: true,
            ..Default::default()
        };
        let pass = median(15, || async {
            let report = reconciler.pass(&options).await.unwrap();
            assert_eq!(
                report.inspected, 100,
                "the stale runs are found (limit 100)"
            );
        })
        .await;
        let count = median(15, || async {
            let mut db = store.conn().await.unwrap();
            assert_eq!(runs::count_active(&mut db).await.unwrap(), ACTIVE_RUNS);
        })
        .await;

        let (index_all, bare_all) = index_first_page(store, ws, RunTab::All).await;
        let (index_active, bare_active) = index_first_page(store, ws, RunTab::Active).await;

        let per_s = |d: Duration| THROUGHPUT_RUNS as f64 / d.as_secs_f64();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        index_rows.push(IndexRow {
            backend: backend.name,
            all_ms: ms(index_all),
            all_bare_ms: ms(bare_all),
            active_ms: ms(index_active),
            active_bare_ms: ms(bare_active),
        });
        rows.push(Row {
            backend: backend.name,
            engine_runs_per_s: per_s(engine),
            floor_runs_per_s: per_s(floor),
            engine_vs_floor: engine.as_secs_f64() / floor.as_secs_f64(),
            reconcile_pass_ms: pass.as_secs_f64() * 1000.0,
            count_active_ms: count.as_secs_f64() * 1000.0,
            reconcile_vs_count: pass.as_secs_f64() / count.as_secs_f64(),
        });
        store.close().await;
    }
    report(&rows, &index_rows);
}

fn report(rows: &[Row], index: &[IndexRow]) {
    let mut table = String::from(
        "| backend | engine claim+complete (runs/s) | bare statements floor (runs/s) | engine time ÷ floor | reconciler pass, 1M runs / 10k active (ms) | indexed count of active (ms) | pass ÷ count (goal ≤ 2) |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        table.push_str(&format!(
            "| {} | {:.0} | {:.0} | {:.2} | {:.1} | {:.1} | {:.2} |\n",
            r.backend,
            r.engine_runs_per_s,
            r.floor_runs_per_s,
            r.engine_vs_floor,
            r.reconcile_pass_ms,
            r.count_active_ms,
            r.reconcile_vs_count
        ));
    }
    let mut index_table = String::from(
        "| backend | first page, all runs (ms; goal < 20) | bare indexed 100 ids (ms) | ratio | first page, Active tab (ms; goal < 20) | bare (ms) | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in index {
        index_table.push_str(&format!(
            "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |\n",
            r.backend,
            r.all_ms,
            r.all_bare_ms,
            r.all_ms / r.all_bare_ms,
            r.active_ms,
            r.active_bare_ms,
            r.active_ms / r.active_bare_ms
        ));
    }
    println!("{table}\n{index_table}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("engine.json"),
        serde_json::to_string_pretty(
            &serde_json::json!({ "engine": rows, "operations_index": index }),
        )
        .unwrap(),
    )
    .unwrap();
    let section = format!(
        "## Engine\n\nMeasured {} on this machine by `scripts/bench.sh`. {THROUGHPUT_RUNS} no-op runs through a 4-worker pool; \
         the floor is the same number of bare claim + complete `UPDATE` pairs from 4 tasks on the same table. \
         The reconciler pass is a dry run over {TOTAL_RUNS} runs ({ACTIVE_RUNS} active, 200 of them stale; the pass judges the 100 longest overdue, its default limit), \
         compared with `SELECT COUNT(*)` of the active runs on the same data (median of 15 after 15 warm-up passes).\n\n{table}\n\
         ### Operations index over the same {TOTAL_RUNS} runs\n\n\
         The command's query: the first 100 runs newest first with tenant and initiator names and the total counted up to 10,000 \
         (`atlas_store::run_index::list`), against the bare indexed read of the same 100 ids; median of 15 after 15 warm-ups. \
         The end-to-end time to rendered rows in the window is not measured yet.\n\n{index_table}",
        Timestamp::now().as_datetime().format("%Y-%m-%d")
    );
    atlas_testkit::report::write_section(&root.join("BENCHMARKS.md"), "## Engine", &section);
    eprintln!("wrote BENCHMARKS.md and target/bench/engine.json");
}
