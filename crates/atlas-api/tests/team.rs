//! Team mode through the command surface as a member's own PostgreSQL role: what the app does
//! on a member's workstation must pass the database's own rules too.

use atlas_api::{types::CreateWorkspaceRequest, Runtime, RuntimeOptions};
use atlas_store::{team, Store, StoreConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_founds_workspaces_and_the_demo_under_row_level_security() {
    let url = atlas_testkit::fresh_postgres_url();
    let admin = Store::open(StoreConfig::Postgres { url: url.clone() })
        .await
        .unwrap();
    team::init(&admin).await.unwrap();
    let password = team::generate_password().unwrap();
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
