//! Drift findings (SPEC §6.4–6.5): how a tenant's subjects are compared with a baseline
//! snapshot's items, how severe each difference is, and how a compare's result changes the
//! findings already stored (opened, kept, acknowledged, resolved, reopened). Everything here is
//! pure; the compare handler loads the inputs and stores the changes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{
    baseline::{AmbiguousSubject, SnapshotItem},
    codes::code_enum,
    readable::DiffRow,
    BaselineProfileId, DomainError, FindingId, RunId, Severity, TenantId, Timestamp, UserId,
    WorkspaceId,
};

code_enum! {
    /// How a tenant differs from its baseline for one subject.
    pub enum FindingKind as "finding_kind" {
        /// In the baseline, not in the tenant.
        Missing => "missing",
        /// In the tenant, not in the baseline.
        Unexpected => "unexpected",
        /// In both, configured differently.
        Drifted => "drifted",
    }
}

code_enum! {
    /// Where a finding is in its triage.
    pub enum FindingStatus as "finding_status" {
        Open => "open",
        /// Accepted as a customer-specific exception, with a note; holds while the evidence
        /// stays the same.
        Acknowledged => "acknowledged",
        /// A later compare no longer saw the drift.
        Resolved => "resolved",
    }
}

code_enum! {
    /// How much of a policy type a compare could judge (SPEC §6.5).
    pub enum Coverage as "evidence_coverage" {
        /// Every subject was compared setting by setting.
        Full => "full",
        /// Some subjects could not be read or share a name: those were not judged.
        Partial => "partial",
        /// Compared by fingerprint only (a metadata capture): a difference is known, not which
        /// setting.
        ReferenceOnly => "reference_only",
        /// Not compared at all (the type could not be read).
        Unsupported => "unsupported",
    }
}

code_enum! {
    /// What happened to a finding, for its history.
    pub enum FindingAction as "finding_action" {
        Opened => "opened",
        /// The evidence changed while the finding was open.
        EvidenceChanged => "evidence_changed",
        Acknowledged => "acknowledged",
        /// Opened again: the drift returned, or an acknowledged finding's evidence changed, or
        /// an operator reopened it.
        Reopened => "reopened",
        Resolved => "resolved",
    }
}

/// The longest acknowledgement note accepted.
pub const MAX_ACK_NOTE: usize = 2_000;

/// One rule of a profile's severity table: the first rule whose type and kind match decides.
/// A rule without a type or kind matches any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeverityRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub policy_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<FindingKind>,
    pub severity: Severity,
}

/// Types whose absence or change weakens a tenant's security directly: who may sign in, whether
/// devices count as compliant, and the security baselines.
const SECURITY_TYPES: &[&str] = &[
    "conditional_access_policy",
    "compliance_policy",
    "endpoint_security",
    "security_baseline",
];

/// The product's severity table, used where a profile's own rules say nothing:
///
/// | kind | security types (conditional access, compliance, endpoint security, security baselines) | other types |
/// |---|---|---|
/// | missing | high | medium |
/// | drifted | high (conditional access), medium (the others) | low |
/// | unexpected | medium | low |
pub fn default_severity(policy_type: &str, kind: FindingKind) -> Severity {
    let security = SECURITY_TYPES.contains(&policy_type);
    match (kind, security) {
        (FindingKind::Missing, true) => Severity::High,
        (FindingKind::Missing, false) => Severity::Medium,
        (FindingKind::Drifted, true) if policy_type == "conditional_access_policy" => {
            Severity::High
        }
        (FindingKind::Drifted, true) => Severity::Medium,
        (FindingKind::Drifted, false) => Severity::Low,
        (FindingKind::Unexpected, true) => Severity::Medium,
        (FindingKind::Unexpected, false) => Severity::Low,
    }
}

/// The severity of a difference: the profile's first matching rule, else the product's table.
pub fn severity_for(rules: &[SeverityRule], policy_type: &str, kind: FindingKind) -> Severity {
    rules
        .iter()
        .find(|r| {
            r.policy_type.as_deref().is_none_or(|t| t == policy_type)
                && r.kind.is_none_or(|k| k == kind)
        })
        .map(|r| r.severity)
        .unwrap_or_else(|| default_severity(policy_type, kind))
}

/// What a compare knows of one subject of the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetSubject {
    pub subject_type: String,
    pub subject_key: String,
    pub policy_type: String,
    pub display_name: String,
    /// The object's id in the tenant's Graph.
    pub external_id: String,
    /// The configuration fingerprint, comparable across tenants; none when unknown (an
    /// inventory row from before fingerprints were recorded).
    pub hash: Option<String>,
}

/// One difference a compare found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub subject_type: String,
    pub subject_key: String,
    pub policy_type: String,
    pub display_name: String,
    pub kind: FindingKind,
    pub baseline_hash: Option<String>,
    pub tenant_hash: Option<String>,
    /// The tenant's object, when it has one.
    pub external_id: Option<String>,
}

impl Drift {
    /// What makes two observations of a finding "the same evidence": the kind and both
    /// fingerprints. An acknowledgement holds while this stays the same.
    pub fn evidence_hash(&self) -> String {
        let mut hasher = Sha256::new();
        for part in [
            self.kind.code(),
            self.baseline_hash.as_deref().unwrap_or("-"),
            self.tenant_hash.as_deref().unwrap_or("-"),
        ] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        format!("{:x}", hasher.finalize())
    }
}

/// How one policy type fared in a compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TypeCoverage {
    pub coverage: Coverage,
    /// Subjects compared (matched, missing or unexpected).
    pub compared: i64,
    /// Subjects not judged: shared names in either tenant, unread objects, unknown fingerprints.
    pub gaps: i64,
}

/// A compare's result before findings are touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub drift: Vec<Drift>,
    /// Subjects in both with the same fingerprint.
    pub matched: i64,
    /// Keys several objects of the tenant share (the baseline's own are in its snapshot).
    pub ambiguous: Vec<AmbiguousSubject>,
    /// Per policy type: coverage and gap counts.
    pub coverage: BTreeMap<String, TypeCoverage>,
    /// Keys the compare could not judge (shared names, unknown fingerprints, absence in a
    /// type not read completely): their findings are left as they are.
    pub unjudged: BTreeSet<(String, String)>,
    /// Types read completely: a finding of one of them that is no longer different resolves.
    pub complete_types: BTreeSet<String>,
}

/// How completely the tenant's side of one type is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeRead {
    /// Every object was read; a subject not seen is absent.
    Complete,
    /// The read broke off or objects failed: absence proves nothing.
    Incomplete,
    /// Nothing was read.
    Unread,
}

/// Compares the tenant's subjects with the baseline's items, type by type (SPEC §6.4):
/// subjects match by key; keys several objects share on either side are gaps, never guessed;
/// a type not read completely yields no `missing` findings (absence is unknown there).
/// `settings_level` says whether evidence is compared setting by setting (full content) or by
/// fingerprint only (metadata). Subjects are borrowed: only differences are copied out.
pub fn compare<'a>(
    baseline: &[SnapshotItem],
    baseline_ambiguous: &[AmbiguousSubject],
    target: impl IntoIterator<Item = &'a TargetSubject>,
    types: &BTreeMap<String, TypeRead>,
    settings_level: bool,
) -> Comparison {
    let mut by_key: HashMap<(&str, &str), Vec<&TargetSubject>> = HashMap::new();
    for subject in target {
        by_key
            .entry((subject.subject_type.as_str(), subject.subject_key.as_str()))
            .or_default()
            .push(subject);
    }
    let baseline_gaps: BTreeSet<&str> = baseline_ambiguous
        .iter()
        .map(|a| a.subject_key.as_str())
        .collect();
    let mut coverage: BTreeMap<String, TypeCoverage> = types
        .iter()
        .map(|(t, read)| {
            let coverage = match read {
                TypeRead::Unread => Coverage::Unsupported,
                TypeRead::Incomplete => Coverage::Partial,
                TypeRead::Complete if settings_level => Coverage::Full,
                TypeRead::Complete => Coverage::ReferenceOnly,
            };
            (
                t.clone(),
                TypeCoverage {
                    coverage,
                    compared: 0,
                    gaps: 0,
                },
            )
        })
        .collect();
    let mut result = Comparison {
        drift: Vec::new(),
        matched: 0,
        ambiguous: Vec::new(),
        coverage: BTreeMap::new(),
        unjudged: BTreeSet::new(),
        complete_types: types
            .iter()
            .filter(|(_, read)| **read == TypeRead::Complete)
            .map(|(t, _)| t.clone())
            .collect(),
    };
    let read_of = |t: &str| types.get(t).copied().unwrap_or(TypeRead::Unread);
    let gap = |result: &mut Comparison,
               coverage: &mut BTreeMap<String, TypeCoverage>,
               key: (&str, &str),
               t: &str| {
        result.unjudged.insert((key.0.to_owned(), key.1.to_owned()));
        if let Some(c) = coverage.get_mut(t) {
            c.gaps += 1;
            if c.coverage == Coverage::Full || c.coverage == Coverage::ReferenceOnly {
                c.coverage = Coverage::Partial;
            }
        }
    };

    for item in baseline {
        if !types.contains_key(&item.policy_type) {
            continue;
        }
        let key = (item.subject_type.as_str(), item.subject_key.as_str());
        match by_key.remove(&key).as_deref() {
            Some([one]) => match &one.hash {
                None => gap(&mut result, &mut coverage, key, &item.policy_type),
                Some(hash) => {
                    bump(&mut coverage, &item.policy_type);
                    if *hash == item.baseline_hash {
                        result.matched += 1;
                    } else {
                        result.drift.push(Drift {
                            subject_type: item.subject_type.clone(),
                            subject_key: item.subject_key.clone(),
                            policy_type: item.policy_type.clone(),
                            display_name: one.display_name.clone(),
                            kind: FindingKind::Drifted,
                            baseline_hash: Some(item.baseline_hash.clone()),
                            tenant_hash: Some(hash.clone()),
                            external_id: Some(one.external_id.clone()),
                        });
                    }
                }
            },
            Some(several) => {
                result.ambiguous.push(AmbiguousSubject {
                    subject_key: item.subject_key.clone(),
                    display_name: several[0].display_name.clone(),
                    count: several.len() as i64,
                });
                gap(&mut result, &mut coverage, key, &item.policy_type);
            }
            None if read_of(&item.policy_type) == TypeRead::Complete => {
                bump(&mut coverage, &item.policy_type);
                result.drift.push(Drift {
                    subject_type: item.subject_type.clone(),
                    subject_key: item.subject_key.clone(),
                    policy_type: item.policy_type.clone(),
                    display_name: item_name(item),
                    kind: FindingKind::Missing,
                    baseline_hash: Some(item.baseline_hash.clone()),
                    tenant_hash: None,
                    external_id: None,
                });
            }
            None => gap(&mut result, &mut coverage, key, &item.policy_type),
        }
    }

    // What is left exists only in the tenant.
    let mut rest: Vec<_> = by_key.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, subjects) in rest {
        let policy_type = subjects[0].policy_type.as_str();
        if !types.contains_key(policy_type) {
            continue;
        }
        if subjects.len() > 1 {
            result.ambiguous.push(AmbiguousSubject {
                subject_key: key.1.to_owned(),
                display_name: subjects[0].display_name.clone(),
                count: subjects.len() as i64,
            });
            gap(&mut result, &mut coverage, key, policy_type);
            continue;
        }
        // The baseline had several objects by this name (which one this is, is unknown), or
        // the tenant's fingerprint is unknown.
        if baseline_gaps.contains(key.1) || subjects[0].hash.is_none() {
            gap(&mut result, &mut coverage, key, policy_type);
            continue;
        }
        let one = subjects[0];
        bump(&mut coverage, policy_type);
        result.drift.push(Drift {
            subject_type: one.subject_type.clone(),
            subject_key: one.subject_key.clone(),
            policy_type: one.policy_type.clone(),
            display_name: one.display_name.clone(),
            kind: FindingKind::Unexpected,
            baseline_hash: None,
            tenant_hash: one.hash.clone(),
            external_id: Some(one.external_id.clone()),
        });
    }
    for gap_key in baseline_ambiguous {
        let policy_type = gap_key.subject_key.split(':').next().unwrap_or_default();
        let key = (
            crate::baseline::POLICY_SUBJECT,
            gap_key.subject_key.as_str(),
        );
        if result
            .unjudged
            .contains(&(key.0.to_owned(), key.1.to_owned()))
        {
            continue;
        }
        gap(&mut result, &mut coverage, key, policy_type);
    }
    result.coverage = coverage;
    result
}

fn bump(coverage: &mut BTreeMap<String, TypeCoverage>, policy_type: &str) {
    if let Some(c) = coverage.get_mut(policy_type) {
        c.compared += 1;
    }
}

/// The display name a snapshot recorded for its item (its key when none was recorded).
pub fn item_name(item: &SnapshotItem) -> String {
    item.meta
        .get("display_name")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| item.subject_key.clone())
}

/// The setting-level evidence of a finding, secrets already masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingEvidence {
    /// Settings that differ, side by side (baseline value, tenant value); empty when the
    /// comparison was by fingerprint only.
    pub rows: Vec<DiffRow>,
    /// True when the snapshot holds fingerprints only (a metadata capture): the difference is
    /// known, the settings are not.
    pub reference_only: bool,
}

/// A finding without its evidence: what lists show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct FindingSummary {
    pub id: FindingId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    pub profile_id: BaselineProfileId,
    pub subject_type: String,
    pub subject_key: String,
    pub policy_type: String,
    pub display_name: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub status: FindingStatus,
    /// Identifies the evidence: an acknowledgement holds while it stays the same.
    pub evidence_hash: String,
    pub first_seen_run_id: Option<RunId>,
    pub last_seen_run_id: Option<RunId>,
    pub first_seen_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub resolved_at: Option<Timestamp>,
    pub resolved_by_run_id: Option<RunId>,
    pub acknowledged_at: Option<Timestamp>,
    pub acknowledged_by: Option<UserId>,
    pub ack_note: Option<String>,
    pub updated_at: Timestamp,
}

/// A finding with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    #[serde(flatten)]
    pub summary: FindingSummary,
    pub evidence: FindingEvidence,
}

/// One entry of a finding's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct FindingEvent {
    pub at: Timestamp,
    pub action: FindingAction,
    /// The compare that caused it, for automatic changes.
    pub run_id: Option<RunId>,
    /// The operator, for acknowledgements and reopenings.
    pub actor_user_id: Option<UserId>,
    pub note: Option<String>,
}

/// Which findings a list shows; empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FindingFilter {
    pub tenants: Vec<TenantId>,
    pub statuses: Vec<FindingStatus>,
    pub severities: Vec<Severity>,
    pub kinds: Vec<FindingKind>,
    pub policy_types: Vec<String>,
    pub profiles: Vec<BaselineProfileId>,
    /// Part of the subject's display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub search: Option<String>,
    pub offset: i64,
    /// At most 500; 100 when absent or zero.
    pub limit: i64,
}

/// How many findings of each severity (open and acknowledged, unless a filter says otherwise).
pub type SeverityCounts = BTreeMap<Severity, i64>;

/// The rank that orders findings by importance (info 0 … critical 4).
pub fn severity_rank(severity: Severity) -> i64 {
    Severity::ALL
        .iter()
        .position(|s| *s == severity)
        .unwrap_or_default() as i64
}

impl Finding {
    /// An acknowledgement note as entered: trimmed, required, bounded.
    pub fn checked_note(note: &str) -> Result<String, DomainError> {
        crate::text::entered("acknowledgement note", note, MAX_ACK_NOTE, true)
    }
}

/// What a compare does to one stored or new finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingChange {
    /// A new difference: a new open finding.
    Open(Drift),
    /// Still there; `action` says what to record in its history, if anything (an open
    /// finding whose evidence changed, or an acknowledged one reopened by new evidence, or a
    /// resolved one whose drift returned).
    Seen {
        id: FindingId,
        drift: Drift,
        status: FindingStatus,
        action: Option<FindingAction>,
    },
    /// No longer seen on a judged subject.
    Resolve { id: FindingId },
}

/// What a stored finding needs for the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFinding {
    pub id: FindingId,
    pub subject_type: String,
    pub subject_key: String,
    pub policy_type: String,
    pub severity: Severity,
    pub status: FindingStatus,
    pub evidence_hash: String,
}

/// Decides what a compare does to the tenant's findings (SPEC §6.5): new drift opens, drift
/// that returns reopens, acknowledged findings stay acknowledged while their evidence is the
/// same and reopen when it changes, and unresolved findings that are no longer different
/// resolve — when their type was read completely and their subject could be judged. Findings of
/// subjects the compare could not judge are untouched.
pub fn reconcile(comparison: &Comparison, stored: &[StoredFinding]) -> Vec<FindingChange> {
    let by_key: HashMap<(&str, &str), &StoredFinding> = stored
        .iter()
        .map(|f| ((f.subject_type.as_str(), f.subject_key.as_str()), f))
        .collect();
    let mut changes = Vec::new();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for drift in &comparison.drift {
        let key = (drift.subject_type.as_str(), drift.subject_key.as_str());
        seen.insert(key);
        let Some(found) = by_key.get(&key) else {
            changes.push(FindingChange::Open(drift.clone()));
            continue;
        };
        let same = found.evidence_hash == drift.evidence_hash();
        let (status, action) = match (found.status, same) {
            (FindingStatus::Open, true) => (FindingStatus::Open, None),
            (FindingStatus::Open, false) => {
                (FindingStatus::Open, Some(FindingAction::EvidenceChanged))
            }
            (FindingStatus::Acknowledged, true) => (FindingStatus::Acknowledged, None),
            (FindingStatus::Acknowledged, false) | (FindingStatus::Resolved, _) => {
                (FindingStatus::Open, Some(FindingAction::Reopened))
            }
        };
        changes.push(FindingChange::Seen {
            id: found.id,
            drift: drift.clone(),
            status,
            action,
        });
    }
    for found in stored {
        let key = (found.subject_type.as_str(), found.subject_key.as_str());
        let judged = comparison.complete_types.contains(&found.policy_type)
            && !comparison
                .unjudged
                .contains(&(found.subject_type.clone(), found.subject_key.clone()));
        if found.status != FindingStatus::Resolved && judged && !seen.contains(&key) {
            changes.push(FindingChange::Resolve { id: found.id });
        }
    }
    changes
}

#[cfg(test)]
mod tests;
