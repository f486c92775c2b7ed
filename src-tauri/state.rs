//! The shell's state: a started runtime, or the reason it could not start. A failed start is
//! kept (not a panic) so the window can show the operator exactly what is wrong.

use atlas_api::{ApiError, ErrorCode, Runtime, RuntimeOptions};

#[derive(Debug)]
pub enum Shell {
    Ready(Box<Runtime>),
    Failed(ApiError),
}

impl Shell {
    /// Opens the runtime before the window exists, so the first command finds it ready.
    pub fn start(options: RuntimeOptions) -> Self {
        match tauri::async_runtime::block_on(Runtime::open(options)) {
            Ok(runtime) => Shell::Ready(Box::new(runtime)),
            Err(err) => {
                tracing::error!(error = %err, "TenantAtlas cannot start");
                eprintln!("error: TenantAtlas cannot start: {err}");
                Shell::Failed(ApiError::new(
                    ErrorCode::StorageUnavailable,
                    err.to_string(),
                ))
            }
        }
    }

    /// Stops the engine gracefully; nothing to do after a failed start.
    pub async fn shutdown(&self) {
        if let Shell::Ready(runtime) = self {
            runtime.shutdown().await;
        }
    }

    /// The runtime, or the start-up error every command answers with.
    pub fn runtime(&self) -> Result<&Runtime, ApiError> {
        match self {
            Shell::Ready(runtime) => Ok(runtime),
            Shell::Failed(err) => Err(err.clone()),
        }
    }
}
