//! `atlas backup now|list|show|export|schedule add|list|remove`: backups of tenants' policies
//! as backup sets, by hand or on a schedule with a retention, and exported as a git-friendly
//! folder. `now` waits for the backup (this process runs it) unless `--no-wait`.

use std::process::ExitCode;

use atlas_api::{
    types::{
        BackupSetRequest, CreateScheduleRequest, ExportBackupFolderRequest, ScheduleKind,
        ScheduleRequest, ScheduleView, TenantRequest, WorkspaceRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{BackupRetention, BackupSet, BackupSetStatus, RunStatus};
use clap::{Args, Subcommand};

use crate::follow::{exit_code, follow};
use crate::{lookup, output};

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Back up a tenant's policies now (or every active tenant with --all) and wait for it.
    Now(NowArgs),
    /// A tenant's backup sets, newest first.
    List(TenantArgs),
    /// One backup set: its completeness and the versions it holds.
    Show {
        /// The set's id, as `atlas backup list` shows it.
        set_id: String,
    },
    /// Write a backup set (or the latest versions) as a folder to keep in git: one JSON file
    /// per object. Exporting into the same folder again rewrites only what changed.
    Export(ExportArgs),
    /// Backups on a schedule, with a retention.
    Schedule {
        #[command(subcommand)]
        command: ScheduleCommand,
    },
}

#[derive(Debug, Args)]
pub struct NowArgs {
    /// The tenant: id, display name or primary domain.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub tenant: Option<String>,
    /// Every active tenant of the workspace.
    #[arg(long)]
    pub all: bool,
    /// The workspace (default: your only one).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
    /// Queue it and return (a desktop app or `atlas worker` runs it).
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Args)]
pub struct TenantArgs {
    /// The tenant: id, display name or primary domain.
    pub tenant: String,
    /// The workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The tenant: id, display name or primary domain.
    pub tenant: String,
    /// The backup set's id, as `atlas backup list` shows it (default: the newest version of
    /// every object still in the tenant).
    #[arg(long, value_name = "ID")]
    pub set: Option<String>,
    /// The folder: new, empty, or one an earlier export wrote.
    #[arg(long, value_name = "DIR")]
    pub to: std::path::PathBuf,
    /// The workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Back up a tenant (or every active tenant with --all-tenants) at the times a cron
    /// expression names in a time zone, keeping the newest sets.
    Add(AddArgs),
    /// The workspace's backup schedules with their next three starts.
    List {
        /// The workspace (default: your only one).
        #[arg(long, value_name = "ID")]
        workspace: Option<String>,
    },
    /// Remove a backup schedule (the sets it made stay).
    Remove {
        /// The schedule's id, as `atlas backup schedule list` shows it.
        schedule_id: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The tenant: id, display name or primary domain.
    #[arg(
        required_unless_present = "all_tenants",
        conflicts_with = "all_tenants"
    )]
    pub tenant: Option<String>,
    /// Every active tenant of the workspace, each at every start.
    #[arg(long)]
    pub all_tenants: bool,
    /// Five fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * *".
    #[arg(long)]
    pub cron: String,
    /// An IANA time zone, e.g. Europe/Berlin.
    #[arg(long = "tz", value_name = "ZONE")]
    pub time_zone: String,
    /// Keep the newest N sets of each tenant (the newest complete one is always kept).
    #[arg(long, value_name = "N")]
    pub keep: Option<u32>,
    /// Also keep every set younger than D days.
    #[arg(long, value_name = "D", requires = "keep")]
    pub keep_days: Option<u32>,
    /// The workspace (default: your only one).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

impl BackupCommand {
    /// Whether this command runs backups in this process.
    pub fn runs_work(&self) -> bool {
        matches!(self, BackupCommand::Now(args) if !args.no_wait)
    }
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &BackupCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        BackupCommand::Now(args) => now(api, actor, args, json).await,
        BackupCommand::List(args) => {
            let tenant =
                lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
            let sets = api
                .list_backup_sets(
                    actor,
                    TenantRequest {
                        tenant_id: tenant.id,
                    },
                )
                .await?;
            if json {
                output::json(&sets)?;
            } else if sets.is_empty() {
                println!(
                    "No backups of {} yet: `atlas backup now \"{}\"` makes one.",
                    tenant.display_name, tenant.display_name
                );
            } else {
                let rows: Vec<Vec<String>> = sets.iter().map(set_row).collect();
                output::table(
                    &["SET", "STATUS", "TAKEN", "VERSIONS", "NEW", "MISSING"],
                    &rows,
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        BackupCommand::Show { set_id } => {
            let detail = api
                .get_backup_set(
                    actor,
                    BackupSetRequest {
                        backup_set_id: set_id.trim().parse()?,
                    },
                )
                .await?;
            if json {
                output::json(&detail)?;
                return Ok(ExitCode::SUCCESS);
            }
            let set = &detail.set;
            println!(
                "Backup set {} of {} — {}, {} versions ({} new){}",
                set.id,
                detail.tenant_name,
                set.status,
                set.item_count,
                set.new_versions,
                set.completed_at
                    .map(|at| format!(", finished {}", at.to_rfc3339()))
                    .unwrap_or_default()
            );
            for gap in &set.missing {
                let why = gap
                    .reason
                    .map(|r| format!(": {}", r.text().label))
                    .unwrap_or_default();
                match gap.whole_type {
                    true => println!("  missing: {} (its list broke off){why}", gap.object_type),
                    false => println!(
                        "  missing: {} object(s) of {}{why}",
                        gap.objects.len(),
                        gap.object_type
                    ),
                }
            }
            let rows: Vec<Vec<String>> = detail
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.type_label.clone(),
                        i.display_name.clone(),
                        format!("v{}", i.version_number),
                        if i.new_in_set { "new" } else { "unchanged" }.to_owned(),
                    ]
                })
                .collect();
            output::table(&["TYPE", "NAME", "VERSION", "IN THIS SET"], &rows);
            Ok(ExitCode::SUCCESS)
        }
        BackupCommand::Export(args) => export(api, actor, args, json).await,
        BackupCommand::Schedule { command } => schedule(api, actor, command, json).await,
    }
}

async fn export(
    api: &Api,
    actor: &Actor,
    args: &ExportArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let tenant = lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
    let backup_set_id = args.set.as_deref().map(|s| s.trim().parse()).transpose()?;
    // The folder as a full path, whatever the shell's working directory.
    let destination = std::path::absolute(&args.to)
        .map_err(|e| ApiError::invalid(format!("{}: {e}", args.to.display())))?;
    let done = api
        .export_backup_folder(
            actor,
            ExportBackupFolderRequest {
                tenant_id: tenant.id,
                backup_set_id,
                destination: destination.display().to_string(),
            },
        )
        .await?;
    if json {
        output::json(&done)?;
    } else {
        println!(
            "{} objects of {} in {}: {} files written, {} unchanged, {} removed.",
            done.objects,
            tenant.display_name,
            done.path,
            done.written,
            done.unchanged,
            done.removed
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn now(api: &Api, actor: &Actor, args: &NowArgs, json: bool) -> Result<ExitCode, ApiError> {
    let Some(name) = args.tenant.as_deref().filter(|_| !args.all) else {
        let workspace_id = lookup::workspace(api, actor, args.workspace.as_deref()).await?;
        let response = api
            .back_up_all(actor, WorkspaceRequest { workspace_id })
            .await?;
        for skipped in &response.skipped {
            if !json {
                println!(
                    "{}: not backed up — {}",
                    skipped.display_name, skipped.reason
                );
            }
        }
        let mut code = ExitCode::SUCCESS;
        for started in &response.started {
            let run = follow(api, actor, &started.start, args.no_wait, json).await?;
            if exit_code(&run) != ExitCode::SUCCESS {
                code = ExitCode::FAILURE;
            }
        }
        if response.started.is_empty() {
            if !json {
                println!("No tenant could be backed up.");
            }
            code = ExitCode::FAILURE;
        }
        return Ok(code);
    };
    let tenant = lookup::tenant(api, actor, name, args.workspace.as_deref()).await?;
    let request = TenantRequest {
        tenant_id: tenant.id,
    };
    let started = api.back_up_now(actor, request.clone()).await?;
    let run = follow(api, actor, &started, args.no_wait, json).await?;
    if !json && run.status == RunStatus::Completed {
        let sets = api.list_backup_sets(actor, request).await?;
        if let Some(set) = sets.iter().find(|s| s.run_id == Some(run.id)) {
            println!(
                "Backup set {} — {}: {} versions, {} new",
                set.id, set.status, set.item_count, set.new_versions
            );
        }
    }
    Ok(exit_code(&run))
}

fn set_row(set: &BackupSet) -> Vec<String> {
    let missing = match set.status {
        BackupSetStatus::Partial | BackupSetStatus::Failed => set
            .missing
            .iter()
            .map(|g| g.object_type.clone())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    vec![
        set.id.to_string(),
        set.status.to_string(),
        set.created_at.to_rfc3339(),
        set.item_count.to_string(),
        set.new_versions.to_string(),
        missing,
    ]
}

async fn schedule(
    api: &Api,
    actor: &Actor,
    command: &ScheduleCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        ScheduleCommand::Add(args) => {
            let workspace_id = lookup::workspace(api, actor, args.workspace.as_deref()).await?;
            let tenant_id = match (&args.tenant, args.all_tenants) {
                (Some(name), false) => {
                    let tenant =
                        lookup::tenant(api, actor, name, Some(workspace_id.to_string().as_str()))
                            .await?;
                    Some(tenant.id)
                }
                _ => None,
            };
            let retention = args.keep.map(|keep_last| BackupRetention {
                keep_last,
                keep_days: args.keep_days,
            });
            let created = api
                .create_schedule(
                    actor,
                    CreateScheduleRequest {
                        workspace_id,
                        tenant_id,
                        kind: ScheduleKind::Backup,
                        cron: args.cron.clone(),
                        time_zone: args.time_zone.clone(),
                        retention,
                    },
                )
                .await?;
            if json {
                output::json(&created)?;
            } else {
                println!("Scheduled backup {}", created.schedule.id);
                print_schedule(&created);
            }
            Ok(ExitCode::SUCCESS)
        }
        ScheduleCommand::List { workspace } => {
            let workspace_id = lookup::workspace(api, actor, workspace.as_deref()).await?;
            let backups: Vec<ScheduleView> = api
                .list_schedules(actor, WorkspaceRequest { workspace_id })
                .await?
                .into_iter()
                .filter(|s| s.kind == ScheduleKind::Backup)
                .collect();
            if json {
                output::json(&backups)?;
            } else if backups.is_empty() {
                println!("No backup schedules: `atlas backup schedule add` makes one.");
            } else {
                for view in &backups {
                    println!("{}", view.schedule.id);
                    print_schedule(view);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ScheduleCommand::Remove { schedule_id } => {
            let id = schedule_id.trim().parse()?;
            let left = api
                .delete_schedule(actor, ScheduleRequest { schedule_id: id })
                .await?;
            if json {
                output::json(&left)?;
            } else {
                println!("Removed the schedule {id}; the backup sets it made stay.");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_schedule(view: &ScheduleView) {
    let s = &view.schedule;
    let whom = view.tenant_name.as_deref().unwrap_or("every active tenant");
    let state = if s.enabled { "" } else { " (paused)" };
    println!("  {whom}: \"{}\" in {}{state}", s.cron, s.time_zone);
    match view.retention {
        Some(r) => println!(
            "  keeps the newest {} set(s){}",
            r.keep_last,
            r.keep_days
                .map(|d| format!(" and every set younger than {d} days"))
                .unwrap_or_default()
        ),
        None => println!("  keeps every set"),
    }
    for at in &view.upcoming_local {
        println!("  next: {at}");
    }
}
