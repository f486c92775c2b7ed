//! The demo workspace: the actor as owner and three fictional customer tenants served by the
//! built-in simulated cloud. Only in builds with the `demo` feature; without it the command
//! says the demo is not part of this build.

use atlas_domain::{
    audit::actions,
    workspace::{DEMO_WORKSPACE_NAME, DEMO_WORKSPACE_SLUG},
    AuditActor, AuditEntry, BaselineProfile, BaselineProfileId, BaselineStatus, CaptureMode,
    CredentialKind, Membership, ProviderConnection, Role, Tenant, TenantId, TenantStatus,
    Timestamp, Workspace, WorkspaceId,
};
use atlas_store::{audit, baselines, memberships, tenants, workspaces, Db, StoreError};

use crate::{
    audit_trail::{profile_event, Change},
    commands::workspaces::{summary, CreateDemoWorkspaceResponse},
    Actor, Api, ApiError,
};

/// Each operator gets their own demo workspace, so creating it never reveals or joins another
/// operator's workspace.
fn demo_slug(actor: &Actor) -> String {
    format!("{DEMO_WORKSPACE_SLUG}-{}", actor.user_id())
}

impl Api {
    /// Starts the demo cloud (so the first sync finds it ready), then returns the actor's demo
    /// workspace or creates it — every row in one transaction.
    pub(super) async fn create_or_return_demo(
        &self,
        actor: &Actor,
    ) -> Result<CreateDemoWorkspaceResponse, ApiError> {
        if let Err(e) = self.connector.demo().base_url().await {
            tracing::warn!(error = %e.message, "the demo cloud did not start");
        }
        if let Some(existing) = self.existing_demo(actor).await? {
            return Ok(existing);
        }
        match self.insert_demo(actor).await {
            Ok((created, baseline)) => {
                if self.demo_baseline_in_background {
                    self.spawn_demo_baseline(actor.clone(), baseline);
                }
                Ok(created)
            }
            // Created concurrently by another call: return that one.
            Err(ApiError {
                code: crate::ErrorCode::Conflict,
                ..
            }) => self
                .existing_demo(actor)
                .await?
                .ok_or_else(|| ApiError::new(crate::ErrorCode::Conflict, "demo workspace clash")),
            Err(other) => Err(other),
        }
    }

    async fn existing_demo(
        &self,
        actor: &Actor,
    ) -> Result<Option<CreateDemoWorkspaceResponse>, ApiError> {
        let mut db = self.store.conn().await?;
        let Some(workspace) = workspaces::find_by_slug(&mut db, &demo_slug(actor)).await? else {
            return Ok(None);
        };
        let membership = memberships::get(&mut db, workspace.id, actor.user_id())
            .await?
            .ok_or_else(|| ApiError::not_found("Workspace"))?;
        let tenants = tenants::list_visible(&mut db, workspace.id, actor.user_id()).await?;
        Ok(Some(CreateDemoWorkspaceResponse {
            workspace: summary(workspace, membership),
            created: false,
            tenants,
        }))
    }

    async fn insert_demo(
        &self,
        actor: &Actor,
    ) -> Result<(CreateDemoWorkspaceResponse, BaselineProfileId), ApiError> {
        let now = Timestamp::now();
        let workspace = Workspace {
            id: WorkspaceId::new(),
            slug: demo_slug(actor),
            name: DEMO_WORKSPACE_NAME.into(),
            created_at: now,
            updated_at: now,
        };
        let membership = Membership {
            workspace_id: workspace.id,
            user_id: actor.user_id(),
            role: Role::Owner,
            all_tenants: true,
        };
        let mut tx = self.store.begin().await?;
        workspaces::insert(&mut tx, &workspace).await?;
        memberships::insert(&mut tx, &membership, now).await?;
        record(
            &mut tx,
            actor,
            &workspace,
            None,
            actions::WORKSPACE_CREATED,
            "workspace",
            now,
        )
        .await?;
        let demo_tenants = crate::demo::demo_tenant_infos();
        let mut created = Vec::with_capacity(demo_tenants.len());
        for demo in demo_tenants {
            let tenant = Tenant {
                id: TenantId::new(),
                workspace_id: workspace.id,
                display_name: demo.display_name,
                directory_tenant_id: demo.tenant_id.to_string().parse()?,
                primary_domain: Some(demo.primary_domain),
                status: TenantStatus::Active,
                simulated: true,
                // The simulated cloud's own app registration: its secret is never stored.
                connection: Some(ProviderConnection {
                    client_id: demo.client_id.to_string(),
                    credential_kind: CredentialKind::ClientSecret,
                    credential_ref: None,
                    credential_updated_at: None,
                    credential_expiry: None,
                }),
                connection_check: Default::default(),
                created_at: now,
                updated_at: now,
            };
            tenants::insert(&mut tx, &tenant).await?;
            record(
                &mut tx,
                actor,
                &workspace,
                Some(&tenant),
                actions::TENANT_CREATED,
                "tenant",
                now,
            )
            .await?;
            created.push(tenant);
        }
        let baseline = insert_demo_baseline(&mut tx, actor, &workspace, &created, now).await?;
        tx.commit().await?;
        tracing::info!(workspace = %workspace.id, "demo workspace created");
        created.sort_by_key(|t| t.display_name.to_lowercase());
        Ok((
            CreateDemoWorkspaceResponse {
                workspace: summary(workspace, membership),
                created: true,
                tenants: created,
            },
            baseline,
        ))
    }

    /// Captures the demo baseline and then compares its tenants, in the background, so the
    /// first look at the demo shows drift. The runs are ordinary runs (visible, auditable) but
    /// the product's own: they raise no notification. If no worker picks them up, the wait
    /// gives up and nothing else happens.
    fn spawn_demo_baseline(&self, actor: Actor, profile_id: BaselineProfileId) {
        let api = self.clone();
        tokio::spawn(async move {
            if let Err(e) = api.capture_then_compare(&actor, profile_id, false).await {
                tracing::warn!(error = %e.message, "the demo baseline was not compared");
            }
        });
    }
}

/// The demo's baseline profile: active, full content, every policy type, captured from the
/// reference tenant, with the other demo tenants assigned.
async fn insert_demo_baseline(
    db: &mut impl Db,
    actor: &Actor,
    workspace: &Workspace,
    tenants: &[Tenant],
    now: Timestamp,
) -> Result<BaselineProfileId, ApiError> {
    let reference = &tenants[crate::demo::DEMO_REFERENCE];
    let profile = BaselineProfile {
        id: BaselineProfileId::new(),
        workspace_id: workspace.id,
        name: crate::demo::DEMO_BASELINE_NAME.into(),
        description: format!(
            "What every managed customer should have, as configured in {}.",
            reference.display_name
        ),
        status: BaselineStatus::Active,
        capture_mode: CaptureMode::FullContent,
        scope: vec![],
        source_tenant_id: Some(reference.id),
        current_snapshot_id: None,
        severity_rules: vec![],
        created_at: now,
        updated_at: now,
    };
    baselines::insert_profile(db, &profile).await?;
    profile_event(
        db,
        actor,
        &profile,
        None,
        Change {
            action: actions::BASELINE_PROFILE_CREATED,
            summary: format!("Created baseline profile {}", profile.name),
            metadata: serde_json::json!({ "capture_mode": profile.capture_mode, "demo": true }),
        },
        now,
    )
    .await?;
    for tenant in tenants.iter().filter(|t| t.id != reference.id) {
        baselines::assign(db, workspace.id, profile.id, tenant.id, now).await?;
        profile_event(
            db,
            actor,
            &profile,
            Some(tenant),
            Change {
                action: actions::BASELINE_ASSIGNED,
                summary: format!(
                    "Assigned {} to baseline {}",
                    tenant.display_name, profile.name
                ),
                metadata: serde_json::json!({}),
            },
            now,
        )
        .await?;
    }
    Ok(profile.id)
}

async fn record(
    db: &mut impl Db,
    actor: &Actor,
    workspace: &Workspace,
    tenant: Option<&Tenant>,
    action: &str,
    target_type: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    let (target_id, summary) = match tenant {
        Some(t) => (
            t.id.to_string(),
            format!("Added tenant {} (simulated)", t.display_name),
        ),
        None => (
            workspace.id.to_string(),
            format!("Created workspace {}", workspace.name),
        ),
    };
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(workspace.id),
        tenant_id: tenant.map(|t| t.id),
        actor: AuditActor::User {
            user_id: actor.user_id(),
        },
        action: action.into(),
        target_type: target_type.into(),
        target_id: Some(target_id),
        summary,
        metadata: serde_json::json!({ "demo": true }),
        created_at: now,
    };
    audit::insert(db, &entry).await
}
