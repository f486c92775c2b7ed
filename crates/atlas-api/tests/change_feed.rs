//! Another process's changes reach this process's event stream (the window's live updates):
//! through LISTEN/NOTIFY on PostgreSQL, through the data version on a shared SQLite file.
//! Two runtimes on one database stand for two processes: they share no memory, only the
//! database.

use std::time::{Duration, Instant};

use atlas_api::{
    types::{StartSyncRequest, SyncKind},
    Runtime, RuntimeOptions,
};
use atlas_domain::{ChangeKind, RunEventKind, RunId};

async fn runtime(data_dir: &std::path::Path, database_url: Option<String>) -> Runtime {
    Runtime::open(RuntimeOptions {
        data_dir: Some(data_dir.into()),
        database_url,
        user_name: Some("ann".into()),
        ..Default::default()
    })
    .await
    .unwrap()
}

/// Starts a sync in `a` and waits for `b`'s stream to show it; returns how long that took.
async fn sync_reaches_the_other(a: &Runtime, b: &Runtime) -> (Duration, Vec<ChangeKind>) {
    let mut stream = b.api.subscribe(&b.actor);
    let demo = a.api.create_demo_workspace(&a.actor).await.unwrap();
    let started = Instant::now();
    let run: RunId = a
        .api
        .start_sync(
            &a.actor,
            StartSyncRequest {
                tenant_id: demo.tenants[0].id,
                kind: SyncKind::Inventory,
            },
        )
        .await
        .unwrap()
        .run
        .id;
    let mut kinds = Vec::new();
    let seen = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let batch = stream.next_visible().await.expect("the stream stays open");
            kinds.extend(batch.changes.iter().copied());
            if let Some(event) = batch.events.iter().find(|e| e.run.id == run) {
                assert_eq!(event.kind, RunEventKind::Created);
                return started.elapsed();
            }
        }
    })
    .await
    .expect("the other process's run arrives");
    (seen, kinds)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_started_by_another_workstation_arrives_within_a_second_on_postgresql() {
    let url = atlas_testkit::fresh_postgres_url();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = runtime(dir_a.path(), Some(url.clone())).await;
    let b = runtime(dir_b.path(), Some(url)).await;
    let (took, kinds) = sync_reaches_the_other(&a, &b).await;
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(
        kinds.contains(&ChangeKind::Tenant),
        "the demo's tenants were announced: {kinds:?}"
    );
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_started_by_the_cli_on_the_same_file_reaches_the_open_app() {
    let dir = tempfile::tempdir().unwrap();
    let app = runtime(dir.path(), None).await;
    let cli = runtime(dir.path(), None).await;
    let (took, _) = sync_reaches_the_other(&cli, &app).await;
    // The data version is looked at twice a second, then gathered for a quarter.
    assert!(took < Duration::from_millis(1_500), "{took:?}");
    app.shutdown().await;
    cli.shutdown().await;
}
