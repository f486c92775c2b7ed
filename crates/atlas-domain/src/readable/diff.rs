//! The side-by-side comparison of two versions: settings and assignments as keyed rows,
//! merged so each row is added, removed, changed or unchanged.

use serde_json::Value;
use std::collections::{HashMap, HashSet};

use super::identity::identity_rows;
use super::unexplained::unexplained_rows;
use super::words::{capitalize, humanize_camel};
use super::{
    readable_with, AssignmentRow, AssignmentTargetKind, ConfigDiff, Definitions, DiffChange,
    DiffRow, SettingRow, ASSIGNMENTS,
};

/// Compares two contents row by row, matched by key: the object's name, description and scope
/// tags, its settings, and its assignments as rows of the group "Assignments". Rows follow
/// `after`; a removed row stays right after the row that preceded it in `before`. A field the
/// rows do not show but the content hash counts (all but the common and the type's `volatile`
/// fields) is shown as stored when it changed, so two versions with different hashes never
/// compare as equal.
pub fn diff(before: &Value, after: &Value, volatile: &[&str]) -> ConfigDiff {
    diff_with(before, after, volatile, &Definitions::default())
}

/// [`diff`], with settings catalog rows read through Microsoft's definitions (the keys stay
/// the definition ids, so naming never changes what matches).
pub fn diff_with(
    before: &Value,
    after: &Value,
    volatile: &[&str],
    defs: &Definitions,
) -> ConfigDiff {
    let mut rows = merge(
        &comparable_rows(before, defs),
        &comparable_rows(after, defs),
    );
    rows.retain(|row| !volatile.contains(&top_level_field(&row.key)));
    rows.extend(unexplained_rows(before, after, volatile));
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

/// The object field a row's key starts with (`templateReference` of
/// `templateReference.templateId`).
fn top_level_field(key: &str) -> &str {
    key.split(['.', '[']).next().unwrap_or(key)
}

/// Identity, settings and assignments as rows with unique keys.
pub(super) fn comparable_rows(content: &Value, defs: &Definitions) -> Vec<SettingRow> {
    let config = readable_with(content, defs);
    let mut rows = identity_rows(content);
    rows.extend(config.settings);
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

pub(super) fn assignment_setting_row(assignment: &AssignmentRow) -> SettingRow {
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
        description: None,
    }
}

/// "Required, filter 1234 (include)", "No filter".
pub(super) fn assignment_text(assignment: &AssignmentRow) -> String {
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

pub(super) fn merge(before: &[SettingRow], after: &[SettingRow]) -> Vec<DiffRow> {
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

pub(super) fn take_removed<'a>(
    removed: &mut HashMap<Option<&'a str>, Vec<&SettingRow>>,
    anchor: Option<&'a str>,
) -> Vec<DiffRow> {
    let rows = removed.remove(&anchor).unwrap_or_default();
    rows.into_iter()
        .map(|r| diff_row(r, Some(&r.value), None))
        .collect()
}

pub(super) fn diff_row(row: &SettingRow, before: Option<&str>, after: Option<&str>) -> DiffRow {
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
