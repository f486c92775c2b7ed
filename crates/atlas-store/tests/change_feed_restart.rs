//! The change feed survives a PostgreSQL restart. A test binary of its own: it restarts the
//! server every test of the process shares.

use std::time::Duration;

use atlas_domain::{ChangeKind, DirectoryTenantId, Timestamp};
use atlas_store::{changes::Notice, testing, Store, StoreConfig};

#[tokio::test]
async fn listen_survives_a_server_restart_and_asks_for_a_re_read() {
    let url = atlas_testkit::fresh_postgres_url();
    let store = Store::open(StoreConfig::Postgres { url }).await.unwrap();
    let mut listener = store.listen().await.unwrap().unwrap();
    let (_, ws, _) = testing::owner_workspace_tenant(&store, Timestamp::now(), |ws| {
        testing::tenant(ws, "Before", directory(), Timestamp::now())
    })
    .await;
    // The announcements of the seeding arrive first.
    while let Ok(notice) = tokio::time::timeout(Duration::from_millis(300), listener.next()).await {
        assert!(matches!(notice, Notice::Change(_)), "{notice:?}");
    }

    tokio::task::spawn_blocking(|| atlas_testkit::restart_cluster(Duration::from_secs(2)))
        .await
        .unwrap();
    let notice = tokio::time::timeout(Duration::from_secs(15), listener.next())
        .await
        .expect("the listener is back within seconds of the server");
    assert_eq!(
        notice,
        Notice::Resync,
        "announcements may have been missed while away"
    );

    // And it hears new changes again.
    let tenant = testing::tenant(ws, "After", directory(), Timestamp::now());
    let inserted = async {
        loop {
            // The pool's connections died with the server; the first tries may fail.
            match store.conn().await {
                Ok(mut db) => {
                    if atlas_store::tenants::insert(&mut db, &tenant).await.is_ok() {
                        return;
                    }
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), inserted)
        .await
        .expect("the store works again");
    let notice = tokio::time::timeout(Duration::from_secs(2), listener.next())
        .await
        .expect("a change after the restart");
    let Notice::Change(change) = notice else {
        panic!("{notice:?}")
    };
    assert_eq!(change.kind, ChangeKind::Tenant);
    assert_eq!(change.tenant, Some(tenant.id));
}

fn directory() -> DirectoryTenantId {
    uuid::Uuid::new_v4().to_string().parse().unwrap()
}
