//! `atlas`: the headless TenantAtlas command line. It runs the same API as the desktop app,
//! against the same data directory, with no GUI dependency.

/// mimalloc rather than the system allocator: a pack or an import allocates and frees
/// hundreds of thousands of small strings, where glibc's malloc spent a tenth of the CPU and
/// page faults for memory it had just returned. Windows keeps its own (a compile check there).
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod backup;
mod baseline;
mod credential;
mod demo;
mod doc;
mod findings;
mod follow;
mod import;
mod lookup;
mod maintenance;
mod output;
mod pack;
mod progress;
mod reference;
mod restore;
mod review;
mod run_actions;
mod runs;
mod sim;
mod sync;
mod team;
mod tenant;
mod worker;

use std::{path::PathBuf, process::ExitCode};

use atlas_api::{ApiError, Runtime, RuntimeOptions};
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
    /// Also send the endings of runs this command starts to the app's inbox (by default the
    /// command reports them itself and the inbox stays quiet).
    #[arg(long, global = true)]
    notify: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the demo workspace with three simulated customer tenants (or find it), then sync
    /// them and summarise what each holds.
    Demo(demo::DemoArgs),
    /// Show the version and commit, data folder, database and schema, log folder, update
    /// setting and current user.
    Info,
    /// Print a report for a support ticket: what `atlas info` shows and the last 200 lines of
    /// the desktop app's newest log, with secrets and personal data removed.
    Diagnostics,
    /// List the workspaces you are a member of.
    Workspaces,
    /// Customer tenants: add, list, verify, pause, resume, archive.
    Tenant {
        #[command(subcommand)]
        command: tenant::TenantCommand,
    },
    /// Same as `atlas tenant list`.
    #[command(hide = true)]
    Tenants(tenant::WorkspaceArg),
    /// Sync one tenant, or every active tenant of a workspace in parallel, and wait for the
    /// result (exit 0: all succeeded; 1: any partially succeeded, was blocked or failed, or
    /// nothing could start; 130: interrupted by Ctrl-C).
    Sync(sync::SyncArgs),
    /// Baseline profiles: create, list, show, activate, archive, assign, unassign; capture a
    /// profile's source tenant and compare tenants with it (capture and compare wait for the
    /// result like `atlas sync`: exit 0 all succeeded, 1 otherwise, 130 interrupted).
    Baseline {
        #[command(subcommand)]
        command: baseline::BaselineCommand,
    },
    /// Drift findings: list them, acknowledge them with a note, reopen them.
    Findings {
        #[command(subcommand)]
        command: findings::FindingsCommand,
    },
    /// Backups of tenants' policies as backup sets: back up now (and wait), list, show, and
    /// schedules with a retention.
    Backup {
        #[command(subcommand)]
        command: backup::BackupCommand,
    },
    /// Import an IntuneCD or IntuneManagement backup folder into a tenant as an imported
    /// backup set (`--preview`: only say what it would store). Exit 0: every file imported;
    /// 1: some were not (each is listed with its reason).
    Import(import::ImportArgs),
    /// Documentation of a tenant's configuration: Markdown, HTML, CSV or Word.
    Doc {
        #[command(subcommand)]
        command: doc::DocCommand,
    },
    /// Restores: preview (read-only: what restoring a backup set or versions onto a tenant
    /// would change), execute a preview (--yes), undo, show, list.
    Restore {
        #[command(subcommand)]
        command: restore::RestoreCommand,
    },
    /// A tenant's evidence frozen at a moment: generate (and wait), list.
    Evidence {
        #[command(subcommand)]
        command: review::EvidenceCommand,
    },
    /// Customer reviews composed from evidence: readiness, compose (and wait), show.
    Review {
        #[command(subcommand)]
        command: review::ReviewCommand,
    },
    /// Review packs for customer meetings: generate, list, save, verify (any file, no
    /// database needed), prune, and the workspace's signing key.
    Pack {
        #[command(subcommand)]
        command: pack::PackCommand,
    },
    /// A run: cancel it, or start one that did not succeed again.
    Run {
        #[command(subcommand)]
        command: run_actions::RunCommand,
    },
    /// Team mode: prepare a shared PostgreSQL database (`atlas team init`).
    Team {
        #[command(subcommand)]
        command: team::TeamCommand,
    },
    /// Team mode: give colleagues their own sign-in, change their role and tenants, remove them.
    Member {
        #[command(subcommand)]
        command: team::MemberCommand,
    },
    /// Run background work from the shared database until stopped (Ctrl-C / SIGTERM); as a
    /// service, with its settings in a configuration file (--config). Exit 78: the
    /// configuration cannot be used.
    Worker(worker::WorkerArgs),
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
    /// Print a shell completion script: `atlas completions bash > /etc/bash_completion.d/atlas`
    /// (the Linux package installs them for bash, zsh and fish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (atlas.1 and one per subcommand) into a folder.
    #[command(hide = true)]
    Manpages {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
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
    options.quiet_inbox = !cli.notify;
    options.build_commit = Some(env!("TENANTATLAS_COMMIT").to_owned());
    match &cli.command {
        // These need no database.
        Command::Completions { shell } => return reference::completions(*shell),
        Command::Manpages { out } => return reference::manpages(out),
        Command::Lifecycle { command } => maintenance::lifecycle(command, &options, cli.json),
        Command::Sim { command } => sim::run(command, cli.json).await,
        Command::Pack {
            command: pack::PackCommand::Verify { file, public_key },
        } => pack::verify(file, public_key.as_deref(), cli.json),
        // Opens the database twice: to find the tenants, then with an engine sized for them.
        Command::Sync(args) => sync(&cli, args, options).await.unwrap_or_else(|code| code),
        _ => {
            // These run background work here: start-up reconciliation, then workers.
            match &cli.command {
                Command::Worker(args) => {
                    options.run_engine = true;
                    options.workers = args.workers;
                    if let Some(path) = &args.config {
                        match worker::WorkerConfig::load(path) {
                            Ok(config) => config.apply(
                                &mut options,
                                cli.database_url.is_some(),
                                cli.policy.is_some(),
                            ),
                            Err(err) => {
                                eprintln!("error: {err}");
                                return ExitCode::from(worker::EXIT_CONFIG);
                            }
                        }
                    }
                }
                Command::Demo(_) => {
                    options.run_engine = true;
                    options.workers = Some(at_least(&options, demo::PARALLEL_RUNS));
                }
                // Waiting for a capture or compare runs it here; --no-wait leaves it queued
                // for a desktop app or `atlas worker`.
                Command::Baseline {
                    command: baseline::BaselineCommand::Capture(args),
                } if !args.no_wait => options.run_engine = true,
                Command::Baseline {
                    command: baseline::BaselineCommand::Compare(args),
                } if !args.no_wait => options.run_engine = true,
                Command::Pack {
                    command: pack::PackCommand::Generate(args),
                } if !args.no_wait => options.run_engine = true,
                Command::Evidence {
                    command: review::EvidenceCommand::Generate(args),
                } if args.waits() => options.run_engine = true,
                Command::Backup { command } if command.runs_work() => options.run_engine = true,
                Command::Restore { command } if command.runs_work() => options.run_engine = true,
                Command::Findings {
                    command: findings::FindingsCommand::Remediate(_),
                } => options.run_engine = true,
                Command::Review {
                    command: review::ReviewCommand::Compose(args),
                } if args.waits() => options.run_engine = true,
                _ => {}
            }
            let runtime = match open(options).await {
                Ok(runtime) => runtime,
                Err(code) => return code,
            };
            let result = run(&cli, &runtime).await;
            finish(&runtime, result).await
        }
    }
}

/// Opens the runtime, or says why it cannot start (exit 2).
async fn open(options: RuntimeOptions) -> Result<Runtime, ExitCode> {
    Runtime::open(options).await.map_err(|err| {
        eprintln!("error: TenantAtlas cannot start: {err}");
        ExitCode::from(2)
    })
}

/// Shuts the runtime down (a second Ctrl-C quits without waiting) and turns an error into its
/// message and exit 1.
async fn finish(rt: &Runtime, result: Result<ExitCode, ApiError>) -> ExitCode {
    tokio::select! {
        () = rt.shutdown() => {}
        () = maintenance::wait_for_signal() => {
            eprintln!(
                "Quit without waiting: runs still in progress are recorded as failed the next \
                 time TenantAtlas starts on this machine."
            );
            return ExitCode::from(sync::INTERRUPTED);
        }
    }
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", err.message);
            ExitCode::FAILURE
        }
    }
}

/// The engine's worker count raised to `needed`, so that many runs execute at once.
fn at_least(options: &RuntimeOptions, needed: usize) -> usize {
    let configured = options.engine_config().map(|c| c.workers).unwrap_or(1);
    configured.max(needed)
}

/// `atlas sync`: finds the tenants first, then starts the engine with a worker per tenant (the
/// default pool of 4 would run a 10-tenant sync in three waves), then syncs.
async fn sync(
    cli: &Cli,
    args: &sync::SyncArgs,
    mut options: RuntimeOptions,
) -> Result<ExitCode, ExitCode> {
    let lookup = open(options.clone()).await?;
    let plan = sync::plan(&lookup, args).await;
    lookup.shutdown().await;
    let plan = plan.map_err(|err| {
        eprintln!("error: {}", err.message);
        ExitCode::FAILURE
    })?;
    options.run_engine = true;
    options.workers = Some(at_least(&options, plan.parallel_runs()));
    let runtime = open(options).await?;
    let result = sync::execute(&runtime, plan, cli.json).await;
    Ok(finish(&runtime, result).await)
}

async fn run(cli: &Cli, rt: &Runtime) -> Result<ExitCode, ApiError> {
    let (api, actor) = (&rt.api, &rt.actor);
    let printed = match &cli.command {
        Command::Demo(args) => return demo::run(api, actor, args, cli.json).await,
        Command::Tenant { command } => return tenant::run(api, actor, command, cli.json).await,
        Command::Baseline { command } => return baseline::run(api, actor, command, cli.json).await,
        Command::Findings { command } => return findings::run(api, actor, command, cli.json).await,
        Command::Run { command } => run_actions::run(api, actor, command, cli.json).await,
        Command::Pack { command } => return pack::run(api, actor, command, cli.json).await,
        Command::Evidence { command } => {
            return review::evidence(api, actor, command, cli.json).await
        }
        Command::Review { command } => return review::review(api, actor, command, cli.json).await,
        Command::Backup { command } => return backup::run(api, actor, command, cli.json).await,
        Command::Doc { command } => return doc::run(api, actor, command, cli.json).await,
        Command::Import(args) => return import::run(api, actor, args, cli.json).await,
        Command::Restore { command } => return restore::run(api, actor, command, cli.json).await,
        Command::Tenants(args) => {
            return tenant::list(api, actor, args.workspace.as_deref(), cli.json).await
        }
        Command::Team { command } => team::team(api, actor, command, cli.json).await,
        Command::Member { command } => team::member(api, actor, command, cli.json).await,
        Command::Info => output::info(cli.json, &api.app_info(actor).await?),
        Command::Diagnostics => output::diagnostics(cli.json, &api.diagnostics(actor).await?),
        Command::Workspaces => output::workspaces(cli.json, &api.list_workspaces(actor).await?),
        Command::Worker(_) => {
            maintenance::wait_for_stop_signal(&rt.data_dir).await;
            Ok(())
        }
        Command::Reconcile(args) => maintenance::reconcile(api, args, cli.json).await,
        // Answered in `main` before (or without) this runtime.
        Command::Lifecycle { .. }
        | Command::Sim { .. }
        | Command::Sync(_)
        | Command::Completions { .. }
        | Command::Manpages { .. } => Ok(()),
    };
    printed.map(|()| ExitCode::SUCCESS)
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
    // sqlx's slow-statement alerts are diagnostics for developers (RUST_LOG=sqlx=warn shows
    // them), not something an operator can act on.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,sqlx::query=error"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
