//! A tenant's configuration as a git-friendly folder through the command surface: a backup set
//! exported twice gives the same bytes and rewrites nothing; the latest versions follow the
//! tenant; no secret value reaches a file; bad destinations change nothing; exports are audited.

use std::{collections::BTreeMap, path::Path};

use atlas_api::{
    types::{
        BackupFolderExport, ExportBackupFolderRequest, StartSyncRequest, SyncKind, TenantRequest,
    },
    Actor, Api, ApiError, ErrorCode,
};
use atlas_domain::{BackupSetId, TenantId};
use serde_json::Value;

mod common;
use common::{ann_runtime, audit_actions, store_custom_oma_policy, wait_succeeded, OMA_SECRET};

async fn export(
    api: &Api,
    actor: &Actor,
    tenant: TenantId,
    set: Option<BackupSetId>,
    to: &Path,
) -> Result<BackupFolderExport, ApiError> {
    let request = ExportBackupFolderRequest {
        tenant_id: tenant,
        backup_set_id: set,
        destination: to.display().to_string(),
    };
    api.export_backup_folder(actor, request).await
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    atlas_testkit::files_under(dir)
        .into_iter()
        .map(|f| {
            let relative = f.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (relative, std::fs::read(&f).unwrap())
        })
        .collect()
}

/// Every encrypted OMA-URI setting in `value`, which must hold the marker, never a value.
fn encrypted_settings(value: &Value, found: &mut usize) {
    match value {
        Value::Object(map) => {
            if map.get("isEncrypted") == Some(&Value::Bool(true)) {
                *found += 1;
                assert_eq!(map["value"], atlas_graph::SECRET_MARKER, "{map:?}");
            }
            map.values().for_each(|v| encrypted_settings(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| encrypted_settings(v, found)),
        _ => {}
    }
}

/// Checks every object file of an export (no ids; encrypted settings hold the marker) and
/// answers how many encrypted settings it met.
fn objects_of(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut encrypted = 0;
    for (file, bytes) in files {
        if file == "index.json" || !file.ends_with(".json") {
            continue;
        }
        let object: Value = serde_json::from_slice(bytes).unwrap();
        assert!(object.get("id").is_none(), "{file}: ids are left out");
        encrypted_settings(&object, &mut encrypted);
    }
    encrypted
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_set_exports_the_same_bytes_twice_and_keeps_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(&dir.path().join("data"), |o| o.run_engine = true).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let tenant = &demo.tenants[0];
    let start = api
        .start_sync(
            ann,
            StartSyncRequest {
                tenant_id: tenant.id,
                kind: SyncKind::Policies,
            },
        )
        .await
        .unwrap();
    wait_succeeded(api, ann, &start.run).await;
    let backup = api
        .back_up_now(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap();
    wait_succeeded(api, ann, &backup.run).await;
    let set = api
        .list_backup_sets(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap()[0]
        .clone();

    let folder = dir.path().join("contoso-config");
    let first = export(api, ann, tenant.id, Some(set.id), &folder)
        .await
        .unwrap();
    assert_eq!(first.objects as i64, set.item_count);
    assert_eq!(
        first.written,
        first.objects + 2,
        "every object, the README and the index"
    );
    let before = tree(&folder);
    let again = export(api, ann, tenant.id, Some(set.id), &folder)
        .await
        .unwrap();
    assert_eq!((again.written, again.removed), (0, 0));
    assert_eq!(again.unchanged, first.written);
    assert_eq!(tree(&folder), before, "byte-identical");

    let index: Value = serde_json::from_slice(&before["index.json"]).unwrap();
    assert_eq!(index["format"], "tenantatlas-backup-folder");
    assert_eq!(index["source"]["tenant_name"], tenant.display_name.as_str());
    let mut encrypted = objects_of(&before);
    let readme = String::from_utf8(before["README.md"].clone()).unwrap();
    assert!(
        readme.contains(&tenant.display_name) && readme.contains("| Type | Folder | Objects |")
    );

    // The latest versions of each tenant, into folders of their own.
    let latest = dir.path().join("latest");
    let done = export(api, ann, tenant.id, None, &latest).await.unwrap();
    assert_eq!(
        done.objects, first.objects,
        "nothing changed since the backup"
    );
    // A custom OMA-URI profile captured as a sync captures it (its secret replaced), then the
    // same folder exported again: only the new object, the README and the index change.
    let secret = OMA_SECRET;
    store_custom_oma_policy(api, demo.workspace.workspace.id, tenant.id).await;
    let updated = export(api, ann, tenant.id, None, &latest).await.unwrap();
    assert_eq!((updated.objects, updated.written), (first.objects + 1, 3));
    let files = tree(&latest);
    encrypted += objects_of(&files);
    assert!(files
        .values()
        .all(|bytes| !String::from_utf8_lossy(bytes).contains(secret)));
    assert!(encrypted > 0, "an encrypted setting was checked");

    // Bad destinations and sources change nothing.
    let relative = export(api, ann, tenant.id, None, Path::new("relative/folder"))
        .await
        .unwrap_err();
    assert_eq!(relative.code, ErrorCode::InvalidInput);
    let foreign = dir.path().join("documents");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.md"), "mine").unwrap();
    let refused = export(api, ann, tenant.id, None, &foreign)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        refused.message.contains("not a TenantAtlas export folder"),
        "{}",
        refused.message
    );
    assert_eq!(tree(&foreign).len(), 1);
    let elsewhere = demo.tenants[1].id;
    let wrong = export(api, ann, elsewhere, Some(set.id), &dir.path().join("x"))
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::NotFound, "another tenant's set");
    assert!(!dir.path().join("x").exists());

    let ws = demo.workspace.workspace.id;
    let exported = audit_actions(api, ann, ws, "data").await;
    assert_eq!(
        exported.iter().filter(|a| *a == "data.exported").count(),
        4,
        "two exports of the set and two of the latest versions"
    );
    rt.shutdown().await;
}
