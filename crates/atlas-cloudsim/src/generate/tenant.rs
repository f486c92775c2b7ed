//! One generated tenant: identity, directory objects and policies with ids, times and
//! assignments to the tenant's own groups.

use std::collections::BTreeMap;

use atlas_domain::normalize::VOLATILE_FIELDS;
use atlas_graph::ObjectType;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::allocate;
use super::content::{content, Content};
use super::directory::{groups, role_assignments, role_definitions, tenant_info};
use super::rng::{guid, pick, stream, SimRng};
use super::times::{created_and_modified, rfc3339};
use super::types::time_fields;
use crate::edit::refresh_derived;
use crate::model::{navigation_names, SimObject, TenantData, TenantInfo};

const IDENTICAL_SHARE: f64 = 0.35;
const SHARED_SHARE: f64 = 0.5;

/// `fleet`: every policy is drawn from the shared pool unchanged (tenants managed from one
/// template); otherwise the shares of the module comment apply.
pub(super) fn generate_tenant(
    seed: u64,
    index: usize,
    policies: usize,
    fleet: bool,
) -> (TenantInfo, TenantData) {
    let info = tenant_info(seed, index);
    let tenant = index.to_string();
    let group_count = (8 + policies / 10).min(200);
    let groups = groups(seed, index, group_count);
    let mut data = TenantData::default();
    for (ty, count) in allocate(policies) {
        let first_unique = if fleet {
            count
        } else {
            share(count, SHARED_SHARE)
        };
        let identical = if fleet {
            count
        } else {
            share(count, IDENTICAL_SHARE)
        };
        let mut names: Vec<String> = Vec::with_capacity(count);
        for j in 0..count {
            let j_text = j.to_string();
            let mut content = if j < first_unique {
                content(
                    ty.key,
                    &mut stream(seed, &["pool", ty.key, &j_text]),
                    large(ty, j),
                )
            } else {
                content(
                    ty.key,
                    &mut stream(seed, &["tenant", &tenant, ty.key, &j_text]),
                    large(ty, j),
                )
            };
            if j >= identical && j < first_unique {
                tweak(
                    &mut content,
                    ty,
                    &mut stream(seed, &["tenant", &tenant, ty.key, &j_text, "tweak"]),
                );
            }
            if count >= 4 && j == count - 1 && first_unique < j {
                content.name = names[first_unique].clone();
            }
            names.push(content.name.clone());
            let mut rng = stream(seed, &["tenant", &tenant, ty.key, &j_text, "object"]);
            let object = place(ty, j, content, &groups, &mut rng);
            data.collections
                .entry(ty.path.to_owned())
                .or_default()
                .push(object);
        }
    }
    add_targeted_apps(seed, &mut data, &groups);
    let scope_tags = data.collections.entry(path_of("scope_tag")).or_default();
    scope_tags.insert(0, default_scope_tag());
    data.collections.insert(
        path_of("directory_role_assignment"),
        role_assignments(seed, index, &groups, &info.primary_domain),
    );
    data.collections
        .insert(path_of("directory_role_definition"), role_definitions());
    data.collections.insert(path_of("group"), groups);
    for (path, objects) in super::connectors::connectors(seed, index, &info.primary_domain) {
        data.collections.insert(path.to_owned(), objects);
    }
    data.sequence();
    (info, data)
}

/// Every app an app configuration policy targets is an app of the tenant: the app record is
/// added under the id the policy names (drawn with the policy, so the same in every tenant that
/// holds the policy).
fn add_targeted_apps(seed: u64, data: &mut TenantData, groups: &[SimObject]) {
    let apps_type = ObjectType::find("mobile_app").expect("apps are in the catalog");
    let targeted: Vec<(String, bool)> = data
        .collection(&path_of("app_configuration_device"))
        .iter()
        .flat_map(|config| {
            let ios = config.odata_type() == Some("#microsoft.graph.iosMobileAppConfiguration");
            config.body["targetedMobileApps"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|id| id.as_str())
                .map(move |id| (id.to_owned(), ios))
        })
        .collect();
    for (id, ios) in targeted {
        let apps = data
            .collections
            .entry(apps_type.path.to_owned())
            .or_default();
        if apps.iter().any(|app| app.id() == id) {
            continue;
        }
        let mut rng = stream(seed, &["targeted app", &id]);
        let content = super::content::targeted_app(&mut rng, ios);
        apps.push(place_as(apps_type, id, content, groups, &mut rng));
    }
}

fn share(count: usize, fraction: f64) -> usize {
    // Counts are small; the product is exact enough and never negative.
    (count as f64 * fraction).ceil() as usize
}

/// The first settings catalog policy of every tenant is a large baseline (settings span pages).
fn large(ty: &ObjectType, j: usize) -> bool {
    ty.key == "settings_catalog" && j == 0
}

fn path_of(key: &str) -> String {
    ObjectType::find(key)
        .map(|t| t.path.to_owned())
        .unwrap_or_default()
}

/// Gives the object its tenant-specific parts: id, times, assignments to this tenant's groups.
fn place(
    ty: &ObjectType,
    j: usize,
    content: Content,
    groups: &[SimObject],
    rng: &mut SimRng,
) -> SimObject {
    let id = if ty.key == "scope_tag" {
        (j + 1).to_string()
    } else {
        guid(rng).to_string()
    };
    place_as(ty, id, content, groups, rng)
}

fn place_as(
    ty: &ObjectType,
    id: String,
    content: Content,
    groups: &[SimObject],
    rng: &mut SimRng,
) -> SimObject {
    let mut body = Map::new();
    if let Some(odata_type) = &content.odata_type {
        body.insert("@odata.type".into(), json!(odata_type));
    }
    body.insert("id".into(), json!(id));
    body.insert(ty.display_name_field.into(), json!(content.name));
    body.extend(content.fields);
    let (created, modified) = created_and_modified(rng);
    let (created_field, modified_field) = time_fields(ty.key);
    for (field, time) in [(created_field, created), (modified_field, modified)] {
        if let Some(field) = field {
            body.insert(field.into(), json!(rfc3339(time)));
        }
    }
    let mut navs: BTreeMap<String, Vec<Value>> = navigation_names(ty)
        .into_iter()
        .map(|name| (name.to_owned(), Vec::new()))
        .collect();
    for (name, items) in content.navs {
        navs.insert(name.to_owned(), items);
    }
    if navs.contains_key("assignments") {
        navs.insert("assignments".into(), assignments(&id, ty, groups, rng));
    }
    if navs.contains_key("roleAssignments") {
        navs.insert("roleAssignments".into(), role_assignments_of(groups, rng));
    }
    let mut object = SimObject::new(body, navs);
    refresh_derived(&mut object, ty);
    object
}

fn assignments(
    policy_id: &str,
    ty: &ObjectType,
    groups: &[SimObject],
    rng: &mut SimRng,
) -> Vec<Value> {
    let count = rng.gen_range(0..=3);
    let mut used: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for _ in 0..count {
        let target = match rng.gen_range(0..6) {
            0 if ty.key != "scope_tag" => {
                json!({"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"})
            }
            1 if ty.key != "scope_tag" => {
                json!({"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"})
            }
            n => {
                let group = pick(rng, groups).id().to_owned();
                let kind = if n == 5 && ty.key != "scope_tag" {
                    "exclusionGroupAssignmentTarget"
                } else {
                    "groupAssignmentTarget"
                };
                json!({"@odata.type": format!("#microsoft.graph.{kind}"), "groupId": group})
            }
        };
        let key = target.to_string();
        if used.contains(&key) {
            continue;
        }
        used.push(key);
        let mut target = target;
        if let Value::Object(map) = &mut target {
            map.insert(
                "deviceAndAppManagementAssignmentFilterId".into(),
                Value::Null,
            );
            map.insert(
                "deviceAndAppManagementAssignmentFilterType".into(),
                json!("none"),
            );
        }
        let suffix = target
            .get("groupId")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| guid(rng).to_string());
        out.push(json!({
            "id": format!("{policy_id}_{suffix}"),
            "source": "direct",
            "sourceId": policy_id,
            "target": target
        }));
    }
    out
}

fn role_assignments_of(groups: &[SimObject], rng: &mut SimRng) -> Vec<Value> {
    (0..rng.gen_range(0..=2))
        .map(|i| {
            let group = pick(rng, groups);
            // The admins are another group (the next one), taken without drawing from the
            // stream so the rest of the tenant is generated as before.
            let position = groups.iter().position(|g| g.id() == group.id()).unwrap_or(0);
            let admins = &groups[(position + 1) % groups.len()];
            json!({
                "id": guid(rng).to_string(),
                "displayName": format!("Assignment {} - {}", i + 1, group.body["displayName"].as_str().unwrap_or("")),
                "description": "",
                "members": [admins.id()],
                "scopeMembers": [group.id()],
                "resourceScopes": [group.id()],
                "scopeType": "resourceScope"
            })
        })
        .collect()
}

fn default_scope_tag() -> SimObject {
    let body = json!({"id": "0", "displayName": "Default", "description": "Built-in scope tag.", "isBuiltIn": true});
    let navs =
        navigation_names(ObjectType::find("scope_tag").expect("scope tags are in the catalog"))
            .into_iter()
            .map(|n| (n.to_owned(), Vec::new()))
            .collect();
    SimObject::new(super::directory::into_map(body), navs)
}

/// A new object of type `ty` for drift: generated content from `rng`, assigned to `groups`.
/// `j` is its index among the type's objects (scope tags take `j + 1` as their id).
pub(crate) fn fresh_object(
    ty: &ObjectType,
    j: usize,
    groups: &[SimObject],
    rng: &mut SimRng,
) -> SimObject {
    let content = content(ty.key, rng, false);
    place(ty, j, content, groups, rng)
}

/// Drift on an existing object: one configuration value changes (as `tweak` does for
/// near-identical policies), in the object itself or else in a detail collection (never in its
/// assignments), else its description.
pub(crate) fn tweak_object(object: &mut SimObject, ty: &ObjectType, rng: &mut SimRng) {
    let skip = |k: &str| {
        VOLATILE_FIELDS.contains(&k)
            || ty.volatile_fields.contains(&k)
            || k.starts_with('@')
            || k == "isBuiltIn"
    };
    if tweak_leaf(&mut object.body, &skip, rng) {
        return;
    }
    for (name, items) in &mut object.navs {
        if name == "assignments" || name == "roleAssignments" {
            continue;
        }
        for item in items.iter_mut() {
            if let Value::Object(map) = item {
                if tweak_leaf(map, &skip, rng) {
                    return;
                }
            }
        }
    }
    let description = object
        .body
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    object.body.insert(
        "description".into(),
        json!(format!("{description} (changed)").trim_start()),
    );
}

/// Near-identical: one configuration value differs (a boolean flipped or a number moved); a
/// value in a detail collection when the object itself has none, else the description.
fn tweak(content: &mut Content, ty: &ObjectType, rng: &mut SimRng) {
    let skip = |k: &str| {
        VOLATILE_FIELDS.contains(&k) || ty.volatile_fields.contains(&k) || k.starts_with('@')
    };
    if tweak_leaf(&mut content.fields, &skip, rng) {
        return;
    }
    for (_, items) in &mut content.navs {
        for item in items.iter_mut() {
            if let Value::Object(map) = item {
                if tweak_leaf(map, &skip, rng) {
                    return;
                }
            }
        }
    }
    content.fields.insert(
        "description".into(),
        json!(format!("{} (customised)", content.name)),
    );
}

fn tweak_leaf(map: &mut Map<String, Value>, skip: &dyn Fn(&str) -> bool, rng: &mut SimRng) -> bool {
    let keys: Vec<String> = map.keys().filter(|k| !skip(k)).cloned().collect();
    let start = if keys.is_empty() {
        0
    } else {
        rng.gen_range(0..keys.len())
    };
    for key in keys.iter().cycle().skip(start).take(keys.len()) {
        let Some(value) = map.get_mut(key) else {
            continue;
        };
        match value {
            Value::Bool(b) => *b = !*b,
            Value::Number(n) if n.is_u64() => *value = json!(n.as_u64().unwrap_or(0) + 1),
            Value::Object(inner) => {
                if !tweak_leaf(inner, skip, rng) {
                    continue;
                }
            }
            _ => continue,
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use atlas_domain::normalize::content_hash;
    use atlas_graph::CATALOG;

    use super::*;

    fn hashes(data: &TenantData, ty: &ObjectType) -> Vec<String> {
        let volatile: Vec<&str> = ty.volatile_fields.to_vec();
        data.collection(ty.path)
            .iter()
            .map(|o| content_hash(&Value::Object(o.body.clone()), &volatile))
            .collect()
    }

    #[test]
    fn every_catalog_collection_has_objects_and_navigations() {
        let (_, data) = generate_tenant(5, 0, 40, false);
        for ty in CATALOG {
            let objects = data.collection(ty.path);
            assert!(!objects.is_empty(), "{}", ty.key);
            for o in objects {
                assert!(!o.id().is_empty());
                for nav in navigation_names(ty) {
                    if ty.path != "deviceManagement/deviceConfigurations" || nav == "assignments" {
                        assert!(o.navs.contains_key(nav), "{} lacks {nav}", ty.key);
                    }
                }
            }
        }
    }

    #[test]
    fn tenants_share_identical_and_near_identical_policies_and_keep_unique_ones() {
        let (_, a) = generate_tenant(5, 0, 200, false);
        let (_, b) = generate_tenant(5, 1, 200, false);
        let ty = ObjectType::find("settings_catalog").unwrap();
        let (ha, hb) = (hashes(&a, ty), hashes(&b, ty));
        let count = ha.len();
        let identical = share(count, IDENTICAL_SHARE);
        assert_eq!(ha[..identical], hb[..identical]);
        // Unique policies are drawn per tenant: position by position they differ.
        let first_unique = share(count, SHARED_SHARE);
        let same = (first_unique..count).filter(|&j| ha[j] == hb[j]).count();
        assert!(
            same * 10 < count - first_unique,
            "{same} of the unique policies match"
        );
        assert_ne!(a.collection(ty.path)[0].id(), b.collection(ty.path)[0].id());
    }

    #[test]
    fn some_display_names_repeat_within_a_tenant() {
        let (_, data) = generate_tenant(5, 0, 200, false);
        let ty = ObjectType::find("settings_catalog").unwrap();
        let names: Vec<_> = data
            .collection(ty.path)
            .iter()
            .map(|o| o.body["name"].clone())
            .collect();
        let distinct: HashSet<_> = names.iter().map(Value::to_string).collect();
        assert!(distinct.len() < names.len());
    }
}
