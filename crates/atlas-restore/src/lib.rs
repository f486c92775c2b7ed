//! Restore (SPEC §7). This crate plans restores: what writing chosen versions onto a tenant
//! would do to each object, computed read-only from the tenant's current state, with the
//! source's groups mapped to the target's (`groups`) and every reason an object cannot be
//! written as it is named (`plan`), and runs them: `restore.execute` as a dry run (`preview`)
//! reads the target and stores the plan; without `dry_run` (`execute`) it checks that the target
//! still is what the plan saw, keeps a pre-image of everything it overwrites and writes the
//! plan's creates and updates within the tenant's write budget (`writes`), with secret values
//! the operator typed handed over in memory only (`secrets`).

mod execute;
pub mod groups;
mod handler;
pub mod plan;
mod preview;
pub mod secrets;
mod target;
mod writes;

pub use groups::{map_groups, BadOverride, Group, Override};
pub use handler::RestoreHandler;
pub use plan::{plan, plan_deletes, CreatedObject, SourceItem, TargetObject, TargetState};
pub use secrets::{SecretHandoff, SuppliedSecrets};

fn store_error(error: atlas_store::StoreError) -> atlas_engine::HandlerError {
    atlas_engine::HandlerError::new("store", error.to_string())
}
