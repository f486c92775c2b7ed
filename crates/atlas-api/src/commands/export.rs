//! Exports: a table as the operator filtered it (CSV or JSON), and one policy version as its
//! normalised JSON. Files go to the export folder (the user's Downloads unless configured), are
//! written whole or not at all, never overwrite another file, and are audited.

use std::io::Write;
use std::path::{Path, PathBuf};

use atlas_domain::{
    audit::actions, normalize::normalize, AuditActor, AuditEntry, Capability, PolicyVersionId,
    TenantId, Timestamp, WorkspaceId,
};
use atlas_store::audit;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use ts_rs::TS;

use crate::{access, commands::inventory::version_of, Actor, Api, ApiError};

/// The largest export written (the text of every cell together).
const MAX_EXPORT_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

/// A table as shown: its column titles and its rows' cell texts, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportTableRequest {
    pub workspace_id: WorkspaceId,
    /// What the table is ("operations", "contoso-inventory"): the file name's start.
    pub name: String,
    pub format: ExportFormat,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportVersionRequest {
    pub tenant_id: TenantId,
    pub version_id: PolicyVersionId,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportedFile {
    pub path: String,
    pub file_name: String,
    pub bytes: i64,
}

impl Api {
    /// Writes a table the operator filtered to a CSV or JSON file in the export folder.
    pub async fn export_table(
        &self,
        actor: &Actor,
        request: ExportTableRequest,
    ) -> Result<ExportedFile, ApiError> {
        {
            let mut db = self.store.conn().await?;
            access::workspace(
                &mut db,
                actor,
                request.workspace_id,
                Capability::TenantView,
                "export from this workspace",
            )
            .await?;
        }
        let stem = file_stem(&request.name)?;
        if request.columns.is_empty() {
            return Err(ApiError::invalid("An export needs at least one column."));
        }
        if let Some(n) = request
            .rows
            .iter()
            .position(|row| row.len() != request.columns.len())
        {
            return Err(ApiError::invalid(format!(
                "Row {} has {} cells for {} columns; nothing was written.",
                n + 1,
                request.rows[n].len(),
                request.columns.len()
            )));
        }
        let size: usize = request.rows.iter().flatten().map(String::len).sum();
        if size > MAX_EXPORT_BYTES {
            return Err(ApiError::invalid(
                "The table is too large to export at once (over 256 MB); narrow the filter.",
            ));
        }
        let bytes = match request.format {
            ExportFormat::Csv => csv_bytes(&request.columns, &request.rows)?,
            ExportFormat::Json => json_bytes(&request.columns, &request.rows)?,
        };
        let file = self.write_export(&stem, request.format.extension(), &bytes)?;
        self.audit_export(
            actor,
            request.workspace_id,
            None,
            &file.file_name,
            json!({ "table": stem, "format": request.format, "rows": request.rows.len(),
                    "file_name": file.file_name, "bytes": file.bytes }),
        )
        .await?;
        Ok(file)
    }

    /// Writes one policy version as its normalised JSON (what its content hash is computed
    /// over: no ids, times or counters; secrets were never stored).
    pub async fn export_policy_version(
        &self,
        actor: &Actor,
        request: ExportVersionRequest,
    ) -> Result<ExportedFile, ApiError> {
        let version = {
            let mut db = self.store.conn().await?;
            self.viewable(&mut db, actor, request.tenant_id).await?;
            version_of(&mut db, request.tenant_id, request.version_id).await?
        };
        let summary = &version.summary;
        let volatile = atlas_graph::ObjectType::find(&summary.object_type)
            .map_or(&[][..], |t| t.volatile_fields);
        let normalized = normalize(&version.content, volatile);
        let mut bytes = serde_json::to_vec_pretty(&normalized)
            .map_err(|e| ApiError::invalid(format!("The version cannot be written: {e}")))?;
        bytes.push(b'\n');
        let stem = file_stem(&format!(
            "{}-v{}",
            summary.display_name, summary.version_number
        ))?;
        let file = self.write_export(&stem, "json", &bytes)?;
        self.audit_export(
            actor,
            summary.workspace_id,
            Some(summary.tenant_id),
            &file.file_name,
            json!({ "version_id": summary.id, "object_type": summary.object_type,
                    "external_id": summary.external_id, "file_name": file.file_name,
                    "bytes": file.bytes }),
        )
        .await?;
        Ok(file)
    }

    /// Writes `bytes` to a new file `<stem>-<time>.<ext>` in the export folder: to a temporary
    /// file first, moved into place only when complete, never over an existing file.
    fn write_export(
        &self,
        stem: &str,
        extension: &str,
        bytes: &[u8],
    ) -> Result<ExportedFile, ApiError> {
        let dir = &self.export_dir;
        std::fs::create_dir_all(dir).map_err(|e| unwritable(dir, &e))?;
        let stamp = chrono::Utc::now().format("%Y-%m-%d-%H%M%S");
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| unwritable(dir, &e))?;
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| unwritable(dir, &e))?;
        for attempt in 0..100 {
            let suffix = match attempt {
                0 => String::new(),
                n => format!("-{n}"),
            };
            let file_name = format!("{stem}-{stamp}{suffix}.{extension}");
            let path = dir.join(&file_name);
            match temp.persist_noclobber(&path) {
                Ok(_) => {
                    return Ok(ExportedFile {
                        path: path.display().to_string(),
                        file_name,
                        bytes: bytes.len() as i64,
                    })
                }
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
                Err(e) => return Err(unwritable(dir, &e.error)),
            }
        }
        Err(ApiError::invalid(
            "Too many exports with the same name this second; try again.",
        ))
    }

    pub(crate) async fn audit_export(
        &self,
        actor: &Actor,
        workspace: WorkspaceId,
        tenant: Option<TenantId>,
        target: &str,
        metadata: Value,
    ) -> Result<(), ApiError> {
        let mut db = self.store.conn().await?;
        audit::insert(
            &mut db,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(workspace),
                tenant_id: tenant,
                actor: AuditActor::User {
                    user_id: actor.user_id(),
                },
                action: actions::DATA_EXPORTED.into(),
                target_type: "export".into(),
                target_id: Some(target.to_owned()),
                summary: format!("Exported {target}"),
                metadata,
                created_at: Timestamp::now(),
            },
        )
        .await?;
        Ok(())
    }
}

/// A file name start from what the operator called the export: letters, digits and dashes.
fn file_stem(name: &str) -> Result<String, ApiError> {
    let mut stem = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(80).collect();
    if stem.is_empty() {
        return Err(ApiError::invalid(
            "Name the export with at least one letter or digit.",
        ));
    }
    Ok(stem)
}

fn unwritable(dir: &Path, error: &std::io::Error) -> ApiError {
    ApiError::new(
        crate::ErrorCode::Unavailable,
        format!(
            "The export could not be written to {} ({error}); nothing was saved.",
            dir.display()
        ),
    )
}

/// CSV with a header row. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@` at
/// its start, unless it is a plain number) is written with a leading `'`.
fn csv_bytes(columns: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ApiError::invalid(format!("The CSV cannot be written: {e}"));
    writer
        .write_record(columns.iter().map(|c| safe_cell(c).into_owned()))
        .map_err(failed)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|c| safe_cell(c).into_owned()))
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| ApiError::invalid(format!("The CSV cannot be written: {e}")))
}

fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A JSON array with one object per row, keyed by the column titles.
fn json_bytes(columns: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let items: Vec<Value> = rows
        .iter()
        .map(|row| {
            Value::Object(
                columns
                    .iter()
                    .cloned()
                    .zip(row.iter().cloned().map(Value::String))
                    .collect::<Map<_, _>>(),
            )
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&items)
        .map_err(|e| ApiError::invalid(format!("The JSON cannot be written: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Where exports go: the configured folder, else the user's Downloads, else `exports` in the
/// data folder.
pub(crate) fn default_export_dir(data_dir: &Path) -> PathBuf {
    dirs::download_dir().unwrap_or_else(|| data_dir.join("exports"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_file_stems() {
        assert_eq!(
            file_stem("Contoso / Inventory").unwrap(),
            "contoso-inventory"
        );
        assert_eq!(file_stem("../../etc/passwd").unwrap(), "etc-passwd");
        assert_eq!(file_stem("Müller GmbH").unwrap(), "müller-gmbh");
        assert!(file_stem(" /// ").is_err());
    }

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let bytes = csv_bytes(
            &["Name".into(), "Value".into()],
            &[
                vec!["A, B".into(), "=HYPERLINK(\"x\")".into()],
                vec!["say \"hi\"".into(), "-5".into()],
            ],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "Name,Value\n\"A, B\",\"'=HYPERLINK(\"\"x\"\")\"\n\"say \"\"hi\"\"\",-5\n"
        );
    }

    #[test]
    fn json_rows_are_objects_keyed_by_column() {
        let bytes = json_bytes(&["Name".into()], &[vec!["A".into()]]).unwrap();
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value, json!([{"Name": "A"}]));
    }
}
