//! Restore (SPEC §7). This crate plans restores: what writing chosen versions onto a tenant
//! would do to each object, computed read-only from the tenant's current state, with the
//! source's groups mapped to the target's (`groups`) and every reason an object cannot be
//! written as it is named (`plan`). `restore.execute` runs as a dry run (`preview`) that reads
//! the target and stores the plan; executing a plan is not built yet.

pub mod groups;
pub mod plan;
mod preview;

pub use groups::{map_groups, BadOverride, Group, Override};
pub use plan::{plan, SourceItem, TargetObject, TargetState};
pub use preview::RestoreHandler;
