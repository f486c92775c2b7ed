//! What every store test file shares: a store per engine, the `conformance!` macro that runs a
//! test on both, fixed times and seed data.

// Each test binary uses a different part of this module.
#![allow(dead_code, unused_macros)]

use atlas_domain::{
    ConnectionCheck, CredentialKind, Membership, ProviderConnection, Role, Tenant, TenantId,
    TenantStatus, Timestamp, UserId, Workspace, WorkspaceId,
};
use atlas_store::{memberships, tenants, users, workspaces, Store, StoreConfig};

pub async fn sqlite_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("atlas.db"),
    })
    .await
    .expect("open sqlite");
    (store, dir)
}

pub async fn postgres_store() -> (Store, ()) {
    let url = atlas_testkit::fresh_postgres_url();
    (
        Store::open(StoreConfig::Postgres { url })
            .await
            .expect("open postgres"),
        (),
    )
}

/// Declares each listed test twice: `sqlite::name` and `postgres::name`.
macro_rules! conformance {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $( #[tokio::test] async fn $name() {
                let (store, _keep) = $crate::support::sqlite_store().await;
                super::$name(store).await;
            } )+
        }
        mod postgres {
            $( #[tokio::test] async fn $name() {
                let (store, _keep) = $crate::support::postgres_store().await;
                super::$name(store).await;
            } )+
        }
    };
}

pub fn at(ms: i64) -> Timestamp {
    Timestamp::from_unix_millis(1_780_000_000_000 + ms).unwrap()
}

pub async fn seed_user(store: &Store, login: &str) -> UserId {
    let mut c = store.conn().await.unwrap();
    users::upsert_by_login(&mut c, login, login, at(0))
        .await
        .unwrap()
        .id
}

pub async fn seed_workspace(store: &Store, slug: &str, owner: UserId) -> WorkspaceId {
    let ws = Workspace {
        id: WorkspaceId::new(),
        slug: slug.into(),
        name: format!("Workspace {slug}"),
        created_at: at(0),
        updated_at: at(0),
    };
    let mut tx = store.begin().await.unwrap();
    workspaces::insert(&mut tx, &ws).await.unwrap();
    let m = Membership {
        workspace_id: ws.id,
        user_id: owner,
        role: Role::Owner,
        all_tenants: true,
    };
    memberships::upsert(&mut tx, &m, at(0)).await.unwrap();
    tx.commit().await.unwrap();
    ws.id
}

pub fn tenant(workspace: WorkspaceId, name: &str, n: u8) -> Tenant {
    Tenant {
        id: TenantId::new(),
        workspace_id: workspace,
        display_name: name.into(),
        directory_tenant_id: format!("00000000-0000-4000-8000-0000000000{n:02x}")
            .parse()
            .unwrap(),
        primary_domain: Some(format!("{}.onmicrosoft.com", name.to_lowercase())),
        status: TenantStatus::Active,
        simulated: true,
        connection: Some(ProviderConnection {
            client_id: "11111111-2222-4333-8444-555555555555".into(),
            credential_kind: CredentialKind::ClientSecret,
            credential_ref: Some(format!("tenantatlas/{name}")),
            credential_updated_at: Some(at(5)),
            credential_expiry: None,
        }),
        connection_check: ConnectionCheck::default(),
        created_at: at(1),
        updated_at: at(2),
    }
}

/// A workspace with one tenant in it, stored.
pub async fn seed_tenant(store: &Store) -> Tenant {
    let owner = seed_user(store, "local:ann").await;
    let ws = seed_workspace(store, "acme", owner).await;
    let t = tenant(ws, "Contoso", 1);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &t).await.unwrap();
    t
}

/// Runs dialect-specific SQL: the first string on SQLite, the second on PostgreSQL.
pub async fn execute(c: &mut atlas_store::Conn, sqlite: &str, postgres: &str) {
    match c {
        atlas_store::Conn::Sqlite(c) => {
            sqlx::query(sqlite).execute(&mut **c).await.unwrap();
        }
        atlas_store::Conn::Postgres(c) => {
            sqlx::query(postgres).execute(&mut **c).await.unwrap();
        }
    }
}

pub async fn query_strings(c: &mut atlas_store::Conn, sqlite: &str, postgres: &str) -> Vec<String> {
    match c {
        atlas_store::Conn::Sqlite(c) => sqlx::query_scalar(sqlite)
            .fetch_all(&mut **c)
            .await
            .unwrap(),
        atlas_store::Conn::Postgres(c) => sqlx::query_scalar(postgres)
            .fetch_all(&mut **c)
            .await
            .unwrap(),
    }
}

/// A queued run of `kind` for the tenant, stored.
pub async fn stored_run(
    store: &Store,
    workspace: WorkspaceId,
    tenant: TenantId,
    kind: atlas_domain::OperationType,
) -> atlas_domain::RunId {
    let run = atlas_domain::OperationRun::queued(
        workspace,
        Some(tenant),
        None,
        kind,
        format!("{kind}-{}", atlas_domain::RunId::new()),
        serde_json::json!({}),
        at(1),
    );
    let mut c = store.conn().await.unwrap();
    atlas_store::runs::insert(&mut c, &run).await.unwrap();
    run.id
}

/// Runs one statement both engines accept, returning the driver's answer.
pub async fn execute_result(c: &mut atlas_store::Conn, sql: &str) -> Result<u64, sqlx::Error> {
    match c {
        atlas_store::Conn::Sqlite(c) => sqlx::query(sql)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected()),
        atlas_store::Conn::Postgres(c) => sqlx::query(sql)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected()),
    }
}
