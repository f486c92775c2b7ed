//! `atlas restore preview|execute|undo|show|list`: what restoring a backup set or chosen
//! versions onto a tenant would change, planned read-only, then executed with `--yes` (both
//! run here and are waited for); `undo` previews restoring an executed restore's pre-images.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use atlas_api::{
    types::{
        ExecuteRestoreRequest, PreviewRestoreRequest, RestoreRequest, RestoreView,
        SecretValueInput, TenantRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{
    GroupOverride, GroupTarget, ItemOutcomeKind, RestoreAction, RestoreConflict, RestorePlan,
    RestoreSource,
};
use clap::{Args, Subcommand};

use crate::follow::{exit_code, follow, wait_for};
use crate::{lookup, output};

#[derive(Debug, Subcommand)]
pub enum RestoreCommand {
    /// Plan restoring a backup set (--from) or versions (--versions) onto a tenant (--to),
    /// reading the tenant's current state and writing nothing; prints the plan.
    Preview(PreviewArgs),
    /// Execute a previewed restore: writes its creates and updates to the tenant, keeping a
    /// pre-image of everything it overwrites. Refused when the tenant changed since the preview.
    Execute {
        /// The previewed restore's id, as `atlas restore preview` shows it.
        #[arg(long = "preview", value_name = "ID")]
        restore_id: String,
        /// Confirm: write the plan's changes to the tenant.
        #[arg(long)]
        yes: bool,
        /// Type the values of secret fields the plan names (encrypted OMA-URI values, keys) so
        /// those objects are written too: one line per field from standard input, prompted and
        /// hidden at a terminal; an empty line leaves that object out. Never stored.
        #[arg(long)]
        secrets_stdin: bool,
    },
    /// Preview undoing an executed restore: restoring the pre-images it kept.
    Undo {
        /// The executed restore's id.
        restore_id: String,
    },
    /// A restore and its plan.
    Show {
        /// The restore's id, as `atlas restore preview` or `list` shows it.
        restore_id: String,
    },
    /// A tenant's restores, newest first.
    List {
        /// The tenant: id, display name or primary domain.
        tenant: String,
        /// The workspace (default: every workspace you are a member of).
        #[arg(long, value_name = "ID")]
        workspace: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The backup set to restore (its id, as `atlas backup list` shows it).
    #[arg(
        long,
        value_name = "SET",
        required_unless_present = "versions",
        conflicts_with = "versions"
    )]
    pub from: Option<String>,
    /// Versions to restore instead, comma-separated (all of one tenant).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub versions: Vec<String>,
    /// The target tenant: id, display name or primary domain.
    #[arg(long, value_name = "TENANT")]
    pub to: String,
    /// A source group's assignments go to another target group (SRC=DST), or are left out
    /// (SRC=skip). Repeatable.
    #[arg(long = "map", value_name = "SRC=DST")]
    pub maps: Vec<String>,
    /// The workspace (default: every workspace you are a member of).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

impl RestoreCommand {
    /// Whether this command runs a preview in this process.
    pub fn runs_work(&self) -> bool {
        matches!(
            self,
            RestoreCommand::Preview(_)
                | RestoreCommand::Execute { .. }
                | RestoreCommand::Undo { .. }
        )
    }
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &RestoreCommand,
    json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        RestoreCommand::Preview(args) => preview(api, actor, args, json).await,
        RestoreCommand::Execute {
            restore_id,
            yes,
            secrets_stdin,
        } => {
            let restore_id = restore_id.trim().parse()?;
            execute(api, actor, restore_id, *yes, *secrets_stdin, json).await
        }
        RestoreCommand::Undo { restore_id } => {
            let started = api
                .preview_undo(
                    actor,
                    RestoreRequest {
                        restore_id: restore_id.trim().parse()?,
                    },
                )
                .await?;
            finish_preview(api, actor, started, json).await
        }
        RestoreCommand::Show { restore_id } => {
            let view = api
                .get_restore(
                    actor,
                    RestoreRequest {
                        restore_id: restore_id.trim().parse()?,
                    },
                )
                .await?;
            match json {
                true => output::json(&view)?,
                false => print_restore(&view),
            }
            Ok(ExitCode::SUCCESS)
        }
        RestoreCommand::List { tenant, workspace } => {
            let tenant = lookup::tenant(api, actor, tenant, workspace.as_deref()).await?;
            let list = api
                .list_restores(
                    actor,
                    TenantRequest {
                        tenant_id: tenant.id,
                    },
                )
                .await?;
            if json {
                output::json(&list)?;
            } else if list.is_empty() {
                println!("No restores onto {} yet.", tenant.display_name);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        let counts = r.plan.as_ref().map(|p| p.counts).unwrap_or_default();
                        vec![
                            r.id.to_string(),
                            r.status.to_string(),
                            r.created_at.to_rfc3339(),
                            plan_line(&counts),
                        ]
                    })
                    .collect();
                output::table(&["RESTORE", "STATUS", "ASKED", "PLAN"], &rows);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn preview(
    api: &Api,
    actor: &Actor,
    args: &PreviewArgs,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let target = lookup::tenant(api, actor, &args.to, args.workspace.as_deref()).await?;
    let source = match &args.from {
        Some(set) => RestoreSource::BackupSet {
            backup_set_id: set.trim().parse()?,
        },
        None => RestoreSource::Versions {
            version_ids: args
                .versions
                .iter()
                .map(|v| v.trim().parse())
                .collect::<Result<_, _>>()?,
        },
    };
    let mut overrides = BTreeMap::new();
    for map in &args.maps {
        let Some((from, to)) = map.split_once('=') else {
            return Err(ApiError::invalid(format!(
                "--map {map}: write SOURCE-GROUP-ID=TARGET-GROUP-ID, or SOURCE-GROUP-ID=skip"
            )));
        };
        let choice = match to.trim() {
            "skip" => GroupOverride::Skip,
            group => GroupOverride::To {
                group_id: group.to_owned(),
            },
        };
        overrides.insert(from.trim().to_owned(), choice);
    }
    let started = api
        .preview_restore(
            actor,
            PreviewRestoreRequest {
                tenant_id: target.id,
                source,
                group_overrides: Some(overrides),
            },
        )
        .await?;
    finish_preview(api, actor, started, json).await
}

/// What `--json` prints for a preview or an execution: one document, the run and the restore.
#[derive(serde::Serialize)]
struct RestoreAndRun<'a> {
    run: &'a atlas_domain::OperationRun,
    #[serde(flatten)]
    view: &'a RestoreView,
}

/// Waits for a preview run and prints its plan.
pub(crate) async fn finish_preview(
    api: &Api,
    actor: &Actor,
    started: atlas_api::types::RestorePreviewStarted,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let run = match json {
        true => wait_for(api, actor, &started.start, false).await?,
        false => follow(api, actor, &started.start, false, false).await?,
    };
    let view = api
        .get_restore(
            actor,
            RestoreRequest {
                restore_id: started.restore.id,
            },
        )
        .await?;
    match json {
        true => output::json(&RestoreAndRun {
            run: &run,
            view: &view,
        })?,
        false => print_restore(&view),
    }
    Ok(exit_code(&run))
}

async fn execute(
    api: &Api,
    actor: &Actor,
    restore_id: atlas_domain::RestoreId,
    yes: bool,
    secrets_stdin: bool,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let view = api
        .get_restore(actor, RestoreRequest { restore_id })
        .await?;
    let secrets = match (&view.restore.plan, secrets_stdin) {
        (Some(plan), true) => typed_secrets(plan)?,
        _ => vec![],
    };
    let unlocked: std::collections::BTreeSet<_> =
        secrets.iter().map(|s| s.source_version_id).collect();
    let changes =
        view.restore.plan.as_ref().map_or(0, |p| p.counts.changes()) + unlocked.len() as u32;
    if !yes {
        return Err(ApiError::invalid(format!(
            "This writes {changes} change(s) to {}: run it again with --yes to confirm.",
            view.tenant_name
        )));
    }
    let started = api
        .execute_restore(
            actor,
            ExecuteRestoreRequest {
                restore_id,
                confirm_tenant: view.tenant_name.clone(),
                confirm_changes: changes,
                secrets: Some(secrets),
            },
        )
        .await?;
    let run = match json {
        true => wait_for(api, actor, &started, false).await?,
        false => follow(api, actor, &started, false, false).await?,
    };
    let view = api
        .get_restore(actor, RestoreRequest { restore_id })
        .await?;
    match json {
        true => output::json(&RestoreAndRun {
            run: &run,
            view: &view,
        })?,
        false => print_outcomes(&view),
    }
    Ok(exit_code(&run))
}

/// Asks for the value of every secret field of the objects that only secret fields keep back,
/// one line each (hidden at a terminal); an empty answer leaves the object out.
fn typed_secrets(plan: &RestorePlan) -> Result<Vec<SecretValueInput>, ApiError> {
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let mut typed = Vec::new();
    for item in &plan.items {
        let [RestoreConflict::SecretValues { fields }] = item.conflicts.as_slice() else {
            continue;
        };
        let mut values = Vec::with_capacity(fields.len());
        for field in fields {
            let prompt = format!(
                "{} '{}', {field} (input hidden, empty to leave it out): ",
                item.object_type, item.display_name
            );
            let line = match terminal {
                true => rpassword::prompt_password(prompt).map(Some),
                false => crate::credential::read_line(&mut stdin.lock()),
            }
            .map_err(|e| ApiError::invalid(format!("A secret value could not be read ({e}).")))?;
            match line {
                Some(value) if !value.trim().is_empty() => values.push(SecretValueInput {
                    source_version_id: item.source_version_id,
                    field: field.clone(),
                    value,
                }),
                _ => {
                    values.clear();
                    break;
                }
            }
        }
        typed.extend(values);
    }
    Ok(typed)
}

/// A plan's counts in one line, deletes only when an undo has any.
fn plan_line(c: &atlas_domain::PlanCounts) -> String {
    let deletes = match c.delete {
        0 => String::new(),
        n => format!(", {n} delete"),
    };
    format!(
        "{} create, {} update{deletes}, {} skip, {} conflict",
        c.create, c.update, c.skip, c.conflict
    )
}

fn print_outcomes(view: &RestoreView) {
    println!(
        "Restore {} onto {} — {}",
        view.restore.id, view.tenant_name, view.restore.status
    );
    let Some(outcomes) = &view.restore.outcomes else {
        return;
    };
    let rows: Vec<Vec<String>> = outcomes
        .iter()
        .filter(|o| o.outcome != ItemOutcomeKind::Skipped)
        .map(|o| {
            vec![
                o.outcome.to_string(),
                o.object_type.clone(),
                o.display_name.clone(),
                o.message.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        output::table(&["OUTCOME", "TYPE", "NAME", "WHY"], &rows);
    }
}

fn print_restore(view: &RestoreView) {
    let r = &view.restore;
    println!(
        "Restore {} from {} onto {} — {}",
        r.id, view.source_tenant_name, view.tenant_name, r.status
    );
    let Some(plan) = &r.plan else {
        return;
    };
    let c = plan.counts;
    let deletes = match c.delete {
        0 => String::new(),
        n => format!(", {n} to delete (created by the restore undone)"),
    };
    println!(
        "{} to create, {} to update{deletes}, {} identical, {} that cannot be restored as they are",
        c.create, c.update, c.skip, c.conflict
    );
    for group in &plan.groups {
        let name = group
            .source_name
            .as_deref()
            .unwrap_or(&group.source_group_id);
        match &group.target {
            GroupTarget::Mapped {
                display_name,
                automatic,
                ..
            } => println!(
                "  group {name} → {display_name}{}",
                if *automatic { " (same name)" } else { "" }
            ),
            GroupTarget::Skip => println!("  group {name}: assignments left out"),
            GroupTarget::Unresolved => println!(
                "  group {name} ({}): no target group — map it with --map or skip it",
                group.source_group_id
            ),
        }
    }
    let rows: Vec<Vec<String>> = plan
        .items
        .iter()
        .filter(|i| i.action != RestoreAction::Skip)
        .map(|i| {
            let detail = match i.action {
                RestoreAction::Conflict => i
                    .conflicts
                    .iter()
                    .map(conflict_words)
                    .collect::<Vec<_>>()
                    .join("; "),
                _ => i.changed_fields.join(", "),
            };
            vec![
                i.action.to_string(),
                i.object_type.clone(),
                i.display_name.clone(),
                detail,
            ]
        })
        .collect();
    if !rows.is_empty() {
        output::table(&["ACTION", "TYPE", "NAME", "CHANGES / WHY"], &rows);
    }
}

fn conflict_words(conflict: &RestoreConflict) -> String {
    match conflict {
        RestoreConflict::ChangedSinceSync { synced: true } => {
            "changed in the tenant since its last sync".into()
        }
        RestoreConflict::ChangedSinceSync { synced: false } => {
            "never synced: its current content is unknown to the product".into()
        }
        RestoreConflict::NameCollision { matches } => {
            format!("{matches} objects of the target have this name")
        }
        RestoreConflict::TypeNotWritable => "this type is never written".into(),
        RestoreConflict::UnresolvedGroups { group_ids } => {
            format!("groups without a target: {}", group_ids.join(", "))
        }
        RestoreConflict::SecretValues { fields } => {
            format!(
                "secret values not stored: {} (type them with --secrets-stdin when executing)",
                fields.join(", ")
            )
        }
    }
}
