//! Seeding shared by the pack tests: a baseline profile to hang findings on, and an open
//! drift finding.

use atlas_domain::{
    BaselineProfile, BaselineProfileId, BaselineStatus, CaptureMode, Finding, FindingEvidence,
    FindingId, FindingKind, FindingStatus, FindingSummary, Severity, Tenant, Timestamp,
    WorkspaceId,
};

/// An active baseline profile of `workspace` named "Reference".
pub fn profile(workspace: WorkspaceId, now: Timestamp) -> BaselineProfile {
    BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: workspace,
        name: "Reference".into(),
        description: String::new(),
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::Meta,
        scope: vec![],
        source_tenant_id: None,
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: now,
        updated_at: now,
    }
}

/// An open drift finding of `tenant` against `profile` on the settings catalog policy `name`.
pub fn open_finding(
    tenant: &Tenant,
    profile: BaselineProfileId,
    name: &str,
    severity: Severity,
    now: Timestamp,
) -> Finding {
    Finding {
        summary: FindingSummary {
            id: FindingId::new(),
            workspace_id: tenant.workspace_id,
            tenant_id: tenant.id,
            profile_id: profile,
            subject_type: "policy".into(),
            subject_key: format!("settings_catalog:{}", name.to_lowercase()),
            policy_type: "settings_catalog".into(),
            display_name: name.into(),
            kind: FindingKind::Drifted,
            severity,
            status: FindingStatus::Open,
            evidence_hash: format!("evidence-{name}"),
            first_seen_run_id: None,
            last_seen_run_id: None,
            first_seen_at: now,
            last_seen_at: now,
            resolved_at: None,
            resolved_by_run_id: None,
            acknowledged_at: None,
            acknowledged_by: None,
            ack_note: None,
            updated_at: now,
        },
        evidence: FindingEvidence {
            rows: vec![],
            reference_only: true,
        },
    }
}
