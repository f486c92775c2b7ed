//! A finding's evidence: which settings differ, side by side (baseline value, tenant value),
//! from the readable-settings code. Both sides are configurations without tenant-specific
//! fields and with secrets already replaced by the catalog's marker, so no secret value and no
//! group id of one tenant reaches a finding.

use atlas_domain::{finding::Drift, readable, DiffChange, FindingEvidence, FindingKind};
use serde_json::Value;

/// The evidence of one difference. `baseline` and `tenant` are the two configurations when the
/// snapshot holds content (full content); without it the difference is known by fingerprint
/// only.
pub fn evidence(
    drift: &Drift,
    baseline: Option<&Value>,
    tenant: Option<&Value>,
) -> FindingEvidence {
    let empty = Value::Object(Default::default());
    let sides = match drift.kind {
        FindingKind::Drifted => baseline.zip(tenant),
        FindingKind::Missing => baseline.map(|b| (b, &empty)),
        FindingKind::Unexpected => tenant.map(|t| (&empty, t)),
    };
    let Some((before, after)) = sides else {
        return FindingEvidence {
            rows: vec![],
            reference_only: true,
        };
    };
    // Both sides are configurations already: their volatile fields are gone.
    let rows = readable::diff(before, after, &[])
        .rows
        .into_iter()
        .filter(|row| row.change != DiffChange::Unchanged)
        .collect();
    FindingEvidence {
        rows,
        reference_only: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn drift(kind: FindingKind) -> Drift {
        Drift {
            subject_type: "policy".into(),
            subject_key: "device_configuration:wifi".into(),
            policy_type: "device_configuration".into(),
            display_name: "Wi-Fi".into(),
            kind,
            baseline_hash: Some("a".into()),
            tenant_hash: Some("b".into()),
            external_id: None,
        }
    }

    #[test]
    fn only_the_settings_that_differ_are_evidence() {
        let baseline = json!({"passwordMinimumLength": 12, "storageRequireEncryption": true});
        let tenant = json!({"passwordMinimumLength": 8, "storageRequireEncryption": true});
        let e = evidence(&drift(FindingKind::Drifted), Some(&baseline), Some(&tenant));
        assert!(!e.reference_only);
        assert_eq!(e.rows.len(), 1);
        assert_eq!(e.rows[0].before.as_deref(), Some("12"));
        assert_eq!(e.rows[0].after.as_deref(), Some("8"));
    }

    #[test]
    fn a_missing_policy_lists_what_the_tenant_lacks() {
        let baseline = json!({"passwordMinimumLength": 12});
        let e = evidence(&drift(FindingKind::Missing), Some(&baseline), None);
        assert_eq!(e.rows.len(), 1);
        assert_eq!(e.rows[0].change, DiffChange::Removed);
    }

    #[test]
    fn without_content_the_evidence_is_a_fingerprint_only() {
        let e = evidence(&drift(FindingKind::Drifted), None, None);
        assert!(e.reference_only);
        assert!(e.rows.is_empty());
    }
}
