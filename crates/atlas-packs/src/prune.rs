//! The daily prune (SPEC §8.3 retention): ready packs past their retention become `expired`;
//! an expired pack's file is deleted once its grace period has passed; a pack whose request was
//! cut short before its run started is failed; and files in the exports folder that no pack
//! keeps (left by a crash between writing and recording) are removed. Every change is audited,
//! every step is idempotent, and `dry_run` reports without changing anything.

use std::path::{Path, PathBuf};
use std::time::Duration;

use atlas_domain::{audit::actions, AuditActor, AuditEntry, PackStatus, ReviewPackId, Timestamp};
use atlas_store::{audit, review_packs, Store, StoreError};
use serde::Serialize;

use crate::generate::{pack_file, PART, PARTIAL};

/// A queued pack with no run after this long was cut short (its run is started right after the
/// pack is recorded).
const ABANDONED_AFTER: Duration = Duration::from_secs(600);

/// What a prune did (or, dry, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct PruneReport {
    pub dry_run: bool,
    pub expired: Vec<ReviewPackId>,
    pub files_deleted: Vec<ReviewPackId>,
    pub abandoned: Vec<ReviewPackId>,
    pub stray_files: Vec<PathBuf>,
}

/// Prunes the packs of every workspace in the store, and the files in `packs_dir`.
pub async fn prune(
    store: &Store,
    packs_dir: &Path,
    now: Timestamp,
    dry_run: bool,
) -> Result<PruneReport, StoreError> {
    let mut report = PruneReport {
        dry_run,
        ..PruneReport::default()
    };
    let mut db = store.conn().await?;

    for pack in review_packs::expiring(&mut db, now).await? {
        if dry_run {
            report.expired.push(pack.id);
            continue;
        }
        let mut tx = store.begin().await?;
        if review_packs::move_status(
            &mut tx,
            pack.id,
            PackStatus::Ready,
            PackStatus::Expired,
            now,
        )
        .await?
        {
            audit::insert(
                &mut tx,
                &entry(
                    &pack,
                    actions::REVIEW_PACK_EXPIRED,
                    "Review pack expired",
                    now,
                ),
            )
            .await?;
            tx.commit().await?;
            report.expired.push(pack.id);
        }
    }

    for pack in review_packs::expired_with_files(&mut db).await? {
        let settings = review_packs::settings(&mut db, pack.workspace_id).await?;
        let expired_at = pack.expires_at.unwrap_or(pack.updated_at);
        if settings.file_kept_until(expired_at) > now {
            continue;
        }
        if dry_run {
            report.files_deleted.push(pack.id);
            continue;
        }
        match std::fs::remove_file(pack_file(packs_dir, pack.id)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(pack = %pack.id, error = %e, "an expired pack's file could not be deleted");
                continue;
            }
        }
        let mut tx = store.begin().await?;
        if review_packs::mark_file_deleted(&mut tx, pack.id, now).await? {
            audit::insert(
                &mut tx,
                &entry(
                    &pack,
                    actions::REVIEW_PACK_FILE_DELETED,
                    "Expired review pack's file deleted",
                    now,
                ),
            )
            .await?;
            tx.commit().await?;
            report.files_deleted.push(pack.id);
        }
    }

    let cutoff =
        Timestamp::from_unix_millis(now.unix_millis() - ABANDONED_AFTER.as_millis() as i64)
            .unwrap_or(now);
    for id in review_packs::orphaned_queued(&mut db, cutoff).await? {
        if dry_run {
            report.abandoned.push(id);
            continue;
        }
        let mut tx = store.begin().await?;
        let Some(pack) = review_packs::get(&mut tx, id).await? else {
            continue;
        };
        if review_packs::move_status(&mut tx, id, PackStatus::Queued, PackStatus::Failed, now)
            .await?
        {
            audit::insert(
                &mut tx,
                &entry(
                    &pack,
                    actions::REVIEW_PACK_ABANDONED,
                    "Review pack request cut short before its run started: failed",
                    now,
                ),
            )
            .await?;
            tx.commit().await?;
            report.abandoned.push(id);
        }
    }

    report.stray_files = stray_files(&mut db, packs_dir).await?;
    if !dry_run {
        report.stray_files.retain(|path| match std::fs::remove_file(path) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(file = %path.display(), error = %e, "a stray pack file could not be removed");
                false
            }
        });
    }
    Ok(report)
}

/// Files in `packs_dir` that no pack keeps: a finished file of a pack that is not ready (or
/// expired within grace), or a partial file (or part) of a pack no longer being written.
async fn stray_files(
    db: &mut atlas_store::Conn,
    packs_dir: &Path,
) -> Result<Vec<PathBuf>, StoreError> {
    let Ok(entries) = std::fs::read_dir(packs_dir) else {
        return Ok(Vec::new());
    };
    let mut finished: Vec<ReviewPackId> = Vec::new();
    let mut partial: Vec<(ReviewPackId, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(id) = [PARTIAL, PART]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .and_then(|s| s.parse().ok())
        {
            partial.push((id, entry.path()));
        } else if let Some(id) = name.strip_suffix(".zip").and_then(|s| s.parse().ok()) {
            finished.push(id);
        }
    }
    let kept = review_packs::keeping_files(db, &finished).await?;
    let mut stray: Vec<PathBuf> = finished
        .iter()
        .filter(|id| !kept.contains(id))
        .map(|id| pack_file(packs_dir, *id))
        .collect();
    for (id, path) in partial {
        let writing = review_packs::get(db, id)
            .await?
            .is_some_and(|p| p.status == PackStatus::Generating);
        if !writing {
            stray.push(path);
        }
    }
    stray.sort();
    Ok(stray)
}

fn entry(
    pack: &atlas_domain::ReviewPack,
    action: &str,
    summary: &str,
    at: Timestamp,
) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(pack.workspace_id),
        tenant_id: Some(pack.tenant_id),
        actor: AuditActor::System,
        action: action.into(),
        target_type: "review_pack".into(),
        target_id: Some(pack.id.to_string()),
        summary: summary.into(),
        metadata: serde_json::json!({
            "fingerprint": pack.fingerprint,
            "generated_at": pack.generated_at,
            "expires_at": pack.expires_at,
        }),
        created_at: at,
    }
}
