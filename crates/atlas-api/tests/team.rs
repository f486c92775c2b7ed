//! Team mode through the command surface as a member's own PostgreSQL role: what the app does
//! on a member's workstation must pass the database's own rules too.

use atlas_api::{types::CreateWorkspaceRequest, Runtime, RuntimeOptions};
use atlas_store::{team, Store, StoreConfig};

/// A fresh database prepared by `team init`: its URL (as the administrator), the administrator's
/// store and a password for the sign-ins the test creates.
async fn team_database() -> (String, Store, String) {
    let url = atlas_testkit::fresh_postgres_url();
    let admin = Store::open(StoreConfig::Postgres { url: url.clone() })
        .await
        .unwrap();
    team::init(&admin).await.unwrap();
    (url, admin, team::generate_password().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_founds_workspaces_and_the_demo_under_row_level_security() {
    let (url, admin, password) = team_database().await;
    team::add_login_role(
        &admin,
        "nora",
        &team::Login::NewPassword(password.clone()),
        false,
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rt = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().into()),
        database_url: Some(url.replacen(
            "postgres://postgres@",
            &format!("postgres://nora:{password}@"),
            1,
        )),
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(rt.actor.user.login, "pg:nora");
    assert!(rt.api.list_workspaces(&rt.actor).await.unwrap().is_empty());
    let own = rt
        .api
        .create_workspace(
            &rt.actor,
            CreateWorkspaceRequest {
                name: "Nora's MSP".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(own.role, atlas_domain::Role::Owner);
    let demo = rt.api.create_demo_workspace(&rt.actor).await.unwrap();
    assert_eq!(demo.tenants.len(), 3);
    assert_eq!(rt.api.list_workspaces(&rt.actor).await.unwrap().len(), 2);
    rt.shutdown().await;
}

/// A headless worker's service role (`atlas member add svc --worker`) is no member of any
/// workspace, yet claims and runs every workspace's work; who belongs where stays the owners'.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_service_role_runs_every_workspaces_work_and_manages_no_one() {
    use atlas_api::types::{StartSyncRequest, SyncKind};
    use atlas_domain::{RunOutcome, RunStatus};
    use sqlx::Connection;

    let (url, admin, password) = team_database().await;
    let login = team::Login::NewPassword(password.clone());
    for (name, worker) in [("wendy", false), ("xavier", false), ("svc_worker", true)] {
        team::add_login_role(&admin, name, &login, worker)
            .await
            .unwrap();
    }
    let as_role = |name: &str| {
        url.replacen(
            "postgres://postgres@",
            &format!("postgres://{name}:{password}@"),
            1,
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let open = |name: &str, run_engine: bool| {
        Runtime::open(RuntimeOptions {
            data_dir: Some(dir.path().join(name)),
            database_url: Some(as_role(name)),
            run_engine,
            ..Default::default()
        })
    };

    // Two members each found a workspace and queue a sync there; no engine runs yet.
    let mut queued = Vec::new();
    for name in ["wendy", "xavier"] {
        let rt = open(name, false).await.unwrap();
        let demo = rt.api.create_demo_workspace(&rt.actor).await.unwrap();
        let request = StartSyncRequest {
            tenant_id: demo.tenants[0].id,
            kind: SyncKind::Groups,
        };
        let start = rt.api.start_sync(&rt.actor, request).await.unwrap();
        queued.push((demo.workspace.workspace.id, start.run.id));
        rt.shutdown().await;
    }
    assert_ne!(queued[0].0, queued[1].0, "one workspace each");

    let worker = open("svc_worker", true).await.unwrap();
    assert_eq!(worker.actor.user.login, "pg:svc_worker");
    assert!(
        worker
            .api
            .list_workspaces(&worker.actor)
            .await
            .unwrap()
            .is_empty(),
        "the worker is a member of nothing"
    );
    for (_, run) in &queued {
        let done = atlas_testkit::eventually(
            std::time::Duration::from_secs(60),
            "the worker runs each workspace's sync",
            || async {
                let mut db = admin.conn().await.unwrap();
                let now = atlas_store::runs::get(&mut db, *run)
                    .await
                    .unwrap()
                    .unwrap();
                (now.status == RunStatus::Completed).then_some(now)
            },
        )
        .await;
        assert_eq!(done.outcome, RunOutcome::Succeeded, "{}", done.context);
    }

    // Membership stays the owners' business, even written by hand as the worker.
    let mut raw = sqlx::PgConnection::connect(&as_role("svc_worker"))
        .await
        .unwrap();
    let grab =
        sqlx::query("UPDATE workspace_memberships SET role = 'readonly' WHERE workspace_id = $1")
            .bind(queued[0].0.to_string())
            .execute(&mut raw)
            .await
            .unwrap_err();
    assert!(grab.to_string().contains("permission denied"), "{grab}");
    raw.close().await.unwrap();
    worker.shutdown().await;
    admin.close().await;
}
