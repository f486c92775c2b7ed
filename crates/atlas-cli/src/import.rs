//! `atlas import`: an IntuneCD or IntuneManagement backup folder into a tenant as an imported
//! backup set, or with `--preview` only what it would store. Exit 0 when every file was
//! imported (or the folder was imported before), 1 when some were not (the set is partial;
//! each file is listed with its reason).

use std::process::ExitCode;

use atlas_api::{
    types::{ImportReport, ImportRequest},
    Actor, Api, ApiError,
};
use atlas_domain::vocabulary::Presented;
use clap::Args;

use crate::{baseline, lookup, output};

/// Files and names listed at most in text output (`--json` has them all).
const LISTED: usize = 20;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The tenant: id, display name or primary domain.
    pub tenant: String,
    /// The backup folder: an IntuneCD backup (JSON or YAML) or an IntuneManagement export.
    #[arg(long, value_name = "DIR")]
    pub from: std::path::PathBuf,
    /// Only read the folder and say what an import would store.
    #[arg(long)]
    pub preview: bool,
    /// Also make a snapshot of this full-content baseline profile (by id or name; its source
    /// tenant must be TENANT) from the import. Its lifecycle follows the decision table for
    /// imported history: complete only when the backup proves it is whole.
    #[arg(long, value_name = "PROFILE")]
    pub baseline: Option<String>,
    /// The workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    args: &ImportArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let tenant = lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
    let folder = std::path::absolute(&args.from)
        .map_err(|e| ApiError::invalid(format!("{}: {e}", args.from.display())))?;
    let baseline_profile_id = match &args.baseline {
        Some(query) => {
            let workspace = Some(tenant.workspace_id.to_string());
            Some(
                baseline::profile(api, actor, query, workspace.as_deref())
                    .await?
                    .profile
                    .id,
            )
        }
        None => None,
    };
    let request = ImportRequest {
        tenant_id: tenant.id,
        folder: folder.display().to_string(),
        baseline_profile_id,
    };
    let report = if args.preview {
        api.preview_import(actor, request).await?
    } else {
        api.import_backup(actor, request).await?
    };
    if json {
        output::json(&report)?;
    } else {
        print_report(&report, &tenant.display_name, args.preview);
    }
    Ok(if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(report: &ImportReport, tenant: &str, preview: bool) {
    let archived = match report.archived {
        0 => String::new(),
        n => format!(" ({n} older versions from its archive)"),
    };
    println!(
        "{} backup in {}: {} objects{archived} in {} files; {} match objects {tenant} already has.",
        report.tool, report.folder, report.objects, report.files_read, report.matched
    );
    let rows: Vec<Vec<String>> = report
        .by_type
        .iter()
        .map(|t| {
            vec![
                t.label.clone(),
                t.objects.to_string(),
                t.archived.to_string(),
            ]
        })
        .collect();
    output::table(&["TYPE", "OBJECTS", "ARCHIVED"], &rows);
    if !report.skipped.is_empty() {
        println!("\nNot imported ({} files):", report.skipped.len());
        for skip in report.skipped.iter().take(LISTED) {
            println!("  {}: {}", skip.path, skip.reason);
        }
        if report.skipped.len() > LISTED {
            println!(
                "  … and {} more (--json lists every file)",
                report.skipped.len() - LISTED
            );
        }
    }
    for lost in &report.not_carried {
        println!(
            "{} does not keep {} of {}; those versions lack it.",
            report.tool,
            lost.fields.join(", "),
            lost.object_type
        );
    }
    if report.unresolved_total > 0 {
        println!(
            "\n{} names have no match in {tenant} and are kept as written (sync its groups \
             first to match groups): {}",
            report.unresolved_total,
            report
                .unresolved
                .iter()
                .take(LISTED)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let rule = report.snapshot_rule.presentation().label;
    match &report.snapshot {
        Some(snapshot) => println!(
            "\nBaseline snapshot of {} from this import: {} ({rule}), {} items.",
            snapshot.profile_name, snapshot.state, snapshot.items
        ),
        None => println!(
            "\nA baseline snapshot from this backup would be {} ({rule}).",
            report.snapshot_state
        ),
    }
    if preview {
        println!("\nPreview only: nothing was stored. Run again without --preview to import.");
    } else if report.already_imported {
        println!(
            "\nThis folder was imported before (backup set {}); nothing new was stored.",
            report
                .backup_set_id
                .map(|id| id.to_string())
                .unwrap_or_default()
        );
    } else {
        let status = report.status.map(|s| s.to_string()).unwrap_or_default();
        println!(
            "\nImported as backup set {} ({status}): {} new versions, {} unchanged.",
            report
                .backup_set_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            report.new_versions,
            report.unchanged
        );
    }
}
