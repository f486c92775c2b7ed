//! A tenant's configuration as a document through the command surface: Markdown, HTML, CSV and Word
//! of the demo tenant after a sync, with readable settings, assignments naming their groups,
//! no secret value; bad destinations change nothing; every export is audited.

use std::path::Path;

use atlas_api::{
    types::{
        BaselineProfileRequest, DocumentFormat, ExportDocumentationRequest, ExportedFile,
        ListGroupsRequest, StartSyncRequest, SyncKind, WorkspaceRequest,
    },
    Actor, Api, ApiError, ErrorCode,
};
use atlas_domain::TenantId;

mod common;
use common::{ann_runtime, audit_actions, store_custom_oma_policy, wait_succeeded, OMA_SECRET};

async fn document(
    api: &Api,
    actor: &Actor,
    tenant: TenantId,
    format: DocumentFormat,
    to: &Path,
) -> Result<ExportedFile, ApiError> {
    let request = ExportDocumentationRequest {
        tenant_id: tenant,
        backup_set_id: None,
        baseline_snapshot_id: None,
        format,
        destination: to.display().to_string(),
    };
    api.export_documentation(actor, request).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tenant_is_documented_in_every_format_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(&dir.path().join("data"), |o| o.run_engine = true).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let tenant = &demo.tenants[0];
    for kind in [SyncKind::Groups, SyncKind::Policies] {
        let request = StartSyncRequest {
            tenant_id: tenant.id,
            kind,
        };
        wait_succeeded(api, ann, &api.start_sync(ann, request).await.unwrap().run).await;
    }
    // A custom OMA-URI profile stored as a sync stores it: its secret replaced.
    let secret = OMA_SECRET;
    store_custom_oma_policy(api, demo.workspace.workspace.id, tenant.id).await;
    let groups = api
        .list_groups(
            ann,
            ListGroupsRequest {
                tenant_id: tenant.id,
                search: None,
                offset: 0,
                limit: 500,
            },
        )
        .await
        .unwrap();

    let md_path = dir.path().join("contoso.md");
    let md = document(api, ann, tenant.id, DocumentFormat::Markdown, &md_path)
        .await
        .unwrap();
    assert_eq!(md.file_name, "contoso.md");
    let text = std::fs::read_to_string(&md_path).unwrap();
    assert_eq!(md.bytes as usize, text.len());
    assert!(text.starts_with(&format!("# {} — configuration", tenant.display_name)));
    assert!(text.contains("## Contents") && text.contains("| Section | Setting | Value |"));
    assert!(text.contains("### WIN - Custom OMA-URI - Wi-Fi"));
    assert!(
        groups
            .items
            .iter()
            .any(|g| text.contains(&format!("| Group {} |", g.display_name))),
        "assignments name their groups"
    );

    let html_path = dir.path().join("contoso.html");
    document(api, ann, tenant.id, DocumentFormat::Html, &html_path)
        .await
        .unwrap();
    let page = std::fs::read_to_string(&html_path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</body></html>"));
    assert_eq!(
        page.matches("<table").count(),
        page.matches("</table>").count()
    );
    assert!(!page.contains("<script") && !page.contains("src=\"http"));

    let csv_path = dir.path().join("contoso.csv");
    document(api, ann, tenant.id, DocumentFormat::Csv, &csv_path)
        .await
        .unwrap();
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 100, "one row per setting: {}", rows.len());
    assert!(rows.iter().all(|r| r.len() == 7));

    let docx_path = dir.path().join("contoso.docx");
    document(api, ann, tenant.id, DocumentFormat::Docx, &docx_path)
        .await
        .unwrap();
    let mut word = zip::ZipArchive::new(std::fs::File::open(&docx_path).unwrap()).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut word.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert!(body.contains("WIN - Custom OMA-URI - Wi-Fi") && body.contains("<w:tbl>"));
    let docx_text = dir.path().join("contoso-docx.xml");
    std::fs::write(&docx_text, &body).unwrap();

    for file in [&md_path, &html_path, &csv_path, &docx_text] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            !text.contains(secret),
            "{} holds the secret",
            file.display()
        );
        assert!(
            text.contains(atlas_graph::SECRET_MARKER),
            "{}",
            file.display()
        );
    }

    // The demo baseline's full-content snapshot of its reference tenant, documented too.
    let profile = api
        .list_baseline_profiles(
            ann,
            WorkspaceRequest {
                workspace_id: demo.workspace.workspace.id,
            },
        )
        .await
        .unwrap()[0]
        .profile
        .clone();
    let capture = api
        .start_baseline_capture(
            ann,
            BaselineProfileRequest {
                profile_id: profile.id,
            },
        )
        .await
        .unwrap();
    wait_succeeded(api, ann, &capture.run).await;
    let detail = api
        .get_baseline_profile(
            ann,
            BaselineProfileRequest {
                profile_id: profile.id,
            },
        )
        .await
        .unwrap();
    let source = profile.source_tenant_id.unwrap();
    let from_snapshot = |format| ExportDocumentationRequest {
        tenant_id: source,
        backup_set_id: None,
        baseline_snapshot_id: Some(detail.snapshots[0].id),
        format,
        destination: dir.path().join("baseline.md").display().to_string(),
    };
    api.export_documentation(ann, from_snapshot(DocumentFormat::Markdown))
        .await
        .unwrap();
    let baseline = std::fs::read_to_string(dir.path().join("baseline.md")).unwrap();
    assert!(
        baseline.contains("Configuration from the baseline snapshot of"),
        "{baseline}"
    );
    assert!(baseline.contains("| Section | Setting | Value |"));
    let other = ExportDocumentationRequest {
        tenant_id: demo.tenants.iter().find(|t| t.id != source).unwrap().id,
        ..from_snapshot(DocumentFormat::Html)
    };
    let err = api.export_documentation(ann, other).await.unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::NotFound,
        "a snapshot of another tenant"
    );

    // Bad destinations write nothing.
    let nowhere = dir.path().join("missing-folder").join("doc.md");
    let err = document(api, ann, tenant.id, DocumentFormat::Markdown, &nowhere)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(!nowhere.exists());
    let relative = document(
        api,
        ann,
        tenant.id,
        DocumentFormat::Html,
        Path::new("doc.html"),
    )
    .await
    .unwrap_err();
    assert_eq!(relative.code, ErrorCode::InvalidInput);

    let exports = audit_actions(api, ann, demo.workspace.workspace.id, "data").await;
    assert_eq!(exports.iter().filter(|a| *a == "data.exported").count(), 5);
    rt.shutdown().await;
}
