//! An operator-readable view of a policy's stored content (a Microsoft Graph object with its
//! detail collections and assignments inlined), and a side-by-side diff of two versions.
//! Settings catalog instances, administrative template definition values and plain object fields
//! all become flat rows of group, name and value text; the raw key of each row is its identity
//! when two versions are compared.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::codes::code_enum;

mod assignments;
mod catalog;
mod definitions;
mod diff;
mod fields;
mod identity;
mod targeting;
mod templates;
#[cfg(test)]
mod tests;
mod unexplained;
mod words;

use assignments::assignment_rows;
use catalog::catalog_rows;
pub use definitions::{
    for_each_setting_id, row_setting_ids, setting_ids, Definitions, SettingCategory,
    SettingDefinition, SettingOption,
};
pub use diff::{diff, diff_with};
use fields::field_rows;
use targeting::targeting_rows;
pub use targeting::{Target, TargetKind, Targeting, TargetingRow};
use templates::template_rows;

/// A policy's content as rows an operator can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadableConfig {
    pub settings: Vec<SettingRow>,
    pub assignments: Vec<AssignmentRow>,
    /// Whom the object applies to when it says so other than through `assignments`
    /// (Conditional Access conditions, role assignments, a principal); empty otherwise.
    pub targeting: Vec<TargetingRow>,
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
    /// What the setting does, in Microsoft's words, when its definition says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
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
    readable_with(content, &Definitions::default())
}

/// [`readable`], with settings catalog settings named, described, grouped and their choices
/// labelled by Microsoft's definitions where `defs` has them.
pub fn readable_with(content: &Value, defs: &Definitions) -> ReadableConfig {
    let mut settings = field_rows(content);
    settings.extend(catalog_rows(content, defs));
    settings.extend(template_rows(content));
    ReadableConfig {
        settings,
        assignments: assignment_rows(content),
        targeting: targeting_rows(content),
    }
}
