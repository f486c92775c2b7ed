//! Baseline profiles, assignments and snapshots on both engines: the lifecycle rules the store
//! keeps even against retries and races (SPEC §6.1–6.3).

use atlas_domain::{
    BaselineProfile, BaselineProfileId, BaselineSnapshot, BaselineSnapshotId, BaselineStatus,
    CaptureMode, CompletionProof, SnapshotItem, SnapshotState, TenantId, WorkspaceId,
};
use atlas_store::{baselines, Store, StoreError};
use serde_json::json;

#[macro_use]
mod support;

use support::{at, seed_tenant, tenant};

conformance!(
    profiles_round_trip_and_list_by_name,
    a_tenant_is_assigned_to_at_most_one_profile,
    a_snapshot_leaves_building_once_and_items_never_duplicate,
    the_current_snapshot_is_only_ever_a_complete_one_of_the_profile,
    an_identical_complete_capture_is_found_for_reuse,
    the_database_refuses_a_complete_snapshot_without_proof,
    snapshots_a_run_left_building_end_incomplete_with_it,
);

fn profile(workspace: WorkspaceId, name: &str, source: Option<TenantId>) -> BaselineProfile {
    BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: workspace,
        name: name.into(),
        description: format!("{name}, as agreed with the customer"),
        status: BaselineStatus::Draft,
        capture_mode: CaptureMode::Meta,
        scope: vec!["settings_catalog".into(), "compliance_policy".into()],
        source_tenant_id: source,
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: at(10),
        updated_at: at(10),
    }
}

fn building(profile: &BaselineProfile, source: TenantId, identity: &str) -> BaselineSnapshot {
    BaselineSnapshot {
        id: BaselineSnapshotId::new(),
        workspace_id: profile.workspace_id,
        profile_id: profile.id,
        source_tenant_id: source,
        capture_mode: profile.capture_mode,
        state: SnapshotState::Building,
        identity_hash: identity.into(),
        producer_run_id: None,
        proof: None,
        ambiguous: vec![],
        failure_reason: None,
        failed_at: None,
        created_at: at(20),
        completed_at: None,
        proof_rule: None,
    }
}

fn item(key: &str, content: Option<serde_json::Value>) -> SnapshotItem {
    SnapshotItem {
        subject_type: "policy".into(),
        subject_key: key.into(),
        policy_type: "settings_catalog".into(),
        baseline_hash: format!("hash-of-{key}"),
        meta: json!({ "display_name": key, "settings": 3 }),
        content,
        version_id: None,
    }
}

fn proof(n: i64) -> CompletionProof {
    CompletionProof {
        expected_items: n,
        persisted_items: n,
        was_empty_capture: false,
    }
}

/// A stored profile with its source tenant, and a building snapshot of it.
async fn seeded(store: &Store) -> (BaselineProfile, TenantId) {
    let source = seed_tenant(store).await;
    let p = profile(source.workspace_id, "Windows baseline", Some(source.id));
    let mut db = store.conn().await.unwrap();
    baselines::insert_profile(&mut db, &p).await.unwrap();
    (p, source.id)
}

async fn profiles_round_trip_and_list_by_name(store: Store) {
    let (first, _) = seeded(&store).await;
    let second = profile(first.workspace_id, "Apple baseline", None);
    let mut db = store.conn().await.unwrap();
    baselines::insert_profile(&mut db, &second).await.unwrap();
    assert_eq!(
        baselines::get_profile(&mut db, first.id).await.unwrap(),
        Some(first.clone())
    );
    let listed = baselines::list_profiles(&mut db, first.workspace_id)
        .await
        .unwrap();
    assert_eq!(listed, [second.clone(), first.clone()], "by name");

    let edited = BaselineProfile {
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::FullContent,
        scope: vec![],
        updated_at: at(30),
        ..first.clone()
    };
    baselines::update_profile(&mut db, &edited).await.unwrap();
    assert_eq!(
        baselines::get_profile(&mut db, first.id).await.unwrap(),
        Some(edited)
    );
    let missing = profile(first.workspace_id, "Gone", None);
    let err = baselines::update_profile(&mut db, &missing)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert_eq!(
        baselines::get_profile(&mut db, missing.id).await.unwrap(),
        None
    );
}

async fn a_tenant_is_assigned_to_at_most_one_profile(store: Store) {
    let (windows, source) = seeded(&store).await;
    let apple = profile(windows.workspace_id, "Apple baseline", None);
    let other = tenant(windows.workspace_id, "Fabrikam", 2);
    let mut db = store.conn().await.unwrap();
    baselines::insert_profile(&mut db, &apple).await.unwrap();
    atlas_store::tenants::insert(&mut db, &other).await.unwrap();
    let ws = windows.workspace_id;

    baselines::assign(&mut db, ws, windows.id, source, at(40))
        .await
        .unwrap();
    baselines::assign(&mut db, ws, windows.id, other.id, at(40))
        .await
        .unwrap();
    let err = baselines::assign(&mut db, ws, apple.id, source, at(41))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(
        baselines::assignment_of(&mut db, source).await.unwrap(),
        Some(windows.id)
    );
    let mut expected = vec![source, other.id];
    expected.sort();
    assert_eq!(
        baselines::assigned_tenants(&mut db, windows.id)
            .await
            .unwrap(),
        expected
    );

    assert!(baselines::unassign(&mut db, source).await.unwrap());
    assert!(!baselines::unassign(&mut db, source).await.unwrap());
    baselines::assign(&mut db, ws, apple.id, source, at(42))
        .await
        .unwrap();
    assert_eq!(
        baselines::assignment_of(&mut db, source).await.unwrap(),
        Some(apple.id)
    );
    assert_eq!(
        baselines::assigned_tenants(&mut db, windows.id)
            .await
            .unwrap(),
        [other.id]
    );
}

async fn a_snapshot_leaves_building_once_and_items_never_duplicate(store: Store) {
    let (p, source) = seeded(&store).await;
    let snapshot = building(&p, source, "identity-1");
    let mut db = store.conn().await.unwrap();
    baselines::insert_building_snapshot(&mut db, &snapshot)
        .await
        .unwrap();

    let items = [
        item("settings_catalog:bitlocker", None),
        item(
            "settings_catalog:defender",
            Some(json!({ "settings": [1, 2] })),
        ),
        item("settings_catalog:firewall", None),
    ];
    assert_eq!(
        baselines::insert_items(&mut db, snapshot.id, &items[..2])
            .await
            .unwrap(),
        2
    );
    // A retried batch adds only what is new.
    assert_eq!(
        baselines::insert_items(&mut db, snapshot.id, &items)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        baselines::count_items(&mut db, snapshot.id).await.unwrap(),
        3
    );
    assert_eq!(
        baselines::list_items(&mut db, snapshot.id).await.unwrap(),
        items
    );

    assert!(
        baselines::complete_snapshot(&mut db, snapshot.id, &proof(3), at(50))
            .await
            .unwrap()
    );
    assert!(
        !baselines::fail_snapshot(
            &mut db,
            snapshot.id,
            atlas_domain::ReasonCode::SnapshotCaptureFailed,
            at(51)
        )
        .await
        .unwrap(),
        "complete never goes back"
    );
    assert!(
        !baselines::complete_snapshot(&mut db, snapshot.id, &proof(9), at(52))
            .await
            .unwrap()
    );
    let stored = baselines::get_snapshot(&mut db, snapshot.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.state, SnapshotState::Complete);
    assert_eq!(stored.proof, Some(proof(3)));
    assert_eq!(stored.completed_at, Some(at(50)));

    let failed = building(&p, source, "identity-2");
    baselines::insert_building_snapshot(&mut db, &failed)
        .await
        .unwrap();
    assert!(baselines::fail_snapshot(
        &mut db,
        failed.id,
        atlas_domain::ReasonCode::SnapshotCaptureFailed,
        at(60)
    )
    .await
    .unwrap());
    assert!(
        !baselines::complete_snapshot(&mut db, failed.id, &proof(0), at(61))
            .await
            .unwrap(),
        "incomplete never becomes complete"
    );
    let listed = baselines::list_snapshots(&mut db, p.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].id, snapshot.id, "newest first");
    assert_eq!(listed[0].state, SnapshotState::Incomplete);
    assert_eq!(
        listed[0].failure_reason,
        Some(atlas_domain::ReasonCode::SnapshotCaptureFailed)
    );
    assert_eq!(listed[0].failed_at, Some(at(60)));
    assert_eq!(listed[0].proof, None);
}

async fn the_current_snapshot_is_only_ever_a_complete_one_of_the_profile(store: Store) {
    let (p, source) = seeded(&store).await;
    let other = profile(p.workspace_id, "Other", Some(source));
    let mut db = store.conn().await.unwrap();
    baselines::insert_profile(&mut db, &other).await.unwrap();
    let pending = building(&p, source, "a");
    let broken = building(&p, source, "b");
    let foreign = building(&other, source, "c");
    let good = building(&p, source, "d");
    for s in [&pending, &broken, &foreign, &good] {
        baselines::insert_building_snapshot(&mut db, s)
            .await
            .unwrap();
    }
    baselines::fail_snapshot(
        &mut db,
        broken.id,
        atlas_domain::ReasonCode::SnapshotCompletionProofFailed,
        at(30),
    )
    .await
    .unwrap();
    for s in [&foreign, &good] {
        baselines::complete_snapshot(&mut db, s.id, &proof(0), at(31))
            .await
            .unwrap();
    }
    for refused in [pending.id, broken.id, foreign.id] {
        assert!(
            !baselines::set_current_snapshot(&mut db, p.id, refused, at(40))
                .await
                .unwrap()
        );
        assert_eq!(
            baselines::get_profile(&mut db, p.id)
                .await
                .unwrap()
                .unwrap()
                .current_snapshot_id,
            None
        );
    }
    assert!(
        baselines::set_current_snapshot(&mut db, p.id, good.id, at(41))
            .await
            .unwrap()
    );
    let stored = baselines::get_profile(&mut db, p.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.current_snapshot_id, Some(good.id));
    assert_eq!(stored.updated_at, at(41));
}

async fn an_identical_complete_capture_is_found_for_reuse(store: Store) {
    let (p, source) = seeded(&store).await;
    let mut db = store.conn().await.unwrap();
    let first = building(&p, source, "same");
    baselines::insert_building_snapshot(&mut db, &first)
        .await
        .unwrap();
    assert_eq!(
        baselines::find_complete_by_identity(&mut db, p.id, "same")
            .await
            .unwrap(),
        None,
        "a building snapshot is not reusable"
    );
    baselines::complete_snapshot(&mut db, first.id, &proof(0), at(30))
        .await
        .unwrap();
    let found = baselines::find_complete_by_identity(&mut db, p.id, "same")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, first.id);
    assert_eq!(
        baselines::find_complete_by_identity(&mut db, p.id, "different")
            .await
            .unwrap(),
        None
    );
}

async fn the_database_refuses_a_complete_snapshot_without_proof(store: Store) {
    let (p, source) = seeded(&store).await;
    let snapshot = building(&p, source, "x");
    let mut db = store.conn().await.unwrap();
    baselines::insert_building_snapshot(&mut db, &snapshot)
        .await
        .unwrap();
    let sql = format!(
        "UPDATE baseline_snapshots SET state = 'complete' WHERE id = '{}'",
        snapshot.id
    );
    let refused = match &mut db {
        atlas_store::Conn::Sqlite(c) => sqlx::query(&sql).execute(&mut **c).await.is_err(),
        atlas_store::Conn::Postgres(c) => sqlx::query(&sql).execute(&mut **c).await.is_err(),
    };
    assert!(refused, "a complete snapshot must carry its proof");
}

async fn snapshots_a_run_left_building_end_incomplete_with_it(store: Store) {
    let (profile, source) = seeded(&store).await;
    let run = support::stored_run(
        &store,
        profile.workspace_id,
        source,
        atlas_domain::OperationType::BaselineCapture,
    )
    .await;
    let mut left = building(&profile, source, "left");
    left.producer_run_id = Some(run);
    left.ambiguous = vec![atlas_domain::AmbiguousSubject {
        subject_key: "settings_catalog:edge".into(),
        display_name: "Edge".into(),
        count: 2,
    }];
    let mut done = building(&profile, source, "done");
    done.producer_run_id = Some(run);
    let mut c = store.conn().await.unwrap();
    baselines::insert_building_snapshot(&mut c, &left)
        .await
        .unwrap();
    baselines::insert_building_snapshot(&mut c, &done)
        .await
        .unwrap();
    baselines::insert_items(&mut c, done.id, &[item("a", None)])
        .await
        .unwrap();
    assert!(
        baselines::complete_snapshot(&mut c, done.id, &proof(1), at(30))
            .await
            .unwrap()
    );

    let ended = baselines::fail_building_of_run(
        &mut c,
        run,
        atlas_domain::ReasonCode::SnapshotProducerEnded,
        at(40),
    )
    .await
    .unwrap();
    assert_eq!(ended, 1, "only the building one");
    let left = baselines::get_snapshot(&mut c, left.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left.state, SnapshotState::Incomplete);
    assert_eq!(
        left.failure_reason,
        Some(atlas_domain::ReasonCode::SnapshotProducerEnded)
    );
    assert_eq!(left.ambiguous.len(), 1, "the gaps are kept");
    let done = baselines::get_snapshot(&mut c, done.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        done.state,
        SnapshotState::Complete,
        "a complete snapshot never goes back"
    );
}
