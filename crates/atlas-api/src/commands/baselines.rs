//! Baseline profiles and which tenants they govern (SPEC §6.1). Viewing needs
//! `workspace.baselines.view`; every change needs `workspace.baselines.manage` and writes an
//! audit entry in the same transaction. Starting captures and compares is in
//! `baseline_runs.rs`, findings in `findings.rs`.

use atlas_domain::{
    audit::actions, baseline::readiness, BaselineProfile, BaselineProfileId, BaselineReadiness,
    BaselineSnapshot, BaselineStatus, Capability, CaptureMode, SeverityRule, Tenant, TenantId,
    TenantStatus, Timestamp, WorkspaceId,
};
use atlas_graph::{Category, ObjectType};
use atlas_store::{baselines, findings, Db};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{
    access,
    audit_trail::{profile_event, Change},
    Actor, Api, ApiError, ErrorCode,
};

/// A profile with the tenants assigned to it, its compare readiness and its open findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineProfileView {
    pub profile: BaselineProfile,
    pub assigned_tenants: Vec<TenantId>,
    pub readiness: BaselineReadiness,
    /// Open findings of the tenants the reader may see.
    pub open_findings: i64,
}

/// A profile with its assignments, readiness and its snapshots, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineProfileDetail {
    pub profile: BaselineProfile,
    pub assigned_tenants: Vec<TenantId>,
    pub readiness: BaselineReadiness,
    pub snapshots: Vec<BaselineSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineProfileRequest {
    pub profile_id: BaselineProfileId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreateBaselineProfileRequest {
    pub workspace_id: WorkspaceId,
    pub name: String,
    #[ts(optional)]
    pub description: Option<String>,
    pub capture_mode: CaptureMode,
    /// Policy type keys of the object catalog; empty (or absent) means every policy type.
    #[ts(optional)]
    pub scope: Option<Vec<String>>,
    #[ts(optional)]
    pub source_tenant_id: Option<TenantId>,
}

/// Changes to a profile; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateBaselineProfileRequest {
    pub profile_id: BaselineProfileId,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub description: Option<String>,
    #[ts(optional)]
    pub capture_mode: Option<CaptureMode>,
    #[ts(optional)]
    pub scope: Option<Vec<String>>,
    #[ts(optional)]
    pub source_tenant_id: Option<TenantId>,
    /// The profile's own severity rules, first match wins (replaces the current ones).
    #[ts(optional)]
    pub severity_rules: Option<Vec<SeverityRule>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetBaselineStatusRequest {
    pub profile_id: BaselineProfileId,
    pub status: BaselineStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssignBaselineRequest {
    pub profile_id: BaselineProfileId,
    pub tenant_id: TenantId,
}

/// The scope as entered: known policy types, trimmed, de-duplicated, sorted.
fn checked_scope(scope: Vec<String>) -> Result<Vec<String>, ApiError> {
    let mut checked = Vec::with_capacity(scope.len());
    for key in scope {
        let key = key.trim();
        match ObjectType::find(key) {
            Some(t) if t.category != Category::Directory => checked.push(t.key.to_owned()),
            _ => {
                return Err(ApiError::invalid(format!(
                    "'{key}' is not a policy type TenantAtlas knows; choose types from the object catalog."
                )))
            }
        }
    }
    checked.sort();
    checked.dedup();
    Ok(checked)
}

/// Severity rules as entered: each names a known policy type (or none: any type).
fn checked_rules(rules: Vec<SeverityRule>) -> Result<Vec<SeverityRule>, ApiError> {
    const MAX_RULES: usize = 100;
    if rules.len() > MAX_RULES {
        return Err(ApiError::invalid(format!(
            "A profile holds at most {MAX_RULES} severity rules."
        )));
    }
    rules
        .into_iter()
        .map(|mut rule| {
            if let Some(key) = rule.policy_type.take() {
                rule.policy_type = Some(checked_scope(vec![key])?.remove(0));
            }
            Ok(rule)
        })
        .collect()
}

fn invalid(e: atlas_domain::DomainError) -> ApiError {
    ApiError::invalid(e.to_string())
}

impl Api {
    /// The workspace's baseline profiles by name, with their assigned tenants.
    pub async fn list_baseline_profiles(
        &self,
        actor: &Actor,
        request: crate::types::WorkspaceRequest,
    ) -> Result<Vec<BaselineProfileView>, ApiError> {
        let mut db = self.store.conn().await?;
        let visible = access::visible_tenants(
            &mut db,
            actor,
            request.workspace_id,
            Capability::WorkspaceBaselinesView,
            "view baselines",
        )
        .await?;
        let profiles = baselines::list_profiles(&mut db, request.workspace_id).await?;
        let open =
            findings::unresolved_by_profile(&mut db, request.workspace_id, visible.as_deref())
                .await?;
        let mut views = Vec::with_capacity(profiles.len());
        for profile in profiles {
            views.push(profile_view(&mut db, profile, &open).await?);
        }
        Ok(views)
    }

    /// One profile with its assignments and snapshot history.
    pub async fn get_baseline_profile(
        &self,
        actor: &Actor,
        request: BaselineProfileRequest,
    ) -> Result<BaselineProfileDetail, ApiError> {
        let mut db = self.store.conn().await?;
        let profile = visible_profile(
            &mut db,
            actor,
            request.profile_id,
            Capability::WorkspaceBaselinesView,
            "view baselines",
        )
        .await?;
        let snapshots = baselines::list_snapshots(&mut db, profile.id).await?;
        Ok(BaselineProfileDetail {
            assigned_tenants: baselines::assigned_tenants(&mut db, profile.id).await?,
            readiness: readiness(&profile, &snapshots),
            snapshots,
            profile,
        })
    }

    /// Creates a draft profile.
    pub async fn create_baseline_profile(
        &self,
        actor: &Actor,
        request: CreateBaselineProfileRequest,
    ) -> Result<BaselineProfile, ApiError> {
        let name = BaselineProfile::checked_name(&request.name).map_err(invalid)?;
        let description =
            BaselineProfile::checked_description(request.description.as_deref().unwrap_or(""))
                .map_err(invalid)?;
        let scope = checked_scope(request.scope.unwrap_or_default())?;
        let mut tx = self.store.begin().await?;
        access::workspace(
            &mut tx,
            actor,
            request.workspace_id,
            Capability::WorkspaceBaselinesManage,
            "manage baselines",
        )
        .await?;
        if let Some(source) = request.source_tenant_id {
            usable_tenant(&mut tx, actor, request.workspace_id, source).await?;
        }
        let now = Timestamp::now();
        let profile = BaselineProfile {
            id: BaselineProfileId::new(),
            workspace_id: request.workspace_id,
            name,
            description,
            status: BaselineStatus::Draft,
            capture_mode: request.capture_mode,
            scope,
            source_tenant_id: request.source_tenant_id,
            current_snapshot_id: None,
            severity_rules: vec![],
            created_at: now,
            updated_at: now,
        };
        baselines::insert_profile(&mut tx, &profile).await?;
        profile_event(
            &mut tx,
            actor,
            &profile,
            None,
            Change {
                action: actions::BASELINE_PROFILE_CREATED,
                summary: format!("Created baseline profile {}", profile.name),
                metadata: json!({ "capture_mode": profile.capture_mode, "scope": profile.scope }),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(profile)
    }

    /// Edits a profile that is not archived.
    pub async fn update_baseline_profile(
        &self,
        actor: &Actor,
        request: UpdateBaselineProfileRequest,
    ) -> Result<BaselineProfile, ApiError> {
        let mut tx = self.store.begin().await?;
        let before = managed_profile(&mut tx, actor, request.profile_id).await?;
        if before.status == BaselineStatus::Archived {
            return Err(ApiError::invalid(format!(
                "{} is archived; archived profiles are kept as they were.",
                before.name
            )));
        }
        let mut after = before.clone();
        if let Some(name) = &request.name {
            after.name = BaselineProfile::checked_name(name).map_err(invalid)?;
        }
        if let Some(description) = &request.description {
            after.description =
                BaselineProfile::checked_description(description).map_err(invalid)?;
        }
        if let Some(mode) = request.capture_mode {
            after.capture_mode = mode;
        }
        if let Some(scope) = request.scope {
            after.scope = checked_scope(scope)?;
        }
        if let Some(source) = request.source_tenant_id {
            usable_tenant(&mut tx, actor, before.workspace_id, source).await?;
            after.source_tenant_id = Some(source);
        }
        if let Some(rules) = request.severity_rules {
            after.severity_rules = checked_rules(rules)?;
        }
        if after == before {
            return Ok(before);
        }
        let now = Timestamp::now();
        after.updated_at = now;
        baselines::update_profile(&mut tx, &after).await?;
        profile_event(
            &mut tx,
            actor,
            &after,
            None,
            Change {
                action: actions::BASELINE_PROFILE_UPDATED,
                summary: format!("Changed baseline profile {}", after.name),
                metadata: json!({
                    "renamed_from": (before.name != after.name).then_some(&before.name),
                    "capture_mode": after.capture_mode,
                    "scope": after.scope,
                    "source_tenant_id": after.source_tenant_id,
                    "severity_rules": after.severity_rules,
                }),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Activates or archives a profile (draft → active → archived). Activation needs a source
    /// tenant to capture from.
    pub async fn set_baseline_profile_status(
        &self,
        actor: &Actor,
        request: SetBaselineStatusRequest,
    ) -> Result<BaselineProfile, ApiError> {
        let mut tx = self.store.begin().await?;
        let before = managed_profile(&mut tx, actor, request.profile_id).await?;
        if before.status == request.status {
            return Ok(before);
        }
        if !before.status.can_become(request.status) {
            return Err(ApiError::invalid(format!(
                "{} is {} and cannot become {}: profiles go from draft to active to archived.",
                before.name,
                before.status.code(),
                request.status.code()
            )));
        }
        if request.status == BaselineStatus::Active && before.source_tenant_id.is_none() {
            return Err(ApiError::invalid(format!(
                "Choose the tenant {} captures from before activating it.",
                before.name
            )));
        }
        let now = Timestamp::now();
        let after = BaselineProfile {
            status: request.status,
            updated_at: now,
            ..before.clone()
        };
        baselines::update_profile(&mut tx, &after).await?;
        profile_event(
            &mut tx,
            actor,
            &after,
            None,
            Change {
                action: actions::BASELINE_PROFILE_STATUS_CHANGED,
                summary: format!(
                    "Baseline profile {}: {} → {}",
                    after.name,
                    before.status.code(),
                    after.status.code()
                ),
                metadata: json!({ "from": before.status, "to": after.status }),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Assigns a tenant of the profile's workspace to the profile. A tenant already assigned
    /// elsewhere must be unassigned first: one tenant, one profile.
    pub async fn assign_baseline(
        &self,
        actor: &Actor,
        request: AssignBaselineRequest,
    ) -> Result<BaselineProfileView, ApiError> {
        let mut tx = self.store.begin().await?;
        // Both records must be visible before the capability is asked: a member who may not
        // see the tenant learns nothing from "forbidden".
        let view = (Capability::WorkspaceBaselinesView, "view baselines");
        visible_profile(&mut tx, actor, request.profile_id, view.0, view.1).await?;
        access::tenant(
            &mut tx,
            actor,
            request.tenant_id,
            Capability::TenantView,
            "view this tenant",
        )
        .await?;
        let profile = managed_profile(&mut tx, actor, request.profile_id).await?;
        if profile.status == BaselineStatus::Archived {
            return Err(ApiError::invalid(format!(
                "{} is archived; assign tenants to an active or draft profile.",
                profile.name
            )));
        }
        let tenant = usable_tenant(&mut tx, actor, profile.workspace_id, request.tenant_id).await?;
        match baselines::assignment_of(&mut tx, tenant.id).await? {
            Some(current) if current == profile.id => {}
            Some(other) => {
                let name = baselines::get_profile(&mut tx, other)
                    .await?
                    .map(|p| p.name)
                    .unwrap_or_else(|| "another profile".into());
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    format!(
                        "{} is already assigned to {name}; unassign it there first.",
                        tenant.display_name
                    ),
                ));
            }
            None => {
                let now = Timestamp::now();
                baselines::assign(&mut tx, profile.workspace_id, profile.id, tenant.id, now)
                    .await?;
                profile_event(
                    &mut tx,
                    actor,
                    &profile,
                    Some(&tenant),
                    Change {
                        action: actions::BASELINE_ASSIGNED,
                        summary: format!(
                            "Assigned {} to baseline {}",
                            tenant.display_name, profile.name
                        ),
                        metadata: json!({}),
                    },
                    now,
                )
                .await?;
            }
        }
        let visible = access::visible_tenants(
            &mut tx,
            actor,
            profile.workspace_id,
            Capability::WorkspaceBaselinesView,
            "view baselines",
        )
        .await?;
        let open =
            findings::unresolved_by_profile(&mut tx, profile.workspace_id, visible.as_deref())
                .await?;
        let view = profile_view(&mut tx, profile, &open).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Removes a tenant from its profile; nothing to do when it has none.
    pub async fn unassign_baseline(
        &self,
        actor: &Actor,
        request: crate::types::TenantRequest,
    ) -> Result<Tenant, ApiError> {
        let mut tx = self.store.begin().await?;
        let tenant = access::tenant(
            &mut tx,
            actor,
            request.tenant_id,
            Capability::WorkspaceBaselinesManage,
            "manage baselines",
        )
        .await?;
        if let Some(profile_id) = baselines::assignment_of(&mut tx, tenant.id).await? {
            let profile = baselines::get_profile(&mut tx, profile_id)
                .await?
                .ok_or_else(|| ApiError::not_found("Baseline profile"))?;
            let now = Timestamp::now();
            baselines::unassign(&mut tx, tenant.id).await?;
            profile_event(
                &mut tx,
                actor,
                &profile,
                Some(&tenant),
                Change {
                    action: actions::BASELINE_UNASSIGNED,
                    summary: format!(
                        "Removed {} from baseline {}",
                        tenant.display_name, profile.name
                    ),
                    metadata: json!({}),
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(tenant)
    }
}

/// A profile as the profiles table shows it; `open` is the open findings per profile.
async fn profile_view(
    db: &mut impl Db,
    profile: BaselineProfile,
    open: &[(BaselineProfileId, i64)],
) -> Result<BaselineProfileView, ApiError> {
    let assigned_tenants = baselines::assigned_tenants(db, profile.id).await?;
    let snapshots = baselines::list_snapshots(db, profile.id).await?;
    Ok(BaselineProfileView {
        readiness: readiness(&profile, &snapshots),
        open_findings: open
            .iter()
            .find(|(id, _)| *id == profile.id)
            .map(|(_, n)| *n)
            .unwrap_or_default(),
        profile,
        assigned_tenants,
    })
}

/// The profile, if the actor is a member of its workspace (else *not found*) with `capability`
/// (else *forbidden*).
pub(crate) async fn visible_profile(
    db: &mut impl Db,
    actor: &Actor,
    id: BaselineProfileId,
    capability: Capability,
    action: &str,
) -> Result<BaselineProfile, ApiError> {
    let profile = baselines::get_profile(db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("Baseline profile"))?;
    access::workspace(db, actor, profile.workspace_id, capability, action)
        .await
        .map_err(|e| match e.code {
            ErrorCode::NotFound => ApiError::not_found("Baseline profile"),
            _ => e,
        })?;
    Ok(profile)
}

/// The profile, if the actor may change it.
pub(crate) async fn managed_profile(
    db: &mut impl Db,
    actor: &Actor,
    id: BaselineProfileId,
) -> Result<BaselineProfile, ApiError> {
    visible_profile(
        db,
        actor,
        id,
        Capability::WorkspaceBaselinesManage,
        "manage baselines",
    )
    .await
}

/// A tenant the actor may see, of this workspace, that is not archived.
async fn usable_tenant(
    db: &mut impl Db,
    actor: &Actor,
    workspace: WorkspaceId,
    tenant: TenantId,
) -> Result<Tenant, ApiError> {
    let tenant = access::tenant(
        db,
        actor,
        tenant,
        Capability::TenantView,
        "view this tenant",
    )
    .await?;
    if tenant.workspace_id != workspace {
        return Err(ApiError::not_found("Tenant"));
    }
    if tenant.status == TenantStatus::Archived {
        return Err(ApiError::invalid(format!(
            "{} is archived; baselines cover active or paused tenants.",
            tenant.display_name
        )));
    }
    Ok(tenant)
}
