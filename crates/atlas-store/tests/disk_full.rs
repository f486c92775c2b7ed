//! A full disk ends a write with a clear error, loses nothing already stored, and the store
//! works again as soon as space returns — on a real, small filesystem (a tmpfs mounted for the
//! test; mounting needs root, which the test command has).

use atlas_domain::{AuditActor, AuditEntry, Timestamp};
use atlas_store::{audit, testing, Store, StoreConfig, StoreError};
use atlas_testkit::Tmpfs;

fn entry(ws: atlas_domain::WorkspaceId, n: usize, bytes: usize) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(ws),
        tenant_id: None,
        actor: AuditActor::System,
        action: "test.filler".into(),
        target_type: "test".into(),
        target_id: Some(n.to_string()),
        summary: format!("filler {n}"),
        // Random-looking text, so nothing compresses it away.
        metadata: serde_json::json!({ "blob": (0..bytes).map(|i| char::from(b'a' + ((i * 7 + n) % 26) as u8)).collect::<String>() }),
        created_at: Timestamp::now(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_writes_clearly_and_the_store_recovers_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let _disk = Tmpfs::mount(dir.path(), "size=4m");
    // Ballast the operator can delete later to make room.
    let ballast = dir.path().join("ballast");
    std::fs::write(&ballast, vec![7u8; 1024 * 1024]).unwrap();

    let store = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("atlas.db"),
    })
    .await
    .unwrap();
    let now = Timestamp::now();
    let user = testing::user(&store, "ann", now).await;
    let ws = testing::workspace(&store, "W", user.id, now).await.id;

    // Write until the disk is full.
    let mut stored = 0;
    let error = loop {
        let mut tx = store.begin().await.unwrap();
        let written = audit::insert(&mut tx, &entry(ws, stored, 64 * 1024)).await;
        let result = match written {
            Ok(()) => tx.commit().await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => stored += 1,
            Err(e) => break e,
        }
        assert!(stored < 200, "a 4 MB disk cannot take this much");
    };
    assert!(matches!(error, StoreError::DiskFull), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("disk holding the database is full"),
        "{error}"
    );

    // Every later write fails the same clear way while the disk is full — never "non-zero
    // transaction depth" — and reads still work.
    for n in 0..3 {
        let attempt = async {
            let mut tx = store.begin().await?;
            audit::insert(&mut tx, &entry(ws, 1000 + n, 64 * 1024)).await?;
            tx.commit().await
        };
        let err = attempt.await.unwrap_err();
        assert!(
            matches!(err, StoreError::DiskFull | StoreError::Busy),
            "{err:?}"
        );
    }
    let mut db = store.conn().await.unwrap();
    let kept = audit::list_for_workspace(&mut db, ws, 1000).await.unwrap();
    assert_eq!(kept.len(), stored, "what was committed is all there");
    drop(db);

    // Space returns: writing works again without restarting.
    std::fs::remove_file(&ballast).unwrap();
    let mut tx = store.begin().await.unwrap();
    audit::insert(&mut tx, &entry(ws, 2000, 1024))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut db = store.conn().await.unwrap();
    assert_eq!(
        audit::list_for_workspace(&mut db, ws, 1000)
            .await
            .unwrap()
            .len(),
        stored + 1
    );
    drop(db);
    store.close().await;
}
