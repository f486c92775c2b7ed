//! The TenantAtlas command surface: the one API every front end (desktop shell, CLI) calls.
//!
//! Each command takes the acting user ([`Actor`]) and enforces access in this layer: a record
//! in a workspace the actor is not a member of, or a tenant they are not entitled to, is *not
//! found*; a visible record the actor lacks the capability for is *forbidden*. Errors cross
//! the boundary as `{code, message}` ([`ApiError`]). The TypeScript bindings the UI uses are
//! generated from these types ([`bindings`]).

mod access;
mod actor;
mod audit_trail;
pub mod bindings;
mod change_feed;
mod commands;
pub mod connect;
#[cfg(feature = "demo")]
pub mod demo;
#[cfg(not(feature = "demo"))]
#[path = "demo_absent.rs"]
pub mod demo;
pub mod diagnostics;
mod error;
pub mod events;
pub mod handlers;
pub mod maintenance;
mod onboarding;
pub mod pack_keys;
pub mod runtime;
pub mod secrets;
pub mod team_admin;
pub mod types;
pub mod updates;

use std::sync::Arc;

use atlas_engine::RunService;
use atlas_store::Store;

use crate::{connect::Connector, secrets::SecretStore};

pub use actor::Actor;
pub use error::{ApiError, ErrorCode};
pub use runtime::{Runtime, RuntimeOptions, StartupError};

/// The command surface over one store, its run service, the keyring and the way to Graph.
#[derive(Debug, Clone)]
pub struct Api {
    store: Store,
    runs: Arc<RunService>,
    data_dir: std::path::PathBuf,
    secrets: Arc<dyn SecretStore>,
    connector: Arc<Connector>,
    /// Start the demo baseline's capture and compares when the demo workspace is created: only
    /// where workers run in this process, so the work is never left waiting for no one.
    #[cfg_attr(not(feature = "demo"), allow(dead_code))]
    demo_baseline_in_background: bool,
    /// Runs started through this API do not notify their initiator's inbox.
    quiet_inbox: bool,
    /// Where exports are written.
    export_dir: std::path::PathBuf,
    /// Secret values typed for a restore's execution, on their way to this process's engine.
    restore_secrets: atlas_restore::SecretHandoff,
    /// Other processes' changes besides runs, for subscriptions (see `change_feed`).
    changes: tokio::sync::broadcast::Sender<change_feed::DataChange>,
    /// The commit this build was made from, as the front end's build recorded it.
    build_commit: String,
    /// The desktop shell's updater, attached once its window exists; none in the CLI.
    updater: updates::UpdaterSlot,
}

impl Api {
    pub fn new(
        store: Store,
        runs: Arc<RunService>,
        data_dir: std::path::PathBuf,
        secrets: Arc<dyn SecretStore>,
        connector: Arc<Connector>,
        demo_baseline_in_background: bool,
    ) -> Self {
        Self {
            export_dir: commands::export::default_export_dir(&data_dir),
            store,
            runs,
            data_dir,
            secrets,
            connector,
            demo_baseline_in_background,
            quiet_inbox: false,
            restore_secrets: atlas_restore::SecretHandoff::default(),
            changes: change_feed::channel(),
            build_commit: "unknown".into(),
            updater: updates::UpdaterSlot::default(),
        }
    }

    /// The commit the front end was built from (its build script reads it from git).
    pub fn set_build_commit(&mut self, commit: impl Into<String>) {
        self.build_commit = commit.into();
    }

    /// Lets this API check for and install updates through the shell's updater. Only the
    /// first call counts.
    pub fn attach_updater(&self, updater: std::sync::Arc<dyn updates::UpdateSource>) {
        let _ = self.updater.set(updater);
    }

    /// Brings other processes' changes into this API's subscriptions until the runtime ends.
    pub fn start_change_feed(&self) -> tokio::task::JoinHandle<()> {
        change_feed::spawn(self.clone())
    }

    pub(crate) fn publish_change(&self, change: change_feed::DataChange) {
        if self.changes.receiver_count() > 0 {
            let _ = self.changes.send(change);
        }
    }

    /// Hands secret values typed for restores to the engine whose registry holds `handoff`.
    pub fn set_restore_secrets(&mut self, handoff: atlas_restore::SecretHandoff) {
        self.restore_secrets = handoff;
    }

    /// Runs started through this API send nothing to the inbox (see
    /// `RuntimeOptions::quiet_inbox`).
    pub fn set_quiet_inbox(&mut self, quiet: bool) {
        self.quiet_inbox = quiet;
    }

    /// Writes exports to `dir` instead of the user's Downloads (see
    /// `RuntimeOptions::export_dir`).
    pub fn set_export_dir(&mut self, dir: std::path::PathBuf) {
        self.export_dir = dir;
    }

    /// The store underneath, for tests that seed or inspect rows directly; front ends go
    /// through the commands.
    #[cfg(any(test, feature = "testing"))]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How long in-flight runs get to finish when this process stops its workers.
    pub fn shutdown_grace(&self) -> std::time::Duration {
        self.runs.config().shutdown_grace
    }

    /// How tenants are reached: the keyring and Microsoft, or the demo cloud.
    pub(crate) fn connector(&self) -> &Arc<Connector> {
        &self.connector
    }
}
