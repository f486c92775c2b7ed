//! `beta/deviceManagement/templates`: Microsoft's endpoint security templates, the same in
//! every tenant, with their setting categories (backup tools read an intent's settings by
//! them). Graph serves these at `beta` only.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use super::errors::GraphError;
use super::graph::{collection_response, graph_json};
use crate::generate::content::intents::{category_json, template, template_json, TEMPLATES};

const PATH: &str = "deviceManagement/templates";

pub(crate) fn list(base: &str) -> Response {
    let value = TEMPLATES.iter().map(template_json).collect();
    collection_response(format!("{base}/beta/$metadata#{PATH}"), None, value, None)
}

pub(crate) fn get(base: &str, id: &str) -> Result<Response, GraphError> {
    let t = template(id).ok_or_else(|| not_found(id))?;
    let mut body = template_json(t);
    body["@odata.context"] = Value::String(format!("{base}/beta/$metadata#{PATH}/$entity"));
    Ok(graph_json(StatusCode::OK, body))
}

pub(crate) fn categories(base: &str, id: &str) -> Result<Response, GraphError> {
    let t = template(id).ok_or_else(|| not_found(id))?;
    let value = t.categories.iter().map(category_json).collect();
    Ok(collection_response(
        format!("{base}/beta/$metadata#{PATH}('{}')/categories", t.id),
        None,
        value,
        None,
    ))
}

fn not_found(id: &str) -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."),
    )
}
