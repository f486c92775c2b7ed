use atlas_domain::{lifecycle::Violation, OperationType};
use atlas_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum EngineError {
    #[error("no handler is registered for operation type {0}")]
    NoHandler(OperationType),
    #[error("invalid run inputs: {0}")]
    InvalidInputs(String),
    #[error("the run {0} was not found")]
    RunNotFound(atlas_domain::RunId),
    #[error(
        "the lifecycle timing is inconsistent, so workers were not started:\n  - {}",
        .0.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("\n  - ")
    )]
    InvalidLifecycle(Vec<Violation>),
    #[error(transparent)]
    Store(#[from] StoreError),
}
