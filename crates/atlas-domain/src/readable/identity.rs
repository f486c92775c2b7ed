//! The fields that say which object this is — its name, description and scope tags. The object
//! page shows them in its header, so the readable settings leave them out; a comparison of two
//! versions shows them as rows, because a change to any of them is a new version.

use serde_json::Value;

use super::fields::text;
use super::{SettingRow, GENERAL};

/// Name, description and scope tags as rows under "General", for the fields the content has.
pub(super) fn identity_rows(content: &Value) -> Vec<SettingRow> {
    let Some(map) = content.as_object() else {
        return Vec::new();
    };
    // A settings catalog policy keeps its display name in `name`.
    let name_key = if map.contains_key("displayName") {
        "displayName"
    } else {
        "name"
    };
    [
        (name_key, "Name"),
        ("description", "Description"),
        ("roleScopeTagIds", "Scope tags"),
    ]
    .into_iter()
    .filter_map(|(key, name)| {
        map.get(key).map(|value| SettingRow {
            group: GENERAL.to_owned(),
            name: name.to_owned(),
            key: key.to_owned(),
            value: text(value),
            description: None,
        })
    })
    .collect()
}
