//! Tenant reviews (SPEC §8.2): a customer review composed from a complete evidence snapshot —
//! four sections, highlights and recommended actions produced by the fixed rules below, and an
//! operator's note — and the readiness gate that says why a review cannot be composed yet.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, EvidenceContent, EvidenceSnapshot, EvidenceSnapshotId, ReasonCode, ReviewId,
    RunId, Severity, TenantId, Timestamp, UserId, WorkspaceId,
};

/// Evidence older than this many days is too old to review from, unless the workspace's pack
/// settings say otherwise.
pub const DEFAULT_EVIDENCE_MAX_AGE_DAYS: u32 = 7;
/// Drift open longer than this is called out (as in packs).
pub const LONG_OPEN_DAYS: i64 = 14;
/// Syncs older than this make a part's data stale.
pub const STALE_SYNC_DAYS: i64 = 7;
/// More Global Administrators than this is too many; fewer than the minimum leaves no spare.
pub const MAX_GLOBAL_ADMINS: u32 = 4;
pub const MIN_GLOBAL_ADMINS: u32 = 2;
/// A share of failed operations above this (percent) needs a look.
pub const FAILURE_RATE_PERCENT: i64 = 10;
/// The longest operator's note accepted.
pub const MAX_NOTE: usize = 10_000;
const DAY_MS: i64 = 86_400_000;

code_enum! {
    /// How a review section reads at a glance.
    pub enum SectionStatus as "review_section_status" {
        /// The section has no data to judge (never synced, never compared).
        NoData => "no_data",
        Good => "good",
        Attention => "attention",
        Critical => "critical",
    }
}

/// One section of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewSection {
    /// `configuration`, `drift`, `privileged_access`, `operations`.
    pub key: String,
    pub title: String,
    pub status: SectionStatus,
    /// One sentence for the customer.
    pub summary: String,
    /// Label and value pairs, in order.
    pub facts: Vec<(String, String)>,
}

/// Something to act on, with the section it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewAction {
    pub section: String,
    pub priority: SectionStatus,
    pub text: String,
}

/// A composed review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantReview {
    pub id: ReviewId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    pub evidence_snapshot_id: EvidenceSnapshotId,
    pub run_id: Option<RunId>,
    pub sections: Vec<ReviewSection>,
    pub highlights: Vec<String>,
    pub actions: Vec<ReviewAction>,
    /// The operator's own words for the customer; empty until written.
    pub note: String,
    pub note_updated_by: Option<UserId>,
    pub composed_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Whether a review can be composed now, and from which snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewReadiness {
    Ready {
        evidence_snapshot_id: EvidenceSnapshotId,
        captured_at: Timestamp,
    },
    NotReady {
        reason: ReasonCode,
        message: String,
        next_step: String,
    },
}

/// The gate, first refusal wins: no completed inventory sync; no complete evidence snapshot;
/// the newest one older than `max_age_days`.
pub fn readiness(
    latest_evidence: Option<&EvidenceSnapshot>,
    has_completed_sync: bool,
    max_age_days: i64,
    now: Timestamp,
) -> ReviewReadiness {
    let not_ready = |reason: ReasonCode, message: String| {
        let text = reason.text();
        ReviewReadiness::NotReady {
            reason,
            message,
            next_step: text.next_steps.to_owned(),
        }
    };
    if !has_completed_sync {
        return not_ready(
            ReasonCode::ReviewNoSync,
            "The tenant has no completed inventory sync, so there is nothing to review.".into(),
        );
    }
    let Some(snapshot) = latest_evidence.filter(|s| s.is_usable()) else {
        return not_ready(
            ReasonCode::ReviewNoEvidence,
            "No complete evidence snapshot exists for the tenant.".into(),
        );
    };
    let captured = snapshot.completed_at.unwrap_or(snapshot.created_at);
    let age_days = (now.unix_millis() - captured.unix_millis()) / DAY_MS;
    if age_days > max_age_days {
        return not_ready(
            ReasonCode::ReviewEvidenceStale,
            format!(
                "The newest evidence snapshot is {age_days} days old; a review needs one at most {max_age_days} days old."
            ),
        );
    }
    ReviewReadiness::Ready {
        evidence_snapshot_id: snapshot.id,
        captured_at: captured,
    }
}

/// What a review says of `evidence`, by fixed rules (sections, highlights, actions).
pub fn compose(evidence: &EvidenceContent) -> (Vec<ReviewSection>, Vec<String>, Vec<ReviewAction>) {
    let now = evidence.captured_at.unix_millis();
    let age_days = |part: &str| -> Option<i64> {
        evidence
            .freshness
            .get(part)
            .copied()
            .flatten()
            .map(|at| (now - at.unix_millis()) / DAY_MS)
    };
    let mut highlights = Vec::new();
    let mut actions = Vec::new();
    let act = |actions: &mut Vec<ReviewAction>, section: &str, priority, text: String| {
        actions.push(ReviewAction {
            section: section.into(),
            priority,
            text,
        })
    };

    // Configuration coverage: what is managed, and how fresh the picture is.
    let objects: i64 = evidence.inventory.iter().map(|t| t.count).sum();
    let inventory_age = age_days("inventory");
    let configuration_status = match inventory_age {
        None => SectionStatus::NoData,
        Some(days) if days > STALE_SYNC_DAYS => SectionStatus::Attention,
        Some(_) => SectionStatus::Good,
    };
    if let Some(days) = inventory_age.filter(|d| *d > STALE_SYNC_DAYS) {
        act(
            &mut actions,
            "configuration",
            SectionStatus::Attention,
            format!("Sync the tenant again: its inventory is {days} days old."),
        );
    }
    let configuration = ReviewSection {
        key: "configuration".into(),
        title: "Configuration coverage".into(),
        status: configuration_status,
        summary: match inventory_age {
            None => "The tenant's configuration has not been synced yet.".into(),
            Some(_) => format!(
                "{objects} managed {} across {} {}.",
                if objects == 1 { "object" } else { "objects" },
                evidence.inventory.len(),
                if evidence.inventory.len() == 1 {
                    "type"
                } else {
                    "types"
                }
            ),
        },
        facts: vec![
            ("Objects".into(), objects.to_string()),
            ("Types".into(), evidence.inventory.len().to_string()),
            ("Inventory synced".into(), days_words(inventory_age)),
            ("Policies synced".into(), days_words(age_days("policies"))),
        ],
    };

    // Drift from the baseline.
    let severe: i64 = [Severity::Critical, Severity::High]
        .iter()
        .map(|s| evidence.open_findings.get(s).copied().unwrap_or(0))
        .sum();
    let open: i64 = evidence.open_findings.values().sum();
    let compared = age_days("drift");
    let drift_status = match (compared, severe, open) {
        (None, ..) => SectionStatus::NoData,
        (_, s, _) if s > 0 && evidence.long_open_severe_findings > 0 => SectionStatus::Critical,
        (_, s, o) if s > 0 || o > 0 => SectionStatus::Attention,
        _ => SectionStatus::Good,
    };
    if compared.is_none() {
        act(
            &mut actions,
            "drift",
            SectionStatus::Attention,
            "Assign a baseline to the tenant and compare it, so drift can be reported.".into(),
        );
    }
    if evidence.long_open_severe_findings > 0 {
        let n = evidence.long_open_severe_findings;
        highlights.push(format!(
            "{n} high-severity drift {} open for more than {LONG_OPEN_DAYS} days",
            if n == 1 { "finding" } else { "findings" }
        ));
        act(&mut actions, "drift", SectionStatus::Critical, format!(
            "Remediate or formally accept the {n} high or critical drift {} open for more than {LONG_OPEN_DAYS} days.",
            if n == 1 { "finding" } else { "findings" }
        ));
    } else if severe > 0 {
        highlights.push(format!(
            "{severe} high or critical drift {} open",
            if severe == 1 { "finding" } else { "findings" }
        ));
        act(
            &mut actions,
            "drift",
            SectionStatus::Attention,
            format!(
                "Review the {severe} high or critical drift {} with the customer.",
                if severe == 1 { "finding" } else { "findings" }
            ),
        );
    }
    if compared.is_some() && open == 0 {
        highlights.push("No drift from the baseline".into());
    }
    let drift = ReviewSection {
        key: "drift".into(),
        title: "Drift".into(),
        status: drift_status,
        summary: match compared {
            None => "The tenant has not been compared with a baseline.".into(),
            Some(_) if open == 0 => "The configuration matches its baseline.".into(),
            Some(_) => format!(
                "{open} open {} from the baseline, {severe} of high or critical severity.",
                if open == 1 {
                    "difference"
                } else {
                    "differences"
                }
            ),
        },
        facts: Severity::ALL
            .iter()
            .rev()
            .map(|s| {
                (
                    s.code().to_owned(),
                    evidence
                        .open_findings
                        .get(s)
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                )
            })
            .chain([("Compared".into(), days_words(compared))])
            .collect(),
    };

    // Privileged access.
    let privileged = match &evidence.rbac {
        None => {
            act(
                &mut actions,
                "privileged_access",
                SectionStatus::Attention,
                "Sync the directory roles, so privileged access can be reviewed.".into(),
            );
            ReviewSection {
                key: "privileged_access".into(),
                title: "Privileged access".into(),
                status: SectionStatus::NoData,
                summary: "The directory roles have not been synced.".into(),
                facts: vec![],
            }
        }
        Some(rbac) => {
            let report = &rbac.report;
            let worst = report.findings.iter().map(|f| f.severity).max();
            let mut status = match worst {
                Some(s) if s >= Severity::High => SectionStatus::Critical,
                Some(s) if s >= Severity::Medium => SectionStatus::Attention,
                _ => SectionStatus::Good,
            };
            if report.global_admin_count > MAX_GLOBAL_ADMINS {
                status = status.max(SectionStatus::Attention);
                highlights.push(format!(
                    "{} Global Administrators",
                    report.global_admin_count
                ));
                act(
                    &mut actions,
                    "privileged_access",
                    SectionStatus::Attention,
                    format!(
                        "Reduce the Global Administrators from {} to at most {MAX_GLOBAL_ADMINS}.",
                        report.global_admin_count
                    ),
                );
            } else if report.global_admin_count < MIN_GLOBAL_ADMINS {
                status = status.max(SectionStatus::Attention);
                act(&mut actions, "privileged_access", SectionStatus::Attention, format!(
                    "Keep at least {MIN_GLOBAL_ADMINS} Global Administrators (one of them an emergency account); there {} {}.",
                    if report.global_admin_count == 1 { "is" } else { "are" },
                    report.global_admin_count
                ));
            }
            for finding in report
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::High)
            {
                highlights.push(finding.title.clone());
            }
            ReviewSection {
                key: "privileged_access".into(),
                title: "Privileged access".into(),
                status,
                summary: format!(
                    "{} Global {}, {} role {} in all.",
                    report.global_admin_count,
                    if report.global_admin_count == 1 {
                        "Administrator"
                    } else {
                        "Administrators"
                    },
                    report.assignment_count,
                    if report.assignment_count == 1 {
                        "assignment"
                    } else {
                        "assignments"
                    }
                ),
                facts: vec![
                    (
                        "Global Administrators".into(),
                        report.global_admin_count.to_string(),
                    ),
                    (
                        "Role assignments".into(),
                        report.assignment_count.to_string(),
                    ),
                    (
                        "Privileged holders".into(),
                        report.privileged_holders.len().to_string(),
                    ),
                    ("Findings".into(), report.findings.len().to_string()),
                ],
            }
        }
    };

    // Operations health.
    let ops = &evidence.operations;
    let rate = match ops.total {
        0 => 0,
        total => ops.failed * 100 / total,
    };
    let operations_status = match (ops.total, rate) {
        (0, _) => SectionStatus::NoData,
        (_, r) if r > FAILURE_RATE_PERCENT => SectionStatus::Attention,
        _ => SectionStatus::Good,
    };
    if ops.total > 0 && rate > FAILURE_RATE_PERCENT {
        act(
            &mut actions,
            "operations",
            SectionStatus::Attention,
            format!(
                "Look into the failing operations: {} of {} failed in the last 30 days.",
                ops.failed, ops.total
            ),
        );
    }
    let operations = ReviewSection {
        key: "operations".into(),
        title: "Operations health".into(),
        status: operations_status,
        summary: match ops.total {
            0 => "No operations ran in the last 30 days.".into(),
            total => format!(
                "{total} operations in the last 30 days, {} failed ({rate}%).",
                ops.failed
            ),
        },
        facts: vec![
            ("Operations".into(), ops.total.to_string()),
            ("Succeeded".into(), ops.succeeded.to_string()),
            (
                "Partially succeeded".into(),
                ops.partially_succeeded.to_string(),
            ),
            ("Failed".into(), ops.failed.to_string()),
            ("Blocked".into(), ops.blocked.to_string()),
        ],
    };
    actions.sort_by_key(|a| std::cmp::Reverse(a.priority));
    (
        vec![configuration, drift, privileged, operations],
        highlights,
        actions,
    )
}

fn days_words(age: Option<i64>) -> String {
    match age {
        None => "never".into(),
        Some(0) => "today".into(),
        Some(1) => "1 day ago".into(),
        Some(days) => format!("{days} days ago"),
    }
}

/// Why a note cannot be stored, if it cannot.
pub fn note_problem(note: &str) -> Option<String> {
    (note.chars().count() > MAX_NOTE)
        .then(|| format!("A note holds at most {MAX_NOTE} characters."))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::evidence::{EvidenceOperations, EvidenceTypeCount};

    fn at(days: i64) -> Timestamp {
        Timestamp::from_unix_millis(1_780_000_000_000 + days * DAY_MS).unwrap()
    }

    fn evidence(open_high: i64, long_open: i64, failed: i64, total: i64) -> EvidenceContent {
        EvidenceContent {
            captured_at: at(30),
            inventory: vec![EvidenceTypeCount {
                object_type: "settings_catalog".into(),
                count: 12,
            }],
            open_findings: BTreeMap::from([(Severity::High, open_high), (Severity::Low, 2)]),
            long_open_severe_findings: long_open,
            rbac: None,
            role_holders: vec![],
            operations: EvidenceOperations {
                total,
                failed,
                succeeded: total - failed,
                ..Default::default()
            },
            freshness: BTreeMap::from([
                ("inventory".into(), Some(at(20))),
                ("drift".into(), Some(at(29))),
            ]),
        }
    }

    #[test]
    fn the_rules_name_long_open_drift_stale_data_and_failing_operations() {
        let (sections, highlights, actions) = compose(&evidence(3, 2, 4, 20));
        let keys: Vec<_> = sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            ["configuration", "drift", "privileged_access", "operations"]
        );
        assert_eq!(sections[1].status, SectionStatus::Critical);
        assert_eq!(
            sections[0].status,
            SectionStatus::Attention,
            "inventory 10 days old"
        );
        assert_eq!(sections[2].status, SectionStatus::NoData);
        assert_eq!(
            highlights,
            ["2 high-severity drift findings open for more than 14 days"]
        );
        assert_eq!(
            actions[0].priority,
            SectionStatus::Critical,
            "most urgent first"
        );
        let texts: Vec<_> = actions.iter().map(|a| a.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.contains("inventory is 10 days old")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("4 of 20 failed")),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("Sync the directory roles")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_calm_tenant_reads_as_good() {
        let mut calm = evidence(0, 0, 0, 10);
        calm.open_findings = BTreeMap::new();
        calm.freshness.insert("inventory".into(), Some(at(29)));
        let (sections, highlights, _) = compose(&calm);
        assert_eq!(sections[0].status, SectionStatus::Good);
        assert_eq!(sections[1].status, SectionStatus::Good);
        assert_eq!(sections[3].status, SectionStatus::Good);
        assert_eq!(highlights, ["No drift from the baseline"]);
    }

    #[test]
    fn the_gate_says_why_a_review_cannot_be_composed_yet() {
        let snapshot = EvidenceSnapshot {
            id: EvidenceSnapshotId::new(),
            workspace_id: WorkspaceId::new(),
            tenant_id: TenantId::new(),
            run_id: None,
            state: crate::baseline::SnapshotState::Complete,
            content: Some(evidence(0, 0, 0, 0)),
            content_hash: Some("h".into()),
            failure_reason: None,
            created_at: at(20),
            completed_at: Some(at(20)),
        };
        let reason = |r: ReviewReadiness| match r {
            ReviewReadiness::NotReady { reason, .. } => Some(reason),
            ReviewReadiness::Ready { .. } => None,
        };
        assert_eq!(
            reason(readiness(Some(&snapshot), false, 7, at(21))),
            Some(ReasonCode::ReviewNoSync)
        );
        assert_eq!(
            reason(readiness(None, true, 7, at(21))),
            Some(ReasonCode::ReviewNoEvidence)
        );
        let incomplete = EvidenceSnapshot {
            state: crate::baseline::SnapshotState::Incomplete,
            content: None,
            ..snapshot.clone()
        };
        assert_eq!(
            reason(readiness(Some(&incomplete), true, 7, at(21))),
            Some(ReasonCode::ReviewNoEvidence)
        );
        assert_eq!(
            reason(readiness(Some(&snapshot), true, 7, at(28))),
            Some(ReasonCode::ReviewEvidenceStale)
        );
        assert_eq!(reason(readiness(Some(&snapshot), true, 7, at(27))), None);
        assert!(note_problem(&"x".repeat(MAX_NOTE + 1)).is_some());
        assert!(note_problem("Agreed with the customer").is_none());
    }
}
