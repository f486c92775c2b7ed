//! A run the CLI started and follows to its end, and how it is reported: the JSON shape shared
//! by `atlas sync --json` and `atlas demo --json`, and the per-run text summary.

use std::{collections::BTreeMap, time::Duration};

use atlas_api::types::{StartIntent, StartRunResponse, SyncKind};
use atlas_domain::{
    summary, vocabulary::Presented, FailureEntry, OperationRun, RunId, RunOutcome, RunStatus,
    TenantId,
};
use serde::Serialize;

use crate::output::{duration, table, thousands};

/// Failure entries printed per run; the rest are in `--json`.
const FAILURES_SHOWN: usize = 10;

/// What kind of work a followed run does, as the CLI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Sync(SyncKind),
    /// A baseline capture of a profile's source tenant.
    Capture,
    /// A baseline compare of a tenant.
    Compare,
}

impl RunKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Sync(kind) => kind.code(),
            Self::Capture => "capture",
            Self::Compare => "compare",
        }
    }
}

impl From<SyncKind> for RunKind {
    fn from(kind: SyncKind) -> Self {
        Self::Sync(kind)
    }
}

impl Serialize for RunKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One run being followed, with the tenant it is for.
#[derive(Debug, Clone)]
pub struct Followed {
    pub tenant_id: TenantId,
    pub tenant: String,
    pub kind: RunKind,
    pub intent: StartIntent,
    /// What starting it said ("Policy sync of X queued", or why it was blocked).
    pub message: String,
    /// The run as last read.
    pub run: OperationRun,
}

impl Followed {
    pub fn started(
        tenant_id: TenantId,
        tenant: &str,
        kind: impl Into<RunKind>,
        start: StartRunResponse,
    ) -> Self {
        Self {
            tenant_id,
            tenant: tenant.to_owned(),
            kind: kind.into(),
            intent: start.intent,
            message: start.message,
            run: start.run,
        }
    }

    pub fn is_done(&self) -> bool {
        self.run.status == RunStatus::Completed
    }

    pub fn succeeded(&self) -> bool {
        self.is_done() && self.run.outcome == RunOutcome::Succeeded
    }

    pub fn count(&self, key: &str) -> i64 {
        self.run.summary_counts.get(key).copied().unwrap_or(0)
    }

    /// Objects handled so far: the items counted, or (while a policy sync runs) the versions
    /// captured, which is what it reports as it goes.
    pub fn objects(&self) -> i64 {
        self.count(summary::ITEMS).max(self.count(summary::CREATED))
    }

    /// From start (or, for a run blocked before it started, from queueing) to completion.
    pub fn duration(&self) -> Option<Duration> {
        let from = self.run.started_at.unwrap_or(self.run.created_at);
        let to = self.run.completed_at?;
        u64::try_from(to.unix_millis() - from.unix_millis())
            .ok()
            .map(Duration::from_millis)
    }

    pub fn report(&self) -> RunReport {
        RunReport {
            tenant_id: self.tenant_id,
            tenant: self.tenant.clone(),
            kind: self.kind,
            run_id: self.run.id,
            intent: self.intent,
            status: self.run.status,
            outcome: self.run.outcome,
            counts: self.run.summary_counts.clone(),
            failures: self.run.failure_summary.clone(),
            duration_ms: self.duration().map(|d| d.as_millis() as u64),
            message: self.message.clone(),
        }
    }
}

/// A run as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct RunReport {
    pub tenant_id: TenantId,
    pub tenant: String,
    pub kind: RunKind,
    pub run_id: RunId,
    /// What starting it did: queued, already_active (an existing run was followed) or blocked.
    pub intent: StartIntent,
    pub status: RunStatus,
    pub outcome: RunOutcome,
    /// The run's counters: total/processed steps, items, created, skipped, deleted, failed, …
    pub counts: BTreeMap<String, i64>,
    /// Every failed object or refused precondition, named.
    pub failures: Vec<FailureEntry>,
    pub duration_ms: Option<u64>,
    pub message: String,
}

/// The outcome as people read it; a run not yet completed says so.
pub fn outcome_label(run: &OperationRun) -> &'static str {
    match run.status {
        RunStatus::Completed => run.outcome.presentation().label,
        RunStatus::Running => "Still running",
        RunStatus::Queued => "Still queued",
    }
}

/// What a kind's counters mean beyond the item count.
fn detail(f: &Followed) -> String {
    let n = |key| f.count(key);
    match f.kind {
        RunKind::Sync(SyncKind::Inventory) if n(summary::DELETED) > 0 => {
            format!("{} removed", thousands(n(summary::DELETED)))
        }
        RunKind::Sync(SyncKind::Policies) if f.is_done() => format!(
            "{} new versions, {} unchanged",
            thousands(n(summary::CREATED)),
            thousands(n(summary::SKIPPED))
        ),
        RunKind::Sync(SyncKind::Roles) if f.is_done() => match n(summary::FINDINGS) {
            1 => "1 RBAC finding".into(),
            findings => format!("{findings} RBAC findings"),
        },
        RunKind::Capture if f.is_done() => match atlas_domain::RunResult::from_context(&f.run.context) {
            Some(atlas_domain::RunResult::BaselineCapture { reused: true, .. }) => {
                "identical snapshot reused".into()
            }
            Some(atlas_domain::RunResult::BaselineCapture { snapshot_id: Some(_), .. })
                if f.run.outcome == RunOutcome::Succeeded =>
            {
                "snapshot complete".into()
            }
            Some(atlas_domain::RunResult::BaselineCapture { snapshot_id: Some(_), .. }) => {
                "snapshot incomplete".into()
            }
            _ => String::new(),
        },
        RunKind::Compare if f.is_done() => match atlas_domain::RunResult::from_context(&f.run.context) {
            Some(atlas_domain::RunResult::BaselineCompare {
                missing,
                unexpected,
                drifted,
                findings,
                ..
            }) => format!(
                "{drifted} drifted, {missing} missing, {unexpected} unexpected; {} new, {} resolved",
                findings.opened + findings.reopened,
                findings.resolved
            ),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The FAILED cell: how many things could not be read. A run that failed before reading
/// anything (a refused sign-in, a precondition) has no such count, and never reads "0".
fn failed_cell(f: &Followed) -> String {
    let failed = f.count(summary::FAILED);
    let ended_badly = matches!(f.run.outcome, RunOutcome::Failed | RunOutcome::Blocked);
    match failed {
        0 if ended_badly => "—".into(),
        n => thousands(n),
    }
}

/// One row per run — outcome, items, failures, duration — then every failure named.
pub fn print_summary(runs: &[Followed]) {
    print_summary_as(runs, false);
}

/// [`print_summary`] after Ctrl-C in a process that executes the runs itself: its active
/// runs are being stopped, not left running, and the table says so.
pub fn print_summary_stopping(runs: &[Followed]) {
    print_summary_as(runs, true);
}

fn print_summary_as(runs: &[Followed], stopping: bool) {
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|f| {
            let outcome = match stopping && f.run.status.is_active() {
                true => "Stopping",
                false => outcome_label(&f.run),
            };
            vec![
                f.tenant.clone(),
                f.kind.code().to_owned(),
                outcome.to_owned(),
                thousands(f.objects()),
                failed_cell(f),
                f.duration().map(duration).unwrap_or_default(),
                detail(f),
            ]
        })
        .collect();
    table(
        &[
            "TENANT", "KIND", "OUTCOME", "ITEMS", "FAILED", "DURATION", "DETAIL",
        ],
        &rows,
    );
    for f in runs.iter().filter(|f| !f.run.failure_summary.is_empty()) {
        let failures = &f.run.failure_summary;
        let heading = match f.run.outcome {
            RunOutcome::Blocked => "blocked".to_owned(),
            _ => format!(
                "{} {}",
                failures.len(),
                if failures.len() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            ),
        };
        println!();
        println!("{} ({}): {heading}", f.tenant, f.kind.code());
        for entry in failures.iter().take(FAILURES_SHOWN) {
            println!("  - {}", entry.message);
        }
        if failures.len() > FAILURES_SHOWN {
            println!(
                "  … and {} more (all are in --json)",
                failures.len() - FAILURES_SHOWN
            );
        }
    }
}
