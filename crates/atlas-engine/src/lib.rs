//! The operation engine: the one truth for background work (SPEC §3).
//!
//! - [`RunService`] owns every status/outcome transition: start (with dedupe), claim,
//!   heartbeat/progress, complete, block, force-fail. A completed run is never changed again.
//! - [`WorkerPool`] claims queued runs, leases and heartbeats them, enforces the per-type
//!   timeout, and bridges errors and panics to failed truth.
//! - [`Reconciler`] resolves runs that are likely stale (never started, or stopped responding).
//! - [`EngineConfig`] holds the timing and the per-type lifecycle policies; the invariant
//!   validator refuses to start workers when they do not fit together.
//!
//! All time comes from a [`Clock`], so tests move time instead of sleeping.

mod affinity;
mod clock;
mod config;
mod engine;
mod error;
mod handler;
mod identity;
mod process;
mod reconciler;
mod sanitize;
mod scheduler;
mod service;
mod worker;

pub use affinity::CredentialSource;
pub use atlas_store::runs::Heartbeat;
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{EngineConfig, PolicyFileError, MAX_RECONCILE_BATCH};
pub use engine::Engine;
pub use error::EngineError;
pub use handler::{
    DynHandler, Handler, HandlerError, HandlerOutcome, HandlerRegistry, Progress, RunContext,
};
pub use identity::run_identity_hash;
pub use process::{OwnerState, ProcessIdentity};
pub use reconciler::{ReconcileChange, ReconcileOptions, ReconcileReport, Reconciler};
pub use sanitize::sanitize_message;
pub use scheduler::Scheduler;
pub use service::{Cancel, RunService, StartRequest, Started, Transition};
pub use worker::{WorkerPool, WorkerPoolHandle};
