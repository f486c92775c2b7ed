//! An operator-readable view of a policy's stored content (a Microsoft Graph object with its
//! detail collections and assignments inlined), and a side-by-side diff of two versions.
//! Settings catalog instances, administrative template definition values and plain object fields
//! all become flat rows of group, name and value text; the raw key of each row is its identity
//! when two versions are compared.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::{codes::code_enum, normalize::VOLATILE_FIELDS};

/// A policy's content as rows an operator can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadableConfig {
    pub settings: Vec<SettingRow>,
    pub assignments: Vec<AssignmentRow>,
}

/// One configured value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingRow {
    /// Section the setting belongs to ("Defender", a parent setting's name, "General" for
    /// top-level fields).
    pub group: String,
    /// Operator-readable name, e.g. "Password minimum length" or "Firewall profile domain ›
    /// Firewall enabled".
    pub name: String,
    /// The raw key (settingDefinitionId or JSON path like `templateReference.templateId`): the
    /// row's identity in diffs.
    pub key: String,
    /// The value as text ("Yes"/"No", "Not configured", list items joined with ", ", …).
    pub value: String,
}

code_enum! {
    /// Who an assignment targets.
    pub enum AssignmentTargetKind as "assignment_target_kind" {
        Group => "group",
        ExcludedGroup => "excluded_group",
        AllDevices => "all_devices",
        AllUsers => "all_users",
        Other => "other",
    }
}

/// One assignment of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssignmentRow {
    pub kind: AssignmentTargetKind,
    pub group_id: Option<String>,
    /// Filled by the caller from the groups cache.
    pub group_name: Option<String>,
    pub filter_id: Option<String>,
    /// `include` or `exclude`; absent without a filter.
    pub filter_mode: Option<String>,
    /// App assignments only: `required`, `available`, `uninstall`, …
    pub intent: Option<String>,
}

code_enum! {
    /// How a row differs between two versions.
    pub enum DiffChange as "diff_change" {
        Added => "added",
        Removed => "removed",
        Changed => "changed",
        Unchanged => "unchanged",
    }
}

/// One row of a side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffRow {
    pub group: String,
    pub name: String,
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub change: DiffChange,
}

/// The comparison of two versions' contents, with how many rows fall in each change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConfigDiff {
    pub rows: Vec<DiffRow>,
    pub added: i64,
    pub removed: i64,
    pub changed: i64,
    pub unchanged: i64,
}

const GENERAL: &str = "General";
const TEMPLATES: &str = "Administrative templates";
const ASSIGNMENTS: &str = "Assignments";
const NOT_CONFIGURED: &str = "Not configured";
/// Separates the steps of a nested name or category path.
const PATH_SEPARATOR: &str = " › ";

/// Top-level fields that are metadata, shown elsewhere, or rendered by their own section.
const SKIPPED_FIELDS: &[&str] = &[
    "id",
    "createdDateTime",
    "lastModifiedDateTime",
    "version",
    "displayName",
    "description",
    "roleScopeTagIds",
    "assignments",
    "settings",
    "definitionValues",
];

/// Settings catalog definition id prefixes that only say which CSP tree a setting lives in.
/// Longest first, so the most specific one is removed.
const CATALOG_PREFIXES: &[&str] = &[
    "device_vendor_msft_policy_config_",
    "user_vendor_msft_policy_config_",
    "device_vendor_msft_",
    "user_vendor_msft_",
];

/// Turns stored content into rows: the object's own fields under "General", then settings
/// catalog settings and administrative template values, and the assignments.
pub fn readable(content: &Value) -> ReadableConfig {
    let mut settings = field_rows(content);
    settings.extend(catalog_rows(content));
    settings.extend(template_rows(content));
    ReadableConfig {
        settings,
        assignments: assignment_rows(content),
    }
}

/// Compares two contents row by row, matched by key. Assignments take part as rows of the group
/// "Assignments". Rows follow `after`; a removed row stays right after the row that preceded it
/// in `before`.
pub fn diff(before: &Value, after: &Value) -> ConfigDiff {
    let rows = merge(&comparable_rows(before), &comparable_rows(after));
    let mut diff = ConfigDiff {
        rows: Vec::new(),
        added: 0,
        removed: 0,
        changed: 0,
        unchanged: 0,
    };
    for row in &rows {
        match row.change {
            DiffChange::Added => diff.added += 1,
            DiffChange::Removed => diff.removed += 1,
            DiffChange::Changed => diff.changed += 1,
            DiffChange::Unchanged => diff.unchanged += 1,
        }
    }
    diff.rows = rows;
    diff
}

// ---- Plain object fields ----

fn field_rows(content: &Value) -> Vec<SettingRow> {
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
fn is_metadata(key: &str) -> bool {
    key.contains("@odata.") || VOLATILE_FIELDS.contains(&key)
}

/// One row per scalar or scalar list; objects and lists of objects expand into nested rows.
fn flatten(rows: &mut Vec<SettingRow>, key: &str, name: &str, value: &Value) {
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
        }),
    }
}

fn is_structured(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

/// A JSON value as text an operator reads.
fn text(value: &Value) -> String {
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
fn object_text(map: &Map<String, Value>) -> String {
    match (map.get("name"), map.get("value")) {
        (Some(name), Some(value)) => format!("{}: {}", text(name), text(value)),
        (None, Some(value)) => text(value),
        _ => Value::Object(map.clone()).to_string(),
    }
}

// ---- Settings catalog ----

/// Where a setting instance sits: top level, or below a parent setting.
struct Scope<'a> {
    /// The parent's name; top-level settings are grouped by their CSP area instead.
    group: Option<String>,
    /// The parent's definition id, which child ids usually repeat.
    parent_id: Option<&'a str>,
    /// Makes keys of repeated collection items unique (`parent[0].`).
    key_prefix: String,
}

fn catalog_rows(content: &Value) -> Vec<SettingRow> {
    let root = Scope {
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

fn instance_rows(rows: &mut Vec<SettingRow>, instance: &Value, scope: &Scope) {
    let Some(id) = instance.get("settingDefinitionId").and_then(Value::as_str) else {
        return;
    };
    let name = setting_name(id, scope.parent_id);
    let key = format!("{}{id}", scope.key_prefix);
    let row = |value: String| SettingRow {
        group: scope.group.clone().unwrap_or_else(|| catalog_section(id)),
        name: name.clone(),
        key: key.clone(),
        value,
    };
    // The value field present says the instance's kind, also without `@odata.type`.
    if let Some(choice) = instance.get("choiceSettingValue") {
        rows.push(row(choice_text(id, &choice["value"])));
        child_rows(rows, choice, &name, id, scope.key_prefix.clone());
    } else if let Some(choices) = instance.get("choiceSettingCollectionValue") {
        let values = each(choices).map(|c| choice_text(id, &c["value"]));
        rows.push(row(values.collect::<Vec<_>>().join(", ")));
        collection_child_rows(rows, choices, &name, id, &key);
    } else if let Some(simple) = instance.get("simpleSettingValue") {
        rows.push(row(text(&simple["value"])));
    } else if let Some(simples) = instance.get("simpleSettingCollectionValue") {
        let values: Vec<Value> = each(simples).map(|s| s["value"].clone()).collect();
        rows.push(row(text(&Value::Array(values))));
    } else if let Some(group) = instance.get("groupSettingValue") {
        child_rows(rows, group, &name, id, scope.key_prefix.clone());
    } else if let Some(groups) = instance.get("groupSettingCollectionValue") {
        collection_child_rows(rows, groups, &name, id, &key);
    } else {
        rows.push(row(NOT_CONFIGURED.to_owned()));
    }
}

/// The `children` of one setting value, grouped under the parent's name.
fn child_rows(
    rows: &mut Vec<SettingRow>,
    value: &Value,
    group: &str,
    parent_id: &str,
    key_prefix: String,
) {
    let scope = Scope {
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
fn collection_child_rows(
    rows: &mut Vec<SettingRow>,
    items: &Value,
    name: &str,
    parent_id: &str,
    parent_key: &str,
) {
    let items: Vec<&Value> = each(items).collect();
    for (i, item) in items.iter().enumerate() {
        let group = if items.len() > 1 {
            format!("{name} ({})", i + 1)
        } else {
            name.to_owned()
        };
        child_rows(rows, item, &group, parent_id, format!("{parent_key}[{i}]."));
    }
}

/// "device_vendor_msft_policy_config_defender_allowarchivescanning_3" -> "Defender
/// allowarchivescanning". A child drops its parent's id, which the group already shows.
fn setting_name(id: &str, parent_id: Option<&str>) -> String {
    let own = parent_id
        .and_then(|p| id.strip_prefix(p))
        .and_then(|rest| rest.strip_prefix('_'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or_else(|| strip_catalog_prefix(id));
    humanize_words(strip_index(own))
}

/// The CSP area of a top-level setting: the first word of its name ("Defender").
fn catalog_section(id: &str) -> String {
    let area = strip_catalog_prefix(id).split('_').next().unwrap_or(id);
    capitalize(area)
}

fn strip_catalog_prefix(id: &str) -> &str {
    CATALOG_PREFIXES
        .iter()
        .find_map(|prefix| id.strip_prefix(prefix))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(id)
}

/// Drops a trailing `_<number>` index.
fn strip_index(name: &str) -> &str {
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
fn choice_text(definition_id: &str, value: &Value) -> String {
    match value.as_str() {
        Some(choice) => choice
            .strip_prefix(definition_id)
            .and_then(|rest| rest.strip_prefix('_'))
            .filter(|rest| !rest.is_empty())
            .map_or_else(|| choice.to_owned(), humanize_words),
        None => text(value),
    }
}

// ---- Administrative templates ----

fn template_rows(content: &Value) -> Vec<SettingRow> {
    array(content, "definitionValues")
        .enumerate()
        .map(|(i, value)| template_row(i, value))
        .collect()
}

fn template_row(index: usize, value: &Value) -> SettingRow {
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
    }
}

/// "\Windows Components\File Explorer" -> "Windows Components › File Explorer".
fn category_group(path: &str) -> String {
    path.split('\\')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(PATH_SEPARATOR)
}

/// "Enabled" or "Disabled", then the presentation values: "Enabled (Value: 2)".
fn template_value(value: &Value) -> String {
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

fn presentation_text(presentation: &Value) -> String {
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

// ---- Assignments ----

fn assignment_rows(content: &Value) -> Vec<AssignmentRow> {
    array(content, "assignments").map(assignment_row).collect()
}

fn assignment_row(assignment: &Value) -> AssignmentRow {
    let target = &assignment["target"];
    let filter_id = non_empty(&target["deviceAndAppManagementAssignmentFilterId"]);
    // Graph reports the mode "none" when there is no filter.
    let filter_mode = non_empty(&target["deviceAndAppManagementAssignmentFilterType"])
        .filter(|mode| filter_id.is_some() && mode != "none");
    AssignmentRow {
        kind: target_kind(target["@odata.type"].as_str().unwrap_or_default()),
        group_id: non_empty(&target["groupId"]),
        group_name: None,
        filter_id,
        filter_mode,
        intent: non_empty(&assignment["intent"]),
    }
}

fn target_kind(odata_type: &str) -> AssignmentTargetKind {
    match odata_type.rsplit('.').next().unwrap_or_default() {
        "groupAssignmentTarget" => AssignmentTargetKind::Group,
        "exclusionGroupAssignmentTarget" => AssignmentTargetKind::ExcludedGroup,
        "allDevicesAssignmentTarget" => AssignmentTargetKind::AllDevices,
        "allLicensedUsersAssignmentTarget" => AssignmentTargetKind::AllUsers,
        _ => AssignmentTargetKind::Other,
    }
}

fn non_empty(value: &Value) -> Option<String> {
    value.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

// ---- Diff ----

/// Settings and assignments as rows with unique keys.
fn comparable_rows(content: &Value) -> Vec<SettingRow> {
    let config = readable(content);
    let mut rows = config.settings;
    rows.extend(config.assignments.iter().map(assignment_setting_row));
    // Duplicates (e.g. two "other" targets) are told apart by occurrence, in content order.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &mut rows {
        let count = seen.entry(row.key.clone()).or_default();
        *count += 1;
        if *count > 1 {
            row.key = format!("{}#{count}", row.key);
        }
    }
    rows
}

fn assignment_setting_row(assignment: &AssignmentRow) -> SettingRow {
    let group_id = assignment.group_id.as_deref().unwrap_or_default();
    let name = match assignment.kind {
        AssignmentTargetKind::Group => format!("Group {group_id}"),
        AssignmentTargetKind::ExcludedGroup => format!("Excluded group {group_id}"),
        AssignmentTargetKind::AllDevices => "All devices".to_owned(),
        AssignmentTargetKind::AllUsers => "All users".to_owned(),
        AssignmentTargetKind::Other => format!("Other target {group_id}"),
    };
    let mut key = format!("assignments.{}", assignment.kind.code());
    if !group_id.is_empty() {
        key = format!("{key}.{group_id}");
    }
    SettingRow {
        group: ASSIGNMENTS.to_owned(),
        name: name.trim_end().to_owned(),
        key,
        value: assignment_text(assignment),
    }
}

/// "Required, filter 1234 (include)", "No filter".
fn assignment_text(assignment: &AssignmentRow) -> String {
    let filter = match (&assignment.filter_id, &assignment.filter_mode) {
        (Some(id), Some(mode)) => format!("filter {id} ({mode})"),
        (Some(id), None) => format!("filter {id}"),
        (None, _) => "no filter".to_owned(),
    };
    match &assignment.intent {
        Some(intent) => format!("{}, {filter}", humanize_camel(intent)),
        None => capitalize(&filter),
    }
}

fn merge(before: &[SettingRow], after: &[SettingRow]) -> Vec<DiffRow> {
    let after_keys: HashSet<&str> = after.iter().map(|r| r.key.as_str()).collect();
    let before_by_key: HashMap<&str, &SettingRow> =
        before.iter().map(|r| (r.key.as_str(), r)).collect();
    // Each removed row hangs off the nearest preceding `before` row that is still there.
    let mut removed: HashMap<Option<&str>, Vec<&SettingRow>> = HashMap::new();
    let mut anchor = None;
    for row in before {
        if after_keys.contains(row.key.as_str()) {
            anchor = Some(row.key.as_str());
        } else {
            removed.entry(anchor).or_default().push(row);
        }
    }
    let mut rows = take_removed(&mut removed, None);
    for row in after {
        let before_value = before_by_key
            .get(row.key.as_str())
            .map(|r| r.value.as_str());
        rows.push(diff_row(row, before_value, Some(&row.value)));
        rows.extend(take_removed(&mut removed, Some(&row.key)));
    }
    rows
}

fn take_removed<'a>(
    removed: &mut HashMap<Option<&'a str>, Vec<&SettingRow>>,
    anchor: Option<&'a str>,
) -> Vec<DiffRow> {
    let rows = removed.remove(&anchor).unwrap_or_default();
    rows.into_iter()
        .map(|r| diff_row(r, Some(&r.value), None))
        .collect()
}

fn diff_row(row: &SettingRow, before: Option<&str>, after: Option<&str>) -> DiffRow {
    let change = match (before, after) {
        (None, _) => DiffChange::Added,
        (_, None) => DiffChange::Removed,
        (Some(b), Some(a)) if b == a => DiffChange::Unchanged,
        _ => DiffChange::Changed,
    };
    DiffRow {
        group: row.group.clone(),
        name: row.name.clone(),
        key: row.key.clone(),
        before: before.map(str::to_owned),
        after: after.map(str::to_owned),
        change,
    }
}

// ---- Helpers ----

/// The items of `value[field]` when it is an array.
fn array<'a>(value: &'a Value, field: &str) -> impl Iterator<Item = &'a Value> {
    each(value.get(field).unwrap_or(&Value::Null))
}

/// The items of an array; nothing for anything else.
fn each(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

/// "allow_archive_scanning" -> "Allow archive scanning".
fn humanize_words(snake: &str) -> String {
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    capitalize(&words.join(" "))
}

/// "passwordMinimumLength" -> "Password minimum length"; acronyms keep their case
/// ("firewallBlockStatefulFTP" -> "Firewall block stateful FTP").
fn humanize_camel(camel: &str) -> String {
    let chars: Vec<char> = camel.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let starts_word = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if (starts_word || c == '_' || c == ' ') && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' && c != ' ' {
            word.push(c);
        }
    }
    words.push(word);
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| !w.is_empty())
        .map(|w| if is_acronym(&w) { w } else { w.to_lowercase() })
        .collect();
    capitalize(&words.join(" "))
}

fn is_acronym(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const DEFENDER: &str = "device_vendor_msft_policy_config_defender_allowarchivescanning_3";

    fn row<'a>(rows: &'a [SettingRow], key: &str) -> &'a SettingRow {
        rows.iter()
            .find(|r| r.key == key)
            .unwrap_or_else(|| panic!("no row {key} in {rows:#?}"))
    }

    fn choice(id: &str, option: &str, children: Value) -> Value {
        json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            "settingDefinitionId": id,
            "choiceSettingValue": { "value": format!("{id}_{option}"), "children": children }
        })
    }

    fn simple(id: &str, value: Value) -> Value {
        json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
            "settingDefinitionId": id,
            "simpleSettingValue": { "value": value }
        })
    }

    fn catalog(instances: Vec<Value>) -> Value {
        let settings: Vec<Value> = instances
            .into_iter()
            .enumerate()
            .map(|(i, instance)| json!({ "id": i.to_string(), "settingInstance": instance }))
            .collect();
        json!({
            "id": "p1",
            "name": "WIN - SC - Defender",
            "description": "shown elsewhere",
            "platforms": "windows10",
            "settingCount": settings.len(),
            "roleScopeTagIds": ["0"],
            "settings": settings
        })
    }

    fn target(kind: &str, group: Option<&str>) -> Value {
        let mut target = json!({ "@odata.type": format!("#microsoft.graph.{kind}") });
        if let Some(group) = group {
            target["groupId"] = json!(group);
        }
        target
    }

    #[test]
    fn a_choice_setting_reads_as_its_area_name_and_option() {
        let content = catalog(vec![choice(DEFENDER, "1", json!([]))]);
        let rows = readable(&content).settings;
        assert_eq!(
            row(&rows, DEFENDER),
            &SettingRow {
                group: "Defender".into(),
                name: "Defender allowarchivescanning".into(),
                key: DEFENDER.into(),
                value: "1".into(),
            }
        );
    }

    #[test]
    fn a_choice_option_with_words_is_humanised_and_a_foreign_value_kept() {
        let id = "device_vendor_msft_firewall_mdmstore_global_crlcheck";
        let named = json!({
            "settingDefinitionId": id,
            "choiceSettingValue": { "value": format!("{id}_block_all"), "children": [] }
        });
        let foreign = json!({
            "settingDefinitionId": "user_vendor_msft_policy_config_privacy_letappsaccesscamera",
            "choiceSettingValue": { "value": "something_else", "children": [] }
        });
        let rows = readable(&catalog(vec![named, foreign])).settings;
        let named = row(&rows, id);
        assert_eq!(named.value, "Block all");
        assert_eq!(named.group, "Firewall");
        assert_eq!(named.name, "Firewall mdmstore global crlcheck");
        let foreign = row(
            &rows,
            "user_vendor_msft_policy_config_privacy_letappsaccesscamera",
        );
        assert_eq!(foreign.value, "something_else");
        assert_eq!(foreign.name, "Privacy letappsaccesscamera");
    }

    #[test]
    fn choice_children_are_grouped_under_the_parent_without_repeating_its_id() {
        let parent = "device_vendor_msft_bitlocker_systemdrivesrequirestartupauthentication";
        let child = format!("{parent}_configurepinusagedropdown_name");
        let content = catalog(vec![choice(
            parent,
            "1",
            json!([choice(&child, "2", json!([]))]),
        )]);
        let rows = readable(&content).settings;
        assert_eq!(rows.len(), 3, "platforms, parent, child: {rows:#?}");
        assert_eq!(
            row(&rows, parent).name,
            "Bitlocker systemdrivesrequirestartupauthentication"
        );
        let child = row(&rows, &child);
        assert_eq!(
            child.group,
            "Bitlocker systemdrivesrequirestartupauthentication"
        );
        assert_eq!(child.name, "Configurepinusagedropdown name");
        assert_eq!(child.value, "2");
    }

    #[test]
    fn simple_settings_and_simple_collections_show_their_values() {
        let days = "device_vendor_msft_policy_config_defender_daysuntilaggressivecatchupquickscan";
        let list = json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
            "settingDefinitionId": "device_vendor_msft_policy_config_defender_excludedextensions",
            "simpleSettingCollectionValue": [{ "value": ".log" }, { "value": ".tmp" }]
        });
        let rows = readable(&catalog(vec![simple(days, json!(30)), list])).settings;
        let days = row(&rows, days);
        assert_eq!(days.value, "30");
        assert_eq!(days.name, "Defender daysuntilaggressivecatchupquickscan");
        assert_eq!(
            row(
                &rows,
                "device_vendor_msft_policy_config_defender_excludedextensions"
            )
            .value,
            ".log, .tmp"
        );
    }

    #[test]
    fn a_choice_collection_joins_its_options() {
        let id = "device_vendor_msft_policy_config_defender_allowedschemes";
        let instance = json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingCollectionInstance",
            "settingDefinitionId": id,
            "choiceSettingCollectionValue": [
                { "value": format!("{id}_http"), "children": [] },
                { "value": format!("{id}_https"), "children": [] }
            ]
        });
        let rows = readable(&catalog(vec![instance])).settings;
        assert_eq!(row(&rows, id).value, "Http, Https");
    }

    #[test]
    fn group_collection_items_become_child_rows_with_unique_keys() {
        let id = "device_vendor_msft_policy_config_defender_threatseveritydefaultaction";
        let level = format!("{id}_level");
        let action = format!("{id}_action");
        let instance = json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
            "settingDefinitionId": id,
            "groupSettingCollectionValue": [
                { "children": [simple(&level, json!("high")), choice(&action, "quarantine", json!([]))] },
                { "children": [simple(&level, json!("low"))] }
            ]
        });
        let rows = readable(&catalog(vec![instance])).settings;
        assert!(
            rows.iter().all(|r| r.key != id),
            "a group has no value of its own"
        );
        let first = row(&rows, &format!("{id}[0].{level}"));
        assert_eq!(first.group, "Defender threatseveritydefaultaction (1)");
        assert_eq!(first.name, "Level");
        assert_eq!(first.value, "high");
        assert_eq!(row(&rows, &format!("{id}[0].{action}")).value, "Quarantine");
        let second = row(&rows, &format!("{id}[1].{level}"));
        assert_eq!(second.group, "Defender threatseveritydefaultaction (2)");
        assert_eq!(second.value, "low");
    }

    #[test]
    fn a_single_item_group_collection_uses_the_parent_name_as_group() {
        let id = "device_vendor_msft_policy_config_defender_exclusions";
        let path = format!("{id}_path");
        let instance = json!({
            "settingDefinitionId": id,
            "groupSettingCollectionValue": [{ "children": [simple(&path, json!("C:\\temp"))] }]
        });
        let rows = readable(&catalog(vec![instance])).settings;
        let child = row(&rows, &format!("{id}[0].{path}"));
        assert_eq!(child.group, "Defender exclusions");
        assert_eq!(child.value, "C:\\temp");
    }

    #[test]
    fn catalog_metadata_fields_are_skipped_and_the_rest_is_general() {
        let content = catalog(vec![choice(DEFENDER, "1", json!([]))]);
        let rows = readable(&content).settings;
        assert_eq!(
            rows[0],
            SettingRow {
                group: "General".into(),
                name: "Platforms".into(),
                key: "platforms".into(),
                value: "windows10".into(),
            }
        );
        assert_eq!(rows.len(), 2, "{rows:#?}");
    }

    #[test]
    fn administrative_template_values_show_state_and_presentations() {
        let content = json!({
            "id": "a1",
            "displayName": "WIN - ADMX",
            "definitionValues": [
                {
                    "id": "v1",
                    "enabled": true,
                    "definition": {
                        "id": "d1",
                        "displayName": "Configure automatic updates",
                        "categoryPath": "\\Windows Components\\Windows Update"
                    },
                    "presentationValues": [
                        { "value": "3", "presentation": { "label": "Configure automatic updating" } },
                        { "values": [{ "name": "1", "value": "ext;url" }] }
                    ]
                },
                { "id": "v2", "enabled": false, "presentationValues": [] }
            ]
        });
        let rows = readable(&content).settings;
        assert_eq!(
            row(&rows, "d1"),
            &SettingRow {
                group: "Windows Components › Windows Update".into(),
                name: "Configure automatic updates".into(),
                key: "d1".into(),
                value: "Enabled (Configure automatic updating: 3; 1: ext;url)".into(),
            }
        );
        let bare = row(&rows, "v2");
        assert_eq!(bare.name, "v2");
        assert_eq!(bare.group, "Administrative templates");
        assert_eq!(bare.value, "Disabled");
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn plain_objects_show_fields_nested_objects_and_lists() {
        let content = json!({
            "@odata.type": "#microsoft.graph.windows10EndpointProtectionConfiguration",
            "id": "x",
            "displayName": "WIN - Endpoint protection",
            "description": "d",
            "version": 3,
            "createdDateTime": "2024-01-01T00:00:00Z",
            "lastModifiedDateTime": "2024-01-02T00:00:00Z",
            "roleScopeTagIds": ["0"],
            "assignments@odata.context": "x",
            "passwordMinimumLength": 8,
            "bitLockerEncryptDevice": true,
            "firewallBlockStatefulFTP": false,
            "defenderExploitProtectionXml": null,
            "blockedApps": ["a", "b"],
            "emptyList": [],
            "firewallProfileDomain": {
                "@odata.type": "#microsoft.graph.windowsFirewallNetworkProfile",
                "firewallEnabled": "allowed",
                "inboundConnectionsBlocked": true
            },
            "omaSettings": [{ "displayName": "Custom", "omaUri": "./Device/X", "value": "1" }]
        });
        let rows = readable(&content).settings;
        let value = |key: &str| row(&rows, key).value.clone();
        let name = |key: &str| row(&rows, key).name.clone();
        assert_eq!(name("passwordMinimumLength"), "Password minimum length");
        assert_eq!(value("passwordMinimumLength"), "8");
        assert_eq!(value("bitLockerEncryptDevice"), "Yes");
        assert_eq!(
            name("firewallBlockStatefulFTP"),
            "Firewall block stateful FTP"
        );
        assert_eq!(value("firewallBlockStatefulFTP"), "No");
        assert_eq!(value("defenderExploitProtectionXml"), "Not configured");
        assert_eq!(value("blockedApps"), "a, b");
        assert_eq!(value("emptyList"), "None");
        assert_eq!(
            name("firewallProfileDomain.firewallEnabled"),
            "Firewall profile domain › Firewall enabled"
        );
        assert_eq!(
            value("firewallProfileDomain.inboundConnectionsBlocked"),
            "Yes"
        );
        assert_eq!(name("omaSettings[0].omaUri"), "Oma settings › 1 › Oma uri");
        assert_eq!(value("omaSettings[0].displayName"), "Custom");
        assert!(rows.iter().all(|r| r.group == "General"));
        assert_eq!(rows.len(), 11, "metadata is skipped: {rows:#?}");
    }

    #[test]
    fn camel_case_names_split_into_words() {
        assert_eq!(humanize_camel("iCloudBlockBackup"), "I cloud block backup");
        assert_eq!(humanize_camel("osMinimumVersion"), "Os minimum version");
        assert_eq!(
            humanize_camel("securityRequireSafetyNetAttestation"),
            "Security require safety net attestation"
        );
        assert_eq!(humanize_camel("templateId"), "Template id");
    }

    #[test]
    fn every_assignment_target_kind_is_recognised() {
        let content = json!({ "assignments": [
            { "id": "1", "target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                "groupId": "g1",
                "deviceAndAppManagementAssignmentFilterId": "f1",
                "deviceAndAppManagementAssignmentFilterType": "include"
            }},
            { "id": "2", "target": {
                "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
                "groupId": "g2",
                "deviceAndAppManagementAssignmentFilterId": null,
                "deviceAndAppManagementAssignmentFilterType": "none"
            }},
            { "id": "3", "intent": "required", "target": target("allDevicesAssignmentTarget", None) },
            { "id": "4", "target": target("allLicensedUsersAssignmentTarget", None) },
            { "id": "5", "target": target("configurationManagerCollectionAssignmentTarget", None) }
        ]});
        let rows = readable(&content).assignments;
        let kinds: Vec<_> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, AssignmentTargetKind::ALL);
        assert_eq!(
            rows[0],
            AssignmentRow {
                kind: AssignmentTargetKind::Group,
                group_id: Some("g1".into()),
                group_name: None,
                filter_id: Some("f1".into()),
                filter_mode: Some("include".into()),
                intent: None,
            }
        );
        assert_eq!(rows[1].group_id.as_deref(), Some("g2"));
        assert_eq!(rows[1].filter_id, None);
        assert_eq!(rows[1].filter_mode, None, "mode none means no filter");
        assert_eq!(rows[2].intent.as_deref(), Some("required"));
        assert_eq!(rows[2].group_id, None);
        assert!(readable(&content).settings.is_empty());
    }

    #[test]
    fn diff_marks_added_removed_changed_and_unchanged_rows_in_order() {
        let id = |s: &str| format!("device_vendor_msft_policy_config_defender_{s}");
        let before = json!({
            "settings": [
                { "settingInstance": choice(&id("a"), "1", json!([])) },
                { "settingInstance": choice(&id("gone"), "1", json!([])) },
                { "settingInstance": simple(&id("b"), json!(30)) }
            ],
            "assignments": [
                { "target": target("groupAssignmentTarget", Some("g1")) },
                { "target": target("allDevicesAssignmentTarget", None) }
            ]
        });
        let after = json!({
            "settings": [
                { "settingInstance": choice(&id("a"), "1", json!([])) },
                { "settingInstance": simple(&id("b"), json!(45)) },
                { "settingInstance": choice(&id("new"), "0", json!([])) }
            ],
            "assignments": [
                { "target": {
                    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                    "groupId": "g1",
                    "deviceAndAppManagementAssignmentFilterId": "f1",
                    "deviceAndAppManagementAssignmentFilterType": "exclude"
                }}
            ]
        });
        let diff = diff(&before, &after);
        let summary: Vec<(String, DiffChange, Option<String>, Option<String>)> = diff
            .rows
            .iter()
            .map(|r| (r.key.clone(), r.change, r.before.clone(), r.after.clone()))
            .collect();
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            summary,
            vec![
                (id("a"), DiffChange::Unchanged, s("1"), s("1")),
                (id("gone"), DiffChange::Removed, s("1"), None),
                (id("b"), DiffChange::Changed, s("30"), s("45")),
                (id("new"), DiffChange::Added, None, s("0")),
                (
                    "assignments.group.g1".into(),
                    DiffChange::Changed,
                    s("No filter"),
                    s("Filter f1 (exclude)")
                ),
                (
                    "assignments.all_devices".into(),
                    DiffChange::Removed,
                    s("No filter"),
                    None
                ),
            ]
        );
        assert_eq!(
            (diff.added, diff.removed, diff.changed, diff.unchanged),
            (1, 2, 2, 1)
        );
        let assignment = &diff.rows[4];
        assert_eq!(assignment.group, "Assignments");
        assert_eq!(assignment.name, "Group g1");
    }

    #[test]
    fn removed_rows_before_any_kept_row_come_first() {
        let before = json!({ "settings": [
            { "settingInstance": simple("x_first", json!(1)) },
            { "settingInstance": simple("x_kept", json!(2)) }
        ]});
        let after = json!({ "settings": [{ "settingInstance": simple("x_kept", json!(2)) }] });
        let keys: Vec<_> = diff(&before, &after)
            .rows
            .into_iter()
            .map(|r| (r.key, r.change))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("x_first".to_owned(), DiffChange::Removed),
                ("x_kept".to_owned(), DiffChange::Unchanged)
            ]
        );
    }

    #[test]
    fn an_assignment_intent_is_part_of_its_value() {
        let with_intent = |intent: &str| json!({ "assignments": [{ "intent": intent, "target": target("allLicensedUsersAssignmentTarget", None) }] });
        let diff = diff(&with_intent("available"), &with_intent("required"));
        assert_eq!(diff.rows.len(), 1);
        assert_eq!(diff.rows[0].name, "All users");
        assert_eq!(diff.rows[0].before.as_deref(), Some("Available, no filter"));
        assert_eq!(diff.rows[0].after.as_deref(), Some("Required, no filter"));
        assert_eq!(diff.changed, 1);
    }

    #[test]
    fn duplicate_keys_are_compared_by_occurrence() {
        let other =
            |intent: &str| json!({ "target": target("unknownTarget", None), "intent": intent });
        let before = json!({ "assignments": [other("apply"), other("apply")] });
        let after = json!({ "assignments": [other("apply")] });
        let diff = diff(&before, &after);
        let keys: Vec<_> = diff
            .rows
            .iter()
            .map(|r| (r.key.as_str(), r.change))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("assignments.other", DiffChange::Unchanged),
                ("assignments.other#2", DiffChange::Removed)
            ]
        );
    }

    #[test]
    fn identical_contents_have_no_changes() {
        let content = json!({
            "passwordRequired": true,
            "firewallProfileDomain": { "firewallEnabled": "allowed" },
            "settings": [{ "settingInstance": choice(DEFENDER, "1", json!([])) }],
            "assignments": [{ "target": target("groupAssignmentTarget", Some("g1")) }]
        });
        let diff = diff(&content, &content.clone());
        assert_eq!((diff.added, diff.removed, diff.changed), (0, 0, 0));
        assert_eq!(diff.unchanged, 4);
        assert_eq!(diff.rows.len(), 4);
        assert!(diff.rows.iter().all(|r| r.before == r.after));
    }

    #[test]
    fn non_object_content_reads_as_nothing() {
        let empty = ReadableConfig {
            settings: vec![],
            assignments: vec![],
        };
        assert_eq!(readable(&Value::Null), empty);
        assert_eq!(diff(&Value::Null, &json!([])).rows, vec![]);
    }
}
