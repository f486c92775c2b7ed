//! `atlas worker`: background work from the shared database until stopped. As a system service
//! (`packaging/linux/tenantatlas-worker.service`) it reads its settings from a configuration
//! file, and a file it cannot use stops it with exit 78 (EX_CONFIG), which the unit does not
//! restart on: a wrong setting shows in `systemctl status` instead of hiding in a crash loop.

use std::{
    fmt, fs,
    path::{Path, PathBuf},
};

use atlas_api::RuntimeOptions;
use clap::Args;
use serde::Deserialize;

/// The exit code of a configuration the worker cannot use (sysexits' EX_CONFIG).
pub const EXIT_CONFIG: u8 = 78;

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Number of concurrent workers (default: the configuration file's, the policy file's, or 4).
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// A worker configuration file (TOML: database_url, policy_file, workers), as the system
    /// service uses; --database-url, --policy and --workers override what it says.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What `/etc/tenantatlas/worker.toml` may say. Unknown keys are refused, so a misspelt
/// setting is never silently ignored.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WorkerConfig {
    /// The team's shared PostgreSQL database (required: a service worker serves a team).
    pub database_url: String,
    /// The engine's timing and lifecycle policies (optional).
    pub policy_file: Option<PathBuf>,
    /// Concurrent workers (optional; default: the policy file's, or 4).
    pub workers: Option<usize>,
}

/// Why a worker configuration file cannot be used. Never repeats the database URL: it may
/// carry a password.
#[derive(Debug)]
pub struct ConfigError {
    path: PathBuf,
    reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the worker configuration {} cannot be used: {}",
            self.path.display(),
            self.reason
        )
    }
}

impl WorkerConfig {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let fail = |reason: String| ConfigError {
            path: path.to_owned(),
            reason,
        };
        let text =
            fs::read_to_string(path).map_err(|e| fail(format!("it cannot be read ({e})")))?;
        let config: WorkerConfig = toml::from_str(&text).map_err(|e| fail(toml_reason(&e)))?;
        config.check().map_err(fail)?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        let url = url::Url::parse(self.database_url.trim()).map_err(|e| {
            format!("database_url is not a URL ({e}); write postgres://ROLE@HOST:PORT/DATABASE")
        })?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(format!(
                "database_url must be a PostgreSQL URL (postgres://…), not {}://…",
                url.scheme()
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err("database_url names no host".into());
        }
        if let Some(file) = &self.policy_file {
            fs::metadata(file)
                .map_err(|e| format!("the policy_file {} cannot be read ({e})", file.display()))?;
        }
        if self.workers == Some(0) {
            return Err("workers must be at least 1".into());
        }
        Ok(())
    }

    /// Fills in what the command line did not say.
    pub fn apply(self, options: &mut RuntimeOptions, cli_database_url: bool, cli_policy: bool) {
        if !cli_database_url {
            options.database_url = Some(self.database_url.trim().to_owned());
        }
        if !cli_policy && self.policy_file.is_some() {
            options.policy_file = self.policy_file;
        }
        if options.workers.is_none() {
            options.workers = self.workers;
        }
    }
}

/// toml's message (one line), where it is, and for a wrong key the keys there are.
fn toml_reason(err: &toml::de::Error) -> String {
    let message = err
        .message()
        .trim_end_matches('.')
        .lines()
        .collect::<Vec<_>>()
        .join(": ");
    // The full text starts "TOML parse error at line L, column C".
    let line = err.to_string().lines().next().and_then(|first| {
        let rest = first.split("line ").nth(1)?;
        rest.split(',').next().map(str::to_owned)
    });
    let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
    let hint = match message.contains("field") {
        true => "; the keys it may have are database_url, policy_file and workers",
        false => "",
    };
    format!("{message}{at}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<WorkerConfig, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("worker.toml");
        fs::write(&path, text).unwrap();
        WorkerConfig::load(&path).map_err(|e| e.to_string())
    }

    #[test]
    fn a_complete_configuration_is_read() {
        let config = load(
            "database_url = \"postgres://atlas_worker@db.example.com:5432/atlas\"\nworkers = 3\n",
        )
        .unwrap();
        assert_eq!(config.workers, Some(3));
        assert_eq!(config.policy_file, None);
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line_and_the_known_keys() {
        let err =
            load("database_url = \"postgres://w@db/atlas\"\ndatabse_url = \"x\"\n").unwrap_err();
        assert!(err.contains("databse_url"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(
            err.contains("database_url, policy_file and workers"),
            "{err}"
        );
    }

    #[test]
    fn an_unusable_database_url_is_refused_without_repeating_it() {
        for (text, expected) in [
            ("database_url = \"not a url\"", "database_url is not a URL"),
            (
                "database_url = \"mysql://w:hunter2@db/atlas\"",
                "must be a PostgreSQL URL",
            ),
            ("workers = 2", "missing field `database_url`"),
        ] {
            let err = load(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn a_missing_file_or_policy_file_is_named() {
        let err = WorkerConfig::load(Path::new("/nonexistent/worker.toml")).unwrap_err();
        assert!(err
            .to_string()
            .contains("/nonexistent/worker.toml cannot be used: it cannot be read"));
        let err =
            load("database_url = \"postgres://w@db/a\"\npolicy_file = \"/nonexistent/p.toml\"")
                .unwrap_err();
        assert!(
            err.contains("policy_file /nonexistent/p.toml cannot be read"),
            "{err}"
        );
    }

    #[test]
    fn the_command_line_wins_over_the_file() {
        let config = WorkerConfig {
            database_url: "postgres://w@db/a".into(),
            policy_file: Some("/etc/tenantatlas/policy.toml".into()),
            workers: Some(8),
        };
        let mut options = RuntimeOptions::from_env();
        options.database_url = Some("postgres://cli@db/a".into());
        options.workers = Some(2);
        config.apply(&mut options, true, false);
        assert_eq!(options.database_url.as_deref(), Some("postgres://cli@db/a"));
        assert_eq!(options.workers, Some(2));
        assert_eq!(
            options.policy_file.as_deref(),
            Some(Path::new("/etc/tenantatlas/policy.toml"))
        );
    }
}
