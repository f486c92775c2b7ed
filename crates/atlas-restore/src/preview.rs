//! The read-only preview (`restore.execute` with `dry_run`). It loads the source versions, reads
//! the target's current objects of those types through Graph (reads only), maps the source's
//! groups onto the target's from the directory caches, plans every object and stores the plan
//! with a hash of the target state it saw, so execution can refuse a target that changed since.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use atlas_domain::{
    summary::SummaryKey, BaselineSnapshotId, CaptureMode, GroupOverride, ItemOutcomeKind,
    PlanCounts, PolicyVersion, PolicyVersionId, ReasonCode, Restore, RestoreId, RestorePlan,
    RestoreSource, RestoreStatus, RunResult, SnapshotState,
};
use atlas_engine::{HandlerError, HandlerOutcome, RunContext};
use atlas_graph::ObjectType;
use atlas_store::{backup_sets, baselines, groups as group_cache, policy_versions, restores};
use atlas_sync::scope::{self, counts};
use atlas_sync::TenantGraph;

use crate::groups::{assigned_groups, map_groups, Group, Override};
use crate::handler::refused;
use crate::plan::{plan, plan_deletes, CreatedObject, SourceItem};
use crate::store_error;

/// Plans the restore read-only and stores the plan (see the module's comment).
pub(crate) async fn preview(
    graph: &dyn TenantGraph,
    ctx: RunContext,
    restore_id: RestoreId,
) -> Result<HandlerOutcome, HandlerError> {
    let began = Instant::now();
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let restore = restores::get(&mut db, restore_id)
        .await
        .map_err(store_error)?;
    let Some(restore) = restore.filter(|r| Some(r.tenant_id) == ctx.run.tenant_id) else {
        return Ok(refused(
            ReasonCode::RestoreNotReady,
            "The restore no longer exists.",
        ));
    };
    if !restores::set_preview_run(&mut db, restore.id, ctx.run.id)
        .await
        .map_err(store_error)?
    {
        return Ok(refused(
            ReasonCode::RestoreNotReady,
            format!(
                "The restore is {}, not waiting for its preview.",
                restore.status
            ),
        ));
    }
    let Sources {
        items: sources,
        created,
    } = match source_versions(&mut db, &restore).await? {
        Ok(sources) => sources,
        Err(why) => {
            restores::move_status(
                &mut db,
                restore.id,
                RestoreStatus::Planning,
                RestoreStatus::PreviewFailed,
            )
            .await
            .map_err(store_error)?;
            return Ok(refused(ReasonCode::RestoreSourceUnavailable, why));
        }
    };
    let ids: Vec<_> = sources
        .iter()
        .map(|s| s.version_id)
        .chain(created.iter().map(|c| c.version_id))
        .collect();
    restores::hold_versions(&mut db, restore.id, &ids, restores::VersionRole::Source)
        .await
        .map_err(store_error)?;
    drop(db);

    let scope = match scope::open(&ctx, graph).await? {
        Ok(scope) => scope,
        Err(blocked) => return Ok(blocked),
    };
    let keys: BTreeSet<&'static str> = sources
        .iter()
        .map(|s| s.object_type.key)
        .chain(created.iter().map(|c| c.object_type.key))
        .collect();
    let types: Vec<&'static ObjectType> = keys.into_iter().filter_map(ObjectType::find).collect();
    ctx.progress.set(SummaryKey::Total, types.len() as i64);
    let read_began = Instant::now();
    let read = crate::target::read(
        &ctx,
        &scope,
        restore.tenant_id,
        types,
        "The restore preview",
    )
    .await?;
    let read_time = read_began.elapsed();
    let (target, total) = match read {
        Ok(read) => read,
        Err(partial) => {
            // A target read only in part cannot say what a restore would do.
            let mut db = ctx.store.conn().await.map_err(store_error)?;
            restores::move_status(
                &mut db,
                restore.id,
                RestoreStatus::Planning,
                RestoreStatus::PreviewFailed,
            )
            .await
            .map_err(store_error)?;
            return Ok(scope::outcome(
                partial.failures,
                false,
                counts(&[
                    (SummaryKey::Total, partial.total),
                    (SummaryKey::Failed, partial.failed),
                ]),
                result(
                    &restore,
                    RestoreStatus::PreviewFailed,
                    PlanCounts::default(),
                ),
            ));
        }
    };

    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let choices = {
        let used: Vec<String> = sources
            .iter()
            .flat_map(|s| assigned_groups(&s.content))
            .collect();
        let cached = |rows: Vec<(String, String)>| -> Vec<Group> {
            rows.into_iter()
                .map(|(id, display_name)| Group { id, display_name })
                .collect()
        };
        let source_groups = cached(
            group_cache::all_present(&mut db, restore.source_tenant_id)
                .await
                .map_err(store_error)?,
        );
        let target_groups = cached(
            group_cache::all_present(&mut db, restore.tenant_id)
                .await
                .map_err(store_error)?,
        );
        let overrides: BTreeMap<String, Override> = restore
            .group_overrides
            .iter()
            .map(|(id, o)| {
                let o = match o {
                    GroupOverride::To { group_id } => Override::To(group_id.clone()),
                    GroupOverride::Skip => Override::Skip,
                };
                (id.clone(), o)
            })
            .collect();
        match map_groups(&used, &source_groups, &target_groups, &overrides) {
            Ok(choices) => choices,
            Err(bad) => {
                restores::move_status(
                    &mut db,
                    restore.id,
                    RestoreStatus::Planning,
                    RestoreStatus::PreviewFailed,
                )
                .await
                .map_err(store_error)?;
                return Ok(refused(
                    ReasonCode::RestoreSourceUnavailable,
                    format!("Group {}: {}.", bad.source_group_id, bad.why),
                ));
            }
        }
    };
    let same_tenant = restore.source_tenant_id == restore.tenant_id;
    let mut items = plan(&sources, &target, &choices, same_tenant);
    items.extend(plan_deletes(&created, &target));
    let counts_of = PlanCounts::of(&items);
    let state_hash = crate::target::state_hash(&target);
    let planned = RestorePlan {
        items,
        groups: choices,
        counts: counts_of,
    };
    let stored = restores::previewed(&mut db, restore.id, &planned, &state_hash, ctx.clock.now())
        .await
        .map_err(store_error)?;
    // The preview's own work (sources, groups, planning, storing) beside the target's read;
    // the restore benchmark reads this event.
    tracing::info!(
        items = (sources.len() + created.len()) as u64,
        read_ms = read_time.as_millis() as u64,
        own_ms = began.elapsed().saturating_sub(read_time).as_millis() as u64,
        "restore preview planned"
    );
    let status = match stored {
        true => RestoreStatus::Previewed,
        false => RestoreStatus::PreviewFailed,
    };
    let mut outcome = match stored {
        true => HandlerOutcome::succeeded(),
        false => refused(
            ReasonCode::RestoreNotReady,
            "The restore stopped waiting for its preview meanwhile.",
        ),
    };
    outcome.counts = counts(&[
        (SummaryKey::Total, total),
        (SummaryKey::Processed, total),
        (SummaryKey::Items, sources.len() + created.len()),
    ]);
    outcome.result = Some(result(&restore, status, counts_of));
    Ok(outcome)
}

fn result(restore: &Restore, status: RestoreStatus, counts: PlanCounts) -> RunResult {
    RunResult::Restore {
        restore_id: restore.id,
        dry_run: true,
        restore_status: status,
        counts,
    }
}

/// The versions holding a complete full-content snapshot's objects for the chosen subjects
/// (every subject when none is chosen), or why the snapshot cannot be restored from.
async fn baseline_versions(
    db: &mut atlas_store::Conn,
    snapshot_id: BaselineSnapshotId,
    subject_keys: &[String],
) -> Result<Result<Vec<PolicyVersionId>, String>, HandlerError> {
    let snapshot = baselines::get_snapshot(db, snapshot_id)
        .await
        .map_err(store_error)?;
    let Some(snapshot) = snapshot else {
        return Ok(Err("The baseline snapshot no longer exists.".into()));
    };
    if snapshot.state != SnapshotState::Complete
        || snapshot.capture_mode != CaptureMode::FullContent
    {
        return Ok(Err(
            "Only a complete full-content baseline snapshot holds content to restore.".into(),
        ));
    }
    let items = baselines::list_items(db, snapshot_id)
        .await
        .map_err(store_error)?;
    let chosen: BTreeSet<&str> = subject_keys.iter().map(String::as_str).collect();
    let mut ids = Vec::new();
    for item in items
        .iter()
        .filter(|i| chosen.is_empty() || chosen.contains(i.subject_key.as_str()))
    {
        match item.version_id {
            Some(id) => ids.push(id),
            None => {
                return Ok(Err(format!(
                    "The baseline was captured before its content was kept for restores ('{}'): capture it again, then remediate.",
                    atlas_domain::finding::item_name(item)
                )))
            }
        }
    }
    if let Some(missing) = chosen
        .iter()
        .find(|key| !items.iter().any(|i| i.subject_key == **key))
    {
        return Ok(Err(format!(
            "The baseline snapshot has no subject '{missing}'."
        )));
    }
    Ok(Ok(ids))
}

/// The source versions with their catalog types, or why they cannot be read.
async fn source_versions(
    db: &mut atlas_store::Conn,
    restore: &Restore,
) -> Result<Result<Sources, String>, HandlerError> {
    let mut created = Vec::new();
    let ids = match &restore.source {
        RestoreSource::BackupSet { backup_set_id } => {
            match backup_sets::get(db, *backup_set_id)
                .await
                .map_err(store_error)?
            {
                None => return Ok(Err("The backup set no longer exists.".into())),
                Some(_) => backup_sets::items(db, *backup_set_id)
                    .await
                    .map_err(store_error)?
                    .into_iter()
                    .map(|i| i.version_id)
                    .collect(),
            }
        }
        RestoreSource::Versions { version_ids } => version_ids.clone(),
        RestoreSource::Baseline {
            snapshot_id,
            subject_keys,
        } => match baseline_versions(db, *snapshot_id, subject_keys).await? {
            Ok(ids) => ids,
            Err(why) => return Ok(Err(why)),
        },
        RestoreSource::Undo { restore_id } => match undone(db, restore, *restore_id).await? {
            Ok((pre_images, objects)) => {
                created = objects;
                pre_images
            }
            Err(why) => return Ok(Err(why)),
        },
    };
    let mut sources = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(version): Option<PolicyVersion> =
            policy_versions::get(db, id).await.map_err(store_error)?
        else {
            return Ok(Err(format!("Version {id} no longer exists.")));
        };
        let summary = version.summary;
        if summary.tenant_id != restore.source_tenant_id {
            return Ok(Err(format!(
                "Version {id} is of another tenant than the source."
            )));
        }
        let Some(object_type) = ObjectType::find(&summary.object_type) else {
            return Ok(Err(format!(
                "Version {id} is of the type '{}', which this version of the product does not know.",
                summary.object_type
            )));
        };
        sources.push(SourceItem {
            version_id: summary.id,
            object_type,
            external_id: summary.external_id,
            display_name: summary.display_name,
            content: version.content,
        });
    }
    if sources.is_empty() && created.is_empty() {
        return Ok(Err("The source holds no versions.".into()));
    }
    Ok(Ok(Sources {
        items: sources,
        created,
    }))
}

/// What a restore writes from: versions to restore and, undoing a restore, objects it created
/// to delete.
struct Sources {
    items: Vec<SourceItem>,
    created: Vec<CreatedObject>,
}

/// Undoing `undone_id`: the pre-images it kept, and the objects it created as last stored.
async fn undone(
    db: &mut atlas_store::Conn,
    restore: &Restore,
    undone_id: RestoreId,
) -> Result<Result<(Vec<PolicyVersionId>, Vec<CreatedObject>), String>, HandlerError> {
    let undone = restores::get(db, undone_id).await.map_err(store_error)?;
    let Some(undone) = undone.filter(|u| u.tenant_id == restore.tenant_id) else {
        return Ok(Err("The restore to undo no longer exists.".into()));
    };
    let outcomes = undone.outcomes.unwrap_or_default();
    let pre_images = outcomes
        .iter()
        .filter_map(|o| o.pre_image_version_id)
        .collect();
    let mut created = Vec::new();
    for outcome in outcomes
        .iter()
        .filter(|o| o.outcome == ItemOutcomeKind::Created)
    {
        let (Some(id), Some(object_type)) = (
            outcome.target_external_id.as_deref(),
            ObjectType::find(&outcome.object_type),
        ) else {
            continue;
        };
        let newest = policy_versions::list_for_object(db, restore.tenant_id, object_type.key, id)
            .await
            .map_err(store_error)?
            .into_iter()
            .next();
        // Never stored (its read-back failed, no sync since): nothing says what it holds, so
        // it is not deleted blindly; the next sync makes it undoable.
        let Some(newest) = newest else {
            continue;
        };
        created.push(CreatedObject {
            version_id: newest.id,
            object_type,
            external_id: id.to_owned(),
            display_name: newest.display_name,
            content_hash: newest.content_hash,
        });
    }
    Ok(Ok((pre_images, created)))
}
