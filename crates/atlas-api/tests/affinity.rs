//! Credential affinity on a real PostgreSQL: a tenant's secret stays in the keyrings of the
//! machines that hold it, and only their engines claim its Graph work. Each runtime gets a
//! keyring of its own (a separate keyring service), standing for another workstation.

use std::time::Duration;

use atlas_api::{
    secrets::KeyringStore,
    types::{
        AddTenantRequest, CreateWorkspaceRequest, CredentialInput, GetRunRequest, StartSyncRequest,
        SyncKind,
    },
    Runtime, RuntimeOptions,
};
use atlas_domain::{RunId, RunStatus, TenantId, WorkspaceId};

async fn workstation(url: &str, keyring: &str, engine: bool) -> (Runtime, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().into()),
        database_url: Some(url.to_owned()),
        run_engine: engine,
        workers: Some(2),
        secrets: Some(std::sync::Arc::new(KeyringStore::new(keyring))),
        // Nothing answers here: a claimed sync fails fast, which is all this test needs.
        cloud_url: Some("http://127.0.0.1:9".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    (runtime, dir)
}

async fn add_tenant(rt: &Runtime, ws: WorkspaceId, name: &str) -> TenantId {
    rt.api
        .add_tenant(
            &rt.actor,
            AddTenantRequest {
                workspace_id: ws,
                display_name: name.into(),
                directory: uuid::Uuid::new_v4().to_string(),
                client_id: uuid::Uuid::new_v4().to_string(),
                credential: CredentialInput::ClientSecret {
                    secret: format!("secret-of-{name}"),
                    expires_at: None,
                },
            },
        )
        .await
        .unwrap()
        .id
}

async fn sync(rt: &Runtime, tenant: TenantId) -> RunId {
    rt.api
        .start_sync(
            &rt.actor,
            StartSyncRequest {
                tenant_id: tenant,
                kind: SyncKind::Inventory,
            },
        )
        .await
        .unwrap()
        .run
        .id
}

async fn status(rt: &Runtime, run: RunId) -> (RunStatus, bool) {
    let detail = rt
        .api
        .run_detail(&rt.actor, GetRunRequest { run_id: run })
        .await
        .unwrap();
    (detail.run.status, detail.waiting_for_credential)
}

async fn left_queue(rt: &Runtime, run: RunId) -> bool {
    atlas_testkit::poll_until(Duration::from_secs(10), || async {
        (status(rt, run).await.0 != RunStatus::Queued).then_some(())
    })
    .await
    .is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_engine_claims_only_the_work_of_tenants_whose_credential_it_holds() {
    let url = atlas_testkit::fresh_postgres_url();
    let keyring = |side: &str| {
        format!(
            "tenantatlas-affinity-{}-{side}",
            uuid::Uuid::new_v4().simple()
        )
    };
    let (north, south) = (keyring("north"), keyring("south"));
    // Each tenant is added on the workstation that keeps its secret.
    let (north_desk, _d1) = workstation(&url, &north, false).await;
    let ws = north_desk
        .api
        .create_workspace(
            &north_desk.actor,
            CreateWorkspaceRequest { name: "MSP".into() },
        )
        .await
        .unwrap()
        .workspace
        .id;
    let fabrikam = add_tenant(&north_desk, ws, "Fabrikam").await;
    let (south_desk, _d2) = workstation(&url, &south, false).await;
    let contoso = add_tenant(&south_desk, ws, "Contoso").await;

    let fabrikam_run = sync(&north_desk, fabrikam).await;
    let contoso_run = sync(&north_desk, contoso).await;
    // Nobody runs an engine yet: both wait for a workstation with the credential.
    assert_eq!(
        status(&north_desk, fabrikam_run).await,
        (RunStatus::Queued, true)
    );

    // The south engine holds Contoso's secret only.
    let (south_engine, _d3) = workstation(&url, &south, true).await;
    assert!(
        left_queue(&north_desk, contoso_run).await,
        "south claims Contoso's sync"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        status(&north_desk, fabrikam_run).await,
        (RunStatus::Queued, true),
        "Fabrikam's sync is not south's to run: it waits, neither stale nor failed"
    );

    // A workstation with Fabrikam's secret starts its engine: the waiting run is served.
    let (north_engine, _d4) = workstation(&url, &north, true).await;
    assert!(
        left_queue(&north_desk, fabrikam_run).await,
        "north claims Fabrikam's sync"
    );
    assert!(!status(&north_desk, fabrikam_run).await.1);

    for rt in [north_engine, south_engine, north_desk, south_desk] {
        rt.shutdown().await;
    }
}
