//! A tenant's inventory (SPEC §5): the last observed truth of which configuration objects exist,
//! what the inventory sync should read, and how the inventory table is queried.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, DomainError, InventoryItemId, RunId, TenantId, Timestamp, WorkspaceId,
};

/// One configuration object of a tenant as the inventory sync last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InventoryItem {
    pub id: InventoryItemId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    /// The object catalog's type key, e.g. `settings_catalog`.
    pub object_type: String,
    /// The object's id in Microsoft Graph.
    pub external_id: String,
    pub display_name: String,
    /// `windows`, `macos`, `ios`, `android`, `linux`, or several joined by `,`.
    pub platform: Option<String>,
    /// SHA-256 (hex) of the normalised object.
    pub content_hash: String,
    pub first_seen_at: Timestamp,
    pub last_seen_at: Timestamp,
    /// Set when a complete read of its type no longer returned the object: removed since then.
    pub removed_at: Option<Timestamp>,
    /// The run that last saw the object.
    pub last_run_id: Option<RunId>,
}

/// How many objects of one type a tenant has, and how many of them were removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InventoryTypeCount {
    pub object_type: String,
    pub active: i64,
    pub removed: i64,
}

code_enum! {
    /// The column the inventory table is ordered by.
    #[derive(Default)]
    pub enum InventorySortKey as "inventory_sort_key" {
        #[default]
        DisplayName => "display_name",
        ObjectType => "object_type",
        LastSeenAt => "last_seen_at",
    }
}

code_enum! {
    #[derive(Default)]
    pub enum SortDirection as "sort_direction" {
        #[default]
        Asc => "asc",
        Desc => "desc",
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InventorySort {
    pub key: InventorySortKey,
    pub direction: SortDirection,
}

/// A query of one tenant's inventory table. Empty or absent criteria do not narrow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InventoryFilter {
    pub object_types: Vec<String>,
    /// Objects for this platform (also when they target several).
    pub platform: Option<String>,
    /// Case-insensitive substring of the display name.
    pub search: Option<String>,
    /// Also list objects marked removed.
    pub include_removed: bool,
    pub sort: InventorySort,
    pub offset: i64,
    pub limit: i64,
}

impl Default for InventoryFilter {
    fn default() -> Self {
        Self {
            object_types: vec![],
            platform: None,
            search: None,
            include_removed: false,
            sort: InventorySort::default(),
            offset: 0,
            limit: 100,
        }
    }
}

/// What an inventory sync reads (SPEC §5). The default is the full inventory: empty lists mean
/// every type, foundations (filters, scope tags, …) and the objects selected ones depend on
/// included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InventorySelection {
    /// Object catalog type keys, e.g. `settings_catalog`.
    pub policy_types: Vec<String>,
    /// Catalog categories, e.g. `compliance`.
    pub categories: Vec<String>,
    pub include_foundations: bool,
    pub include_dependencies: bool,
}

impl Default for InventorySelection {
    fn default() -> Self {
        Self {
            policy_types: vec![],
            categories: vec![],
            include_foundations: true,
            include_dependencies: true,
        }
    }
}

/// The catalog category whose types [`InventorySelection::include_foundations`] adds.
pub const FOUNDATIONS_CATEGORY: &str = "foundations";

impl InventorySelection {
    /// Checks every type key and category against the catalog (passed in: the domain does not
    /// know the Graph catalog) and returns the selection trimmed, de-duplicated and sorted, so
    /// equal selections serialise — and dedupe as run inputs — identically.
    pub fn validated(
        &self,
        known_types: &[&str],
        known_categories: &[&str],
    ) -> Result<InventorySelection, DomainError> {
        let policy_types = checked(&self.policy_types, known_types, |value| {
            DomainError::UnknownInventoryType { value }
        })?;
        let categories = checked(&self.categories, known_categories, |value| {
            DomainError::UnknownInventoryCategory { value }
        })?;
        Ok(InventorySelection {
            policy_types,
            categories,
            ..self.clone()
        })
    }

    /// Whether a catalog type is read. Without explicit types or categories every type is;
    /// foundation types are read when asked for explicitly or when foundations are included.
    pub fn selects(&self, type_key: &str, category: &str) -> bool {
        let explicit = self.policy_types.iter().any(|t| t == type_key)
            || self.categories.iter().any(|c| c == category);
        if category == FOUNDATIONS_CATEGORY {
            explicit || self.include_foundations
        } else {
            explicit || (self.policy_types.is_empty() && self.categories.is_empty())
        }
    }

    /// The full inventory: nothing narrowed, foundations and dependencies included.
    pub fn is_full(&self) -> bool {
        *self == Self::default()
    }
}

fn checked(
    values: &[String],
    known: &[&str],
    unknown: impl Fn(String) -> DomainError,
) -> Result<Vec<String>, DomainError> {
    let mut out = BTreeSet::new();
    for value in values {
        let value = value.trim();
        if !known.contains(&value) {
            return Err(unknown(value.to_owned()));
        }
        out.insert(value.to_owned());
    }
    Ok(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &[&str] = &["settings_catalog", "compliance_policy", "scope_tag"];
    const CATEGORIES: &[&str] = &["configuration", "compliance", "foundations"];

    fn selection(types: &[&str], categories: &[&str]) -> InventorySelection {
        InventorySelection {
            policy_types: types.iter().map(|s| s.to_string()).collect(),
            categories: categories.iter().map(|s| s.to_string()).collect(),
            ..InventorySelection::default()
        }
    }

    #[test]
    fn the_default_is_the_full_inventory_and_reads_from_empty_json() {
        let parsed: InventorySelection = serde_json::from_str("{}").unwrap();
        assert_eq!(parsed, InventorySelection::default());
        assert!(parsed.is_full());
        for (key, category) in [
            ("settings_catalog", "configuration"),
            ("scope_tag", "foundations"),
        ] {
            assert!(parsed.selects(key, category), "{key}");
        }
    }

    #[test]
    fn an_unknown_type_key_is_named() {
        let err = selection(&["settings_catalog", "bogus_type"], &[])
            .validated(TYPES, CATEGORIES)
            .unwrap_err();
        assert_eq!(
            err,
            DomainError::UnknownInventoryType {
                value: "bogus_type".into()
            }
        );
        assert!(err.to_string().contains("bogus_type"), "{err}");
        let err = selection(&[], &["nonsense"])
            .validated(TYPES, CATEGORIES)
            .unwrap_err();
        assert!(matches!(err, DomainError::UnknownInventoryCategory { .. }));
    }

    #[test]
    fn validation_trims_dedupes_and_sorts() {
        let valid = selection(&[" scope_tag", "compliance_policy", "scope_tag"], &[])
            .validated(TYPES, CATEGORIES)
            .unwrap();
        assert_eq!(valid.policy_types, ["compliance_policy", "scope_tag"]);
    }

    #[test]
    fn explicit_selections_narrow_and_foundations_follow_their_flag() {
        let only_compliance = selection(&[], &["compliance"]);
        assert!(only_compliance.selects("compliance_policy", "compliance"));
        assert!(!only_compliance.selects("settings_catalog", "configuration"));
        assert!(only_compliance.selects("scope_tag", "foundations"));

        let without_foundations = InventorySelection {
            include_foundations: false,
            ..selection(&["settings_catalog"], &[])
        };
        assert!(without_foundations.selects("settings_catalog", "configuration"));
        assert!(!without_foundations.selects("scope_tag", "foundations"));
        assert!(InventorySelection {
            include_foundations: false,
            ..selection(&["scope_tag"], &[])
        }
        .selects("scope_tag", "foundations"));
    }

    #[test]
    fn filters_read_from_partial_json() {
        let filter: InventoryFilter = serde_json::from_str(
            r#"{"search": "edge", "sort": {"key": "last_seen_at", "direction": "desc"}}"#,
        )
        .unwrap();
        assert_eq!(filter.search.as_deref(), Some("edge"));
        assert_eq!(filter.sort.key, InventorySortKey::LastSeenAt);
        assert_eq!(filter.limit, InventoryFilter::default().limit);
    }
}
