//! The in-memory cloud: tenants, their app registrations and their Graph objects. Each tenant's
//! objects sit behind their own lock so later slices (writes, drift, faults) can change them
//! while the server runs.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};

use atlas_graph::{ObjectType, CATALOG};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::throttle::Throttle;

/// A simulated customer directory and the one app registration that may call it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantInfo {
    pub tenant_id: Uuid,
    pub display_name: String,
    pub primary_domain: String,
    pub client_id: Uuid,
    /// Simulated only: accepted by this simulator and nowhere else.
    pub client_secret: String,
}

/// One Graph object: its own JSON and its navigation collections (assignments, settings, …),
/// which are served only when expanded or read as a sub-collection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimObject {
    pub body: Map<String, Value>,
    pub navs: BTreeMap<String, Vec<Value>>,
}

impl SimObject {
    pub fn id(&self) -> &str {
        self.body.get("id").and_then(Value::as_str).unwrap_or("")
    }

    pub fn odata_type(&self) -> Option<&str> {
        self.body.get("@odata.type").and_then(Value::as_str)
    }
}

/// All objects of a tenant, by collection path (`deviceManagement/deviceConfigurations`, …);
/// a shared collection holds every type the catalog maps to it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TenantData {
    pub collections: BTreeMap<String, Vec<SimObject>>,
}

impl TenantData {
    pub fn collection(&self, path: &str) -> &[SimObject] {
        self.collections.get(path).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// A tenant as the server holds it.
#[derive(Debug)]
pub struct SimTenant {
    pub info: TenantInfo,
    pub data: RwLock<TenantData>,
    pub(crate) throttle: Mutex<Throttle>,
}

/// Every tenant of one simulator.
#[derive(Debug)]
pub struct Cloud {
    tenants: Vec<Arc<SimTenant>>,
}

impl Cloud {
    pub fn new(tenants: Vec<(TenantInfo, TenantData)>) -> Self {
        Self {
            tenants: tenants
                .into_iter()
                .map(|(info, data)| {
                    Arc::new(SimTenant {
                        info,
                        data: RwLock::new(data),
                        throttle: Mutex::new(Throttle::intune()),
                    })
                })
                .collect(),
        }
    }

    pub fn tenants(&self) -> &[Arc<SimTenant>] {
        &self.tenants
    }

    /// Finds a tenant the way Entra does: by directory id or by (case-insensitive) domain.
    pub fn find(&self, tenant: &str) -> Option<&Arc<SimTenant>> {
        self.tenants.iter().find(|t| {
            Uuid::parse_str(tenant).is_ok_and(|id| id == t.info.tenant_id)
                || t.info.primary_domain.eq_ignore_ascii_case(tenant)
        })
    }

    pub fn by_id(&self, tenant_id: Uuid) -> Option<&Arc<SimTenant>> {
        self.tenants.iter().find(|t| t.info.tenant_id == tenant_id)
    }
}

/// Navigation property names an object type has, from its catalog entry: the names in
/// `expand` (without nested options), the detail collection and the assignments collection.
pub fn navigation_names(ty: &ObjectType) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    if let Some(expand) = ty.expand {
        names.extend(split_top_level(expand).into_iter().map(nav_name));
    }
    if let Some(detail) = ty.detail_collection {
        names.push(detail.split('?').next().unwrap_or(detail));
    }
    if let Some(assignments) = ty.assignments_collection {
        names.push(assignments);
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Navigation names served on a collection path (the union over the types sharing it).
pub fn navigation_names_of_path(path: &str) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = CATALOG
        .iter()
        .filter(|t| t.path == path)
        .flat_map(navigation_names)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// `a,b($expand=c,d),e` → `["a", "b($expand=c,d)", "e"]`.
pub fn split_top_level(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(list[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// `b($expand=c)` → `b`.
pub fn nav_name(item: &str) -> &str {
    item.split('(').next().unwrap_or(item).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_lists_split_only_at_the_top_level() {
        assert_eq!(
            split_top_level("assignments,scheduledActionsForRule($expand=a,b),apps"),
            vec![
                "assignments",
                "scheduledActionsForRule($expand=a,b)",
                "apps"
            ]
        );
        assert_eq!(
            nav_name("scheduledActionsForRule($expand=a)"),
            "scheduledActionsForRule"
        );
    }

    #[test]
    fn navigation_names_come_from_the_catalog() {
        let sc = ObjectType::find("settings_catalog").unwrap();
        assert_eq!(navigation_names(sc), vec!["assignments", "settings"]);
        let admx = ObjectType::find("administrative_template").unwrap();
        assert_eq!(
            navigation_names(admx),
            vec!["assignments", "definitionValues"]
        );
        assert_eq!(
            navigation_names_of_path("deviceManagement/deviceConfigurations"),
            vec!["assignments"]
        );
        assert!(navigation_names_of_path("groups").is_empty());
    }
}
