//! Tenant sync (SPEC §5): the handlers that read a customer tenant through Microsoft Graph —
//! inventory, policy versions, groups and directory roles, and backups of policies — and [`TenantGraph`], how a handler
//! reaches a tenant without knowing where credentials live. They share how a run finds its
//! tenant and connection, which catalog types a selection means, the loop that reads types, and
//! how per-item failures and per-type completeness are reported.

mod backup;
mod directory;
mod inventory;
mod policies;
pub mod scope;
mod setting_definitions;
mod tenant_graph;

use std::sync::Arc;

pub use backup::BackupHandler;
pub use directory::{GroupSyncHandler, RoleSyncHandler};
pub use inventory::InventorySyncHandler;
pub use policies::{PolicySyncHandler, PolicySyncOneHandler};

pub use tenant_graph::{ConnectError, GraphSession, TenantGraph};

use atlas_engine::HandlerRegistry;

/// Registers every sync handler, connected through `graph`.
pub fn register(registry: &mut HandlerRegistry, graph: Arc<dyn TenantGraph>) {
    registry
        .register(InventorySyncHandler::new(graph.clone()))
        .register(PolicySyncHandler::new(graph.clone()))
        .register(PolicySyncOneHandler::new(graph.clone()))
        .register(GroupSyncHandler::new(graph.clone()))
        .register(RoleSyncHandler::new(graph.clone()))
        .register(BackupHandler::new(graph));
}
