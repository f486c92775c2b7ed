//! `atlas findings …`: the drift findings of a workspace (filtered like the Findings page,
//! most important first), acknowledging them as accepted exceptions with a note, and
//! reopening an acknowledged one.

use std::process::ExitCode;

use atlas_api::{
    types::{
        AcknowledgeFindingsRequest, FindingRequest, ListFindingsRequest, RemediateFindingsRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{
    vocabulary::Presented, FindingFilter, FindingId, FindingKind, FindingStatus, Severity,
    Timestamp,
};
use clap::{Args, Subcommand};

use crate::{
    baseline::WorkspaceArg,
    lookup,
    output::{self, ago, thousands},
};

#[derive(Debug, Subcommand)]
pub enum FindingsCommand {
    /// List findings, most important first (default: open and acknowledged ones).
    List(ListArgs),
    /// Acknowledge open findings as accepted exceptions for the customer, with a note.
    Ack(AckArgs),
    /// Reopen an acknowledged finding.
    Reopen(ReopenArgs),
    /// Preview pushing the baseline's content back onto the tenant for missing and drifted
    /// findings (of one tenant and one baseline); execute it with `atlas restore execute`.
    Remediate(RemediateArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this tenant's findings (id, name or domain).
    #[arg(long)]
    pub tenant: Option<String>,
    /// open, acknowledged, resolved (repeat or comma-separate; default: open, acknowledged).
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<FindingStatus>,
    /// info, low, medium, high, critical.
    #[arg(long, value_delimiter = ',')]
    pub severity: Vec<Severity>,
    /// missing, unexpected, drifted.
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<FindingKind>,
    /// Policy type keys, e.g. compliance_policy.
    #[arg(long = "type", value_delimiter = ',')]
    pub policy_type: Vec<String>,
    /// Part of the policy's name.
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    #[command(flatten)]
    pub workspace: WorkspaceArg,
}

#[derive(Debug, Args)]
pub struct AckArgs {
    /// The finding ids (see `atlas findings list`).
    #[arg(required = true)]
    pub ids: Vec<FindingId>,
    /// Why the difference is accepted (required).
    #[arg(long)]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct RemediateArgs {
    /// The finding ids (see `atlas findings list`), all of one tenant.
    #[arg(required = true)]
    pub ids: Vec<FindingId>,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    pub id: FindingId,
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &FindingsCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        FindingsCommand::List(args) => list(api, actor, args, json).await,
        FindingsCommand::Ack(args) => {
            let response = api
                .acknowledge_findings(
                    actor,
                    AcknowledgeFindingsRequest {
                        finding_ids: args.ids.clone(),
                        note: args.note.clone(),
                    },
                )
                .await?;
            if json {
                output::json(&response)?;
            } else {
                println!("Acknowledged {} findings.", response.acknowledged.len());
                for s in &response.skipped {
                    println!("Skipped {}: {}", s.finding_id, s.reason);
                }
            }
            Ok(if response.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        FindingsCommand::Remediate(args) => {
            let first = api
                .get_finding(
                    actor,
                    FindingRequest {
                        finding_id: args.ids[0],
                    },
                )
                .await?;
            let started = api
                .remediate_findings(
                    actor,
                    RemediateFindingsRequest {
                        tenant_id: first.finding.summary.tenant_id,
                        finding_ids: args.ids.clone(),
                    },
                )
                .await?;
            crate::restore::finish_preview(api, actor, started, json).await
        }
        FindingsCommand::Reopen(args) => {
            let detail = api
                .reopen_finding(
                    actor,
                    FindingRequest {
                        finding_id: args.id,
                    },
                )
                .await?;
            if json {
                output::json(&detail)?;
            } else {
                println!(
                    "Reopened the finding on {} ({}).",
                    detail.finding.summary.display_name, detail.tenant_name
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn list(api: &Api, actor: &Actor, args: &ListArgs, json: bool) -> Result<ExitCode, ApiError> {
    let workspace = args.workspace.workspace.as_deref();
    let workspace_id = lookup::workspace(api, actor, workspace).await?;
    let tenants = match &args.tenant {
        Some(query) => vec![lookup::tenant(api, actor, query, workspace).await?.id],
        None => vec![],
    };
    let statuses = if args.status.is_empty() {
        vec![FindingStatus::Open, FindingStatus::Acknowledged]
    } else {
        args.status.clone()
    };
    let page = api
        .list_findings(
            actor,
            ListFindingsRequest {
                workspace_id,
                filter: FindingFilter {
                    tenants,
                    statuses,
                    severities: args.severity.clone(),
                    kinds: args.kind.clone(),
                    policy_types: args.policy_type.clone(),
                    profiles: vec![],
                    search: args.search.clone(),
                    offset: 0,
                    limit: args.limit,
                },
            },
        )
        .await?;
    if json {
        output::json(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    if page.page.items.is_empty() {
        println!("No finding matches.");
        return Ok(ExitCode::SUCCESS);
    }
    let names: Vec<(atlas_domain::TenantId, String)> = api
        .list_tenants(actor, atlas_api::types::ListTenantsRequest { workspace_id })
        .await?
        .into_iter()
        .map(|t| (t.id, t.display_name))
        .collect();
    let types = api.list_object_types(actor).await?;
    let type_label = |key: &str| {
        types
            .iter()
            .find(|t| t.key == key)
            .map(|t| t.label.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    let now = Timestamp::now();
    let rows: Vec<Vec<String>> = page
        .page
        .items
        .iter()
        .map(|f| {
            vec![
                f.id.to_string(),
                f.severity.presentation().label.to_owned(),
                f.kind.presentation().label.to_owned(),
                f.status.presentation().label.to_owned(),
                f.display_name.clone(),
                type_label(&f.policy_type),
                names
                    .iter()
                    .find(|(t, _)| *t == f.tenant_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
                ago(f.last_seen_at, now),
            ]
        })
        .collect();
    output::table(
        &[
            "FINDING",
            "SEVERITY",
            "KIND",
            "STATUS",
            "POLICY",
            "TYPE",
            "TENANT",
            "LAST SEEN",
        ],
        &rows,
    );
    let shown = page.page.items.len() as i64;
    let total = page.page.total;
    let counts: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter_map(|s| {
            page.severity_counts.get(s).map(|n| {
                format!(
                    "{} {}",
                    thousands(*n),
                    s.presentation().label.to_lowercase()
                )
            })
        })
        .collect();
    println!();
    println!(
        "{} of {}{} findings ({}).",
        thousands(shown),
        if total >= page.total_cap {
            "more than "
        } else {
            ""
        },
        thousands(total),
        counts.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}
