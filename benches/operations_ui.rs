//! The window's speed end to end in the real desktop app: a data folder holding 500 tenants and
//! 1,000,000 runs, the webview driven through tauri-driver (needs a display, a session bus and
//! `tauri-driver`, like the E2E tests; `scripts/bench.sh` provides them).
//!
//! Measured from inside the webview:
//! - each page, from navigation until its first rows are rendered: Operations cold (the first
//!   visit, 4 s after the window opened: counts and first page read for the first time; the
//!   median of several fresh windows on copies of one data folder), then
//!   the Overview, Tenants and Operations again (the median of several visits, each after
//!   another page; goal < 300 ms);
//! - `list_runs` (first page of 100) called over IPC: command + query + serialisation + IPC;
//! - the reference, in the same run: `app_info` over IPC, the cheapest command there is.
//!
//! Prints a table and writes `target/bench/operations_ui.json`.

#[allow(dead_code)]
#[path = "../tests/support/app.rs"]
mod app;

use std::{path::Path, time::Duration};

use app::App;
use atlas_domain::{Membership, Role, Timestamp, Workspace, WorkspaceId};
use atlas_store::{memberships, tenants, testing, users, workspaces, Conn, Store, StoreConfig};

const RUNS: i64 = 1_000_000;
const TENANTS: usize = 500;
const DATABASE: &str = "tenantatlas.db";
const ROUNDS: usize = 15;
/// Windows opened to measure the cold first visit of Operations (the median is reported).
const COLD_LAUNCHES: usize = 7;
/// Visits of each page measured after the first.
const VISITS: usize = 7;
const GOAL_MS: f64 = 300.0;

/// The operator the app runs as, a workspace they own with TENANTS tenants, and RUNS runs of
/// those tenants in it (1% active).
fn seed(data: &Path) {
    let data = data.to_owned();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new().unwrap().block_on(async move {
            let store = Store::open(StoreConfig::Sqlite {
                path: data.join(DATABASE),
            })
            .await
            .unwrap();
            let mut db = store.conn().await.unwrap();
            let now = Timestamp::now();
            let user = users::upsert_by_login(&mut db, "local:e2e-operator", "e2e-operator", now)
                .await
                .unwrap();
            let ws = Workspace {
                id: WorkspaceId::new(),
                slug: "bench".into(),
                name: "Bench MSP".into(),
                created_at: now,
                updated_at: now,
            };
            workspaces::insert(&mut db, &ws).await.unwrap();
            let m = Membership {
                workspace_id: ws.id,
                user_id: user.id,
                role: Role::Owner,
                all_tenants: true,
            };
            memberships::upsert(&mut db, &m, now).await.unwrap();
            let mut tenant_ids = Vec::with_capacity(TENANTS);
            for n in 0..TENANTS {
                let directory = format!("00000000-0000-4000-8000-{n:012}").parse().unwrap();
                let tenant = testing::tenant(ws.id, &format!("Customer {n:03}"), directory, now);
                tenants::insert(&mut db, &tenant).await.unwrap();
                tenant_ids.push(format!("'{}'", tenant.id));
            }
            let old = now.unix_millis() - 86_400_000;
            // Active runs are running on "another workstation" with a live lease, so this
            // app's workers leave them alone and the measurement sees a quiet engine.
            let sql = format!(
                "WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n < {last}) \
                 INSERT INTO operation_runs (id, workspace_id, tenant_id, initiator_user_id, type, status, \
                 outcome, run_identity_hash, created_at, started_at, completed_at, lease_owner, \
                 lease_expires_at, heartbeat_at, stale_at) \
                 SELECT 'b0000000-0000-4000-8000-' || printf('%012d', n), '{ws}', t.id, '{user}', \
                 CASE WHEN n % 2 = 0 THEN 'inventory_sync' ELSE 'policy.sync' END, \
                 CASE WHEN n % 100 = 0 THEN 'running' ELSE 'completed' END, \
                 CASE WHEN n % 100 = 0 THEN 'pending' WHEN n % 7 = 0 THEN 'failed' ELSE 'succeeded' END, \
                 'b-' || n, {old} + n, {old} + n, \
                 CASE WHEN n % 100 = 0 THEN NULL ELSE {old} + n + 1000 END, \
                 CASE WHEN n % 100 = 0 THEN 'bench-elsewhere' ELSE NULL END, \
                 CASE WHEN n % 100 = 0 THEN {far} ELSE NULL END, \
                 CASE WHEN n % 100 = 0 THEN {now_ms} ELSE NULL END, \
                 CASE WHEN n % 100 = 0 THEN {far} ELSE NULL END FROM g JOIN temp.bench_tenants t ON t.i = n % {TENANTS}",
                last = RUNS - 1,
                ws = ws.id,
                user = user.id,
                now_ms = now.unix_millis(),
                far = now.unix_millis() + 86_400_000 * 30,
            );
            match &mut db {
                Conn::Sqlite(c) => {
                    // Run n belongs to tenant n % TENANTS, looked up by rowid.
                    let rows = tenant_ids
                        .iter()
                        .enumerate()
                        .map(|(i, id)| format!("({i}, {id})"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    sqlx::query("CREATE TEMP TABLE bench_tenants (i INTEGER PRIMARY KEY, id TEXT)")
                        .execute(&mut **c)
                        .await
                        .unwrap();
                    sqlx::query(&format!("INSERT INTO temp.bench_tenants VALUES {rows}"))
                        .execute(&mut **c)
                        .await
                        .unwrap();
                    sqlx::query(&sql).execute(&mut **c).await.unwrap();
                    sqlx::query("ANALYZE").execute(&mut **c).await.unwrap();
                }
                Conn::Postgres(_) => unreachable!("the bench seeds SQLite"),
            }
            drop(db);
            store.close().await;
            eprintln!("seeded {RUNS} runs");
        })
    })
    .join()
    .unwrap();
}

/// Milliseconds the webview measured for `script` (which returns them).
async fn measure(app: &App, script: &str) -> f64 {
    let value = app.client.execute_async(script, vec![]).await.unwrap();
    value
        .as_f64()
        .unwrap_or_else(|| panic!("a time in ms, got {value}"))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Navigates to `route` and measures until `ready` (a CSS selector) matches: first rows.
fn visit(route: &str, ready: &str) -> String {
    format!(
        "const done = arguments[arguments.length - 1]; const t = performance.now();\
         window.location.hash = '#{route}';\
         const tick = () => document.querySelector('{ready}') ? done(performance.now() - t) : requestAnimationFrame(tick);\
         tick();"
    )
}

const PAGES: [(&str, &str, &str); 3] = [
    ("Overview", "/", "[data-testid=overview-row]"),
    ("Tenants", "/tenants", "[data-testid=tenant-row]"),
    ("Operations", "/operations", "[data-testid=run-row]"),
];

/// Copies the seeded database (closed, so its write-ahead log is checkpointed into it) into a
/// fresh launch's data folder.
fn copy_seeded(from: &Path, to: &Path) {
    std::fs::copy(from.join(DATABASE), to.join(DATABASE)).unwrap();
}

/// Opens the window on a copy of the seeded data and waits until its home page shows rows.
async fn launch(seeded: &Path) -> App {
    let app = App::launch(|data| copy_seeded(seeded, data)).await;
    app.wait_for("[data-testid=overview-row]").await;
    app
}

/// The first visit of the Operations page in this window, until its first rows are on screen,
/// as an operator would make it: a few seconds after the window opened (its start-up reads are
/// done and the pages' code has been preloaded in the background). Returns (page on screen,
/// first rows) in ms.
async fn cold_visit(app: &App) -> (f64, f64) {
    tokio::time::sleep(Duration::from_secs(4)).await;
    let script = "const done = arguments[arguments.length - 1]; const t = performance.now();\
         let mounted = null; window.location.hash = '#/operations';\
         const tick = () => {\
           if (mounted === null && document.querySelector('[data-testid=operations-page]')) mounted = performance.now() - t;\
           if (document.querySelector('[data-testid=run-row]')) done([mounted, performance.now() - t]);\
           else requestAnimationFrame(tick);\
         };\
         tick();";
    let value = app.client.execute_async(script, vec![]).await.unwrap();
    let times: Vec<f64> = serde_json::from_value(value).unwrap();
    (times[0], times[1])
}

#[tokio::main]
async fn main() {
    let seeded = tempfile::tempdir().unwrap();
    seed(seeded.path());

    // A cold visit happens once per window: measured in COLD_LAUNCHES fresh windows (each on
    // its own copy of the data), the last of which goes on to measure the rest.
    let (mut cold_mounted, mut cold) = (vec![], vec![]);
    let mut app = None;
    for launch_number in 1..=COLD_LAUNCHES {
        let window = launch(seeded.path()).await;
        let (mounted, rows) = cold_visit(&window).await;
        cold_mounted.push(mounted);
        cold.push(rows);
        if launch_number == COLD_LAUNCHES {
            app = Some(window);
        } else {
            window.quit().await;
        }
    }
    let app = app.expect("at least one launch");
    let cold_samples = cold.clone();
    let (cold_mounted, cold) = (median(cold_mounted), median(cold));
    let ws = app
        .client
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('list_workspaces', {}).then(w => w[0].workspace.id);",
            vec![],
        )
        .await
        .unwrap();
    let ws = ws.as_str().unwrap().to_owned();
    app.screenshot("bench-operations-1m").await;

    // Each page again, after another page (its data may be cached: what a user sees).
    let mut pages: Vec<(&str, Vec<f64>)> = PAGES.iter().map(|(name, ..)| (*name, vec![])).collect();
    for _ in 0..VISITS {
        for (i, (_, route, ready)) in PAGES.iter().enumerate() {
            pages[i].1.push(measure(&app, &visit(route, ready)).await);
        }
    }
    app.screenshot("bench-overview-500").await;
    let pages: Vec<(&str, f64)> = pages
        .into_iter()
        .map(|(name, xs)| (name, median(xs)))
        .collect();

    let invoke = |command: &str, args: &str| {
        format!(
            "const done = arguments[arguments.length - 1]; const t = performance.now();\
             window.__TAURI_INTERNALS__.invoke('{command}', {args}).then(() => done(performance.now() - t));"
        )
    };
    let list_runs = invoke(
        "list_runs",
        &format!(
            "{{request: {{workspace_id: '{ws}', filter: {{tab: 'all', types: [], statuses: [], outcomes: [], freshness: [], tenants: [], initiators: [], direction: 'desc', offset: 0, limit: 100}}}}}}"
        ),
    );
    let app_info = invoke("app_info", "{}");
    // What the pages ask for besides the first page of runs, each over IPC (median).
    let workspace = format!("{{request: {{workspace_id: '{ws}'}}}}");
    let others = [
        ("runs_overview", workspace.clone()),
        ("list_tenants", workspace.clone()),
        ("list_last_syncs", workspace.clone()),
        (
            "workspace_overview",
            format!("{{request: {{workspace_id: '{ws}', utc_offset_minutes: 0}}}}"),
        ),
    ];
    let mut commands = vec![];
    for (command, args) in &others {
        let script = invoke(command, args);
        let mut times = vec![];
        for _ in 0..5 {
            times.push(measure(&app, &script).await);
        }
        commands.push((*command, median(times)));
    }
    let (mut page, mut reference) = (vec![], vec![]);
    for _ in 0..ROUNDS {
        measure(&app, &list_runs).await;
        measure(&app, &app_info).await;
    }
    for _ in 0..ROUNDS {
        page.push(measure(&app, &list_runs).await);
        reference.push(measure(&app, &app_info).await);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (page, reference) = (median(page), median(reference));
    app.quit().await;

    let verdict = |ms: f64| if ms < GOAL_MS { "met" } else { "missed" };
    let mut table = format!(
        "| measure (SQLite, {TENANTS} tenants, {RUNS} runs) | ms | goal < {GOAL_MS:.0} ms |\n|---|---:|---|\n\
         | opening Operations until the first rows are rendered (cold: first visit, 4 s after start-up; median of {COLD_LAUNCHES} windows: {}) | {cold:.0} | {} |\n\
         | … of which until the page is on screen (its first render, before any data) | {cold_mounted:.0} | |\n",
        cold_samples
            .iter()
            .map(|ms| format!("{ms:.0}"))
            .collect::<Vec<_>>()
            .join(", "),
        verdict(cold)
    );
    for (name, ms) in &pages {
        table += &format!(
            "| opening {name} until its first rows are rendered (median of {VISITS} visits) | {ms:.0} | {} |\n",
            verdict(*ms)
        );
    }
    table += &format!(
        "| `list_runs` first page (100 rows) over IPC, median of {ROUNDS} | {page:.1} | |\n\
         | `app_info` over IPC (reference), median of {ROUNDS} | {reference:.1} | |\n\
         | `list_runs` ÷ `app_info` | {:.1} | |\n",
        page / reference
    );
    for (command, ms) in &commands {
        table += &format!("| `{command}` over IPC, median of 5 | {ms:.1} | |\n");
    }
    println!("{table}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("operations_ui.json"),
        serde_json::to_string_pretty(&serde_json::json!({
            "runs": RUNS,
            "tenants": TENANTS,
            "open_operations_cold_ms": cold,
            "open_operations_cold_samples_ms": cold_samples,
            "operations_cold_mounted_ms": cold_mounted,
            "pages_ms": pages.iter().map(|(n, ms)| (n.to_string(), *ms)).collect::<std::collections::BTreeMap<_, _>>(),
            "list_runs_ms": page,
            "app_info_ms": reference,
            "commands_ms": commands.iter().map(|(c, ms)| (c.to_string(), *ms)).collect::<std::collections::BTreeMap<_, _>>(),
        }))
        .unwrap(),
    )
    .unwrap();
}
