//! A baseline snapshot made from an imported backup (SPEC §6.7). Its items are built exactly as
//! a full-content capture builds them (the same subject keys, configuration and hash), each
//! pointing at the version the import holds; but no capture run proves it complete, so its
//! lifecycle comes from the decision table over what the backup itself proves, and the rule
//! that decided is recorded with it. Only a complete one becomes the profile's current
//! snapshot.

use atlas_domain::{
    BaselineProfile, BaselineSnapshot, BaselineSnapshotId, CaptureMode, CompletionProof,
    HistoryEvidence, ItemPlan, PolicyVersionId, ProofRule, ReasonCode, SnapshotState, Tenant,
    Timestamp,
};
use atlas_graph::{ObjectContent, ObjectType};
use atlas_store::{baselines, Db, StoreError};

use crate::subjects;

/// One object the import stored, with the version holding it.
#[derive(Debug, Clone)]
pub struct ImportedObject {
    pub object_type: &'static ObjectType,
    pub object: ObjectContent,
    pub version_id: PolicyVersionId,
}

/// What was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportedSnapshot {
    pub snapshot_id: BaselineSnapshotId,
    pub state: SnapshotState,
    pub rule: ProofRule,
    pub items: i64,
}

/// Why a snapshot cannot be made from an import for this profile.
pub fn refusal(profile: &BaselineProfile, source: &Tenant) -> Option<String> {
    if profile.source_tenant_id != Some(source.id) {
        return Some(format!(
            "The baseline profile '{}' captures another tenant; a snapshot from this import can \
             only be made for a profile whose source tenant is {}.",
            profile.name, source.display_name
        ));
    }
    if profile.capture_mode != CaptureMode::FullContent {
        return Some(format!(
            "The baseline profile '{}' captures names and fingerprints only; a snapshot from an \
             import holds full content, so choose a full-content profile.",
            profile.name
        ));
    }
    None
}

/// Makes the snapshot in `db` (the import's transaction). `evidence` is what the backup proves
/// about itself; items not stored count as gaps. Subjects several objects share are left out
/// and recorded, as a capture does.
pub async fn snapshot_from_import(
    db: &mut impl Db,
    profile: &BaselineProfile,
    source: &Tenant,
    objects: Vec<ImportedObject>,
    mut evidence: HistoryEvidence,
    now: Timestamp,
) -> Result<ImportedSnapshot, StoreError> {
    let in_scope = subjects::scope_types(&profile.scope);
    let candidates = objects
        .into_iter()
        .filter(|o| in_scope.iter().any(|t| t.key == o.object_type.key))
        .filter_map(|o| {
            let mut item = subjects::of_imported(o.object_type, o.object).into_item()?;
            item.version_id = Some(o.version_id);
            Some(item)
        })
        .collect();
    let plan = ItemPlan::from_candidates(candidates);
    let snapshot = BaselineSnapshot {
        id: BaselineSnapshotId::new(),
        workspace_id: profile.workspace_id,
        profile_id: profile.id,
        source_tenant_id: source.id,
        capture_mode: CaptureMode::FullContent,
        state: SnapshotState::Building,
        identity_hash: plan.identity_hash(profile, source.id),
        producer_run_id: None,
        proof: None,
        ambiguous: plan.ambiguous.clone(),
        failure_reason: None,
        failed_at: None,
        created_at: now,
        completed_at: None,
        proof_rule: None,
    };
    baselines::insert_building_snapshot(db, &snapshot).await?;
    baselines::insert_items(db, snapshot.id, &plan.items).await?;
    let persisted = baselines::count_items(db, snapshot.id).await?;
    let expected = plan.items.len() as i64;
    evidence.gaps |= persisted != expected;
    let (state, rule) = evidence.classify();
    baselines::set_proof_rule(db, snapshot.id, rule).await?;
    if state == SnapshotState::Complete {
        let proof = CompletionProof {
            expected_items: expected,
            persisted_items: persisted,
            was_empty_capture: expected == 0,
        };
        baselines::complete_snapshot(db, snapshot.id, &proof, now).await?;
        baselines::set_current_snapshot(db, profile.id, snapshot.id, now).await?;
    } else {
        baselines::fail_snapshot(
            db,
            snapshot.id,
            ReasonCode::SnapshotImportedWithoutProof,
            now,
        )
        .await?;
    }
    Ok(ImportedSnapshot {
        snapshot_id: snapshot.id,
        state,
        rule,
        items: persisted,
    })
}
