//! `atlas run cancel|retry RUN_ID`: stop a queued or running run (a running one stops at its
//! next checkpoint, in whichever process runs it), or start a run that did not succeed again
//! with the same inputs. The follow-up is `atlas sync`'s job; these only say what happened.

use atlas_api::{
    types::{CancelEffect, GetRunRequest},
    Actor, Api, ApiError,
};
use atlas_domain::RunId;
use clap::Subcommand;
use serde_json::json;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum RunCommand {
    /// Cancel a queued run (it never starts) or a running one (it stops at its next
    /// checkpoint and keeps what it stored).
    Cancel {
        /// The run's id, as `atlas sync --json` and the app show it.
        run_id: String,
    },
    /// Start a run that did not succeed again, with the same inputs.
    Retry { run_id: String },
}

pub async fn run(
    api: &Api,
    actor: &Actor,
    command: &RunCommand,
    json: bool,
) -> Result<(), ApiError> {
    match command {
        RunCommand::Cancel { run_id } => {
            let answer = api.cancel_run(actor, request(run_id)?).await?;
            if json {
                return output::json(&json!({
                    "effect": answer.effect,
                    "run": answer.run.id,
                    "message": answer.message,
                }));
            }
            println!("{}", answer.message);
            if answer.effect == CancelEffect::Stopping {
                println!(
                    "The process running it records the end; `atlas sync` or the app shows it."
                );
            }
            Ok(())
        }
        RunCommand::Retry { run_id } => {
            let answer = api.retry_run(actor, request(run_id)?).await?;
            if json {
                return output::json(&json!({
                    "intent": answer.intent,
                    "run": answer.run.id,
                    "message": answer.message,
                }));
            }
            println!("{} (run {})", answer.message, answer.run.id);
            Ok(())
        }
    }
}

fn request(run_id: &str) -> Result<GetRunRequest, ApiError> {
    let run_id: RunId = run_id
        .trim()
        .parse()
        .map_err(|_| ApiError::invalid("A run id is a GUID, as `atlas sync --json` prints it."))?;
    Ok(GetRunRequest { run_id })
}
