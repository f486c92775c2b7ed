use crate::{
    types::{AppInfo, StorageBackend},
    Actor, Api, ApiError,
};

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
            user: actor.user.clone(),
        })
    }
}
