//! Exports through the command surface: a filtered table as CSV or JSON, one policy version as
//! its normalised JSON; what bad input changes (nothing), who may export, and the audit trail.

use atlas_api::{
    types::{ExportFormat, ExportTableRequest, ExportVersionRequest},
    Actor, ErrorCode, Runtime,
};
use atlas_domain::{Timestamp, VersionPurpose};
use atlas_store::{policy_versions, testing};
use serde_json::json;

mod common;
use common::{ann_runtime, audit_actions};

async fn runtime(dir: &tempfile::TempDir, exports: &std::path::Path) -> Runtime {
    ann_runtime(dir.path(), |o| o.export_dir = Some(exports.into())).await
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filtered_table_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let rt = runtime(&dir, &exports).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let request = |format, rows: Vec<Vec<String>>| ExportTableRequest {
        workspace_id: ws,
        name: "Tenants / all".into(),
        format,
        columns: vec!["Tenant".into(), "Policies".into()],
        rows,
    };
    let rows = vec![
        vec!["Contoso, Ltd".into(), "21".into()],
        vec!["=cmd".into(), "3".into()],
    ];
    let csv = api
        .export_table(ann, request(ExportFormat::Csv, rows.clone()))
        .await
        .unwrap();
    assert!(
        csv.file_name.starts_with("tenants-all-"),
        "{}",
        csv.file_name
    );
    assert!(csv.file_name.ends_with(".csv"));
    let text = std::fs::read_to_string(&csv.path).unwrap();
    assert_eq!(text, "Tenant,Policies\n\"Contoso, Ltd\",21\n'=cmd,3\n");
    assert_eq!(csv.bytes as usize, text.len());

    let json_file = api
        .export_table(ann, request(ExportFormat::Json, rows))
        .await
        .unwrap();
    assert_ne!(
        json_file.path, csv.path,
        "a second export never overwrites the first"
    );
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_file.path).unwrap()).unwrap();
    assert_eq!(
        value[0],
        json!({"Tenant": "Contoso, Ltd", "Policies": "21"})
    );

    // A row that does not fit the columns is refused, and no file appears.
    let before = files(&exports);
    let err = api
        .export_table(
            ann,
            request(ExportFormat::Csv, vec![vec!["only one".into()]]),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("Row 1"), "{}", err.message);
    assert_eq!(files(&exports), before);

    // Someone outside the workspace cannot export from it.
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", Timestamp::now()).await,
    };
    let err = api
        .export_table(&stranger, request(ExportFormat::Csv, vec![]))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(files(&exports), before);

    assert_eq!(
        audit_actions(api, ann, ws, "data").await.len(),
        2,
        "each written export is audited once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_version_exports_as_its_normalised_json() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let rt = runtime(&dir, &exports).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let tenant = &demo.tenants[0];
    let content = json!({
        "id": "p-1",
        "displayName": "WIN - Baseline",
        "lastModifiedDateTime": "2026-12-01T10:00:00Z",
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#x",
        "passwordMinimumLength": 12
    });
    let version = {
        let mut db = api.store().conn().await.unwrap();
        policy_versions::insert_if_changed(
            &mut db,
            &policy_versions::NewVersion {
                workspace_id: tenant.workspace_id,
                tenant_id: tenant.id,
                object_type: "device_configuration".into(),
                external_id: "p-1".into(),
                display_name: "WIN - Baseline".into(),
                content_hash: "h".into(),
                content,
                captured_at: Timestamp::now(),
                run_id: None,
                purpose: VersionPurpose::Backup,
                provenance: None,
            },
        )
        .await
        .unwrap()
        .unwrap()
    };
    let file = api
        .export_policy_version(
            ann,
            ExportVersionRequest {
                tenant_id: tenant.id,
                version_id: version.summary.id,
            },
        )
        .await
        .unwrap();
    assert!(
        file.file_name.starts_with("win-baseline-v1-"),
        "{}",
        file.file_name
    );
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file.path).unwrap()).unwrap();
    assert_eq!(
        exported,
        json!({"displayName": "WIN - Baseline", "passwordMinimumLength": 12}),
        "ids, times and OData annotations are not configuration"
    );
    // A version of another tenant is not found through this one.
    let err = api
        .export_policy_version(
            ann,
            ExportVersionRequest {
                tenant_id: demo.tenants[1].id,
                version_id: version.summary.id,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}
