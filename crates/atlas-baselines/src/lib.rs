//! Baselines (SPEC §6): the `baseline_capture` and `baseline_compare` handlers, snapshots made
//! from imported backups (`imported`, SPEC §6.7), the guards both
//! the command surface (before a run is queued) and the handlers (when it runs) ask, and how a
//! compare turns differences into findings. Tenants are read the way sync reads them
//! (`atlas_sync::scope`); the rules themselves are the domain's.

mod capture;
mod compare;
mod evidence;
pub mod guards;
pub mod imported;
mod subjects;

use std::sync::Arc;

use atlas_engine::HandlerRegistry;
use atlas_sync::TenantGraph;

pub use capture::CaptureHandler;
pub use compare::CompareHandler;

/// Registers the capture and compare handlers, connected through `graph`.
pub fn register(registry: &mut HandlerRegistry, graph: Arc<dyn TenantGraph>) {
    registry
        .register(CaptureHandler::new(graph.clone()))
        .register(CompareHandler::new(graph));
}
