//! Administrative template definition values as rows, grouped by category path.

use serde_json::Value;

use super::fields::text;
use super::words::array;
use super::{SettingRow, NOT_CONFIGURED, PATH_SEPARATOR, TEMPLATES};

pub(super) fn template_rows(content: &Value) -> Vec<SettingRow> {
    array(content, "definitionValues")
        .enumerate()
        .map(|(i, value)| template_row(i, value))
        .collect()
}

pub(super) fn template_row(index: usize, value: &Value) -> SettingRow {
    let definition = &value["definition"];
    let id = definition["id"].as_str().or_else(|| value["id"].as_str());
    let name = definition["displayName"].as_str().or(id);
    let group = definition["categoryPath"]
        .as_str()
        .map(category_group)
        .filter(|g| !g.is_empty());
    SettingRow {
        group: group.unwrap_or_else(|| TEMPLATES.to_owned()),
        name: name.map_or_else(|| format!("Setting {}", index + 1), str::to_owned),
        key: id.map_or_else(|| format!("definitionValues[{index}]"), str::to_owned),
        value: template_value(value),
        description: definition["explainText"]
            .as_str()
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
    }
}

/// "\Windows Components\File Explorer" -> "Windows Components › File Explorer".
pub(super) fn category_group(path: &str) -> String {
    path.split('\\')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(PATH_SEPARATOR)
}

/// "Enabled" or "Disabled", then the presentation values: "Enabled (Value: 2)".
pub(super) fn template_value(value: &Value) -> String {
    let state = match value["enabled"].as_bool() {
        Some(true) => "Enabled",
        Some(false) => "Disabled",
        None => NOT_CONFIGURED,
    };
    let parts: Vec<String> = array(value, "presentationValues")
        .map(presentation_text)
        .collect();
    if parts.is_empty() {
        state.to_owned()
    } else {
        format!("{state} ({})", parts.join("; "))
    }
}

pub(super) fn presentation_text(presentation: &Value) -> String {
    // List and multi-text presentations carry `values` instead of `value`.
    let value = presentation
        .get("value")
        .or_else(|| presentation.get("values"))
        .map_or_else(|| NOT_CONFIGURED.to_owned(), text);
    match presentation["presentation"]["label"].as_str() {
        Some(label) => format!("{label}: {value}"),
        None => value,
    }
}
