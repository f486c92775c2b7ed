//! What the service itself changes when an object is created or changed (by a Graph write or by
//! drift): its id, its creation and modification times, its version.

use atlas_domain::Timestamp;
use atlas_graph::ObjectType;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::generate::types::{time_fields, version_kind};
use crate::model::SimObject;

/// A new object's id: scope tags are numbered, everything else gets a GUID.
pub(crate) fn new_id(ty: &ObjectType, siblings: &[SimObject]) -> String {
    if ty.key == "scope_tag" {
        let highest = siblings
            .iter()
            .filter_map(|o| o.id().parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        return (highest + 1).to_string();
    }
    Uuid::new_v4().to_string()
}

/// Creation: both times are now, the version starts.
pub(crate) fn stamp_created(body: &mut Map<String, Value>, ty: &ObjectType, now: Timestamp) {
    let (created, modified) = time_fields(ty.key);
    for field in [created, modified].into_iter().flatten() {
        body.insert(field.into(), Value::from(now.to_rfc3339()));
    }
    if let Some(kind) = version_kind(ty.key) {
        body.insert("version".into(), kind.initial());
    }
}

/// A change: the modification time is now, the version moves on.
pub(crate) fn stamp_changed(body: &mut Map<String, Value>, ty: &ObjectType, now: Timestamp) {
    if let (_, Some(modified)) = time_fields(ty.key) {
        body.insert(modified.into(), Value::from(now.to_rfc3339()));
    }
    if let Some(kind) = version_kind(ty.key) {
        let next = kind.next(body.get("version"));
        body.insert("version".into(), next);
    }
}

/// Read-only fields the service derives from an object's navigations (counts, "is assigned").
pub(crate) fn refresh_derived(object: &mut SimObject, ty: &ObjectType) {
    let fields: &[(&str, &str)] = match ty.key {
        "settings_catalog" | "settings_compliance_policy" => {
            &[("settingCount", "settings"), ("isAssigned", "assignments")]
        }
        "mobile_app" => &[("isAssigned", "assignments")],
        "endpoint_security_intent" => {
            let template = object
                .body
                .get("templateId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let settings = object.navs.get("settings").cloned().unwrap_or_default();
            let categories =
                crate::generate::content::intents::categories_with_settings(template, &settings);
            object.navs.insert("categories".into(), categories);
            &[("isAssigned", "assignments")]
        }
        "app_protection_ios" | "app_protection_android" | "app_configuration_app" => {
            &[("deployedAppCount", "apps"), ("isAssigned", "assignments")]
        }
        "app_protection_windows" => &[("isAssigned", "assignments")],
        _ => &[],
    };
    for (field, nav) in fields {
        let count = object.navs.get(*nav).map_or(0, Vec::len);
        let value = if *field == "isAssigned" {
            json!(count > 0)
        } else {
            json!(count)
        };
        object.body.insert((*field).to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    #[test]
    fn creation_and_change_stamp_the_types_own_fields() {
        let now = Timestamp::from_unix_millis(1_700_000_000_000).unwrap();
        let dc = ObjectType::find("device_configuration").unwrap();
        let mut b = body(json!({"displayName": "x"}));
        stamp_created(&mut b, dc, now);
        assert_eq!(b["version"], 1);
        assert_eq!(b["createdDateTime"], b["lastModifiedDateTime"]);
        stamp_changed(&mut b, dc, now);
        assert_eq!(b["version"], 2);

        let ca = ObjectType::find("conditional_access_policy").unwrap();
        let mut b = body(json!({}));
        stamp_changed(&mut b, ca, now);
        assert!(b.contains_key("modifiedDateTime") && !b.contains_key("version"));

        let tag = ObjectType::find("scope_tag").unwrap();
        let mut b = body(json!({}));
        stamp_created(&mut b, tag, now);
        assert!(b.is_empty(), "scope tags keep no times");
    }

    #[test]
    fn counts_and_assignment_flags_follow_the_navigations() {
        let sc = ObjectType::find("settings_catalog").unwrap();
        let mut object = SimObject::new(
            body(json!({"settingCount": 99})),
            [
                ("settings".to_owned(), vec![json!({}), json!({})]),
                ("assignments".to_owned(), vec![json!({})]),
            ]
            .into_iter()
            .collect(),
        );
        refresh_derived(&mut object, sc);
        assert_eq!(object.body["settingCount"], 2);
        assert_eq!(object.body["isAssigned"], true);
    }

    #[test]
    fn scope_tags_are_numbered_other_ids_are_guids() {
        let tag = |id: &str| SimObject::new(body(json!({ "id": id })), Default::default());
        let scope_tag = ObjectType::find("scope_tag").unwrap();
        assert_eq!(new_id(scope_tag, &[tag("0"), tag("7"), tag("3")]), "8");
        let group = ObjectType::find("group").unwrap();
        assert!(Uuid::parse_str(&new_id(group, &[])).is_ok());
    }
}
