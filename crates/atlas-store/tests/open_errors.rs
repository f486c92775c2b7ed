//! Bad locations are refused with a specific error, and nothing already stored is touched.

use std::time::{Duration, Instant};

use atlas_store::{Store, StoreConfig, StoreError};

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas.db");
    let garbage = b"this is definitely not a sqlite database, just some bytes".repeat(100);
    std::fs::write(&path, &garbage).unwrap();

    let err = Store::open(StoreConfig::Sqlite { path: path.clone() })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("atlas.db"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no -wal/-shm files were created: {leftovers:?}"
    );
}

#[tokio::test]
async fn an_empty_database_file_is_refused_never_replaced_by_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas.db");
    std::fs::write(&path, b"").unwrap();

    let err = Store::open(StoreConfig::Sqlite { path: path.clone() })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("empty (0 bytes)"), "{err}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "left as it was");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(
        leftovers.len(),
        1,
        "nothing was created beside it: {leftovers:?}"
    );
}

#[tokio::test]
async fn a_damaged_database_page_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas.db");
    let store = Store::open(StoreConfig::Sqlite { path: path.clone() })
        .await
        .unwrap();
    // Move everything from the write-ahead log into the main file first.
    if let atlas_store::Conn::Sqlite(mut c) = store.conn().await.unwrap() {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut *c)
            .await
            .unwrap();
    }
    store.close().await;
    // Keep the valid header, trash everything after it.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let _ = std::fs::remove_file(dir.path().join("atlas.db-wal"));
    let _ = std::fs::remove_file(dir.path().join("atlas.db-shm"));

    let err = Store::open(StoreConfig::Sqlite { path: path.clone() })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[tokio::test]
async fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope").join("atlas.db");
    let err = Store::open(StoreConfig::Sqlite { path }).await.unwrap_err();
    assert!(matches!(err, StoreError::Unavailable { .. }), "{err:?}");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[tokio::test]
async fn an_unreachable_postgres_fails_fast_without_showing_the_password() {
    // Bind then drop a listener: nothing listens on that port now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://atlas:hunter2@127.0.0.1:{port}/atlas");
    let started = Instant::now();
    let err = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap_err();
    // Refused at once, not after the pool's wait.
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(err, StoreError::Unavailable { .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains(&format!("127.0.0.1:{port}")), "{shown}");
    assert!(shown.contains("connection refused"), "{shown}");
}

#[tokio::test]
async fn a_port_that_speaks_another_protocol_is_named_not_postgres() {
    // A bare HTTP server: whatever it is asked, it answers with an HTTP error.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 512];
            let _ = socket.read(&mut buf).await;
            let _ = socket
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .await;
        }
    });
    let url = format!("postgres://atlas:hunter2@127.0.0.1:{port}/atlas?sslmode=disable");
    let err = Store::open(StoreConfig::from_url(&url).unwrap())
        .await
        .unwrap_err();
    server.abort();
    let shown = format!("{err}");
    assert!(shown.contains("not a PostgreSQL server"), "{shown}");
    assert!(!shown.contains("1414811696"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
}
