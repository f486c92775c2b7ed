//! The product's operation handlers, registered in one place. Each feature (inventory sync,
//! baselines, packs, restore) adds its handler here; an operation type without one cannot be
//! started.

use atlas_engine::HandlerRegistry;

/// Every handler this build ships.
pub fn registry() -> HandlerRegistry {
    HandlerRegistry::new()
}
