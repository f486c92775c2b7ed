//! Team mode at the database: roles, row-level security and the change feed, on a real
//! PostgreSQL, with raw SQL as a curious operator would write it.

use std::time::Duration;

use atlas_domain::{
    ChangeKind, DirectoryTenantId, OperationRun, OperationType, Role, TenantId, Timestamp, UserId,
    WorkspaceId,
};
use atlas_store::{
    changes::Notice,
    runs,
    team::{self, Login, Standing},
    testing, users, Store, StoreConfig, StoreError,
};

struct Team {
    url: String,
    admin: Store,
    acme: WorkspaceId,
    globex: WorkspaceId,
    acme_tenant: atlas_domain::TenantId,
    globex_tenant: atlas_domain::TenantId,
}

/// Two workspaces with a tenant each, set up for team mode by the superuser.
async fn team() -> Team {
    let url = atlas_testkit::fresh_postgres_url();
    let admin = Store::open(StoreConfig::Postgres { url: url.clone() })
        .await
        .unwrap();
    team::init(&admin).await.unwrap();
    let now = Timestamp::now();
    let owner = testing::user(&admin, "root", now).await.id;
    let acme = testing::workspace(&admin, "Acme", owner, now).await.id;
    let globex = testing::workspace(&admin, "Globex", owner, now).await.id;
    let acme_tenant = testing::tenant(acme, "Acme Main", directory(), now);
    let globex_tenant = testing::tenant(globex, "Globex Main", directory(), now);
    testing::insert_tenant(&admin, &acme_tenant).await;
    testing::insert_tenant(&admin, &globex_tenant).await;
    Team {
        url,
        admin,
        acme,
        globex,
        acme_tenant: acme_tenant.id,
        globex_tenant: globex_tenant.id,
    }
}

impl Team {
    /// A new login role with a password, registered as a user and made a member of `workspace`.
    async fn member(&self, name: &str, workspace: WorkspaceId, role: Role) -> (Store, UserId) {
        let password = team::generate_password().unwrap();
        team::add_login_role(
            &self.admin,
            name,
            &Login::NewPassword(password.clone()),
            false,
        )
        .await
        .unwrap();
        let mut db = self.admin.conn().await.unwrap();
        let user = users::upsert_by_login(&mut db, &format!("pg:{name}"), name, Timestamp::now())
            .await
            .unwrap();
        drop(db);
        testing::member(
            &self.admin,
            workspace,
            user.id,
            role,
            None,
            Timestamp::now(),
        )
        .await;
        (self.connect(name, &password).await.unwrap(), user.id)
    }

    async fn connect(&self, name: &str, password: &str) -> Result<Store, StoreError> {
        let url = self.url.replacen(
            "postgres://postgres@",
            &format!("postgres://{name}:{password}@"),
            1,
        );
        Store::open(StoreConfig::Postgres { url }).await
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    let mut db = store.conn().await.unwrap();
    match &mut db {
        atlas_store::Conn::Postgres(c) => {
            sqlx::query_scalar(sql).fetch_one(&mut **c).await.unwrap()
        }
        atlas_store::Conn::Sqlite(_) => unreachable!(),
    }
}

async fn execute(store: &Store, sql: &str) -> Result<u64, sqlx::Error> {
    let mut db = store.conn().await.unwrap();
    match &mut db {
        atlas_store::Conn::Postgres(c) => sqlx::query(sql)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected()),
        atlas_store::Conn::Sqlite(_) => unreachable!(),
    }
}

#[tokio::test]
async fn an_operator_sees_only_their_workspace_even_with_raw_sql() {
    let t = team().await;
    let (alice, _) = t.member("alice_ops", t.acme, Role::Operator).await;
    assert_eq!(team::standing(&alice).await.unwrap(), Standing::Member);
    assert_eq!(
        alice.session_user().await.unwrap().as_deref(),
        Some("alice_ops")
    );

    assert_eq!(count(&alice, "SELECT COUNT(*) FROM tenants").await, 1);
    let globex_tenants = format!(
        "SELECT COUNT(*) FROM tenants WHERE workspace_id = '{}' OR id = '{}'",
        t.globex, t.globex_tenant
    );
    assert_eq!(count(&alice, &globex_tenants).await, 0);
    assert_eq!(count(&alice, "SELECT COUNT(*) FROM workspaces").await, 1);
    assert_eq!(count(&t.admin, "SELECT COUNT(*) FROM workspaces").await, 2);

    // Runs of the other workspace are as invisible as its tenants.
    let run = OperationRun::queued(
        t.globex,
        Some(t.globex_tenant),
        None,
        OperationType::InventorySync,
        "globex".into(),
        serde_json::json!({}),
        Timestamp::now(),
    );
    runs::insert(&mut t.admin.conn().await.unwrap(), &run)
        .await
        .unwrap();
    assert_eq!(
        count(&alice, "SELECT COUNT(*) FROM operation_runs").await,
        0
    );
    // Her own workspace's runs she sees (the one-workspace comparison of the policies).
    queue_run(&t.admin, t.acme, t.acme_tenant).await;
    assert_eq!(
        count(&alice, "SELECT COUNT(*) FROM operation_runs").await,
        1
    );
    // Updating what you cannot see changes nothing.
    let hijack = format!(
        "UPDATE operation_runs SET lease_owner = 'me' WHERE id = '{}'",
        run.id
    );
    assert_eq!(execute(&alice, &hijack).await.unwrap(), 0);
}

#[tokio::test]
async fn tenant_entitlements_narrow_what_a_member_sees() {
    let t = team().await;
    let now = Timestamp::now();
    let second = testing::tenant(t.acme, "Acme Lab", directory(), now);
    testing::insert_tenant(&t.admin, &second).await;
    let (carol, carol_id) = t.member("carol_ro", t.acme, Role::Readonly).await;
    assert_eq!(count(&carol, "SELECT COUNT(*) FROM tenants").await, 2);
    testing::member(
        &t.admin,
        t.acme,
        carol_id,
        Role::Readonly,
        Some(&[second.id]),
        now,
    )
    .await;
    assert_eq!(count(&carol, "SELECT COUNT(*) FROM tenants").await, 1);
    let hidden = format!(
        "SELECT COUNT(*) FROM tenants WHERE id = '{}'",
        t.acme_tenant
    );
    assert_eq!(count(&carol, &hidden).await, 0);
}

#[tokio::test]
async fn a_readonly_member_cannot_grant_itself_anything_with_hand_written_sql() {
    let t = team().await;
    let (bob, bob_id) = t.member("bob_ro", t.acme, Role::Readonly).await;
    let promote =
        format!("UPDATE workspace_memberships SET role = 'owner' WHERE user_id = '{bob_id}'");
    assert_eq!(
        execute(&bob, &promote).await.unwrap(),
        0,
        "no row it may change"
    );
    let join = format!(
        "INSERT INTO workspace_memberships (workspace_id, user_id, role, all_tenants, created_at) \
         VALUES ('{}', '{bob_id}', 'owner', TRUE, 0)",
        t.globex
    );
    let err = execute(&bob, &join).await.unwrap_err().to_string();
    assert!(err.contains("row-level security"), "{err}");
    // A tenant's connection data needs tenant.manage, even on a tenant it can see.
    let redirect = format!(
        "UPDATE tenants SET client_id = 'attacker' WHERE id = '{}'",
        t.acme_tenant
    );
    let err = execute(&bob, &redirect).await.unwrap_err().to_string();
    assert!(err.contains("tenant.manage"), "{err}");
    assert_eq!(
        count(
            &t.admin,
            "SELECT COUNT(*) FROM tenants WHERE client_id = 'attacker'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &t.admin,
            "SELECT COUNT(*) FROM workspace_memberships WHERE role = 'owner'"
        )
        .await,
        2,
        "nothing changed"
    );
}

#[tokio::test]
async fn restores_need_the_restore_capability_at_the_database() {
    let t = team().await;
    let (olga, _) = t.member("olga_op", t.acme, Role::Operator).await;
    let (mia, _) = t.member("mia_mgr", t.acme, Role::Manager).await;
    let insert = |id: &str| {
        format!(
            "INSERT INTO operation_runs (id, workspace_id, tenant_id, type, status, outcome, \
             run_identity_hash, summary_counts, failure_summary, context, created_at, attempt) \
             VALUES ('{id}', '{}', '{}', 'restore.execute', 'queued', 'pending', 'h-{id}', \
             '{{}}', '[]', '{{}}', 0, 0)",
            t.acme, t.acme_tenant
        )
    };
    let err = execute(&olga, &insert(&uuid::Uuid::now_v7().to_string()))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("row-level security"), "{err}");
    execute(&mia, &insert(&uuid::Uuid::now_v7().to_string()))
        .await
        .unwrap();
    // The operator's engine cannot claim it either: it is not there for an update.
    assert_eq!(
        execute(
            &olga,
            "UPDATE operation_runs SET status = 'running' WHERE type = 'restore.execute'"
        )
        .await
        .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_workspace_founded_by_a_member_is_theirs_alone() {
    let t = team().await;
    let (dan, dan_id) = t.member("dan_op", t.acme, Role::Operator).await;
    let ws = uuid::Uuid::now_v7();
    let mut tx = dan.begin().await.unwrap();
    let atlas_store::Tx::Postgres(c) = &mut tx else {
        unreachable!()
    };
    sqlx::query(&format!(
        "INSERT INTO workspaces (id, slug, name, created_at, updated_at) VALUES ('{ws}', 'dan', 'Dan', 0, 0)"
    ))
    .execute(&mut **c)
    .await
    .unwrap();
    sqlx::query(&format!(
        "INSERT INTO workspace_memberships (workspace_id, user_id, role, all_tenants, created_at) \
         VALUES ('{ws}', '{dan_id}', 'owner', TRUE, 0)"
    ))
    .execute(&mut **c)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count(&dan, "SELECT COUNT(*) FROM workspaces").await, 2);
    // A member of two workspaces sees the runs of both (through the policies' arrays), and
    // still none of a third.
    let founded = ws.to_string().parse().unwrap();
    let tenant = testing::tenant(founded, "Dan's tenant", directory(), Timestamp::now());
    testing::insert_tenant(&t.admin, &tenant).await;
    queue_run(&t.admin, t.acme, t.acme_tenant).await;
    queue_run(&t.admin, founded, tenant.id).await;
    queue_run(&t.admin, t.globex, t.globex_tenant).await;
    assert_eq!(count(&dan, "SELECT COUNT(*) FROM operation_runs").await, 2);
    // Claiming someone else's workspace the same way is refused: it has an owner.
    let steal = format!(
        "INSERT INTO workspace_memberships (workspace_id, user_id, role, all_tenants, created_at) \
         VALUES ('{}', '{dan_id}', 'owner', TRUE, 0)",
        t.globex
    );
    assert!(execute(&dan, &steal).await.is_err());
}

#[tokio::test]
async fn init_is_idempotent_and_refused_to_a_member() {
    let t = team().await;
    let again = team::init(&t.admin).await.unwrap();
    assert!(!again.first_time);
    assert!(again.tables.iter().any(|table| table == "operation_runs"));
    let setup = team::setup(&t.admin).await.unwrap().unwrap();
    assert_eq!(setup.version, team::SETUP_VERSION);
    let (eve, _) = t.member("eve_owner", t.acme, Role::Owner).await;
    let err = team::init(&eve).await.unwrap_err().to_string();
    assert!(err.contains("owner of the TenantAtlas tables"), "{err}");
    // Every table of the schema is under row-level security after init.
    let unguarded = count(
        &t.admin,
        "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relrowsecurity \
         AND c.relname NOT IN ('_sqlx_migrations', 'team_setup', 'team_role_capabilities')",
    )
    .await;
    assert_eq!(unguarded, 0);
}

#[tokio::test]
async fn a_role_without_a_password_or_with_a_wrong_one_cannot_sign_in() {
    let t = team().await;
    team::add_login_role(
        &t.admin,
        "frank",
        &Login::NewPassword("right-one".into()),
        false,
    )
    .await
    .unwrap();
    assert!(t.connect("frank", "right-one").await.is_ok());
    let err = t
        .connect("frank", "wrong-one")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(
        !err.contains("wrong-one"),
        "the password is never echoed: {err}"
    );
    // The password itself never reached the server: it holds only the verifier.
    let stored = count(
        &t.admin,
        "SELECT COUNT(*) FROM pg_authid WHERE rolname = 'frank' AND rolpassword LIKE 'SCRAM-SHA-256$4096:%'",
    )
    .await;
    assert_eq!(stored, 1);
    let dup = team::add_login_role(&t.admin, "frank", &Login::NewPassword("x".into()), false).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    assert!(team::is_own_login_role(&t.admin, "frank").await.unwrap());
    team::remove_login_role(&t.admin, "frank", true)
        .await
        .unwrap();
    assert!(t.connect("frank", "right-one").await.is_err());
}

#[tokio::test]
async fn a_member_cannot_open_a_database_that_needs_an_upgrade() {
    let t = team().await;
    let (_, _) = t.member("gina_op", t.acme, Role::Operator).await;
    execute(
        &t.admin,
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .await
    .unwrap();
    // The member's store re-opens: the schema must be upgraded by the administrator.
    let password = team::generate_password().unwrap();
    team::add_login_role(
        &t.admin,
        "hugo_op",
        &Login::NewPassword(password.clone()),
        false,
    )
    .await
    .unwrap();
    let err = t
        .connect("hugo_op", &password)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("atlas team init"), "{err}");
}

#[tokio::test]
async fn a_database_of_another_application_is_refused_untouched() {
    let url = atlas_testkit::fresh_postgres_url();
    let admin = Store::open(StoreConfig::Postgres { url: url.clone() })
        .await
        .unwrap();
    execute(&admin, "DROP TABLE _sqlx_migrations CASCADE")
        .await
        .unwrap();
    execute(&admin, "CREATE TABLE customers (id int)")
        .await
        .unwrap();
    admin.close().await;
    let err = Store::open(StoreConfig::Postgres { url })
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("not TenantAtlas's"), "{err}");
}

#[tokio::test]
async fn another_processs_change_reaches_a_listener_within_a_second() {
    let t = team().await;
    let (alice, _) = t.member("ivy_op", t.acme, Role::Operator).await;
    let mut listener = alice.listen().await.unwrap().expect("PostgreSQL listens");
    let run = OperationRun::queued(
        t.acme,
        Some(t.acme_tenant),
        None,
        OperationType::InventorySync,
        "acme".into(),
        serde_json::json!({}),
        Timestamp::now(),
    );
    let started = std::time::Instant::now();
    runs::insert(&mut t.admin.conn().await.unwrap(), &run)
        .await
        .unwrap();
    let notice = tokio::time::timeout(Duration::from_secs(1), listener.next())
        .await
        .expect("within a second");
    let Notice::Change(change) = notice else {
        panic!("{notice:?}")
    };
    assert_eq!(change.kind, ChangeKind::Run);
    assert_eq!(change.run, Some(run.id));
    assert_eq!(change.workspace, Some(t.acme));
    assert!(started.elapsed() < Duration::from_secs(1));

    // A statement touching many findings' rows is announced once per tenant, not per row.
    execute(
        &t.admin,
        &format!(
            "UPDATE tenants SET display_name = display_name || '!' WHERE workspace_id = '{}'",
            t.acme
        ),
    )
    .await
    .unwrap();
    let Notice::Change(change) = listener.next().await else {
        panic!("a change")
    };
    assert_eq!(change.kind, ChangeKind::Tenant);
    assert_eq!(change.tenant, Some(t.acme_tenant));
}

#[tokio::test]
async fn a_malformed_or_newer_announcement_asks_for_a_re_read() {
    let t = team().await;
    let mut listener = t.admin.listen().await.unwrap().unwrap();
    execute(
        &t.admin,
        "NOTIFY tenantatlas_changes, '{\"v\":9,\"k\":\"hologram\"}'",
    )
    .await
    .unwrap();
    assert_eq!(listener.next().await, Notice::Resync);
    execute(&t.admin, "NOTIFY tenantatlas_changes, 'garbage'")
        .await
        .unwrap();
    assert_eq!(listener.next().await, Notice::Resync);
}

/// Queues an inventory sync of `tenant` in `workspace`, written by `admin`.
async fn queue_run(admin: &Store, workspace: WorkspaceId, tenant: TenantId) {
    let run = OperationRun::queued(
        workspace,
        Some(tenant),
        None,
        OperationType::InventorySync,
        format!("inventory-{tenant}"),
        serde_json::json!({}),
        Timestamp::now(),
    );
    runs::insert(&mut admin.conn().await.unwrap(), &run)
        .await
        .unwrap();
}

fn directory() -> DirectoryTenantId {
    uuid::Uuid::new_v4().to_string().parse().unwrap()
}
