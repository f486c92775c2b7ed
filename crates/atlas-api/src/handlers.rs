//! The product's operation handlers, registered in one place. Each feature (inventory sync,
//! baselines, packs, restore) adds its handler here; an operation type without one cannot be
//! started.

use std::path::Path;
use std::sync::Arc;

use atlas_engine::HandlerRegistry;
use atlas_packs::PackKeys;
use atlas_sync::TenantGraph;

/// Every handler this build ships; Graph work reaches tenants through `graph`, review packs are
/// signed with `pack_keys` and written under the data folder `data_dir`, and restores find the
/// secret values typed for them in `restore_secrets`.
pub fn registry(
    graph: Arc<dyn TenantGraph>,
    pack_keys: Arc<dyn PackKeys>,
    data_dir: &Path,
    restore_secrets: atlas_restore::SecretHandoff,
) -> HandlerRegistry {
    let mut registry = HandlerRegistry::new();
    atlas_sync::register(&mut registry, graph.clone());
    atlas_baselines::register(&mut registry, graph.clone());
    registry.register(atlas_restore::RestoreHandler::new(graph, restore_secrets));
    atlas_packs::register(
        &mut registry,
        pack_keys,
        crate::commands::review_packs::packs_dir(data_dir),
        format!("TenantAtlas {}", env!("CARGO_PKG_VERSION")),
    );
    registry
}
