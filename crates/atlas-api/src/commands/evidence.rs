//! Evidence snapshots (SPEC §8.1): freeze a tenant's evidence now (a background run), list a
//! tenant's snapshots, read one.

use atlas_domain::{
    Capability, EvidenceSnapshot, EvidenceSnapshotId, NoInputs, OperationType, RunStatus,
};
use atlas_engine::StartRequest;
use atlas_store::evidence;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    maintenance::engine_error,
    types::{StartIntent, StartRunResponse, TenantRequest},
    Actor, Api, ApiError,
};

/// Snapshots a tenant's list shows at most.
const LISTED: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceSnapshotRequest {
    pub snapshot_id: EvidenceSnapshotId,
}

impl Api {
    /// Queues a snapshot of the tenant's evidence (or returns the one being made).
    pub async fn generate_evidence_snapshot(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<StartRunResponse, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackManage,
                "generate evidence snapshots",
            )
            .await?;
        self.start_tenant_work(
            actor,
            &tenant,
            OperationType::EvidenceSnapshotGenerate,
            serde_json::to_value(NoInputs {}).expect("no inputs serialise"),
            None,
            "Evidence snapshot",
        )
        .await
    }

    /// Starts `operation` for the tenant as the actor asked, in the words every start of a
    /// pack-side run uses: "<label> of <tenant> queued", or "is already queued/running".
    pub(crate) async fn start_tenant_work(
        &self,
        actor: &Actor,
        tenant: &atlas_domain::Tenant,
        operation: OperationType,
        inputs: serde_json::Value,
        identity: Option<serde_json::Value>,
        label: &str,
    ) -> Result<StartRunResponse, ApiError> {
        let started = self
            .runs
            .start(StartRequest {
                workspace_id: tenant.workspace_id,
                tenant_id: Some(tenant.id),
                initiator: Some(actor.user_id()),
                operation,
                inputs,
                identity,
                batch: None,
                notify: !self.quiet_inbox,
            })
            .await
            .map_err(engine_error)?;
        let (intent, state) = match (started.deduped, started.run.status) {
            (true, RunStatus::Running) => (StartIntent::AlreadyActive, "is already running"),
            (true, _) => (StartIntent::AlreadyActive, "is already queued"),
            (false, _) => (StartIntent::Queued, "queued"),
        };
        Ok(StartRunResponse {
            intent,
            message: format!("{label} of {} {state}", tenant.display_name),
            run: started.run,
        })
    }

    /// The tenant's evidence snapshots, newest first.
    pub async fn list_evidence_snapshots(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<Vec<EvidenceSnapshot>, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackView,
                "view evidence snapshots",
            )
            .await?;
        let mut db = self.store.conn().await?;
        Ok(evidence::list_for_tenant(&mut db, tenant.id, LISTED).await?)
    }

    /// One evidence snapshot.
    pub async fn get_evidence_snapshot(
        &self,
        actor: &Actor,
        request: EvidenceSnapshotRequest,
    ) -> Result<EvidenceSnapshot, ApiError> {
        let mut db = self.store.conn().await?;
        let snapshot = evidence::get(&mut db, request.snapshot_id)
            .await?
            .ok_or_else(|| ApiError::not_found("Evidence snapshot"))?;
        drop(db);
        self.authorized_record_tenant(
            actor,
            snapshot.tenant_id,
            Capability::ReviewPackView,
            "view evidence snapshots",
            "Evidence snapshot",
        )
        .await?;
        Ok(snapshot)
    }
}
