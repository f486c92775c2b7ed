//! The desktop app's updater: Tauri's updater plugin, which downloads what the update
//! manifest offers and installs it only when its minisign signature verifies against the
//! public key built into the app (`plugins.updater.pubkey` in tauri.conf.json). The API owns
//! the setting and the words; this is only the mechanism ([`UpdateSource`]).

use std::{path::PathBuf, time::Duration};

use atlas_api::updates::{UpdateFailure, UpdateOffer, UpdateSource};
use tauri::{AppHandle, Runtime, Url};
use tauri_plugin_updater::{Error as UpdaterError, Update, UpdaterExt};

/// How long one request (the manifest, or the whole download) may take.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Which request an error came from: a body that does not decode is a bad manifest when
/// checking, and a download cut short when downloading.
#[derive(Debug, Clone, Copy)]
enum Step {
    Check,
    Download,
    Install,
}

#[derive(Debug)]
pub struct PluginUpdater<R: Runtime> {
    app: AppHandle<R>,
    /// The program an install replaces (tests point it at a file of their own; the plugin
    /// finds the running app otherwise).
    installed_at: Option<PathBuf>,
}

impl<R: Runtime> PluginUpdater<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self {
            app,
            installed_at: None,
        }
    }

    async fn offered(&self, manifest: &Url) -> Result<Option<Update>, UpdateFailure> {
        let mut builder = self
            .app
            .updater_builder()
            .endpoints(vec![manifest.clone()])
            .map_err(|e| classify(e, Step::Check))?
            .timeout(TIMEOUT);
        if let Some(path) = &self.installed_at {
            builder = builder.executable_path(path);
        }
        let updater = builder.build().map_err(|e| classify(e, Step::Check))?;
        updater.check().await.map_err(|e| classify(e, Step::Check))
    }

    /// The offered `version`, downloaded; the plugin refuses bytes whose signature does not
    /// verify against the built-in key.
    async fn download_verified(
        &self,
        manifest: &Url,
        version: &str,
    ) -> Result<(Update, Vec<u8>), UpdateFailure> {
        let update = match self.offered(manifest).await? {
            Some(update) if update.version == version => update,
            other => {
                return Err(UpdateFailure::OfferChanged {
                    offered: other.map(|u| u.version),
                })
            }
        };
        let bytes = update
            .download(|_, _| {}, || {})
            .await
            .map_err(|e| classify(e, Step::Download))?;
        Ok((update, bytes))
    }
}

#[async_trait::async_trait]
impl<R: Runtime> UpdateSource for PluginUpdater<R> {
    async fn check(&self, manifest: &Url) -> Result<Option<UpdateOffer>, UpdateFailure> {
        Ok(self.offered(manifest).await?.map(|update| UpdateOffer {
            notes: update.body.clone().filter(|b| !b.trim().is_empty()),
            published_at: update.date.and_then(|d| {
                d.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            }),
            version: update.version,
            current_version: update.current_version,
        }))
    }

    async fn install(&self, manifest: &Url, version: &str) -> Result<(), UpdateFailure> {
        let (update, bytes) = self.download_verified(manifest, version).await?;
        // `install` verifies the signature once more before it replaces anything.
        update
            .install(bytes)
            .map_err(|e| classify(e, Step::Install))
    }
}

/// The plugin's error as the API's failure. Messages name servers, never secrets (the update
/// address carries none).
fn classify(err: UpdaterError, step: Step) -> UpdateFailure {
    use minisign_verify::Error as Signature;
    match err {
        UpdaterError::Minisign(Signature::UnexpectedKeyId) => UpdateFailure::SignedByAnotherKey,
        UpdaterError::Minisign(_) | UpdaterError::SignedVersionMismatch { .. } => {
            UpdateFailure::SignatureMismatch
        }
        UpdaterError::Reqwest(e) if e.is_decode() && matches!(step, Step::Check) => {
            UpdateFailure::BadManifest("the answer is not JSON".into())
        }
        UpdaterError::Reqwest(e) => UpdateFailure::Unreachable(root_cause(&e)),
        UpdaterError::Network(message) => {
            UpdateFailure::Unreachable(message.trim_matches('`').to_owned())
        }
        err @ (UpdaterError::ReleaseNotFound
        | UpdaterError::Serialization(_)
        | UpdaterError::TargetNotFound(_)
        | UpdaterError::TargetsNotFound(_)
        | UpdaterError::Semver(_)) => UpdateFailure::BadManifest(err.to_string()),
        err => match step {
            Step::Install => UpdateFailure::InstallFailed(err.to_string()),
            Step::Check | Step::Download => UpdateFailure::BadManifest(err.to_string()),
        },
    }
}

/// The innermost cause ("Connection refused (os error 111)"), not reqwest's wrapper text.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests;
