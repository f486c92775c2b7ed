//! A tenant's configuration as a git-friendly folder (`atlas_interop::backup_folder`): a backup
//! set, or the newest version of every object still in the tenant. Exporting into the same
//! folder again rewrites only what changed; a folder no export wrote is refused untouched.

use std::path::PathBuf;

use atlas_domain::{BackupSetId, Capability, TenantId};
use atlas_interop::backup_folder::{self, FolderSource};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{
    access,
    commands::version_source::{self, ChosenVersions},
    Actor, Api, ApiError, ErrorCode,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportBackupFolderRequest {
    pub tenant_id: TenantId,
    /// A backup set of the tenant; absent: the newest version of every object still in it.
    #[serde(default)]
    #[ts(optional)]
    pub backup_set_id: Option<BackupSetId>,
    /// The folder, as a full path: new, empty (a `.git` folder is fine), or one a previous
    /// export wrote.
    pub destination: String,
}

/// What an export into a folder did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFolderExport {
    pub path: String,
    /// Objects the folder holds now.
    pub objects: u32,
    /// Files written because they were new or changed (README and index included).
    pub written: u32,
    /// Files that already held exactly this.
    pub unchanged: u32,
    /// Files of objects no longer exported, removed.
    pub removed: u32,
}

impl Api {
    /// Writes a backup set, or the tenant's latest versions, into a folder (see the module).
    pub async fn export_backup_folder(
        &self,
        actor: &Actor,
        request: ExportBackupFolderRequest,
    ) -> Result<BackupFolderExport, ApiError> {
        let mut db = self.store.conn().await?;
        let tenant = access::tenant(
            &mut db,
            actor,
            request.tenant_id,
            Capability::TenantView,
            "view this tenant",
        )
        .await?;
        let destination = PathBuf::from(request.destination.trim());
        if !destination.is_absolute() {
            return Err(ApiError::invalid(
                "Choose the folder to export to (a full path).",
            ));
        }
        let ChosenVersions {
            versions,
            description,
        } = version_source::choose(&mut db, &tenant, request.backup_set_id, None).await?;
        drop(db);

        let source = FolderSource {
            tenant_name: tenant.display_name.clone(),
            directory_tenant_id: tenant.directory_tenant_id.to_string(),
            description,
            backup_set_id: request.backup_set_id.map(|id| id.to_string()),
        };
        let folder = destination.clone();
        let report =
            tokio::task::spawn_blocking(move || backup_folder::write(&folder, &source, &versions))
                .await
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
                .map_err(|e| ApiError::invalid(e.to_string()))?;

        let path = destination.display().to_string();
        self.audit_export(
            actor,
            tenant.workspace_id,
            Some(tenant.id),
            &path,
            json!({ "folder": path, "backup_set_id": request.backup_set_id,
                    "objects": report.objects, "written": report.written,
                    "removed": report.removed }),
        )
        .await?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(BackupFolderExport {
            path,
            objects: count(report.objects),
            written: count(report.written),
            unchanged: count(report.unchanged),
            removed: count(report.removed),
        })
    }
}
