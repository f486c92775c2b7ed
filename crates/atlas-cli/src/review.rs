//! `atlas evidence generate|list TENANT` and `atlas review readiness|compose|show TENANT`: a
//! tenant's evidence frozen, and the customer review composed from it. `generate` and `compose`
//! wait for their run (this process runs it) unless `--no-wait`.

use std::process::ExitCode;

use atlas_api::{types::TenantRequest, Actor, Api, ApiError};
use atlas_domain::vocabulary::Presented;
use atlas_domain::{ReviewReadiness, RunOutcome, RunStatus, TenantReview};
use clap::{Args, Subcommand};

use crate::follow::{exit_code, follow};
use crate::{lookup, output};

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Freeze the tenant's evidence now and wait for it.
    Generate(TenantArgs),
    /// The tenant's evidence snapshots, newest first.
    List(TenantArgs),
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Whether a review can be composed now, and if not why and what to do.
    Readiness(TenantArgs),
    /// Compose a review from the newest complete evidence and wait for it.
    Compose(TenantArgs),
    /// The tenant's newest review.
    Show(TenantArgs),
}

#[derive(Debug, Args)]
pub struct TenantArgs {
    /// The tenant: id, display name or primary domain.
    pub tenant: String,
    /// The workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
    /// Queue it and return (a desktop app or `atlas worker` runs it).
    #[arg(long)]
    pub no_wait: bool,
}

impl EvidenceCommand {
    fn tenant_args(&self) -> &TenantArgs {
        match self {
            EvidenceCommand::Generate(args) | EvidenceCommand::List(args) => args,
        }
    }
}

impl ReviewCommand {
    fn tenant_args(&self) -> &TenantArgs {
        match self {
            ReviewCommand::Readiness(args)
            | ReviewCommand::Compose(args)
            | ReviewCommand::Show(args) => args,
        }
    }
}

async fn tenant_of(
    api: &Api,
    actor: &Actor,
    args: &TenantArgs,
) -> Result<(atlas_domain::Tenant, TenantRequest), ApiError> {
    let tenant = lookup::tenant(api, actor, &args.tenant, args.workspace.as_deref()).await?;
    let request = TenantRequest {
        tenant_id: tenant.id,
    };
    Ok((tenant, request))
}

impl TenantArgs {
    /// Whether this command waits for a run of this process.
    pub fn waits(&self) -> bool {
        !self.no_wait
    }
}

pub async fn evidence(
    api: &Api,
    actor: &Actor,
    command: &EvidenceCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let (tenant, request) = tenant_of(api, actor, command.tenant_args()).await?;
    match command {
        EvidenceCommand::Generate(args) => {
            let started = api
                .generate_evidence_snapshot(actor, request.clone())
                .await?;
            let run = follow(api, actor, &started, args.no_wait, json).await?;
            if !json && run.status == RunStatus::Completed {
                let list = api.list_evidence_snapshots(actor, request.clone()).await?;
                if let Some(s) = list.iter().find(|s| s.run_id == Some(run.id)) {
                    println!("Snapshot {} — {}", s.id, s.state);
                }
            }
            Ok(exit_code(&run))
        }
        EvidenceCommand::List(_) => {
            let list = api.list_evidence_snapshots(actor, request.clone()).await?;
            if json {
                output::json(&list)?;
            } else if list.is_empty() {
                println!(
                    "No evidence snapshots of {} yet: `atlas evidence generate` makes one.",
                    tenant.display_name
                );
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|s| {
                        let open: i64 = s
                            .content
                            .as_ref()
                            .map_or(0, |c| c.open_findings.values().sum());
                        vec![
                            s.id.to_string(),
                            s.state.to_string(),
                            s.created_at.to_rfc3339(),
                            open.to_string(),
                        ]
                    })
                    .collect();
                output::table(&["SNAPSHOT", "STATE", "TAKEN", "OPEN FINDINGS"], &rows);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub async fn review(
    api: &Api,
    actor: &Actor,
    command: &ReviewCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let (tenant, request) = tenant_of(api, actor, command.tenant_args()).await?;
    match command {
        ReviewCommand::Readiness(_) => {
            let readiness = api.review_readiness(actor, request.clone()).await?;
            if json {
                output::json(&readiness)?;
            } else {
                match &readiness {
                    ReviewReadiness::Ready { captured_at, .. } => {
                        println!(
                            "A review of {} can be composed from the evidence of {captured_at}.",
                            tenant.display_name
                        )
                    }
                    ReviewReadiness::NotReady {
                        message, next_step, ..
                    } => println!("{message}\nNext: {next_step}"),
                }
            }
            Ok(match readiness {
                ReviewReadiness::Ready { .. } => ExitCode::SUCCESS,
                ReviewReadiness::NotReady { .. } => ExitCode::FAILURE,
            })
        }
        ReviewCommand::Compose(args) => {
            let started = api.compose_review(actor, request.clone()).await?;
            let run = follow(api, actor, &started, args.no_wait, json).await?;
            if !json && run.outcome == RunOutcome::Succeeded {
                if let Some(review) = api.latest_review(actor, request.clone()).await? {
                    print_review(&review);
                }
            }
            Ok(exit_code(&run))
        }
        ReviewCommand::Show(_) => {
            match api.latest_review(actor, request.clone()).await? {
                Some(review) if json => output::json(&review)?,
                Some(review) => print_review(&review),
                None => println!(
                    "No review of {} yet: `atlas review compose` makes one.",
                    tenant.display_name
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_review(review: &TenantReview) {
    println!(
        "Review composed {} from evidence {}",
        review.composed_at, review.evidence_snapshot_id
    );
    for section in &review.sections {
        println!(
            "\n{} — {}\n  {}",
            section.title,
            section.status.presentation().label,
            section.summary
        );
    }
    if !review.highlights.is_empty() {
        println!("\nHighlights:");
        for h in &review.highlights {
            println!("  - {h}");
        }
    }
    if !review.actions.is_empty() {
        println!("\nRecommended actions:");
        for a in &review.actions {
            println!("  - {}", a.text);
        }
    }
    if !review.note.is_empty() {
        println!("\nNote: {}", review.note);
    }
}
