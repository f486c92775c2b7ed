//! Handlers: one per operation type. A handler gets a [`RunContext`] and returns an outcome or
//! an error; everything around it (claiming, leasing, heartbeats, timeout, panics, terminal
//! writes) is the worker pool's job.

use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex},
};

use atlas_domain::{
    summary::SummaryKey, FailureEntry, OperationRun, OperationType, ReasonCode, RunOutcome,
    RunResult,
};
use atlas_store::Store;
use serde::de::DeserializeOwned;
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
    /// The inputs the run was started with, as stored.
    fn raw_inputs(&self) -> &serde_json::Value {
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
    /// Sets one counter.
    pub fn set(&self, key: SummaryKey, value: i64) {
        self.update(|c| {
            c.insert(key.code().to_owned(), value);
        });
    }

    /// Adds to one counter.
    pub fn add(&self, key: SummaryKey, delta: i64) {
        self.update(|c| *c.entry(key.code().to_owned()).or_insert(0) += delta);
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
    pub result: Option<RunResult>,
    /// For `Blocked`: the precondition that refused the work.
    pub reason_code: Option<ReasonCode>,
}

impl HandlerOutcome {
    fn new(outcome: RunOutcome) -> Self {
        Self {
            outcome,
            counts: BTreeMap::new(),
            failures: vec![],
            result: None,
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
    pub fn blocked(reason_code: ReasonCode, message: &str) -> Self {
        let failure = FailureEntry {
            code: reason_code.code().into(),
            reason_code,
            message: message.into(),
        };
        Self {
            reason_code: Some(reason_code),
            failures: vec![failure],
            ..Self::new(RunOutcome::Blocked)
        }
    }

    pub fn with_counts(mut self, counts: BTreeMap<String, i64>) -> Self {
        self.counts = counts;
        self
    }

    pub fn with_result(mut self, result: RunResult) -> Self {
        self.result = Some(result);
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

/// The work of one operation type. A handler takes the typed inputs the run was started with
/// (stored as `context.inputs`, checked before anything is queued) and reports an outcome with
/// a typed result.
#[async_trait::async_trait]
pub trait Handler: Send + Sync + std::fmt::Debug + 'static {
    /// What a run of this type is started with; `NoInputs` when nothing.
    type Input: DeserializeOwned + Send + 'static;

    fn operation(&self) -> OperationType;

    /// Checks inputs that parsed but make no sense (an empty selection, say) before the run is
    /// queued. Parsing itself is checked for every handler.
    fn validate(&self, _input: &Self::Input) -> Result<(), String> {
        Ok(())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        input: Self::Input,
    ) -> Result<HandlerOutcome, HandlerError>;
}

/// Parses stored inputs; absent inputs read as an empty object, so `NoInputs` and defaults work.
fn parse_inputs<T: DeserializeOwned>(raw: &serde_json::Value) -> Result<T, String> {
    let raw = match raw {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        other => other.clone(),
    };
    serde_json::from_value(raw).map_err(|e| format!("The run's inputs are not valid: {e}"))
}

/// A [`Handler`] with its input type erased, as the registry and the worker pool hold it:
/// inputs arrive as stored JSON and are parsed into the handler's `Input` first.
#[async_trait::async_trait]
pub trait DynHandler: Send + Sync + std::fmt::Debug + 'static {
    fn validate_inputs(&self, inputs: &serde_json::Value) -> Result<(), String>;
    async fn execute(&self, ctx: RunContext) -> Result<HandlerOutcome, HandlerError>;
}

#[async_trait::async_trait]
impl<H: Handler> DynHandler for H {
    fn validate_inputs(&self, inputs: &serde_json::Value) -> Result<(), String> {
        self.validate(&parse_inputs(inputs)?)
    }

    async fn execute(&self, ctx: RunContext) -> Result<HandlerOutcome, HandlerError> {
        let input =
            parse_inputs(ctx.raw_inputs()).map_err(|e| HandlerError::new("invalid_inputs", e))?;
        Handler::execute(self, ctx, input).await
    }
}

/// The handlers this process can execute, one per operation type.
#[derive(Debug, Clone, Default)]
pub struct HandlerRegistry {
    handlers: HashMap<OperationType, Arc<dyn DynHandler>>,
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

    pub fn get(&self, operation: OperationType) -> Option<Arc<dyn DynHandler>> {
        self.handlers.get(&operation).cloned()
    }

    /// The types with a handler, in a stable order.
    pub fn operations(&self) -> Vec<OperationType> {
        let mut ops: Vec<_> = self.handlers.keys().copied().collect();
        ops.sort();
        ops
    }
}
