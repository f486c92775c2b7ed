//! Signed updates of the desktop app. The API owns the setting (the update manifest's URL,
//! kept per installation in `<data folder>/updates.json`; no URL means updates are off, the
//! default) and the operator-facing words; the desktop shell supplies the mechanism
//! ([`UpdateSource`], Tauri's updater), which installs only what verifies against the public
//! key built into the app. The CLI has none: a package manager updates it.

use std::{
    fmt, fs,
    path::{Path, PathBuf},
    sync::{Arc, OnceLock},
};

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use crate::{ApiError, ErrorCode};

/// What an update manifest offers that is newer than the running version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    /// The release notes, as the manifest gives them.
    pub notes: Option<String>,
    /// When the release was published (RFC 3339), if the manifest says.
    pub published_at: Option<String>,
}

/// Why checking or installing an update did not work. Nothing was installed in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateFailure {
    /// The server did not answer, or the connection broke (a download cut short).
    Unreachable(String),
    /// The server answered, but not with an update manifest this app understands.
    BadManifest(String),
    /// The downloaded update does not match its signature: altered or incomplete.
    SignatureMismatch,
    /// The update is signed, but not with the key built into this app.
    SignedByAnotherKey,
    /// The manifest offers a different version than the one the operator chose.
    OfferChanged { offered: Option<String> },
    /// Installing the verified package failed (the system's package installer refused).
    InstallFailed(String),
}

/// The desktop shell's updater. Both calls verify nothing themselves beyond what they say:
/// `download_verified` checks the signature, `install` installs only verified bytes.
#[async_trait]
pub trait UpdateSource: Send + Sync + fmt::Debug {
    /// The manifest's offer, if it is newer than the running version.
    async fn check(&self, manifest: &Url) -> Result<Option<UpdateOffer>, UpdateFailure>;
    /// Downloads `version` from the manifest and installs it once its signature verifies.
    async fn install(&self, manifest: &Url, version: &str) -> Result<(), UpdateFailure>;
}

/// The shell attaches its updater after the window exists; until then (and in the CLI)
/// there is none.
pub(crate) type UpdaterSlot = Arc<OnceLock<Arc<dyn UpdateSource>>>;

/// `<data folder>/updates.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct UpdateSettingsFile {
    manifest_url: Option<String>,
}

fn settings_path(data_dir: &Path) -> PathBuf {
    data_dir.join("updates.json")
}

/// The configured manifest URL; a missing or unreadable file means updates are off.
pub(crate) fn configured_url(data_dir: &Path) -> Option<Url> {
    let text = fs::read_to_string(settings_path(data_dir)).ok()?;
    let file: UpdateSettingsFile = serde_json::from_str(&text).ok()?;
    file.manifest_url.and_then(|u| Url::parse(&u).ok())
}

/// Checks an operator's URL: an https address (an update is code this machine will run).
pub(crate) fn parse_manifest_url(raw: &str) -> Result<Url, ApiError> {
    let raw = raw.trim();
    let url = Url::parse(raw).map_err(|e| {
        ApiError::invalid(format!(
            "{raw:?} is not a web address ({e}); nothing was changed."
        ))
    })?;
    if url.scheme() != "https" {
        return Err(ApiError::invalid(format!(
            "The update address must start with https:// (it was {}://); nothing was changed.",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty)
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(ApiError::invalid(
            "The update address must name a server and carry no user name or password; \
             nothing was changed.",
        ));
    }
    Ok(url)
}

/// Writes the setting atomically: a failure leaves the previous file as it was.
pub(crate) fn store_url(data_dir: &Path, url: Option<&Url>) -> Result<(), ApiError> {
    let file = UpdateSettingsFile {
        manifest_url: url.map(Url::to_string),
    };
    let text = serde_json::to_string_pretty(&file)
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let path = settings_path(data_dir);
    let temp = path.with_extension("json.tmp");
    let written = fs::write(&temp, text).and_then(|()| fs::rename(&temp, &path));
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        ApiError::new(
            ErrorCode::Unavailable,
            format!(
                "The update setting cannot be saved in {} ({e}); nothing was changed.",
                path.display()
            ),
        )
    })
}

/// The operator's sentence for a failure; every one says that nothing was installed.
pub(crate) fn failure_error(failure: UpdateFailure, url: &Url) -> ApiError {
    let host = url.host_str().unwrap_or("the update server");
    let (code, message) = match failure {
        UpdateFailure::Unreachable(reason) => (
            ErrorCode::Unavailable,
            format!("The update server {host} cannot be reached ({reason}). Nothing was changed; try again later."),
        ),
        UpdateFailure::BadManifest(reason) => (
            ErrorCode::Unavailable,
            format!("{host} did not answer with a TenantAtlas update manifest ({reason}). Nothing was changed; check the update address."),
        ),
        UpdateFailure::SignatureMismatch => (
            ErrorCode::InvalidInput,
            "The update was refused: the downloaded file does not match its signature (it was \
             altered or is incomplete). Nothing was installed; this version keeps working."
                .to_owned(),
        ),
        UpdateFailure::SignedByAnotherKey => (
            ErrorCode::InvalidInput,
            "The update was refused: it is not signed with TenantAtlas's release key. Nothing \
             was installed; this version keeps working."
                .to_owned(),
        ),
        UpdateFailure::OfferChanged { offered: Some(version) } => (
            ErrorCode::Conflict,
            format!("The update server now offers {version} instead; check again before installing. Nothing was installed."),
        ),
        UpdateFailure::OfferChanged { offered: None } => (
            ErrorCode::Conflict,
            "The update server no longer offers that version. Nothing was installed.".to_owned(),
        ),
        UpdateFailure::InstallFailed(reason) => (
            ErrorCode::Unavailable,
            format!("The verified update could not be installed ({reason}). This version keeps working."),
        ),
    };
    ApiError::new(code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_https_address_is_accepted() {
        assert!(
            parse_manifest_url(" https://updates.example.com/tenantatlas/latest.json ").is_ok()
        );
        for (raw, says) in [
            (
                "http://updates.example.com/latest.json",
                "must start with https://",
            ),
            ("updates.example.com", "is not a web address"),
            (
                "https://user:pw@updates.example.com/x",
                "no user name or password",
            ),
        ] {
            let err = parse_manifest_url(raw).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput);
            assert!(err.message.contains(says), "{raw}: {}", err.message);
            assert!(!err.message.contains("pw@"), "{}", err.message);
        }
    }

    #[test]
    fn the_setting_round_trips_and_a_damaged_file_means_off() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(configured_url(dir.path()), None);
        let url = parse_manifest_url("https://updates.example.com/latest.json").unwrap();
        store_url(dir.path(), Some(&url)).unwrap();
        assert_eq!(configured_url(dir.path()), Some(url));
        store_url(dir.path(), None).unwrap();
        assert_eq!(configured_url(dir.path()), None);
        fs::write(settings_path(dir.path()), "{not json").unwrap();
        assert_eq!(configured_url(dir.path()), None);
    }

    #[test]
    fn a_setting_that_cannot_be_saved_leaves_the_previous_one() {
        let dir = tempfile::tempdir().unwrap();
        let url = parse_manifest_url("https://updates.example.com/latest.json").unwrap();
        store_url(dir.path(), Some(&url)).unwrap();
        // A folder where the temporary file would go makes the write fail.
        fs::create_dir(settings_path(dir.path()).with_extension("json.tmp")).unwrap();
        let err = store_url(dir.path(), None).unwrap_err();
        assert!(err.message.contains("cannot be saved"), "{}", err.message);
        assert_eq!(configured_url(dir.path()), Some(url));
    }

    #[test]
    fn every_failure_says_nothing_was_installed_and_names_no_secret() {
        let url = Url::parse("https://updates.example.com/latest.json").unwrap();
        for failure in [
            UpdateFailure::Unreachable("connection refused".into()),
            UpdateFailure::BadManifest("missing field `version`".into()),
            UpdateFailure::SignatureMismatch,
            UpdateFailure::SignedByAnotherKey,
            UpdateFailure::OfferChanged {
                offered: Some("0.3.0".into()),
            },
            UpdateFailure::OfferChanged { offered: None },
            UpdateFailure::InstallFailed("dpkg exited with 1".into()),
        ] {
            let message = failure_error(failure.clone(), &url).message;
            assert!(
                message.contains("Nothing was") || message.contains("keeps working"),
                "{failure:?}: {message}"
            );
        }
    }
}
