//! `backup_schedule_run`: a backup of a tenant's policies, by hand ("Back up now") or by a
//! schedule. It captures like a policy sync (a version only where the content changed) and
//! records a backup set holding the newest version of every object it read, so the set is the
//! tenant as it was. After a complete set, the schedule's retention prunes older sets.

use std::sync::Arc;

use atlas_domain::{
    audit::actions, summary::SummaryKey, AuditActor, AuditEntry, BackupGap, BackupInputs,
    BackupSet, BackupSetId, BackupSetStatus, OperationType, RunResult, TypesRead, VersionPurpose,
};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_graph::Depth;
use atlas_store::{audit, backup_sets};

use crate::inventory::selection_types;
use crate::policies::store_versions;
use crate::scope::{self, counts, store_error, TypeReads};
use crate::setting_definitions::UsedSettings;
use crate::tenant_graph::TenantGraph;

/// Objects named per gap at most (the run's failures list every one).
const GAP_OBJECTS: usize = 100;

#[derive(Debug)]
pub struct BackupHandler {
    graph: Arc<dyn TenantGraph>,
}

impl BackupHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

#[async_trait::async_trait]
impl Handler for BackupHandler {
    type Input = BackupInputs;

    fn operation(&self) -> OperationType {
        OperationType::BackupScheduleRun
    }

    fn validate(&self, inputs: &BackupInputs) -> Result<(), String> {
        if let Some(retention) = &inputs.retention {
            retention.validate().map_err(|e| e.to_string())?;
        }
        selection_types(&inputs.selection, "back up").map(|_| ())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: BackupInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let (selection, types) = selection_types(&inputs.selection, "back up")
            .map_err(|e| HandlerError::new("invalid_inputs", e))?;
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        let selected: Vec<&'static str> = types.iter().map(|t| t.key).collect();
        let set = BackupSet {
            id: BackupSetId::new(),
            workspace_id: scope.tenant.workspace_id,
            tenant_id: scope.tenant.id,
            run_id: Some(ctx.run.id),
            schedule_id: inputs.schedule_id,
            initiated_by: ctx.run.initiator_user_id,
            status: BackupSetStatus::Capturing,
            selection: selection.clone(),
            item_count: 0,
            new_versions: 0,
            types: TypesRead::new(),
            missing: vec![],
            created_at: ctx.clock.now(),
            completed_at: None,
            origin: None,
        };
        {
            let mut db = ctx.store.conn().await.map_err(store_error)?;
            backup_sets::insert_capturing(&mut db, &set)
                .await
                .map_err(store_error)?;
        }

        let mut reads = TypeReads::start(&ctx, &scope, types, Depth::Full, "The backup");
        let (mut captured, mut unchanged) = (0, 0);
        let mut missing = Vec::new();
        let mut used = UsedSettings::default();
        while let Some(read) = reads.next(&ctx).await? {
            if !read.complete() {
                missing.push(BackupGap {
                    object_type: read.object_type.key.to_owned(),
                    whole_type: read.list_error.is_some(),
                    objects: read
                        .failures
                        .iter()
                        .take(GAP_OBJECTS)
                        .map(|f| f.id.clone())
                        .collect(),
                    reason: read
                        .list_error
                        .as_ref()
                        .map(|e| e.reason.reason_code())
                        .or_else(|| read.failures.first().map(|f| f.error.reason.reason_code())),
                });
            }
            used.note(&read.objects);
            let ids: Vec<String> = read.objects.iter().map(|o| o.id.clone()).collect();
            let (new, same) = store_versions(
                &ctx,
                &scope,
                read.object_type,
                read.objects,
                VersionPurpose::Backup,
            )
            .await?;
            let mut db = ctx.store.conn().await.map_err(store_error)?;
            backup_sets::add_newest_versions(
                &mut db,
                set.id,
                scope.tenant.id,
                read.object_type.key,
                &ids,
            )
            .await
            .map_err(store_error)?;
            captured += new;
            unchanged += same;
            reads.stored(&ctx);
            ctx.progress.set(SummaryKey::Created, captured as i64);
        }
        used.cache(&ctx, &scope).await?;
        // Types never handed out, or whose read was cut short by a failed sign-in, are
        // missing whole.
        for key in selected {
            let read_whole = reads.types.get(key).is_some_and(|c| c.complete);
            if !read_whole && !missing.iter().any(|g| g.object_type == key) {
                missing.push(BackupGap {
                    object_type: key.to_owned(),
                    whole_type: true,
                    objects: vec![],
                    reason: reads.failures.first().map(|f| f.reason_code),
                });
            }
        }
        let anything_read = captured + unchanged > 0 || reads.any_complete();
        let status = match (missing.is_empty(), anything_read) {
            (true, _) => BackupSetStatus::Complete,
            (false, true) => BackupSetStatus::Partial,
            (false, false) => BackupSetStatus::Failed,
        };
        let now = ctx.clock.now();
        let mut tx = ctx.store.begin().await.map_err(store_error)?;
        backup_sets::finish(
            &mut tx,
            set.id,
            &backup_sets::SetEnding {
                status,
                new_versions: captured as i64,
                types: &reads.types,
                missing: &missing,
                at: now,
            },
        )
        .await
        .map_err(store_error)?;
        let pruned = match (status, inputs.retention) {
            (BackupSetStatus::Complete, Some(retention)) => {
                let finished = backup_sets::finished_for_tenant(&mut tx, scope.tenant.id)
                    .await
                    .map_err(store_error)?;
                let prunable: Vec<BackupSetId> = retention
                    .prunable(&finished, now)
                    .into_iter()
                    .copied()
                    .collect();
                let pruned = backup_sets::prune(&mut tx, scope.tenant.id, &prunable)
                    .await
                    .map_err(store_error)?;
                if pruned.sets > 0 {
                    audit::insert(
                        &mut tx,
                        &AuditEntry {
                            id: uuid::Uuid::now_v7(),
                            workspace_id: Some(scope.tenant.workspace_id),
                            tenant_id: Some(scope.tenant.id),
                            actor: AuditActor::System,
                            action: actions::BACKUP_SETS_PRUNED.into(),
                            target_type: "backup_set".into(),
                            target_id: None,
                            summary: format!(
                                "Retention removed {} older backup set{} of {} and {} version{} only they held",
                                pruned.sets,
                                if pruned.sets == 1 { "" } else { "s" },
                                scope.tenant.display_name,
                                pruned.versions,
                                if pruned.versions == 1 { "" } else { "s" },
                            ),
                            metadata: serde_json::json!({
                                "sets": prunable.iter().map(|id| id.to_string()).collect::<Vec<_>>(),
                                "versions_deleted": pruned.versions,
                                "retention": retention,
                                "run_id": ctx.run.id.to_string(),
                                "kept_set": set.id.to_string(),
                            }),
                            created_at: now,
                        },
                    )
                    .await
                    .map_err(store_error)?;
                }
                pruned.sets as i64
            }
            _ => 0,
        };
        tx.commit().await.map_err(store_error)?;

        let counts = counts(&[
            (SummaryKey::Total, reads.total),
            (SummaryKey::Processed, reads.processed),
            (SummaryKey::Items, captured + unchanged),
            (SummaryKey::Created, captured),
            (SummaryKey::Skipped, unchanged),
            (SummaryKey::Failed, reads.failed),
        ]);
        let result = RunResult::Backup {
            backup_set_id: Some(set.id),
            set_status: status,
            types: reads.types,
            pruned_sets: pruned,
        };
        Ok(scope::outcome(
            reads.failures,
            anything_read,
            counts,
            result,
        ))
    }
}
