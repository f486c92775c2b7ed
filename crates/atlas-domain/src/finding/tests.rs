use super::*;
use crate::baseline::{subject_key, POLICY_SUBJECT};

fn item(policy_type: &str, name: &str, hash: &str) -> SnapshotItem {
    SnapshotItem {
        subject_type: POLICY_SUBJECT.into(),
        subject_key: subject_key(policy_type, name),
        policy_type: policy_type.into(),
        baseline_hash: hash.into(),
        meta: serde_json::json!({ "display_name": name }),
        content: None,
        version_id: None,
    }
}

fn subject(policy_type: &str, name: &str, hash: Option<&str>) -> TargetSubject {
    TargetSubject {
        subject_type: POLICY_SUBJECT.into(),
        subject_key: subject_key(policy_type, name),
        policy_type: policy_type.into(),
        display_name: name.into(),
        external_id: format!("id-{name}"),
        hash: hash.map(str::to_owned),
    }
}

fn read(pairs: &[(&str, TypeRead)]) -> BTreeMap<String, TypeRead> {
    pairs.iter().map(|(t, r)| ((*t).to_owned(), *r)).collect()
}

fn kinds(c: &Comparison) -> Vec<(String, FindingKind)> {
    c.drift
        .iter()
        .map(|d| (d.display_name.clone(), d.kind))
        .collect()
}

#[test]
fn missing_unexpected_and_drifted_subjects_are_found_by_key() {
    let baseline = [
        item("compliance_policy", "Windows compliance", "a"),
        item("compliance_policy", "iOS compliance", "b"),
        item("settings_catalog", "Defender", "c"),
    ];
    let target = vec![
        subject("compliance_policy", "windows  COMPLIANCE", Some("a")),
        subject("settings_catalog", "Defender", Some("c2")),
        subject("settings_catalog", "Kiosk", Some("k")),
    ];
    let types = read(&[
        ("compliance_policy", TypeRead::Complete),
        ("settings_catalog", TypeRead::Complete),
    ]);
    let c = compare(&baseline, &[], &target, &types, true);
    assert_eq!(c.matched, 1);
    assert_eq!(
        kinds(&c),
        [
            ("iOS compliance".into(), FindingKind::Missing),
            ("Defender".into(), FindingKind::Drifted),
            ("Kiosk".into(), FindingKind::Unexpected),
        ]
    );
    assert_eq!(c.coverage["settings_catalog"].coverage, Coverage::Full);
    assert_eq!(c.coverage["compliance_policy"].compared, 2);
    assert!(c.unjudged.is_empty());
}

#[test]
fn shared_names_on_either_side_are_gaps_never_matched() {
    let baseline = [item("settings_catalog", "Firewall", "f")];
    let gaps = [AmbiguousSubject {
        subject_key: subject_key("settings_catalog", "Edge"),
        display_name: "Edge".into(),
        count: 2,
    }];
    let target = vec![
        subject("settings_catalog", "Firewall", Some("f")),
        subject("settings_catalog", "firewall", Some("x")),
        subject("settings_catalog", "Edge", Some("e")),
    ];
    let types = read(&[("settings_catalog", TypeRead::Complete)]);
    let c = compare(&baseline, &gaps, &target, &types, true);
    assert!(c.drift.is_empty(), "nothing guessed: {:?}", c.drift);
    assert_eq!(c.matched, 0);
    assert_eq!(
        c.ambiguous,
        [AmbiguousSubject {
            subject_key: subject_key("settings_catalog", "Firewall"),
            display_name: "Firewall".into(),
            count: 2
        }]
    );
    assert_eq!(c.coverage["settings_catalog"].gaps, 2);
    assert_eq!(c.coverage["settings_catalog"].coverage, Coverage::Partial);
    assert_eq!(c.unjudged.len(), 2);
}

#[test]
fn absence_in_a_type_not_read_completely_proves_nothing() {
    let baseline = [
        item("compliance_policy", "Windows", "a"),
        item("update_ring", "Broad", "u"),
    ];
    let types = read(&[
        ("compliance_policy", TypeRead::Incomplete),
        ("update_ring", TypeRead::Unread),
    ]);
    let c = compare(&baseline, &[], &[], &types, false);
    assert!(c.drift.is_empty());
    assert_eq!(c.coverage["compliance_policy"].coverage, Coverage::Partial);
    assert_eq!(c.coverage["update_ring"].coverage, Coverage::Unsupported);
    assert!(c.complete_types.is_empty());
}

#[test]
fn a_metadata_compare_is_reference_only_and_unknown_fingerprints_are_gaps() {
    let baseline = [
        item("settings_catalog", "A", "a"),
        item("settings_catalog", "B", "b"),
    ];
    let target = vec![
        subject("settings_catalog", "A", Some("a")),
        subject("settings_catalog", "B", None),
    ];
    let types = read(&[("settings_catalog", TypeRead::Complete)]);
    let c = compare(&baseline, &[], &target, &types, false);
    assert_eq!(c.matched, 1);
    assert!(c.drift.is_empty());
    assert_eq!(c.coverage["settings_catalog"].gaps, 1);
    let clean = compare(
        &baseline[..1],
        &[],
        &[subject("settings_catalog", "A", Some("a"))],
        &types,
        false,
    );
    assert_eq!(
        clean.coverage["settings_catalog"].coverage,
        Coverage::ReferenceOnly
    );
}

#[test]
fn the_severity_table_and_profile_rules() {
    assert_eq!(
        default_severity("conditional_access_policy", FindingKind::Missing),
        Severity::High
    );
    assert_eq!(
        default_severity("compliance_policy", FindingKind::Drifted),
        Severity::Medium
    );
    assert_eq!(
        default_severity("settings_catalog", FindingKind::Unexpected),
        Severity::Low
    );
    let rules = [
        SeverityRule {
            policy_type: Some("settings_catalog".into()),
            kind: Some(FindingKind::Drifted),
            severity: Severity::Critical,
        },
        SeverityRule {
            policy_type: None,
            kind: Some(FindingKind::Unexpected),
            severity: Severity::Info,
        },
    ];
    assert_eq!(
        severity_for(&rules, "settings_catalog", FindingKind::Drifted),
        Severity::Critical
    );
    assert_eq!(
        severity_for(&rules, "compliance_policy", FindingKind::Unexpected),
        Severity::Info
    );
    assert_eq!(
        severity_for(&rules, "compliance_policy", FindingKind::Missing),
        Severity::High,
        "no rule matches: the product's table"
    );
}

fn stored(drift: &Drift, status: FindingStatus) -> StoredFinding {
    StoredFinding {
        id: FindingId::new(),
        subject_type: drift.subject_type.clone(),
        subject_key: drift.subject_key.clone(),
        policy_type: drift.policy_type.clone(),
        severity: Severity::Low,
        status,
        evidence_hash: drift.evidence_hash(),
    }
}

#[test]
fn findings_open_hold_reopen_and_resolve_across_compares() {
    let types = read(&[("settings_catalog", TypeRead::Complete)]);
    let baseline = [
        item("settings_catalog", "A", "a"),
        item("settings_catalog", "B", "b"),
    ];
    let first = compare(
        &baseline,
        &[],
        &[
            subject("settings_catalog", "A", Some("a2")),
            subject("settings_catalog", "B", Some("b2")),
        ],
        &types,
        true,
    );
    let changes = reconcile(&first, &[]);
    assert_eq!(changes.len(), 2);
    assert!(changes.iter().all(|c| matches!(c, FindingChange::Open(_))));

    let a = stored(&first.drift[0], FindingStatus::Acknowledged);
    let b = stored(&first.drift[1], FindingStatus::Open);
    // A's evidence is unchanged (stays acknowledged); B is fixed in the tenant (resolves).
    let second = compare(
        &baseline,
        &[],
        &[
            subject("settings_catalog", "A", Some("a2")),
            subject("settings_catalog", "B", Some("b")),
        ],
        &types,
        true,
    );
    let changes = reconcile(&second, &[a.clone(), b.clone()]);
    assert_eq!(
        changes,
        [
            FindingChange::Seen {
                id: a.id,
                drift: second.drift[0].clone(),
                status: FindingStatus::Acknowledged,
                action: None
            },
            FindingChange::Resolve { id: b.id }
        ]
    );

    // A drifts differently (reopens); B's drift returns (reopens).
    let b_resolved = StoredFinding {
        status: FindingStatus::Resolved,
        ..b.clone()
    };
    let third = compare(
        &baseline,
        &[],
        &[
            subject("settings_catalog", "A", Some("a3")),
            subject("settings_catalog", "B", Some("b2")),
        ],
        &types,
        true,
    );
    let changes = reconcile(&third, &[a.clone(), b_resolved]);
    let actions: Vec<_> = changes
        .iter()
        .map(|c| match c {
            FindingChange::Seen { status, action, .. } => (*status, *action),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        actions,
        [
            (FindingStatus::Open, Some(FindingAction::Reopened)),
            (FindingStatus::Open, Some(FindingAction::Reopened)),
        ]
    );
}

#[test]
fn findings_of_subjects_not_judged_are_left_alone() {
    let baseline = [item("settings_catalog", "A", "a")];
    let first = compare(
        &baseline,
        &[],
        &[subject("settings_catalog", "A", Some("a2"))],
        &read(&[("settings_catalog", TypeRead::Complete)]),
        true,
    );
    let a = stored(&first.drift[0], FindingStatus::Open);
    // The type could not be read to the end this time: A is not seen, yet not resolved.
    let partial = compare(
        &baseline,
        &[],
        &[],
        &read(&[("settings_catalog", TypeRead::Incomplete)]),
        true,
    );
    assert!(reconcile(&partial, std::slice::from_ref(&a)).is_empty());
    // Now two objects share A's name: a gap, not a resolution.
    let shared = compare(
        &baseline,
        &[],
        &[
            subject("settings_catalog", "A", Some("a")),
            subject("settings_catalog", "a", Some("a")),
        ],
        &read(&[("settings_catalog", TypeRead::Complete)]),
        true,
    );
    assert!(reconcile(&shared, &[a]).is_empty());
}

#[test]
fn an_unexpected_policy_deleted_from_the_tenant_resolves() {
    let types = read(&[("settings_catalog", TypeRead::Complete)]);
    let first = compare(
        &[],
        &[],
        &[subject("settings_catalog", "Extra", Some("x"))],
        &types,
        true,
    );
    assert_eq!(first.drift[0].kind, FindingKind::Unexpected);
    let extra = stored(&first.drift[0], FindingStatus::Open);
    let second = compare(&[], &[], &[], &types, true);
    assert_eq!(
        reconcile(&second, std::slice::from_ref(&extra)),
        [FindingChange::Resolve { id: extra.id }]
    );
}

#[test]
fn evidence_identity_follows_kind_and_both_fingerprints() {
    let d = Drift {
        subject_type: POLICY_SUBJECT.into(),
        subject_key: "t:a".into(),
        policy_type: "t".into(),
        display_name: "A".into(),
        kind: FindingKind::Drifted,
        baseline_hash: Some("a".into()),
        tenant_hash: Some("b".into()),
        external_id: None,
    };
    let other = Drift {
        tenant_hash: Some("c".into()),
        ..d.clone()
    };
    assert_ne!(d.evidence_hash(), other.evidence_hash());
    assert_eq!(d.evidence_hash(), d.clone().evidence_hash());
}
