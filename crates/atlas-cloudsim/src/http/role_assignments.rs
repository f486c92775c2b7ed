//! `deviceManagement/roleAssignments`: the Intune role assignments, which the simulator holds
//! under their role definitions (`roleDefinitions/{id}/roleAssignments`) — one copy, served
//! here too, as Graph does (backup tools list a definition's assignments, then read each here).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::errors::GraphError;
use super::graph::{collection_response, graph_json};
use crate::model::SimTenant;

const DEFINITIONS: &str = "deviceManagement/roleDefinitions";
const PATH: &str = "deviceManagement/roleAssignments";

fn all(tenant: &SimTenant) -> Vec<Value> {
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    data.collection(DEFINITIONS)
        .iter()
        .flat_map(|d| d.navs.get("roleAssignments").into_iter().flatten())
        .map(|a| {
            let mut a = a.clone();
            a["@odata.type"] = json!("#microsoft.graph.deviceAndAppManagementRoleAssignment");
            a
        })
        .collect()
}

pub(crate) fn list(tenant: &SimTenant, base: &str, version: &str) -> Response {
    collection_response(
        format!("{base}/{version}/$metadata#{PATH}"),
        None,
        all(tenant),
        None,
    )
}

pub(crate) fn get(
    tenant: &SimTenant,
    base: &str,
    version: &str,
    id: &str,
) -> Result<Response, GraphError> {
    let mut found = all(tenant)
        .into_iter()
        .find(|a| a["id"].as_str() == Some(id))
        .ok_or_else(|| {
            GraphError::new(
                StatusCode::NOT_FOUND,
                "ResourceNotFound",
                format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."),
            )
        })?;
    found["@odata.context"] = json!(format!("{base}/{version}/$metadata#{PATH}/$entity"));
    Ok(graph_json(StatusCode::OK, found))
}
