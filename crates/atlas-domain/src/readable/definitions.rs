//! Microsoft's settings catalog definitions, as a tenant's Graph published them: the portal
//! name and description of each setting, the labels of a choice setting's options, and the
//! category it sits in. With them a settings catalog row reads as the portal shows it; without
//! them (never synced, or an id Microsoft no longer describes) the name comes from the id.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::catalog::choice_text;
use super::words::each;
use super::DiffRow;

/// One setting definition (`deviceManagementConfigurationSettingDefinition`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingDefinition {
    pub id: String,
    /// Microsoft's version of the definition; a newer one replaces the cached one.
    pub version: Option<String>,
    pub display_name: String,
    pub description: Option<String>,
    pub category_id: Option<String>,
    /// A choice setting's options; empty for other kinds.
    pub options: Vec<SettingOption>,
}

/// One option of a choice setting: the value stored in a policy, and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingOption {
    pub item_id: String,
    pub label: String,
}

/// A settings category (`deviceManagementConfigurationCategory`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingCategory {
    pub id: String,
    pub display_name: String,
}

impl SettingDefinition {
    /// Reads a definition as Graph sends it; `None` without an id or a name.
    pub fn from_graph(value: &Value) -> Option<Self> {
        let text = |field: &str| {
            value
                .get(field)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Some(Self {
            id: text("id")?,
            version: text("version"),
            display_name: text("displayName").or_else(|| text("name"))?,
            description: text("description"),
            category_id: text("categoryId"),
            options: each(value.get("options").unwrap_or(&Value::Null))
                .filter_map(|option| {
                    let item = option.get("itemId")?.as_str()?;
                    let label = option
                        .get("displayName")
                        .or_else(|| option.get("name"))?
                        .as_str()?;
                    Some(SettingOption {
                        item_id: item.to_owned(),
                        label: label.to_owned(),
                    })
                })
                .collect(),
        })
    }
}

impl SettingCategory {
    pub fn from_graph(value: &Value) -> Option<Self> {
        let id = value.get("id")?.as_str()?;
        let name = value.get("displayName")?.as_str()?;
        Some(Self {
            id: id.to_owned(),
            display_name: name.to_owned(),
        })
    }
}

/// The definitions and categories a tenant's content can be read with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Definitions {
    settings: HashMap<String, SettingDefinition>,
    categories: HashMap<String, String>,
}

impl Definitions {
    pub fn new(
        settings: impl IntoIterator<Item = SettingDefinition>,
        categories: impl IntoIterator<Item = SettingCategory>,
    ) -> Self {
        Self {
            settings: settings.into_iter().map(|d| (d.id.clone(), d)).collect(),
            categories: categories
                .into_iter()
                .map(|c| (c.id, c.display_name))
                .collect(),
        }
    }

    /// Adds what `other` knows and this does not.
    pub fn extend(&mut self, other: Definitions) {
        for (id, definition) in other.settings {
            self.settings.entry(id).or_insert(definition);
        }
        for (id, name) in other.categories {
            self.categories.entry(id).or_insert(name);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.settings.is_empty()
    }

    pub fn setting(&self, id: &str) -> Option<&SettingDefinition> {
        self.settings.get(id)
    }

    /// The category a setting sits in, by name.
    pub fn category_of(&self, id: &str) -> Option<&str> {
        let category = self.settings.get(id)?.category_id.as_deref()?;
        self.categories.get(category).map(String::as_str)
    }

    /// The label of a choice setting's chosen option.
    pub fn option_label(&self, id: &str, item_id: &str) -> Option<&str> {
        self.settings
            .get(id)?
            .options
            .iter()
            .find(|o| o.item_id == item_id)
            .map(|o| o.label.as_str())
    }
}

/// The setting a settings catalog row is about: the last step of its key
/// (`parent[0].child` → `child`).
fn row_setting(key: &str) -> &str {
    key.rsplit(['.', ']']).next().unwrap_or(key)
}

/// The setting ids the rows are about, each once (for loading their definitions).
pub fn row_setting_ids(rows: &[DiffRow]) -> Vec<String> {
    let mut ids: Vec<String> = rows
        .iter()
        .map(|r| row_setting(&r.key).to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

impl Definitions {
    /// Names a diff row that was made without definitions (stored evidence keeps the words it
    /// was written with, so its hash never changes when Microsoft rewords a setting): the
    /// setting's portal name, and option labels for the values that are a choice.
    pub fn name_row(&self, row: &mut DiffRow) {
        let id = row_setting(&row.key);
        let Some(definition) = self.settings.get(id) else {
            return;
        };
        row.name = definition.display_name.clone();
        let label = |value: &mut Option<String>| {
            let Some(text) = value.as_deref() else {
                return;
            };
            let chosen = definition
                .options
                .iter()
                .find(|o| choice_text(id, &Value::String(o.item_id.clone())) == text);
            if let Some(option) = chosen {
                *value = Some(option.label.clone());
            }
        };
        label(&mut row.before);
        label(&mut row.after);
    }
}

/// Every setting definition id a policy's `settings` use, children included, each once, in
/// the order they first appear.
pub fn setting_ids(content: &Value) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for_each_setting_id(content, &mut |id| {
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_owned());
        }
    });
    ids
}

/// Calls `visit` with every setting definition id a policy's `settings` use, children
/// included, as often as they occur: for callers that gather the ids of many policies at once
/// into a set of their own, without a copy of each.
pub fn for_each_setting_id<'a>(content: &'a Value, visit: &mut impl FnMut(&'a str)) {
    for item in each(content.get("settings").unwrap_or(&Value::Null)) {
        visit_ids(item.get("settingInstance").unwrap_or(item), visit);
    }
}

fn visit_ids<'a>(value: &'a Value, visit: &mut impl FnMut(&'a str)) {
    match value {
        Value::Object(map) => {
            if let Some(id) = map.get("settingDefinitionId").and_then(Value::as_str) {
                visit(id);
            }
            for child in map.values() {
                visit_ids(child, visit);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| visit_ids(item, visit)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_definition_is_read_as_graph_sends_it() {
        let definition = SettingDefinition::from_graph(&json!({
            "id": "s_cloudblocklevel",
            "displayName": "Cloud Block Level",
            "description": "How hard to block.",
            "categoryId": "cat-1",
            "version": "2",
            "options": [
                {"itemId": "s_cloudblocklevel_0", "displayName": "Default State"},
                {"itemId": "s_cloudblocklevel_2", "name": "high"},
                {"displayName": "no id"}
            ]
        }))
        .unwrap();
        assert_eq!(definition.display_name, "Cloud Block Level");
        assert_eq!(definition.options.len(), 2);
        assert_eq!(definition.options[1].label, "high");
        let definitions = Definitions::new(
            [definition],
            [SettingCategory {
                id: "cat-1".into(),
                display_name: "Defender".into(),
            }],
        );
        assert_eq!(
            definitions.category_of("s_cloudblocklevel"),
            Some("Defender")
        );
        assert_eq!(
            definitions.option_label("s_cloudblocklevel", "s_cloudblocklevel_0"),
            Some("Default State")
        );
        assert_eq!(
            definitions.option_label("s_cloudblocklevel", "s_cloudblocklevel_9"),
            None
        );
        assert!(SettingDefinition::from_graph(&json!({"displayName": "no id"})).is_none());
    }

    #[test]
    fn rows_written_without_definitions_are_named_by_them() {
        let id = "device_vendor_msft_policy_config_defender_cloudblocklevel_4";
        let defs = Definitions::new(
            [SettingDefinition {
                id: id.into(),
                version: None,
                display_name: "Cloud Block Level".into(),
                description: None,
                category_id: None,
                options: vec![SettingOption {
                    item_id: format!("{id}_2"),
                    label: "High Plus".into(),
                }],
            }],
            [],
        );
        let mut row = DiffRow {
            group: "Defender".into(),
            name: "Defender cloudblocklevel".into(),
            key: format!("parent[0].{id}"),
            before: Some("2".into()),
            after: Some("5".into()),
            change: super::super::DiffChange::Changed,
        };
        assert_eq!(row_setting_ids(std::slice::from_ref(&row)), [id]);
        defs.name_row(&mut row);
        assert_eq!(row.name, "Cloud Block Level");
        assert_eq!(row.before.as_deref(), Some("High Plus"));
        assert_eq!(
            row.after.as_deref(),
            Some("5"),
            "a value no option has stays as it was"
        );
    }

    #[test]
    fn setting_ids_include_children_once() {
        let content = json!({"settings": [
            {"settingInstance": {"settingDefinitionId": "a", "groupSettingCollectionValue": [
                {"children": [{"settingDefinitionId": "a_b"}, {"settingDefinitionId": "a_c"}]},
                {"children": [{"settingDefinitionId": "a_b"}]}
            ]}},
            {"settingInstance": {"settingDefinitionId": "d"}}
        ]});
        assert_eq!(setting_ids(&content), ["a", "a_b", "a_c", "d"]);
    }
}
