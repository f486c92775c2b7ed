//! Conformance of the tenant data stores (issue 5) — tenant editing and connection state, last
//! runs per kind, inventory, policy versions, groups, directory roles, stored reports — on
//! SQLite and on a real PostgreSQL, like `conformance.rs`.

use atlas_domain::{
    ConnectionState, CredentialKind, DirectoryRoleAssignment, DirectoryRoleDefinition,
    InventoryFilter, InventorySort, InventorySortKey, OperationRun, OperationType, PrincipalType,
    ProviderConnection, ReportId, ReportType, RunId, RunOutcome, RunStatus, SortDirection,
    StoredReport, Tenant, TenantStatus, VersionPurpose,
};
use atlas_store::{
    directory_roles,
    groups::{self, SeenGroup},
    inventory::{self, SeenItem},
    overview,
    policy_versions::{self, NewVersion},
    reports, runs, tenants, Store, StoreError,
};
use serde_json::json;

#[macro_use]
mod support;

use support::{at, seed_tenant, tenant};

conformance!(
    setting_definitions_are_cached_per_tenant_and_replaced_by_newer_reads,
    tenant_details_and_status_are_updated,
    a_new_connection_must_be_verified_again,
    connection_checks_are_recorded_with_their_reason,
    changing_a_missing_tenant_is_not_found,
    the_last_completed_run_per_tenant_and_kind_is_listed,
    completed_runs_are_counted_once_per_quarter_hour_and_read_back_exactly,
    seen_items_are_inserted_then_updated,
    removal_marks_only_unseen_items_of_the_given_type,
    a_re_seen_item_is_no_longer_removed,
    inventory_lists_filter_sort_and_page,
    inventory_counts_split_present_and_removed,
    five_thousand_items_are_upserted_in_one_call,
    unchanged_content_writes_no_new_version,
    changed_content_writes_the_next_version,
    latest_hashes_name_the_newest_version_of_each_object,
    numbered_versions_are_written_in_bulk_and_a_taken_number_writes_nothing,
    recorded_captures_point_at_the_version_that_holds_their_content,
    a_runs_changes_are_its_first_and_new_versions_and_the_items_removed_while_it_ran,
    groups_are_upserted_listed_and_marked_removed,
    group_names_are_looked_up_by_id,
    directory_roles_are_replaced_whole,
    reports_are_listed_newest_first,
);

fn completed_run(t: &Tenant, kind: OperationType, outcome: RunOutcome, at_ms: i64) -> OperationRun {
    OperationRun {
        status: RunStatus::Completed,
        outcome,
        completed_at: Some(at(at_ms)),
        ..OperationRun::queued(
            t.workspace_id,
            Some(t.id),
            None,
            kind,
            format!("{kind}-{at_ms}-{}", t.id),
            json!({}),
            at(at_ms - 1),
        )
    }
}

async fn stored_run(store: &Store, t: &Tenant) -> RunId {
    let run = completed_run(t, OperationType::InventorySync, RunOutcome::Succeeded, 50);
    let mut c = store.conn().await.unwrap();
    runs::insert(&mut c, &run).await.unwrap();
    run.id
}

async fn tenant_details_and_status_are_updated(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    tenants::update_details(&mut c, t.id, "Contoso Ltd", None, at(10))
        .await
        .unwrap();
    tenants::set_status(&mut c, t.id, TenantStatus::Paused, at(11))
        .await
        .unwrap();
    let stored = tenants::get(&mut c, t.id).await.unwrap().unwrap();
    assert_eq!(stored.display_name, "Contoso Ltd");
    assert_eq!(stored.primary_domain, None);
    assert_eq!(stored.status, TenantStatus::Paused);
    assert_eq!(stored.updated_at, at(11));
    assert_eq!(stored.created_at, t.created_at);
    assert_eq!(stored.connection, t.connection);
    // The database refuses a blank name even if a caller forgot to validate.
    assert!(tenants::update_details(&mut c, t.id, "  ", None, at(12))
        .await
        .is_err());
}

async fn a_new_connection_must_be_verified_again(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    tenants::record_connection_check(&mut c, t.id, ConnectionState::Connected, None, at(20))
        .await
        .unwrap();
    let connection = ProviderConnection {
        client_id: "99999999-2222-4333-8444-555555555555".into(),
        credential_kind: CredentialKind::Certificate,
        credential_ref: Some("tenantatlas/contoso-cert".into()),
        credential_updated_at: Some(at(30)),
        credential_expiry: Some(atlas_domain::CredentialExpiry {
            expires_at: at(900),
            source: atlas_domain::ExpirySource::Certificate,
        }),
    };
    tenants::set_connection(&mut c, t.id, Some(&connection), at(30))
        .await
        .unwrap();
    let stored = tenants::get(&mut c, t.id).await.unwrap().unwrap();
    assert_eq!(stored.connection, Some(connection.clone()));
    // A verify that read the app registration records what it says; the edit time stays.
    let read = atlas_domain::CredentialExpiry {
        expires_at: at(800),
        source: atlas_domain::ExpirySource::AppRegistration,
    };
    tenants::set_credential_expiry(&mut c, t.id, read)
        .await
        .unwrap();
    let stored = tenants::get(&mut c, t.id).await.unwrap().unwrap();
    assert_eq!(stored.connection.unwrap().credential_expiry, Some(read));
    assert_eq!(stored.updated_at, at(30));
    assert_eq!(stored.connection_check.state, ConnectionState::Unverified);
    assert_eq!(stored.connection_check.checked_at, None);
    assert_eq!(stored.updated_at, at(30));

    tenants::set_connection(&mut c, t.id, None, at(31))
        .await
        .unwrap();
    let stored = tenants::get(&mut c, t.id).await.unwrap().unwrap();
    assert_eq!(stored.connection, None);
}

async fn connection_checks_are_recorded_with_their_reason(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    let fresh = tenants::get(&mut c, t.id).await.unwrap().unwrap();
    assert_eq!(fresh.connection_check.state, ConnectionState::Unverified);
    tenants::record_connection_check(
        &mut c,
        t.id,
        ConnectionState::Failed,
        Some(atlas_domain::ReasonCode::ProviderBadSecret),
        at(40),
    )
    .await
    .unwrap();
    let stored = tenants::get(&mut c, t.id).await.unwrap().unwrap();
    assert_eq!(stored.connection_check.state, ConnectionState::Failed);
    assert_eq!(stored.connection_check.checked_at, Some(at(40)));
    assert_eq!(
        stored.connection_check.reason_code.map(|c| c.code()),
        Some("provider.bad_secret")
    );
    // A check is not an edit of the tenant.
    assert_eq!(stored.updated_at, t.updated_at);
    // The listing carries the same state.
    let listed = tenants::list_visible(&mut c, t.workspace_id, seed_owner(&store).await)
        .await
        .unwrap();
    assert_eq!(listed[0].connection_check, stored.connection_check);
}

async fn seed_owner(store: &Store) -> atlas_domain::UserId {
    let mut c = store.conn().await.unwrap();
    atlas_store::users::upsert_by_login(&mut c, "local:ann", "local:ann", at(0))
        .await
        .unwrap()
        .id
}

async fn changing_a_missing_tenant_is_not_found(store: Store) {
    let _ = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    let missing = atlas_domain::TenantId::new();
    let results = [
        tenants::update_details(&mut c, missing, "X", None, at(1)).await,
        tenants::set_status(&mut c, missing, TenantStatus::Archived, at(1)).await,
        tenants::set_connection(&mut c, missing, None, at(1)).await,
        tenants::record_connection_check(&mut c, missing, ConnectionState::Connected, None, at(1))
            .await,
    ];
    for result in results {
        assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
    }
}

/// The overview's counters follow every way a run completes (stored completed, or moved there
/// by a transition), count it once, and give the same figures as counting the runs: failed
/// runs since any moment (the first, partial quarter read from the runs) and runs per day in a
/// zone off UTC.
async fn completed_runs_are_counted_once_per_quarter_hour_and_read_back_exactly(store: Store) {
    const Q: i64 = 900_000;
    let a = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    // Completion times relative to at(0): some a moment before a quarter starts, some after.
    let boundary = (at(0).unix_millis() / Q + 4) * Q - at(0).unix_millis();
    let failed_at = [
        boundary - 1,
        boundary,
        boundary + 1,
        boundary + 3 * Q,
        30 * Q + 7,
    ];
    for (i, ms) in failed_at.iter().enumerate() {
        let mut run = completed_run(&a, OperationType::PolicySync, RunOutcome::Failed, *ms);
        run.run_identity_hash = format!("failed-{i}");
        runs::insert(&mut c, &run).await.unwrap();
    }
    let succeeded = completed_run(
        &a,
        OperationType::InventorySync,
        RunOutcome::Succeeded,
        2 * Q,
    );
    runs::insert(&mut c, &succeeded).await.unwrap();
    // A run that ends through a transition, then is written again while completed.
    let mut moving = OperationRun::queued(
        a.workspace_id,
        Some(a.id),
        None,
        OperationType::EntraGroupSync,
        "moving".into(),
        json!({}),
        at(boundary),
    );
    runs::insert(&mut c, &moving).await.unwrap();
    moving.status = RunStatus::Completed;
    moving.outcome = RunOutcome::Failed;
    moving.completed_at = Some(at(boundary + 5));
    assert!(runs::write_transition(&mut c, &moving, RunStatus::Queued)
        .await
        .unwrap());
    moving.reconciliation_reason = Some("rewritten".into());
    assert!(
        runs::write_transition(&mut c, &moving, RunStatus::Completed)
            .await
            .unwrap()
    );

    let mut all_failed: Vec<i64> = failed_at.to_vec();
    all_failed.push(boundary + 5);
    for since in [
        0,
        boundary - 1,
        boundary,
        boundary + 1,
        boundary + 2,
        10 * Q + 3,
        40 * Q,
    ] {
        let health = overview::run_health(&mut c, a.workspace_id, &[a.id], at(since), at(50 * Q))
            .await
            .unwrap();
        let counted = health.first().map_or(0, |(_, h)| h.failed_recently);
        let expected = all_failed.iter().filter(|ms| **ms >= since).count() as i64;
        assert_eq!(counted, expected, "failed since +{since} ms");
    }

    // Days in a zone 5 h 45 min east of UTC, from a midnight there.
    let offset_ms = (5 * 60 + 45) * 60_000;
    let day = |ms: i64| (at(ms).unix_millis() + offset_ms).div_euclid(86_400_000);
    let first_day = day(0) - 1;
    let since = first_day * 86_400_000 - offset_ms;
    let since = atlas_domain::Timestamp::from_unix_millis(since).unwrap();
    let daily = overview::daily_outcomes(&mut c, a.workspace_id, &[a.id], since, 5 * 60 + 45)
        .await
        .unwrap();
    let mut expected = std::collections::BTreeMap::new();
    for ms in &all_failed {
        *expected.entry((day(*ms), RunOutcome::Failed)).or_insert(0) += 1;
    }
    *expected
        .entry((day(2 * Q), RunOutcome::Succeeded))
        .or_insert(0) += 1;
    let got: std::collections::BTreeMap<_, _> = daily
        .iter()
        .map(|d| ((d.day, d.outcome), d.count))
        .collect();
    assert_eq!(got, expected);
    assert!(
        overview::daily_outcomes(&mut c, a.workspace_id, &[a.id], at(1), 0)
            .await
            .is_err(),
        "a start off the quarter hours is refused, not rounded"
    );
}

async fn the_last_completed_run_per_tenant_and_kind_is_listed(store: Store) {
    let a = seed_tenant(&store).await;
    let b = tenant(a.workspace_id, "Fabrikam", 2);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &b).await.unwrap();
    use OperationType::{EntraGroupSync as Groups, InventorySync as Inventory};
    for run in [
        completed_run(&a, Inventory, RunOutcome::Succeeded, 10),
        completed_run(&a, Inventory, RunOutcome::Failed, 20),
        completed_run(&a, Groups, RunOutcome::PartiallySucceeded, 15),
        completed_run(&b, Inventory, RunOutcome::Succeeded, 5),
        completed_run(&b, OperationType::PolicySync, RunOutcome::Succeeded, 7),
    ] {
        runs::insert(&mut c, &run).await.unwrap();
    }
    // An active run is not a completed sync.
    let active = OperationRun::queued(
        a.workspace_id,
        Some(a.id),
        None,
        Groups,
        "q".into(),
        json!({}),
        at(90),
    );
    runs::insert(&mut c, &active).await.unwrap();

    let mut got =
        runs::last_completed_by_type_for_tenants(&mut c, &[a.id, b.id], &[Inventory, Groups])
            .await
            .unwrap();
    got.sort_by_key(|(t, kind, ..)| (*t == b.id, *kind));
    assert_eq!(
        got,
        [
            (a.id, Inventory, RunOutcome::Failed, at(20)),
            (a.id, Groups, RunOutcome::PartiallySucceeded, at(15)),
            (b.id, Inventory, RunOutcome::Succeeded, at(5)),
        ]
    );
    // No types: every kind.
    let all = runs::last_completed_by_type_for_tenants(&mut c, &[b.id], &[])
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(runs::last_completed_by_type_for_tenants(&mut c, &[], &[])
        .await
        .unwrap()
        .is_empty());
}

fn seen(object_type: &str, external_id: &str, name: &str, hash: &str) -> SeenItem {
    SeenItem {
        object_type: object_type.into(),
        external_id: external_id.into(),
        display_name: name.into(),
        platform: Some("windows".into()),
        content_hash: hash.into(),
        config_hash: format!("config-{hash}"),
    }
}

fn all_items() -> InventoryFilter {
    InventoryFilter {
        include_removed: true,
        limit: 10_000,
        ..InventoryFilter::default()
    }
}

async fn seen_items_are_inserted_then_updated(store: Store) {
    let t = seed_tenant(&store).await;
    let run = stored_run(&store, &t).await;
    let mut c = store.conn().await.unwrap();
    let first = [
        seen("settings_catalog", "p1", "Edge baseline", "h1"),
        seen("settings_catalog", "p2", "Defender", "h2"),
    ];
    let written = inventory::upsert_seen(&mut c, t.workspace_id, t.id, &first, at(100), None)
        .await
        .unwrap();
    assert_eq!(written, 2);
    // Seen again with a new name and hash; the same key twice in one batch: the last wins.
    let second = [
        seen("settings_catalog", "p1", "Edge baseline v1", "h1"),
        seen("settings_catalog", "p1", "Edge baseline v2", "h1b"),
    ];
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &second, at(200), Some(run))
        .await
        .unwrap();
    let page = inventory::list(&mut c, t.id, &all_items()).await.unwrap();
    assert_eq!(page.total, 2);
    let p1 = page.items.iter().find(|i| i.external_id == "p1").unwrap();
    assert_eq!(p1.display_name, "Edge baseline v2");
    assert_eq!(p1.content_hash, "h1b");
    assert_eq!(p1.first_seen_at, at(100));
    assert_eq!(p1.last_seen_at, at(200));
    assert_eq!(p1.last_run_id, Some(run));
    assert_eq!(p1.workspace_id, t.workspace_id);
    assert_eq!(p1.platform.as_deref(), Some("windows"));
    assert_eq!(
        inventory::get(&mut c, p1.id).await.unwrap().as_ref(),
        Some(p1)
    );
    let p2 = page.items.iter().find(|i| i.external_id == "p2").unwrap();
    assert_eq!((p2.last_seen_at, p2.last_run_id), (at(100), None));
    assert!(inventory::get(&mut c, atlas_domain::InventoryItemId::new())
        .await
        .unwrap()
        .is_none());
}

async fn removal_marks_only_unseen_items_of_the_given_type(store: Store) {
    let t = seed_tenant(&store).await;
    let other = tenant(t.workspace_id, "Fabrikam", 2);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &other).await.unwrap();
    let old = [
        seen("settings_catalog", "gone", "Gone", "h"),
        seen("settings_catalog", "kept", "Kept", "h"),
        seen("compliance_policy", "unread", "Not read this time", "h"),
    ];
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &old, at(100), None)
        .await
        .unwrap();
    inventory::upsert_seen(&mut c, other.workspace_id, other.id, &old, at(100), None)
        .await
        .unwrap();
    // A new sync (started at 200) reads settings_catalog completely and sees only "kept".
    inventory::upsert_seen(
        &mut c,
        t.workspace_id,
        t.id,
        &[seen("settings_catalog", "kept", "Kept", "h")],
        at(210),
        None,
    )
    .await
    .unwrap();
    let marked = inventory::mark_removed(&mut c, t.id, "settings_catalog", at(200), at(300))
        .await
        .unwrap();
    assert_eq!(marked, 1);
    // Marking again neither counts nor moves the first removal time.
    assert_eq!(
        inventory::mark_removed(&mut c, t.id, "settings_catalog", at(200), at(400))
            .await
            .unwrap(),
        0
    );
    let items = inventory::list(&mut c, t.id, &all_items())
        .await
        .unwrap()
        .items;
    let removed: Vec<_> = items
        .iter()
        .map(|i| (i.external_id.as_str(), i.removed_at))
        .collect();
    assert_eq!(
        removed,
        [("gone", Some(at(300))), ("kept", None), ("unread", None)]
    );
    // What a review pack lists: the present ones, by type then id.
    let present: Vec<_> = inventory::present(&mut c, t.id)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.object_type, i.external_id, i.display_name, i.last_seen_at))
        .collect();
    let row = |ty: &str, id: &str, name: &str, seen: i64| {
        (
            ty.to_owned(),
            id.to_owned(),
            name.to_owned(),
            at(seen).unix_millis(),
        )
    };
    assert_eq!(
        present,
        [
            row("compliance_policy", "unread", "Not read this time", 100),
            row("settings_catalog", "kept", "Kept", 210),
        ]
    );
    // The other tenant is untouched.
    let others = inventory::list(&mut c, other.id, &all_items())
        .await
        .unwrap();
    assert_eq!(others.items.len(), 3);
    assert!(others.items.iter().all(|i| i.removed_at.is_none()));
    // Present items only, by default.
    let present = inventory::list(&mut c, t.id, &InventoryFilter::default())
        .await
        .unwrap();
    assert_eq!(present.total, 2);
}

async fn a_re_seen_item_is_no_longer_removed(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    let item = [seen("settings_catalog", "p1", "Edge", "h")];
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &item, at(100), None)
        .await
        .unwrap();
    inventory::mark_removed(&mut c, t.id, "settings_catalog", at(150), at(160))
        .await
        .unwrap();
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &item, at(200), None)
        .await
        .unwrap();
    let items = inventory::list(&mut c, t.id, &InventoryFilter::default())
        .await
        .unwrap()
        .items;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].removed_at, None);
    assert_eq!(items[0].first_seen_at, at(100));
}

async fn inventory_lists_filter_sort_and_page(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    let mut mobile = seen("app_protection", "m1", "iOS and Android MAM", "h");
    mobile.platform = Some("ios,android".into());
    let mut unplatformed = seen("scope_tag", "s1", "Zeta 100%_tag", "h");
    unplatformed.platform = None;
    let batches = [
        (
            at(10),
            vec![seen("settings_catalog", "a", "ÄRGER policy", "h")],
        ),
        (at(20), vec![seen("settings_catalog", "b", "alpha", "h")]),
        (
            at(30),
            vec![seen("compliance_policy", "c", "Beta compliance", "h")],
        ),
        (at(40), vec![mobile]),
        (at(50), vec![unplatformed]),
        (at(5), vec![seen("compliance_policy", "old", "Old", "h")]),
    ];
    for (when, items) in &batches {
        inventory::upsert_seen(&mut c, t.workspace_id, t.id, items, *when, None)
            .await
            .unwrap();
    }
    inventory::mark_removed(&mut c, t.id, "compliance_policy", at(30), at(70))
        .await
        .unwrap();
    let query = |f: InventoryFilter| {
        let t = t.id;
        let store = store.clone();
        async move {
            let mut c = store.conn().await.unwrap();
            let page = inventory::list(&mut c, t, &f).await.unwrap();
            let ids: Vec<String> = page.items.into_iter().map(|i| i.external_id).collect();
            (ids, page.total)
        }
    };
    // Default: present items by lower-cased name, by code point (so "ärger" after "zeta").
    assert_eq!(
        query(InventoryFilter::default()).await,
        (strings(&["b", "c", "m1", "s1", "a"]), 5)
    );
    // Search is a case-insensitive substring; % and _ are literal.
    let search = |s: &str| InventoryFilter {
        search: Some(s.into()),
        ..InventoryFilter::default()
    };
    assert_eq!(query(search("ärger")).await, (strings(&["a"]), 1));
    assert_eq!(query(search("ALPHA")).await, (strings(&["b"]), 1));
    assert_eq!(query(search("100%_")).await, (strings(&["s1"]), 1));
    assert_eq!(query(search("%")).await, (strings(&["s1"]), 1));
    // Types, platform (one entry of a list) and removed items.
    let filtered = InventoryFilter {
        object_types: strings(&["compliance_policy", "app_protection"]),
        include_removed: true,
        ..InventoryFilter::default()
    };
    assert_eq!(query(filtered).await, (strings(&["c", "m1", "old"]), 3));
    let android = InventoryFilter {
        platform: Some("android".into()),
        ..InventoryFilter::default()
    };
    assert_eq!(query(android).await, (strings(&["m1"]), 1));
    let windows = InventoryFilter {
        platform: Some("Windows".into()),
        ..InventoryFilter::default()
    };
    assert_eq!(query(windows).await, (strings(&["b", "c", "a"]), 3));
    // Sorting.
    let sorted = |key, direction| InventoryFilter {
        sort: InventorySort { key, direction },
        ..InventoryFilter::default()
    };
    assert_eq!(
        query(sorted(InventorySortKey::LastSeenAt, SortDirection::Desc)).await,
        (strings(&["s1", "m1", "c", "b", "a"]), 5)
    );
    assert_eq!(
        query(sorted(InventorySortKey::ObjectType, SortDirection::Asc)).await,
        (strings(&["m1", "c", "s1", "b", "a"]), 5)
    );
    assert_eq!(
        query(sorted(InventorySortKey::DisplayName, SortDirection::Desc)).await,
        (strings(&["a", "s1", "m1", "c", "b"]), 5)
    );
    // Paging keeps the total of the whole match.
    let page = InventoryFilter {
        offset: 1,
        limit: 2,
        ..InventoryFilter::default()
    };
    assert_eq!(query(page).await, (strings(&["c", "m1"]), 5));
    let beyond = InventoryFilter {
        offset: 50,
        ..InventoryFilter::default()
    };
    assert_eq!(query(beyond).await, (vec![], 5));
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

async fn inventory_counts_split_present_and_removed(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    let items = [
        seen("settings_catalog", "a", "A", "h"),
        seen("settings_catalog", "b", "B", "h"),
        seen("compliance_policy", "c", "C", "h"),
    ];
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &items, at(10), None)
        .await
        .unwrap();
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &items[..1], at(20), None)
        .await
        .unwrap();
    inventory::mark_removed(&mut c, t.id, "settings_catalog", at(20), at(30))
        .await
        .unwrap();
    let counts: Vec<_> = inventory::counts_by_type(&mut c, t.id)
        .await
        .unwrap()
        .into_iter()
        .map(|n| (n.object_type, n.active, n.removed))
        .collect();
    assert_eq!(
        counts,
        [
            ("compliance_policy".to_owned(), 1, 0),
            ("settings_catalog".to_owned(), 1, 1)
        ]
    );
}

async fn five_thousand_items_are_upserted_in_one_call(store: Store) {
    let t = seed_tenant(&store).await;
    let run = stored_run(&store, &t).await;
    let items: Vec<SeenItem> = (0..5_000)
        .map(|i| {
            seen(
                "settings_catalog",
                &format!("id-{i:05}"),
                &format!("Policy {i}"),
                &format!("{i:064x}"),
            )
        })
        .collect();
    let mut tx = store.begin().await.unwrap();
    let written = inventory::upsert_seen(&mut tx, t.workspace_id, t.id, &items, at(10), Some(run))
        .await
        .unwrap();
    assert_eq!(written, 5_000);
    // Again: every row is an update, none is duplicated.
    inventory::upsert_seen(&mut tx, t.workspace_id, t.id, &items, at(20), Some(run))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut c = store.conn().await.unwrap();
    let counts = inventory::counts_by_type(&mut c, t.id).await.unwrap();
    assert_eq!((counts[0].active, counts[0].removed), (5_000, 0));
    let newest = inventory::list(
        &mut c,
        t.id,
        &InventoryFilter {
            sort: InventorySort {
                key: InventorySortKey::LastSeenAt,
                direction: SortDirection::Asc,
            },
            limit: 1,
            ..InventoryFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(newest.items[0].last_seen_at, at(20));
}

fn version(t: &Tenant, external_id: &str, hash: &str, when: i64) -> NewVersion {
    NewVersion {
        workspace_id: t.workspace_id,
        tenant_id: t.id,
        object_type: "settings_catalog".into(),
        external_id: external_id.into(),
        display_name: format!("Policy {external_id}"),
        content_hash: hash.into(),
        content: json!({"name": format!("Policy {external_id}"), "hash": hash, "settings": [{"a": 1}]}),
        captured_at: at(when),
        run_id: None,
        purpose: VersionPurpose::Backup,
        provenance: None,
    }
}

async fn numbered_versions_are_written_in_bulk_and_a_taken_number_writes_nothing(store: Store) {
    let t = seed_tenant(&store).await;
    // More rows than one statement carries.
    let batch: Vec<(NewVersion, i64)> = (0..950)
        .map(|n| (version(&t, &format!("p{n}"), "h1", 10), 1))
        .collect();
    let mut tx = store.begin().await.unwrap();
    policy_versions::insert_numbered(&mut tx, &batch)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut c = store.conn().await.unwrap();
    let latest = policy_versions::latest_versions(&mut c, t.id, "settings_catalog")
        .await
        .unwrap();
    assert_eq!(latest.len(), 950);
    assert_eq!(latest["p7"], (1, "h1".to_owned()));
    drop(c);

    // Another writer took p3's version 2 meanwhile: the whole statement is refused.
    let mut tx = store.begin().await.unwrap();
    policy_versions::insert_if_changed(&mut tx, &version(&t, "p3", "h2", 20))
        .await
        .unwrap();
    let clash = vec![
        (version(&t, "p2", "h3", 30), 2),
        (version(&t, "p3", "h3", 30), 2),
    ];
    let err = policy_versions::insert_numbered(&mut tx, &clash)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    tx.rollback().await.unwrap();
    let mut c = store.conn().await.unwrap();
    let latest = policy_versions::latest_versions(&mut c, t.id, "settings_catalog")
        .await
        .unwrap();
    assert_eq!(
        latest["p2"],
        (1, "h1".to_owned()),
        "nothing of the refused statement"
    );
}

async fn recorded_captures_point_at_the_version_that_holds_their_content(store: Store) {
    let t = seed_tenant(&store).await;
    let mut tx = store.begin().await.unwrap();
    let kept = policy_versions::insert_if_changed(&mut tx, &version(&t, "same", "h1", 10))
        .await
        .unwrap()
        .unwrap();
    policy_versions::insert_if_changed(&mut tx, &version(&t, "changed", "h1", 10))
        .await
        .unwrap();
    let evidence = |id: &str, hash: &str| {
        let mut v = version(&t, id, hash, 20);
        v.purpose = VersionPurpose::BaselineEvidence;
        v
    };
    let captures = [
        evidence("same", "h1"),
        evidence("changed", "h2"),
        evidence("new", "h1"),
    ];
    let ids = policy_versions::record(&mut tx, &captures).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        ids[0], kept.summary.id,
        "the same content is not stored twice"
    );
    let mut c = store.conn().await.unwrap();
    let changed = policy_versions::get(&mut c, ids[1]).await.unwrap().unwrap();
    assert_eq!(
        (changed.summary.version_number, changed.summary.purpose),
        (2, VersionPurpose::BaselineEvidence)
    );
    let new = policy_versions::get(&mut c, ids[2]).await.unwrap().unwrap();
    assert_eq!(
        (new.summary.external_id.as_str(), new.summary.version_number),
        ("new", 1)
    );
    let latest = policy_versions::latest_versions(&mut c, t.id, "settings_catalog")
        .await
        .unwrap();
    assert_eq!(latest["changed"], (2, "h2".to_owned()));
}

async fn unchanged_content_writes_no_new_version(store: Store) {
    let t = seed_tenant(&store).await;
    let mut tx = store.begin().await.unwrap();
    let first = policy_versions::insert_if_changed(&mut tx, &version(&t, "p1", "h1", 10))
        .await
        .unwrap()
        .expect("a new object gets version 1");
    assert_eq!(first.summary.version_number, 1);
    let again = policy_versions::insert_if_changed(&mut tx, &version(&t, "p1", "h1", 20))
        .await
        .unwrap();
    assert_eq!(again, None);
    tx.commit().await.unwrap();
    let mut c = store.conn().await.unwrap();
    assert_eq!(
        policy_versions::count_for_tenant(&mut c, t.id)
            .await
            .unwrap(),
        1
    );
}

async fn changed_content_writes_the_next_version(store: Store) {
    let t = seed_tenant(&store).await;
    let run = stored_run(&store, &t).await;
    let mut c = store.conn().await.unwrap();
    for (hash, when) in [("h1", 10), ("h2", 20), ("h1", 30)] {
        policy_versions::insert_if_changed(&mut c, &version(&t, "p1", hash, when))
            .await
            .unwrap()
            .expect("changed content is a new version");
    }
    let restore = NewVersion {
        run_id: Some(run),
        purpose: VersionPurpose::RestorePreimage,
        ..version(&t, "p1", "h4", 40)
    };
    let fourth = policy_versions::insert_if_changed(&mut c, &restore)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fourth.summary.version_number, 4);
    assert_eq!(fourth.summary.run_id, Some(run));
    assert_eq!(fourth.summary.purpose, VersionPurpose::RestorePreimage);
    assert_eq!(fourth.content, restore.content);
    // Another object starts at 1.
    let other = policy_versions::insert_if_changed(&mut c, &version(&t, "p2", "h1", 50))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other.summary.version_number, 1);

    let history = policy_versions::list_for_object(&mut c, t.id, "settings_catalog", "p1")
        .await
        .unwrap();
    let numbers: Vec<_> = history
        .iter()
        .map(|v| (v.version_number, v.content_hash.as_str(), v.captured_at))
        .collect();
    assert_eq!(
        numbers,
        [
            (4, "h4", at(40)),
            (3, "h1", at(30)),
            (2, "h2", at(20)),
            (1, "h1", at(10))
        ]
    );
    let stored = policy_versions::get(&mut c, history[1].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.summary, history[1]);
    assert_eq!(stored.content, version(&t, "p1", "h1", 30).content);
    assert_eq!(
        policy_versions::count_for_tenant(&mut c, t.id)
            .await
            .unwrap(),
        5
    );
    assert!(
        policy_versions::get(&mut c, atlas_domain::PolicyVersionId::new())
            .await
            .unwrap()
            .is_none()
    );
}

async fn latest_hashes_name_the_newest_version_of_each_object(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    for (id, hash, when) in [("p1", "a", 1), ("p1", "b", 2), ("p2", "c", 3)] {
        policy_versions::insert_if_changed(&mut c, &version(&t, id, hash, when))
            .await
            .unwrap();
    }
    let other_type = NewVersion {
        object_type: "compliance_policy".into(),
        ..version(&t, "p3", "d", 4)
    };
    policy_versions::insert_if_changed(&mut c, &other_type)
        .await
        .unwrap();
    let hashes = policy_versions::latest_hashes(&mut c, t.id, "settings_catalog")
        .await
        .unwrap();
    assert_eq!(
        hashes,
        [
            ("p1".to_owned(), "b".to_owned()),
            ("p2".to_owned(), "c".to_owned())
        ]
        .into_iter()
        .collect()
    );
}

fn group(id: &str, name: &str) -> SeenGroup {
    SeenGroup {
        group_id: id.into(),
        display_name: name.into(),
        description: Some(format!("{name} members")),
        mail: None,
        security_enabled: true,
        mail_enabled: false,
        group_types: vec!["DynamicMembership".into()],
        membership_rule: Some("user.department -eq \"Sales\"".into()),
    }
}

async fn groups_are_upserted_listed_and_marked_removed(store: Store) {
    let t = seed_tenant(&store).await;
    let mut c = store.conn().await.unwrap();
    let many: Vec<SeenGroup> = (0..5_000)
        .map(|i| group(&format!("g-{i:05}"), &format!("Group {i:05}")))
        .collect();
    assert_eq!(
        groups::upsert_seen(&mut c, t.id, &many, at(10))
            .await
            .unwrap(),
        5_000
    );
    let renamed = SeenGroup {
        mail: Some("sales@contoso.com".into()),
        mail_enabled: true,
        group_types: vec!["Unified".into()],
        membership_rule: None,
        ..group("g-00001", "Sales Team")
    };
    groups::upsert_seen(&mut c, t.id, &[renamed], at(20))
        .await
        .unwrap();
    assert_eq!(
        groups::mark_removed(&mut c, t.id, at(20), at(30))
            .await
            .unwrap(),
        4_999
    );
    // Removed groups are not listed.
    let page = groups::list(&mut c, t.id, None, 0, 10).await.unwrap();
    assert_eq!(page.total, 1);
    let sales = &page.items[0];
    assert_eq!(
        (
            sales.group_id.as_str(),
            sales.display_name.as_str(),
            sales.mail.as_deref(),
            sales.mail_enabled,
            sales.group_types.clone(),
            sales.membership_rule.clone(),
            sales.last_seen_at,
            sales.removed_at,
        ),
        (
            "g-00001",
            "Sales Team",
            Some("sales@contoso.com"),
            true,
            vec!["Unified".to_owned()],
            None,
            at(20),
            None,
        )
    );
    // Seen again: listed again, searchable case-insensitively, paged.
    groups::upsert_seen(&mut c, t.id, &many[..30], at(40))
        .await
        .unwrap();
    let page = groups::list(&mut c, t.id, Some("GROUP 0001"), 0, 5)
        .await
        .unwrap();
    assert_eq!(page.total, 10);
    assert_eq!(page.items.len(), 5);
    assert_eq!(page.items[0].display_name, "Group 00010");
    let rest = groups::list(&mut c, t.id, Some("group 0001"), 5, 5)
        .await
        .unwrap();
    assert_eq!(rest.items[4].display_name, "Group 00019");
    // Paging input is never cut or refused: everything, or nothing before the start.
    let everything = groups::list(&mut c, t.id, None, -5, i64::MAX)
        .await
        .unwrap();
    assert_eq!(everything.items.len(), 30);
    assert_eq!(
        groups::list(&mut c, t.id, Some("  "), 0, 100)
            .await
            .unwrap()
            .total,
        30
    );
}

async fn group_names_are_looked_up_by_id(store: Store) {
    let t = seed_tenant(&store).await;
    let other = tenant(t.workspace_id, "Fabrikam", 2);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &other).await.unwrap();
    groups::upsert_seen(
        &mut c,
        t.id,
        &[group("g1", "Sales"), group("g2", "Old")],
        at(10),
    )
    .await
    .unwrap();
    groups::upsert_seen(&mut c, other.id, &[group("g3", "Elsewhere")], at(10))
        .await
        .unwrap();
    groups::upsert_seen(&mut c, t.id, &[group("g1", "Sales")], at(20))
        .await
        .unwrap();
    groups::mark_removed(&mut c, t.id, at(20), at(30))
        .await
        .unwrap();
    let names = groups::names(&mut c, t.id, &strings(&["g1", "g2", "g3", "nope"]))
        .await
        .unwrap();
    assert_eq!(
        names,
        [
            ("g1".to_owned(), "Sales".to_owned()),
            ("g2".to_owned(), "Old".to_owned())
        ]
        .into_iter()
        .collect()
    );
    assert!(groups::names(&mut c, t.id, &[]).await.unwrap().is_empty());
}

fn role(id: &str, name: &str, built_in: bool) -> DirectoryRoleDefinition {
    DirectoryRoleDefinition {
        role_definition_id: id.into(),
        display_name: name.into(),
        description: Some(format!("{name} description")),
        is_built_in: built_in,
        is_enabled: true,
        template_id: built_in.then(|| id.to_owned()),
        permissions: json!([{"allowedResourceActions": ["microsoft.directory/users/read"]}]),
    }
}

fn role_assignment(id: &str, role: &str, principal: &str) -> DirectoryRoleAssignment {
    DirectoryRoleAssignment {
        assignment_id: id.into(),
        role_definition_id: role.into(),
        principal_id: principal.into(),
        principal_display_name: Some(format!("{principal} name")),
        principal_type: Some(PrincipalType::User),
        directory_scope_id: "/".into(),
    }
}

async fn directory_roles_are_replaced_whole(store: Store) {
    let t = seed_tenant(&store).await;
    let other = tenant(t.workspace_id, "Fabrikam", 2);
    {
        let mut c = store.conn().await.unwrap();
        tenants::insert(&mut c, &other).await.unwrap();
    }
    let first_defs = [
        role("ga", "Global Administrator", true),
        role("c1", "Printers", false),
    ];
    let first_assignments = [
        role_assignment("a1", "ga", "alice"),
        role_assignment("a2", "c1", "bob"),
    ];
    let mut tx = store.begin().await.unwrap();
    directory_roles::replace_all(&mut tx, t.id, &first_defs, &first_assignments, at(10))
        .await
        .unwrap();
    directory_roles::replace_all(&mut tx, other.id, &first_defs, &first_assignments, at(10))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let app = DirectoryRoleAssignment {
        principal_display_name: None,
        principal_type: Some(PrincipalType::ServicePrincipal),
        ..role_assignment("a3", "ga", "backup-app")
    };
    let unknown_kind = DirectoryRoleAssignment {
        principal_type: None,
        directory_scope_id: "/administrativeUnits/au1".into(),
        ..role_assignment("a4", "ga", "carol")
    };
    let mut tx = store.begin().await.unwrap();
    directory_roles::replace_all(
        &mut tx,
        t.id,
        &[role("ga", "Global Administrator", true)],
        &[app.clone(), unknown_kind.clone()],
        at(20),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut c = store.conn().await.unwrap();
    let defs = directory_roles::list_definitions(&mut c, t.id)
        .await
        .unwrap();
    assert_eq!(defs, [role("ga", "Global Administrator", true)]);
    let assignments = directory_roles::list_assignments(&mut c, t.id)
        .await
        .unwrap();
    assert_eq!(assignments, [app, unknown_kind]);
    // The other tenant keeps its own.
    assert_eq!(
        directory_roles::list_definitions(&mut c, other.id)
            .await
            .unwrap()
            .len(),
        2
    );
    // Replacing with nothing empties the cache.
    let mut tx = store.begin().await.unwrap();
    directory_roles::replace_all(&mut tx, t.id, &[], &[], at(30))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(directory_roles::list_assignments(&mut c, t.id)
        .await
        .unwrap()
        .is_empty());
}

fn report(t: &Tenant, when: i64, payload: serde_json::Value) -> StoredReport {
    StoredReport {
        id: ReportId::new(),
        workspace_id: t.workspace_id,
        tenant_id: t.id,
        report_type: ReportType::RbacHardening,
        created_at: at(when),
        run_id: None,
        payload,
    }
}

async fn reports_are_listed_newest_first(store: Store) {
    let t = seed_tenant(&store).await;
    let run = stored_run(&store, &t).await;
    let mut c = store.conn().await.unwrap();
    assert_eq!(
        reports::latest(&mut c, t.id, ReportType::RbacHardening)
            .await
            .unwrap(),
        None
    );
    let payload =
        serde_json::to_value(atlas_domain::RbacHardeningReport::compute(&[], &[])).unwrap();
    let older = report(&t, 10, json!({"global_admin_count": 3}));
    let newer = StoredReport {
        run_id: Some(run),
        ..report(&t, 20, payload)
    };
    reports::insert(&mut c, &older).await.unwrap();
    reports::insert(&mut c, &newer).await.unwrap();
    assert_eq!(
        reports::latest(&mut c, t.id, ReportType::RbacHardening)
            .await
            .unwrap(),
        Some(newer.clone())
    );
    let listed = reports::list(&mut c, t.id, 10).await.unwrap();
    assert_eq!(listed, [newer.clone(), older]);
    assert_eq!(reports::list(&mut c, t.id, 1).await.unwrap(), [newer]);
}

async fn a_runs_changes_are_its_first_and_new_versions_and_the_items_removed_while_it_ran(
    store: Store,
) {
    let t = seed_tenant(&store).await;
    let earlier = stored_run(&store, &t).await;
    let run = completed_run(&t, OperationType::PolicySync, RunOutcome::Succeeded, 500);
    let mut c = store.conn().await.unwrap();
    runs::insert(&mut c, &run).await.unwrap();
    let with_run = |external_id: &str, hash: &str, when: i64, run_id: RunId| NewVersion {
        run_id: Some(run_id),
        ..version(&t, external_id, hash, when)
    };
    // Before the run: p1 and p2 exist; the run changes p1, keeps p2 and adds p3 and p4.
    for v in [
        with_run("p1", "h1", 10, earlier),
        with_run("p2", "h1", 10, earlier),
    ] {
        policy_versions::insert_if_changed(&mut c, &v)
            .await
            .unwrap();
    }
    for v in [
        with_run("p1", "h2", 499, run.id),
        with_run("p2", "h1", 499, run.id),
        with_run("p4", "h1", 499, run.id),
        with_run("p3", "h1", 499, run.id),
    ] {
        policy_versions::insert_if_changed(&mut c, &v)
            .await
            .unwrap();
    }
    // The inventory knows p1 and an old object the run found gone.
    let items = [
        seen("settings_catalog", "p1", "Policy p1", "h2"),
        seen("settings_catalog", "gone", "Old policy", "h1"),
    ];
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &items, at(100), None)
        .await
        .unwrap();
    inventory::upsert_seen(&mut c, t.workspace_id, t.id, &items[..1], at(499), None)
        .await
        .unwrap();
    inventory::mark_removed(&mut c, t.id, "settings_catalog", at(499), at(499))
        .await
        .unwrap();

    let changes = policy_versions::captured_by_run(&mut c, run.id, 1)
        .await
        .unwrap();
    assert_eq!((changes.added_count, changes.changed_count), (2, 1));
    let names = |objects: &[atlas_domain::ChangedObject]| {
        objects
            .iter()
            .map(|o| o.display_name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&changes.added),
        ["Policy p3"],
        "by name, at most the limit"
    );
    assert_eq!(names(&changes.changed), ["Policy p1"]);
    let changed = &changes.changed[0];
    let history = policy_versions::list_for_object(&mut c, t.id, "settings_catalog", "p1")
        .await
        .unwrap();
    let number_of = |id| {
        history
            .iter()
            .find(|v| Some(v.id) == id)
            .map(|v| v.version_number)
    };
    assert_eq!(
        (
            number_of(changed.previous_version_id),
            number_of(changed.version_id)
        ),
        (Some(1), Some(2))
    );
    assert!(changed.item_id.is_some(), "p1 is in the inventory");
    assert_eq!(changes.added[0].previous_version_id, None);
    assert_eq!(
        changes.added[0].item_id, None,
        "p3 never reached the inventory"
    );

    let (removed, count) = inventory::removed_between(&mut c, t.id, at(450), at(500), 10)
        .await
        .unwrap();
    assert_eq!((names(&removed), count), (vec!["Old policy".to_owned()], 1));
    let (before_run, _) = inventory::removed_between(&mut c, t.id, at(0), at(400), 10)
        .await
        .unwrap();
    assert!(before_run.is_empty());
}

async fn setting_definitions_are_cached_per_tenant_and_replaced_by_newer_reads(store: Store) {
    use atlas_domain::readable::{SettingCategory, SettingDefinition, SettingOption};
    use atlas_store::setting_definitions as defs;
    let t = seed_tenant(&store).await;
    let definition = |id: &str, name: &str, version: &str| SettingDefinition {
        id: id.into(),
        version: Some(version.into()),
        display_name: name.into(),
        description: Some(format!("{name}.")),
        category_id: Some("cat-1".into()),
        options: vec![SettingOption {
            item_id: format!("{id}_1"),
            label: "On".into(),
        }],
    };
    let mut c = store.conn().await.unwrap();
    // The same id twice in one call: the last one wins.
    defs::upsert_definitions(
        &mut c,
        t.id,
        &[
            definition("a", "Old name", "1"),
            definition("b", "B", "1"),
            definition("a", "A", "1"),
        ],
        at(1),
    )
    .await
    .unwrap();
    defs::upsert_definitions(&mut c, t.id, &[definition("b", "B renamed", "2")], at(2))
        .await
        .unwrap();
    let ids = ["a".to_owned(), "b".to_owned(), "unknown".to_owned()];
    assert_eq!(
        defs::unnamed_categories(&mut c, t.id, &["cat-1".into()])
            .await
            .unwrap(),
        ["cat-1"]
    );
    defs::upsert_categories(
        &mut c,
        t.id,
        &[SettingCategory {
            id: "cat-1".into(),
            display_name: "Defender".into(),
        }],
        at(2),
    )
    .await
    .unwrap();
    assert!(defs::unnamed_categories(&mut c, t.id, &["cat-1".into()])
        .await
        .unwrap()
        .is_empty());
    let known = defs::for_settings(&mut c, t.id, &ids).await.unwrap();
    assert_eq!(known.setting("a").unwrap().display_name, "A");
    assert_eq!(known.setting("b").unwrap().display_name, "B renamed");
    assert_eq!(known.setting("b").unwrap().version.as_deref(), Some("2"));
    assert!(known.setting("unknown").is_none());
    assert_eq!(known.category_of("a"), Some("Defender"));
    assert_eq!(known.option_label("a", "a_1"), Some("On"));
    // Another tenant's cache is its own.
    let other = tenant(t.workspace_id, "Fabrikam", 2);
    tenants::insert(&mut c, &other).await.unwrap();
    assert!(defs::for_settings(&mut c, other.id, &ids)
        .await
        .unwrap()
        .is_empty());
}
