//! What several command-surface tests share: the app as the operator ann on a data folder of
//! its own (no engine: a started run stays queued), or with a simulated tenant added, the audit
//! actions of one area, waiting for a run, and a policy holding a secret stored as a sync
//! stores it.

#![allow(dead_code)] // each test file uses what it needs

use std::{path::Path, time::Duration};

use atlas_api::{
    types::{AddTenantRequest, CredentialInput, GetRunRequest, ListAuditRequest},
    Actor, Api, Runtime, RuntimeOptions,
};
use atlas_cloudsim::RunningSimulator;
use atlas_domain::{
    normalize::content_hash, AuditFilter, OperationRun, RunOutcome, RunStatus, Tenant, TenantId,
    Timestamp, VersionPurpose, WorkspaceId,
};
use atlas_store::policy_versions::{self, NewVersion};

/// The app as ann, on `data_dir`, with `change` applied to the options first.
pub async fn ann_runtime(data_dir: &Path, change: impl FnOnce(&mut RuntimeOptions)) -> Runtime {
    let mut options = RuntimeOptions {
        data_dir: Some(data_dir.into()),
        user_name: Some("ann".into()),
        ..Default::default()
    };
    change(&mut options);
    Runtime::open(options).await.unwrap()
}

/// ann's app on `data_dir` with its engine running against `sim` (trusting its CA when it serves
/// HTTPS), the demo workspace, and the simulator's first tenant added to it as `name` (its
/// secret in a keyring entry of this test's own).
pub async fn simulated_tenant(
    sim: &RunningSimulator,
    data_dir: &Path,
    name: &str,
) -> (Runtime, Tenant) {
    let secrets = std::sync::Arc::new(atlas_api::secrets::KeyringStore::new(format!(
        "TenantAtlas-test-{}",
        uuid::Uuid::new_v4()
    )));
    let runtime = ann_runtime(data_dir, |o| {
        o.run_engine = true;
        o.cloud_url = Some(sim.base_url());
        o.cloud_ca = sim.ca_pem_path().map(Path::to_path_buf);
        o.secrets = Some(secrets);
    })
    .await;
    let api = &runtime.api;
    let workspace = api
        .create_demo_workspace(&runtime.actor)
        .await
        .unwrap()
        .workspace
        .workspace
        .id;
    let creds = sim.credentials()[0].clone();
    let request = AddTenantRequest {
        workspace_id: workspace,
        display_name: name.into(),
        directory: creds.tenant_id.to_string(),
        client_id: creds.client_id.to_string(),
        credential: CredentialInput::ClientSecret {
            secret: creds.client_secret.clone(),
            expires_at: None,
        },
    };
    let tenant = api.add_tenant(&runtime.actor, request).await.unwrap();
    (runtime, tenant)
}

/// The workspace's audit actions of `area` (`schedule`, `data`, …), newest first.
pub async fn audit_actions(
    api: &Api,
    actor: &Actor,
    workspace: WorkspaceId,
    area: &str,
) -> Vec<String> {
    api.list_audit(
        actor,
        ListAuditRequest {
            workspace_id: workspace,
            filter: AuditFilter {
                action: Some(area.into()),
                limit: 100,
                ..Default::default()
            },
        },
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .map(|row| row.entry.action)
    .collect()
}

/// Waits until the run has ended (an engine runs in this process) and checks it succeeded.
pub async fn wait_succeeded(api: &Api, actor: &Actor, run: &OperationRun) {
    let done = atlas_testkit::eventually(Duration::from_secs(120), "the run ends", || async {
        let now = api
            .get_run(actor, GetRunRequest { run_id: run.id })
            .await
            .unwrap();
        (now.status == RunStatus::Completed).then_some(now)
    })
    .await;
    assert_eq!(done.outcome, RunOutcome::Succeeded, "{}", done.context);
}

/// The value of the encrypted setting [`store_custom_oma_policy`] reads from the tenant.
pub const OMA_SECRET: &str = "Wifi-Key-7f3a9c";

/// Stores a custom OMA-URI profile with an encrypted setting as a sync stores it: its secret
/// replaced by the catalog's marker first.
pub async fn store_custom_oma_policy(api: &Api, workspace: WorkspaceId, tenant: TenantId) {
    let kind = atlas_graph::ObjectType::find("device_configuration").unwrap();
    let mut content = serde_json::json!({
        "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
        "displayName": "WIN - Custom OMA-URI - Wi-Fi",
        "omaSettings": [{ "@odata.type": "#microsoft.graph.omaSettingString",
            "displayName": "Pre-shared key", "omaUri": "./Vendor/MSFT/WiFi/Profile/HQ/Key",
            "isEncrypted": true, "secretReferenceValueId": "ref-1", "value": OMA_SECRET }]
    });
    assert_eq!(kind.strip_secrets(&mut content), 2);
    let mut db = api.store().conn().await.unwrap();
    policy_versions::insert_if_changed(
        &mut db,
        &NewVersion {
            workspace_id: workspace,
            tenant_id: tenant,
            object_type: kind.key.into(),
            external_id: "oma-1".into(),
            display_name: "WIN - Custom OMA-URI - Wi-Fi".into(),
            content_hash: content_hash(&content, kind.volatile_fields),
            content,
            captured_at: Timestamp::now(),
            run_id: None,
            purpose: VersionPurpose::Backup,
            provenance: None,
        },
    )
    .await
    .unwrap()
    .expect("a new version");
}
