//! `atlas sync <TENANT> | --all`: starts syncs through the engine running in this process and
//! follows them to the end. Exit code: 0 when every run succeeded; 1 when any run partially
//! succeeded, was blocked or failed, or when nothing could be started; 130 when interrupted.

use std::process::ExitCode;

use atlas_api::{
    types::{ListTenantsRequest, StartSyncRequest, SyncAllRequest, SyncKind, TenantSkipped},
    ApiError, Runtime,
};
use atlas_domain::{Tenant, TenantStatus, WorkspaceId};
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::{
    lookup, output,
    progress::{self, Display, Waited},
    runs::{self, Followed, RunReport},
};

/// Exit code of a sync or demo whose waiting was interrupted (the shell's code for SIGINT).
pub const INTERRUPTED: u8 = 130;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The tenant: its id, display name (any case) or primary domain.
    #[arg(
        value_name = "TENANT",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    tenant: Option<String>,
    /// Sync every active tenant of the workspace, in parallel (paused and archived tenants are
    /// skipped).
    #[arg(long)]
    all: bool,
    /// What to sync.
    #[arg(long, value_enum, default_value_t = Kind::Inventory)]
    kind: Kind,
    /// Workspace id (default: your only workspace; with TENANT, every workspace you are in).
    #[arg(long, value_name = "ID")]
    workspace: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Kind {
    /// Every catalog object's listing.
    Inventory,
    /// Policies' full content with assignments, kept as versions.
    Policies,
    /// Entra groups.
    Groups,
    /// Directory roles and the RBAC hardening report.
    Roles,
}

impl From<Kind> for SyncKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Inventory => SyncKind::Inventory,
            Kind::Policies => SyncKind::Policies,
            Kind::Groups => SyncKind::Groups,
            Kind::Roles => SyncKind::Roles,
        }
    }
}

/// What to sync, decided before the engine starts (so it can be given enough workers).
#[derive(Debug)]
pub struct Plan {
    kind: SyncKind,
    target: Target,
}

#[derive(Debug)]
enum Target {
    One(Box<Tenant>),
    All {
        workspace_id: WorkspaceId,
        active: usize,
    },
}

impl Plan {
    /// Runs that should execute at the same time: one per tenant.
    pub fn parallel_runs(&self) -> usize {
        match &self.target {
            Target::One(_) => 1,
            Target::All { active, .. } => (*active).max(1),
        }
    }
}

/// Finds the tenant(s) to sync.
pub async fn plan(rt: &Runtime, args: &SyncArgs) -> Result<Plan, ApiError> {
    let (api, actor) = (&rt.api, &rt.actor);
    let target = match &args.tenant {
        Some(query) => Target::One(Box::new(
            lookup::tenant(api, actor, query, args.workspace.as_deref()).await?,
        )),
        None => {
            let workspace_id = lookup::workspace(api, actor, args.workspace.as_deref()).await?;
            let tenants = api
                .list_tenants(actor, ListTenantsRequest { workspace_id })
                .await?;
            Target::All {
                workspace_id,
                active: tenants
                    .iter()
                    .filter(|t| t.status == TenantStatus::Active)
                    .count(),
            }
        }
    };
    Ok(Plan {
        kind: args.kind.into(),
        target,
    })
}

/// `--json`: one object at the end.
#[derive(Debug, Serialize)]
struct SyncReport<'a> {
    kind: SyncKind,
    /// Every run completed and succeeded.
    succeeded: bool,
    /// Waiting was stopped with Ctrl-C before every run completed.
    interrupted: bool,
    runs: Vec<RunReport>,
    /// Tenants `--all` did not start (paused, archived, no credential), with why.
    skipped: &'a [TenantSkipped],
}

/// Starts the runs, follows them, and reports.
pub async fn execute(rt: &Runtime, plan: Plan, json: bool) -> Result<ExitCode, ApiError> {
    let (api, actor) = (&rt.api, &rt.actor);
    let kind = plan.kind;
    let (mut followed, skipped) = match plan.target {
        Target::One(tenant) => {
            let start = api
                .start_sync(
                    actor,
                    StartSyncRequest {
                        tenant_id: tenant.id,
                        kind,
                    },
                )
                .await?;
            let one = Followed::started(tenant.id, &tenant.display_name, kind, start);
            (vec![one], vec![])
        }
        Target::All { workspace_id, .. } => {
            let response = api
                .sync_all(actor, SyncAllRequest { workspace_id, kind })
                .await?;
            let started = response
                .started
                .into_iter()
                .map(|s| Followed::started(s.tenant_id, &s.display_name, kind, s.start))
                .collect();
            (started, response.skipped)
        }
    };
    let display = Display::for_stdout(json);
    if !json {
        for f in &followed {
            println!("{}", f.message);
        }
        for s in &skipped {
            println!("Skipped {}: {}", s.display_name, s.reason);
        }
    }
    let waited = progress::follow(api, actor, &mut followed, display).await?;
    let interrupted = waited == Waited::Interrupted;
    let succeeded = !followed.is_empty() && followed.iter().all(Followed::succeeded);
    if json {
        output::json(&SyncReport {
            kind,
            succeeded,
            interrupted,
            runs: followed.iter().map(Followed::report).collect(),
            skipped: &skipped,
        })?;
    } else if !followed.is_empty() {
        println!();
        match interrupted {
            true => runs::print_summary_stopping(&followed),
            false => runs::print_summary(&followed),
        }
    }
    if interrupted {
        let grace = api.shutdown_grace().as_secs();
        eprintln!(
            "Stopping: runs still in progress get {grace} s to finish; any that do not are \
             recorded as failed (stopped before they finished). Press Ctrl-C again to quit at \
             once: they are then recorded as failed the next time TenantAtlas starts on this \
             machine."
        );
        return Ok(ExitCode::from(INTERRUPTED));
    }
    if followed.is_empty() {
        eprintln!(
            "error: no tenant was synced: this workspace has no active tenant with a credential."
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(if succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
