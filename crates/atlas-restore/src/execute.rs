//! Executing a previewed restore (`restore.execute` without `dry_run`). The target is read
//! again first: when it no longer hashes as the preview saw it, nothing is written and the run
//! is blocked (`restore.preview_outdated`). Otherwise each create and update of the plan is
//! written — an update only after the object as it is now is kept as a `restore_preimage`
//! version — and read back into a version of its own, so the product's record matches the
//! tenant. Conflicts and identical objects are left alone, except an object whose only
//! conflict was secret fields the operator typed values for: those are filled in and written. Every write is audited, every item
//! gets its outcome, and one failed item makes the run partially succeeded, not failed.

use std::collections::{BTreeMap, BTreeSet};

use atlas_domain::{
    audit::actions, normalize::content_hash, summary::SummaryKey, AuditActor, AuditEntry,
    FailureEntry, ItemOutcomeKind, PolicyVersionId, ReasonCode, Restore, RestoreAction,
    RestoreConflict, RestoreInputs, RestoreItemOutcome, RestorePlan, RestorePlanItem,
    RestoreStatus, RunResult, SecretField, VersionPurpose,
};
use atlas_engine::{HandlerError, HandlerOutcome, RunContext};
use atlas_graph::{GraphError, ObjectType};
use atlas_store::{
    audit,
    policy_versions::{self, NewVersion},
    restores,
};
use atlas_sync::scope::{self, counts, Scope};
use atlas_sync::TenantGraph;

use crate::groups::apply;
use crate::handler::refused;
use crate::plan::{TargetObject, TargetState};
use crate::secrets::{drop_references, fill, SuppliedSecrets};
use crate::{store_error, writes};

pub(crate) async fn execute(
    graph: &dyn TenantGraph,
    ctx: RunContext,
    inputs: &RestoreInputs,
    supplied: SuppliedSecrets,
) -> Result<HandlerOutcome, HandlerError> {
    let restore_id = inputs.restore_id;
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let restore = restores::get(&mut db, restore_id)
        .await
        .map_err(store_error)?
        .filter(|r| Some(r.tenant_id) == ctx.run.tenant_id);
    let Some(restore) = restore else {
        return Ok(refused(
            ReasonCode::RestoreNotReady,
            "The restore no longer exists.",
        ));
    };
    let Some(plan) = restore.plan.clone() else {
        return Ok(refused(
            ReasonCode::RestoreNotReady,
            "The restore has no plan: preview it first.",
        ));
    };
    if !restores::start_execution(&mut db, restore.id, ctx.run.id)
        .await
        .map_err(store_error)?
    {
        return Ok(refused(
            ReasonCode::RestoreNotReady,
            format!(
                "The restore is {}, not a preview waiting to be executed.",
                restore.status
            ),
        ));
    }
    drop(db);

    let scope = match scope::open(&ctx, graph).await? {
        Ok(scope) => scope,
        Err(blocked) => return Ok(blocked),
    };
    let keys: BTreeSet<&str> = plan.items.iter().map(|i| i.object_type.as_str()).collect();
    let types: Vec<&'static ObjectType> = keys.into_iter().filter_map(ObjectType::find).collect();
    let target =
        match crate::target::read(&ctx, &scope, restore.tenant_id, types, "The restore").await? {
            Ok((target, _)) => target,
            Err(partial) => {
                return Ok(scope::outcome(
                    partial.failures,
                    false,
                    counts(&[(SummaryKey::Failed, partial.failed)]),
                    result(&restore, RestoreStatus::ExecuteFailed, &plan),
                ))
            }
        };
    if restore.target_state_hash.as_deref() != Some(crate::target::state_hash(&target).as_str()) {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        restores::move_status(
            &mut db,
            restore.id,
            RestoreStatus::Executing,
            RestoreStatus::Outdated,
        )
        .await
        .map_err(store_error)?;
        let mut blocked = HandlerOutcome::blocked(
            ReasonCode::RestorePreviewOutdated,
            "The tenant changed after the preview: nothing was written. Preview the restore again.",
        );
        blocked.result = Some(result(&restore, RestoreStatus::Outdated, &plan));
        return Ok(blocked);
    }

    let unlocked = Unlocked::new(&plan, &inputs.secret_fields);
    let to_write = plan.items.iter().filter(|i| unlocked.writes(i)).count();
    ctx.progress.set(SummaryKey::Total, to_write as i64);
    let mut outcomes = Vec::with_capacity(plan.items.len());
    let mut failures = Vec::new();
    let (mut created, mut updated, mut deleted, mut processed) = (0usize, 0usize, 0usize, 0usize);
    for item in &plan.items {
        if ctx.cancel.is_cancelled() {
            outcomes.push(skipped(item, "The restore was stopped before this object."));
            continue;
        }
        let outcome = match item.action {
            RestoreAction::Skip => skipped(item, "Identical in the tenant already."),
            RestoreAction::Conflict if !unlocked.writes(item) => {
                skipped(item, "Not written: the preview named a conflict.")
            }
            RestoreAction::Create
            | RestoreAction::Update
            | RestoreAction::Conflict
            | RestoreAction::Delete => {
                let outcome = match (item.action, unlocked.values(item, &supplied)) {
                    (RestoreAction::Delete, _) => {
                        delete_item(&ctx, &scope, &restore, &target, item).await?
                    }
                    (_, Some(secrets)) => {
                        write_item(&ctx, &scope, &restore, &plan, &target, item, &secrets).await?
                    }
                    (_, None) => secrets_unavailable(item),
                };
                processed += 1;
                match outcome.outcome {
                    ItemOutcomeKind::Created => created += 1,
                    ItemOutcomeKind::Updated => updated += 1,
                    ItemOutcomeKind::Deleted => deleted += 1,
                    _ => {}
                }
                if outcome.outcome == ItemOutcomeKind::Failed {
                    let reason = outcome.reason.unwrap_or(ReasonCode::GraphServerError);
                    failures.push(FailureEntry {
                        code: reason.code().into(),
                        reason_code: reason,
                        message: format!(
                            "{} '{}': {}",
                            ObjectType::find(&item.object_type)
                                .map_or(item.object_type.as_str(), |t| t.label),
                            item.display_name,
                            outcome.message.clone().unwrap_or_default()
                        ),
                    });
                }
                ctx.progress.set(SummaryKey::Processed, processed as i64);
                ctx.progress.set(SummaryKey::Created, created as i64);
                ctx.progress.set(SummaryKey::Updated, updated as i64);
                ctx.progress.set(SummaryKey::Deleted, deleted as i64);
                ctx.progress.set(SummaryKey::Failed, failures.len() as i64);
                outcome
            }
        };
        outcomes.push(outcome);
    }

    let written = created + updated + deleted;
    let status = match (failures.len(), written) {
        (0, _) => RestoreStatus::Executed,
        (_, 0) => RestoreStatus::ExecuteFailed,
        _ => RestoreStatus::Executed,
    };
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    restores::finish_execution(&mut db, restore.id, status, &outcomes, ctx.clock.now())
        .await
        .map_err(store_error)?;
    let mut outcome = if failures.is_empty() {
        HandlerOutcome::succeeded()
    } else if written > 0 {
        HandlerOutcome::partially_succeeded(failures)
    } else {
        HandlerOutcome::failed(failures)
    };
    outcome.counts = counts(&[
        (SummaryKey::Total, to_write),
        (SummaryKey::Processed, processed),
        (SummaryKey::Created, created),
        (SummaryKey::Updated, updated),
        (SummaryKey::Deleted, deleted),
        (SummaryKey::Skipped, plan.items.len() - to_write),
        (SummaryKey::Failed, processed - written),
    ]);
    outcome.result = Some(result(&restore, status, &plan));
    Ok(outcome)
}

/// The objects whose only conflict was secret fields the operator typed every value of.
struct Unlocked {
    fields: BTreeMap<PolicyVersionId, Vec<String>>,
}

impl Unlocked {
    fn new(plan: &RestorePlan, typed: &[SecretField]) -> Self {
        let fields = plan
            .items
            .iter()
            .filter_map(|item| match item.conflicts.as_slice() {
                [RestoreConflict::SecretValues { fields }]
                    if fields.iter().all(|f| {
                        typed
                            .iter()
                            .any(|t| t.source_version_id == item.source_version_id && &t.field == f)
                    }) =>
                {
                    Some((item.source_version_id, fields.clone()))
                }
                _ => None,
            })
            .collect();
        Self { fields }
    }

    /// Whether executing writes the item: a create, an update or an unlocked conflict.
    fn writes(&self, item: &RestorePlanItem) -> bool {
        match item.action {
            RestoreAction::Create | RestoreAction::Update | RestoreAction::Delete => true,
            RestoreAction::Conflict => self.fields.contains_key(&item.source_version_id),
            RestoreAction::Skip => false,
        }
    }

    /// The (field, value) pairs to fill into the item; none when the values did not reach
    /// this process (typed where another process claimed the execution).
    fn values(
        &self,
        item: &RestorePlanItem,
        supplied: &SuppliedSecrets,
    ) -> Option<Vec<(String, String)>> {
        let Some(fields) = self.fields.get(&item.source_version_id) else {
            return Some(vec![]);
        };
        fields
            .iter()
            .map(|field| {
                supplied
                    .get(&(item.source_version_id, field.clone()))
                    .map(|value| (field.clone(), value.clone()))
            })
            .collect()
    }
}

/// The outcome of an object whose secret values did not reach this process.
fn secrets_unavailable(item: &RestorePlanItem) -> RestoreItemOutcome {
    let mut outcome = skipped(
        item,
        "Its secret values were typed in another TenantAtlas process than the one that ran the restore; execute it again from one workstation.",
    );
    outcome.outcome = ItemOutcomeKind::Failed;
    outcome.reason = Some(ReasonCode::RestoreSecretsUnavailable);
    outcome
}

fn result(restore: &Restore, status: RestoreStatus, plan: &RestorePlan) -> RunResult {
    RunResult::Restore {
        restore_id: restore.id,
        dry_run: false,
        restore_status: status,
        counts: plan.counts,
    }
}

fn skipped(item: &RestorePlanItem, why: &str) -> RestoreItemOutcome {
    RestoreItemOutcome {
        source_version_id: item.source_version_id,
        object_type: item.object_type.clone(),
        display_name: item.display_name.clone(),
        outcome: ItemOutcomeKind::Skipped,
        target_external_id: item.target_external_id.clone(),
        pre_image_version_id: None,
        message: Some(why.to_owned()),
        reason: None,
    }
}

/// Writes one create or update; a Graph refusal is the item's failed outcome, a store error
/// the run's.
async fn write_item(
    ctx: &RunContext,
    scope: &Scope,
    restore: &Restore,
    plan: &RestorePlan,
    target: &TargetState,
    item: &RestorePlanItem,
    secrets: &[(String, String)],
) -> Result<RestoreItemOutcome, HandlerError> {
    let mut outcome = skipped(item, "");
    outcome.message = None;
    let Some(ty) = ObjectType::find(&item.object_type) else {
        outcome.outcome = ItemOutcomeKind::Failed;
        outcome.message = Some("This type is not in the catalog of this version.".into());
        return Ok(outcome);
    };
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let Some(version) = policy_versions::get(&mut db, item.source_version_id)
        .await
        .map_err(store_error)?
    else {
        outcome.outcome = ItemOutcomeKind::Failed;
        outcome.reason = Some(ReasonCode::RestoreSourceUnavailable);
        outcome.message = Some("Its version no longer exists.".into());
        return Ok(outcome);
    };
    drop(db);
    let (mut content, _) = apply(&version.content, &plan.groups);
    for (field, value) in secrets {
        if !fill(&mut content, field, value) {
            outcome.outcome = ItemOutcomeKind::Failed;
            outcome.message = Some(format!("Its version holds no secret field {field}."));
            return Ok(outcome);
        }
    }
    drop_references(&mut content);
    let objects = target.get(ty.key).map_or(&[][..], Vec::as_slice);
    let session = &scope.session;

    let written: Result<(String, ItemOutcomeKind), GraphError> = match &item.target_external_id {
        Some(id) => {
            let live = objects.iter().find(|o| &o.external_id == id);
            if let Some(live) = live {
                outcome.pre_image_version_id = Some(keep_pre_image(ctx, restore, ty, live).await?);
            }
            match writes::update(session, ty, id, &content).await {
                Ok(()) => writes::assign(session, ty, id, &content)
                    .await
                    .map(|()| (id.clone(), ItemOutcomeKind::Updated)),
                Err(error) => Err(error),
            }
        }
        None => {
            let before: Vec<String> = objects.iter().map(|o| o.external_id.clone()).collect();
            match writes::create(session, ty, &content, &item.display_name, &before).await {
                Ok(id) => writes::assign(session, ty, &id, &content)
                    .await
                    .map(|()| (id, ItemOutcomeKind::Created)),
                Err(error) => Err(error),
            }
        }
    };
    match written {
        Ok((id, kind)) => {
            outcome.outcome = kind;
            outcome.target_external_id = Some(id.clone());
            record_written(ctx, scope, restore, ty, &id, kind).await?;
        }
        Err(error) => {
            outcome.outcome = ItemOutcomeKind::Failed;
            outcome.reason = Some(error.reason.reason_code());
            outcome.message = Some(error.message);
        }
    }
    Ok(outcome)
}

/// Deletes an object the undone restore had created, after keeping it as a pre-image (so even
/// this can be undone); a Graph refusal is the item's failed outcome.
async fn delete_item(
    ctx: &RunContext,
    scope: &Scope,
    restore: &Restore,
    target: &TargetState,
    item: &RestorePlanItem,
) -> Result<RestoreItemOutcome, HandlerError> {
    let mut outcome = skipped(item, "");
    outcome.message = None;
    let (Some(ty), Some(id)) = (
        ObjectType::find(&item.object_type),
        item.target_external_id.as_deref(),
    ) else {
        outcome.outcome = ItemOutcomeKind::Failed;
        outcome.message = Some("The plan does not say which object to delete.".into());
        return Ok(outcome);
    };
    let live = target
        .get(ty.key)
        .and_then(|objects| objects.iter().find(|o| o.external_id == id));
    if let Some(live) = live {
        outcome.pre_image_version_id = Some(keep_pre_image(ctx, restore, ty, live).await?);
    }
    match writes::delete(&scope.session, ty, id).await {
        Ok(()) => {
            outcome.outcome = ItemOutcomeKind::Deleted;
            audit_write(ctx, restore, ty, id, ItemOutcomeKind::Deleted).await?;
        }
        Err(error) => {
            outcome.outcome = ItemOutcomeKind::Failed;
            outcome.reason = Some(error.reason.reason_code());
            outcome.message = Some(error.message);
        }
    }
    Ok(outcome)
}

/// Keeps the object as it is now as a `restore_preimage` version (or the newest version when
/// that already holds this content), held by the restore; returns its id.
async fn keep_pre_image(
    ctx: &RunContext,
    restore: &Restore,
    ty: &'static ObjectType,
    live: &TargetObject,
) -> Result<PolicyVersionId, HandlerError> {
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let version = NewVersion {
        workspace_id: restore.workspace_id,
        tenant_id: restore.tenant_id,
        object_type: ty.key.to_owned(),
        external_id: live.external_id.clone(),
        display_name: live.display_name.clone(),
        content_hash: content_hash(&live.content, ty.volatile_fields),
        content: live.content.clone(),
        captured_at: ctx.clock.now(),
        run_id: Some(ctx.run.id),
        purpose: VersionPurpose::RestorePreimage,
        provenance: None,
    };
    let id = match policy_versions::insert_if_changed(&mut db, &version)
        .await
        .map_err(store_error)?
    {
        Some(written) => written.summary.id,
        None => {
            policy_versions::list_for_object(&mut db, restore.tenant_id, ty.key, &live.external_id)
                .await
                .map_err(store_error)?
                .first()
                .map(|v| v.id)
                .ok_or_else(|| HandlerError::new("store", "the object's newest version vanished"))?
        }
    };
    restores::hold_versions(&mut db, restore.id, &[id], restores::VersionRole::PreImage)
        .await
        .map_err(store_error)?;
    Ok(id)
}

/// Reads the written object back into a version (so the next preview sees it as synced) and
/// audits the write.
async fn record_written(
    ctx: &RunContext,
    scope: &Scope,
    restore: &Restore,
    ty: &'static ObjectType,
    id: &str,
    kind: ItemOutcomeKind,
) -> Result<(), HandlerError> {
    let session = &scope.session;
    // A read that fails leaves the record as it was: the next sync captures the object.
    let read = session
        .client
        .read_object(&session.credentials, ty, id)
        .await;
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    if let Ok(object) = read {
        let version = NewVersion {
            workspace_id: restore.workspace_id,
            tenant_id: restore.tenant_id,
            object_type: ty.key.to_owned(),
            external_id: object.id,
            display_name: object.display_name,
            content_hash: content_hash(&object.content, ty.volatile_fields),
            content: object.content,
            captured_at: ctx.clock.now(),
            run_id: Some(ctx.run.id),
            purpose: VersionPurpose::Backup,
            provenance: None,
        };
        policy_versions::insert_if_changed(&mut db, &version)
            .await
            .map_err(store_error)?;
    }
    drop(db);
    audit_write(ctx, restore, ty, id, kind).await
}

/// Audits one write of the restore.
async fn audit_write(
    ctx: &RunContext,
    restore: &Restore,
    ty: &'static ObjectType,
    id: &str,
    kind: ItemOutcomeKind,
) -> Result<(), HandlerError> {
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    audit::insert(
        &mut db,
        &AuditEntry {
            id: uuid::Uuid::now_v7(),
            workspace_id: Some(restore.workspace_id),
            tenant_id: Some(restore.tenant_id),
            actor: ctx
                .run
                .initiator_user_id
                .map_or(AuditActor::System, |user_id| AuditActor::User { user_id }),
            action: actions::RESTORE_ITEM_WRITTEN.into(),
            target_type: ty.key.into(),
            target_id: Some(id.to_owned()),
            summary: format!("Restore {kind} {} {id}", ty.label),
            metadata: serde_json::json!({
                "restore_id": restore.id.to_string(),
                "run_id": ctx.run.id.to_string(),
                "outcome": kind.code(),
            }),
            created_at: ctx.clock.now(),
        },
    )
    .await
    .map_err(store_error)?;
    Ok(())
}
