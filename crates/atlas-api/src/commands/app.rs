use crate::{
    diagnostics::{self, Redactor},
    updates::{self, UpdateOffer},
    Actor, Api, ApiError, ErrorCode,
};
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
    /// The commit this build was made from ("unknown" outside a git checkout).
    pub commit: String,
    /// The database schema version (its newest migration).
    pub schema_version: i64,
    /// Where the desktop app writes its logs for this data folder (the CLI logs to stderr).
    pub log_dir: String,
    /// The update manifest this installation checks; none means updates are off.
    pub update_url: Option<String>,
    /// This front end installs updates itself (the desktop app); a package manager updates
    /// the CLI.
    pub updates_installable: bool,
}

/// What to paste into a support ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnostics {
    /// The whole report, exactly as it would be copied.
    pub text: String,
    /// How many log lines it carries (at most 200), from which file.
    pub log_lines: u32,
    pub log_file: Option<String>,
}

/// Turns updates on (an https manifest address) or off (none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetUpdateUrlRequest {
    pub url: Option<String>,
}

/// What checking the update address found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateCheck {
    pub current_version: String,
    /// A newer version, if the server offers one.
    pub offer: Option<UpdateOffer>,
}

/// Install the version the operator was shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstallUpdateRequest {
    pub version: String,
}

/// An update that verified and was installed; it takes effect when the app restarts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateInstalled {
    pub version: String,
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
            commit: self.build_commit.clone(),
            schema_version: self.store.schema_version(),
            log_dir: self.log_dir().display().to_string(),
            update_url: updates::configured_url(&self.data_dir).map(|u| u.to_string()),
            updates_installable: self.updater.get().is_some(),
        })
    }

    fn log_dir(&self) -> std::path::PathBuf {
        self.data_dir.join("logs")
    }

    /// The About facts and the end of the newest log, with secrets and personal data removed.
    pub async fn diagnostics(&self, actor: &Actor) -> Result<Diagnostics, ApiError> {
        let info = self.app_info(actor).await?;
        let redactor = Redactor::new([actor.user.login.clone(), actor.user.display_name.clone()]);
        let backend = match info.backend {
            StorageBackend::Sqlite => "SQLite (solo)",
            StorageBackend::Postgres => "PostgreSQL (team)",
        };
        let mut text = format!(
            "{product} {version} (commit {commit})\n\
             Schema version: {schema}\n\
             Database: {backend}, {location}\n\
             Data folder: {data}\n\
             Log folder: {logs}\n\
             Updates: {updates}\n\
             System: {os} {arch}\n",
            product = info.product,
            version = info.version,
            commit = info.commit,
            schema = info.schema_version,
            location = redactor.redact(&info.database_location),
            data = redactor.redact(&info.data_dir),
            logs = redactor.redact(&info.log_dir),
            updates = info.update_url.as_deref().unwrap_or("off"),
            os = std::env::consts::OS,
            arch = std::env::consts::ARCH,
        );
        let tail = diagnostics::log_tail(&self.log_dir(), &redactor);
        match &tail {
            Some((path, lines)) => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                text.push_str(&format!("\nLast {} lines of {name}:\n", lines.len()));
                for line in lines {
                    text.push_str(line);
                    text.push('\n');
                }
            }
            None => text.push_str("\nNo log file yet.\n"),
        }
        Ok(Diagnostics {
            text,
            log_lines: tail.as_ref().map_or(0, |(_, l)| l.len() as u32),
            log_file: tail.map(|(p, _)| p.display().to_string()),
        })
    }

    /// Turns update checks on (an https manifest address) or off (`None`).
    pub async fn set_update_url(
        &self,
        actor: &Actor,
        request: SetUpdateUrlRequest,
    ) -> Result<AppInfo, ApiError> {
        let url = match request.url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(updates::parse_manifest_url(raw)?),
        };
        updates::store_url(&self.data_dir, url.as_ref())?;
        self.app_info(actor).await
    }

    /// Asks the update address whether a newer version is offered. Changes nothing.
    pub async fn check_for_update(&self, _actor: &Actor) -> Result<UpdateCheck, ApiError> {
        let (updater, url) = self.update_channel()?;
        let offer = updater
            .check(&url)
            .await
            .map_err(|f| updates::failure_error(f, &url))?;
        Ok(UpdateCheck {
            current_version: env!("CARGO_PKG_VERSION").into(),
            offer,
        })
    }

    /// Downloads the offered version and installs it once its signature verifies against
    /// the key built into the app; anything else installs nothing.
    pub async fn install_update(
        &self,
        actor: &Actor,
        request: InstallUpdateRequest,
    ) -> Result<UpdateInstalled, ApiError> {
        let (updater, url) = self.update_channel()?;
        let version = request.version.trim().to_owned();
        if version.is_empty() {
            return Err(ApiError::invalid("Say which version to install."));
        }
        updater
            .install(&url, &version)
            .await
            .map_err(|f| updates::failure_error(f, &url))?;
        tracing::info!(%version, user = %actor.user.login, "update installed");
        Ok(UpdateInstalled { version })
    }

    fn update_channel(
        &self,
    ) -> Result<(std::sync::Arc<dyn updates::UpdateSource>, url::Url), ApiError> {
        let updater = self.updater.get().cloned().ok_or_else(|| {
            ApiError::new(
                ErrorCode::Unavailable,
                "This program is updated by your package manager (apt), not from here.",
            )
        })?;
        let url = updates::configured_url(&self.data_dir).ok_or_else(|| {
            ApiError::invalid("Updates are off: set an update address in About first.")
        })?;
        Ok((updater, url))
    }
}
