//! Starting syncs — one tenant or every tenant — and what the tenants list shows about them.
//! A start that a precondition refuses is recorded as a blocked run, so the intent the UI shows
//! is always what happened: queued, already active, or blocked with the reason.

use atlas_domain::{Capability, OperationRun, RunStatus, Tenant, TenantStatus};
use atlas_engine::StartRequest;
use atlas_store::{runs, tenants};
use serde_json::json;

use crate::{
    access,
    maintenance::engine_error,
    types::{
        GetRunRequest, LastSync, ListLastSyncsRequest, StartIntent, StartRunResponse,
        StartSyncRequest, SyncAllRequest, SyncAllResponse, SyncKind, TenantSkipped, TenantStart,
    },
    Actor, Api, ApiError, ErrorCode,
};

impl Api {
    /// Queues one sync of one tenant (or returns the one already queued or running).
    pub async fn start_sync(
        &self,
        actor: &Actor,
        request: StartSyncRequest,
    ) -> Result<StartRunResponse, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantSync,
                "sync this tenant",
            )
            .await?;
        self.start_for(actor, &tenant, request.kind).await
    }

    /// Queues the sync for every active tenant of the workspace the actor may sync. Tenants run
    /// in parallel, each within its own Graph budget.
    pub async fn sync_all(
        &self,
        actor: &Actor,
        request: SyncAllRequest,
    ) -> Result<SyncAllResponse, ApiError> {
        let visible = {
            let mut db = self.store.conn().await?;
            access::workspace(
                &mut db,
                actor,
                request.workspace_id,
                Capability::TenantSync,
                "sync tenants",
            )
            .await?;
            tenants::list_visible(&mut db, request.workspace_id, actor.user_id()).await?
        };
        let mut response = SyncAllResponse {
            started: vec![],
            skipped: vec![],
        };
        for tenant in visible {
            match refusal(&tenant) {
                Some((_, reason)) => response.skipped.push(TenantSkipped {
                    tenant_id: tenant.id,
                    display_name: tenant.display_name.clone(),
                    reason,
                }),
                None => {
                    let start = self.start_for(actor, &tenant, request.kind).await?;
                    response.started.push(TenantStart {
                        tenant_id: tenant.id,
                        display_name: tenant.display_name.clone(),
                        start,
                    });
                }
            }
        }
        Ok(response)
    }

    async fn start_for(
        &self,
        actor: &Actor,
        tenant: &Tenant,
        kind: SyncKind,
    ) -> Result<StartRunResponse, ApiError> {
        let label = label(kind);
        let started = self
            .runs
            .start(StartRequest {
                workspace_id: tenant.workspace_id,
                tenant_id: Some(tenant.id),
                initiator: Some(actor.user_id()),
                operation: kind.operation(),
                inputs: inputs(kind),
                identity: None,
            })
            .await
            .map_err(engine_error)?;
        if started.deduped {
            let state = match started.run.status {
                RunStatus::Running => "running",
                _ => "queued",
            };
            return Ok(StartRunResponse {
                intent: StartIntent::AlreadyActive,
                message: format!("{label} of {} is already {state}", tenant.display_name),
                run: started.run,
            });
        }
        if let Some((code, reason)) = refusal(tenant) {
            // The worker may have claimed it already; its handler then blocks it the same way.
            let run = self
                .runs
                .finalize_blocked(started.run.id, code, &reason)
                .await
                .map_err(engine_error)?
                .run()
                .clone();
            return Ok(StartRunResponse {
                intent: StartIntent::Blocked,
                message: reason,
                run,
            });
        }
        Ok(StartRunResponse {
            intent: StartIntent::Queued,
            message: format!("{label} of {} queued", tenant.display_name),
            run: started.run,
        })
    }

    /// The newest completed sync of each kind for each tenant of the workspace the actor sees.
    pub async fn list_last_syncs(
        &self,
        actor: &Actor,
        request: ListLastSyncsRequest,
    ) -> Result<Vec<LastSync>, ApiError> {
        let mut db = self.store.conn().await?;
        access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::TenantView,
            "view tenants",
        )
        .await?;
        let visible = tenants::list_visible(&mut db, request.workspace_id, actor.user_id()).await?;
        let ids: Vec<_> = visible.iter().map(|t| t.id).collect();
        let types: Vec<_> = SyncKind::ALL.iter().map(|k| k.operation()).collect();
        let rows = runs::last_completed_by_type_for_tenants(&mut db, &ids, &types).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(tenant_id, operation, outcome, completed_at)| {
                let kind = SyncKind::ALL
                    .into_iter()
                    .find(|k| k.operation() == operation)?;
                Some(LastSync {
                    tenant_id,
                    kind,
                    outcome,
                    completed_at,
                })
            })
            .collect())
    }

    /// One run, if the actor may see its workspace (and its tenant).
    pub async fn get_run(
        &self,
        actor: &Actor,
        request: GetRunRequest,
    ) -> Result<OperationRun, ApiError> {
        let mut db = self.store.conn().await?;
        let run = runs::get(&mut db, request.run_id)
            .await?
            .ok_or_else(|| ApiError::not_found("Run"))?;
        let visible = match run.tenant_id {
            Some(tenant) => access::tenant(
                &mut db,
                actor,
                tenant,
                Capability::TenantView,
                "view this run",
            )
            .await
            .map(|_| ()),
            None => access::workspace(
                &mut db,
                actor,
                run.workspace_id,
                Capability::TenantView,
                "view this run",
            )
            .await
            .map(|_| ()),
        };
        match visible {
            Ok(()) => Ok(run),
            Err(e) if e.code == ErrorCode::NotFound => Err(ApiError::not_found("Run")),
            Err(e) => Err(e),
        }
    }
}

/// Why a tenant cannot be synced now, as (reason code, operator message).
fn refusal(tenant: &Tenant) -> Option<(&'static str, String)> {
    match tenant.status {
        TenantStatus::Paused => {
            return Some((
                "tenant.not_active",
                format!("{} is paused: reactivate it to sync.", tenant.display_name),
            ))
        }
        TenantStatus::Archived => {
            return Some((
                "tenant.not_active",
                format!(
                    "{} is archived: reactivate it to sync.",
                    tenant.display_name
                ),
            ))
        }
        TenantStatus::Active => {}
    }
    let connected = tenant.simulated
        || tenant
            .connection
            .as_ref()
            .is_some_and(|c| c.credential_ref.is_some());
    (!connected).then(|| {
        (
            "tenant.not_connected",
            format!(
                "{} has no app registration credential yet: add its client id and secret first.",
                tenant.display_name
            ),
        )
    })
}

fn label(kind: SyncKind) -> &'static str {
    match kind {
        SyncKind::Inventory => "Inventory sync",
        SyncKind::Policies => "Policy sync",
        SyncKind::Groups => "Group sync",
        SyncKind::Roles => "Directory role sync",
    }
}

/// The handler inputs of a full sync of each kind.
fn inputs(kind: SyncKind) -> serde_json::Value {
    match kind {
        SyncKind::Inventory => json!({ "selection": atlas_domain::InventorySelection::default() }),
        SyncKind::Policies => json!({
            "selection": atlas_domain::InventorySelection::default(),
            "purpose": atlas_domain::VersionPurpose::Backup,
        }),
        SyncKind::Groups | SyncKind::Roles => json!({}),
    }
}
