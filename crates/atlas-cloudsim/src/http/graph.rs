//! Graph reads for every catalog collection: list (paged, filtered, selected, expanded), read by
//! id, and navigation sub-collections (`settings`, `assignments`, …), paged too.

use atlas_graph::{ApiVersion, CATALOG};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use super::errors::GraphError;
use super::odata::{skip_token_invalid, ODataQuery, Skip};
use super::GRAPH_JSON;
use crate::model::{nav_name, navigation_names_of_path, split_top_level, SimObject, SimTenant};

/// One mounted collection and the request's own origin.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub version: ApiVersion,
    pub path: &'static str,
    pub base: String,
}

impl Target {
    pub fn metadata(&self) -> String {
        format!("{}/{}/$metadata#", self.base, self.version.segment())
    }

    pub fn collection_url(&self) -> String {
        format!("{}/{}/{}", self.base, self.version.segment(), self.path)
    }
}

pub(crate) fn list(
    tenant: &SimTenant,
    target: &Target,
    query: &ODataQuery,
) -> Result<Response, GraphError> {
    check_expand(target.path, query)?;
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let objects: Vec<&SimObject> = data
        .collection(target.path)
        .iter()
        .filter(|o| query.filter.as_ref().is_none_or(|f| f.matches(&o.body)))
        .collect();
    let (page, next) = collection_page(&objects, query)?;
    let value: Vec<Value> = page.iter().map(|o| render(o, target, query)).collect();
    let context = format!(
        "{}{}{}",
        target.metadata(),
        target.path,
        select_suffix(query)
    );
    Ok(collection_response(
        context,
        query.count.then_some(objects.len()),
        value,
        next.map(|n| format!("{}?{}", target.collection_url(), query.next_query(n))),
    ))
}

pub(crate) fn get(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
    query: &ODataQuery,
) -> Result<Response, GraphError> {
    check_expand(target.path, query)?;
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let object = find(data.collection(target.path), target, id)?;
    Ok(graph_json(StatusCode::OK, entity(object, target, query)))
}

/// One object as Graph answers a read or a create: its context, then the rendered object.
pub(crate) fn entity(object: &SimObject, target: &Target, query: &ODataQuery) -> Value {
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!(format!(
            "{}{}{}/$entity",
            target.metadata(),
            target.path,
            select_suffix(query)
        )),
    );
    if let Value::Object(rendered) = render(object, target, query) {
        body.extend(rendered);
    }
    Value::Object(body)
}

pub(crate) fn navigation(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
    nav: &str,
    query: &ODataQuery,
) -> Result<Response, GraphError> {
    if let Some(reference) = plain_text_call(nav) {
        return oma_plain_text(tenant, target, id, &reference);
    }
    if !navigation_names_of_path(target.path).contains(&nav) {
        return Err(GraphError::segment_not_found(nav));
    }
    let inline = inline_navigations(target.path, nav);
    if let Some(unknown) = query
        .expand
        .iter()
        .find(|e| !inline.contains(&e.name.as_str()))
    {
        return Err(unknown_property(&unknown.name));
    }
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let object = find(data.collection(target.path), target, id)?;
    let items: Vec<&Value> = object
        .navs
        .get(nav)
        .map(|v| v.iter().collect())
        .unwrap_or_default();
    let start = match query.skip {
        Skip::Start => 0,
        Skip::Offset(offset) => offset.min(items.len()),
        Skip::After(_) => return Err(skip_token_invalid()),
    };
    let end = (start + query.page_size()).min(items.len());
    let page = &items[start..end];
    let next = (end < items.len()).then_some(Skip::Offset(end));
    let expanded: Vec<&str> = query.expand.iter().map(|e| e.name.as_str()).collect();
    // A setting's definitions are Microsoft's catalog, the same for every tenant: made from
    // the setting's id when asked for, never stored with the tenant.
    let with_definitions = nav == "settings" && expanded.contains(&"settingDefinitions");
    let value = page
        .iter()
        .map(|item| {
            let mut item = strip_unexpanded(item, &inline, &expanded);
            if let (true, Value::Object(map)) = (with_definitions, &mut item) {
                let definitions = crate::generate::definitions::definitions_of_setting(
                    &Value::Object(map.clone()),
                );
                map.insert("settingDefinitions".into(), Value::Array(definitions));
            }
            select(item, query.select.as_deref())
        })
        .collect();
    let context = format!("{}{}('{}')/{nav}", target.metadata(), target.path, id);
    let next = next.map(|n| {
        format!(
            "{}/{}/{nav}?{}",
            target.collection_url(),
            id,
            query.next_query(n)
        )
    });
    Ok(collection_response(context, None, value, next))
}

/// `getOmaSettingPlainTextValue(secretReferenceValueId='…')`: the reference's id, if `nav` is
/// that function call.
fn plain_text_call(nav: &str) -> Option<String> {
    let args = nav
        .strip_prefix("getOmaSettingPlainTextValue(")?
        .strip_suffix(')')?;
    let value = args.trim().strip_prefix("secretReferenceValueId=")?.trim();
    let value = value.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(value.to_owned())
}

/// The plain value of an encrypted OMA-URI setting, as the function answers it (an
/// `Edm.String`). The product never asks: it never stores a secret.
fn oma_plain_text(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
    reference: &str,
) -> Result<Response, GraphError> {
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let object = find(data.collection(target.path), target, id)?;
    let value = object
        .body
        .get("omaSettings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|s| s["secretReferenceValueId"].as_str() == Some(reference))
        .and_then(|s| s.get("value").cloned())
        .ok_or_else(|| {
            GraphError::new(
                StatusCode::NOT_FOUND,
                "ResourceNotFound",
                format!("No OMA setting has the secret reference '{reference}'."),
            )
        })?;
    Ok(graph_json(
        StatusCode::OK,
        json!({
            "@odata.context": format!("{}Edm.String", target.metadata()),
            "value": value,
        }),
    ))
}

/// One item of an object's detail collection (`definitionValues/{id}`), or that item's own
/// inline collection (`definitionValues/{id}/presentationValues`).
pub(crate) fn navigation_item(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
    nav: &str,
    item: &str,
    sub: Option<&str>,
) -> Result<Response, GraphError> {
    if !navigation_names_of_path(target.path).contains(&nav) {
        return Err(GraphError::segment_not_found(nav));
    }
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let object = find(data.collection(target.path), target, id)?;
    let found = object
        .navs
        .get(nav)
        .into_iter()
        .flatten()
        .find(|i| i["id"].as_str() == Some(item))
        .ok_or_else(|| {
            GraphError::new(
                StatusCode::NOT_FOUND,
                "ResourceNotFound",
                format!("Resource '{item}' does not exist or one of its queried reference-property objects are not present."),
            )
        })?;
    let context = format!(
        "{}{}('{id}')/{nav}('{item}')",
        target.metadata(),
        target.path
    );
    match sub {
        None => {
            let mut body = found.as_object().cloned().unwrap_or_default();
            body.insert("@odata.context".into(), json!(format!("{context}/$entity")));
            Ok(graph_json(StatusCode::OK, Value::Object(body)))
        }
        Some(sub) => match found.get(sub) {
            Some(Value::Array(items)) => Ok(collection_response(
                format!("{context}/{sub}"),
                None,
                items.clone(),
                None,
            )),
            _ => Err(GraphError::segment_not_found(sub)),
        },
    }
}

/// A union collection (`deviceAppManagement/managedAppPolicies`): every object of its member
/// collections, in one sequence order, paged like any collection.
pub(crate) fn union_list(
    tenant: &SimTenant,
    target: &Target,
    members: &[&str],
    query: &ODataQuery,
) -> Result<Response, GraphError> {
    if !query.expand.is_empty() {
        return Err(unknown_property(&query.expand[0].name));
    }
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let mut objects: Vec<&SimObject> = members
        .iter()
        .flat_map(|path| data.collection(path))
        .filter(|o| query.filter.as_ref().is_none_or(|f| f.matches(&o.body)))
        .collect();
    objects.sort_by_key(|o| o.seq);
    let (page, next) = collection_page(&objects, query)?;
    let value = page
        .iter()
        .map(|o| select(Value::Object(o.body.clone()), query.select.as_deref()))
        .collect();
    Ok(collection_response(
        format!(
            "{}{}{}",
            target.metadata(),
            target.path,
            select_suffix(query)
        ),
        query.count.then_some(objects.len()),
        value,
        next.map(|n| format!("{}?{}", target.collection_url(), query.next_query(n))),
    ))
}

/// The page of `objects` (in sequence order) the query's skip token and `$top` ask for, and
/// where the next one starts.
fn collection_page<'a, 'o>(
    objects: &'a [&'o SimObject],
    query: &ODataQuery,
) -> Result<(&'a [&'o SimObject], Option<Skip>), GraphError> {
    let start = match query.skip {
        Skip::Start => 0,
        Skip::After(seq) => objects.partition_point(|o| o.seq <= seq),
        Skip::Offset(_) => return Err(skip_token_invalid()),
    };
    let end = (start + query.page_size()).min(objects.len());
    let page = &objects[start..end];
    let next = page
        .last()
        .filter(|_| end < objects.len())
        .map(|o| Skip::After(o.seq));
    Ok((page, next))
}

pub(crate) fn collection_response(
    context: String,
    count: Option<usize>,
    value: Vec<Value>,
    next_link: Option<String>,
) -> Response {
    let mut body = Map::new();
    body.insert("@odata.context".into(), json!(context));
    if let Some(count) = count {
        body.insert("@odata.count".into(), json!(count));
    }
    if let Some(link) = next_link {
        body.insert("@odata.nextLink".into(), json!(link));
    }
    body.insert("value".into(), Value::Array(value));
    graph_json(StatusCode::OK, Value::Object(body))
}

pub(crate) fn graph_json(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(GRAPH_JSON));
    response
}

pub(crate) fn find<'a>(
    objects: &'a [SimObject],
    target: &Target,
    id: &str,
) -> Result<&'a SimObject, GraphError> {
    objects
        .iter()
        .find(|o| o.id() == id)
        .ok_or_else(|| not_found(target, id))
}

/// `deviceManagement/configurationSettings/{id}`: one setting definition of the catalog (as
/// Graph answers without an instance to shape it by: a choice setting's, with its options).
pub(crate) fn setting_definition(id: &str) -> Result<Response, GraphError> {
    let choice = json!({"choiceSettingValue": {}});
    let definition = crate::generate::definitions::setting_definition(id, &choice)
        .ok_or_else(|| catalog_not_found(id))?;
    Ok(graph_json(StatusCode::OK, definition))
}

/// `deviceManagement/configurationCategories/{id}`: one settings category.
pub(crate) fn setting_category(id: &str) -> Result<Response, GraphError> {
    let category =
        crate::generate::definitions::category(id).ok_or_else(|| catalog_not_found(id))?;
    Ok(graph_json(StatusCode::OK, category))
}

fn catalog_not_found(id: &str) -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        format!("No setting definition or category with id '{id}'."),
    )
}

/// Directory objects answer like Entra, Intune objects like Intune (a JSON document nested in
/// `message`, which clients must parse).
pub(crate) fn not_found(target: &Target, id: &str) -> GraphError {
    if target.path == "groups" || target.path.starts_with("roleManagement/") {
        return GraphError::new(
            StatusCode::NOT_FOUND,
            "Request_ResourceNotFound",
            format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."),
        );
    }
    let message = if target.path.starts_with("deviceManagement/")
        || target.path.starts_with("deviceAppManagement/")
    {
        json!({
            "_version": 3,
            "Message": format!("No object with id '{id}' was found. - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Url: {}/{id}", target.collection_url()),
            "CustomApiErrorPhrase": "",
            "RetryAfter": null,
            "ErrorSourceService": "",
            "HttpHeaders": "{}"
        })
        .to_string()
    } else {
        format!("The object with id '{id}' was not found.")
    };
    GraphError::new(StatusCode::NOT_FOUND, "ResourceNotFound", message)
}

fn check_expand(path: &str, query: &ODataQuery) -> Result<(), GraphError> {
    let known = navigation_names_of_path(path);
    for expand in &query.expand {
        if !known.contains(&expand.name.as_str()) {
            return Err(unknown_property(&expand.name));
        }
        let inline = inline_navigations(path, &expand.name);
        if let Some(nested) = expand.nested.iter().find(|n| !inline.contains(&n.as_str())) {
            return Err(unknown_property(nested));
        }
    }
    Ok(())
}

fn unknown_property(name: &str) -> GraphError {
    GraphError::bad_request(format!(
        "Could not find a property named '{name}' on the type of this resource."
    ))
}

fn select_suffix(query: &ODataQuery) -> String {
    query
        .select
        .as_ref()
        .map(|s| format!("({})", s.join(",")))
        .unwrap_or_default()
}

/// The object as served: selected fields, then each expanded navigation with its context.
fn render(object: &SimObject, target: &Target, query: &ODataQuery) -> Value {
    let mut body = match select(Value::Object(object.body.clone()), query.select.as_deref()) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    for expand in &query.expand {
        let inline = inline_navigations(target.path, &expand.name);
        let nested: Vec<&str> = expand.nested.iter().map(String::as_str).collect();
        let items: Vec<Value> = object
            .navs
            .get(&expand.name)
            .map(|items| {
                items
                    .iter()
                    .map(|i| strip_unexpanded(i, &inline, &nested))
                    .collect()
            })
            .unwrap_or_default();
        body.insert(
            format!("{}@odata.context", expand.name),
            json!(format!(
                "{}{}('{}')/{}",
                target.metadata(),
                target.path,
                object.id(),
                expand.name
            )),
        );
        // A single-valued navigation (a role assignment's `principal`) is one object.
        let value = match expand.name.as_str() {
            "principal" => items.into_iter().next().unwrap_or(Value::Null),
            _ => Value::Array(items),
        };
        body.insert(expand.name.clone(), value);
    }
    Value::Object(body)
}

/// `$select` keeps the listed fields plus `id` and `@odata.type`, as Graph does.
fn select(value: Value, fields: Option<&[String]>) -> Value {
    match (value, fields) {
        (Value::Object(map), Some(fields)) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| {
                    // Graph matches property names in `$select` without regard to case.
                    k == "id"
                        || k == "@odata.type"
                        || fields.iter().any(|f| f.eq_ignore_ascii_case(k))
                })
                .collect(),
        ),
        (value, _) => value,
    }
}

/// Navigation properties held inline in sub-collection items (`definition`,
/// `presentationValues`, `scheduledActionConfigurations`) are served only when expanded.
fn strip_unexpanded(item: &Value, inline: &[&str], expanded: &[&str]) -> Value {
    match item {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !inline.contains(&k.as_str()) || expanded.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Navigations inside the items of `nav`, from the catalog's nested `$expand` options:
/// `scheduledActionsForRule($expand=scheduledActionConfigurations)` and
/// `definitionValues?$expand=definition,presentationValues(…)`.
fn inline_navigations(path: &str, nav: &str) -> Vec<&'static str> {
    let mut names = Vec::new();
    // A settings catalog policy's settings expand their definitions, as at Graph (backup tools
    // read them that way; the product reads missing definitions by id instead).
    if path == "deviceManagement/configurationPolicies" && nav == "settings" {
        names.push("settingDefinitions");
    }
    for ty in CATALOG.iter().filter(|t| t.path == path) {
        for item in ty.expand.map(split_top_level).unwrap_or_default() {
            if nav_name(item) == nav {
                if let Some(inner) = item
                    .split_once("($expand=")
                    .map(|(_, r)| r.strip_suffix(')').unwrap_or(r))
                {
                    names.extend(split_top_level(inner).into_iter().map(nav_name));
                }
            }
        }
        if let Some((name, options)) = ty.detail_collection.and_then(|d| d.split_once("?$expand="))
        {
            if name == nav {
                names.extend(split_top_level(options).into_iter().map(nav_name));
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_navigations_come_from_nested_expands_in_the_catalog() {
        assert_eq!(
            inline_navigations(
                "deviceManagement/deviceCompliancePolicies",
                "scheduledActionsForRule"
            ),
            vec!["scheduledActionConfigurations"]
        );
        assert_eq!(
            inline_navigations(
                "deviceManagement/groupPolicyConfigurations",
                "definitionValues"
            ),
            vec!["definition", "presentationValues"]
        );
        assert_eq!(
            inline_navigations("deviceManagement/configurationPolicies", "settings"),
            vec!["settingDefinitions"]
        );
    }

    #[test]
    fn select_keeps_id_and_type() {
        let v = json!({"id": "1", "@odata.type": "#t", "name": "n", "other": 2});
        assert_eq!(
            select(v, Some(&["name".to_owned()])),
            json!({"id": "1", "@odata.type": "#t", "name": "n"})
        );
    }
}
