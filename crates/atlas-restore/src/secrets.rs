//! Secret values at execution time. The product never stores a secret: captured content holds
//! the marker where a secret was, so a plan names those fields as a `secret_values` conflict.
//! The operator may type the values when executing; they go from the command to the execution
//! through this process's memory only ([`SecretHandoff`]) — never the database, the run's
//! inputs (which name the fields, not the values), logs or audit entries.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use atlas_domain::{PolicyVersionId, RestoreId};
use atlas_graph::SECRET_MARKER;
use serde_json::Value;

/// Values typed for one restore's execution, by (source version, field path).
pub type SuppliedSecrets = HashMap<(PolicyVersionId, String), String>;

/// Hands secret values from the command that starts an execution to the handler that runs it,
/// in this process only. An execution claimed by another process finds nothing here and says
/// so per item.
#[derive(Clone, Default)]
pub struct SecretHandoff {
    waiting: Arc<Mutex<HashMap<RestoreId, SuppliedSecrets>>>,
}

impl std::fmt::Debug for SecretHandoff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretHandoff(..)")
    }
}

impl SecretHandoff {
    /// Leaves values for the restore's execution (replacing any left before).
    pub fn leave(&self, restore: RestoreId, values: SuppliedSecrets) {
        self.lock().insert(restore, values);
    }

    /// Takes the values left for the restore; nothing stays behind.
    pub fn take(&self, restore: RestoreId) -> SuppliedSecrets {
        self.lock().remove(&restore).unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<RestoreId, SuppliedSecrets>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Fields that point at a secret the service keeps rather than hold one (an encrypted OMA-URI
/// value's reference). Nobody can type them: a write leaves them out and the service makes a
/// new reference for the value written.
const REFERENCE_FIELDS: &[&str] = &["secretReferenceValueId"];

/// Paths of every value that is the secret marker, references left out: keys joined by dots,
/// array elements as `[i]` (`omaSettings[0].value`), sorted.
pub fn secret_paths(content: &Value) -> Vec<String> {
    let mut found = BTreeSet::new();
    walk(content, &mut String::new(), &mut found);
    found.into_iter().collect()
}

fn walk(value: &Value, path: &mut String, found: &mut BTreeSet<String>) {
    let len = path.len();
    match value {
        Value::String(s) if s == SECRET_MARKER => {
            found.insert(path.clone());
        }
        Value::Object(map) => {
            for (key, v) in map {
                if REFERENCE_FIELDS.contains(&key.as_str()) {
                    continue;
                }
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(v, path, found);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                walk(v, path, found);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Puts `secret` where the marker is at `path`; false (and nothing changed) when the path does
/// not lead to the marker.
pub fn fill(content: &mut Value, path: &str, secret: &str) -> bool {
    let mut at = content;
    for step in steps(path) {
        let next = match step {
            Step::Key(key) => at.get_mut(key),
            Step::Index(i) => at.get_mut(i),
        };
        match next {
            Some(next) => at = next,
            None => return false,
        }
    }
    if at.as_str() != Some(SECRET_MARKER) {
        return false;
    }
    *at = Value::String(secret.to_owned());
    true
}

/// Removes every reference field that holds the marker (see [`REFERENCE_FIELDS`]).
pub fn drop_references(content: &mut Value) {
    match content {
        Value::Object(map) => {
            map.retain(|key, v| {
                !(REFERENCE_FIELDS.contains(&key.as_str()) && v.as_str() == Some(SECRET_MARKER))
            });
            map.values_mut().for_each(drop_references);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_references),
        _ => {}
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    path.split('.').flat_map(|part| {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        let key = (!key.is_empty()).then_some(Step::Key(key));
        let indexes = rest
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse().ok())
            .map(Step::Index);
        key.into_iter().chain(indexes).collect::<Vec<_>>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_each_marker_and_fill_puts_the_value_exactly_there() {
        let mut content = json!({
            "displayName": "Wi-Fi",
            "omaSettings": [
                { "omaUri": "./a", "value": "plain" },
                { "omaUri": "./b", "value": SECRET_MARKER },
            ],
            "wifi": { "preSharedKey": SECRET_MARKER },
        });
        content["omaSettings"][1]["secretReferenceValueId"] = json!(SECRET_MARKER);
        let paths = secret_paths(&content);
        assert_eq!(
            paths,
            ["omaSettings[1].value", "wifi.preSharedKey"],
            "a reference is nothing to type"
        );
        drop_references(&mut content);
        assert!(content["omaSettings"][1]
            .get("secretReferenceValueId")
            .is_none());
        assert!(fill(&mut content, "omaSettings[1].value", "s3cr3t"));
        assert!(fill(&mut content, "wifi.preSharedKey", "k3y"));
        assert_eq!(content["omaSettings"][1]["value"], "s3cr3t");
        assert_eq!(content["omaSettings"][0]["value"], "plain");
        assert_eq!(content["wifi"]["preSharedKey"], "k3y");
        assert!(secret_paths(&content).is_empty());
    }

    #[test]
    fn fill_refuses_a_path_that_is_not_a_marker() {
        let mut content = json!({ "omaSettings": [{ "value": "plain" }] });
        let before = content.clone();
        assert!(!fill(&mut content, "omaSettings[0].value", "x"));
        assert!(!fill(&mut content, "omaSettings[3].value", "x"));
        assert!(!fill(&mut content, "nowhere", "x"));
        assert_eq!(content, before);
    }

    #[test]
    fn the_handoff_gives_values_once() {
        let handoff = SecretHandoff::default();
        let restore = RestoreId::new();
        let version = PolicyVersionId::new();
        handoff.leave(
            restore,
            HashMap::from([((version, "wifi.preSharedKey".to_owned()), "k".to_owned())]),
        );
        assert_eq!(handoff.take(restore).len(), 1);
        assert!(handoff.take(restore).is_empty());
        assert_eq!(format!("{handoff:?}"), "SecretHandoff(..)");
    }
}
