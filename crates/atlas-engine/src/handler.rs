//! Handlers: one per operation type. A handler gets a [`RunContext`] and returns an outcome or
//! an error; everything around it (claiming, leasing, heartbeats, timeout, panics, terminal
//! writes) is the worker pool's job.

use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex},
};

use atlas_domain::{FailureEntry, OperationRun, OperationType, RunOutcome};
use atlas_store::Store;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::Clock;

/// What a handler sees of its run.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// The run as claimed (status `running`).
    pub run: OperationRun,
    pub progress: Progress,
    /// Cancelled on timeout, shutdown, or when the run was resolved elsewhere; stop soon.
    pub cancel: CancellationToken,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
}

impl RunContext {
    /// The inputs the run was started with.
    pub fn inputs(&self) -> &serde_json::Value {
        self.run
            .context
            .get("inputs")
            .unwrap_or(&serde_json::Value::Null)
    }
}

/// Progress counters (`summary_counts`) a handler reports while it works. Reports are
/// coalesced and written with the next heartbeat, so reporting often is cheap; every write
/// also renews the lease.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    inner: Arc<ProgressState>,
}

#[derive(Debug, Default)]
struct ProgressState {
    counts: Mutex<(BTreeMap<String, i64>, bool)>,
    changed: Notify,
}

impl Progress {
    /// Sets one counter (a key of `atlas_domain::summary`).
    pub fn set(&self, key: &str, value: i64) {
        self.update(|c| {
            c.insert(key.to_owned(), value);
        });
    }

    /// Adds to one counter.
    pub fn add(&self, key: &str, delta: i64) {
        self.update(|c| *c.entry(key.to_owned()).or_insert(0) += delta);
    }

    fn update(&self, f: impl FnOnce(&mut BTreeMap<String, i64>)) {
        let mut guard = self.inner.counts.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard.0);
        guard.1 = true;
        drop(guard);
        self.inner.changed.notify_one();
    }

    /// The counters now.
    pub fn snapshot(&self) -> BTreeMap<String, i64> {
        self.inner
            .counts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .0
            .clone()
    }

    /// Counters changed since the last call, if any.
    pub(crate) fn take_dirty(&self) -> Option<BTreeMap<String, i64>> {
        let mut guard = self.inner.counts.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut guard.1).then(|| guard.0.clone())
    }

    pub(crate) async fn changed(&self) {
        self.inner.changed.notified().await;
    }
}

/// How the work ended, as the handler reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct HandlerOutcome {
    pub outcome: RunOutcome,
    pub counts: BTreeMap<String, i64>,
    /// Per-item failures (sanitised before they are stored).
    pub failures: Vec<FailureEntry>,
    /// Stored under `context.result`.
    pub result: serde_json::Value,
    /// For `Blocked`: the precondition that refused the work.
    pub reason_code: Option<String>,
}

impl HandlerOutcome {
    fn new(outcome: RunOutcome) -> Self {
        Self {
            outcome,
            counts: BTreeMap::new(),
            failures: vec![],
            result: serde_json::Value::Null,
            reason_code: None,
        }
    }

    pub fn succeeded() -> Self {
        Self::new(RunOutcome::Succeeded)
    }

    pub fn partially_succeeded(failures: Vec<FailureEntry>) -> Self {
        Self {
            failures,
            ..Self::new(RunOutcome::PartiallySucceeded)
        }
    }

    pub fn failed(failures: Vec<FailureEntry>) -> Self {
        Self {
            failures,
            ..Self::new(RunOutcome::Failed)
        }
    }

    /// A precondition checked inside the job refused the work.
    pub fn blocked(reason_code: &str, message: &str) -> Self {
        let failure = FailureEntry {
            code: reason_code.into(),
            reason_code: reason_code.into(),
            message: message.into(),
        };
        Self {
            reason_code: Some(reason_code.into()),
            failures: vec![failure],
            ..Self::new(RunOutcome::Blocked)
        }
    }

    pub fn with_counts(mut self, counts: BTreeMap<String, i64>) -> Self {
        self.counts = counts;
        self
    }

    pub fn with_result(mut self, result: serde_json::Value) -> Self {
        self.result = result;
        self
    }
}

/// A handler's error: bridged to failed truth with `run.queue_failure_bridge`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HandlerError {
    /// What kind of error it was (kept as evidence), e.g. `graph.throttled`, `io`.
    pub kind: String,
    pub message: String,
}

impl HandlerError {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

#[async_trait::async_trait]
pub trait Handler: Send + Sync + std::fmt::Debug + 'static {
    fn operation(&self) -> OperationType;

    /// Checks a start request's inputs before anything is queued.
    fn validate_inputs(&self, _inputs: &serde_json::Value) -> Result<(), String> {
        Ok(())
    }

    async fn execute(&self, ctx: RunContext) -> Result<HandlerOutcome, HandlerError>;
}

/// The handlers this process can execute, one per operation type.
#[derive(Debug, Clone, Default)]
pub struct HandlerRegistry {
    handlers: HashMap<OperationType, Arc<dyn Handler>>,
}

impl HandlerRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a handler; a second handler for the same type replaces the first.
    pub fn register(&mut self, handler: impl Handler) -> &mut Self {
        self.handlers.insert(handler.operation(), Arc::new(handler));
        self
    }

    pub fn get(&self, operation: OperationType) -> Option<Arc<dyn Handler>> {
        self.handlers.get(&operation).cloned()
    }

    /// The types with a handler, in a stable order.
    pub fn operations(&self) -> Vec<OperationType> {
        let mut ops: Vec<_> = self.handlers.keys().copied().collect();
        ops.sort();
        ops
    }
}
