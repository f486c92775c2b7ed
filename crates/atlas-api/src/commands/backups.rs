//! Backups (SPEC §7): back up a tenant (or every tenant) now, list a tenant's backup sets, and
//! read one set with the versions it holds. Schedules of backups live with the other
//! schedules (`schedules.rs`, kind `backup`, with a retention).

use atlas_domain::{
    BackupInputs, BackupSet, BackupSetId, Capability, OperationType, PolicyVersionId, TenantId,
};
use atlas_store::backup_sets;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    commands::sync::Work,
    types::{StartRunResponse, SyncAllResponse, TenantRequest, WorkspaceRequest},
    Actor, Api, ApiError,
};

/// Sets a tenant's list shows at most (retention keeps far fewer in practice).
const LISTED: i64 = 200;

const LABEL: &str = "Backup";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSetRequest {
    pub backup_set_id: BackupSetId,
}

/// One version a set holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSetItem {
    pub version_id: PolicyVersionId,
    /// The catalog type key and its label.
    pub object_type: String,
    pub type_label: String,
    pub external_id: String,
    pub display_name: String,
    pub version_number: i64,
    pub content_hash: String,
    /// Captured by this backup (the others were unchanged since an earlier capture).
    pub new_in_set: bool,
}

/// A set with the versions it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupSetDetail {
    pub set: BackupSet,
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub items: Vec<BackupSetItem>,
}

fn backup_work() -> Work<'static> {
    Work {
        operation: OperationType::BackupScheduleRun,
        inputs: serde_json::to_value(BackupInputs::default()).expect("backup inputs serialise"),
        label: LABEL,
    }
}

impl Api {
    /// Backs up a tenant's policies now (or returns the backup already running).
    pub async fn back_up_now(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<StartRunResponse, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantSync,
                "back up this tenant",
            )
            .await?;
        let refusal = tenant.work_refusal().map(|r| (r.code, r.message));
        self.start_run(&tenant, Some(actor.user_id()), backup_work(), refusal, None)
            .await
    }

    /// Backs up every active tenant of the workspace the actor may sync, as one batch.
    pub async fn back_up_all(
        &self,
        actor: &Actor,
        request: WorkspaceRequest,
    ) -> Result<SyncAllResponse, ApiError> {
        self.start_for_all(
            actor,
            request.workspace_id,
            backup_work(),
            "back up tenants",
        )
        .await
    }

    /// The tenant's backup sets, newest first.
    pub async fn list_backup_sets(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<Vec<BackupSet>, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantView,
                "view backups",
            )
            .await?;
        let mut db = self.store.conn().await?;
        Ok(backup_sets::list_for_tenant(&mut db, tenant.id, LISTED).await?)
    }

    /// One backup set with the versions it holds.
    pub async fn get_backup_set(
        &self,
        actor: &Actor,
        request: BackupSetRequest,
    ) -> Result<BackupSetDetail, ApiError> {
        let mut db = self.store.conn().await?;
        let set = backup_sets::get(&mut db, request.backup_set_id)
            .await?
            .ok_or_else(|| ApiError::not_found("Backup set"))?;
        drop(db);
        let tenant = self
            .authorized_record_tenant(
                actor,
                set.tenant_id,
                Capability::TenantView,
                "view backups",
                "Backup set",
            )
            .await?;
        let mut db = self.store.conn().await?;
        let items = backup_sets::items(&mut db, set.id)
            .await?
            .into_iter()
            .map(|item| BackupSetItem {
                type_label: atlas_graph::ObjectType::find(&item.object_type)
                    .map_or_else(|| item.object_type.clone(), |t| t.label.to_owned()),
                version_id: item.version_id,
                object_type: item.object_type,
                external_id: item.external_id,
                display_name: item.display_name,
                version_number: item.version_number,
                content_hash: item.content_hash,
                new_in_set: item.captured_by_set_run,
            })
            .collect();
        Ok(BackupSetDetail {
            set,
            tenant_id: tenant.id,
            tenant_name: tenant.display_name,
            items,
        })
    }
}
