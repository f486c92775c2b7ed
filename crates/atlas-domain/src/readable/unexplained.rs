//! Changes the readable rows do not show. The content hash covers every field that is not
//! volatile; the readable rows cover the fields an operator reads. A field outside them that
//! changed (one this version does not render, or renders the same on both sides) still made a
//! new version, so it is shown as it is stored rather than leaving the comparison silent.

use serde_json::{Map, Value};

use super::diff::{comparable_rows, diff_row, merge};
use super::words::humanize_camel;
use super::{Definitions, DiffChange, DiffRow, SettingRow, GENERAL};
use crate::normalize::{canonical_json, normalize};

/// Rows for each top-level field whose normalised value differs between the two contents while
/// its readable rows, compared alone, do not.
pub(super) fn unexplained_rows(before: &Value, after: &Value, volatile: &[&str]) -> Vec<DiffRow> {
    let (before, after) = (normalize(before, volatile), normalize(after, volatile));
    let empty = Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let keys = after
        .keys()
        .chain(before.keys().filter(|k| !after.contains_key(*k)));
    let mut rows = Vec::new();
    for key in keys {
        let (b, a) = (before.get(key), after.get(key));
        if b == a || shows_change(key, b, a) {
            continue;
        }
        let row = |value: &Value| SettingRow {
            group: GENERAL.to_owned(),
            name: humanize_camel(key),
            key: format!("stored.{key}"),
            value: canonical_json(value),
            description: None,
        };
        let (b, a) = (b.map(row), a.map(row));
        let shown = a.as_ref().or(b.as_ref()).expect("one side has the field");
        rows.push(diff_row(
            shown,
            b.as_ref().map(|r| r.value.as_str()),
            a.as_ref().map(|r| r.value.as_str()),
        ));
    }
    rows
}

/// Whether the readable rows of this one field differ between the two sides.
fn shows_change(key: &str, before: Option<&Value>, after: Option<&Value>) -> bool {
    let only = |value: Option<&Value>| {
        let mut map = Map::new();
        if let Some(value) = value {
            map.insert(key.to_owned(), value.clone());
        }
        Value::Object(map)
    };
    merge(
        &comparable_rows(&only(before), &Definitions::default()),
        &comparable_rows(&only(after), &Definitions::default()),
    )
    .iter()
    .any(|row| row.change != DiffChange::Unchanged)
}
