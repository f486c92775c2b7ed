//! Backup sets on both engines: a set holds the newest version of each object its run read,
//! ends once, and pruning deletes only versions no remaining set holds that are not an
//! object's newest — never a restore pre-image or a baseline snapshot's version (SPEC §7).

use atlas_domain::{
    BackupGap, BackupSet, BackupSetId, BackupSetStatus, BaselineProfile, BaselineProfileId,
    BaselineSnapshot, BaselineSnapshotId, BaselineStatus, CaptureMode, InventorySelection,
    PolicyVersion, SnapshotItem, SnapshotState, Tenant, TypesRead, VersionPurpose,
};
use atlas_store::{
    backup_sets::{self, SetEnding},
    baselines,
    policy_versions::{self, NewVersion},
    Store,
};

#[macro_use]
mod support;

use support::{at, seed_tenant};

conformance!(
    a_set_holds_the_newest_version_of_each_object_read,
    a_set_ends_once,
    pruning_keeps_what_other_sets_hold_and_each_objects_newest,
    a_set_left_capturing_by_its_run_ends_partial_or_failed,
);

fn set(tenant: &Tenant, ms: i64) -> BackupSet {
    BackupSet {
        id: BackupSetId::new(),
        workspace_id: tenant.workspace_id,
        tenant_id: tenant.id,
        run_id: None,
        schedule_id: None,
        initiated_by: None,
        status: BackupSetStatus::Capturing,
        selection: InventorySelection::default(),
        item_count: 0,
        new_versions: 0,
        types: TypesRead::new(),
        missing: vec![],
        created_at: at(ms),
        completed_at: None,
        origin: None,
    }
}

async fn version(
    store: &Store,
    tenant: &Tenant,
    id: &str,
    content: i64,
    purpose: VersionPurpose,
) -> PolicyVersion {
    let mut db = store.conn().await.unwrap();
    policy_versions::insert_if_changed(
        &mut db,
        &NewVersion {
            workspace_id: tenant.workspace_id,
            tenant_id: tenant.id,
            object_type: "compliance_policies".into(),
            external_id: id.into(),
            display_name: format!("Policy {id}"),
            content_hash: format!("hash-{content}"),
            content: serde_json::json!({ "value": content }),
            captured_at: at(content),
            run_id: None,
            purpose,
            provenance: None,
        },
    )
    .await
    .unwrap()
    .expect("a changed version is written")
}

async fn capture(store: &Store, tenant: &Tenant, ms: i64, ids: &[&str]) -> BackupSet {
    let s = set(tenant, ms);
    let mut db = store.conn().await.unwrap();
    backup_sets::insert_capturing(&mut db, &s).await.unwrap();
    let ids: Vec<String> = ids.iter().map(|i| (*i).to_owned()).collect();
    backup_sets::add_newest_versions(&mut db, s.id, tenant.id, "compliance_policies", &ids)
        .await
        .unwrap();
    let types = TypesRead::new();
    assert!(backup_sets::finish(
        &mut db,
        s.id,
        &SetEnding {
            status: BackupSetStatus::Complete,
            new_versions: 0,
            types: &types,
            missing: &[],
            at: at(ms + 1),
        },
    )
    .await
    .unwrap());
    backup_sets::get(&mut db, s.id).await.unwrap().unwrap()
}

async fn a_set_holds_the_newest_version_of_each_object_read(store: Store) {
    let t = seed_tenant(&store).await;
    version(&store, &t, "a", 1, VersionPurpose::Backup).await;
    let a2 = version(&store, &t, "a", 2, VersionPurpose::Backup).await;
    let b1 = version(&store, &t, "b", 3, VersionPurpose::Backup).await;
    // An object the run did not read (deleted in the tenant) is not in the set.
    version(&store, &t, "gone", 4, VersionPurpose::Backup).await;

    let s = capture(&store, &t, 10, &["a", "b", "not-stored"]).await;
    assert_eq!(s.status, BackupSetStatus::Complete);
    assert_eq!(s.item_count, 2);
    let mut db = store.conn().await.unwrap();
    let items = backup_sets::items(&mut db, s.id).await.unwrap();
    let held: Vec<_> = items.iter().map(|i| i.version_id).collect();
    assert_eq!(
        held,
        vec![a2.summary.id, b1.summary.id],
        "newest versions, by name"
    );
    assert_eq!(items[0].version_number, 2);
    let listed = backup_sets::list_for_tenant(&mut db, t.id, 10)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, s.id);
}

async fn a_set_ends_once(store: Store) {
    let t = seed_tenant(&store).await;
    let s = capture(&store, &t, 10, &[]).await;
    let mut db = store.conn().await.unwrap();
    let types = TypesRead::new();
    let again = backup_sets::finish(
        &mut db,
        s.id,
        &SetEnding {
            status: BackupSetStatus::Failed,
            new_versions: 0,
            types: &types,
            missing: &[],
            at: at(20),
        },
    )
    .await
    .unwrap();
    assert!(!again, "a finished set does not change");
    let added = backup_sets::add_newest_versions(
        &mut db,
        s.id,
        t.id,
        "compliance_policies",
        &["a".to_owned()],
    )
    .await
    .unwrap();
    assert_eq!(added, 0, "a finished set takes no more versions");
    let stored = backup_sets::get(&mut db, s.id).await.unwrap().unwrap();
    assert_eq!(stored.status, BackupSetStatus::Complete);
}

async fn pruning_keeps_what_other_sets_hold_and_each_objects_newest(store: Store) {
    let t = seed_tenant(&store).await;
    let a1 = version(&store, &t, "a", 1, VersionPurpose::Backup).await;
    let b1 = version(&store, &t, "b", 2, VersionPurpose::Backup).await;
    let c1 = version(&store, &t, "c", 3, VersionPurpose::Backup).await;
    let old = capture(&store, &t, 10, &["a", "b", "c"]).await;
    let a2 = version(&store, &t, "a", 4, VersionPurpose::Backup).await;
    let pre_image = version(&store, &t, "a", 5, VersionPurpose::RestorePreimage).await;
    let a5 = version(&store, &t, "a", 6, VersionPurpose::Backup).await;
    let newer = capture(&store, &t, 20, &["a", "b"]).await;
    let _c2 = version(&store, &t, "c", 7, VersionPurpose::Backup).await;
    // c1 was in the old set only, but a baseline snapshot holds it as what it captured.
    hold_in_snapshot(&store, &t, &c1).await;

    let mut db = store.conn().await.unwrap();
    let finished = backup_sets::finished_for_tenant(&mut db, t.id)
        .await
        .unwrap();
    assert_eq!(
        finished.iter().map(|f| f.0).collect::<Vec<_>>(),
        vec![newer.id, old.id],
        "newest first"
    );
    let pruned = backup_sets::prune(&mut db, t.id, &[old.id]).await.unwrap();
    assert_eq!(pruned.sets, 1);
    assert_eq!(pruned.versions, 1);
    // a1 was only in the pruned set: deleted. b1 is still in the newer set: kept. a2 was in no
    // set at all: kept (pruning only ever deletes what pruned sets held). The pre-image, the
    // snapshot's version and the newest versions are kept.
    for (kept, why) in [
        (&c1, "held by a baseline snapshot"),
        (&b1, "held by the newer set"),
        (&a2, "never in a pruned set"),
        (&pre_image, "a restore pre-image"),
        (&a5, "the object's newest"),
    ] {
        assert!(
            policy_versions::get(&mut db, kept.summary.id)
                .await
                .unwrap()
                .is_some(),
            "{why}"
        );
    }
    assert!(policy_versions::get(&mut db, a1.summary.id)
        .await
        .unwrap()
        .is_none());
    assert!(backup_sets::get(&mut db, old.id).await.unwrap().is_none());

    // Another tenant's set id prunes nothing here.
    let pruned = backup_sets::prune(&mut db, t.id, &[BackupSetId::new()])
        .await
        .unwrap();
    assert_eq!(pruned, backup_sets::Pruned::default());
}

/// A complete-enough snapshot of a profile whose one item points at `held`.
async fn hold_in_snapshot(store: &Store, t: &Tenant, held: &PolicyVersion) {
    let profile = BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: t.workspace_id,
        name: "Standard".into(),
        description: String::new(),
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::FullContent,
        scope: vec![],
        source_tenant_id: Some(t.id),
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: at(1),
        updated_at: at(1),
    };
    let snapshot = BaselineSnapshot {
        id: BaselineSnapshotId::new(),
        workspace_id: t.workspace_id,
        profile_id: profile.id,
        source_tenant_id: t.id,
        capture_mode: CaptureMode::FullContent,
        state: SnapshotState::Building,
        identity_hash: "identity".into(),
        producer_run_id: None,
        proof: None,
        ambiguous: vec![],
        failure_reason: None,
        failed_at: None,
        created_at: at(8),
        completed_at: None,
        proof_rule: None,
    };
    let item = SnapshotItem {
        subject_type: "policy".into(),
        subject_key: "settings_catalog:c".into(),
        policy_type: held.summary.object_type.clone(),
        baseline_hash: "config-hash".into(),
        meta: serde_json::json!({ "external_id": held.summary.external_id }),
        content: Some(serde_json::json!({})),
        version_id: Some(held.summary.id),
    };
    let mut db = store.conn().await.unwrap();
    baselines::insert_profile(&mut db, &profile).await.unwrap();
    baselines::insert_building_snapshot(&mut db, &snapshot)
        .await
        .unwrap();
    baselines::insert_items(&mut db, snapshot.id, std::slice::from_ref(&item))
        .await
        .unwrap();
    let stored = baselines::list_items(&mut db, snapshot.id).await.unwrap();
    assert_eq!(stored, [item], "the item keeps its version");
}

async fn a_set_left_capturing_by_its_run_ends_partial_or_failed(store: Store) {
    let t = seed_tenant(&store).await;
    version(&store, &t, "a", 1, VersionPurpose::Backup).await;
    let run = support::stored_run(
        &store,
        t.workspace_id,
        t.id,
        atlas_domain::OperationType::BackupScheduleRun,
    )
    .await;
    let mut db = store.conn().await.unwrap();
    let mut with_items = set(&t, 10);
    with_items.run_id = Some(run);
    backup_sets::insert_capturing(&mut db, &with_items)
        .await
        .unwrap();
    backup_sets::add_newest_versions(
        &mut db,
        with_items.id,
        t.id,
        "compliance_policies",
        &["a".to_owned()],
    )
    .await
    .unwrap();
    let ended = backup_sets::fail_capturing_of_run(
        &mut db,
        run,
        atlas_domain::ReasonCode::BackupProducerEnded,
        at(30),
    )
    .await
    .unwrap();
    assert_eq!(ended, 1);
    let stored = backup_sets::of_run(&mut db, run).await.unwrap().unwrap();
    assert_eq!(
        stored.status,
        BackupSetStatus::Partial,
        "it holds a version"
    );
    assert_eq!(stored.item_count, 1);
    assert_eq!(
        stored.missing,
        vec![BackupGap {
            object_type: "*".into(),
            whole_type: true,
            objects: vec![],
            reason: Some(atlas_domain::ReasonCode::BackupProducerEnded),
        }]
    );
}
