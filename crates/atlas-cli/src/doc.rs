//! `atlas doc export`: a tenant's configuration (latest versions or a backup set) as a document
//! for people, in Markdown, one self-contained HTML page, CSV with one row per setting, or Word.

use std::process::ExitCode;

use atlas_api::{
    types::{DocumentFormat, ExportDocumentationRequest},
    Actor, Api, ApiError,
};
use clap::{Args, Subcommand, ValueEnum};

use crate::{lookup, output};

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Write a tenant's configuration as a document: settings in the portal's words,
    /// assignments with group names, secrets never included.
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Md,
    Html,
    Csv,
    Docx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The tenant: id, display name or primary domain.
    pub tenant: String,
    #[arg(long, value_enum)]
    pub format: Format,
    /// The file to write (replaced if it exists).
    #[arg(long, value_name = "PATH")]
    pub to: std::path::PathBuf,
    /// A backup set's id, as `atlas backup list` shows it (default: the latest versions).
    #[arg(long, value_name = "ID", conflicts_with = "snapshot")]
    pub set: Option<String>,
    /// A full-content baseline snapshot captured from the tenant, by id.
    #[arg(long, value_name = "ID")]
    pub snapshot: Option<String>,
    /// The workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &DocCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let DocCommand::Export(args) = command;
    let tenant = lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
    let backup_set_id = args.set.as_deref().map(|s| s.trim().parse()).transpose()?;
    let baseline_snapshot_id = args
        .snapshot
        .as_deref()
        .map(|s| s.trim().parse())
        .transpose()?;
    let destination = std::path::absolute(&args.to)
        .map_err(|e| ApiError::invalid(format!("{}: {e}", args.to.display())))?;
    let format = match args.format {
        Format::Md => DocumentFormat::Markdown,
        Format::Html => DocumentFormat::Html,
        Format::Csv => DocumentFormat::Csv,
        Format::Docx => DocumentFormat::Docx,
    };
    let file = api
        .export_documentation(
            actor,
            ExportDocumentationRequest {
                tenant_id: tenant.id,
                backup_set_id,
                baseline_snapshot_id,
                format,
                destination: destination.display().to_string(),
            },
        )
        .await?;
    if json {
        output::json(&file)?;
    } else {
        println!(
            "Documented {} in {} ({} bytes).",
            tenant.display_name, file.path, file.bytes
        );
    }
    Ok(ExitCode::SUCCESS)
}
