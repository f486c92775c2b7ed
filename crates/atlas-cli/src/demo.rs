//! `atlas demo`: creates (or finds) the demo workspace, then syncs its simulated tenants through
//! the engine in this process — inventory first, then policies, groups and roles together (the
//! engine runs tenants and kinds in parallel, each tenant within its own Graph budget) — and
//! summarises what each tenant now holds.

use std::process::ExitCode;

use atlas_api::{
    types::{
        CreateDemoWorkspaceResponse, SyncAllRequest, SyncKind, TenantRequest, WorkspaceRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{summary, TenantId, WorkspaceId};
use clap::Args;
use serde::Serialize;

use crate::{
    output::{self, thousands},
    progress::{self, Display, Waited},
    runs::{self, Followed, RunKind, RunReport},
    sync::INTERRUPTED,
};

/// Runs the demo may execute at once: its tenants × the kinds synced together.
pub const PARALLEL_RUNS: usize = atlas_api::demo::DEMO_TENANTS * 3;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Only create (or find) the demo workspace; do not sync its tenants.
    #[arg(long)]
    no_sync: bool,
}

/// `--json`: the workspace as before, plus what the syncs did.
#[derive(Debug, Serialize)]
struct DemoReport<'a> {
    #[serde(flatten)]
    workspace: &'a CreateDemoWorkspaceResponse,
    #[serde(skip_serializing_if = "Option::is_none")]
    syncs: Option<Syncs>,
    /// The demo baseline's compares (after its capture), when the syncs ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Vec<RunReport>>,
}

#[derive(Debug, Serialize)]
struct Syncs {
    /// Every run completed and succeeded.
    succeeded: bool,
    interrupted: bool,
    tenants: Vec<TenantSummary>,
    runs: Vec<RunReport>,
}

/// What one simulated tenant holds after the syncs.
#[derive(Debug, Serialize)]
struct TenantSummary {
    tenant_id: TenantId,
    display_name: String,
    inventory_objects: i64,
    versions_captured: i64,
    versions_unchanged: i64,
    groups: i64,
    role_definitions: usize,
    role_assignments: usize,
    rbac_findings: i64,
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    args: &DemoArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let workspace = api.create_demo_workspace(actor).await?;
    let info = api.app_info(actor).await?;
    if !json {
        output::demo_workspace(&workspace, !args.no_sync)?;
        println!();
    }
    let mut code = ExitCode::SUCCESS;
    let mut compares: Option<Vec<Followed>> = None;
    let syncs = if args.no_sync {
        None
    } else {
        let display = Display::for_stdout(json);
        let ws = workspace.workspace.workspace.id;
        if !json {
            println!("Syncing the simulated tenants (inventory, then policies, groups and roles):");
        }
        let mut followed = start(api, actor, ws, &[SyncKind::Inventory]).await?;
        let mut waited = progress::follow(api, actor, &mut followed, display).await?;
        if waited == Waited::Finished {
            let kinds = [SyncKind::Policies, SyncKind::Groups, SyncKind::Roles];
            let mut rest = start(api, actor, ws, &kinds).await?;
            waited = progress::follow(api, actor, &mut rest, display).await?;
            followed.extend(rest);
        }
        let mut interrupted = waited == Waited::Interrupted;
        let mut succeeded = followed.iter().all(Followed::succeeded);
        if !interrupted {
            let compared = baseline(api, actor, ws, display, json).await?;
            interrupted = compared.1 == Waited::Interrupted;
            succeeded &= compared.0.iter().all(Followed::succeeded) && !compared.0.is_empty();
            compares = Some(compared.0);
        }
        code = if interrupted {
            ExitCode::from(INTERRUPTED)
        } else if succeeded {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
        let tenants = summarise(api, actor, &workspace, &followed).await?;
        if !json {
            println!();
            print_tenants(&tenants);
            println!();
            runs::print_summary(&followed);
            println!();
            if let Some(compares) = compares.as_ref().filter(|c| !c.is_empty()) {
                runs::print_summary(compares);
                println!();
                println!(
                    "Drift is listed by `atlas findings list` and on the app's Findings page."
                );
                println!();
            }
        }
        Some(Syncs {
            succeeded,
            interrupted,
            tenants,
            runs: followed.iter().map(Followed::report).collect(),
        })
    };
    if json {
        output::json(&DemoReport {
            workspace: &workspace,
            syncs,
            baseline: compares.map(|c| c.iter().map(Followed::report).collect()),
        })?;
    } else {
        output::locations(&info);
    }
    Ok(code)
}

/// Captures the demo baseline from its reference tenant, then compares the other tenants
/// with it, following the compares. The app may already have started the same runs (they are
/// deduped and followed here).
async fn baseline(
    api: &Api,
    actor: &Actor,
    workspace_id: WorkspaceId,
    display: Display,
    json: bool,
) -> Result<(Vec<Followed>, Waited), ApiError> {
    let Some(profile) = api
        .list_baseline_profiles(actor, WorkspaceRequest { workspace_id })
        .await?
        .into_iter()
        .find(|v| v.profile.name == atlas_api::demo::DEMO_BASELINE_NAME)
    else {
        return Ok((vec![], Waited::Finished));
    };
    if !json {
        println!(
            "Capturing the baseline \"{}\" and comparing the other tenants with it:",
            profile.profile.name
        );
    }
    let Some(started) = api
        .capture_then_compare(actor, profile.profile.id, true)
        .await?
    else {
        return Ok((vec![], Waited::Finished));
    };
    let mut followed: Vec<Followed> = started
        .started
        .into_iter()
        .map(|s| Followed::started(s.tenant_id, &s.display_name, RunKind::Compare, s.start))
        .collect();
    let waited = progress::follow(api, actor, &mut followed, display).await?;
    Ok((followed, waited))
}

/// Starts one sync of each kind for every demo tenant.
async fn start(
    api: &Api,
    actor: &Actor,
    workspace_id: WorkspaceId,
    kinds: &[SyncKind],
) -> Result<Vec<Followed>, ApiError> {
    let mut followed = Vec::new();
    for &kind in kinds {
        let response = api
            .sync_all(actor, SyncAllRequest { workspace_id, kind })
            .await?;
        followed.extend(
            response
                .started
                .into_iter()
                .map(|s| Followed::started(s.tenant_id, &s.display_name, kind, s.start)),
        );
    }
    Ok(followed)
}

async fn summarise(
    api: &Api,
    actor: &Actor,
    workspace: &CreateDemoWorkspaceResponse,
    followed: &[Followed],
) -> Result<Vec<TenantSummary>, ApiError> {
    let mut tenants = Vec::new();
    for tenant in &workspace.tenants {
        let count = |kind: SyncKind, key: &str| {
            followed
                .iter()
                .find(|f| f.tenant_id == tenant.id && f.kind == RunKind::Sync(kind))
                .map_or(0, |f| f.count(key))
        };
        let roles = api
            .list_directory_roles(
                actor,
                TenantRequest {
                    tenant_id: tenant.id,
                },
            )
            .await?;
        tenants.push(TenantSummary {
            tenant_id: tenant.id,
            display_name: tenant.display_name.clone(),
            inventory_objects: count(SyncKind::Inventory, summary::ITEMS),
            versions_captured: count(SyncKind::Policies, summary::CREATED),
            versions_unchanged: count(SyncKind::Policies, summary::SKIPPED),
            groups: count(SyncKind::Groups, summary::ITEMS),
            role_definitions: roles.definitions.len(),
            role_assignments: roles.assignments.len(),
            rbac_findings: count(SyncKind::Roles, summary::FINDINGS),
        });
    }
    Ok(tenants)
}

fn print_tenants(tenants: &[TenantSummary]) {
    let rows: Vec<Vec<String>> = tenants
        .iter()
        .map(|t| {
            vec![
                t.display_name.clone(),
                thousands(t.inventory_objects),
                format!(
                    "{} new, {} unchanged",
                    thousands(t.versions_captured),
                    thousands(t.versions_unchanged)
                ),
                thousands(t.groups),
                format!(
                    "{} ({} assignments)",
                    t.role_definitions, t.role_assignments
                ),
                thousands(t.rbac_findings),
            ]
        })
        .collect();
    output::table(
        &[
            "TENANT",
            "INVENTORY OBJECTS",
            "POLICY VERSIONS",
            "GROUPS",
            "ROLES",
            "RBAC FINDINGS",
        ],
        &rows,
    );
}
