//! `atlas`: the headless TenantAtlas command line. It runs the same API as the desktop app,
//! against the same data directory, with no GUI dependency.

mod maintenance;
mod output;
mod sim;

use std::{path::PathBuf, process::ExitCode};

use atlas_api::{types::ListTenantsRequest, ApiError, Runtime, RuntimeOptions};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "atlas", version, about = "TenantAtlas from the command line")]
struct Cli {
    /// Data folder (default: the OS per-user data folder, or TENANTATLAS_DATA_DIR).
    #[arg(long, global = true, value_name = "PATH")]
    data_dir: Option<PathBuf>,
    /// Team mode: a shared PostgreSQL database, postgres://user@host:port/db
    /// (default: the embedded SQLite database, or TENANTATLAS_DATABASE_URL).
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Engine timing and lifecycle policies (TOML; default: built-in values, or
    /// TENANTATLAS_POLICY_FILE).
    #[arg(long, global = true, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the demo workspace with three simulated customer tenants (does nothing if it exists).
    Demo,
    /// Show the version, data folder, database and current user.
    Info,
    /// List the workspaces you are a member of.
    Workspaces,
    /// List the tenants of a workspace.
    Tenants {
        /// Workspace id (default: your only workspace).
        #[arg(long, value_name = "ID")]
        workspace: Option<String>,
    },
    /// Run background work from the shared database until stopped (Ctrl-C / SIGTERM).
    Worker {
        /// Number of concurrent workers (default: the policy file's, or 4).
        #[arg(long, value_name = "N")]
        workers: Option<usize>,
    },
    /// Resolve runs that are likely stale (never started, or stopped responding) to failed.
    Reconcile(maintenance::ReconcileArgs),
    /// Check the engine's timing and lifecycle policies.
    Lifecycle {
        #[command(subcommand)]
        command: maintenance::LifecycleCommand,
    },
    /// The simulated Microsoft cloud (Entra token endpoint + Graph) used by the demo and tests.
    Sim {
        #[command(subcommand)]
        command: sim::SimCommand,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    restore_default_sigpipe();
    tracing_init();
    let cli = Cli::parse();
    let mut options = RuntimeOptions::from_env();
    if cli.data_dir.is_some() {
        options.data_dir = cli.data_dir.clone();
    }
    if cli.database_url.is_some() {
        options.database_url = cli.database_url.clone();
    }
    if cli.policy.is_some() {
        options.policy_file = cli.policy.clone();
    }
    // These need no database.
    match &cli.command {
        Command::Lifecycle { command } => {
            return maintenance::lifecycle(command, &options, cli.json)
        }
        Command::Sim { command } => return sim::run(command, cli.json).await,
        _ => {}
    }
    // These run background work here: start-up reconciliation, then workers.
    options.run_engine = matches!(cli.command, Command::Worker { .. } | Command::Demo);
    if let Command::Worker { workers } = &cli.command {
        options.workers = *workers;
    }
    let runtime = match Runtime::open(options).await {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: TenantAtlas cannot start: {err}");
            return ExitCode::from(2);
        }
    };
    let result = run(&cli, &runtime).await;
    runtime.shutdown().await;
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", err.message);
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: &Cli, rt: &Runtime) -> Result<ExitCode, ApiError> {
    let (api, actor) = (&rt.api, &rt.actor);
    let printed = match &cli.command {
        Command::Demo => {
            let response = api.create_demo_workspace(actor).await?;
            let info = api.app_info(actor).await?;
            output::demo(cli.json, &response, &info)
        }
        Command::Info => output::info(cli.json, &api.app_info(actor).await?),
        Command::Workspaces => output::workspaces(cli.json, &api.list_workspaces(actor).await?),
        Command::Tenants { workspace } => {
            let workspace_id = match workspace {
                Some(id) => id.parse().map_err(ApiError::from)?,
                None => only_workspace(&api.list_workspaces(actor).await?)?,
            };
            let request = ListTenantsRequest { workspace_id };
            output::tenants(cli.json, &api.list_tenants(actor, request).await?)
        }
        Command::Worker { .. } => {
            maintenance::wait_for_stop_signal(&rt.data_dir).await;
            Ok(())
        }
        Command::Reconcile(args) => maintenance::reconcile(api, args, cli.json).await,
        // Answered in `main` before the database is opened.
        Command::Lifecycle { .. } | Command::Sim { .. } => Ok(()),
    };
    printed.map(|()| ExitCode::SUCCESS)
}

fn only_workspace(
    workspaces: &[atlas_api::types::WorkspaceSummary],
) -> Result<atlas_domain::WorkspaceId, ApiError> {
    match workspaces {
        [only] => Ok(only.workspace.id),
        [] => Err(ApiError::invalid("You are not a member of any workspace yet; run `atlas demo`.")),
        many => Err(ApiError::invalid(format!(
            "You are a member of {} workspaces; choose one with --workspace <ID> (see `atlas workspaces`).",
            many.len()
        ))),
    }
}

/// `atlas … | head` should end quietly like any Unix tool, not panic on a closed pipe: Rust
/// ignores SIGPIPE by default, which turns a closed stdout into a panic in `println!`.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    #[allow(unsafe_code)]
    // SAFETY: called first thing in main, before any other thread exists; resetting a signal
    // disposition to its default has no other effect on this process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn tracing_init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
