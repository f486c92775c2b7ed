//! The in-memory cloud: tenants, their app registrations and their Graph objects. Each tenant's
//! objects sit behind their own lock so writes and drift can change them while the server runs.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};

use atlas_graph::{ObjectType, CATALOG};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::control::Control;
use crate::stats::TenantCounters;
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
    /// Place in its collection: given on insertion, increasing, never reused, so a skip token
    /// naming the last object served survives adds and deletes between pages.
    pub seq: u64,
}

impl SimObject {
    /// An object not yet placed in a collection (`TenantData::push` numbers it).
    pub fn new(body: Map<String, Value>, navs: BTreeMap<String, Vec<Value>>) -> Self {
        Self { body, navs, seq: 0 }
    }

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
    /// Each collection in `seq` order.
    pub collections: BTreeMap<String, Vec<SimObject>>,
    next_seq: u64,
}

impl TenantData {
    pub fn collection(&self, path: &str) -> &[SimObject] {
        self.collections.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Numbers every object in collection order; generation calls it once it has placed them.
    pub fn sequence(&mut self) {
        let mut seq = 0;
        for object in self.collections.values_mut().flatten() {
            seq += 1;
            object.seq = seq;
        }
        self.next_seq = seq + 1;
    }

    /// Appends to the collection with the next sequence number.
    pub fn push(&mut self, path: &str, mut object: SimObject) -> &SimObject {
        self.next_seq = self.next_seq.max(1);
        object.seq = self.next_seq;
        self.next_seq += 1;
        let objects = self.collections.entry(path.to_owned()).or_default();
        objects.push(object);
        let last = objects.len() - 1;
        &objects[last]
    }

    pub fn find_mut(&mut self, path: &str, id: &str) -> Option<&mut SimObject> {
        self.collections
            .get_mut(path)?
            .iter_mut()
            .find(|o| o.id() == id)
    }

    pub fn remove(&mut self, path: &str, id: &str) -> Option<SimObject> {
        let objects = self.collections.get_mut(path)?;
        let index = objects.iter().position(|o| o.id() == id)?;
        Some(objects.remove(index))
    }
}

/// A tenant as the server holds it.
#[derive(Debug)]
pub struct SimTenant {
    pub info: TenantInfo,
    pub data: RwLock<TenantData>,
    pub(crate) throttle: Mutex<Throttle>,
    pub(crate) stats: TenantCounters,
    /// Drift calls so far: the default seed of the next one.
    pub(crate) drifts: AtomicU64,
    /// The Graph application permissions the admin consented to: the roles tokens carry.
    pub(crate) granted: Mutex<Vec<String>>,
}

impl SimTenant {
    /// The roles a token issued now carries.
    pub(crate) fn granted_roles(&self) -> Vec<String> {
        self.granted.lock().map(|g| g.clone()).unwrap_or_default()
    }

    pub(crate) fn set_granted_roles(&self, roles: Vec<String>) {
        if let Ok(mut granted) = self.granted.lock() {
            *granted = roles;
        }
    }
}

/// Every tenant of one simulator.
#[derive(Debug)]
pub struct Cloud {
    tenants: Vec<Arc<SimTenant>>,
    pub(crate) control: Control,
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
                        stats: TenantCounters::default(),
                        drifts: AtomicU64::new(0),
                        granted: Mutex::new(
                            crate::token::GRAPH_ROLES
                                .iter()
                                .map(|r| (*r).to_owned())
                                .collect(),
                        ),
                    })
                })
                .collect(),
            control: Control::default(),
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

/// The catalog type of an object in the collection at `path`: on a shared collection, the one
/// whose `isof` filter admits the object's `@odata.type`.
pub fn catalog_type(path: &str, odata_type: Option<&str>) -> Option<&'static ObjectType> {
    let mut candidates = CATALOG.iter().filter(|t| t.path == path);
    let first = candidates.next()?;
    let admits = |ty: &ObjectType| {
        ty.filter.is_none_or(|filter| {
            let (negated, rest) = match filter.strip_prefix("not ") {
                Some(rest) => (true, rest),
                None => (false, filter),
            };
            let name = rest
                .trim_start_matches("isof('")
                .trim_end_matches("')")
                .to_owned();
            (odata_type == Some(format!("#{name}").as_str())) != negated
        })
    };
    if admits(first) {
        return Some(first);
    }
    candidates.find(|t| admits(t)).or(Some(first))
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
    // Graph also serves an intent's settings by its template's categories (backup tools read
    // them that way); the product reads them flat.
    if ty.key == "endpoint_security_intent" {
        names.push("categories");
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
    fn shared_collections_resolve_the_type_by_odata_type() {
        let path = "deviceManagement/deviceConfigurations";
        assert_eq!(
            catalog_type(
                path,
                Some("#microsoft.graph.windowsUpdateForBusinessConfiguration")
            )
            .unwrap()
            .key,
            "update_ring"
        );
        assert_eq!(
            catalog_type(path, Some("#microsoft.graph.windows10GeneralConfiguration"))
                .unwrap()
                .key,
            "device_configuration"
        );
        assert_eq!(catalog_type("groups", None).unwrap().key, "group");
        assert!(catalog_type("nowhere", None).is_none());
    }

    #[test]
    fn pushed_objects_get_increasing_sequence_numbers_never_reused() {
        let object = |id: &str| {
            let mut body = Map::new();
            body.insert("id".into(), Value::from(id));
            SimObject::new(body, BTreeMap::new())
        };
        let mut data = TenantData::default();
        data.push("c", object("a"));
        data.push("c", object("b"));
        data.sequence();
        assert_eq!(data.collection("c")[1].seq, 2);
        assert!(data.remove("c", "b").is_some());
        assert_eq!(data.push("c", object("x")).seq, 3);
        assert!(data.find_mut("c", "a").is_some());
        assert!(data.remove("c", "b").is_none());
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
