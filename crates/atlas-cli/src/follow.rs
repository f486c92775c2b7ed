//! Following a run this command started: print its start, wait for it to end, say how it
//! ended, and the exit code that matches.

use std::process::ExitCode;
use std::time::Duration;

use atlas_api::{
    types::{GetRunRequest, StartRunResponse},
    Actor, Api, ApiError,
};
use atlas_domain::vocabulary::Presented;
use atlas_domain::{OperationRun, RunOutcome, RunStatus};

use crate::output;

/// Prints the start, then waits for the run to end (unless told not to).
pub(crate) async fn follow(
    api: &Api,
    actor: &Actor,
    started: &StartRunResponse,
    no_wait: bool,
    json: bool,
) -> Result<OperationRun, ApiError> {
    if !json {
        println!("{}", started.message);
    }
    let run = wait_for(api, actor, started, no_wait).await?;
    if json {
        output::json(&run)?;
    } else if run.status == RunStatus::Completed {
        let why = run
            .headline_reason()
            .map(|r| format!(": {}", r.text().label))
            .unwrap_or_default();
        println!("{}{why}", run.outcome.presentation().label);
    }
    Ok(run)
}

/// Waits for the run to end (unless told not to), printing nothing: for commands that print
/// one document of their own.
pub(crate) async fn wait_for(
    api: &Api,
    actor: &Actor,
    started: &StartRunResponse,
    no_wait: bool,
) -> Result<OperationRun, ApiError> {
    let mut run = started.run.clone();
    while !no_wait && run.status != RunStatus::Completed {
        tokio::time::sleep(Duration::from_millis(250)).await;
        run = api.get_run(actor, GetRunRequest { run_id: run.id }).await?;
    }
    Ok(run)
}

pub(crate) fn exit_code(run: &OperationRun) -> ExitCode {
    match (run.status, run.outcome) {
        (RunStatus::Completed, RunOutcome::Succeeded)
        | (RunStatus::Queued | RunStatus::Running, _) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
