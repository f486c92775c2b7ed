//! Restores (SPEC §7): preview what restoring a backup set or chosen versions onto a tenant
//! would change (a read-only `restore.execute` dry run), execute a previewed plan after a typed
//! confirmation, preview undoing an executed restore (its pre-images), list a tenant's
//! restores, read one with its plan and outcomes. Every source is checked before anything is
//! stored: versions of one tenant of the same workspace that the actor may see, group choices
//! naming the target's own groups.

use std::collections::BTreeMap;

use atlas_domain::{
    audit::actions, AuditActor, AuditEntry, BackupSetStatus, Capability, GroupOverride,
    GroupTarget, OperationType, PolicyVersionId, Restore, RestoreConflict, RestoreId,
    RestoreInputs, RestoreSource, RestoreStatus, Tenant, TenantId, Timestamp,
};
use atlas_store::{audit, backup_sets, groups, policy_versions, restores};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    commands::sync::Work,
    types::{StartIntent, StartRunResponse, TenantRequest},
    Actor, Api, ApiError,
};

/// Versions one restore may name at most.
const MAX_VERSIONS: usize = 5_000;
/// Restores a tenant's list shows at most.
const LISTED: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewRestoreRequest {
    /// The target tenant.
    pub tenant_id: TenantId,
    pub source: RestoreSource,
    /// Per source group id: another target group, or skip its assignments.
    #[ts(optional)]
    pub group_overrides: Option<BTreeMap<String, GroupOverride>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreRequest {
    pub restore_id: RestoreId,
}

/// Executing a previewed restore, confirmed by naming the target tenant and the number of
/// changes the plan makes (its creates and updates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExecuteRestoreRequest {
    pub restore_id: RestoreId,
    /// The target tenant's display name, typed by the operator.
    pub confirm_tenant: String,
    /// The plan's number of changes, as the operator confirmed it.
    pub confirm_changes: u32,
}

/// A restore with the names of its tenants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreView {
    pub restore: Restore,
    pub tenant_name: String,
    pub source_tenant_name: String,
}

/// A preview that was asked for: the restore and how its run started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestorePreviewStarted {
    pub restore: Restore,
    pub start: StartRunResponse,
}

impl Api {
    /// Starts the read-only preview of restoring `source` onto the tenant.
    pub async fn preview_restore(
        &self,
        actor: &Actor,
        request: PreviewRestoreRequest,
    ) -> Result<RestorePreviewStarted, ApiError> {
        let target = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantRestoreExecute,
                "restore onto this tenant",
            )
            .await?;
        let source_tenant = self
            .restore_source_tenant(actor, &target, &request.source)
            .await?;
        let overrides = request.group_overrides.unwrap_or_default();
        self.check_group_overrides(&target, &overrides).await?;

        let restore = Restore {
            id: RestoreId::new(),
            workspace_id: target.workspace_id,
            tenant_id: target.id,
            source: request.source,
            source_tenant_id: source_tenant.id,
            group_overrides: overrides,
            status: RestoreStatus::Planning,
            preview_run_id: None,
            execute_run_id: None,
            target_state_hash: None,
            plan: None,
            outcomes: None,
            created_by: Some(actor.user_id()),
            created_at: Timestamp::now(),
            previewed_at: None,
            executed_at: None,
        };
        {
            let mut db = self.store.conn().await?;
            restores::insert_planning(&mut db, &restore).await?;
        }
        let inputs = RestoreInputs {
            restore_id: restore.id,
            dry_run: true,
        };
        let work = Work {
            operation: OperationType::RestoreExecute,
            inputs: serde_json::to_value(inputs).expect("restore inputs serialise"),
            label: "Restore preview",
        };
        let refusal = target.work_refusal().map(|r| (r.code, r.message));
        let start = self
            .start_run(&target, Some(actor.user_id()), work, refusal, None)
            .await?;
        let mut db = self.store.conn().await?;
        restores::set_preview_run(&mut db, restore.id, start.run.id).await?;
        if start.intent == StartIntent::Blocked {
            restores::move_status(
                &mut db,
                restore.id,
                RestoreStatus::Planning,
                RestoreStatus::PreviewFailed,
            )
            .await?;
        }
        let restore = restores::get(&mut db, restore.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Restore"))?;
        Ok(RestorePreviewStarted { restore, start })
    }

    /// Executes a previewed restore whose plan is still current, after the operator confirmed
    /// the tenant and the number of changes.
    pub async fn execute_restore(
        &self,
        actor: &Actor,
        request: ExecuteRestoreRequest,
    ) -> Result<StartRunResponse, ApiError> {
        let restore = {
            let mut db = self.store.conn().await?;
            restores::get(&mut db, request.restore_id)
                .await?
                .ok_or_else(|| ApiError::not_found("Restore"))?
        };
        let target = self
            .authorized_record_tenant(
                actor,
                restore.tenant_id,
                Capability::TenantRestoreExecute,
                "restore onto this tenant",
                "Restore",
            )
            .await?;
        let plan = match (restore.status, &restore.plan) {
            (RestoreStatus::Previewed, Some(plan)) => plan,
            (status, _) => {
                return Err(ApiError::invalid(format!(
                "Only a previewed restore can be executed; this one is {status}. Preview it again."
            )))
            }
        };
        // Groups that keep an object from being written: map or skip them first.
        let blocking: std::collections::BTreeSet<&String> = plan
            .items
            .iter()
            .flat_map(|i| &i.conflicts)
            .flat_map(|c| match c {
                RestoreConflict::UnresolvedGroups { group_ids } => group_ids.iter().collect(),
                _ => vec![],
            })
            .collect();
        let unresolved: Vec<String> = plan
            .groups
            .iter()
            .filter(|g| {
                g.target == GroupTarget::Unresolved && blocking.contains(&g.source_group_id)
            })
            .map(|g| {
                g.source_name
                    .clone()
                    .unwrap_or_else(|| g.source_group_id.clone())
            })
            .collect();
        if !unresolved.is_empty() {
            return Err(ApiError::invalid(format!(
                "Groups without a target group: {}. Sync the tenant's groups, or map or skip them, then preview again.",
                unresolved.join(", ")
            )));
        }
        let changes = plan.counts.changes();
        if changes == 0 {
            return Err(ApiError::invalid(
                "The plan changes nothing: every object is identical or a conflict.",
            ));
        }
        if request.confirm_tenant.trim() != target.display_name
            || request.confirm_changes != changes
        {
            return Err(ApiError::invalid(format!(
                "Confirm by typing the tenant's name ({}) and the number of changes ({changes}).",
                target.display_name
            )));
        }
        let inputs = RestoreInputs {
            restore_id: restore.id,
            dry_run: false,
        };
        let work = Work {
            operation: OperationType::RestoreExecute,
            inputs: serde_json::to_value(inputs).expect("restore inputs serialise"),
            label: "Restore",
        };
        let refusal = target.work_refusal().map(|r| (r.code, r.message));
        let start = self
            .start_run(&target, Some(actor.user_id()), work, refusal, None)
            .await?;
        let mut db = self.store.begin().await?;
        audit::insert(
            &mut db,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(target.workspace_id),
                tenant_id: Some(target.id),
                actor: AuditActor::User {
                    user_id: actor.user_id(),
                },
                action: actions::RESTORE_REQUESTED.into(),
                target_type: "restore".into(),
                target_id: Some(restore.id.to_string()),
                summary: format!(
                    "Asked to restore {changes} change{} onto {}",
                    if changes == 1 { "" } else { "s" },
                    target.display_name
                ),
                metadata: serde_json::json!({
                    "run_id": start.run.id.to_string(),
                    "counts": plan.counts,
                    "intent": start.intent,
                }),
                created_at: Timestamp::now(),
            },
        )
        .await?;
        db.commit().await?;
        Ok(start)
    }

    /// Previews undoing an executed restore: restoring the pre-images it kept of everything it
    /// overwrote onto the same tenant.
    pub async fn preview_undo(
        &self,
        actor: &Actor,
        request: RestoreRequest,
    ) -> Result<RestorePreviewStarted, ApiError> {
        let view = self.get_restore(actor, request).await?;
        // Who may not restore onto the tenant learns that first, whatever the restore holds.
        self.authorized_tenant(
            actor,
            view.restore.tenant_id,
            Capability::TenantRestoreExecute,
            "restore onto this tenant",
        )
        .await?;
        let pre_images: Vec<PolicyVersionId> = view
            .restore
            .outcomes
            .iter()
            .flatten()
            .filter_map(|o| o.pre_image_version_id)
            .collect();
        if pre_images.is_empty() {
            return Err(ApiError::invalid(
                "This restore overwrote nothing, so there is nothing to undo.",
            ));
        }
        self.preview_restore(
            actor,
            PreviewRestoreRequest {
                tenant_id: view.restore.tenant_id,
                source: RestoreSource::Versions {
                    version_ids: pre_images,
                },
                group_overrides: None,
            },
        )
        .await
    }

    /// The tenant's restores (as target), newest first.
    pub async fn list_restores(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<Vec<Restore>, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantView,
                "view restores",
            )
            .await?;
        let mut db = self.store.conn().await?;
        Ok(restores::list_for_tenant(&mut db, tenant.id, LISTED).await?)
    }

    /// One restore with its plan.
    pub async fn get_restore(
        &self,
        actor: &Actor,
        request: RestoreRequest,
    ) -> Result<RestoreView, ApiError> {
        let restore = {
            let mut db = self.store.conn().await?;
            restores::get(&mut db, request.restore_id)
                .await?
                .ok_or_else(|| ApiError::not_found("Restore"))?
        };
        let target = self
            .authorized_record_tenant(
                actor,
                restore.tenant_id,
                Capability::TenantView,
                "view restores",
                "Restore",
            )
            .await?;
        let source = self
            .authorized_record_tenant(
                actor,
                restore.source_tenant_id,
                Capability::TenantView,
                "view restores",
                "Restore",
            )
            .await?;
        Ok(RestoreView {
            restore,
            tenant_name: target.display_name,
            source_tenant_name: source.display_name,
        })
    }

    /// The tenant the source's versions were captured from, if the actor may see it and it is
    /// of the target's workspace; a source that holds nothing usable is refused.
    async fn restore_source_tenant(
        &self,
        actor: &Actor,
        target: &Tenant,
        source: &RestoreSource,
    ) -> Result<Tenant, ApiError> {
        let mut db = self.store.conn().await?;
        let tenant_id = match source {
            RestoreSource::BackupSet { backup_set_id } => {
                let set = backup_sets::get(&mut db, *backup_set_id)
                    .await?
                    .filter(|s| s.workspace_id == target.workspace_id)
                    .ok_or_else(|| ApiError::not_found("Backup set"))?;
                match set.status {
                    BackupSetStatus::Capturing => return Err(ApiError::invalid(
                        "The backup set is still being captured; preview it once it is finished.",
                    )),
                    BackupSetStatus::Failed => {
                        return Err(ApiError::invalid(
                            "The backup set failed and holds no versions to restore.",
                        ))
                    }
                    BackupSetStatus::Complete | BackupSetStatus::Partial => set.tenant_id,
                }
            }
            RestoreSource::Versions { version_ids } => {
                version_tenant(&mut db, target, version_ids).await?
            }
        };
        drop(db);
        let what = match source {
            RestoreSource::BackupSet { .. } => "Backup set",
            RestoreSource::Versions { .. } => "Version",
        };
        self.authorized_record_tenant(
            actor,
            tenant_id,
            Capability::TenantView,
            "restore from it",
            what,
        )
        .await
    }

    /// Every group an override names must be one of the target's (cached) groups.
    async fn check_group_overrides(
        &self,
        target: &Tenant,
        overrides: &BTreeMap<String, GroupOverride>,
    ) -> Result<(), ApiError> {
        let chosen: Vec<String> = overrides
            .values()
            .filter_map(|o| match o {
                GroupOverride::To { group_id } => Some(group_id.clone()),
                GroupOverride::Skip => None,
            })
            .collect();
        if chosen.is_empty() {
            return Ok(());
        }
        let mut db = self.store.conn().await?;
        let known = groups::names(&mut db, target.id, &chosen).await?;
        match chosen.iter().find(|id| !known.contains_key(*id)) {
            Some(unknown) => Err(ApiError::invalid(format!(
                "The group {unknown} is not a group of {} (sync its groups if it was added recently).",
                target.display_name
            ))),
            None => Ok(()),
        }
    }
}

/// The one tenant the versions were captured from (of the target's workspace).
async fn version_tenant(
    db: &mut atlas_store::Conn,
    target: &Tenant,
    ids: &[PolicyVersionId],
) -> Result<TenantId, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::invalid("Choose at least one version to restore."));
    }
    if ids.len() > MAX_VERSIONS {
        return Err(ApiError::invalid(format!(
            "Restore at most {MAX_VERSIONS} versions at once."
        )));
    }
    let mut tenant = None;
    for id in ids {
        let version = policy_versions::get(db, *id)
            .await?
            .filter(|v| v.summary.workspace_id == target.workspace_id)
            .ok_or_else(|| ApiError::not_found("Version"))?;
        match tenant {
            None => tenant = Some(version.summary.tenant_id),
            Some(t) if t != version.summary.tenant_id => {
                return Err(ApiError::invalid(
                    "The versions come from more than one tenant: restore those of one tenant at a time.",
                ))
            }
            Some(_) => {}
        }
    }
    tenant.ok_or_else(|| ApiError::invalid("Choose at least one version to restore."))
}
