//! Restores (SPEC §7): preview what restoring a backup set, chosen versions or a baseline's
//! content (remediating drift findings) onto a tenant would change (a read-only `restore.execute` dry run), execute a previewed plan after a typed
//! confirmation, preview undoing an executed restore (its pre-images), list a tenant's
//! restores, read one with its plan and outcomes. Every source is checked before anything is
//! stored: versions of one tenant of the same workspace that the actor may see, group choices
//! naming the target's own groups.

use std::collections::BTreeMap;

use atlas_domain::{
    audit::actions, AuditActor, AuditEntry, BackupSetStatus, Capability, CaptureMode, FindingId,
    FindingKind, FindingStatus, GroupOverride, GroupTarget, ItemOutcomeKind, OperationType,
    PolicyVersionId, Restore, RestoreConflict, RestoreId, RestoreInputs, RestoreSource,
    RestoreStatus, SecretField, SnapshotState, Tenant, TenantId, Timestamp,
};
use atlas_store::{audit, backup_sets, baselines, groups, policy_versions, restores};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    commands::{
        findings::{visible_finding, MAX_BULK},
        sync::Work,
    },
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
    /// The plan's number of changes, as the operator confirmed it (with the objects the
    /// secret values below make writable).
    pub confirm_changes: u32,
    /// Values for secret fields the plan names as conflicts. Used for this execution only and
    /// never stored; an object is written once every one of its secret fields has a value.
    #[ts(optional)]
    pub secrets: Option<Vec<SecretValueInput>>,
}

/// A value typed for one secret field of a plan's object.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SecretValueInput {
    pub source_version_id: PolicyVersionId,
    /// The field's path, as the plan's `secret_values` conflict names it.
    pub field: String,
    pub value: String,
}

impl std::fmt::Debug for SecretValueInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretValueInput")
            .field("source_version_id", &self.source_version_id)
            .field("field", &self.field)
            .field("value", &"<hidden>")
            .finish()
    }
}

/// Remediating drift: pushing the baseline's content for the subjects of chosen findings (of
/// one tenant and one baseline profile) back onto the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RemediateFindingsRequest {
    pub tenant_id: TenantId,
    pub finding_ids: Vec<FindingId>,
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
            secret_fields: vec![],
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

    /// Starts the preview of remediating drift findings: restoring their profile's current
    /// (full-content) baseline snapshot onto the tenant for the findings' subjects. Missing and
    /// drifted subjects can be remediated; an unexpected object is not the baseline's to write.
    pub async fn remediate_findings(
        &self,
        actor: &Actor,
        request: RemediateFindingsRequest,
    ) -> Result<RestorePreviewStarted, ApiError> {
        if request.finding_ids.is_empty() || request.finding_ids.len() > MAX_BULK {
            return Err(ApiError::invalid(format!(
                "Choose 1 to {MAX_BULK} findings to remediate."
            )));
        }
        let mut profile = None;
        let mut subject_keys = Vec::with_capacity(request.finding_ids.len());
        {
            let mut db = self.store.conn().await?;
            for id in &request.finding_ids {
                let finding = visible_finding(
                    &mut db,
                    actor,
                    *id,
                    Capability::TenantView,
                    "remediate findings",
                )
                .await?
                .summary;
                if finding.tenant_id != request.tenant_id {
                    return Err(ApiError::not_found("Finding"));
                }
                if finding.status == FindingStatus::Resolved {
                    return Err(ApiError::invalid(format!(
                        "'{}' is resolved already: nothing to remediate.",
                        finding.display_name
                    )));
                }
                if finding.kind == FindingKind::Unexpected {
                    return Err(ApiError::invalid(format!(
                        "'{}' is in the tenant but not in the baseline: a restore writes only what the baseline holds. Delete it in the tenant, or add it to the baseline's source.",
                        finding.display_name
                    )));
                }
                match profile {
                    None => profile = Some(finding.profile_id),
                    Some(p) if p != finding.profile_id => {
                        return Err(ApiError::invalid(
                            "The findings come from more than one baseline: remediate those of one baseline at a time.",
                        ))
                    }
                    Some(_) => {}
                }
                subject_keys.push(finding.subject_key);
            }
        }
        let profile_id =
            profile.ok_or_else(|| ApiError::invalid("Choose findings to remediate."))?;
        let snapshot_id = {
            let mut db = self.store.conn().await?;
            baselines::get_profile(&mut db, profile_id)
                .await?
                .and_then(|p| p.current_snapshot_id)
                .ok_or_else(|| {
                    ApiError::invalid("The baseline has no complete snapshot: capture it first.")
                })?
        };
        subject_keys.sort();
        subject_keys.dedup();
        self.preview_restore(
            actor,
            PreviewRestoreRequest {
                tenant_id: request.tenant_id,
                source: RestoreSource::Baseline {
                    snapshot_id,
                    subject_keys,
                },
                group_overrides: None,
            },
        )
        .await
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
        let (secret_fields, supplied, unlocked) =
            checked_secrets(plan, request.secrets.unwrap_or_default())?;
        let changes = plan.counts.changes() + unlocked;
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
            secret_fields,
        };
        let work = Work {
            operation: OperationType::RestoreExecute,
            inputs: serde_json::to_value(inputs).expect("restore inputs serialise"),
            label: "Restore",
        };
        let refusal = target.work_refusal().map(|r| (r.code, r.message));
        let typed = supplied.len();
        // Left before the run starts, so the engine of this process finds them when it claims it.
        self.restore_secrets.leave(restore.id, supplied);
        let start = self
            .start_run(&target, Some(actor.user_id()), work, refusal, None)
            .await;
        let start = match start {
            Ok(start) if start.intent == StartIntent::Queued => start,
            other => {
                self.restore_secrets.take(restore.id);
                other?
            }
        };
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
                    "secret_values_typed": typed,
                }),
                created_at: Timestamp::now(),
            },
        )
        .await?;
        db.commit().await?;
        Ok(start)
    }

    /// Previews undoing an executed restore on the same tenant: restoring the pre-images it kept
    /// of everything it overwrote, and deleting what it created.
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
        let changed = view
            .restore
            .outcomes
            .iter()
            .flatten()
            .any(|o| o.pre_image_version_id.is_some() || o.outcome == ItemOutcomeKind::Created);
        if !changed {
            return Err(ApiError::invalid(
                "This restore changed nothing, so there is nothing to undo.",
            ));
        }
        self.preview_restore(
            actor,
            PreviewRestoreRequest {
                tenant_id: view.restore.tenant_id,
                source: RestoreSource::Undo {
                    restore_id: view.restore.id,
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
            RestoreSource::Undo { restore_id } => {
                let undone = restores::get(&mut db, *restore_id)
                    .await?
                    .filter(|r| r.workspace_id == target.workspace_id)
                    .ok_or_else(|| ApiError::not_found("Restore"))?;
                if undone.tenant_id != target.id {
                    return Err(ApiError::invalid(
                        "A restore is undone on the tenant it wrote to.",
                    ));
                }
                if undone.outcomes.is_none() {
                    return Err(ApiError::invalid("Only an executed restore can be undone."));
                }
                target.id
            }
            RestoreSource::Baseline {
                snapshot_id,
                subject_keys,
            } => {
                let snapshot = baselines::get_snapshot(&mut db, *snapshot_id)
                    .await?
                    .filter(|s| s.workspace_id == target.workspace_id)
                    .ok_or_else(|| ApiError::not_found("Baseline snapshot"))?;
                if snapshot.capture_mode != CaptureMode::FullContent {
                    return Err(ApiError::invalid(
                        "The baseline captures fingerprints only, not content: switch its capture mode to full content and capture it again to remediate from it.",
                    ));
                }
                if snapshot.state != SnapshotState::Complete {
                    return Err(ApiError::invalid(format!(
                        "The baseline snapshot is {}; only a complete snapshot can be restored from.",
                        snapshot.state
                    )));
                }
                if subject_keys.len() > MAX_VERSIONS {
                    return Err(ApiError::invalid(format!(
                        "Restore at most {MAX_VERSIONS} subjects at once."
                    )));
                }
                snapshot.source_tenant_id
            }
        };
        drop(db);
        let what = match source {
            RestoreSource::BackupSet { .. } => "Backup set",
            RestoreSource::Versions { .. } => "Version",
            RestoreSource::Baseline { .. } => "Baseline snapshot",
            RestoreSource::Undo { .. } => "Restore",
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

/// Longest secret value accepted (certificates and keys are well below it).
const MAX_SECRET_LEN: usize = 64 * 1024;

/// Checks typed secret values against the plan: each names a secret field of an object whose
/// only conflict is its secret fields, and every such object gets all of its fields or none.
/// Returns the fields (for the run's inputs), the values (for this process's engine only) and
/// how many objects they make writable. Errors never repeat a value.
fn checked_secrets(
    plan: &atlas_domain::RestorePlan,
    typed: Vec<SecretValueInput>,
) -> Result<(Vec<SecretField>, atlas_restore::SuppliedSecrets, u32), ApiError> {
    let mut supplied = atlas_restore::SuppliedSecrets::new();
    for input in typed {
        let item = plan
            .items
            .iter()
            .find(|i| i.source_version_id == input.source_version_id)
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "A secret value names version {}, which is not in this restore's plan.",
                    input.source_version_id
                ))
            })?;
        let fields = match item.conflicts.as_slice() {
            [RestoreConflict::SecretValues { fields }] => fields,
            _ => {
                return Err(ApiError::invalid(format!(
                    "'{}' has no secret fields to fill, or has other conflicts that keep it from being written.",
                    item.display_name
                )))
            }
        };
        if !fields.contains(&input.field) {
            return Err(ApiError::invalid(format!(
                "'{}' has no secret field {}.",
                item.display_name, input.field
            )));
        }
        if input.value.trim().is_empty() || input.value.len() > MAX_SECRET_LEN {
            return Err(ApiError::invalid(format!(
                "The value for {} of '{}' must be 1 to {MAX_SECRET_LEN} characters.",
                input.field, item.display_name
            )));
        }
        let key = (input.source_version_id, input.field);
        if supplied.insert(key, input.value).is_some() {
            return Err(ApiError::invalid(format!(
                "A secret field of '{}' has two values.",
                item.display_name
            )));
        }
    }
    let mut unlocked = 0;
    for item in &plan.items {
        let [RestoreConflict::SecretValues { fields }] = item.conflicts.as_slice() else {
            continue;
        };
        let given: Vec<&String> = fields
            .iter()
            .filter(|f| supplied.contains_key(&(item.source_version_id, (*f).clone())))
            .collect();
        if given.is_empty() {
            continue;
        }
        if given.len() < fields.len() {
            let missing: Vec<&str> = fields
                .iter()
                .filter(|f| !given.contains(f))
                .map(String::as_str)
                .collect();
            return Err(ApiError::invalid(format!(
                "Give every secret value of '{}' (missing: {}), or none.",
                item.display_name,
                missing.join(", ")
            )));
        }
        unlocked += 1;
    }
    let fields = supplied
        .keys()
        .map(|(version, field)| SecretField {
            source_version_id: *version,
            field: field.clone(),
        })
        .collect();
    Ok((fields, supplied, unlocked))
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
