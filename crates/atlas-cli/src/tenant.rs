//! `atlas tenant …`: add a customer tenant (its credential straight into the system keyring),
//! list tenants with their connection and last syncs, verify a connection, and pause, resume or
//! archive a tenant.

use std::{collections::BTreeMap, process::ExitCode};

use atlas_api::{
    types::{
        AddTenantRequest, LastSync, ListLastSyncsRequest, ListTenantsRequest,
        SetTenantStatusRequest, SyncKind, TenantRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{
    vocabulary::Presented, CredentialKind, RunOutcome, Tenant, TenantId, TenantStatus, Timestamp,
};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::{
    credential::CredentialArgs,
    lookup,
    output::{self, ago},
};

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Add a customer tenant reached through its app registration. The secret (or the
    /// certificate's private key) goes to the system keyring, never to the database.
    Add(AddArgs),
    /// List a workspace's tenants: status, connection, and the last sync of each kind.
    List(WorkspaceArg),
    /// Check that the tenant's app registration signs in and can read Intune (exit 1 if not).
    Verify(TenantArg),
    /// Stop syncing a tenant until it is resumed.
    Pause(TenantArg),
    /// Make a paused or archived tenant active again.
    Resume(TenantArg),
    /// Hide a tenant from daily work and stop syncing it; its data is kept.
    Archive(TenantArg),
}

#[derive(Debug, Args)]
pub struct WorkspaceArg {
    /// Workspace id (default: your only workspace).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct TenantArg {
    /// The tenant: its id, display name (any case) or primary domain.
    #[arg(value_name = "TENANT")]
    tenant: String,
    /// Only look in this workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The name the tenant is shown under.
    #[arg(long, value_name = "NAME")]
    name: String,
    /// The directory (tenant) id as a GUID, or a verified domain such as
    /// contoso.onmicrosoft.com (looked up, and kept as the primary domain).
    #[arg(long, value_name = "GUID|DOMAIN")]
    directory: String,
    /// The app registration's application (client) id, a GUID.
    #[arg(long, value_name = "GUID")]
    client_id: String,
    #[command(flatten)]
    credential: CredentialArgs,
    /// Workspace id (default: your only workspace).
    #[arg(long, value_name = "ID")]
    workspace: Option<String>,
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &TenantCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        TenantCommand::Add(args) => add(api, actor, args, json).await,
        TenantCommand::List(args) => list(api, actor, args.workspace.as_deref(), json).await,
        TenantCommand::Verify(args) => verify(api, actor, args, json).await,
        TenantCommand::Pause(args) => {
            set_status(api, actor, args, TenantStatus::Paused, json).await
        }
        TenantCommand::Resume(args) => {
            set_status(api, actor, args, TenantStatus::Active, json).await
        }
        TenantCommand::Archive(args) => {
            set_status(api, actor, args, TenantStatus::Archived, json).await
        }
    }
}

async fn add(api: &Api, actor: &Actor, args: &AddArgs, json: bool) -> Result<ExitCode, ApiError> {
    let credential = args.credential.read()?;
    let workspace_id = lookup::workspace(api, actor, args.workspace.as_deref()).await?;
    let tenant = api
        .add_tenant(
            actor,
            AddTenantRequest {
                workspace_id,
                display_name: args.name.clone(),
                directory: args.directory.clone(),
                client_id: args.client_id.clone(),
                credential,
            },
        )
        .await?;
    if json {
        output::json(&tenant)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("Added tenant \"{}\" ({}).", tenant.display_name, tenant.id);
    let directory = match &tenant.primary_domain {
        Some(domain) => format!("{} ({domain})", tenant.directory_tenant_id),
        None => tenant.directory_tenant_id.to_string(),
    };
    println!("  Directory:   {directory}");
    if let Some(connection) = &tenant.connection {
        println!("  Application: {}", connection.client_id);
        let kind = match connection.credential_kind {
            CredentialKind::ClientSecret => "client secret",
            CredentialKind::Certificate => "certificate",
        };
        println!("  Credential:  {kind}, kept in the system keyring");
    }
    println!(
        "Check the connection next: atlas tenant verify {}",
        tenant.id
    );
    Ok(ExitCode::SUCCESS)
}

/// A tenant with the newest completed sync of each kind.
#[derive(Debug, Serialize)]
struct TenantRow<'a> {
    #[serde(flatten)]
    tenant: &'a Tenant,
    last_syncs: BTreeMap<&'static str, LastSyncView>,
}

#[derive(Debug, Serialize)]
struct LastSyncView {
    outcome: RunOutcome,
    completed_at: Timestamp,
}

pub async fn list(
    api: &Api,
    actor: &Actor,
    workspace: Option<&str>,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let workspace_id = lookup::workspace(api, actor, workspace).await?;
    let tenants = api
        .list_tenants(actor, ListTenantsRequest { workspace_id })
        .await?;
    let last = api
        .list_last_syncs(actor, ListLastSyncsRequest { workspace_id })
        .await?;
    let mut by_tenant: BTreeMap<TenantId, Vec<LastSync>> = BTreeMap::new();
    for sync in last {
        by_tenant.entry(sync.tenant_id).or_default().push(sync);
    }
    let rows: Vec<TenantRow> = tenants
        .iter()
        .map(|tenant| TenantRow {
            tenant,
            last_syncs: by_tenant
                .remove(&tenant.id)
                .unwrap_or_default()
                .into_iter()
                .map(|s| {
                    let view = LastSyncView {
                        outcome: s.outcome,
                        completed_at: s.completed_at,
                    };
                    (s.kind.code(), view)
                })
                .collect(),
        })
        .collect();
    if json {
        output::json(&rows)?;
    } else if rows.is_empty() {
        println!("No tenants you can see in this workspace. Add one with `atlas tenant add`.");
    } else {
        print_list(&rows);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_list(rows: &[TenantRow]) {
    let now = Timestamp::now();
    let cells: Vec<Vec<String>> =
        rows.iter()
            .map(|row| {
                let t = row.tenant;
                let name = if t.simulated {
                    format!("{} (simulated)", t.display_name)
                } else {
                    t.display_name.clone()
                };
                let connection = match &t.connection_check.reason_code {
                    Some(reason) => format!(
                        "{}: {}",
                        t.connection_check.state.presentation().label,
                        reason.text().label
                    ),
                    None => t.connection_check.state.presentation().label.to_owned(),
                };
                let mut cells = vec![name, t.status.presentation().label.to_owned(), connection];
                cells.extend(SyncKind::ALL.iter().map(
                    |kind| match row.last_syncs.get(kind.code()) {
                        Some(s) => format!(
                            "{}, {}",
                            s.outcome.presentation().label,
                            ago(s.completed_at, now)
                        ),
                        None => "never".into(),
                    },
                ));
                cells
            })
            .collect();
    output::table(
        &[
            "TENANT",
            "STATUS",
            "CONNECTION",
            "INVENTORY",
            "POLICIES",
            "GROUPS",
            "ROLES",
        ],
        &cells,
    );
}

async fn verify(
    api: &Api,
    actor: &Actor,
    args: &TenantArg,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let tenant = lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
    let checked = api
        .verify_connection(
            actor,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await?;
    if json {
        output::json(&checked)?;
    } else {
        println!("{}", checked.message);
    }
    Ok(if checked.reachable {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn set_status(
    api: &Api,
    actor: &Actor,
    args: &TenantArg,
    status: TenantStatus,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let tenant = lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
    let before = tenant.status;
    let updated = api
        .set_tenant_status(
            actor,
            SetTenantStatusRequest {
                tenant_id: tenant.id,
                status,
            },
        )
        .await?;
    if json {
        output::json(&updated)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = &updated.display_name;
    if before == status {
        println!(
            "{name} is already {}; nothing was changed.",
            status.presentation().label.to_lowercase()
        );
        return Ok(ExitCode::SUCCESS);
    }
    match status {
        TenantStatus::Paused => {
            println!("Paused {name}: no sync starts for it until you resume it.")
        }
        TenantStatus::Archived => println!(
            "Archived {name}: it is no longer synced; its data is kept. `atlas tenant resume` \
             makes it active again."
        ),
        TenantStatus::Active => println!("Resumed {name}: it is active and can be synced again."),
    }
    Ok(ExitCode::SUCCESS)
}
