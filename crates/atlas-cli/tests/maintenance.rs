//! `atlas lifecycle validate`, `atlas reconcile` and `atlas worker` as an operator runs them.

use std::{process::Stdio, time::Duration};

use assert_cmd::Command;
use atlas_domain::{OperationRun, OperationType, RunId, RunOutcome, RunStatus, Timestamp};
use atlas_store::{runs, testing, Store, StoreConfig};
use atlas_testkit::service::{first_stderr_line, stop_with_sigterm};
use predicates::prelude::*;

fn atlas() -> Command {
    let mut cmd = Command::cargo_bin("atlas").unwrap();
    cmd.env_remove("TENANTATLAS_DATABASE_URL")
        .env_remove("TENANTATLAS_POLICY_FILE");
    cmd
}

#[test]
fn the_default_lifecycle_configuration_is_valid() {
    atlas()
        .args(["lifecycle", "validate"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "consistent: 12 operation types, lease 600s",
        ));
}

#[test]
fn each_lifecycle_violation_is_named_and_fails_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "[engine]\nheartbeat_seconds = 400\n[policies.\"restore.execute\"]\ntimeout = 590\n",
    )
    .unwrap();
    atlas()
        .arg("--policy")
        .arg(&policy)
        .args(["lifecycle", "validate"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "heartbeat interval (400s) must fit at least 3 times",
        ))
        .stdout(predicate::str::contains(
            "restore.execute: timeout (590s) must stay below the lease (600s)",
        ));
    let out = atlas()
        .arg("--policy")
        .arg(&policy)
        .args(["lifecycle", "validate", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert!(v["violations"].as_array().unwrap().len() >= 2);
}

#[test]
fn a_policy_file_with_an_unknown_type_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[policies.inventory]\ntimeout = 10\n").unwrap();
    atlas()
        .arg("--policy")
        .arg(&policy)
        .args(["lifecycle", "validate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown operation type \"inventory\"",
        ));
}

/// A queued run created an hour ago that no worker ever started.
async fn seed_stale_run(path: &std::path::Path) -> RunId {
    let store = Store::open(StoreConfig::Sqlite { path: path.into() })
        .await
        .unwrap();
    let now = Timestamp::now();
    let hour_ago = Timestamp::from_unix_millis(now.unix_millis() - 3_600_000).unwrap();
    let user = testing::user(&store, "ann", now).await.id;
    let ws = testing::workspace(&store, "W", user, now).await;
    let mut tx = store.begin().await.unwrap();
    let run = OperationRun {
        stale_at: Timestamp::from_unix_millis(hour_ago.unix_millis() + 300_000),
        ..OperationRun::queued(
            ws.id,
            None,
            Some(user),
            OperationType::InventorySync,
            "stale".into(),
            serde_json::json!({}),
            hour_ago,
        )
    };
    runs::insert(&mut tx, &run).await.unwrap();
    tx.commit().await.unwrap();
    store.close().await;
    run.id
}

async fn stored(path: &std::path::Path, id: RunId) -> OperationRun {
    let store = Store::open(StoreConfig::Sqlite { path: path.into() })
        .await
        .unwrap();
    let mut db = store.conn().await.unwrap();
    let run = runs::get(&mut db, id).await.unwrap().unwrap();
    drop(db);
    store.close().await;
    run
}

#[tokio::test]
async fn reconcile_resolves_stale_runs_and_reports_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tenantatlas.db");
    let id = seed_stale_run(&db).await;

    let out = atlas()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["reconcile", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["inspected"].as_u64(), report["reconciled"].as_u64()),
        (Some(1), Some(0))
    );

    // A policy file the engine would refuse is refused here too: nothing is judged by it.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[engine]\nlease_seconds = 60\n").unwrap();
    atlas()
        .arg("--data-dir")
        .arg(dir.path())
        .arg("reconcile")
        .env("TENANTATLAS_POLICY_FILE", &bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no run was judged"))
        .stderr(predicate::str::contains("must stay below the lease (60s)"));
    assert_eq!(stored(&db, id).await.status, RunStatus::Queued);
    assert_eq!(report["changes"][0]["run_id"], id.to_string());
    assert_eq!(
        stored(&db, id).await.status,
        RunStatus::Queued,
        "a dry run changes nothing"
    );

    atlas()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["reconcile", "--type", "inventory_sync", "--limit", "10"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{id} resolved: inventory_sync queued (never_started), run.stale_queued"
        )))
        .stdout(predicate::str::contains(
            "inspected 1, reconciled 1, skipped 0",
        ));
    let run = stored(&db, id).await;
    assert_eq!(
        (run.status, run.outcome),
        (RunStatus::Completed, RunOutcome::Failed)
    );
    assert_eq!(
        run.reconciliation_source.as_deref(),
        Some("manual_reconciler")
    );

    atlas()
        .arg("--data-dir")
        .arg(dir.path())
        .arg("reconcile")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "inspected 0, reconciled 0, skipped 0",
        ));
    atlas()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["reconcile", "--limit", "501"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("501 is not in 1..=500"));
}

#[tokio::test]
async fn a_worker_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["worker", "--workers", "2"])
        .env_remove("TENANTATLAS_DATABASE_URL")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let line = first_stderr_line(&mut child, Duration::from_secs(30)).await;
    assert!(line.contains("worker running on"), "{line}");
    let status = stop_with_sigterm(&mut child, Duration::from_secs(15)).await;
    assert!(status.success(), "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_commands_work_while_another_program_holds_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    let run = |data: &std::path::Path, args: &[&str]| {
        atlas()
            .env("TENANTATLAS_USER", "ann")
            .arg("--data-dir")
            .arg(data)
            .args(args)
            .assert()
    };
    // The first start creates the database and the local operator.
    run(&data, &["info"]).success();
    let store = Store::open(StoreConfig::Sqlite {
        path: data.join("tenantatlas.db"),
    })
    .await
    .unwrap();
    // Another program writes (and holds the lock, as a long sync's transaction can).
    let lock = store.begin().await.unwrap();
    let started = std::time::Instant::now();
    tokio::task::spawn_blocking(move || {
        run(&data, &["info"]).success();
        // No workspace yet: the command answers (exit 1 with the next step), it does not wait
        // for the lock and fail to start (exit 2).
        run(&data, &["tenants"])
            .code(1)
            .stderr(predicate::str::contains("run `atlas demo`"));
    })
    .await
    .unwrap();
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(4),
        "read commands waited {took:?}"
    );
    lock.rollback().await.unwrap();
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_data_folder_can_still_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    let mount = atlas_testkit::Tmpfs::mount(&data, "size=16m");
    let run = |args: &[&str]| {
        atlas()
            .env("TENANTATLAS_USER", "ann")
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .assert()
    };
    run(&["info"]).success();
    {
        let store = Store::open(StoreConfig::Sqlite {
            path: data.join("tenantatlas.db"),
        })
        .await
        .unwrap();
        let mut db = store.conn().await.unwrap();
        let ann =
            atlas_store::users::upsert_by_login(&mut db, "local:ann", "ann", Timestamp::now())
                .await
                .unwrap();
        drop(db);
        testing::workspace(&store, "Northwind IT", ann.id, Timestamp::now()).await;
        store.close().await;
    }
    // The closed store's connection threads may still be letting go of their files: a remount
    // read-only is "busy" until the last one has.
    let mut remounted = false;
    for _ in 0..50 {
        if mount.remount_read_only() {
            remounted = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(remounted, "the data folder could not be made read-only");

    run(&["info"]).success();
    run(&["workspaces"])
        .success()
        .stdout(predicate::str::contains("Northwind IT"));
    // Work that writes is refused with the reason, at once.
    run(&["sync", "--all"])
        .code(2)
        .stderr(predicate::str::contains("not writable"));
}
