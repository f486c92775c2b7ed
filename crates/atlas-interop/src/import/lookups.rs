//! What the importing tenant already knows, to turn the names other tools write (groups,
//! filters, scope tags, apps) back into the ids Graph uses, and to find which object of the
//! tenant a file without an id is.

use std::collections::{HashMap, HashSet};

/// The tenant's names → ids, read by the caller from its directory cache and latest versions.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    /// The customer's directory (tenant) id: IntuneManagement writes `%OrganizationId%` for it.
    pub directory_tenant_id: String,
    groups: HashMap<String, String>,
    group_ids: HashSet<String>,
    filters: HashMap<String, String>,
    scope_tags: HashMap<String, String>,
    apps: HashMap<String, Vec<String>>,
    /// (type key, display name) → external ids of the tenant's objects.
    objects: HashMap<(String, String), Vec<String>>,
}

/// Graph's built-in scope tag.
const DEFAULT_SCOPE_TAG: (&str, &str) = ("Default", "0");

impl Lookups {
    pub fn new(directory_tenant_id: impl Into<String>) -> Self {
        let mut lookups = Self {
            directory_tenant_id: directory_tenant_id.into(),
            ..Self::default()
        };
        lookups.add_scope_tag(DEFAULT_SCOPE_TAG.0, DEFAULT_SCOPE_TAG.1);
        lookups
    }

    pub fn add_group(&mut self, name: &str, id: &str) {
        self.groups.insert(fold(name), id.to_owned());
        self.group_ids.insert(id.to_ascii_lowercase());
    }

    /// A known object of the tenant; filters, scope tags and apps also become name lookups.
    pub fn add_object(&mut self, type_key: &str, name: &str, id: &str) {
        match type_key {
            "assignment_filter" => {
                self.filters.insert(fold(name), id.to_owned());
            }
            "scope_tag" => self.add_scope_tag(name, id),
            "mobile_app" => self.apps.entry(fold(name)).or_default().push(id.to_owned()),
            _ => {}
        }
        self.objects
            .entry((type_key.to_owned(), fold(name)))
            .or_default()
            .push(id.to_owned());
    }

    fn add_scope_tag(&mut self, name: &str, id: &str) {
        self.scope_tags.insert(fold(name), id.to_owned());
    }

    pub fn group_id(&self, name: &str) -> Option<&str> {
        self.groups.get(&fold(name)).map(String::as_str)
    }

    pub fn is_group_id(&self, id: &str) -> bool {
        self.group_ids.contains(&id.to_ascii_lowercase())
    }

    pub fn filter_id(&self, name: &str) -> Option<&str> {
        self.filters.get(&fold(name)).map(String::as_str)
    }

    pub fn scope_tag_id(&self, name: &str) -> Option<&str> {
        self.scope_tags.get(&fold(name)).map(String::as_str)
    }

    /// The app of that name, when exactly one app has it.
    pub fn app_id(&self, name: &str) -> Option<&str> {
        match self.apps.get(&fold(name)).map(Vec::as_slice) {
            Some([one]) => Some(one),
            _ => None,
        }
    }

    /// The tenant's object of that type and name, when exactly one has it.
    pub fn object_id(&self, type_key: &str, name: &str) -> Option<&str> {
        match self
            .objects
            .get(&(type_key.to_owned(), fold(name)))
            .map(Vec::as_slice)
        {
            Some([one]) => Some(one),
            _ => None,
        }
    }

    /// The one object of a singleton type the tenant has, if it has it.
    pub fn only_object_of(&self, type_key: &str) -> Option<&str> {
        let mut ids = self
            .objects
            .iter()
            .filter(|((key, _), _)| key == type_key)
            .flat_map(|(_, ids)| ids);
        match (ids.next(), ids.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
}

/// Names compare as Entra and Intune compare them: without regard to case.
fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether `value` is written like a GUID (an id, not a name).
pub fn is_guid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}
