//! System maintenance for headless front ends (`atlas reconcile`, `atlas lifecycle validate`):
//! operations on the run table as a whole rather than on one actor's records.

use atlas_domain::lifecycle::Violation;
use atlas_engine::{EngineConfig, EngineError, Reconciler};
pub use atlas_engine::{ReconcileChange, ReconcileOptions, ReconcileReport, MAX_RECONCILE_BATCH};
pub use atlas_store::runs::RunFilter;

use crate::{handlers, Api, ApiError, ErrorCode};

/// How often the in-process engine prunes review packs (and once shortly after start).
pub const PACK_PRUNE_EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

impl Api {
    /// One review pack prune over every workspace (see [`atlas_packs::prune::prune`]).
    pub async fn prune_review_packs(
        &self,
        dry_run: bool,
    ) -> Result<atlas_packs::prune::PruneReport, ApiError> {
        Ok(atlas_packs::prune::prune(
            &self.store,
            &self.packs_dir(),
            atlas_domain::Timestamp::now(),
            dry_run,
        )
        .await?)
    }

    /// One reconciler pass with the given filters (see [`ReconcileOptions`]).
    pub async fn reconcile(&self, options: &ReconcileOptions) -> Result<ReconcileReport, ApiError> {
        // Judging runs by timing the engine itself would refuse could fail healthy runs.
        let violations = validate_lifecycle(self.runs.config());
        if !violations.is_empty() {
            let list: Vec<String> = violations.iter().map(|v| format!("- {v}")).collect();
            return Err(ApiError::invalid(format!(
                "the lifecycle configuration is not valid, so no run was judged:\n{}",
                list.join("\n")
            )));
        }
        Reconciler::new(self.runs.clone())
            .pass(options)
            .await
            .map_err(engine_error)
    }
}

/// Every violation of the lifecycle timing invariant for this build's handlers.
pub fn validate_lifecycle(config: &EngineConfig) -> Vec<Violation> {
    // The registry is only listed here; its connector never connects.
    let connector = crate::connect::Connector::new(
        std::sync::Arc::new(crate::secrets::KeyringStore::default()),
        crate::demo::DemoCloud::default(),
        atlas_graph::GraphSettings::default(),
    );
    let registry = handlers::registry(
        std::sync::Arc::new(connector),
        std::sync::Arc::new(ListingOnly),
        std::path::Path::new("."),
        atlas_restore::SecretHandoff::default(),
    );
    config.violations(&registry.operations())
}

/// Pack keys for a registry that is only listed, never run.
#[derive(Debug)]
struct ListingOnly;

#[async_trait::async_trait]
impl atlas_packs::PackKeys for ListingOnly {
    async fn signing_key(
        &self,
        _workspace: atlas_domain::WorkspaceId,
    ) -> Result<atlas_packs::PackSigningKey, String> {
        Err("this registry is only listed".into())
    }
}

pub(crate) fn engine_error(err: EngineError) -> ApiError {
    match err {
        EngineError::Store(e) => e.into(),
        EngineError::InvalidInputs(m) => ApiError::invalid(m),
        EngineError::NoHandler(t) => ApiError::invalid(format!(
            "{t} cannot be started in this version of TenantAtlas"
        )),
        EngineError::RunNotFound(_) => ApiError::not_found("Run"),
        other => ApiError::new(ErrorCode::Internal, other.to_string()),
    }
}
