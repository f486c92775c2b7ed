//! A tenant's configuration as a document (`atlas_interop::documentation`): the latest
//! versions, a backup set or a full-content baseline snapshot, as Markdown, one self-contained HTML page, CSV or Word, written to the file
//! the operator chose (whole or not at all).

use std::{io::BufWriter, path::PathBuf};

use atlas_domain::{
    readable, BackupSetId, BaselineSnapshotId, Capability, PolicyVersion, TenantId,
};
use atlas_interop::documentation::{self, DocFormat, DocObject, DocSource};
use atlas_store::setting_definitions;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{
    access,
    commands::{
        inventory::TargetNames,
        version_source::{self, ChosenVersions},
    },
    types::ExportedFile,
    Actor, Api, ApiError, ErrorCode,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Markdown,
    Html,
    Csv,
    /// A Word document.
    Docx,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportDocumentationRequest {
    pub tenant_id: TenantId,
    /// A backup set of the tenant; absent (and no snapshot): the newest version of every
    /// object still in it.
    #[serde(default)]
    #[ts(optional)]
    pub backup_set_id: Option<BackupSetId>,
    /// A full-content baseline snapshot captured from the tenant, instead of a backup set.
    #[serde(default)]
    #[ts(optional)]
    pub baseline_snapshot_id: Option<BaselineSnapshotId>,
    pub format: DocumentFormat,
    /// The file to write, as a full path (a save dialog's answer); replaced if it exists.
    pub destination: String,
}

impl Api {
    /// Documents a tenant's configuration in a file (see the module).
    pub async fn export_documentation(
        &self,
        actor: &Actor,
        request: ExportDocumentationRequest,
    ) -> Result<ExportedFile, ApiError> {
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
        let (Some(folder), Some(file_name)) = (destination.parent(), destination.file_name())
        else {
            return Err(ApiError::invalid("Choose a file to write the document to."));
        };
        if !destination.is_absolute() || !folder.is_dir() {
            return Err(ApiError::invalid(format!(
                "Choose a file in an existing folder (a full path); {} is not one.",
                destination.display()
            )));
        }
        let ChosenVersions {
            versions,
            description,
        } = version_source::choose(
            &mut db,
            &tenant,
            request.backup_set_id,
            request.baseline_snapshot_id,
        )
        .await?;
        let objects = readable_objects(&mut db, tenant.id, versions).await?;
        drop(db);

        let source = DocSource {
            tenant_name: tenant.display_name.clone(),
            directory_tenant_id: tenant.directory_tenant_id.to_string(),
            description,
            generated_by: format!("TenantAtlas {}", env!("CARGO_PKG_VERSION")),
        };
        let format = match request.format {
            DocumentFormat::Markdown => DocFormat::Markdown,
            DocumentFormat::Html => DocFormat::Html,
            DocumentFormat::Csv => DocFormat::Csv,
            DocumentFormat::Docx => DocFormat::Docx,
        };
        let (folder, target) = (folder.to_path_buf(), destination.clone());
        let count = objects.len();
        let bytes = tokio::task::spawn_blocking(move || -> std::io::Result<u64> {
            let temp = tempfile::NamedTempFile::new_in(&folder)?;
            let mut out = BufWriter::new(temp);
            documentation::write(format, &source, &objects, &mut out)?;
            let temp = out.into_inner().map_err(|e| e.into_error())?;
            temp.as_file().sync_all()?;
            let bytes = temp.as_file().metadata()?.len();
            temp.persist(&target).map_err(|e| e.error)?;
            Ok(bytes)
        })
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
        .map_err(|e| {
            ApiError::invalid(format!("{} cannot be written: {e}", destination.display()))
        })?;

        let file = ExportedFile {
            path: destination.display().to_string(),
            file_name: file_name.to_string_lossy().into_owned(),
            bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
        };
        self.audit_export(
            actor,
            tenant.workspace_id,
            Some(tenant.id),
            &file.file_name,
            json!({ "documentation": request.format, "path": file.path, "objects": count,
                    "backup_set_id": request.backup_set_id,
                    "baseline_snapshot_id": request.baseline_snapshot_id, "bytes": file.bytes }),
        )
        .await?;
        Ok(file)
    }
}

/// Each version as the readable rows the app shows, the setting definitions and the names of
/// groups, roles and principals read once for all of them.
async fn readable_objects(
    db: &mut impl atlas_store::Db,
    tenant: TenantId,
    versions: Vec<PolicyVersion>,
) -> Result<Vec<DocObject>, ApiError> {
    let mut ids: Vec<String> = versions
        .iter()
        .flat_map(|v| readable::setting_ids(&v.content))
        .collect();
    ids.sort();
    ids.dedup();
    let definitions = setting_definitions::for_settings(db, tenant, &ids).await?;
    let configs: Vec<_> = versions
        .iter()
        .map(|v| readable::readable_with(&v.content, &definitions))
        .collect();
    let names = TargetNames::load(db, tenant, &configs).await?;
    Ok(versions
        .into_iter()
        .zip(configs)
        .map(|(version, mut config)| {
            names.apply(&mut config);
            let summary = version.summary;
            let type_label = atlas_graph::ObjectType::find(&summary.object_type)
                .map_or_else(|| summary.object_type.clone(), |t| t.label.to_owned());
            DocObject {
                object_type: summary.object_type,
                type_label,
                display_name: summary.display_name,
                version_number: summary.version_number,
                captured_at: summary.captured_at,
                config,
            }
        })
        .collect())
}
