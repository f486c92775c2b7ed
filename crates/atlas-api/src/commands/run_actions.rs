//! What an operator does to a run after starting it: cancel it (a queued run at once, a running
//! one at its next checkpoint) or retry one that did not succeed (a new run with the same
//! inputs, through the same start — and so the same guards — as the first).

use atlas_domain::{
    audit::actions, vocabulary::Presented, AuditActor, AuditEntry, Capability, CaptureInputs,
    CompareInputs, OperationRun, OperationType, RunOutcome, Timestamp,
};
use atlas_engine::Cancel;
use atlas_store::audit;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{
    access,
    maintenance::engine_error,
    types::{GetRunRequest, StartCompareRequest, StartRunResponse, StartSyncRequest, SyncKind},
    Actor, Api, ApiError, ErrorCode,
};

/// What a cancel did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CancelEffect {
    /// The run was queued and is cancelled: it never started.
    Cancelled,
    /// The run is running and stops at its next checkpoint.
    Stopping,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CancelRunResponse {
    pub effect: CancelEffect,
    pub run: OperationRun,
    /// The operator-worded toast text.
    pub message: String,
}

impl Api {
    /// Cancels a queued or running run the actor may start again (audited). A run that already
    /// ended is refused with its state.
    pub async fn cancel_run(
        &self,
        actor: &Actor,
        request: GetRunRequest,
    ) -> Result<CancelRunResponse, ApiError> {
        let run = self
            .run_to_act_on(actor, request, "cancel this run")
            .await?;
        if run.status.is_terminal() {
            return Err(ApiError::conflict(
                "This run has already ended; there is nothing to cancel.",
            ));
        }
        let label = run.operation_type.presentation().label;
        let (effect, run, message) = match self
            .runs
            .cancel(run.id, actor.user_id())
            .await
            .map_err(engine_error)?
        {
            Cancel::Cancelled(run) => (
                CancelEffect::Cancelled,
                run,
                format!("{label} cancelled before it started"),
            ),
            Cancel::Requested(run) => (
                CancelEffect::Stopping,
                run,
                format!("{label} stops at its next checkpoint"),
            ),
            Cancel::AlreadyCompleted(_) => {
                return Err(ApiError::conflict(
                    "This run ended before it could be cancelled.",
                ))
            }
        };
        if effect == CancelEffect::Stopping {
            // Its ending is audited by whoever records it; the request is audited now, so it
            // is on record even if the worker never gets to stop it.
            let mut db = self.store.conn().await?;
            audit::insert(
                &mut db,
                &AuditEntry {
                    id: uuid::Uuid::now_v7(),
                    workspace_id: Some(run.workspace_id),
                    tenant_id: run.tenant_id,
                    actor: AuditActor::User {
                        user_id: actor.user_id(),
                    },
                    action: actions::OPERATION_RUN_CANCEL_REQUESTED.into(),
                    target_type: "operation_run".into(),
                    target_id: Some(run.id.to_string()),
                    summary: format!("Asked to cancel a running {}", label.to_lowercase()),
                    metadata: json!({ "type": run.operation_type.code(), "lease_owner": run.lease_owner }),
                    created_at: Timestamp::now(),
                },
            )
            .await?;
        }
        Ok(CancelRunResponse {
            effect,
            run,
            message,
        })
    }

    /// Starts a run that did not succeed again, with the same inputs, through the start its
    /// kind always uses: the same access checks and guards, and dedupe with work already
    /// active.
    pub async fn retry_run(
        &self,
        actor: &Actor,
        request: GetRunRequest,
    ) -> Result<StartRunResponse, ApiError> {
        let run = self.run_to_act_on(actor, request, "retry this run").await?;
        if run.status.is_active() {
            return Err(ApiError::conflict("This run has not ended yet."));
        }
        if run.outcome == RunOutcome::Succeeded {
            return Err(ApiError::invalid(
                "This run succeeded; start the work again from its page instead.",
            ));
        }
        let tenant_id = run
            .tenant_id
            .ok_or_else(|| ApiError::invalid("Only a tenant's runs can be retried."))?;
        let inputs = run.context.get("inputs").cloned().unwrap_or(json!({}));
        let malformed = |_| ApiError::invalid("This run's inputs cannot be read any more.");
        match run.operation_type {
            OperationType::BaselineCapture => {
                let inputs: CaptureInputs = serde_json::from_value(inputs).map_err(malformed)?;
                self.start_baseline_capture(
                    actor,
                    crate::types::BaselineProfileRequest {
                        profile_id: inputs.profile_id,
                    },
                )
                .await
            }
            OperationType::BaselineCompare => {
                let inputs: CompareInputs = serde_json::from_value(inputs).map_err(malformed)?;
                self.start_baseline_compare(
                    actor,
                    StartCompareRequest {
                        tenant_id,
                        snapshot_id: inputs.snapshot_id,
                    },
                )
                .await
            }
            operation => match SyncKind::ALL
                .into_iter()
                .find(|k| k.operation() == operation)
            {
                Some(kind) => {
                    self.start_sync(actor, StartSyncRequest { tenant_id, kind })
                        .await
                }
                None => Err(ApiError::invalid(format!(
                    "A {} cannot be retried from here.",
                    operation.presentation().label.to_lowercase()
                ))),
            },
        }
    }

    /// The run, if the actor may see it and start its kind of work on its tenant: runs the
    /// actor may not see are not found, never explained.
    async fn run_to_act_on(
        &self,
        actor: &Actor,
        request: GetRunRequest,
        action: &str,
    ) -> Result<OperationRun, ApiError> {
        let run = self.get_run(actor, request).await?;
        let mut db = self.store.conn().await?;
        let allowed = match (run.operation_type, run.tenant_id) {
            (OperationType::BaselineCapture, _) | (_, None) => access::workspace(
                &mut db,
                actor,
                run.workspace_id,
                start_capability(run.operation_type),
                action,
            )
            .await
            .map(|_| ()),
            (operation, Some(tenant)) => {
                access::tenant(&mut db, actor, tenant, start_capability(operation), action)
                    .await
                    .map(|_| ())
            }
        };
        match allowed {
            Ok(()) => Ok(run),
            Err(e) if e.code == ErrorCode::NotFound => Err(ApiError::not_found("Run")),
            Err(e) => Err(e),
        }
    }
}

/// The capability starting (and so cancelling or retrying) this kind of work needs.
fn start_capability(operation: OperationType) -> Capability {
    match operation {
        OperationType::BaselineCapture => Capability::WorkspaceBaselinesManage,
        OperationType::RestoreExecute => Capability::TenantRestoreExecute,
        OperationType::ReviewPackGenerate
        | OperationType::ReviewCompose
        | OperationType::EvidenceSnapshotGenerate => Capability::ReviewPackManage,
        _ => Capability::TenantSync,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_work_needs_a_capability_beyond_viewing() {
        for operation in OperationType::ALL {
            let capability = start_capability(*operation);
            assert_ne!(capability, Capability::TenantView, "{operation:?}");
            assert_ne!(capability, Capability::OperationsView, "{operation:?}");
        }
    }
}
