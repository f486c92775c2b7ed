//! Drift findings on both engines: written in batches, updated and resolved by compares,
//! acknowledged and reopened only from the status an operator saw, listed most important first.

use atlas_domain::{
    BaselineProfile, BaselineProfileId, BaselineStatus, CaptureMode, Finding, FindingAction,
    FindingEvent, FindingEvidence, FindingFilter, FindingId, FindingKind, FindingStatus,
    FindingSummary, OperationType, RunId, Severity, Tenant, TenantId, WorkspaceId,
};
use atlas_store::{
    baselines,
    findings::{self, NewEvent, SeenAgain},
    tenants, Store,
};

#[macro_use]
mod support;

use support::{at, seed_tenant, seed_user, tenant};

conformance!(
    findings_are_written_in_batches_and_listed_most_important_first,
    a_compare_updates_and_resolves_and_the_history_is_kept,
    acknowledging_and_reopening_start_only_from_the_status_seen,
    the_list_filters_and_hides_tenants_the_reader_may_not_see,
    a_pack_reads_the_tenants_unresolved_findings_whole_and_orders_them,
);

struct Seeded {
    workspace: WorkspaceId,
    tenant: Tenant,
    other: Tenant,
    profile: BaselineProfileId,
    run: RunId,
}

async fn seeded(store: &Store) -> Seeded {
    let t = seed_tenant(store).await;
    let other = tenant(t.workspace_id, "Fabrikam", 2);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &other).await.unwrap();
    let profile = BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: t.workspace_id,
        name: "Windows".into(),
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
    baselines::insert_profile(&mut c, &profile).await.unwrap();
    drop(c);
    let run =
        support::stored_run(store, t.workspace_id, t.id, OperationType::BaselineCompare).await;
    Seeded {
        workspace: t.workspace_id,
        tenant: t,
        other,
        profile: profile.id,
        run,
    }
}

fn finding(s: &Seeded, tenant: TenantId, name: &str, severity: Severity, seen: i64) -> Finding {
    Finding {
        summary: FindingSummary {
            id: FindingId::new(),
            workspace_id: s.workspace,
            tenant_id: tenant,
            profile_id: s.profile,
            subject_type: "policy".into(),
            subject_key: format!("settings_catalog:{}", name.to_lowercase()),
            policy_type: "settings_catalog".into(),
            display_name: name.into(),
            kind: FindingKind::Drifted,
            severity,
            status: FindingStatus::Open,
            evidence_hash: format!("evidence-{name}"),
            first_seen_run_id: Some(s.run),
            last_seen_run_id: Some(s.run),
            first_seen_at: at(seen),
            last_seen_at: at(seen),
            resolved_at: None,
            resolved_by_run_id: None,
            acknowledged_at: None,
            acknowledged_by: None,
            ack_note: None,
            updated_at: at(seen),
        },
        evidence: FindingEvidence {
            rows: vec![],
            reference_only: true,
        },
    }
}

fn names(page: &[FindingSummary]) -> Vec<&str> {
    page.iter().map(|f| f.display_name.as_str()).collect()
}

async fn findings_are_written_in_batches_and_listed_most_important_first(store: Store) {
    let s = seeded(&store).await;
    let many: Vec<Finding> = (0..1_000)
        .map(|i| finding(&s, s.tenant.id, &format!("Policy {i:04}"), Severity::Low, i))
        .chain([
            finding(&s, s.tenant.id, "Firewall", Severity::High, 5),
            finding(&s, s.tenant.id, "Defender", Severity::Critical, 1),
        ])
        .collect();
    let mut tx = store.begin().await.unwrap();
    findings::insert(&mut tx, &many).await.unwrap();
    tx.commit().await.unwrap();

    let mut c = store.conn().await.unwrap();
    let page = findings::list(
        &mut c,
        s.workspace,
        None,
        &FindingFilter {
            limit: 3,
            ..FindingFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(page.total, 1_002);
    assert_eq!(names(&page.items), ["Defender", "Firewall", "Policy 0999"]);
    let stored = findings::get(&mut c, many[0].summary.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, many[0], "a finding round-trips with its evidence");
    let counts = findings::severity_counts(&mut c, s.workspace, None, &FindingFilter::default())
        .await
        .unwrap();
    assert_eq!(counts[&Severity::Low], 1_000);
    assert_eq!(counts[&Severity::Critical], 1);
    assert_eq!(
        findings::unresolved_by_profile(&mut c, s.workspace, None)
            .await
            .unwrap(),
        [(s.profile, 1_002)]
    );
}

async fn a_compare_updates_and_resolves_and_the_history_is_kept(store: Store) {
    let s = seeded(&store).await;
    let a = finding(&s, s.tenant.id, "A", Severity::Low, 10);
    let b = finding(&s, s.tenant.id, "B", Severity::Low, 10);
    let mut tx = store.begin().await.unwrap();
    findings::insert(&mut tx, &[a.clone(), b.clone()])
        .await
        .unwrap();
    findings::insert_events(
        &mut tx,
        &[a.summary.id, b.summary.id].map(|id| NewEvent {
            finding_id: id,
            event: FindingEvent {
                at: at(10),
                action: FindingAction::Opened,
                run_id: Some(s.run),
                actor_user_id: None,
                note: None,
            },
        }),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut c = store.conn().await.unwrap();
    let evidence = FindingEvidence {
        rows: vec![],
        reference_only: false,
    };
    findings::update_seen(
        &mut c,
        &SeenAgain {
            id: a.summary.id,
            profile_id: s.profile,
            display_name: "A",
            policy_type: "settings_catalog",
            kind: FindingKind::Missing,
            severity: Severity::High,
            status: FindingStatus::Open,
            evidence: &evidence,
            evidence_hash: "new",
            run: s.run,
            at: at(20),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        findings::resolve(&mut c, &[b.summary.id], s.run, at(20))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        findings::resolve(&mut c, &[b.summary.id], s.run, at(21))
            .await
            .unwrap(),
        0,
        "a resolved finding is not resolved again"
    );
    let a2 = findings::get(&mut c, a.summary.id).await.unwrap().unwrap();
    assert_eq!(a2.summary.kind, FindingKind::Missing);
    assert_eq!(a2.summary.severity, Severity::High);
    assert_eq!(a2.summary.evidence_hash, "new");
    assert_eq!(a2.summary.first_seen_at, at(10), "first seen is kept");
    assert_eq!(a2.summary.last_seen_at, at(20));
    assert_eq!(a2.evidence, evidence);
    let b2 = findings::get(&mut c, b.summary.id).await.unwrap().unwrap();
    assert_eq!(b2.summary.status, FindingStatus::Resolved);
    assert_eq!(b2.summary.resolved_by_run_id, Some(s.run));
    // The chart's resolved part: B alone, by its first-seen and resolution days.
    let day = |t: i64| at(t).unix_millis() / 86_400_000;
    assert_eq!(
        findings::resolved_history(&mut c, s.tenant.id, at(0))
            .await
            .unwrap(),
        vec![(Severity::Low, day(10), day(20), 1)]
    );
    assert!(findings::resolved_history(&mut c, s.tenant.id, at(21))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        findings::stored_for_tenant(&mut c, s.tenant.id)
            .await
            .unwrap()
            .len(),
        2
    );
    // Drift returning reopens a resolved finding and clears its resolution.
    findings::update_seen(
        &mut c,
        &SeenAgain {
            id: b.summary.id,
            profile_id: s.profile,
            display_name: "B",
            policy_type: "settings_catalog",
            kind: FindingKind::Drifted,
            severity: Severity::Low,
            status: FindingStatus::Open,
            evidence: &evidence,
            evidence_hash: "evidence-B",
            run: s.run,
            at: at(30),
        },
    )
    .await
    .unwrap();
    let b3 = findings::get(&mut c, b.summary.id).await.unwrap().unwrap();
    assert_eq!(b3.summary.status, FindingStatus::Open);
    assert_eq!(b3.summary.resolved_at, None);
    assert!(findings::resolved_history(&mut c, s.tenant.id, at(0))
        .await
        .unwrap()
        .is_empty());
    let history = findings::events(&mut c, a.summary.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, FindingAction::Opened);
}

async fn acknowledging_and_reopening_start_only_from_the_status_seen(store: Store) {
    let s = seeded(&store).await;
    let user = seed_user(&store, "local:bob").await;
    let a = finding(&s, s.tenant.id, "A", Severity::Medium, 10);
    let mut c = store.conn().await.unwrap();
    findings::insert(&mut c, std::slice::from_ref(&a))
        .await
        .unwrap();
    let id = a.summary.id;
    assert!(
        !findings::reopen(&mut c, id, at(11)).await.unwrap(),
        "not acknowledged"
    );
    assert!(
        findings::acknowledge(&mut c, id, user, "Kiosk devices need it", at(12))
            .await
            .unwrap()
    );
    assert!(
        !findings::acknowledge(&mut c, id, user, "again", at(13))
            .await
            .unwrap(),
        "already acknowledged"
    );
    let acked = findings::get(&mut c, id).await.unwrap().unwrap().summary;
    assert_eq!(acked.status, FindingStatus::Acknowledged);
    assert_eq!(acked.acknowledged_by, Some(user));
    assert_eq!(acked.ack_note.as_deref(), Some("Kiosk devices need it"));
    assert!(findings::reopen(&mut c, id, at(14)).await.unwrap());
    let reopened = findings::get(&mut c, id).await.unwrap().unwrap().summary;
    assert_eq!(reopened.status, FindingStatus::Open);
    assert_eq!(reopened.ack_note, None);
    findings::resolve(&mut c, &[id], s.run, at(15))
        .await
        .unwrap();
    assert!(
        !findings::acknowledge(&mut c, id, user, "late", at(16))
            .await
            .unwrap(),
        "a resolved finding is not acknowledged"
    );
}

async fn the_list_filters_and_hides_tenants_the_reader_may_not_see(store: Store) {
    let s = seeded(&store).await;
    let mut missing = finding(&s, s.other.id, "Other tenant", Severity::High, 3);
    missing.summary.kind = FindingKind::Missing;
    let rows = [
        finding(&s, s.tenant.id, "Edge settings", Severity::Medium, 1),
        finding(&s, s.tenant.id, "Firewall 100%_", Severity::Low, 2),
        missing,
    ];
    let mut c = store.conn().await.unwrap();
    findings::insert(&mut c, &rows).await.unwrap();
    let list = |filter: FindingFilter, visible: Option<Vec<TenantId>>| {
        let store = store.clone();
        let workspace = s.workspace;
        async move {
            let mut c = store.conn().await.unwrap();
            let page = findings::list(&mut c, workspace, visible.as_deref(), &filter)
                .await
                .unwrap();
            page.items
                .into_iter()
                .map(|f| f.display_name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list(FindingFilter::default(), Some(vec![s.tenant.id])).await,
        ["Edge settings", "Firewall 100%_"],
        "a tenant the reader is not entitled to is invisible"
    );
    assert!(list(FindingFilter::default(), Some(vec![]))
        .await
        .is_empty());
    assert_eq!(
        list(
            FindingFilter {
                kinds: vec![FindingKind::Missing],
                ..FindingFilter::default()
            },
            None
        )
        .await,
        ["Other tenant"]
    );
    assert_eq!(
        list(
            FindingFilter {
                severities: vec![Severity::Low, Severity::Medium],
                tenants: vec![s.tenant.id],
                ..FindingFilter::default()
            },
            None
        )
        .await,
        ["Edge settings", "Firewall 100%_"]
    );
    assert_eq!(
        list(
            FindingFilter {
                search: Some("100%_".into()),
                ..FindingFilter::default()
            },
            None
        )
        .await,
        ["Firewall 100%_"],
        "search text is matched literally"
    );
    assert!(list(
        FindingFilter {
            search: Some("1%0".into()),
            ..FindingFilter::default()
        },
        None
    )
    .await
    .is_empty());
}

async fn a_pack_reads_the_tenants_unresolved_findings_whole_and_orders_them(store: Store) {
    let s = seeded(&store).await;
    let user = seed_user(&store, "local:carol").await;
    // A name that must arrive unchanged, and enough rows to span many pages and several of
    // the bulk read's batches (a thousand rows each).
    let tricky = "Quote \" backslash \\ tab\t line\n ünïcode ✓";
    let many: Vec<Finding> = (0..2_500)
        .map(|i| finding(&s, s.tenant.id, &format!("Policy {i:04}"), Severity::Low, i))
        .chain([
            finding(&s, s.tenant.id, tricky, Severity::Critical, 5),
            finding(&s, s.tenant.id, "Acknowledged", Severity::High, 7),
            finding(&s, s.tenant.id, "Resolved", Severity::Critical, 9),
            finding(&s, s.other.id, "Other tenant", Severity::Critical, 9),
        ])
        .collect();
    let id = |name: &str| {
        many.iter()
            .find(|f| f.summary.display_name == name)
            .unwrap()
            .summary
            .id
    };
    let mut c = store.conn().await.unwrap();
    findings::insert(&mut c, &many).await.unwrap();
    assert!(
        findings::acknowledge(&mut c, id("Acknowledged"), user, "Accepted", at(400))
            .await
            .unwrap()
    );
    findings::resolve(&mut c, &[id("Resolved")], s.run, at(400))
        .await
        .unwrap();

    let mut read = findings::unresolved_for_tenant(&mut c, s.tenant.id)
        .await
        .unwrap();
    findings::pack_order(&mut read);
    assert_eq!(read.len(), 2_502, "the tenant's open and acknowledged ones");
    let names: Vec<&str> = read.iter().map(|f| f.display_name.as_str()).collect();
    assert_eq!(
        &names[..4],
        [tricky, "Acknowledged", "Policy 2499", "Policy 2498"]
    );
    assert_eq!(names[2_501], "Policy 0000");
    let first = &read[0];
    assert_eq!(first.id, id(tricky));
    assert_eq!(first.policy_type, "settings_catalog");
    assert_eq!(first.kind, FindingKind::Drifted);
    assert_eq!(first.status, FindingStatus::Open);
    assert_eq!((first.first_seen_at, first.last_seen_at), (at(5), at(5)));
    assert_eq!((first.acknowledged_at, first.acknowledged_by), (None, None));
    let acknowledged = &read[1];
    assert_eq!(acknowledged.status, FindingStatus::Acknowledged);
    assert_eq!(acknowledged.acknowledged_at, Some(at(400)));
    assert_eq!(acknowledged.acknowledged_by, Some(user));
    assert!(findings::unresolved_for_tenant(&mut c, TenantId::new())
        .await
        .unwrap()
        .is_empty());
}
