//! `POST {collection}/{id}/assign`: replaces an object's assignments, as Intune's `assign`
//! actions do. The parameter name and the answer follow each action's Graph reference: scripts
//! take `deviceManagementScriptAssignments` / `deviceHealthScriptAssignments`, enrollment
//! configurations `enrollmentConfigurationAssignments`, everything else `assignments`; settings
//! catalog, device configuration, compliance, administrative template and scope tag actions
//! answer 200 with the new assignments, the others 204.

use atlas_graph::{RestoreMethod, CATALOG};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::errors::GraphError;
use super::graph::{graph_json, not_found, Target};
use super::writes::{assignment_id, parse_object};
use crate::edit::refresh_derived;
use crate::model::{catalog_type, navigation_names_of_path, SimTenant};

/// How one collection's `assign` action reads its body and answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AssignAction {
    parameter: &'static str,
    returns_assignments: bool,
}

/// The collection's `assign` action, if its objects have assignments restore writes back.
fn action(path: &str) -> Option<AssignAction> {
    let assignable = CATALOG.iter().any(|t| {
        t.path == path
            && matches!(
                t.restore,
                RestoreMethod::PostPatchAssign | RestoreMethod::PostWithSettingsAssign
            )
    });
    if !assignable || !navigation_names_of_path(path).contains(&"assignments") {
        return None;
    }
    let leaf = path.rsplit('/').next().unwrap_or(path);
    let parameter = match leaf {
        "deviceManagementScripts" | "deviceShellScripts" => "deviceManagementScriptAssignments",
        "deviceHealthScripts" => "deviceHealthScriptAssignments",
        "deviceEnrollmentConfigurations" => "enrollmentConfigurationAssignments",
        _ => "assignments",
    };
    let returns_assignments = matches!(
        leaf,
        "configurationPolicies"
            | "deviceConfigurations"
            | "deviceCompliancePolicies"
            | "groupPolicyConfigurations"
            | "roleScopeTags"
    );
    Some(AssignAction {
        parameter,
        returns_assignments,
    })
}

pub(crate) fn assign(
    tenant: &SimTenant,
    target: &Target,
    id: &str,
    body: &[u8],
) -> Result<Response, GraphError> {
    let action = action(target.path).ok_or_else(|| GraphError::segment_not_found("assign"))?;
    let body = parse_object(body)?;
    let items = match body.get(action.parameter) {
        Some(Value::Array(items)) => items.clone(),
        _ => {
            return Err(GraphError::bad_request(format!(
                "The parameter '{}' is missing or is not a collection.",
                action.parameter
            )))
        }
    };
    let mut data = tenant.data.write().unwrap_or_else(|p| p.into_inner());
    let object = data
        .find_mut(target.path, id)
        .ok_or_else(|| not_found(target, id))?;
    let assignments: Vec<Value> = items
        .into_iter()
        .map(|item| {
            let mut map = match item {
                Value::Object(map) => map,
                _ => Default::default(),
            };
            // Stored as Graph lists them: without the item type, with the service's ids.
            map.remove("@odata.type");
            map.insert("id".into(), Value::from(assignment_id(id, &map)));
            if target.path != "deviceManagement/roleScopeTags" {
                map.entry("source").or_insert_with(|| json!("direct"));
                map.entry("sourceId").or_insert_with(|| json!(id));
            }
            Value::Object(map)
        })
        .collect();
    object
        .navs
        .insert("assignments".into(), assignments.clone());
    if let Some(ty) = catalog_type(target.path, object.odata_type()) {
        refresh_derived(object, ty);
    }
    Ok(if action.returns_assignments {
        graph_json(StatusCode::OK, json!({ "value": assignments }))
    } else {
        StatusCode::NO_CONTENT.into_response()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_collection_has_its_documented_action() {
        let a = |path| action(path).map(|a| (a.parameter, a.returns_assignments));
        assert_eq!(
            a("deviceManagement/configurationPolicies"),
            Some(("assignments", true))
        );
        assert_eq!(
            a("deviceManagement/deviceManagementScripts"),
            Some(("deviceManagementScriptAssignments", false))
        );
        assert_eq!(
            a("deviceManagement/deviceHealthScripts"),
            Some(("deviceHealthScriptAssignments", false))
        );
        assert_eq!(
            a("deviceManagement/deviceEnrollmentConfigurations"),
            Some(("enrollmentConfigurationAssignments", false))
        );
        assert_eq!(
            a("deviceAppManagement/iosManagedAppProtections"),
            Some(("assignments", false))
        );
        for no_assign in [
            "groups",
            "identity/conditionalAccess/policies",
            "deviceManagement/assignmentFilters",
            "deviceManagement/roleDefinitions",
        ] {
            assert_eq!(a(no_assign), None, "{no_assign}");
        }
    }
}
