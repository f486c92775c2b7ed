//! `atlas pack generate|list|save|verify|prune|key`: review packs from the command line.
//! `verify` needs no database or keyring — it checks any pack file on any machine and exits
//! non-zero on any mismatch (1), or when the file is not a pack at all (2).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use atlas_api::{
    types::{
        verify_file, GenerateReviewPackRequest, ListReviewPacksRequest, PackIntent,
        PackVerification, ReviewPackRequest, ReviewPackView, SaveReviewPackRequest, SignatureState,
        WorkspaceRequest,
    },
    Actor, Api, ApiError,
};
use atlas_domain::{PackStatus, ReviewPackId, Timestamp};
use atlas_packs::PackPublicKey;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::{lookup, output};

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Generate a tenant's review pack and wait until it is ready (or say that the same
    /// content is already packed).
    Generate(GenerateArgs),
    /// The workspace's review packs, newest first.
    List(ListArgs),
    /// Save a ready pack to a file.
    Save {
        /// The pack's id, as `atlas pack list` shows it.
        pack_id: String,
        /// The file to write.
        #[arg(long, value_name = "PATH")]
        to: PathBuf,
    },
    /// Check a pack file: every file against its manifest, and the manifest's signature
    /// (against --public-key when given). Needs no database. Exit 0: intact; 1: changed or
    /// signed by another key; 2: not a pack.
    Verify {
        file: PathBuf,
        /// The MSP's public key: a PEM file, or the key's 64 hexadecimal characters.
        #[arg(long, value_name = "KEY")]
        public_key: Option<String>,
    },
    /// Expire packs past their retention, delete expired files after the grace period, and
    /// remove files no pack keeps.
    Prune {
        /// Say what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The workspace's signing key: its fingerprint and public key (PEM), to give customers.
    Key(WorkspaceArgs),
}

#[derive(Debug, Args)]
pub struct WorkspaceArgs {
    /// The workspace (default: your only one).
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The tenant: id, display name or primary domain.
    pub tenant: String,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// Include people's names (default: the workspace's setting).
    #[arg(long, conflicts_with = "no_pii")]
    pub pii: bool,
    /// Replace people's names by pseudonyms.
    #[arg(long)]
    pub no_pii: bool,
    /// Leave the last 30 days of operations out.
    #[arg(long)]
    pub no_operations: bool,
    /// Queue it and return (a desktop app or `atlas worker` writes it).
    #[arg(long)]
    pub no_wait: bool,
    /// Also save the ready pack to this file.
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// Only this tenant's packs.
    #[arg(long, value_name = "TENANT")]
    pub tenant: Option<String>,
}

/// `atlas pack verify`, before and without any runtime.
pub fn verify(file: &Path, public_key: Option<&str>, as_json: bool) -> ExitCode {
    let trusted = match public_key.map(read_key).transpose() {
        Ok(key) => key,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let verdict = match verify_file(file, trusted.as_ref()) {
        Ok(verdict) => verdict,
        Err(err) => {
            eprintln!("error: {}: {}", file.display(), err.message);
            return ExitCode::from(2);
        }
    };
    if as_json {
        let _ = output::json(&verdict);
    } else {
        print_verdict(&verdict);
    }
    // Without a key to compare with, an intact pack still says whose key signed it.
    match verdict.intact {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    }
}

fn read_key(given: &str) -> Result<PackPublicKey, String> {
    let text = match Path::new(given).is_file() {
        true => std::fs::read_to_string(given).map_err(|e| format!("{given}: {e}"))?,
        false => given.to_owned(),
    };
    PackPublicKey::parse(&text).map_err(|e| e.to_string())
}

fn print_verdict(v: &PackVerification) {
    println!("{}", v.verdict);
    if let (Some(tenant), Some(at)) = (&v.tenant_name, &v.generated_at) {
        let from = v.workspace_name.as_deref().unwrap_or("?");
        println!("Pack of {tenant} from {from}, generated {at}.");
    }
    if let Some(key) = &v.key_fingerprint {
        println!("Signing key fingerprint: {key}");
    }
    if v.signature == SignatureState::ValidForPackKey {
        println!("No key was given to compare with: pass --public-key with your MSP's key.");
    }
    println!("{} files matched their manifest.", v.files_checked);
    for problem in &v.problems {
        println!("  FAILED  {}: {}", problem.path, problem.problem);
    }
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &PackCommand,
    as_json: bool,
) -> Result<ExitCode, ApiError> {
    match command {
        PackCommand::Generate(args) => generate(api, actor, args, as_json).await,
        PackCommand::List(args) => list(api, actor, args, as_json)
            .await
            .map(|()| ExitCode::SUCCESS),
        PackCommand::Save { pack_id, to } => {
            let saved = save(api, actor, parse_id(pack_id)?, to).await?;
            match as_json {
                true => output::json(&saved)?,
                false => println!(
                    "Saved to {} ({} bytes, SHA-256 {}).",
                    saved.path,
                    output::thousands(saved.size),
                    saved.sha256
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        PackCommand::Prune { dry_run } => {
            let report = api.prune_review_packs(*dry_run).await?;
            match as_json {
                true => output::json(&report)?,
                false => {
                    let done = |n: usize, one: &str, many: &str, what: &str| {
                        let verb = match (*dry_run, n) {
                            (true, _) => "would be",
                            (false, 1) => "was",
                            (false, _) => "were",
                        };
                        format!("{n} {} {verb} {what}", if n == 1 { one } else { many })
                    };
                    println!(
                        "{}, {}, {}, {}.",
                        done(report.expired.len(), "pack", "packs", "expired"),
                        done(
                            report.files_deleted.len(),
                            "expired file",
                            "expired files",
                            "deleted"
                        ),
                        done(
                            report.abandoned.len(),
                            "abandoned request",
                            "abandoned requests",
                            "failed"
                        ),
                        done(
                            report.stray_files.len(),
                            "stray file",
                            "stray files",
                            "removed"
                        ),
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        PackCommand::Key(args) => {
            let workspace = lookup::workspace(api, actor, args.workspace.as_deref()).await?;
            let settings = api
                .review_pack_settings(
                    actor,
                    WorkspaceRequest {
                        workspace_id: workspace,
                    },
                )
                .await?;
            match (as_json, settings.signing_key) {
                (true, key) => output::json(&key)?,
                (false, Some(key)) => {
                    println!("Fingerprint: {}", key.fingerprint);
                    print!("{}", key.public_key_pem);
                }
                (false, None) => println!("The workspace has no signing key yet: it is made when its first pack is generated."),
            }
            Ok(ExitCode::SUCCESS)
        }
        // Answered before any runtime is opened.
        PackCommand::Verify { .. } => Ok(ExitCode::SUCCESS),
    }
}

async fn generate(
    api: &Api,
    actor: &Actor,
    args: &GenerateArgs,
    as_json: bool,
) -> Result<ExitCode, ApiError> {
    let tenant = lookup::tenant(
        api,
        actor,
        &args.tenant,
        args.workspace.workspace.as_deref(),
    )
    .await?;
    let include_pii = match (args.pii, args.no_pii) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let answer = api
        .generate_review_pack(
            actor,
            GenerateReviewPackRequest {
                tenant_id: tenant.id,
                include_pii,
                include_operations: args.no_operations.then_some(false),
            },
        )
        .await?;
    if !as_json {
        println!("{} for {}.", answer.message, tenant.display_name);
    }
    let mut view = answer.pack.clone();
    if answer.intent != PackIntent::AlreadyAvailable && !args.no_wait {
        view = wait(api, actor, view.pack.id).await?;
    }
    let saved = match (&args.save, view.pack.status) {
        (Some(to), PackStatus::Ready) => Some(save(api, actor, view.pack.id, to).await?),
        _ => None,
    };
    if as_json {
        output::json(
            &json!({ "intent": answer.intent, "run_id": answer.run_id, "pack": view, "saved": saved }),
        )?;
    } else {
        print_pack(&view);
        if let Some(saved) = &saved {
            println!("Saved to {}.", saved.path);
        }
    }
    Ok(match view.pack.status {
        PackStatus::Ready | PackStatus::Queued | PackStatus::Generating => ExitCode::SUCCESS,
        PackStatus::Failed | PackStatus::Expired => ExitCode::FAILURE,
    })
}

/// Polls the pack until it is ready or failed (this process's engine writes it).
async fn wait(api: &Api, actor: &Actor, id: ReviewPackId) -> Result<ReviewPackView, ApiError> {
    loop {
        let view = api
            .get_review_pack(actor, ReviewPackRequest { pack_id: id })
            .await?;
        if !view.pack.status.is_in_progress() {
            return Ok(view);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn save(
    api: &Api,
    actor: &Actor,
    id: ReviewPackId,
    to: &Path,
) -> Result<atlas_api::types::SavedReviewPack, ApiError> {
    let destination =
        std::path::absolute(to).map_err(|e| ApiError::invalid(format!("{}: {e}", to.display())))?;
    api.save_review_pack(
        actor,
        SaveReviewPackRequest {
            pack_id: id,
            destination: destination.display().to_string(),
        },
    )
    .await
}

fn print_pack(view: &ReviewPackView) {
    let p = &view.pack;
    println!("Pack {} — {}", p.id, p.status);
    if let (Some(size), Some(at)) = (p.file_size, p.generated_at) {
        println!(
            "  generated {at}, {} bytes, {} files",
            output::thousands(size),
            p.summary.files
        );
        let open: i64 = p.summary.open_findings.values().sum();
        println!(
            "  {} objects, {open} open findings, {} role assignments",
            output::thousands(p.summary.inventory_items),
            p.summary.role_assignments
        );
    }
    if let Some(key) = &p.summary.signing_key_fingerprint {
        println!("  signed with key {key}");
    }
}

async fn list(api: &Api, actor: &Actor, args: &ListArgs, as_json: bool) -> Result<(), ApiError> {
    let workspace = lookup::workspace(api, actor, args.workspace.workspace.as_deref()).await?;
    let tenant_id = match &args.tenant {
        Some(name) => Some(
            lookup::tenant(api, actor, name, Some(&workspace.to_string()))
                .await?
                .id,
        ),
        None => None,
    };
    let page = api
        .list_review_packs(
            actor,
            ListReviewPacksRequest {
                workspace_id: workspace,
                tenant_id,
                offset: 0,
                limit: 500,
            },
        )
        .await?;
    if as_json {
        return output::json(&page);
    }
    if page.items.is_empty() {
        println!("No review packs yet: `atlas pack generate <tenant>` makes one.");
        return Ok(());
    }
    let now = Timestamp::now();
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|v| {
            vec![
                v.pack.id.to_string(),
                v.tenant_name.clone(),
                v.pack.status.to_string(),
                v.pack
                    .generated_at
                    .map(|t| output::ago(t, now))
                    .unwrap_or_default(),
                v.pack.file_size.map(output::thousands).unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["PACK", "TENANT", "STATUS", "GENERATED", "BYTES"], &rows);
    Ok(())
}

fn parse_id(text: &str) -> Result<ReviewPackId, ApiError> {
    text.trim()
        .parse()
        .map_err(|_| ApiError::invalid("A pack id is a GUID, as `atlas pack list` shows it."))
}
