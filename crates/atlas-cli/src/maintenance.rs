//! `atlas worker`, `atlas reconcile` and `atlas lifecycle validate`.

use std::{path::Path, process::ExitCode};

use atlas_api::{
    maintenance::{validate_lifecycle, ReconcileOptions, ReconcileReport, RunFilter},
    Api, ApiError, RuntimeOptions,
};
use atlas_domain::{reasons::ReconciliationSource, OperationType, TenantId, WorkspaceId};
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Show what would be resolved without changing anything.
    #[arg(long)]
    dry_run: bool,
    /// Only runs of this operation type (repeatable), e.g. inventory_sync.
    #[arg(long = "type", value_name = "TYPE")]
    types: Vec<OperationType>,
    /// Only runs of this tenant (repeatable).
    #[arg(long = "tenant", value_name = "ID")]
    tenants: Vec<TenantId>,
    /// Only runs of this workspace (repeatable).
    #[arg(long = "workspace", value_name = "ID")]
    workspaces: Vec<WorkspaceId>,
    /// At most this many runs (1–500).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=500))]
    limit: u32,
}

#[derive(Debug, Subcommand)]
pub enum LifecycleCommand {
    /// Exit 0 when every policy fits the lease, heartbeat and safety margin; list each
    /// violation and exit 1 otherwise.
    Validate,
}

pub async fn reconcile(api: &Api, args: &ReconcileArgs, json: bool) -> Result<(), ApiError> {
    let options = ReconcileOptions {
        dry_run: args.dry_run,
        filter: RunFilter {
            types: args.types.clone(),
            tenants: args.tenants.clone(),
            workspaces: args.workspaces.clone(),
        },
        limit: args.limit,
        source: ReconciliationSource::ManualReconciler,
    };
    let report = api.reconcile(&options).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_report(&report, args.dry_run);
    }
    Ok(())
}

fn print_report(report: &ReconcileReport, dry_run: bool) {
    let verb = if dry_run { "would resolve" } else { "resolved" };
    for change in &report.changes {
        let text = change.reason.text();
        println!(
            "{} {verb}: {} {} ({}), {} — {}",
            change.run_id,
            change.operation_type,
            change.status_before,
            change.evidence.rule,
            change.reason,
            text.label
        );
    }
    let would = if dry_run {
        format!(", would reconcile {}", report.changes.len())
    } else {
        String::new()
    };
    println!(
        "inspected {}, reconciled {}, skipped {}{would}",
        report.inspected, report.reconciled, report.skipped
    );
}

pub fn lifecycle(command: &LifecycleCommand, options: &RuntimeOptions, json: bool) -> ExitCode {
    let LifecycleCommand::Validate = command;
    let config = match options.engine_config() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let violations = validate_lifecycle(&config);
    if json {
        let list: Vec<_> = violations
            .iter()
            .map(|v| serde_json::json!({"operation_type": v.operation, "message": v.message}))
            .collect();
        println!(
            "{}",
            serde_json::json!({ "valid": violations.is_empty(), "violations": list })
        );
    } else if violations.is_empty() {
        let t = &config.timing;
        println!(
            "The lifecycle configuration is consistent: {} operation types, lease {}s, heartbeat \
             every {}s, safety margin {}s.",
            config.policies.iter().count(),
            t.lease.as_secs(),
            t.heartbeat_interval.as_secs(),
            t.safety_margin.as_secs()
        );
    } else {
        println!("The lifecycle configuration is inconsistent:");
        for v in &violations {
            println!("  - {v}");
        }
    }
    if violations.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Blocks until Ctrl-C or SIGTERM; the caller then shuts the engine down gracefully.
pub async fn wait_for_stop_signal(data_dir: &Path) {
    // Listening first, then saying so: a SIGTERM sent as soon as the line appears is a
    // graceful stop, never the default disposition's kill.
    let stop = wait_for_signal();
    eprintln!("worker running on {} (Ctrl-C to stop)", data_dir.display());
    stop.await;
    eprintln!("stopping: letting in-flight runs finish");
}

/// Completes on Ctrl-C or SIGTERM. The handlers are installed when this is called, not when
/// the returned future is first polled (hence no `async fn`, also on Windows where it could be).
#[cfg_attr(not(unix), allow(clippy::manual_async_fn))]
pub fn wait_for_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
