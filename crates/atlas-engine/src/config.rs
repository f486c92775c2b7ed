//! Engine configuration: worker count, timing and the per-type lifecycle policies, with
//! validated defaults and an optional TOML file that overrides any of them:
//!
//! ```toml
//! [engine]
//! workers = 4
//! lease_seconds = 600
//! heartbeat_seconds = 15
//! safety_margin_seconds = 30
//! reconcile_every_seconds = 300
//! shutdown_grace_seconds = 20
//!
//! [policies."inventory_sync"]
//! timeout = 200          # seconds; unspecified fields keep their defaults
//! ```

use std::{path::Path, time::Duration};

use atlas_domain::{
    lifecycle::{validate, EngineTiming, PolicyTable, Violation},
    LifecyclePolicy, OperationType,
};
use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub workers: usize,
    pub timing: EngineTiming,
    pub policies: PolicyTable,
    /// Cadence of the scheduled reconciler (it also wakes when the next lease expires).
    pub reconcile_every: Duration,
    /// How many runs one reconciler pass resolves at most (default 100, at most 500).
    pub reconcile_batch: u32,
    /// On shutdown, how long in-flight runs may keep working before they are failed.
    pub shutdown_grace: Duration,
    /// How often idle workers look for queued runs started by other processes.
    pub poll_interval: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            workers: 4,
            timing: EngineTiming::default(),
            policies: PolicyTable::default(),
            reconcile_every: Duration::from_secs(300),
            reconcile_batch: 100,
            shutdown_grace: Duration::from_secs(20),
            poll_interval: Duration::from_millis(500),
        }
    }
}

pub const MAX_RECONCILE_BATCH: u32 = 500;

#[derive(Debug, Error)]
pub enum PolicyFileError {
    #[error("cannot read the policy file {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("the policy file {path} is not valid: {reason}")]
    Parse { path: String, reason: String },
    #[error("the policy file {path} names an unknown operation type {name:?}")]
    UnknownType { path: String, name: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    engine: EngineSection,
    #[serde(default)]
    policies: std::collections::BTreeMap<String, PolicySection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EngineSection {
    workers: Option<usize>,
    lease_seconds: Option<u64>,
    heartbeat_seconds: Option<u64>,
    safety_margin_seconds: Option<u64>,
    reconcile_every_seconds: Option<u64>,
    reconcile_batch: Option<u32>,
    shutdown_grace_seconds: Option<u64>,
    poll_interval_ms: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicySection {
    queued_stale_after: Option<u64>,
    running_stale_after: Option<u64>,
    expected_max_runtime: Option<u64>,
    timeout: Option<u64>,
    reconciled: Option<bool>,
}

/// A TOML error with where it is: "line 3 (`lease_second = 5`): unknown field …".
fn located(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end_matches('\n');
    let Some(span) = error.span() else {
        return message.to_owned();
    };
    let start = span.start.min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let content = text.lines().nth(line - 1).unwrap_or_default().trim();
    match content.is_empty() {
        true => format!("line {line}: {message}"),
        false => format!("line {line} (`{content}`): {message}"),
    }
}

impl EngineConfig {
    /// Defaults overridden by the TOML text. Does not validate timing: see [`Self::violations`].
    pub fn from_toml(text: &str, path: &str) -> Result<Self, PolicyFileError> {
        let file: File = toml::from_str(text).map_err(|e| PolicyFileError::Parse {
            path: path.into(),
            reason: located(text, &e),
        })?;
        let mut config = EngineConfig::default();
        let e = file.engine;
        let secs = Duration::from_secs;
        if let Some(v) = e.workers {
            config.workers = v;
        }
        if let Some(v) = e.lease_seconds {
            config.timing.lease = secs(v);
        }
        if let Some(v) = e.heartbeat_seconds {
            config.timing.heartbeat_interval = secs(v);
        }
        if let Some(v) = e.safety_margin_seconds {
            config.timing.safety_margin = secs(v);
        }
        if let Some(v) = e.reconcile_every_seconds {
            config.reconcile_every = secs(v);
        }
        if let Some(v) = e.reconcile_batch {
            config.reconcile_batch = v;
        }
        if let Some(v) = e.shutdown_grace_seconds {
            config.shutdown_grace = secs(v);
        }
        if let Some(v) = e.poll_interval_ms {
            config.poll_interval = Duration::from_millis(v);
        }
        for (name, section) in file.policies {
            let operation: OperationType =
                name.parse().map_err(|_| PolicyFileError::UnknownType {
                    path: path.into(),
                    name: name.clone(),
                })?;
            let mut p: LifecyclePolicy = *config
                .policies
                .get(operation)
                .expect("the default table covers every operation type");
            if let Some(v) = section.queued_stale_after {
                p.queued_stale_after = secs(v);
            }
            if let Some(v) = section.running_stale_after {
                p.running_stale_after = secs(v);
            }
            if let Some(v) = section.expected_max_runtime {
                p.expected_max_runtime = secs(v);
            }
            if let Some(v) = section.timeout {
                p.timeout = secs(v);
            }
            if let Some(v) = section.reconciled {
                p.reconciled = v;
            }
            config.policies.set(operation, p);
        }
        Ok(config)
    }

    pub fn from_file(path: &Path) -> Result<Self, PolicyFileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PolicyFileError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        Self::from_toml(&text, &shown)
    }

    /// Every broken rule: the timing invariant, the handler/policy agreement, and the
    /// engine's own numbers.
    pub fn violations(&self, handled: &[OperationType]) -> Vec<Violation> {
        let mut v = validate(&self.policies, &self.timing, handled);
        let mut engine = |message: String| {
            v.push(Violation {
                operation: None,
                message,
            })
        };
        if self.workers == 0 {
            engine("workers must be at least 1".into());
        }
        if self.reconcile_batch == 0 || self.reconcile_batch > MAX_RECONCILE_BATCH {
            engine(format!(
                "reconcile_batch must be between 1 and {MAX_RECONCILE_BATCH}"
            ));
        }
        if self.reconcile_every.is_zero() {
            engine("reconcile_every_seconds must be longer than 0s".into());
        }
        if self.poll_interval.is_zero() {
            engine("poll_interval_ms must be longer than 0ms".into());
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_overrides_only_what_it_names() {
        let config = EngineConfig::from_toml(
            "[engine]\nworkers = 2\nlease_seconds = 900\n[policies.\"policy.sync\"]\ntimeout = 200\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(config.workers, 2);
        assert_eq!(config.timing.lease, Duration::from_secs(900));
        let p = config.policies.get(OperationType::PolicySync).unwrap();
        assert_eq!(p.timeout, Duration::from_secs(200));
        assert_eq!(p.running_stale_after, Duration::from_secs(900));
        assert!(config.violations(&[]).is_empty());
    }

    #[test]
    fn unknown_types_and_fields_are_named() {
        let err =
            EngineConfig::from_toml("[policies.inventory]\ntimeout = 1\n", "p.toml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the policy file p.toml names an unknown operation type \"inventory\""
        );
        let err = EngineConfig::from_toml("[engine]\nleases = 3\n", "p.toml").unwrap_err();
        assert!(err.to_string().contains("unknown field `leases`"), "{err}");
        assert!(err.to_string().contains("line 2 (`leases = 3`)"), "{err}");
        let err = EngineConfig::from_toml("[engine]\nworkers = -1\n", "p.toml").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the policy file p.toml is not valid"),
            "{err}"
        );
    }

    #[test]
    fn impossible_numbers_are_violations() {
        let config = EngineConfig::from_toml(
            "[engine]\nworkers = 0\nlease_seconds = 60\n[policies.\"restore.execute\"]\ntimeout = 0\n",
            "p.toml",
        )
        .unwrap();
        let v: Vec<String> = config
            .violations(&[])
            .iter()
            .map(|v| v.to_string())
            .collect();
        assert!(
            v.contains(&"workers must be at least 1".to_owned()),
            "{v:?}"
        );
        assert!(
            v.contains(&"restore.execute: timeout must be longer than 0s".to_owned()),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|v| v
                    .starts_with("inventory_sync: timeout (240s) must stay below the lease (60s)")),
            "{v:?}"
        );
    }
}
