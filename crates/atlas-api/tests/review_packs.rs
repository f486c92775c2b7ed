//! Review packs through the command surface, with the engine in-process and the real OS
//! keyring holding the workspace's signing key: queued, written and ready; the same content
//! "already available" with nothing queued; saved to a folder and verified (and a tampered copy
//! named as such); bad destinations refused with nothing written; settings validated and
//! audited; not found for strangers and forbidden for readers on every new command.

use std::time::Duration;

use atlas_api::secrets::{KeyringStore, SecretError, SecretStore};
use atlas_api::{
    types::{
        GenerateReviewPackRequest, ListReviewPacksRequest, PackIntent, ReviewPackRequest,
        SaveReviewPackRequest, SignatureState, TenantRequest, UpdateReviewPackSettingsRequest,
        VerifyPackFileRequest, WorkspaceRequest,
    },
    Actor, ErrorCode,
};
use atlas_domain::{PackSettings, PackStatus, Role, Timestamp};
use atlas_store::testing;

mod common;
use common::{ann_runtime, audit_actions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pack_is_generated_once_per_content_saved_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |o| o.run_engine = true).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let tenant = &demo.tenants[0];
    let ask = GenerateReviewPackRequest {
        tenant_id: tenant.id,
        include_pii: Some(false),
        include_operations: None,
    };

    let first = api.generate_review_pack(ann, ask).await.unwrap();
    assert_eq!(first.intent, PackIntent::Queued);
    assert_eq!(first.message, "Review pack queued");
    assert!(first.run_id.is_some());
    let id = first.pack.pack.id;
    let ready = wait_ready(api, ann, id).await;
    assert!(ready.file_available);
    assert!(
        ready.pack.options.include_operations,
        "the workspace default"
    );

    let again = api.generate_review_pack(ann, ask).await.unwrap();
    assert_eq!(again.intent, PackIntent::AlreadyAvailable);
    assert_eq!(again.message, "Review pack already available");
    assert_eq!((again.pack.pack.id, again.run_id), (id, None));

    let latest = api
        .latest_review_pack(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.pack.id, id);
    let page = api
        .list_review_packs(
            ann,
            ListReviewPacksRequest {
                workspace_id: ws,
                tenant_id: None,
                offset: 0,
                limit: 50,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (page.total, page.items[0].tenant_name.as_str()),
        (1, tenant.display_name.as_str())
    );

    // Evidence frozen in the background; asking again while it is queued returns that run.
    let asked = api
        .generate_evidence_snapshot(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        asked.message,
        format!("Evidence snapshot of {} queued", tenant.display_name)
    );
    let snapshot = wait_evidence(api, ann, tenant.id).await;
    assert!(snapshot.is_usable());
    let again = api
        .get_evidence_snapshot(
            ann,
            atlas_api::types::EvidenceSnapshotRequest {
                snapshot_id: snapshot.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(again.content_hash, snapshot.content_hash);
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", Timestamp::now()).await,
    };
    let err = api
        .get_evidence_snapshot(
            &stranger,
            atlas_api::types::EvidenceSnapshotRequest {
                snapshot_id: snapshot.id,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    // A review needs a synced tenant first: the gate says so, and asking starts nothing.
    match api
        .review_readiness(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap()
    {
        atlas_domain::ReviewReadiness::NotReady {
            reason, next_step, ..
        } => {
            assert_eq!(reason, atlas_domain::ReasonCode::ReviewNoSync);
            assert!(
                next_step.contains("Sync the tenant's inventory"),
                "{next_step}"
            );
        }
        ready => panic!("not ready without a sync, got {ready:?}"),
    }
    let blocked = api
        .compose_review(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(blocked.code, ErrorCode::Conflict);
    assert!(
        blocked.message.contains("no completed inventory sync"),
        "{}",
        blocked.message
    );
    assert!(api
        .latest_review(
            ann,
            TenantRequest {
                tenant_id: tenant.id
            }
        )
        .await
        .unwrap()
        .is_none());

    // Saved anywhere, then verified against the workspace's key.
    let out = tempfile::tempdir().unwrap();
    let destination = out.path().join("Contoso review.zip");
    let saved = api
        .save_review_pack(
            ann,
            SaveReviewPackRequest {
                pack_id: id,
                destination: destination.display().to_string(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        Some(saved.sha256.as_str()),
        ready.pack.file_sha256.as_deref()
    );
    assert_eq!(
        std::fs::metadata(&destination).unwrap().len() as i64,
        saved.size
    );
    let verified = api
        .verify_pack_file(
            ann,
            VerifyPackFileRequest {
                path: saved.path.clone(),
                workspace_id: Some(ws),
            },
        )
        .await
        .unwrap();
    assert!(verified.intact, "{}", verified.verdict);
    assert_eq!(verified.signature, SignatureState::Trusted);
    let settings = api
        .review_pack_settings(ann, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap();
    assert_eq!(
        settings.signing_key.unwrap().fingerprint,
        verified.key_fingerprint.unwrap()
    );
    assert_eq!(
        verified.tenant_name.as_deref(),
        Some(tenant.display_name.as_str())
    );

    // A copy with one file changed after signing is named as changed.
    let tampered = out.path().join("tampered.zip");
    rewrite_one_file(&destination, &tampered, "data/inventory.json");
    let verdict = api
        .verify_pack_file(
            ann,
            VerifyPackFileRequest {
                path: tampered.display().to_string(),
                workspace_id: Some(ws),
            },
        )
        .await
        .unwrap();
    assert!(!verdict.intact);
    assert_eq!(verdict.problems.len(), 1, "{:?}", verdict.problems);
    assert_eq!(verdict.problems[0].path, "data/inventory.json");
    assert!(
        verdict.verdict.starts_with("The pack was changed"),
        "{}",
        verdict.verdict
    );

    // Not a pack, not there: a clear refusal.
    let text = out.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    for path in [
        text.display().to_string(),
        out.path().join("gone.zip").display().to_string(),
    ] {
        let err = api
            .verify_pack_file(
                ann,
                VerifyPackFileRequest {
                    path,
                    workspace_id: None,
                },
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    }

    // Destinations that cannot be written: refused, nothing written anywhere.
    for destination in [
        "relative.zip".to_owned(),
        out.path()
            .join("missing-folder/pack.zip")
            .display()
            .to_string(),
        text.join("pack.zip").display().to_string(),
    ] {
        let err = api
            .save_review_pack(
                ann,
                SaveReviewPackRequest {
                    pack_id: id,
                    destination: destination.clone(),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::InvalidInput,
            "{destination}: {}",
            err.message
        );
    }
    // A folder on a read-only disk, and one on a full disk: refused with the cause named,
    // and nothing is left behind there (not even the temporary copy).
    let read_only = tempfile::tempdir().unwrap();
    let _read_only = atlas_testkit::Tmpfs::mount(read_only.path(), "ro,size=64k");
    let full = tempfile::tempdir().unwrap();
    let _full = atlas_testkit::Tmpfs::mount(full.path(), "size=64k");
    std::fs::write(full.path().join("ballast"), vec![1u8; 60 * 1024]).unwrap();
    for (folder, cause) in [
        (read_only.path(), "Read-only file system"),
        (full.path(), "No space left on device"),
    ] {
        let err = api
            .save_review_pack(
                ann,
                SaveReviewPackRequest {
                    pack_id: id,
                    destination: folder.join("pack.zip").display().to_string(),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        assert!(
            err.message.contains("could not be written") && err.message.contains(cause),
            "{}",
            err.message
        );
        let left: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|name| name != "ballast")
            .collect();
        assert!(left.is_empty(), "left in {}: {left:?}", folder.display());
    }
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Contoso review.zip", "notes.txt", "tampered.zip"]);

    // Settings: refused when unusable (nothing changes), then changed and audited.
    let bad = PackSettings {
        retention_days: 0,
        ..PackSettings::default()
    };
    let err = api
        .update_review_pack_settings(
            ann,
            UpdateReviewPackSettingsRequest {
                workspace_id: ws,
                settings: bad,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let changed = PackSettings {
        retention_days: 30,
        ..PackSettings::default()
    };
    let view = api
        .update_review_pack_settings(
            ann,
            UpdateReviewPackSettingsRequest {
                workspace_id: ws,
                settings: changed,
            },
        )
        .await
        .unwrap();
    assert_eq!(view.settings, changed);
    let actions = audit_actions(api, ann, ws, "review_pack").await;
    for action in [
        "review_pack.requested",
        "review_pack.generated",
        "review_pack.saved",
        "review_pack.settings_changed",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
    rt.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strangers_find_nothing_and_readers_may_not_generate() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let tenant = demo.tenants[0].id;
    // No engine here: the pack stays queued.
    let queued = api
        .generate_review_pack(
            ann,
            GenerateReviewPackRequest {
                tenant_id: tenant,
                include_pii: None,
                include_operations: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(queued.pack.pack.status, PackStatus::Queued);
    let again = api
        .generate_review_pack(
            ann,
            GenerateReviewPackRequest {
                tenant_id: tenant,
                include_pii: None,
                include_operations: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(again.intent, PackIntent::AlreadyQueued);
    assert_eq!(again.pack.pack.id, queued.pack.pack.id);
    let id = queued.pack.pack.id;
    let err = api
        .save_review_pack(
            ann,
            SaveReviewPackRequest {
                pack_id: id,
                destination: "/tmp/x.zip".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "only a ready pack is saved");

    let now = Timestamp::now();
    let reader = Actor {
        user: testing::user(api.store(), "rita", now).await,
    };
    testing::member(api.store(), ws, reader.user_id(), Role::Readonly, None, now).await;
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", now).await,
    };

    let generate = GenerateReviewPackRequest {
        tenant_id: tenant,
        include_pii: None,
        include_operations: None,
    };
    assert_eq!(
        api.generate_review_pack(&reader, generate)
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        api.generate_review_pack(&stranger, generate)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    let settings = UpdateReviewPackSettingsRequest {
        workspace_id: ws,
        settings: PackSettings::default(),
    };
    assert_eq!(
        api.update_review_pack_settings(&reader, settings.clone())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        api.update_review_pack_settings(&stranger, settings)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );

    // Readers see packs; strangers do not learn they exist.
    assert_eq!(
        api.get_review_pack(&reader, ReviewPackRequest { pack_id: id })
            .await
            .unwrap()
            .pack
            .id,
        id
    );
    for err in [
        api.get_review_pack(&stranger, ReviewPackRequest { pack_id: id })
            .await
            .unwrap_err(),
        api.latest_review_pack(&stranger, TenantRequest { tenant_id: tenant })
            .await
            .unwrap_err(),
        api.list_review_packs(
            &stranger,
            ListReviewPacksRequest {
                workspace_id: ws,
                tenant_id: None,
                offset: 0,
                limit: 10,
            },
        )
        .await
        .unwrap_err(),
        api.save_review_pack(
            &stranger,
            SaveReviewPackRequest {
                pack_id: id,
                destination: "/tmp/x.zip".into(),
            },
        )
        .await
        .unwrap_err(),
        api.review_pack_settings(&stranger, WorkspaceRequest { workspace_id: ws })
            .await
            .unwrap_err(),
        api.verify_pack_file(
            &stranger,
            VerifyPackFileRequest {
                path: "/tmp/x.zip".into(),
                workspace_id: Some(ws),
            },
        )
        .await
        .unwrap_err(),
    ] {
        assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
    }
    let err = api
        .list_review_packs(
            ann,
            ListReviewPacksRequest {
                workspace_id: ws,
                tenant_id: None,
                offset: 0,
                limit: 0,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

async fn wait_ready(
    api: &atlas_api::Api,
    actor: &Actor,
    id: atlas_domain::ReviewPackId,
) -> atlas_api::types::ReviewPackView {
    for _ in 0..300 {
        let view = api
            .get_review_pack(actor, ReviewPackRequest { pack_id: id })
            .await
            .unwrap();
        match view.pack.status {
            PackStatus::Ready => return view,
            PackStatus::Failed => panic!("the pack failed: {view:?}"),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("the pack was not ready within 30 s");
}

/// Copies a pack, replacing one file's bytes (a ZIP tool's edit after signing).
fn rewrite_one_file(from: &std::path::Path, to: &std::path::Path, changed: &str) {
    use std::io::{Read, Write};
    let mut source = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == changed {
            bytes.extend_from_slice(b" ");
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

async fn wait_evidence(
    api: &atlas_api::Api,
    actor: &Actor,
    tenant: atlas_domain::TenantId,
) -> atlas_domain::EvidenceSnapshot {
    for _ in 0..300 {
        let list = api
            .list_evidence_snapshots(actor, TenantRequest { tenant_id: tenant })
            .await
            .unwrap();
        if let Some(done) = list
            .into_iter()
            .find(|s| s.state != atlas_domain::baseline::SnapshotState::Building)
        {
            return done;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no evidence snapshot within 30 s");
}

/// The real keyring, with every `put` held until both first signings have made their key: the
/// moment two processes sign a workspace's first pack at once.
#[derive(Debug)]
struct PutsMeet {
    keyring: KeyringStore,
    meet: std::sync::Barrier,
}

impl SecretStore for PutsMeet {
    fn put(&self, reference: &str, secret: &str) -> Result<(), SecretError> {
        self.meet.wait();
        self.keyring.put(reference, secret)
    }
    fn get(&self, reference: &str) -> Result<String, SecretError> {
        self.keyring.get(reference)
    }
    fn delete(&self, reference: &str) -> Result<(), SecretError> {
        self.keyring.delete(reference)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_first_signings_at_once_agree_on_the_one_recorded_key() {
    use atlas_packs::PackKeys;
    use std::sync::Arc;

    let (store, _dir) = testing::sqlite_store().await;
    let now = Timestamp::now();
    let owner = testing::user(&store, "owner", now).await;
    let ws = testing::workspace(&store, "Contoso MSP", owner.id, now)
        .await
        .id;
    let secrets = Arc::new(PutsMeet {
        keyring: KeyringStore::new(format!("TenantAtlas-test-{}", uuid::Uuid::new_v4())),
        meet: std::sync::Barrier::new(2),
    });
    let keys = Arc::new(atlas_api::pack_keys::KeyringPackKeys::new(
        store.clone(),
        secrets.clone(),
    ));
    let sign = |keys: Arc<atlas_api::pack_keys::KeyringPackKeys>| {
        tokio::spawn(async move { keys.signing_key(ws).await.map(|k| k.public()) })
    };
    let (first, second) = (sign(keys.clone()), sign(keys.clone()));
    let first = first.await.unwrap().expect("the first signing has a key");
    let second = second.await.unwrap().expect("the second signing has a key");
    assert_eq!(first, second, "both sign with the one key");

    let mut db = store.conn().await.unwrap();
    let recorded = atlas_store::review_packs::signing_key(&mut db, ws)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(recorded.fingerprint, first.fingerprint());
    // Later signings (no put any more) find the same key in the keyring.
    let again = keys.signing_key(ws).await.unwrap().public();
    assert_eq!(again, first);
    assert!(recorded
        .keyring_entry
        .starts_with(&format!("pack-signing:{ws}:")));
    secrets.keyring.delete(&recorded.keyring_entry).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_is_composed_from_evidence_as_fresh_as_the_workspace_setting_asks() {
    use atlas_domain::{ReasonCode, ReviewReadiness};
    use sqlx::Connection;

    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |o| o.run_engine = true).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let tenant_id = demo.tenants[0].id;
    let tenant = || TenantRequest { tenant_id };
    let synced = api
        .start_sync(
            ann,
            atlas_api::types::StartSyncRequest {
                tenant_id,
                kind: atlas_api::types::SyncKind::Inventory,
            },
        )
        .await
        .unwrap();
    common::wait_succeeded(api, ann, &synced.run).await;
    api.generate_evidence_snapshot(ann, tenant()).await.unwrap();
    let snapshot = wait_evidence(api, ann, tenant_id).await;
    assert!(snapshot.is_usable());
    assert!(matches!(
        api.review_readiness(ann, tenant()).await.unwrap(),
        ReviewReadiness::Ready { evidence_snapshot_id, .. } if evidence_snapshot_id == snapshot.id
    ));

    // Ten days later (the snapshot aged by hand): too old for the default of 7 days.
    let ten_days_ago = Timestamp::now().unix_millis() - 10 * 86_400_000;
    let mut raw = sqlx::SqliteConnection::connect(&format!(
        "sqlite://{}",
        dir.path().join(atlas_api::runtime::SQLITE_FILE).display()
    ))
    .await
    .unwrap();
    sqlx::query("UPDATE evidence_snapshots SET created_at = $1, completed_at = $1 WHERE id = $2")
        .bind(ten_days_ago)
        .bind(snapshot.id.to_string())
        .execute(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    match api.review_readiness(ann, tenant()).await.unwrap() {
        ReviewReadiness::NotReady {
            reason, message, ..
        } => {
            assert_eq!(reason, ReasonCode::ReviewEvidenceStale);
            assert!(
                message.contains("10 days old") && message.contains("at most 7 days"),
                "{message}"
            );
        }
        ready => panic!("ten-day-old evidence passed the 7-day gate: {ready:?}"),
    }
    let refused = api.compose_review(ann, tenant()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);

    // The workspace accepts evidence up to 14 days old: the same snapshot now serves.
    api.update_review_pack_settings(
        ann,
        UpdateReviewPackSettingsRequest {
            workspace_id: ws,
            settings: PackSettings {
                evidence_max_age_days: 14,
                ..PackSettings::default()
            },
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        api.review_readiness(ann, tenant()).await.unwrap(),
        ReviewReadiness::Ready { .. }
    ));
    let composed = api.compose_review(ann, tenant()).await.unwrap();
    common::wait_succeeded(api, ann, &composed.run).await;
    let review = api.latest_review(ann, tenant()).await.unwrap().unwrap();
    assert_eq!(review.evidence_snapshot_id, snapshot.id);
    rt.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ready_pack_whose_file_is_gone_is_packed_again_and_one_made_elsewhere_is_named() {
    use sqlx::Connection;

    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |o| o.run_engine = true).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ask = GenerateReviewPackRequest {
        tenant_id: demo.tenants[0].id,
        include_pii: Some(false),
        include_operations: None,
    };
    let first = api.generate_review_pack(ann, ask).await.unwrap();
    let first = wait_ready(api, ann, first.pack.pack.id).await;

    // Generated on another computer of the team (its run's lease names that machine): the
    // file is there, so asking here names that computer and changes nothing.
    let mut raw = sqlx::SqliteConnection::connect(&format!(
        "sqlite://{}",
        dir.path().join(atlas_api::runtime::SQLITE_FILE).display()
    ))
    .await
    .unwrap();
    let set_owner = |owner: String| {
        sqlx::query("UPDATE operation_runs SET lease_owner = $1 WHERE id = $2")
            .bind(owner)
            .bind(first.pack.run_id.unwrap().to_string())
    };
    set_owner("reviews-laptop-7/4242/0c5e-0".into())
        .execute(&mut raw)
        .await
        .unwrap();
    let file = atlas_packs::pack_file(&api.packs_dir(), first.pack.id);
    std::fs::rename(&file, dir.path().join("elsewhere.zip")).unwrap();
    let elsewhere = api.generate_review_pack(ann, ask).await.unwrap();
    assert_eq!(elsewhere.intent, PackIntent::AlreadyAvailable);
    assert!(
        elsewhere
            .message
            .starts_with("Review pack already available on reviews-laptop-7"),
        "{}",
        elsewhere.message
    );
    assert_eq!(elsewhere.pack.pack.id, first.pack.id);
    assert!(!elsewhere.pack.file_available);

    // Made here, and its file removed from the data folder by hand: the pack is retired (it
    // could never be saved again) and the same content is packed anew.
    set_owner(format!(
        "{}/4242/0c5e-0",
        atlas_engine::ProcessIdentity::current().host
    ))
    .execute(&mut raw)
    .await
    .unwrap();
    raw.close().await.unwrap();
    let again = api.generate_review_pack(ann, ask).await.unwrap();
    assert_eq!(again.intent, PackIntent::Queued, "{}", again.message);
    assert_eq!(again.message, "Review pack queued");
    assert_ne!(again.pack.pack.id, first.pack.id);
    assert_eq!(
        again.pack.pack.previous_fingerprint.as_deref(),
        Some(first.pack.fingerprint.as_str())
    );
    let retired = api
        .get_review_pack(
            ann,
            ReviewPackRequest {
                pack_id: first.pack.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(retired.pack.status, PackStatus::Expired);
    assert!(retired.pack.file_deleted_at.is_some());
    let ready = wait_ready(api, ann, again.pack.pack.id).await;
    assert!(ready.file_available);
    let actions = audit_actions(api, ann, demo.workspace.workspace.id, "review_pack").await;
    assert!(
        actions.iter().any(|a| a == "review_pack.file_missing"),
        "{actions:?}"
    );
    rt.shutdown().await;
}
