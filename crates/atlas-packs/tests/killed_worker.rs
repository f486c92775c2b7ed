//! A worker killed with SIGKILL while it writes a pack (its `.zip.partial` on disk, nothing
//! renamed yet) leaves no ready pack: the next start on the machine fails the pack with its run,
//! and the prune leaves no orphan file. Real processes (`examples/pack_worker.rs`), both engines.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use atlas_domain::{
    Finding, PackOptions, PackStatus, ReviewPack, RunOutcome, RunStatus, Severity, Timestamp,
};
use atlas_engine::{EngineConfig, HandlerRegistry, RunService, SystemClock};
use atlas_packs::{prune, request_pack, PackKeys, PackRequest, PackSigningKey};
use atlas_store::{baselines, findings, review_packs, runs, testing, Store, StoreConfig};
use atlas_testkit::service::{example_binary, first_stdout_line};
use atlas_testkit::{eventually, files_under};
use tokio::process::{Child, Command};

mod support;

/// Enough findings that writing the pack takes a while in a debug build: the kill lands
/// while the file is being written.
const FINDINGS: usize = 5_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_write_leaves_no_ready_pack_and_no_orphan_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("atlas.db").display());
    killed_mid_write(url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_write_leaves_no_ready_pack_and_no_orphan_postgres() {
    let dir = tempfile::tempdir().unwrap();
    killed_mid_write(atlas_testkit::fresh_postgres_url(), dir.path()).await;
}

async fn killed_mid_write(url: String, dir: &Path) {
    let store = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap();
    let packs = dir.join("packs");
    let key = PackSigningKey::generate().unwrap();
    let tenant = seed(&store).await;
    let mut worker = spawn_worker(&url, &packs, &key).await;

    // This process only starts the run (the service takes only types it has handlers for);
    // the worker executes it.
    let mut registry = HandlerRegistry::new();
    atlas_packs::register(
        &mut registry,
        Arc::new(NoKeyHere),
        packs.clone(),
        "the test".into(),
    );
    let service = RunService::new(
        store.clone(),
        Arc::new(SystemClock),
        Arc::new(EngineConfig::default()),
        Arc::new(registry),
    );
    let options = PackOptions {
        include_pii: false,
        include_operations: true,
    };
    let pack = match request_pack(
        &store,
        &service,
        &tenant,
        options,
        None,
        false,
        Timestamp::now(),
    )
    .await
    .unwrap()
    {
        PackRequest::Queued { pack, .. } => pack,
        other => panic!("expected a queued pack, got {other:?}"),
    };

    // Kill the worker the moment its partial file has bytes in it.
    let partial = packs.join(format!("{}.zip.partial", pack.id));
    let deadline = Instant::now() + Duration::from_secs(120);
    while !std::fs::metadata(&partial).is_ok_and(|m| m.len() > 0) {
        assert!(
            Instant::now() < deadline,
            "the worker never started writing the pack"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    worker.start_kill().unwrap(); // SIGKILL: no shutdown path runs
    worker.wait().await.unwrap();

    let at_kill = get(&store, &pack).await;
    assert_eq!(
        at_kill.status,
        PackStatus::Generating,
        "killed before it was ready"
    );
    assert!(partial.exists(), "the half-written file is left behind");
    assert!(!atlas_packs::pack_file(&packs, pack.id).exists());

    // The app starts again on this machine: the dead process's run ends at once, and the pack
    // with it. Nothing was ever ready.
    let mut restarted = spawn_worker(&url, &packs, &key).await;
    let failed = eventually(
        Duration::from_secs(20),
        "the next start to fail the dead worker's pack",
        || async {
            let pack = get(&store, &pack).await;
            (pack.status == PackStatus::Failed).then_some(pack)
        },
    )
    .await;
    assert_eq!((failed.file_size, failed.file_sha256), (None, None));
    let mut db = store.conn().await.unwrap();
    let run = runs::get(&mut db, at_kill.run_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (run.status, run.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(
        run.reconciliation_source.as_deref(),
        Some("startup_reconciler")
    );
    restarted.start_kill().unwrap();
    restarted.wait().await.unwrap();

    // The prune (a minute after every start, then daily) leaves no orphan of the dead write.
    let report = prune::prune(&store, &packs, Timestamp::now(), false)
        .await
        .unwrap();
    assert!(!report.stray_files.is_empty());
    let left: Vec<PathBuf> = files_under(&packs);
    assert!(left.is_empty(), "orphans left: {left:?}");
}

#[derive(Debug)]
struct NoKeyHere;

#[async_trait::async_trait]
impl PackKeys for NoKeyHere {
    async fn signing_key(&self, _: atlas_domain::WorkspaceId) -> Result<PackSigningKey, String> {
        Err("this process never signs".into())
    }
}

async fn get(store: &Store, pack: &ReviewPack) -> ReviewPack {
    let mut db = store.conn().await.unwrap();
    review_packs::get(&mut db, pack.id).await.unwrap().unwrap()
}

async fn spawn_worker(url: &str, packs: &Path, key: &PackSigningKey) -> Child {
    let mut child = Command::new(example_binary("pack_worker"))
        .args([url, packs.to_str().unwrap()])
        .env("PACK_WORKER_KEY", key.to_hex())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let ready = first_stdout_line(&mut child, Duration::from_secs(30)).await;
    assert_eq!(ready, "ready", "the pack worker did not start");
    child
}

/// A tenant with a baseline profile and [`FINDINGS`] open findings.
async fn seed(store: &Store) -> atlas_domain::Tenant {
    let now = Timestamp::now();
    let (_owner, ws, tenant) = testing::owner_workspace_tenant(store, now, |ws| {
        testing::tenant(
            ws,
            "Fabrikam",
            "00000000-0000-4000-8000-00000000f00d".parse().unwrap(),
            now,
        )
    })
    .await;
    let profile = support::profile(ws, now);
    let mut db = store.conn().await.unwrap();
    baselines::insert_profile(&mut db, &profile).await.unwrap();
    let all: Vec<Finding> = (0..FINDINGS)
        .map(|i| {
            support::open_finding(
                &tenant,
                profile.id,
                &format!("Policy {i}"),
                Severity::Medium,
                now,
            )
        })
        .collect();
    for chunk in all.chunks(500) {
        findings::insert(&mut db, chunk).await.unwrap();
    }
    tenant
}
