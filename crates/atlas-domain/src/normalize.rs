//! Normalisation and content hashing of Microsoft Graph objects (SPEC §4): before anything is
//! hashed or compared, what changes without the configuration changing is removed — ids,
//! creation/modification times, versions, OData annotations other than `@odata.type`, counters
//! that are not configuration — unordered collections are put in a fixed order, and the result
//! is serialised as RFC 8785 canonical JSON. The same configuration therefore hashes the same
//! in any tenant, at any moment, in any key order.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::canonical::{self, Normalize};

/// Fields that are volatile wherever they appear (object types add their own).
pub const VOLATILE_FIELDS: &[&str] = &[
    "id",
    "createdDateTime",
    "creationDateTime",
    "lastModifiedDateTime",
    "modifiedDateTime",
    "lastModifiedBy",
    "version",
    "settingCount",
    "assignmentCount",
    "isAssigned",
];

/// Arrays whose order Graph does not keep stable: sorted by canonical JSON before hashing.
pub const UNORDERED_ARRAYS: &[&str] = &["assignments", "roleScopeTagIds"];

/// The only OData annotation that is configuration: it says what kind of object this is.
const ODATA_TYPE: &str = "@odata.type";

/// Removes volatile fields (the common ones and `extra_volatile`) at every depth, drops OData
/// annotations except `@odata.type`, and orders unordered arrays.
pub fn normalize(value: &Value, extra_volatile: &[&str]) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                if is_volatile(key, extra_volatile) {
                    continue;
                }
                let mut normalized = normalize(v, extra_volatile);
                if UNORDERED_ARRAYS.contains(&key.as_str()) {
                    sort_canonically(&mut normalized);
                }
                out.insert(key.clone(), normalized);
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| normalize(v, extra_volatile)).collect())
        }
        scalar => scalar.clone(),
    }
}

pub(crate) fn is_volatile(key: &str, extra: &[&str]) -> bool {
    if key.contains("@odata.") {
        return key != ODATA_TYPE;
    }
    VOLATILE_FIELDS.contains(&key) || extra.contains(&key)
}

fn sort_canonically(value: &mut Value) {
    if let Value::Array(items) = value {
        items.sort_by_cached_key(canonical_json);
    }
}

/// RFC 8785 (JCS) canonical JSON text of a value.
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::with_capacity(256);
    canonical::write(value, Normalize::NONE, &mut out);
    String::from_utf8(out).expect("canonical JSON is written from strings and ASCII only")
}

/// SHA-256 (lower-case hex) of the canonical JSON of the normalised value. Written in one pass,
/// without a normalised copy: the same bytes as `canonical_json(&normalize(value, …))`.
pub fn content_hash(value: &Value, extra_volatile: &[&str]) -> String {
    normalized_hash(value, extra_volatile, &[])
}

fn normalized_hash(value: &Value, extra_volatile: &[&str], drop_top: &[&str]) -> String {
    let rules = Normalize {
        active: true,
        extra_volatile,
        drop_top,
    };
    let mut out = Vec::with_capacity(1024);
    canonical::write(value, rules, &mut out);
    sha256_hex(&out)
}

fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    Sha256::digest(bytes)
        .iter()
        .flat_map(|b| {
            [
                HEX[(b >> 4) as usize] as char,
                HEX[(b & 0xf) as usize] as char,
            ]
        })
        .collect()
}

/// Top-level fields that belong to one tenant rather than to the configuration: who it is
/// assigned to (group ids differ between tenants), its scope tags, its name and description
/// (subjects are matched by name; wording is the customer's).
pub const TENANT_SPECIFIC_FIELDS: &[&str] = &[
    "assignments",
    "roleAssignments",
    "roleScopeTagIds",
    "displayName",
    "description",
];

/// The configuration alone, comparable across tenants (SPEC §6.4): the normalised value
/// without [`TENANT_SPECIFIC_FIELDS`].
pub fn configuration(value: &Value, extra_volatile: &[&str]) -> Value {
    let mut normalized = normalize(value, extra_volatile);
    if let Value::Object(map) = &mut normalized {
        for field in TENANT_SPECIFIC_FIELDS {
            map.remove(*field);
        }
    }
    normalized
}

/// The configuration fingerprint baselines compare: the hash of [`configuration`]. The same
/// settings hash the same in any tenant, whoever they are assigned to.
pub fn config_hash(value: &Value, extra_volatile: &[&str]) -> String {
    normalized_hash(value, extra_volatile, TENANT_SPECIFIC_FIELDS)
}

/// SHA-256 (lower-case hex) of a value's canonical JSON, without normalising it.
pub fn canonical_hash(value: &Value) -> String {
    let mut out = Vec::with_capacity(256);
    canonical::write(value, Normalize::NONE, &mut out);
    sha256_hex(&out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use crate::arb::arb_json;

    use super::*;

    #[test]
    fn the_configuration_fingerprint_ignores_who_a_policy_is_assigned_to() {
        let a = json!({"id": "1", "displayName": "Firewall", "enabled": true,
            "assignments": [{"target": {"groupId": "g1"}}], "roleScopeTagIds": ["0"]});
        let b = json!({"id": "2", "displayName": "firewall", "enabled": true,
            "assignments": [{"target": {"groupId": "g9"}}], "roleScopeTagIds": ["4"],
            "description": "Contoso's own words"});
        assert_eq!(config_hash(&a, &[]), config_hash(&b, &[]));
        assert_ne!(content_hash(&a, &[]), content_hash(&b, &[]));
        let changed = json!({"displayName": "Firewall", "enabled": false});
        assert_ne!(config_hash(&a, &[]), config_hash(&changed, &[]));
    }

    fn policy(id: &str, modified: &str) -> Value {
        json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations/$entity",
            "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
            "id": id,
            "displayName": "Baseline - Windows security",
            "createdDateTime": modified,
            "lastModifiedDateTime": modified,
            "version": 7,
            "passwordMinimumCharacterSetCount": 3,
            "roleScopeTagIds": ["0", "2"],
            "assignments@odata.context": "x",
            "assignments": [
                {"id": format!("{id}_a"), "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g2"}},
                {"id": format!("{id}_b"), "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}
            ]
        })
    }

    #[test]
    fn the_same_configuration_in_two_tenants_hashes_the_same() {
        let a = policy(
            "6c3b2f1e-0000-4000-8000-000000000001",
            "2026-01-01T00:00:00Z",
        );
        let mut b = policy(
            "d7a9e4c2-0000-4000-8000-000000000002",
            "2026-11-20T08:30:00Z",
        );
        b["roleScopeTagIds"] = json!(["2", "0"]);
        let assignments = b["assignments"].as_array_mut().unwrap();
        assignments.reverse();
        assert_eq!(content_hash(&a, &[]), content_hash(&b, &[]));
    }

    #[test]
    fn configuration_changes_change_the_hash() {
        let a = policy("x", "t");
        let mut b = a.clone();
        b["passwordMinimumCharacterSetCount"] = json!(4);
        assert_ne!(content_hash(&a, &[]), content_hash(&b, &[]));
        let mut c = a.clone();
        c["@odata.type"] = json!("#microsoft.graph.windows10CustomConfiguration");
        assert_ne!(
            content_hash(&a, &[]),
            content_hash(&c, &[]),
            "@odata.type is configuration"
        );
    }

    #[test]
    fn annotations_ids_and_times_are_removed_but_odata_type_stays() {
        let n = normalize(&policy("x", "t"), &[]);
        let map = n.as_object().unwrap();
        assert!(map.contains_key("@odata.type"));
        for gone in [
            "@odata.context",
            "id",
            "createdDateTime",
            "version",
            "assignments@odata.context",
        ] {
            assert!(!map.contains_key(gone), "{gone}");
        }
        assert!(
            n["assignments"][0].get("id").is_none(),
            "assignment ids are volatile"
        );
    }

    #[test]
    fn type_specific_volatile_fields_are_honoured() {
        let a = json!({"displayName": "x", "deviceManagementApplicabilityRuleOsEdition": 1});
        let b = json!({"displayName": "x", "deviceManagementApplicabilityRuleOsEdition": 2});
        let extra = ["deviceManagementApplicabilityRuleOsEdition"];
        assert_eq!(content_hash(&a, &extra), content_hash(&b, &extra));
        assert_ne!(content_hash(&a, &[]), content_hash(&b, &[]));
    }

    #[test]
    fn canonical_json_follows_rfc_8785() {
        let v: Value =
            serde_json::from_str(r#"{"b": 1.0, "a": [true, null, "é"], "c": 1e21}"#).unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":[true,null,"é"],"b":1,"c":1e+21}"#
        );
    }

    /// The same value written with its object keys in reverse order.
    fn reversed_text(value: &Value) -> String {
        match value {
            Value::Object(map) => {
                let parts: Vec<String> = map
                    .iter()
                    .rev()
                    .map(|(k, v)| {
                        format!("{}:{}", serde_json::to_string(k).unwrap(), reversed_text(v))
                    })
                    .collect();
                format!("{{{}}}", parts.join(","))
            }
            Value::Array(items) => {
                format!(
                    "[{}]",
                    items
                        .iter()
                        .map(reversed_text)
                        .collect::<Vec<_>>()
                        .join(",")
                )
            }
            scalar => scalar.to_string(),
        }
    }

    /// Adds volatile fields with arbitrary values to every object.
    fn sprinkle_volatile(value: &Value, salt: &str) -> Value {
        match value {
            Value::Object(map) => {
                let mut out: Map<String, Value> = map
                    .iter()
                    .map(|(k, v)| (k.clone(), sprinkle_volatile(v, salt)))
                    .collect();
                out.insert("id".into(), json!(salt));
                out.insert("lastModifiedDateTime".into(), json!(format!("2026-{salt}")));
                out.insert("@odata.etag".into(), json!(salt));
                Value::Object(out)
            }
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| sprinkle_volatile(v, salt)).collect())
            }
            scalar => scalar.clone(),
        }
    }

    /// Graph-like objects: keys that are volatile, annotations, unordered arrays and tenant
    /// specific fields among ordinary ones, at every depth.
    fn graph_like() -> impl Strategy<Value = Value> {
        let key = prop_oneof![
            "[a-z]{1,6}",
            Just("id".to_owned()),
            Just("version".to_owned()),
            Just("@odata.type".to_owned()),
            Just("@odata.context".to_owned()),
            Just("assignments@odata.context".to_owned()),
            Just("assignments".to_owned()),
            Just("roleScopeTagIds".to_owned()),
            Just("displayName".to_owned()),
            Just("secretReferenceValueId".to_owned()),
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            (-1e9f64..1e9).prop_map(|f| json!(f)),
            "[a-z \\\"\n\u{e9}]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map(key.clone(), inner, 0..7)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn reference_hash(value: &Value) -> String {
        let digest = Sha256::digest(serde_jcs::to_string(value).unwrap().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]
        /// Hashes written in one pass are the hashes of the normalised copy's canonical JSON
        /// (as `serde_jcs` writes it): versions stored before keep matching.
        #[test]
        fn one_pass_hashes_equal_hashing_the_normalised_copy(value in graph_like()) {
            let extra = ["secretReferenceValueId"];
            prop_assert_eq!(content_hash(&value, &extra), reference_hash(&normalize(&value, &extra)));
            prop_assert_eq!(config_hash(&value, &extra), reference_hash(&configuration(&value, &extra)));
            prop_assert_eq!(canonical_hash(&value), reference_hash(&value));
        }
    }

    proptest! {
        #[test]
        fn key_order_never_changes_the_hash(value in arb_json()) {
            let reordered: Value = serde_json::from_str(&reversed_text(&value)).unwrap();
            prop_assert_eq!(content_hash(&value, &[]), content_hash(&reordered, &[]));
        }

        #[test]
        fn volatile_fields_never_change_the_hash(value in arb_json(), salt in "[0-9a-f]{1,12}") {
            prop_assert_eq!(content_hash(&value, &[]), content_hash(&sprinkle_volatile(&value, &salt), &[]));
        }

        #[test]
        fn normalising_twice_changes_nothing(value in arb_json()) {
            let once = normalize(&value, &[]);
            prop_assert_eq!(normalize(&once, &[]), once);
        }

        #[test]
        fn a_changed_setting_changes_the_hash(value in arb_json(), extra in "[a-z]{1,6}") {
            let mut changed = value.clone();
            if let Value::Object(map) = &mut changed {
                // Generated keys have no underscore, so this setting is new.
                map.insert(format!("setting_{extra}"), json!(1));
                prop_assert_ne!(content_hash(&value, &[]), content_hash(&changed, &[]));
            }
        }
    }
}
