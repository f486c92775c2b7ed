//! Building a ready-to-use API from settings: the data directory (checked writable), the store
//! (SQLite in the data directory unless a database URL is set), and the local operator.
//! Shared by the desktop shell and the CLI so both start the same way and fail the same way.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use std::sync::Arc;

use atlas_domain::Timestamp;
use atlas_engine::{
    Engine, EngineConfig, EngineError, PolicyFileError, ProcessIdentity, RunService, SystemClock,
};
use atlas_store::{users, Store, StoreConfig, StoreError};
use thiserror::Error;

use atlas_graph::GraphSettings;
use url::Url;

use crate::{
    connect::Connector,
    demo::DemoCloud,
    handlers,
    secrets::{HeldCredentials, KeyringStore, SecretStore},
    Actor, Api,
};

pub const ENV_DATA_DIR: &str = "TENANTATLAS_DATA_DIR";
/// Where exports are written (default: the user's Downloads folder).
pub const ENV_EXPORT_DIR: &str = "TENANTATLAS_EXPORT_DIR";
pub const ENV_DATABASE_URL: &str = "TENANTATLAS_DATABASE_URL";
pub const ENV_USER: &str = "TENANTATLAS_USER";
pub const ENV_POLICY_FILE: &str = "TENANTATLAS_POLICY_FILE";
/// Reach real tenants' token endpoint and Graph at this URL instead of Microsoft's public
/// cloud (a proxy, or `atlas sim serve` for tests and benchmarks).
pub const ENV_CLOUD_URL: &str = "TENANTATLAS_CLOUD_URL";
/// An extra root certificate (PEM file) to trust for that URL.
pub const ENV_CLOUD_CA: &str = "TENANTATLAS_CLOUD_CA";

/// The embedded database's file name inside the data directory.
pub const SQLITE_FILE: &str = "tenantatlas.db";

/// Where to find things. Unset fields fall back to the environment, then to OS conventions.
#[derive(Debug, Clone, Default)]
pub struct RuntimeOptions {
    pub data_dir: Option<PathBuf>,
    /// `postgres://…` for team mode; `None` means the embedded SQLite database.
    pub database_url: Option<String>,
    /// The local operator's name; defaults to the OS user.
    pub user_name: Option<String>,
    /// A TOML file overriding the engine's timing and lifecycle policies.
    pub policy_file: Option<PathBuf>,
    /// Run the worker pool and the reconciler in this process (the desktop app, `atlas
    /// worker`, `atlas demo`); start-up reconciliation runs before workers claim anything.
    pub run_engine: bool,
    /// Overrides the number of workers of the in-process engine.
    pub workers: Option<usize>,
    /// When the demo workspace is created, capture its baseline and compare its tenants in the
    /// background (the desktop app, whose engine runs in-process; `atlas demo` follows the same
    /// runs itself instead, after its syncs).
    pub demo_baseline_in_background: bool,
    /// Runs started here send nothing to the operator's inbox: this front end reports their
    /// endings itself (the CLI, unless asked with `--notify`).
    pub quiet_inbox: bool,
    /// Where real tenants are reached instead of Microsoft's public cloud.
    pub cloud_url: Option<String>,
    /// PEM file of an extra root certificate to trust there.
    pub cloud_ca: Option<PathBuf>,
    /// Where tenant secrets live; the OS keyring unless a test supplies another entry name.
    pub secrets: Option<Arc<dyn SecretStore>>,
    /// Where exports are written; the user's Downloads folder when unset.
    pub export_dir: Option<PathBuf>,
    /// The commit the front end was built from, for About and diagnostics.
    pub build_commit: Option<String>,
}

impl RuntimeOptions {
    /// Options from `TENANTATLAS_DATA_DIR`, `TENANTATLAS_DATABASE_URL`, `TENANTATLAS_USER` and
    /// `TENANTATLAS_POLICY_FILE`; the engine is off until a front end asks for it.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Self {
            data_dir: var(ENV_DATA_DIR).map(PathBuf::from),
            database_url: var(ENV_DATABASE_URL),
            user_name: var(ENV_USER),
            policy_file: var(ENV_POLICY_FILE).map(PathBuf::from),
            run_engine: false,
            workers: None,
            demo_baseline_in_background: false,
            quiet_inbox: false,
            cloud_url: var(ENV_CLOUD_URL),
            cloud_ca: var(ENV_CLOUD_CA).map(PathBuf::from),
            secrets: None,
            export_dir: var(ENV_EXPORT_DIR).map(PathBuf::from),
            build_commit: None,
        }
    }

    /// Graph settings for real tenants: Microsoft's public cloud, or the configured URL.
    pub fn graph_settings(&self) -> Result<GraphSettings, StartupError> {
        let mut settings = match &self.cloud_url {
            None => GraphSettings::default(),
            Some(raw) => {
                let url = Url::parse(raw).map_err(|e| {
                    StartupError::Cloud(format!("{ENV_CLOUD_URL} {raw:?} is not a URL ({e})"))
                })?;
                GraphSettings::for_endpoints(url.clone(), url)
            }
        };
        if let Some(path) = &self.cloud_ca {
            let pem = fs::read(path).map_err(|e| {
                StartupError::Cloud(format!(
                    "the certificate {} cannot be read ({e})",
                    path.display()
                ))
            })?;
            settings.extra_root_pem = Some(pem);
        }
        Ok(settings)
    }

    /// The engine configuration: defaults, overridden by the policy file when one is set.
    pub fn engine_config(&self) -> Result<EngineConfig, StartupError> {
        let mut config = match &self.policy_file {
            Some(path) => EngineConfig::from_file(path)?,
            None => EngineConfig::default(),
        };
        if let Some(workers) = self.workers {
            config.workers = workers;
        }
        Ok(config)
    }

    pub fn resolved_data_dir(&self) -> Result<PathBuf, StartupError> {
        self.data_dir
            .clone()
            .or_else(default_data_dir)
            .ok_or(StartupError::NoDataDir)
    }
}

/// The per-user data directory of this OS (`~/.local/share/TenantAtlas` on Linux,
/// `~/Library/Application Support/TenantAtlas` on macOS, `%APPDATA%\TenantAtlas` on Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("TenantAtlas"))
}

/// Why the app cannot start. Worded for the operator; nothing was changed.
#[derive(Debug, Error)]
pub enum StartupError {
    #[error("no data folder could be determined for this user; set {ENV_DATA_DIR}")]
    NoDataDir,
    #[error("the data folder {} cannot be used: {reason}", path.display())]
    DataDir { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Policy(#[from] PolicyFileError),
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("the cloud settings cannot be used: {0}")]
    Cloud(String),
    #[error("{0}")]
    Team(String),
}

/// A started API with its actor: what a front end needs.
#[derive(Debug)]
pub struct Runtime {
    pub api: Api,
    pub actor: Actor,
    pub data_dir: PathBuf,
    /// The in-process worker pool and reconciler, when asked for; taken on shutdown.
    engine: std::sync::Mutex<Option<Engine>>,
    /// The daily review pack prune, beside the in-process engine; stopped on shutdown.
    prune: Option<tokio::task::JoinHandle<()>>,
    /// Other processes' changes brought into this one's events; stopped on shutdown.
    feed: Option<tokio::task::JoinHandle<()>>,
}

impl Runtime {
    pub async fn open(options: RuntimeOptions) -> Result<Self, StartupError> {
        let data_dir = options.resolved_data_dir()?;
        let read_only = match prepare_data_dir(&data_dir) {
            Ok(()) => false,
            // A folder that cannot be written but holds a database can still be read (by
            // commands that only read; an engine would have to write).
            Err(error) => {
                let database = data_dir.join(SQLITE_FILE);
                if options.database_url.is_some() || options.run_engine || !database.is_file() {
                    return Err(error);
                }
                tracing::info!(data_dir = %data_dir.display(), "data folder is read-only; opening the database for reading");
                true
            }
        };
        let config = match &options.database_url {
            Some(url) => StoreConfig::from_url(url)?,
            None => StoreConfig::Sqlite {
                path: data_dir.join(SQLITE_FILE),
            },
        };
        let engine_config = options.engine_config()?;
        let secrets = options
            .secrets
            .clone()
            .unwrap_or_else(|| Arc::new(KeyringStore::default()));
        let connector = Arc::new(Connector::new(
            secrets.clone(),
            DemoCloud::default(),
            options.graph_settings()?,
        ));
        let store = match read_only {
            false => Store::open(config).await?,
            true => Store::open_read_only(&data_dir.join(SQLITE_FILE)).await?,
        };
        // Solo mode's operator is this OS account; in team mode the operator is the PostgreSQL
        // role the database let in (never a name a caller could set).
        let (login, name) = match store.session_user().await? {
            Some(role) => {
                check_team_standing(&store, &role).await?;
                if options.user_name.is_some() {
                    tracing::info!(role, "team mode: the operator is the database role; the user name setting is not used");
                }
                (format!("pg:{role}"), role)
            }
            None => {
                let name = options.user_name.clone().unwrap_or_else(os_user_name);
                (format!("local:{name}"), name)
            }
        };
        let user = {
            let mut db = store.conn().await?;
            users::upsert_by_login(&mut db, &login, &name, Timestamp::now())
                .await
                .map_err(|e| match e {
                    StoreError::ReadOnly => StartupError::DataDir {
                        path: data_dir.clone(),
                        reason: format!(
                            "it cannot be written, and its database has no operator {name:?} \
                             to read as"
                        ),
                    },
                    other => other.into(),
                })?
        };
        let pack_keys: Arc<dyn atlas_packs::PackKeys> = Arc::new(
            crate::pack_keys::KeyringPackKeys::new(store.clone(), secrets.clone()),
        );
        let restore_secrets = atlas_restore::SecretHandoff::default();
        let (engine, runs) = if options.run_engine {
            let name = ProcessIdentity::current().worker_prefix();
            let registry = handlers::registry(
                connector.clone(),
                pack_keys.clone(),
                &data_dir,
                restore_secrets.clone(),
            );
            let clock = Arc::new(SystemClock);
            // Team mode: work that needs a tenant's credential runs only where it is held.
            let credentials: Option<Arc<dyn atlas_engine::CredentialSource>> = (store.backend()
                == atlas_store::Backend::Postgres)
                .then(|| Arc::new(HeldCredentials::new(secrets.clone())) as _);
            let engine = Engine::start_with(
                store.clone(),
                registry,
                engine_config,
                clock,
                &name,
                credentials,
            )
            .await?;
            let runs = engine.service.clone();
            (Some(engine), runs)
        } else {
            let service = RunService::new(
                store.clone(),
                Arc::new(SystemClock),
                Arc::new(engine_config),
                Arc::new(handlers::registry(
                    connector.clone(),
                    pack_keys,
                    &data_dir,
                    restore_secrets.clone(),
                )),
            );
            (None, Arc::new(service))
        };
        tracing::info!(
            data_dir = %data_dir.display(),
            database = %store.location(),
            engine = engine.is_some(),
            "runtime ready"
        );
        let mut api = Api::new(
            store,
            runs,
            data_dir.clone(),
            secrets,
            connector,
            engine.is_some() && options.demo_baseline_in_background,
        );
        api.set_quiet_inbox(options.quiet_inbox);
        api.set_restore_secrets(restore_secrets);
        if let Some(dir) = &options.export_dir {
            api.set_export_dir(dir.clone());
        }
        if let Some(commit) = &options.build_commit {
            api.set_build_commit(commit.clone());
        }
        let prune = engine.is_some().then(|| daily_prune(api.clone()));
        let feed = (!read_only).then(|| api.start_change_feed());
        let engine = std::sync::Mutex::new(engine);
        Ok(Self {
            api,
            actor: Actor { user },
            data_dir,
            engine,
            prune,
            feed,
        })
    }

    /// Stops the engine gracefully (in-flight runs get the grace period) and closes the store.
    /// Idempotent: a second call finds nothing left to stop.
    pub async fn shutdown(&self) {
        if let Some(prune) = &self.prune {
            prune.abort();
        }
        if let Some(feed) = &self.feed {
            feed.abort();
        }
        let engine = self.engine.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(engine) = engine {
            engine.shutdown().await;
        }
        self.api.connector().demo().stop().await;
        self.api.store.close().await;
    }
}

/// Refuses, with the next step, a role that would only meet "permission denied": one that is
/// neither the database's administrator nor set up as a member or worker by `team init` and
/// `atlas member add`.
async fn check_team_standing(store: &Store, role: &str) -> Result<(), StartupError> {
    use atlas_store::team::{self, Standing};
    let standing = team::standing(store).await?;
    if standing == Standing::Admin {
        return Ok(());
    }
    if standing != Standing::Unknown {
        let version = team::setup(store)
            .await?
            .map(|s| s.version)
            .unwrap_or_default();
        if version >= team::SETUP_VERSION {
            return Ok(());
        }
        return Err(StartupError::Team(format!(
            "this database's access rules were written by an older TenantAtlas (version \
             {version}; this one needs {}): its administrator runs `atlas team init` again",
            team::SETUP_VERSION
        )));
    }
    Err(StartupError::Team(match team::setup(store).await? {
        None => format!(
            "this database is not set up for team mode, and the role {role:?} may not set it up: \
             its administrator runs `atlas team init --database-url …` first"
        ),
        Some(_) => format!(
            "the role {role:?} is not a TenantAtlas member on this database: the \
             administrator runs `atlas member add {role} --existing-role` (or creates a sign-in \
             for you with `atlas member add <name>`)"
        ),
    }))
}

/// Prunes review packs a minute after start, then every day: expired packs, files past their
/// grace period, abandoned requests and stray files (each step idempotent, so several processes
/// on one database may all run it).
fn daily_prune(api: Api) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        loop {
            match api.prune_review_packs(false).await {
                Ok(report) => tracing::info!(
                    expired = report.expired.len(),
                    files_deleted = report.files_deleted.len(),
                    abandoned = report.abandoned.len(),
                    stray_files = report.stray_files.len(),
                    "review packs pruned"
                ),
                Err(error) => {
                    tracing::warn!(%error, "the review pack prune failed; it runs again tomorrow")
                }
            }
            tokio::time::sleep(crate::maintenance::PACK_PRUNE_EVERY).await;
        }
    })
}

/// The OS account running this process (from the OS, not from environment variables that
/// any caller can set).
fn os_user_name() -> String {
    whoami::fallible::username()
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "operator".to_owned())
}

/// Creates the data directory if needed and proves it is writable with a probe file, so a
/// read-only or misdirected location fails up front with its path, not later mid-write.
pub fn prepare_data_dir(path: &Path) -> Result<(), StartupError> {
    let fail = |reason: String| StartupError::DataDir {
        path: path.to_owned(),
        reason,
    };
    if path.exists() && !path.is_dir() {
        return Err(fail("it exists but is not a folder".into()));
    }
    fs::create_dir_all(path).map_err(|e| fail(format!("it cannot be created ({e})")))?;
    let probe = path.join(format!(".write-check-{}", std::process::id()));
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut f| f.write_all(b"ok").and_then(|_| f.sync_all()));
    let _ = fs::remove_file(&probe);
    written.map_err(|e| fail(format!("it is not writable ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_place_of_the_data_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data");
        fs::write(&file, "x").unwrap();
        let err = prepare_data_dir(&file).unwrap_err().to_string();
        assert!(
            err.contains("not a folder") && err.contains("data"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "x");
    }

    #[test]
    fn a_folder_below_a_file_cannot_be_created() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("file"), "x").unwrap();
        let err = prepare_data_dir(&dir.path().join("file/sub"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot be created"), "{err}");
    }

    #[test]
    fn a_writable_folder_is_created_and_left_clean() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("a/b");
        prepare_data_dir(&data).unwrap();
        assert_eq!(fs::read_dir(&data).unwrap().count(), 0);
    }
}
