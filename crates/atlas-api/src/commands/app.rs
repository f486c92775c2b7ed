use crate::{Actor, Api, ApiError};
use atlas_domain::User;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which engine holds the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StorageBackend {
    /// Solo mode: an embedded database on this workstation.
    Sqlite,
    /// Team mode: a PostgreSQL database shared by several workstations.
    Postgres,
}

/// What the app is, where its data lives, and who is using it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub product: String,
    pub version: String,
    pub backend: StorageBackend,
    /// Database file or server, safe to show (no password).
    pub database_location: String,
    pub data_dir: String,
    /// Where exports and saved review packs go unless the operator picks a file: the user's
    /// Downloads folder, or `TENANTATLAS_EXPORT_DIR`.
    pub export_dir: String,
    pub user: User,
    /// This build includes the simulated cloud, so the demo workspace can be created.
    pub demo_available: bool,
}

impl Api {
    /// What the app is, where its data lives, and who is using it.
    pub async fn app_info(&self, actor: &Actor) -> Result<AppInfo, ApiError> {
        Ok(AppInfo {
            product: "TenantAtlas".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            backend: match self.store.backend() {
                atlas_store::Backend::Sqlite => StorageBackend::Sqlite,
                atlas_store::Backend::Postgres => StorageBackend::Postgres,
            },
            database_location: self.store.location(),
            data_dir: self.data_dir.display().to_string(),
            export_dir: self.export_dir.display().to_string(),
            user: actor.user.clone(),
            demo_available: cfg!(feature = "demo"),
        })
    }
}
