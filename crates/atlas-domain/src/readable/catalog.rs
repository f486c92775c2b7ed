//! Settings catalog instances as rows: one per setting, children grouped under their parent,
//! names from the definition id without its CSP prefix.

use serde_json::Value;

use super::definitions::Definitions;
use super::fields::text;
use super::words::{array, capitalize, each, humanize_words};
use super::{SettingRow, CATALOG_PREFIXES, NOT_CONFIGURED};

/// Where a setting instance sits: top level, or below a parent setting.
pub(super) struct Scope<'a> {
    /// Microsoft's names for the settings, when the tenant's cache has them.
    defs: &'a Definitions,
    /// The parent's name; top-level settings are grouped by their CSP area instead.
    group: Option<String>,
    /// The parent's definition id, which child ids usually repeat.
    parent_id: Option<&'a str>,
    /// Makes keys of repeated collection items unique (`parent[0].`).
    key_prefix: String,
}

pub(super) fn catalog_rows(content: &Value, defs: &Definitions) -> Vec<SettingRow> {
    let root = Scope {
        defs,
        group: None,
        parent_id: None,
        key_prefix: String::new(),
    };
    let mut rows = Vec::new();
    for item in array(content, "settings") {
        let instance = item.get("settingInstance").unwrap_or(item);
        instance_rows(&mut rows, instance, &root);
    }
    rows
}

pub(super) fn instance_rows(rows: &mut Vec<SettingRow>, instance: &Value, scope: &Scope) {
    let Some(id) = instance.get("settingDefinitionId").and_then(Value::as_str) else {
        return;
    };
    let defs = scope.defs;
    let definition = defs.setting(id);
    let name = definition.map_or_else(
        || setting_name(id, scope.parent_id),
        |d| d.display_name.clone(),
    );
    let key = format!("{}{id}", scope.key_prefix);
    let row = |value: String| SettingRow {
        group: scope
            .group
            .clone()
            .or_else(|| defs.category_of(id).map(str::to_owned))
            .unwrap_or_else(|| catalog_section(id)),
        name: name.clone(),
        key: key.clone(),
        value,
        description: definition.and_then(|d| d.description.clone()),
    };
    let choice_words = |value: &Value| {
        value
            .as_str()
            .and_then(|item| defs.option_label(id, item))
            .map_or_else(|| choice_text(id, value), str::to_owned)
    };
    // The value field present says the instance's kind, also without `@odata.type`.
    if let Some(choice) = instance.get("choiceSettingValue") {
        rows.push(row(choice_words(&choice["value"])));
        child_rows(rows, choice, &name, id, scope.key_prefix.clone(), defs);
    } else if let Some(choices) = instance.get("choiceSettingCollectionValue") {
        let values = each(choices).map(|c| choice_words(&c["value"]));
        rows.push(row(values.collect::<Vec<_>>().join(", ")));
        collection_child_rows(rows, choices, &name, id, &key, defs);
    } else if let Some(simple) = instance.get("simpleSettingValue") {
        rows.push(row(text(&simple["value"])));
    } else if let Some(simples) = instance.get("simpleSettingCollectionValue") {
        let values: Vec<Value> = each(simples).map(|s| s["value"].clone()).collect();
        rows.push(row(text(&Value::Array(values))));
    } else if let Some(group) = instance.get("groupSettingValue") {
        child_rows(rows, group, &name, id, scope.key_prefix.clone(), defs);
    } else if let Some(groups) = instance.get("groupSettingCollectionValue") {
        collection_child_rows(rows, groups, &name, id, &key, defs);
    } else {
        rows.push(row(NOT_CONFIGURED.to_owned()));
    }
}

/// The `children` of one setting value, grouped under the parent's name.
pub(super) fn child_rows(
    rows: &mut Vec<SettingRow>,
    value: &Value,
    group: &str,
    parent_id: &str,
    key_prefix: String,
    defs: &Definitions,
) {
    let scope = Scope {
        defs,
        group: Some(group.to_owned()),
        parent_id: Some(parent_id),
        key_prefix,
    };
    for child in array(value, "children") {
        instance_rows(rows, child, &scope);
    }
}

/// The children of each item of a collection. Items repeat the same child ids, so keys carry
/// the item index, and groups number the items when there are several.
pub(super) fn collection_child_rows(
    rows: &mut Vec<SettingRow>,
    items: &Value,
    name: &str,
    parent_id: &str,
    parent_key: &str,
    defs: &Definitions,
) {
    let items: Vec<&Value> = each(items).collect();
    for (i, item) in items.iter().enumerate() {
        let group = if items.len() > 1 {
            format!("{name} ({})", i + 1)
        } else {
            name.to_owned()
        };
        child_rows(
            rows,
            item,
            &group,
            parent_id,
            format!("{parent_key}[{i}]."),
            defs,
        );
    }
}

/// "device_vendor_msft_policy_config_defender_allowarchivescanning_3" -> "Defender
/// allowarchivescanning". A child drops its parent's id, which the group already shows.
pub(super) fn setting_name(id: &str, parent_id: Option<&str>) -> String {
    let own = parent_id
        .and_then(|p| id.strip_prefix(p))
        .and_then(|rest| rest.strip_prefix('_'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or_else(|| strip_catalog_prefix(id));
    humanize_words(strip_index(own))
}

/// The CSP area of a top-level setting: the first word of its name ("Defender").
pub(super) fn catalog_section(id: &str) -> String {
    let area = strip_catalog_prefix(id).split('_').next().unwrap_or(id);
    capitalize(area)
}

pub(super) fn strip_catalog_prefix(id: &str) -> &str {
    CATALOG_PREFIXES
        .iter()
        .find_map(|prefix| id.strip_prefix(prefix))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(id)
}

/// Drops a trailing `_<number>` index.
pub(super) fn strip_index(name: &str) -> &str {
    match name.rsplit_once('_') {
        Some((head, tail))
            if !head.is_empty() && !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => name,
    }
}

/// A choice value repeats its definition id: "<definition id>_1" reads as "1".
pub(super) fn choice_text(definition_id: &str, value: &Value) -> String {
    match value.as_str() {
        Some(choice) => choice
            .strip_prefix(definition_id)
            .and_then(|rest| rest.strip_prefix('_'))
            .filter(|rest| !rest.is_empty())
            .map_or_else(|| choice.to_owned(), humanize_words),
        None => text(value),
    }
}
