//! The writes restore needs, on every catalog collection: create (`POST` to the collection),
//! update (`PATCH` merges top-level fields, `PUT` replaces) and `DELETE` by id. The service
//! assigns ids, creation and modification times and versions; navigation properties sent in
//! a body (`settings` of a settings catalog policy, `scheduledActionsForRule`, …) become the
//! object's sub-collections. Writes are uniform: built-in and directory collections accept them
//! too.

use std::collections::BTreeMap;

use atlas_domain::Timestamp;
use atlas_graph::{ObjectType, CATALOG};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::errors::GraphError;
use super::graph::{entity, graph_json, not_found, Target};
use super::odata::ODataQuery;
use crate::edit::{new_id, refresh_derived, stamp_changed, stamp_created};
use crate::generate::types::{entity_types, time_fields};
use crate::model::{catalog_type, navigation_names_of_path, SimObject, SimTenant};

const GRAPH_TYPE_PREFIX: &str = "#microsoft.graph.";

/// A JSON object body, or Graph's answer to anything else.
pub(crate) fn parse_object(body: &[u8]) -> Result<Map<String, Value>, GraphError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(GraphError::bad_request(
            "The request body must be a JSON object.",
        )),
        Err(_) => Err(GraphError::bad_request(
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        )),
    }
}

/// `POST {collection}`: 201 with the created object and its `Location`.
pub(crate) fn create(
    tenant: &SimTenant,
    target: &Target,
    body: &[u8],
    now: Timestamp,
) -> Result<Response, GraphError> {
    let mut body = parse_object(body)?;
    body.remove("id");
    let odata_type = resolve_type(target.path, body.remove("@odata.type"))?;
    let ty = catalog_type(target.path, odata_type.as_deref())
        .ok_or_else(|| GraphError::segment_not_found(target.path))?;
    let navs = take_navigations(target.path, &mut body, None);
    for field in server_managed(ty) {
        body.remove(field);
    }
    let mut data = tenant.data.write().unwrap_or_else(|p| p.into_inner());
    let id = new_id(ty, data.collection(target.path));
    let mut object_body = Map::new();
    if let Some(odata_type) = odata_type {
        object_body.insert("@odata.type".into(), Value::from(odata_type));
    }
    object_body.insert("id".into(), Value::from(id.clone()));
    object_body.extend(body);
    stamp_created(&mut object_body, ty, now);
    let mut all_navs: BTreeMap<String, Vec<Value>> = navigation_names_of_path(target.path)
        .into_iter()
        .map(|n| (n.to_owned(), Vec::new()))
        .collect();
    all_navs.extend(identify(&id, navs));
    let mut object = SimObject::new(object_body, all_navs);
    refresh_derived(&mut object, ty);
    let created = data.push(target.path, object);
    let mut response = graph_json(
        StatusCode::CREATED,
        entity(created, target, &ODataQuery::default()),
    );
    if let Ok(location) = HeaderValue::from_str(&format!("{}/{id}", target.collection_url())) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `PATCH {collection}/{id}` (`replace: false`: merge top-level fields) or `PUT` (`replace:
/// true`: the body becomes the object); 204.
pub(crate) fn update(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
    body: &[u8],
    replace: bool,
    now: Timestamp,
) -> Result<Response, GraphError> {
    let mut body = parse_object(body)?;
    body.remove("id");
    let mut data = tenant.data.write().unwrap_or_else(|p| p.into_inner());
    let object = data
        .find_mut(target.path, id)
        .ok_or_else(|| not_found(target, id))?;
    let current_type = object.odata_type().map(str::to_owned);
    if let Some(given) = body.remove("@odata.type") {
        let given = given.as_str().map(qualified);
        if given.is_some() && given != current_type && !is_base_of(target.path, given.as_deref()) {
            return Err(GraphError::bad_request(format!(
                "The type '{}' of the request does not match the type '{}' of the object.",
                given.unwrap_or_default(),
                current_type.as_deref().unwrap_or("unknown")
            )));
        }
    }
    let ty =
        catalog_type(target.path, current_type.as_deref()).ok_or_else(|| not_found(target, id))?;
    let navs = take_navigations(target.path, &mut body, Some(id));
    for field in server_managed(ty) {
        body.remove(field);
    }
    if replace {
        let kept: Vec<(String, Value)> = ["@odata.type", "id"]
            .into_iter()
            .chain(server_managed(ty))
            .filter_map(|k| object.body.get(k).map(|v| (k.to_owned(), v.clone())))
            .collect();
        object.body = kept.into_iter().collect();
    }
    object.body.extend(body);
    object.navs.extend(navs);
    refresh_derived(object, ty);
    stamp_changed(&mut object.body, ty, now);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `DELETE {collection}/{id}`: 204, or Graph's 404.
pub(crate) fn delete(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
) -> Result<Response, GraphError> {
    let mut data = tenant.data.write().unwrap_or_else(|p| p.into_inner());
    data.remove(target.path, id)
        .ok_or_else(|| not_found(target, id))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Fields only the service writes: ids, times and the version.
fn server_managed(ty: &ObjectType) -> impl Iterator<Item = &'static str> {
    let (created, modified) = time_fields(ty.key);
    [created, modified, Some("version")].into_iter().flatten()
}

/// `windows10GeneralConfiguration` or `#microsoft.graph.windows10GeneralConfiguration` →
/// the qualified form.
fn qualified(name: &str) -> String {
    let bare = name
        .trim_start_matches('#')
        .trim_start_matches("microsoft.graph.");
    format!("{GRAPH_TYPE_PREFIX}{bare}")
}

/// Whether `odata_type` is the declared (base) type of the collection at `path`.
fn is_base_of(path: &str, odata_type: Option<&str>) -> bool {
    CATALOG
        .iter()
        .filter(|t| t.path == path)
        .any(|t| odata_type == Some(qualified(entity_types(t.key).base).as_str()))
}

/// The `@odata.type` a created object carries: required and checked where the collection holds
/// several types; filled in where it holds one; dropped where objects carry none.
fn resolve_type(path: &str, given: Option<Value>) -> Result<Option<String>, GraphError> {
    let given = match given {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(qualified(&name)),
        Some(_) => return Err(GraphError::bad_request("'@odata.type' must be a string.")),
    };
    let types: Vec<_> = CATALOG
        .iter()
        .filter(|t| t.path == path)
        .map(|t| entity_types(t.key))
        .collect();
    let concrete: Vec<String> = types
        .iter()
        .flat_map(|t| t.concrete.iter().map(|c| qualified(c)))
        .collect();
    let base = qualified(types.first().map_or("entity", |t| t.base));
    match given {
        Some(name) if concrete.contains(&name) => Ok(Some(name)),
        Some(name) if name == base && concrete.len() <= 1 => Ok(concrete.into_iter().next()),
        Some(name) if name == base => Err(GraphError::bad_request(format!(
            "Cannot create an object of the abstract type '{}'; name one of its derived types in '@odata.type'.",
            name.trim_start_matches('#')
        ))),
        Some(name) => Err(unassignable(&name, &base)),
        None if concrete.len() > 1 => Err(GraphError::bad_request(format!(
            "The collection holds several entity types: '@odata.type' is required (one of {}).",
            concrete.join(", ")
        ))),
        None => Ok(concrete.into_iter().next()),
    }
}

/// OData's answers for a type of another collection and for a type it does not know.
fn unassignable(name: &str, base: &str) -> GraphError {
    let known = CATALOG.iter().any(|t| {
        let types = entity_types(t.key);
        qualified(types.base) == name || types.concrete.iter().any(|c| qualified(c) == name)
    });
    let name = name.trim_start_matches('#');
    if known {
        GraphError::bad_request(format!(
            "An entry with type '{name}' was found, but it is not assignable to the expected type '{}'. The type specified in the entry must be equal to either the expected type or a derived type.",
            base.trim_start_matches('#')
        ))
    } else {
        GraphError::bad_request(format!(
            "A type named '{name}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type."
        ))
    }
}

/// Moves the collection's navigation properties out of `body`; items keep their ids or get one.
fn take_navigations(
    path: &str,
    body: &mut Map<String, Value>,
    owner: Option<&str>,
) -> Vec<(String, Vec<Value>)> {
    let navs: Vec<(String, Vec<Value>)> = navigation_names_of_path(path)
        .into_iter()
        .filter_map(|name| {
            let items = match body.remove(name)? {
                Value::Array(items) => items,
                _ => Vec::new(),
            };
            Some((name.to_owned(), items))
        })
        .collect();
    match owner {
        Some(id) => identify(id, navs),
        None => navs,
    }
}

/// Gives every navigation item without an id one: assignments `{owner}_{target}` as Intune
/// does, detail items their index (settings are numbered from 0).
fn identify(owner: &str, navs: Vec<(String, Vec<Value>)>) -> Vec<(String, Vec<Value>)> {
    navs.into_iter()
        .map(|(name, items)| {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, mut item)| {
                    if let Value::Object(map) = &mut item {
                        if !map.get("id").is_some_and(Value::is_string) {
                            let id = if name == "assignments" {
                                assignment_id(owner, map)
                            } else {
                                i.to_string()
                            };
                            map.insert("id".into(), Value::from(id));
                        }
                    }
                    item
                })
                .collect();
            (name, items)
        })
        .collect()
}

/// `{owner}_{groupId}` for a group target, `{owner}_{new guid}` otherwise.
pub(crate) fn assignment_id(owner: &str, assignment: &Map<String, Value>) -> String {
    let suffix = assignment
        .get("target")
        .and_then(|t| t.get("groupId"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| Uuid::new_v4().to_string());
    format!("{owner}_{suffix}")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn polymorphic_collections_need_a_type_of_their_own() {
        let dc = "deviceManagement/deviceConfigurations";
        assert_eq!(
            resolve_type(
                dc,
                Some(json!("#microsoft.graph.windows10GeneralConfiguration"))
            )
            .unwrap()
            .as_deref(),
            Some("#microsoft.graph.windows10GeneralConfiguration")
        );
        assert_eq!(
            resolve_type(
                dc,
                Some(json!(
                    "microsoft.graph.windowsUpdateForBusinessConfiguration"
                ))
            )
            .unwrap()
            .as_deref(),
            Some("#microsoft.graph.windowsUpdateForBusinessConfiguration"),
            "the shared collection takes both catalog types"
        );
        for bad in [
            None,
            Some(json!("#microsoft.graph.deviceConfiguration")),
            Some(json!("#microsoft.graph.iosCompliancePolicy")),
            Some(json!("#microsoft.graph.nonsense")),
            Some(json!(5)),
        ] {
            let err = resolve_type(dc, bad.clone()).unwrap_err();
            assert_eq!(err.code, "BadRequest", "{bad:?}");
        }
        let err =
            resolve_type(dc, Some(json!("#microsoft.graph.iosCompliancePolicy"))).unwrap_err();
        assert!(err.message.contains("not assignable"), "{}", err.message);
    }

    #[test]
    fn single_type_and_untyped_collections_fill_in_or_drop_the_type() {
        assert_eq!(
            resolve_type("deviceAppManagement/iosManagedAppProtections", None)
                .unwrap()
                .as_deref(),
            Some("#microsoft.graph.iosManagedAppProtection")
        );
        let sc = "deviceManagement/configurationPolicies";
        assert_eq!(resolve_type(sc, None).unwrap(), None);
        assert_eq!(
            resolve_type(
                sc,
                Some(json!(
                    "#microsoft.graph.deviceManagementConfigurationPolicy"
                ))
            )
            .unwrap(),
            None
        );
        assert!(resolve_type(sc, Some(json!("#microsoft.graph.group"))).is_err());
    }

    #[test]
    fn navigation_items_get_ids() {
        let mut body = match json!({
            "name": "x",
            "settings": [{"settingInstance": {}}, {"id": "7", "settingInstance": {}}],
            "assignments": [{"target": {"groupId": "g1"}}]
        }) {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let navs = take_navigations(
            "deviceManagement/configurationPolicies",
            &mut body,
            Some("p"),
        );
        assert_eq!(body.keys().collect::<Vec<_>>(), vec!["name"]);
        let settings = &navs.iter().find(|(n, _)| n == "settings").unwrap().1;
        assert_eq!(settings[0]["id"], "0");
        assert_eq!(settings[1]["id"], "7");
        let assignments = &navs.iter().find(|(n, _)| n == "assignments").unwrap().1;
        assert_eq!(assignments[0]["id"], "p_g1");
    }

    #[test]
    fn bodies_must_be_json_objects() {
        assert!(parse_object(br#"{"a":1}"#).is_ok());
        for bad in [&b"{"[..], b"[]", b"", b"nope"] {
            assert_eq!(parse_object(bad).unwrap_err().code, "BadRequest");
        }
    }
}
