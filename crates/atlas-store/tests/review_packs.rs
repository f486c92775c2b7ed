//! Review packs on both engines: one active pack per tenant and fingerprint (the partial unique
//! index), one-way status changes by conditional update, the prune's questions, settings and
//! the signing key record (SPEC §8.3).

use atlas_domain::{
    PackOptions, PackSettings, PackStatus, PackSummary, ReviewPack, ReviewPackId, Tenant,
};
use atlas_store::{review_packs, Store};

#[macro_use]
mod support;

use support::{at, seed_tenant};

conformance!(
    one_active_pack_per_tenant_and_fingerprint,
    failed_and_expired_packs_do_not_block_a_new_one,
    status_moves_once_and_ready_needs_its_file,
    the_prune_finds_expiring_packs_and_files_to_delete,
    settings_default_until_stored_and_the_first_key_wins,
);

fn pack(tenant: &Tenant, fingerprint: &str, ms: i64) -> ReviewPack {
    ReviewPack {
        id: ReviewPackId::new(),
        workspace_id: tenant.workspace_id,
        tenant_id: tenant.id,
        run_id: None,
        initiated_by: None,
        status: PackStatus::Queued,
        fingerprint: fingerprint.into(),
        previous_fingerprint: None,
        options: PackOptions {
            include_pii: false,
            include_operations: true,
        },
        summary: PackSummary::default(),
        file_size: None,
        file_sha256: None,
        generated_at: None,
        expires_at: None,
        file_deleted_at: None,
        created_at: at(ms),
        updated_at: at(ms),
    }
}

async fn make_ready(store: &Store, p: &ReviewPack, generated: i64, expires: i64) {
    let mut db = store.conn().await.unwrap();
    assert!(review_packs::move_status(
        &mut db,
        p.id,
        PackStatus::Queued,
        PackStatus::Generating,
        at(generated)
    )
    .await
    .unwrap());
    let summary = PackSummary {
        files: 9,
        ..PackSummary::default()
    };
    let ready = review_packs::ReadyPack {
        fingerprint: &p.fingerprint,
        summary: &summary,
        file_size: 1234,
        file_sha256: "cd",
        generated_at: at(generated),
        expires_at: at(expires),
    };
    assert!(review_packs::mark_ready(&mut db, p.id, &ready)
        .await
        .unwrap());
}

async fn one_active_pack_per_tenant_and_fingerprint(store: Store) {
    let t = seed_tenant(&store).await;
    let mut db = store.conn().await.unwrap();
    let first = pack(&t, "f1", 10);
    assert!(review_packs::insert_if_absent(&mut db, &first)
        .await
        .unwrap());
    assert!(
        !review_packs::insert_if_absent(&mut db, &pack(&t, "f1", 11))
            .await
            .unwrap()
    );
    assert!(review_packs::insert_if_absent(&mut db, &pack(&t, "f2", 12))
        .await
        .unwrap());
    let found = review_packs::active_with_fingerprint(&mut db, t.id, "f1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, first.id);
    assert_eq!(
        review_packs::latest_for_tenant(&mut db, t.id)
            .await
            .unwrap()
            .unwrap()
            .fingerprint,
        "f2"
    );
    let (page, total) = review_packs::list(&mut db, t.workspace_id, None, 0, 10)
        .await
        .unwrap();
    assert_eq!((page.len(), total), (2, 2));
    let (none, total) = review_packs::list(&mut db, t.workspace_id, Some(&[]), 0, 10)
        .await
        .unwrap();
    assert_eq!((none.len(), total), (0, 0));
}

async fn failed_and_expired_packs_do_not_block_a_new_one(store: Store) {
    let t = seed_tenant(&store).await;
    let mut db = store.conn().await.unwrap();
    let failed = pack(&t, "same", 10);
    review_packs::insert_if_absent(&mut db, &failed)
        .await
        .unwrap();
    assert!(review_packs::move_status(
        &mut db,
        failed.id,
        PackStatus::Queued,
        PackStatus::Failed,
        at(11)
    )
    .await
    .unwrap());
    let ready = pack(&t, "same", 20);
    assert!(review_packs::insert_if_absent(&mut db, &ready)
        .await
        .unwrap());
    drop(db);
    make_ready(&store, &ready, 30, 100).await;
    let mut db = store.conn().await.unwrap();
    assert_eq!(
        review_packs::latest_ready_fingerprint(&mut db, t.id)
            .await
            .unwrap()
            .as_deref(),
        Some("same")
    );
    assert!(review_packs::move_status(
        &mut db,
        ready.id,
        PackStatus::Ready,
        PackStatus::Expired,
        at(101)
    )
    .await
    .unwrap());
    assert!(
        review_packs::insert_if_absent(&mut db, &pack(&t, "same", 102))
            .await
            .unwrap()
    );
}

async fn status_moves_once_and_ready_needs_its_file(store: Store) {
    let t = seed_tenant(&store).await;
    let p = pack(&t, "f", 10);
    let mut db = store.conn().await.unwrap();
    review_packs::insert_if_absent(&mut db, &p).await.unwrap();
    // Not generating yet: it cannot become ready.
    let summary = PackSummary::default();
    let ready = review_packs::ReadyPack {
        fingerprint: "f",
        summary: &summary,
        file_size: 1,
        file_sha256: "ab",
        generated_at: at(20),
        expires_at: at(30),
    };
    assert!(!review_packs::mark_ready(&mut db, p.id, &ready)
        .await
        .unwrap());
    assert!(review_packs::move_status(
        &mut db,
        p.id,
        PackStatus::Queued,
        PackStatus::Generating,
        at(11)
    )
    .await
    .unwrap());
    assert!(!review_packs::move_status(
        &mut db,
        p.id,
        PackStatus::Queued,
        PackStatus::Generating,
        at(12)
    )
    .await
    .unwrap());
    // The database itself refuses a ready pack without its file's facts.
    let refused = support::execute_result(
        &mut db,
        &format!(
            "UPDATE review_packs SET status = 'ready' WHERE id = '{}'",
            p.id
        ),
    )
    .await;
    assert!(
        refused.is_err(),
        "ready without size and hash must be refused"
    );
    let run = support::stored_run(
        &store,
        t.workspace_id,
        t.id,
        atlas_domain::OperationType::ReviewPackGenerate,
    )
    .await;
    let mut db = store.conn().await.unwrap();
    support::execute_result(
        &mut db,
        &format!(
            "UPDATE review_packs SET run_id = '{run}' WHERE id = '{}'",
            p.id
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        review_packs::fail_unfinished_of_run(&mut db, run, at(13))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        review_packs::get(&mut db, p.id)
            .await
            .unwrap()
            .unwrap()
            .status,
        PackStatus::Failed
    );
    assert_eq!(
        review_packs::fail_unfinished_of_run(&mut db, run, at(14))
            .await
            .unwrap(),
        0
    );
}

async fn the_prune_finds_expiring_packs_and_files_to_delete(store: Store) {
    let t = seed_tenant(&store).await;
    let old = pack(&t, "old", 10);
    let fresh = pack(&t, "fresh", 11);
    let mut db = store.conn().await.unwrap();
    review_packs::insert_if_absent(&mut db, &old).await.unwrap();
    review_packs::insert_if_absent(&mut db, &fresh)
        .await
        .unwrap();
    drop(db);
    make_ready(&store, &old, 20, 100).await;
    make_ready(&store, &fresh, 21, 10_000).await;
    let mut db = store.conn().await.unwrap();
    let due: Vec<_> = review_packs::expiring(&mut db, at(500))
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(due, [old.id]);
    review_packs::move_status(
        &mut db,
        old.id,
        PackStatus::Ready,
        PackStatus::Expired,
        at(500),
    )
    .await
    .unwrap();
    let with_files: Vec<_> = review_packs::expired_with_files(&mut db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(with_files, [old.id]);
    let unknown = ReviewPackId::new();
    let kept = review_packs::keeping_files(&mut db, &[old.id, fresh.id, unknown])
        .await
        .unwrap();
    assert_eq!(kept.len(), 2);
    assert!(review_packs::mark_file_deleted(&mut db, old.id, at(600))
        .await
        .unwrap());
    assert!(!review_packs::mark_file_deleted(&mut db, old.id, at(601))
        .await
        .unwrap());
    assert_eq!(
        review_packs::keeping_files(&mut db, &[old.id])
            .await
            .unwrap(),
        []
    );
}

async fn settings_default_until_stored_and_the_first_key_wins(store: Store) {
    let t = seed_tenant(&store).await;
    let owner = support::seed_user(&store, "local:bob").await;
    let mut db = store.conn().await.unwrap();
    assert_eq!(
        review_packs::settings(&mut db, t.workspace_id)
            .await
            .unwrap(),
        PackSettings::default()
    );
    let changed = PackSettings {
        defaults: PackOptions {
            include_pii: false,
            include_operations: false,
        },
        retention_days: 30,
        grace_days: 0,
        evidence_max_age_days: 21,
    };
    review_packs::put_settings(&mut db, t.workspace_id, &changed, owner, at(5))
        .await
        .unwrap();
    assert_eq!(
        review_packs::settings(&mut db, t.workspace_id)
            .await
            .unwrap(),
        changed
    );

    let key = |n: &str| review_packs::SigningKeyRecord {
        public_key_pem: format!("pem {n}"),
        fingerprint: format!("fp {n}"),
        keyring_entry: format!("entry {n}"),
        created_at: at(1),
    };
    assert!(
        review_packs::insert_signing_key(&mut db, t.workspace_id, &key("a"))
            .await
            .unwrap()
    );
    assert!(
        !review_packs::insert_signing_key(&mut db, t.workspace_id, &key("b"))
            .await
            .unwrap()
    );
    assert_eq!(
        review_packs::signing_key(&mut db, t.workspace_id)
            .await
            .unwrap(),
        Some(key("a"))
    );
}
