//! The sync handlers of a customer tenant (SPEC §5): inventory, policy versions, groups and
//! directory roles. They share how a run finds its tenant and connection, which catalog types a
//! selection means, and how per-item failures and per-type completeness are reported.

mod directory;
mod inventory;
mod policies;
mod scope;

use std::sync::Arc;

pub use directory::{GroupSyncHandler, RoleSyncHandler};
pub use inventory::InventorySyncHandler;
pub use policies::{PolicySyncHandler, PolicySyncOneHandler};

use crate::{HandlerRegistry, TenantGraph};

/// Registers every sync handler, connected through `graph`.
pub fn register(registry: &mut HandlerRegistry, graph: Arc<dyn TenantGraph>) {
    registry
        .register(InventorySyncHandler::new(graph.clone()))
        .register(PolicySyncHandler::new(graph.clone()))
        .register(PolicySyncOneHandler::new(graph.clone()))
        .register(GroupSyncHandler::new(graph.clone()))
        .register(RoleSyncHandler::new(graph));
}
