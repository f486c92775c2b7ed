//! The product's operation handlers, registered in one place. Each feature (inventory sync,
//! baselines, packs, restore) adds its handler here; an operation type without one cannot be
//! started.

use std::sync::Arc;

use atlas_engine::HandlerRegistry;
use atlas_sync::TenantGraph;

/// Every handler this build ships; Graph work reaches tenants through `graph`.
pub fn registry(graph: Arc<dyn TenantGraph>) -> HandlerRegistry {
    let mut registry = HandlerRegistry::new();
    atlas_sync::register(&mut registry, graph.clone());
    atlas_baselines::register(&mut registry, graph);
    registry
}
