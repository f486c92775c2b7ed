//! Starting syncs — one tenant or every tenant — and what the tenants list shows about them.
//! A start that a precondition refuses is recorded as a blocked run, so the intent the UI shows
//! is always what happened: queued, already active, or blocked with the reason.

use atlas_domain::{
    Capability, OperationRun, OperationType, ReasonCode, RunBatch, RunBatchId, RunId, RunOutcome,
    RunStatus, SyncInputs, Tenant, TenantId, Timestamp, UserId, VersionPurpose, WorkspaceId,
};
use atlas_engine::StartRequest;
use atlas_store::{runs, tenants};
use serde_json::json;

use crate::{access, maintenance::engine_error, Actor, Api, ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a sync reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncKind {
    /// The inventory: every catalog object's listing.
    Inventory,
    /// Policies' full content with assignments, as versions.
    Policies,
    /// Entra groups.
    Groups,
    /// Directory role definitions and assignments, and the RBAC hardening report.
    Roles,
}

impl SyncKind {
    pub const ALL: [SyncKind; 4] = [Self::Inventory, Self::Policies, Self::Groups, Self::Roles];

    pub fn operation(self) -> OperationType {
        match self {
            Self::Inventory => OperationType::InventorySync,
            Self::Policies => OperationType::PolicySync,
            Self::Groups => OperationType::EntraGroupSync,
            Self::Roles => OperationType::DirectoryRoleDefinitionsSync,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Inventory => "inventory",
            Self::Policies => "policies",
            Self::Groups => "groups",
            Self::Roles => "roles",
        }
    }
}

impl std::str::FromStr for SyncKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| {
                format!("unknown sync kind {s:?}: use inventory, policies, groups or roles")
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartSyncRequest {
    pub tenant_id: TenantId,
    pub kind: SyncKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncAllRequest {
    pub workspace_id: WorkspaceId,
    pub kind: SyncKind,
}

/// What to start: the operation, its inputs, and how the operator calls it ("Inventory sync").
pub(crate) struct Work<'a> {
    pub operation: OperationType,
    pub inputs: serde_json::Value,
    pub label: &'a str,
}

/// What starting work did — the intent the UI reports. Never "queued" unless a run was queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StartIntent {
    /// A new run was queued.
    Queued,
    /// The same work was already queued or running; that run is returned.
    AlreadyActive,
    /// A precondition refused the work; the run was recorded as blocked with the reason.
    Blocked,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StartRunResponse {
    pub intent: StartIntent,
    pub run: OperationRun,
    /// The operator-worded toast text: "Inventory sync queued", the blocking reason, …
    pub message: String,
}

/// Sync of every active tenant the actor may sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncAllResponse {
    pub started: Vec<TenantStart>,
    /// Tenants that were not started (paused, archived, not connected), with why.
    pub skipped: Vec<TenantSkipped>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TenantStart {
    pub tenant_id: TenantId,
    pub display_name: String,
    pub start: StartRunResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantSkipped {
    pub tenant_id: TenantId,
    pub display_name: String,
    pub reason: String,
}

/// The newest completed sync of one kind for one tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LastSync {
    pub tenant_id: TenantId,
    pub kind: SyncKind,
    pub outcome: RunOutcome,
    pub completed_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListLastSyncsRequest {
    pub workspace_id: WorkspaceId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GetRunRequest {
    pub run_id: RunId,
}

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
        let work = Work {
            operation: request.kind.operation(),
            inputs: sync_inputs(request.kind),
            label: label(request.kind),
        };
        self.start_for_all(actor, request.workspace_id, work, "sync tenants")
            .await
    }

    /// Starts `work` for every tenant of the workspace the actor may sync, as one batch (one
    /// inbox summary); tenants that may not run are listed with why.
    pub(crate) async fn start_for_all(
        &self,
        actor: &Actor,
        workspace_id: WorkspaceId,
        work: Work<'_>,
        action: &str,
    ) -> Result<SyncAllResponse, ApiError> {
        let visible = {
            let mut db = self.store.conn().await?;
            access::workspace(&mut db, actor, workspace_id, Capability::TenantSync, action).await?;
            tenants::list_visible(&mut db, workspace_id, actor.user_id()).await?
        };
        let mut response = SyncAllResponse {
            started: vec![],
            skipped: vec![],
        };
        let startable = visible
            .iter()
            .filter(|t| t.work_refusal().is_none())
            .count();
        // One action, one summary: the runs started together end in one inbox entry.
        let batch = match !self.quiet_inbox && startable > 1 {
            true => {
                let batch = RunBatch {
                    id: RunBatchId::new(),
                    workspace_id,
                    user_id: actor.user_id(),
                    operation_type: work.operation,
                    label: format!("{} of all tenants", work.label),
                    total: None,
                    done: 0,
                    succeeded: 0,
                    partially_succeeded: 0,
                    failed: 0,
                    created_at: Timestamp::now(),
                    notified_at: None,
                };
                self.runs.open_batch(&batch).await.map_err(engine_error)?;
                Some(batch.id)
            }
            false => None,
        };
        let mut joined = 0;
        for tenant in visible {
            match tenant.work_refusal() {
                Some(refusal) => response.skipped.push(TenantSkipped {
                    tenant_id: tenant.id,
                    display_name: tenant.display_name.clone(),
                    reason: refusal.message,
                }),
                None => {
                    let this = Work {
                        operation: work.operation,
                        inputs: work.inputs.clone(),
                        label: work.label,
                    };
                    let start = self
                        .start_run(&tenant, Some(actor.user_id()), this, None, batch)
                        .await?;
                    // A run already active is someone else's: it does not join the batch.
                    if start.intent != StartIntent::AlreadyActive {
                        joined += 1;
                    }
                    response.started.push(TenantStart {
                        tenant_id: tenant.id,
                        display_name: tenant.display_name.clone(),
                        start,
                    });
                }
            }
        }
        if let Some(batch) = batch {
            self.runs
                .close_batch(batch, joined)
                .await
                .map_err(engine_error)?;
        }
        Ok(response)
    }

    async fn start_for(
        &self,
        actor: &Actor,
        tenant: &Tenant,
        kind: SyncKind,
    ) -> Result<StartRunResponse, ApiError> {
        let refusal = tenant.work_refusal().map(|r| (r.code, r.message));
        let work = Work {
            operation: kind.operation(),
            inputs: sync_inputs(kind),
            label: label(kind),
        };
        self.start_run(tenant, Some(actor.user_id()), work, refusal, None)
            .await
    }

    /// Starts `operation` for `tenant` and reports the intent: the run already active with
    /// the same identity, a new run finalised blocked when `refusal` says it may not run (a
    /// worker that claimed it meanwhile blocks it the same way), or a new queued run. The
    /// `initiator` gets the run's notification (unless this API is quiet, or the run joins
    /// `batch`, whose one summary it gets instead); work the product starts itself has none.
    pub(crate) async fn start_run(
        &self,
        tenant: &Tenant,
        initiator: Option<UserId>,
        work: Work<'_>,
        refusal: Option<(ReasonCode, String)>,
        batch: Option<RunBatchId>,
    ) -> Result<StartRunResponse, ApiError> {
        let label = work.label;
        let started = self
            .runs
            .start(StartRequest {
                workspace_id: tenant.workspace_id,
                tenant_id: Some(tenant.id),
                initiator,
                operation: work.operation,
                inputs: work.inputs,
                identity: None,
                batch,
                notify: !self.quiet_inbox,
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
        if let Some((code, message)) = refusal {
            let run = self
                .runs
                .finalize_blocked(started.run.id, code, &message)
                .await
                .map_err(engine_error)?
                .run()
                .clone();
            return Ok(StartRunResponse {
                intent: StartIntent::Blocked,
                message,
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

fn label(kind: SyncKind) -> &'static str {
    match kind {
        SyncKind::Inventory => "Inventory sync",
        SyncKind::Policies => "Policy sync",
        SyncKind::Groups => "Group sync",
        SyncKind::Roles => "Directory role sync",
    }
}

/// The handler inputs of a full sync of each kind.
pub(crate) fn sync_inputs(kind: SyncKind) -> serde_json::Value {
    let inputs = match kind {
        SyncKind::Inventory => SyncInputs::default(),
        SyncKind::Policies => SyncInputs {
            purpose: Some(VersionPurpose::Backup),
            ..SyncInputs::default()
        },
        SyncKind::Groups | SyncKind::Roles => return json!({}),
    };
    serde_json::to_value(inputs).unwrap_or_default()
}
