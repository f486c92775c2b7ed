//! Whether a capture or a compare may run, asked twice with the same code: by the command
//! surface before a run is queued (a refusal is recorded as a blocked run) and by the handler
//! when the run starts (something may have changed in between — a snapshot that became
//! incomplete, a profile archived meanwhile).

use atlas_domain::{
    baseline::compare_guard, BaselineProfile, BaselineSnapshot, BaselineSnapshotId, BaselineStatus,
    CaptureMode, OperationType, ReasonCode, Tenant,
};
use atlas_store::{baselines, runs, Db, StoreError};

/// Why work may not run, in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: ReasonCode,
    pub message: String,
}

impl Refusal {
    fn new(code: ReasonCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Why `profile` may not capture from `source` now, if it may not. The tenant's own state
/// (paused, archived, not connected) is the domain's one rule, `Tenant::work_refusal`.
pub async fn capture_refusal(
    db: &mut impl Db,
    profile: &BaselineProfile,
    source: &Tenant,
) -> Result<Option<Refusal>, StoreError> {
    if profile.status != BaselineStatus::Active {
        return Ok(Some(Refusal::new(
            ReasonCode::CaptureProfileNotActive,
            format!(
                "{} is {}; only an active baseline profile captures.",
                profile.name,
                profile.status.code()
            ),
        )));
    }
    if profile.source_tenant_id != Some(source.id) {
        return Ok(Some(Refusal::new(
            ReasonCode::CaptureNoSource,
            format!(
                "{} does not capture from {}; choose it as the profile's source tenant first.",
                profile.name, source.display_name
            ),
        )));
    }
    if let Some(refusal) = source.work_refusal() {
        return Ok(Some(Refusal::new(refusal.code, refusal.message)));
    }
    if profile.capture_mode == CaptureMode::Meta && !has_inventory(db, source).await? {
        return Ok(Some(Refusal::new(
            ReasonCode::CaptureSourceNotSynced,
            format!(
                "{} has no completed inventory sync yet; a metadata capture records its inventory. Sync its inventory, then capture.",
                source.display_name
            ),
        )));
    }
    Ok(None)
}

/// What a compare of a tenant uses: its profile and the snapshot to compare against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareTarget {
    pub profile: BaselineProfile,
    pub snapshot: BaselineSnapshot,
}

/// The profile and snapshot a compare of `tenant` would use, or why it may not run (SPEC §6.4:
/// every refusal reason of `compare_guard`, and a tenant that cannot be compared yet).
pub async fn compare_target(
    db: &mut impl Db,
    tenant: &Tenant,
    chosen: Option<BaselineSnapshotId>,
) -> Result<Result<CompareTarget, Refusal>, StoreError> {
    let profile = match baselines::assignment_of(db, tenant.id).await? {
        Some(id) => baselines::get_profile(db, id).await?,
        None => None,
    };
    let chosen = match chosen {
        Some(id) => match baselines::get_snapshot(db, id).await? {
            Some(snapshot) => Some(snapshot),
            None => {
                return Ok(Err(Refusal::new(
                    ReasonCode::CompareInvalidSnapshot,
                    "The chosen snapshot no longer exists.",
                )))
            }
        },
        None => None,
    };
    let current = match profile.as_ref().and_then(|p| p.current_snapshot_id) {
        Some(id) => baselines::get_snapshot(db, id).await?,
        None => None,
    };
    let snapshot = match compare_guard(profile.as_ref(), chosen.as_ref(), current.as_ref()) {
        Ok(snapshot) => snapshot.clone(),
        Err(code) => {
            return Ok(Err(Refusal::new(
                code,
                compare_message(code, tenant, profile.as_ref()),
            )))
        }
    };
    let profile = profile.expect("the guard passed, so there is a profile");
    if let Some(refusal) = tenant.work_refusal() {
        return Ok(Err(Refusal::new(refusal.code, refusal.message)));
    }
    if snapshot.capture_mode == CaptureMode::Meta && !has_inventory(db, tenant).await? {
        return Ok(Err(Refusal::new(
            ReasonCode::CompareTenantNotSynced,
            format!(
                "{} has no completed inventory sync yet; a metadata compare reads its inventory. Sync its inventory, then compare.",
                tenant.display_name
            ),
        )));
    }
    Ok(Ok(CompareTarget { profile, snapshot }))
}

/// The operator's sentence for a compare refusal, naming the tenant and profile.
fn compare_message(code: ReasonCode, tenant: &Tenant, profile: Option<&BaselineProfile>) -> String {
    let profile_name = profile.map(|p| p.name.as_str()).unwrap_or("its profile");
    let text = code.text();
    match code {
        ReasonCode::CompareNoAssignment => format!(
            "{} is not assigned to a baseline profile. {}",
            tenant.display_name, text.next_steps
        ),
        _ => format!("{profile_name}: {} {}", text.explanation, text.next_steps),
    }
}

/// Whether the tenant's inventory was synced (at least in part) at least once.
async fn has_inventory(db: &mut impl Db, tenant: &Tenant) -> Result<bool, StoreError> {
    Ok(
        runs::last_productive(db, tenant.id, OperationType::InventorySync)
            .await?
            .is_some(),
    )
}
