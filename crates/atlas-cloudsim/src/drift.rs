//! Drift between syncs: modify, add and delete a tenant's policy objects, picked
//! deterministically from a seed, so a test can create a known amount of change and a product
//! sync must find exactly it.

use std::collections::BTreeMap;

use atlas_domain::Timestamp;
use atlas_graph::{ObjectType, CATALOG};
use rand::seq::SliceRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::edit::{new_id, stamp_changed, stamp_created};
use crate::generate::rng::SimRng;
use crate::generate::{fresh_object, is_policy_type, tweak_object};
use crate::model::{catalog_type, TenantData};

/// `POST /_sim/tenants/{tenant}/drift` body: how many policy objects to change, create and
/// remove. Without a seed, each call on a tenant uses the next one (0, 1, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DriftRequest {
    pub modify: usize,
    pub add: usize,
    pub delete: usize,
    pub seed: Option<u64>,
    /// Catalog type keys to drift (`settings_catalog`, …); empty means every policy type.
    pub types: Vec<String>,
}

impl DriftRequest {
    /// Every named type must be a policy type of the catalog.
    pub fn validate(&self) -> Result<(), String> {
        match self.types.iter().find(|t| !is_policy_type(t)) {
            Some(unknown) => Err(format!(
                "'{unknown}' is not a policy type of the catalog that drift can change."
            )),
            None => Ok(()),
        }
    }

    /// Whether the request may touch objects of the catalog type `key`.
    fn includes(&self, key: &str) -> bool {
        self.types.is_empty() || self.types.iter().any(|t| t == key)
    }
}

/// The affected object ids, by collection path (`deviceManagement/deviceConfigurations`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriftReport {
    pub modified: BTreeMap<String, Vec<String>>,
    pub added: BTreeMap<String, Vec<String>>,
    pub deleted: BTreeMap<String, Vec<String>>,
}

impl DriftReport {
    /// Every id the drift touched.
    pub fn ids(&self) -> Vec<&str> {
        [&self.modified, &self.added, &self.deleted]
            .into_iter()
            .flat_map(|m| m.values().flatten().map(String::as_str))
            .collect()
    }
}

/// Applies `request` to `data`. Modified and deleted objects are distinct; built-in objects and
/// directory objects are never touched.
pub(crate) fn drift(
    data: &mut TenantData,
    request: &DriftRequest,
    rng: &mut SimRng,
    now: Timestamp,
) -> DriftReport {
    let mut candidates: Vec<(String, String)> = data
        .collections
        .iter()
        .flat_map(|(path, objects)| objects.iter().map(move |o| (path, o)))
        .filter(|(path, o)| {
            let builtin = o.body.get("isBuiltIn").and_then(serde_json::Value::as_bool);
            catalog_type(path, o.odata_type())
                .is_some_and(|t| is_policy_type(t.key) && request.includes(t.key))
                && builtin != Some(true)
        })
        .map(|(path, o)| (path.clone(), o.id().to_owned()))
        .collect();
    candidates.shuffle(rng);
    let mut report = DriftReport::default();
    let modify = request.modify.min(candidates.len());
    let (to_modify, rest) = candidates.split_at(modify);
    let delete = request.delete.min(rest.len());
    for (path, id) in to_modify {
        if let Some(object) = data.find_mut(path, id) {
            if let Some(ty) = catalog_type(path, object.odata_type()) {
                tweak_object(object, ty, rng);
                stamp_changed(&mut object.body, ty, now);
                report
                    .modified
                    .entry(path.clone())
                    .or_default()
                    .push(id.clone());
            }
        }
    }
    for (path, id) in &rest[..delete] {
        if data.remove(path, id).is_some() {
            report
                .deleted
                .entry(path.clone())
                .or_default()
                .push(id.clone());
        }
    }
    let types: Vec<&ObjectType> = CATALOG
        .iter()
        .filter(|t| is_policy_type(t.key) && request.includes(t.key))
        .collect();
    let groups = data.collection("groups").to_vec();
    for _ in 0..request.add {
        let Some(ty) = types.get(rng.gen_range(0..types.len().max(1))).copied() else {
            break;
        };
        let siblings = data.collection(ty.path);
        let j = new_id(ty, siblings)
            .parse::<usize>()
            .map_or(siblings.len(), |next| next - 1);
        let mut object = fresh_object(ty, j, &groups, rng);
        stamp_created(&mut object.body, ty, now);
        let id = object.id().to_owned();
        data.push(ty.path, object);
        report.added.entry(ty.path.to_owned()).or_default().push(id);
    }
    report
}

#[cfg(test)]
mod tests {
    use atlas_domain::normalize::content_hash;
    use serde_json::Value;

    use super::*;
    use crate::generate::generate;
    use crate::generate::rng::stream;

    fn hash(data: &TenantData, path: &str, id: &str) -> Option<String> {
        data.collection(path)
            .iter()
            .find(|o| o.id() == id)
            .map(|o| {
                let ty = catalog_type(path, o.odata_type()).unwrap();
                let mut value = Value::Object(o.body.clone());
                for (name, items) in &o.navs {
                    value[name] = Value::Array(items.clone());
                }
                content_hash(&value, ty.volatile_fields)
            })
    }

    #[test]
    fn drift_changes_adds_and_removes_exactly_what_it_reports() {
        let (_, original) = generate(4, 1, 120).remove(0);
        let now = Timestamp::from_unix_millis(1_800_000_000_000).unwrap();
        let request = DriftRequest {
            modify: 5,
            add: 3,
            delete: 4,
            seed: None,
            ..DriftRequest::default()
        };
        let mut data = original.clone();
        let report = drift(&mut data, &request, &mut stream(9, &["d"]), now);
        let count = |m: &BTreeMap<String, Vec<String>>| m.values().map(Vec::len).sum::<usize>();
        assert_eq!(
            (
                count(&report.modified),
                count(&report.added),
                count(&report.deleted)
            ),
            (5, 3, 4)
        );
        for (path, ids) in &report.modified {
            for id in ids {
                let after = hash(&data, path, id).unwrap();
                assert_ne!(Some(after), hash(&original, path, id), "{path} {id}");
                let object = data.collection(path).iter().find(|o| o.id() == id).unwrap();
                let ty = catalog_type(path, object.odata_type()).unwrap();
                if let (_, Some(field)) = crate::generate::types::time_fields(ty.key) {
                    assert_eq!(object.body[field], now.to_rfc3339());
                }
            }
        }
        for (path, ids) in &report.deleted {
            for id in ids {
                assert!(hash(&data, path, id).is_none());
                assert!(!report.modified.get(path).is_some_and(|m| m.contains(id)));
            }
        }
        for (path, ids) in &report.added {
            for id in ids {
                assert!(hash(&original, path, id).is_none());
                assert!(hash(&data, path, id).is_some());
            }
        }
        let total = |d: &TenantData| d.collections.values().map(Vec::len).sum::<usize>();
        assert_eq!(total(&data), total(&original) + 3 - 4);
        // Unreported objects are untouched.
        let touched = report.ids();
        for (path, objects) in &original.collections {
            for o in objects.iter().filter(|o| !touched.contains(&o.id())) {
                assert_eq!(hash(&data, path, o.id()), hash(&original, path, o.id()));
            }
        }
    }

    #[test]
    fn the_same_seed_drifts_the_same_objects() {
        let (_, original) = generate(4, 1, 60).remove(0);
        let now = Timestamp::from_unix_millis(1_800_000_000_000).unwrap();
        let request = DriftRequest {
            modify: 3,
            delete: 2,
            ..DriftRequest::default()
        };
        let run = |seed: &str| {
            let mut data = original.clone();
            drift(&mut data, &request, &mut stream(1, &[seed]), now)
        };
        assert_eq!(run("a"), run("a"));
        assert_ne!(run("a"), run("b"));
        let mut data = original.clone();
        let everything = DriftRequest {
            delete: 10_000,
            ..DriftRequest::default()
        };
        drift(&mut data, &everything, &mut stream(1, &["x"]), now);
        assert_eq!(
            data.collection("groups").len(),
            original.collection("groups").len()
        );
        assert_eq!(
            data.collection("deviceManagement/roleScopeTags")[0].id(),
            "0",
            "built-ins stay"
        );
    }

    #[test]
    fn drift_can_be_kept_to_named_types() {
        let (_, original) = generate(4, 1, 120).remove(0);
        let now = Timestamp::from_unix_millis(1_800_000_000_000).unwrap();
        let request = DriftRequest {
            modify: 2,
            add: 2,
            delete: 2,
            types: vec!["settings_catalog".into()],
            ..DriftRequest::default()
        };
        assert!(request.validate().is_ok());
        let mut data = original.clone();
        let report = drift(&mut data, &request, &mut stream(3, &["t"]), now);
        for changed in [&report.modified, &report.added, &report.deleted] {
            assert_eq!(
                changed.keys().collect::<Vec<_>>(),
                vec!["deviceManagement/configurationPolicies"]
            );
            assert_eq!(changed.values().map(Vec::len).sum::<usize>(), 2);
        }
        for bad in ["group", "vpp_token", "nonsense"] {
            let request = DriftRequest {
                types: vec![bad.into()],
                ..DriftRequest::default()
            };
            assert!(request.validate().unwrap_err().contains(bad));
        }
    }
}
