//! Baselines (SPEC §6): workspace-owned profiles that say what "good" looks like, captured as
//! snapshots from a source tenant. The rules here are pure: which status changes a profile may
//! make, when a snapshot counts as captured (its completion proof) and which snapshot a compare
//! may use (the one "consumable" helper every surface asks).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{
    codes::code_enum, finding::SeverityRule, reasons::ReasonCode, text, BaselineProfileId,
    BaselineSnapshotId, DomainError, PolicyVersionId, RunId, TenantId, Timestamp, WorkspaceId,
};

code_enum! {
    /// Where a profile is in its life. Only active profiles capture and compare.
    pub enum BaselineStatus as "baseline_status" {
        Draft => "draft",
        Active => "active",
        /// Kept for history; never captures or compares again.
        Archived => "archived",
    }
}

code_enum! {
    /// What a capture records of each policy.
    pub enum CaptureMode as "capture_mode" {
        /// The inventory's metadata hash of each object (no Graph reads at capture).
        Meta => "meta",
        /// Each policy's normalised full content, read fresh through Graph.
        FullContent => "full_content",
    }
}

code_enum! {
    /// A snapshot's own lifecycle (artifact truth, separate from its run's).
    pub enum SnapshotState as "snapshot_state" {
        /// Created before any item is written; items are being added.
        Building => "building",
        /// The completion proof passed; final.
        Complete => "complete",
        /// The capture failed after the snapshot existed; final, never consumable.
        Incomplete => "incomplete",
    }
}

impl BaselineStatus {
    /// The status changes an operator may make: draft → active → archived (a draft may also be
    /// archived unused). Archived is final.
    pub fn can_become(self, next: BaselineStatus) -> bool {
        use BaselineStatus::*;
        matches!(
            (self, next),
            (Draft, Active) | (Draft, Archived) | (Active, Archived)
        )
    }
}

/// The longest profile name accepted.
pub const MAX_PROFILE_NAME: usize = 120;
/// The longest profile description accepted.
pub const MAX_PROFILE_DESCRIPTION: usize = 2_000;

/// A baseline profile (SPEC §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct BaselineProfile {
    pub id: BaselineProfileId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub description: String,
    pub status: BaselineStatus,
    pub capture_mode: CaptureMode,
    /// Catalog policy type keys the profile covers; empty means every policy type.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub scope: Vec<String>,
    /// The tenant captures read from, once chosen.
    pub source_tenant_id: Option<TenantId>,
    /// The effective snapshot: the latest complete one. Only ever set to a complete snapshot.
    pub current_snapshot_id: Option<BaselineSnapshotId>,
    /// The profile's own severity rules, first match wins; the product's table otherwise.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub severity_rules: Vec<SeverityRule>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl BaselineProfile {
    /// A name as entered: trimmed, non-empty, not too long.
    pub fn checked_name(name: &str) -> Result<String, DomainError> {
        text::entered("profile name", name, MAX_PROFILE_NAME, true)
    }

    /// A description as entered: trimmed, not too long (empty is fine).
    pub fn checked_description(description: &str) -> Result<String, DomainError> {
        text::entered(
            "profile description",
            description,
            MAX_PROFILE_DESCRIPTION,
            false,
        )
    }
}

/// What a finished capture proved about itself (SPEC §6.2), recorded with the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompletionProof {
    /// De-duplicated items the capture meant to write.
    pub expected_items: i64,
    /// Items actually stored for the snapshot.
    pub persisted_items: i64,
    /// The capture found nothing in scope, and said so deliberately.
    pub was_empty_capture: bool,
}

impl CompletionProof {
    /// The proof passes only when every expected item is stored and nothing failed on the way.
    pub fn passes(&self, assembly_error: bool) -> bool {
        !assembly_error
            && self.expected_items == self.persisted_items
            && (self.persisted_items > 0 || self.was_empty_capture)
    }
}

/// One capture of a profile's source tenant (SPEC §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineSnapshot {
    pub id: BaselineSnapshotId,
    pub workspace_id: WorkspaceId,
    pub profile_id: BaselineProfileId,
    pub source_tenant_id: TenantId,
    pub capture_mode: CaptureMode,
    pub state: SnapshotState,
    /// What makes two captures the same: a complete snapshot with the same identity is reused.
    pub identity_hash: String,
    /// The run that produced it.
    pub producer_run_id: Option<RunId>,
    /// Recorded when the snapshot became complete.
    pub proof: Option<CompletionProof>,
    /// Subject keys left out because several source objects share them (evidence gaps).
    pub ambiguous: Vec<AmbiguousSubject>,
    /// Why it is incomplete.
    pub failure_reason: Option<ReasonCode>,
    pub failed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
    /// For a snapshot that arrived without its own completion proof (made from an imported
    /// backup): the §6.7 rule that decided its lifecycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub proof_rule: Option<crate::ProofRule>,
}

/// What a snapshot recorded of one subject (a policy of the source tenant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct SnapshotItem {
    /// What kind of subject (`policy` today).
    pub subject_type: String,
    /// How subjects match across tenants: policy type and normalised display name.
    pub subject_key: String,
    /// The catalog type key.
    pub policy_type: String,
    /// The inventory hash (`meta`) or the normalised content hash (`full_content`).
    pub baseline_hash: String,
    /// Small facts for display: display name, platform, settings count.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub meta: serde_json::Value,
    /// The normalised content without secrets (`full_content` captures only).
    #[cfg_attr(feature = "sqlx", sqlx(json(nullable)))]
    pub content: Option<serde_json::Value>,
    /// The policy version holding the object as it was read (`full_content` captures): what a
    /// remediating restore writes. None for metadata captures and older snapshots.
    #[cfg_attr(feature = "sqlx", sqlx(default))]
    pub version_id: Option<PolicyVersionId>,
}

/// The kind of subject a policy is.
pub const POLICY_SUBJECT: &str = "policy";

/// How a policy is recognised across tenants (SPEC §6.4): its type and its display name,
/// trimmed, with runs of white space as one space and Unicode lower case — object ids differ
/// between tenants, names are what an MSP keeps aligned.
pub fn subject_key(policy_type: &str, display_name: &str) -> String {
    // One pass, one allocation: compares call this for every subject of every tenant.
    let mut key = String::with_capacity(policy_type.len() + 1 + display_name.len());
    key.push_str(policy_type);
    key.push(':');
    for (i, word) in display_name.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        for c in word.chars() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// A subject key that more than one object of one tenant shares: an evidence gap, reported and
/// never guessed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AmbiguousSubject {
    pub subject_key: String,
    /// The name as one of the objects spells it (the key is lower case).
    #[serde(default)]
    pub display_name: String,
    /// How many objects share it.
    pub count: i64,
}

/// What a capture will write: one item per unambiguous subject, in key order, and the subjects
/// left out because several objects share their key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPlan {
    pub items: Vec<SnapshotItem>,
    pub ambiguous: Vec<AmbiguousSubject>,
}

impl ItemPlan {
    /// Sorts candidates by subject and sets aside every key more than one candidate has.
    pub fn from_candidates(mut candidates: Vec<SnapshotItem>) -> Self {
        candidates.sort_by(|a, b| {
            (&a.subject_type, &a.subject_key).cmp(&(&b.subject_type, &b.subject_key))
        });
        let mut items = Vec::with_capacity(candidates.len());
        let mut ambiguous = Vec::new();
        let mut rest = candidates.into_iter().peekable();
        while let Some(item) = rest.next() {
            let mut count = 1;
            while rest.peek().is_some_and(|next| {
                next.subject_type == item.subject_type && next.subject_key == item.subject_key
            }) {
                rest.next();
                count += 1;
            }
            if count == 1 {
                items.push(item);
            } else {
                ambiguous.push(AmbiguousSubject {
                    display_name: crate::finding::item_name(&item),
                    subject_key: item.subject_key,
                    count,
                });
            }
        }
        Self { items, ambiguous }
    }

    /// What makes two captures the same (SPEC §6.2): the profile, how and from where it
    /// captures, and every planned subject with its hash. A complete snapshot with this
    /// identity is reused instead of captured again.
    pub fn identity_hash(&self, profile: &BaselineProfile, source: TenantId) -> String {
        let mut hasher = Sha256::new();
        let mut field = |text: &str| {
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        };
        field(&profile.id.to_string());
        field(profile.capture_mode.code());
        field(&profile.scope.join(","));
        field(&source.to_string());
        for item in &self.items {
            field(&item.subject_type);
            field(&item.subject_key);
            field(&item.baseline_hash);
        }
        for gap in &self.ambiguous {
            field(&gap.subject_key);
        }
        format!("{:x}", hasher.finalize())
    }
}

/// The one helper that decides whether a snapshot may be compared against (SPEC §6.3).
pub fn is_consumable(snapshot: &BaselineSnapshot) -> bool {
    snapshot.state == SnapshotState::Complete
}

code_enum! {
    /// Where a complete snapshot stands next to its profile (derived for display, never
    /// stored): the one compares use, or an older one kept as history.
    pub enum SnapshotStanding as "snapshot_standing" {
        Current => "current",
        Superseded => "superseded",
    }
}

/// The standing of a complete snapshot; none for a building or incomplete one.
pub fn standing(
    snapshot: &BaselineSnapshot,
    profile: &BaselineProfile,
) -> Option<SnapshotStanding> {
    if !is_consumable(snapshot) {
        return None;
    }
    Some(if is_superseded(snapshot, profile) {
        SnapshotStanding::Superseded
    } else {
        SnapshotStanding::Current
    })
}

/// How a snapshot reads next to its profile: a complete snapshot that is no longer the
/// profile's current one is superseded (derived for display, never stored).
pub fn is_superseded(snapshot: &BaselineSnapshot, profile: &BaselineProfile) -> bool {
    is_consumable(snapshot) && profile.current_snapshot_id != Some(snapshot.id)
}

/// The snapshot a compare of a tenant may use, or why it may not run (SPEC §6.4) — checked
/// before the run is queued and again inside it. `profile` is the tenant's assigned profile,
/// `chosen` a snapshot the operator picked (none: the profile's current one), `current` the
/// profile's current snapshot as stored.
pub fn compare_guard<'a>(
    profile: Option<&BaselineProfile>,
    chosen: Option<&'a BaselineSnapshot>,
    current: Option<&'a BaselineSnapshot>,
) -> Result<&'a BaselineSnapshot, ReasonCode> {
    let profile = profile.ok_or(ReasonCode::CompareNoAssignment)?;
    if profile.status != BaselineStatus::Active {
        return Err(ReasonCode::CompareProfileNotActive);
    }
    match chosen {
        Some(snapshot) if snapshot.profile_id != profile.id => {
            Err(ReasonCode::CompareInvalidSnapshot)
        }
        Some(snapshot) => match snapshot.state {
            SnapshotState::Building => Err(ReasonCode::CompareSnapshotBuilding),
            SnapshotState::Incomplete => Err(ReasonCode::CompareSnapshotIncomplete),
            SnapshotState::Complete if is_superseded(snapshot, profile) => {
                Err(ReasonCode::CompareSnapshotSuperseded)
            }
            SnapshotState::Complete => Ok(snapshot),
        },
        None => current
            .filter(|s| Some(s.id) == profile.current_snapshot_id && is_consumable(s))
            .ok_or(ReasonCode::CompareNoConsumableSnapshot),
    }
}

/// What a profile's surfaces show about its snapshots (SPEC §6.3): the current (effective)
/// snapshot, the latest attempt when it is another one, and whether a compare can run now —
/// with the reason and the operator's next step when it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineReadiness {
    pub current: Option<BaselineSnapshot>,
    /// The newest snapshot, when it is not the current one (building, incomplete, or a newer
    /// complete one not yet pointed at).
    pub latest_attempt: Option<BaselineSnapshot>,
    /// Why a compare against this profile would be refused now; none when it is ready.
    pub blocked_by: Option<ReasonCode>,
    /// The operator's next step: what to do about `blocked_by`, or that compares can run.
    pub next_step: String,
}

/// The readiness of `profile` given its snapshots (any order).
pub fn readiness(profile: &BaselineProfile, snapshots: &[BaselineSnapshot]) -> BaselineReadiness {
    let current = profile
        .current_snapshot_id
        .and_then(|id| snapshots.iter().find(|s| s.id == id))
        .cloned();
    let latest = snapshots
        .iter()
        .max_by_key(|s| (s.created_at, s.id))
        .filter(|s| Some(s.id) != profile.current_snapshot_id)
        .cloned();
    let blocked_by = compare_guard(Some(profile), None, current.as_ref()).err();
    let next_step = match blocked_by {
        Some(code) => code.text().next_steps.to_owned(),
        None => "Compare the assigned tenants against the current snapshot.".to_owned(),
    };
    BaselineReadiness {
        current,
        latest_attempt: latest,
        blocked_by,
        next_step,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_names_the_current_snapshot_the_latest_attempt_and_the_next_step() {
        let mut profile = active_profile();
        let mut complete = snapshot_of(&profile, SnapshotState::Complete);
        complete.created_at = Timestamp::from_unix_millis(1_000).unwrap();
        let mut failed = snapshot_of(&profile, SnapshotState::Incomplete);
        failed.created_at = Timestamp::from_unix_millis(2_000).unwrap();
        let r = readiness(&profile, &[complete.clone(), failed.clone()]);
        assert_eq!(r.blocked_by, Some(ReasonCode::CompareNoConsumableSnapshot));
        assert!(r.next_step.contains("Capture"));
        profile.current_snapshot_id = Some(complete.id);
        let r = readiness(&profile, &[failed.clone(), complete.clone()]);
        assert_eq!(r.blocked_by, None);
        assert_eq!(r.current.map(|s| s.id), Some(complete.id));
        assert_eq!(r.latest_attempt.map(|s| s.id), Some(failed.id));
        let r = readiness(&profile, std::slice::from_ref(&complete));
        assert_eq!(
            r.latest_attempt, None,
            "the latest attempt is the current one"
        );
    }

    #[test]
    fn profiles_move_forward_only() {
        use BaselineStatus::*;
        assert!(Draft.can_become(Active));
        assert!(Active.can_become(Archived));
        assert!(Draft.can_become(Archived));
        for status in BaselineStatus::ALL {
            assert!(!Archived.can_become(*status), "archived is final");
            assert!(
                !status.can_become(*status),
                "{status} to itself is no change"
            );
        }
        assert!(!Active.can_become(Draft));
    }

    #[test]
    fn the_completion_proof_needs_every_item_and_no_error() {
        let proof = |expected, persisted, empty| CompletionProof {
            expected_items: expected,
            persisted_items: persisted,
            was_empty_capture: empty,
        };
        assert!(proof(12, 12, false).passes(false));
        assert!(!proof(12, 11, false).passes(false), "an item is missing");
        assert!(
            !proof(12, 12, false).passes(true),
            "an assembly error remains"
        );
        assert!(
            !proof(0, 0, false).passes(false),
            "nothing stored is not proof"
        );
        assert!(
            proof(0, 0, true).passes(false),
            "a deliberately empty capture"
        );
    }

    fn candidate(policy_type: &str, name: &str, hash: &str) -> SnapshotItem {
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

    #[test]
    fn subjects_match_by_type_and_normalised_name() {
        assert_eq!(
            subject_key("settings_catalog", "  Windows   BitLocker "),
            "settings_catalog:windows bitlocker"
        );
        assert_eq!(
            subject_key("settings_catalog", "ÄRZTE Policy"),
            subject_key("settings_catalog", "ärzte policy")
        );
        assert_ne!(
            subject_key("settings_catalog", "Defender"),
            subject_key("compliance_policy", "Defender")
        );
    }

    #[test]
    fn shared_keys_are_set_aside_never_guessed() {
        let plan = ItemPlan::from_candidates(vec![
            candidate("settings_catalog", "Firewall", "f"),
            candidate("settings_catalog", "Defender", "d1"),
            candidate("compliance_policy", "Defender", "c"),
            candidate("settings_catalog", "defender ", "d2"),
        ]);
        let keys: Vec<_> = plan.items.iter().map(|i| i.subject_key.as_str()).collect();
        assert_eq!(
            keys,
            ["compliance_policy:defender", "settings_catalog:firewall"]
        );
        assert_eq!(
            plan.ambiguous,
            [AmbiguousSubject {
                subject_key: "settings_catalog:defender".into(),
                display_name: "Defender".into(),
                count: 2
            }]
        );
    }

    #[test]
    fn the_identity_follows_the_profile_the_source_and_every_hash() {
        let profile = BaselineProfile {
            id: BaselineProfileId::new(),
            workspace_id: WorkspaceId::new(),
            name: "Windows".into(),
            description: String::new(),
            status: BaselineStatus::Active,
            capture_mode: CaptureMode::Meta,
            scope: vec![],
            source_tenant_id: None,
            current_snapshot_id: None,
            severity_rules: vec![],
            created_at: Timestamp::now(),
            updated_at: Timestamp::now(),
        };
        let source = TenantId::new();
        let plan = |hash: &str| {
            ItemPlan::from_candidates(vec![
                candidate("settings_catalog", "Firewall", "f"),
                candidate("settings_catalog", "Defender", hash),
            ])
        };
        let reordered = ItemPlan::from_candidates(vec![
            candidate("settings_catalog", "Defender", "d"),
            candidate("settings_catalog", "Firewall", "f"),
        ]);
        let same = plan("d").identity_hash(&profile, source);
        assert_eq!(
            same,
            reordered.identity_hash(&profile, source),
            "order does not matter"
        );
        assert_eq!(same.len(), 64);
        assert_ne!(
            same,
            plan("d2").identity_hash(&profile, source),
            "a changed policy"
        );
        assert_ne!(
            same,
            plan("d").identity_hash(&profile, TenantId::new()),
            "another source"
        );
        let full = BaselineProfile {
            capture_mode: CaptureMode::FullContent,
            ..profile.clone()
        };
        assert_ne!(same, plan("d").identity_hash(&full, source), "another mode");
    }

    fn active_profile() -> BaselineProfile {
        BaselineProfile {
            id: BaselineProfileId::new(),
            workspace_id: WorkspaceId::new(),
            name: "Windows".into(),
            description: String::new(),
            status: BaselineStatus::Active,
            capture_mode: CaptureMode::Meta,
            scope: vec![],
            source_tenant_id: Some(TenantId::new()),
            current_snapshot_id: None,
            severity_rules: vec![],
            created_at: Timestamp::now(),
            updated_at: Timestamp::now(),
        }
    }

    fn snapshot_of(profile: &BaselineProfile, state: SnapshotState) -> BaselineSnapshot {
        BaselineSnapshot {
            id: BaselineSnapshotId::new(),
            workspace_id: profile.workspace_id,
            profile_id: profile.id,
            source_tenant_id: TenantId::new(),
            capture_mode: profile.capture_mode,
            state,
            identity_hash: "h".into(),
            producer_run_id: None,
            proof: None,
            ambiguous: vec![],
            failure_reason: None,
            failed_at: None,
            created_at: Timestamp::now(),
            completed_at: None,
            proof_rule: None,
        }
    }

    #[test]
    fn a_compare_is_refused_for_each_reason_and_otherwise_uses_the_current_snapshot() {
        use ReasonCode as R;
        let mut profile = active_profile();
        let current = snapshot_of(&profile, SnapshotState::Complete);
        let older = snapshot_of(&profile, SnapshotState::Complete);
        let building = snapshot_of(&profile, SnapshotState::Building);
        let broken = snapshot_of(&profile, SnapshotState::Incomplete);
        let foreign = snapshot_of(&active_profile(), SnapshotState::Complete);
        let guard = |p: &BaselineProfile, chosen, current| {
            compare_guard(Some(p), chosen, current).map(|s| s.id)
        };

        assert_eq!(
            compare_guard(None, None, None).unwrap_err(),
            R::CompareNoAssignment
        );
        assert_eq!(
            guard(&profile, None, None),
            Err(R::CompareNoConsumableSnapshot)
        );
        profile.current_snapshot_id = Some(current.id);
        assert_eq!(guard(&profile, None, Some(&current)), Ok(current.id));
        assert_eq!(
            guard(&profile, Some(&current), Some(&current)),
            Ok(current.id)
        );
        assert_eq!(
            guard(&profile, Some(&older), Some(&current)),
            Err(R::CompareSnapshotSuperseded)
        );
        assert_eq!(
            guard(&profile, Some(&building), Some(&current)),
            Err(R::CompareSnapshotBuilding)
        );
        assert_eq!(
            guard(&profile, Some(&broken), Some(&current)),
            Err(R::CompareSnapshotIncomplete)
        );
        assert_eq!(
            guard(&profile, Some(&foreign), Some(&current)),
            Err(R::CompareInvalidSnapshot)
        );
        assert_eq!(
            guard(&profile, None, Some(&older)),
            Err(R::CompareNoConsumableSnapshot),
            "only the snapshot the profile points at is current"
        );
        for status in [BaselineStatus::Draft, BaselineStatus::Archived] {
            let inactive = BaselineProfile {
                status,
                ..profile.clone()
            };
            assert_eq!(
                guard(&inactive, None, Some(&current)),
                Err(R::CompareProfileNotActive)
            );
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            BaselineProfile::checked_name("  Windows baseline ").unwrap(),
            "Windows baseline"
        );
        assert!(BaselineProfile::checked_name("   ").is_err());
        let long = "x".repeat(MAX_PROFILE_NAME + 1);
        assert!(BaselineProfile::checked_name(&long)
            .unwrap_err()
            .to_string()
            .contains("too long"));
    }
}
