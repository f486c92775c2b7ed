//! `atlas baseline …`: baseline profiles (create, list, show, activate, archive, assign,
//! unassign) and the runs that use them — capture a profile's source tenant, compare a tenant
//! or every assigned tenant — followed to their end like `atlas sync` (exit 0: all succeeded;
//! 1: any blocked, partial or failed; 130: interrupted).

use std::process::ExitCode;

use atlas_api::{
    types::{
        AssignBaselineRequest, BaselineProfileDetail, BaselineProfileRequest, BaselineProfileView,
        CreateBaselineProfileRequest, SetBaselineStatusRequest, StartCompareRequest, TenantRequest,
        WorkspaceRequest,
    },
    Actor, Api, ApiError, ErrorCode,
};
use atlas_domain::{
    vocabulary::Presented, BaselineProfileId, BaselineSnapshot, BaselineStatus, CaptureMode,
    SnapshotState, Timestamp,
};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use crate::{
    lookup,
    output::{self, ago, thousands},
    progress::{self, Display, Waited},
    runs::{self, Followed, RunKind, RunReport},
    sync::INTERRUPTED,
};

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// List the workspace's baseline profiles: status, source, current snapshot, readiness.
    List(WorkspaceArg),
    /// One profile: its readiness, assigned tenants and snapshot history.
    Show(ProfileArg),
    /// Create a draft profile (activate it to capture and compare).
    Create(CreateArgs),
    /// Make a draft profile active: it can then capture and compare.
    Activate(ProfileArg),
    /// Archive a profile: it never captures or compares again; its history is kept.
    Archive(ArchiveArgs),
    /// Assign a tenant to a profile (a tenant follows one profile).
    Assign(AssignArgs),
    /// Remove a tenant from its profile.
    Unassign(TenantArg),
    /// Capture the profile's source tenant as a new snapshot, and wait for it.
    Capture(CaptureArgs),
    /// Compare a tenant with its baseline (or every tenant of a profile with --all), and wait.
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
pub struct WorkspaceArg {
    /// Workspace id (default: your only workspace).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProfileArg {
    /// The profile's id or name (any case).
    pub profile: String,
    #[command(flatten)]
    pub workspace: WorkspaceArg,
}

#[derive(Debug, Args)]
pub struct TenantArg {
    /// The tenant's id, display name or primary domain.
    pub tenant: String,
    #[command(flatten)]
    pub workspace: WorkspaceArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Mode {
    /// Inventory metadata fingerprints (no Graph reads at capture).
    Meta,
    /// Each policy's normalised full content, read fresh through Graph.
    FullContent,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long, default_value = "")]
    pub description: String,
    #[arg(long, value_enum, default_value = "full-content")]
    pub mode: Mode,
    /// Policy types to cover, comma-separated catalog keys (default: every policy type).
    #[arg(long, value_delimiter = ',')]
    pub scope: Vec<String>,
    /// The tenant captures read from (id, name or domain).
    #[arg(long, value_name = "TENANT")]
    pub source: Option<String>,
    #[command(flatten)]
    pub workspace: WorkspaceArg,
}

#[derive(Debug, Args)]
pub struct ArchiveArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Confirm: an archived profile never captures or compares again.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// The profile's id or name.
    pub profile: String,
    /// The tenant's id, display name or primary domain.
    pub tenant: String,
    #[command(flatten)]
    pub workspace: WorkspaceArg,
}

#[derive(Debug, Args)]
pub struct CaptureArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Start the capture and return at once.
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The tenant to compare (id, name or domain); or use --all PROFILE.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub tenant: Option<String>,
    /// Compare every tenant assigned to this profile (id or name).
    #[arg(long, value_name = "PROFILE")]
    pub all: Option<String>,
    /// Start the compares and return at once.
    #[arg(long)]
    pub no_wait: bool,
    #[command(flatten)]
    pub workspace: WorkspaceArg,
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &BaselineCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        BaselineCommand::List(args) => list(api, actor, args, json).await,
        BaselineCommand::Show(args) => {
            let detail = detail(api, actor, args).await?;
            if json {
                output::json(&detail)?;
            } else {
                print_detail(api, actor, &detail).await?;
            }
            Ok(ExitCode::SUCCESS)
        }
        BaselineCommand::Create(args) => create(api, actor, args, json).await,
        BaselineCommand::Activate(args) => {
            set_status(api, actor, args, BaselineStatus::Active, json).await
        }
        BaselineCommand::Archive(args) => {
            if !args.yes {
                return Err(ApiError::invalid(
                    "Archiving stops every capture and compare of this profile for good (its history is kept). Add --yes to confirm.",
                ));
            }
            set_status(api, actor, &args.profile, BaselineStatus::Archived, json).await
        }
        BaselineCommand::Assign(args) => {
            let workspace = args.workspace.workspace.as_deref();
            let profile = profile(api, actor, &args.profile, workspace).await?;
            let tenant = lookup::tenant(api, actor, &args.tenant, workspace).await?;
            let view = api
                .assign_baseline(
                    actor,
                    AssignBaselineRequest {
                        profile_id: profile.profile.id,
                        tenant_id: tenant.id,
                    },
                )
                .await?;
            if json {
                output::json(&view)?;
            } else {
                println!(
                    "{} follows {} ({} tenants assigned).",
                    tenant.display_name,
                    view.profile.name,
                    view.assigned_tenants.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        BaselineCommand::Unassign(args) => {
            let tenant = lookup::tenant(
                api,
                actor,
                &args.tenant,
                args.workspace.workspace.as_deref(),
            )
            .await?;
            let tenant = api
                .unassign_baseline(
                    actor,
                    TenantRequest {
                        tenant_id: tenant.id,
                    },
                )
                .await?;
            if json {
                output::json(&tenant)?;
            } else {
                println!("{} follows no baseline profile now.", tenant.display_name);
            }
            Ok(ExitCode::SUCCESS)
        }
        BaselineCommand::Capture(args) => capture(api, actor, args, json).await,
        BaselineCommand::Compare(args) => compare(api, actor, args, json).await,
    }
}

/// The profile `query` names in the workspace: its id, or its name in any case.
pub(crate) async fn profile(
    api: &Api,
    actor: &Actor,
    query: &str,
    workspace: Option<&str>,
) -> Result<BaselineProfileView, ApiError> {
    let workspace_id = lookup::workspace(api, actor, workspace).await?;
    let profiles = api
        .list_baseline_profiles(actor, WorkspaceRequest { workspace_id })
        .await?;
    let query = query.trim();
    let by_id: Option<BaselineProfileId> = query.parse().ok();
    let mut found: Vec<BaselineProfileView> = profiles
        .into_iter()
        .filter(|v| {
            Some(v.profile.id) == by_id || v.profile.name.to_lowercase() == query.to_lowercase()
        })
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("No baseline profile matches \"{query}\"; `atlas baseline list` shows them."),
        )),
        n => Err(ApiError::invalid(format!(
            "\"{query}\" names {n} profiles; name one by its id."
        ))),
    }
}

async fn detail(
    api: &Api,
    actor: &Actor,
    args: &ProfileArg,
) -> Result<BaselineProfileDetail, ApiError> {
    let view = profile(
        api,
        actor,
        &args.profile,
        args.workspace.workspace.as_deref(),
    )
    .await?;
    api.get_baseline_profile(
        actor,
        BaselineProfileRequest {
            profile_id: view.profile.id,
        },
    )
    .await
}

async fn list(
    api: &Api,
    actor: &Actor,
    args: &WorkspaceArg,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let workspace_id = lookup::workspace(api, actor, args.workspace.as_deref()).await?;
    let profiles = api
        .list_baseline_profiles(actor, WorkspaceRequest { workspace_id })
        .await?;
    if json {
        output::json(&profiles)?;
        return Ok(ExitCode::SUCCESS);
    }
    if profiles.is_empty() {
        println!(
            "No baseline profile yet. Create one with `atlas baseline create --name … --source …`."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let names = tenant_names(api, actor, workspace_id).await?;
    let now = Timestamp::now();
    let rows: Vec<Vec<String>> = profiles
        .iter()
        .map(|v| {
            let p = &v.profile;
            vec![
                p.name.clone(),
                p.status.presentation().label.to_owned(),
                p.capture_mode.presentation().label.to_owned(),
                p.source_tenant_id
                    .and_then(|id| names.iter().find(|(t, _)| *t == id))
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| "—".into()),
                current_text(v.readiness.current.as_ref(), now),
                v.assigned_tenants.len().to_string(),
                thousands(v.open_findings),
                readiness_text(v.readiness.blocked_by),
            ]
        })
        .collect();
    output::table(
        &[
            "PROFILE", "STATUS", "MODE", "SOURCE", "CURRENT", "TENANTS", "OPEN", "COMPARE",
        ],
        &rows,
    );
    Ok(ExitCode::SUCCESS)
}

async fn tenant_names(
    api: &Api,
    actor: &Actor,
    workspace_id: atlas_domain::WorkspaceId,
) -> Result<Vec<(atlas_domain::TenantId, String)>, ApiError> {
    Ok(api
        .list_tenants(actor, atlas_api::types::ListTenantsRequest { workspace_id })
        .await?
        .into_iter()
        .map(|t| (t.id, t.display_name))
        .collect())
}

fn current_text(current: Option<&BaselineSnapshot>, now: Timestamp) -> String {
    match current.and_then(|s| s.completed_at.map(|at| (s, at))) {
        Some((s, at)) => format!(
            "{} items, {}",
            thousands(s.proof.as_ref().map_or(0, |p| p.persisted_items)),
            ago(at, now)
        ),
        None => "no snapshot yet".into(),
    }
}

fn readiness_text(blocked_by: Option<atlas_domain::ReasonCode>) -> String {
    match blocked_by {
        None => "ready".into(),
        Some(code) => code.text().label.to_owned(),
    }
}

async fn print_detail(api: &Api, actor: &Actor, d: &BaselineProfileDetail) -> Result<(), ApiError> {
    let p = &d.profile;
    let names = tenant_names(api, actor, p.workspace_id).await?;
    let name_of = |id| {
        names
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let now = Timestamp::now();
    println!("{} ({})", p.name, p.id);
    if !p.description.is_empty() {
        println!("  {}", p.description);
    }
    println!(
        "  {} · {} · source {}",
        p.status.presentation().label,
        p.capture_mode.presentation().label,
        p.source_tenant_id
            .map(name_of)
            .unwrap_or_else(|| "not chosen".into())
    );
    println!(
        "  Scope: {}",
        if p.scope.is_empty() {
            "every policy type".into()
        } else {
            p.scope.join(", ")
        }
    );
    println!(
        "  Current snapshot: {}",
        current_text(d.readiness.current.as_ref(), now)
    );
    if let Some(latest) = &d.readiness.latest_attempt {
        println!(
            "  Latest attempt: {} {}{}",
            latest.state.presentation().label.to_lowercase(),
            ago(latest.created_at, now),
            latest
                .failure_reason
                .map(|r| format!(" — {}", r.text().label))
                .unwrap_or_default()
        );
    }
    match d.readiness.blocked_by {
        None => println!("  Compare: ready. {}", d.readiness.next_step),
        Some(code) => println!(
            "  Compare: {}. {}",
            code.text().label,
            d.readiness.next_step
        ),
    }
    println!();
    if d.assigned_tenants.is_empty() {
        println!(
            "No tenant is assigned; `atlas baseline assign {} <TENANT>`.",
            p.name
        );
    } else {
        let assigned: Vec<String> = d.assigned_tenants.iter().map(|t| name_of(*t)).collect();
        println!("Assigned tenants: {}", assigned.join(", "));
    }
    if !d.snapshots.is_empty() {
        println!();
        let rows: Vec<Vec<String>> = d
            .snapshots
            .iter()
            .map(|s| {
                let state = if atlas_domain::baseline::is_superseded(s, p) {
                    "Superseded".to_owned()
                } else {
                    s.state.presentation().label.to_owned()
                };
                vec![
                    s.id.to_string(),
                    state,
                    s.proof
                        .as_ref()
                        .map(|p| thousands(p.persisted_items))
                        .unwrap_or_else(|| "—".into()),
                    ago(s.created_at, now),
                    match s.state {
                        SnapshotState::Incomplete => s
                            .failure_reason
                            .map(|r| r.text().label.to_owned())
                            .unwrap_or_default(),
                        _ => String::new(),
                    },
                ]
            })
            .collect();
        output::table(&["SNAPSHOT", "STATE", "ITEMS", "TAKEN", "WHY"], &rows);
    }
    Ok(())
}

async fn create(
    api: &Api,
    actor: &Actor,
    args: &CreateArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let workspace = args.workspace.workspace.as_deref();
    let workspace_id = lookup::workspace(api, actor, workspace).await?;
    let source = match &args.source {
        Some(query) => Some(lookup::tenant(api, actor, query, workspace).await?.id),
        None => None,
    };
    let profile = api
        .create_baseline_profile(
            actor,
            CreateBaselineProfileRequest {
                workspace_id,
                name: args.name.clone(),
                description: Some(args.description.clone()),
                capture_mode: match args.mode {
                    Mode::Meta => CaptureMode::Meta,
                    Mode::FullContent => CaptureMode::FullContent,
                },
                scope: Some(args.scope.clone()),
                source_tenant_id: source,
            },
        )
        .await?;
    if json {
        output::json(&profile)?;
    } else {
        println!(
            "Created the draft profile {} ({}). Activate it with `atlas baseline activate \"{}\"`.",
            profile.name, profile.id, profile.name
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn set_status(
    api: &Api,
    actor: &Actor,
    args: &ProfileArg,
    status: BaselineStatus,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let view = profile(
        api,
        actor,
        &args.profile,
        args.workspace.workspace.as_deref(),
    )
    .await?;
    let profile = api
        .set_baseline_profile_status(
            actor,
            SetBaselineStatusRequest {
                profile_id: view.profile.id,
                status,
            },
        )
        .await?;
    if json {
        output::json(&profile)?;
    } else {
        println!(
            "{} is {}.",
            profile.name,
            profile.status.presentation().label.to_lowercase()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `--json` of capture and compare: what was started and how each run ended.
#[derive(Debug, Serialize)]
struct RunsReport<'a> {
    succeeded: bool,
    interrupted: bool,
    runs: Vec<RunReport>,
    skipped: &'a [atlas_api::types::TenantSkipped],
}

async fn capture(
    api: &Api,
    actor: &Actor,
    args: &CaptureArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let view = profile(
        api,
        actor,
        &args.profile.profile,
        args.profile.workspace.workspace.as_deref(),
    )
    .await?;
    let start = api
        .start_baseline_capture(
            actor,
            BaselineProfileRequest {
                profile_id: view.profile.id,
            },
        )
        .await?;
    let source = view
        .profile
        .source_tenant_id
        .ok_or_else(|| ApiError::invalid("The profile has no source tenant."))?;
    let name = tenant_names(api, actor, view.profile.workspace_id)
        .await?
        .into_iter()
        .find(|(t, _)| *t == source)
        .map(|(_, n)| n)
        .unwrap_or_default();
    let followed = vec![Followed::started(source, &name, RunKind::Capture, start)];
    follow(api, actor, followed, &[], args.no_wait, json).await
}

async fn compare(
    api: &Api,
    actor: &Actor,
    args: &CompareArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let workspace = args.workspace.workspace.as_deref();
    let (followed, skipped) = match (&args.tenant, &args.all) {
        (Some(query), _) => {
            let tenant = lookup::tenant(api, actor, query, workspace).await?;
            let start = api
                .start_baseline_compare(
                    actor,
                    StartCompareRequest {
                        tenant_id: tenant.id,
                        snapshot_id: None,
                    },
                )
                .await?;
            (
                vec![Followed::started(
                    tenant.id,
                    &tenant.display_name,
                    RunKind::Compare,
                    start,
                )],
                vec![],
            )
        }
        (None, Some(query)) => {
            let view = profile(api, actor, query, workspace).await?;
            let all = api
                .compare_all_assigned(
                    actor,
                    BaselineProfileRequest {
                        profile_id: view.profile.id,
                    },
                )
                .await?;
            (
                all.started
                    .into_iter()
                    .map(|s| {
                        Followed::started(s.tenant_id, &s.display_name, RunKind::Compare, s.start)
                    })
                    .collect(),
                all.skipped,
            )
        }
        (None, None) => {
            return Err(ApiError::invalid(
                "Name the tenant to compare, or --all PROFILE.",
            ))
        }
    };
    follow(api, actor, followed, &skipped, args.no_wait, json).await
}

/// Prints what starting did, follows the runs (unless told not to wait) and reports them.
async fn follow(
    api: &Api,
    actor: &Actor,
    mut followed: Vec<Followed>,
    skipped: &[atlas_api::types::TenantSkipped],
    no_wait: bool,
    json: bool,
) -> Result<ExitCode, ApiError> {
    if !json {
        for f in &followed {
            println!("{}", f.message);
        }
        for s in skipped {
            println!("Skipped {}: {}", s.display_name, s.reason);
        }
    }
    let waited = if no_wait {
        Waited::Finished
    } else {
        progress::follow(api, actor, &mut followed, Display::for_stdout(json)).await?
    };
    let interrupted = waited == Waited::Interrupted;
    let done = followed.iter().all(Followed::is_done);
    let succeeded = !followed.is_empty() && followed.iter().all(Followed::succeeded);
    if json {
        output::json(&RunsReport {
            succeeded,
            interrupted,
            runs: followed.iter().map(Followed::report).collect(),
            skipped,
        })?;
    } else if !followed.is_empty() && done {
        println!();
        runs::print_summary(&followed);
    }
    Ok(if interrupted {
        ExitCode::from(INTERRUPTED)
    } else if succeeded || (no_wait && !followed.is_empty()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
