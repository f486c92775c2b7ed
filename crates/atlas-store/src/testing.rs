//! Seeding for the tests of every crate above the store (feature `test-support`, enabled only
//! in dev-dependencies): one way to open a throwaway store and to put an operator, a workspace
//! with its owner, a member and a tenant in it. Ids come back, so nothing is re-read to find
//! them; times are given, so tests on a fixed clock stay exact.

use atlas_domain::{
    DirectoryTenantId, Membership, Role, Tenant, TenantId, TenantStatus, Timestamp, User, UserId,
    Workspace, WorkspaceId,
};

use crate::{memberships, tenants, users, workspaces, Store, StoreConfig};

/// A fresh SQLite store in a temporary folder (removed when the guard drops).
pub async fn sqlite_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(StoreConfig::Sqlite {
        path: dir.path().join("atlas.db"),
    })
    .await
    .expect("a fresh SQLite store opens");
    (store, dir)
}

/// A fresh database on the test process's throwaway PostgreSQL server (Unix test machines).
#[cfg(unix)]
pub async fn postgres_store() -> Store {
    let url = atlas_testkit::fresh_postgres_url();
    Store::open(StoreConfig::Postgres { url })
        .await
        .expect("a fresh PostgreSQL database opens")
}

/// The local operator `name` (login `local:<name>`), as a workstation signs them in.
pub async fn user(store: &Store, name: &str, at: Timestamp) -> User {
    let mut db = store.conn().await.expect("a connection");
    users::upsert_by_login(&mut db, &format!("local:{name}"), name, at)
        .await
        .expect("the user is stored")
}

/// A workspace called `name` (its slug: lower case, dashes for spaces) with `owner` as its
/// owner.
pub async fn workspace(store: &Store, name: &str, owner: UserId, at: Timestamp) -> Workspace {
    let ws = Workspace {
        id: WorkspaceId::new(),
        slug: name.to_lowercase().replace(' ', "-"),
        name: name.into(),
        created_at: at,
        updated_at: at,
    };
    let mut tx = store.begin().await.expect("a transaction");
    workspaces::insert(&mut tx, &ws)
        .await
        .expect("the workspace is stored");
    let owner = Membership {
        workspace_id: ws.id,
        user_id: owner,
        role: Role::Owner,
        all_tenants: true,
    };
    memberships::upsert(&mut tx, &owner, at)
        .await
        .expect("the owner is stored");
    tx.commit().await.expect("the workspace commits");
    ws
}

/// Makes `user` a member with `role`: of every tenant (`entitled` is `None`), or only of the
/// tenants listed.
pub async fn member(
    store: &Store,
    workspace: WorkspaceId,
    user: UserId,
    role: Role,
    entitled: Option<&[TenantId]>,
    at: Timestamp,
) {
    let mut tx = store.begin().await.expect("a transaction");
    let membership = Membership {
        workspace_id: workspace,
        user_id: user,
        role,
        all_tenants: entitled.is_none(),
    };
    memberships::upsert(&mut tx, &membership, at)
        .await
        .expect("the membership is stored");
    for tenant in entitled.unwrap_or_default() {
        memberships::grant_tenant(&mut tx, workspace, user, *tenant, at)
            .await
            .expect("the entitlement is stored");
    }
    tx.commit().await.expect("the membership commits");
}

/// An active simulated tenant without a connection; change what the test needs.
pub fn tenant(
    workspace: WorkspaceId,
    name: &str,
    directory: DirectoryTenantId,
    at: Timestamp,
) -> Tenant {
    Tenant {
        id: TenantId::new(),
        workspace_id: workspace,
        display_name: name.into(),
        directory_tenant_id: directory,
        primary_domain: None,
        status: TenantStatus::Active,
        simulated: true,
        connection: None,
        connection_check: Default::default(),
        created_at: at,
        updated_at: at,
    }
}

pub async fn insert_tenant(store: &Store, tenant: &Tenant) {
    let mut db = store.conn().await.expect("a connection");
    tenants::insert(&mut db, tenant)
        .await
        .expect("the tenant is stored");
}

/// The usual start: an owner (`ann`), a workspace, and `tenant` built in it and stored.
pub async fn owner_workspace_tenant(
    store: &Store,
    at: Timestamp,
    tenant: impl FnOnce(WorkspaceId) -> Tenant,
) -> (UserId, WorkspaceId, Tenant) {
    let owner = user(store, "ann", at).await.id;
    let ws = workspace(store, "Acme", owner, at).await.id;
    let tenant = tenant(ws);
    insert_tenant(store, &tenant).await;
    (owner, ws, tenant)
}
