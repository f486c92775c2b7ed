//! Which stored versions of a tenant an export reads: the newest of every object still in the
//! tenant, one finished backup set, or a full-content baseline snapshot captured from it — with
//! the words that name the choice in what is written.

use atlas_domain::{
    BackupSetId, BackupSetStatus, BaselineSnapshotId, CaptureMode, PolicyVersion, Tenant,
};
use atlas_store::{backup_sets, baselines, policy_versions, Db};

use crate::{ApiError, ErrorCode};

/// The versions chosen, and "the latest versions" / "the backup set of …" for the output.
pub(crate) struct ChosenVersions {
    pub versions: Vec<PolicyVersion>,
    pub description: String,
}

/// Reads the versions `set` or `snapshot` (at most one) names, or the latest ones. A set or
/// snapshot of another tenant is not found; a set still being captured, a metadata-only
/// snapshot and a tenant with nothing stored are refused with the next step.
pub(crate) async fn choose(
    db: &mut impl Db,
    tenant: &Tenant,
    set: Option<BackupSetId>,
    snapshot: Option<BaselineSnapshotId>,
) -> Result<ChosenVersions, ApiError> {
    let (versions, description) = match (set, snapshot) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "Choose a backup set or a baseline snapshot, not both at once.",
            ))
        }
        (Some(id), None) => {
            let set = backup_sets::get(db, id)
                .await?
                .filter(|s| s.tenant_id == tenant.id)
                .ok_or_else(|| ApiError::not_found("Backup set"))?;
            if set.status == BackupSetStatus::Capturing {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "The backup set is still being captured; export it once it is finished.",
                ));
            }
            let when = set.created_at.as_datetime().format("%Y-%m-%d %H:%M UTC");
            let versions = policy_versions::of_backup_set(db, id).await?;
            (
                versions,
                format!("the backup set of {when} ({})", set.status),
            )
        }
        (None, Some(id)) => {
            let snapshot = baselines::get_snapshot(db, id)
                .await?
                .filter(|s| s.source_tenant_id == tenant.id)
                .ok_or_else(|| ApiError::not_found("Baseline snapshot"))?;
            if snapshot.capture_mode != CaptureMode::FullContent {
                return Err(ApiError::invalid(
                    "This baseline snapshot holds names and hashes only (a metadata capture): \
                     choose a full-content snapshot, a backup set or the latest versions.",
                ));
            }
            let when = snapshot
                .created_at
                .as_datetime()
                .format("%Y-%m-%d %H:%M UTC");
            let versions = policy_versions::of_baseline_snapshot(db, id).await?;
            (
                versions,
                format!("the baseline snapshot of {when} ({})", snapshot.state),
            )
        }
        (None, None) => {
            let versions = policy_versions::latest_of_tenant(db, tenant.id).await?;
            if versions.is_empty() {
                return Err(ApiError::invalid(format!(
                    "Nothing of {} is stored yet: sync its policies or back it up first.",
                    tenant.display_name
                )));
            }
            (versions, "the latest versions".to_owned())
        }
    };
    Ok(ChosenVersions {
        versions,
        description,
    })
}
