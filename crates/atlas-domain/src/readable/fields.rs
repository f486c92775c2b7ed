//! A policy's own fields: plain values, nested objects and lists as rows under "General", and
//! how a JSON value reads as text.

use serde_json::{Map, Value};

use super::words::humanize_camel;
use super::{SettingRow, GENERAL, NOT_CONFIGURED, PATH_SEPARATOR, SKIPPED_FIELDS};
use crate::normalize::VOLATILE_FIELDS;

pub(super) fn field_rows(content: &Value) -> Vec<SettingRow> {
    let Some(map) = content.as_object() else {
        return Vec::new();
    };
    // A settings catalog policy keeps its display name in `name`, which is shown elsewhere.
    let is_catalog = map.get("settings").is_some_and(Value::is_array);
    let mut rows = Vec::new();
    for (key, value) in map {
        if SKIPPED_FIELDS.contains(&key.as_str())
            || is_metadata(key)
            || (is_catalog && key == "name")
        {
            continue;
        }
        flatten(&mut rows, key, &humanize_camel(key), value);
    }
    rows
}

/// OData annotations and volatile bookkeeping (ids, times, counters) are never configuration.
pub(super) fn is_metadata(key: &str) -> bool {
    key.contains("@odata.") || VOLATILE_FIELDS.contains(&key)
}

/// One row per scalar or scalar list; objects and lists of objects expand into nested rows.
pub(super) fn flatten(rows: &mut Vec<SettingRow>, key: &str, name: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter().filter(|(k, _)| !is_metadata(k)) {
                let child_name = format!("{name}{PATH_SEPARATOR}{}", humanize_camel(k));
                flatten(rows, &format!("{key}.{k}"), &child_name, v);
            }
        }
        Value::Array(items) if items.iter().any(is_structured) => {
            for (i, item) in items.iter().enumerate() {
                let child_name = format!("{name}{PATH_SEPARATOR}{}", i + 1);
                flatten(rows, &format!("{key}[{i}]"), &child_name, item);
            }
        }
        leaf => rows.push(SettingRow {
            group: GENERAL.to_owned(),
            name: name.to_owned(),
            key: key.to_owned(),
            value: text(leaf),
            description: None,
        }),
    }
}

pub(super) fn is_structured(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

/// A JSON value as text an operator reads.
pub(super) fn text(value: &Value) -> String {
    match value {
        Value::Null => NOT_CONFIGURED.to_owned(),
        Value::Bool(true) => "Yes".to_owned(),
        Value::Bool(false) => "No".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "None".to_owned(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => object_text(map),
    }
}

/// Name/value pairs (list presentations of administrative templates) read as `name: value`.
pub(super) fn object_text(map: &Map<String, Value>) -> String {
    match (map.get("name"), map.get("value")) {
        (Some(name), Some(value)) => format!("{}: {}", text(name), text(value)),
        (None, Some(value)) => text(value),
        _ => Value::Object(map.clone()).to_string(),
    }
}
