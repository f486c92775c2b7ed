//! The writes of a restore, as Graph takes them: create (`POST` to the collection), update
//! (`PATCH`, or `PUT` for types whose settings travel in the body), assignments
//! (`POST {id}/assign` with the action's parameter) and, undoing a restore, delete. Every write goes through the client's
//! per-tenant write budget. A create is never repeated blindly: when its answer is lost, the
//! collection is read to find an object of that name that was not there before.

use atlas_graph::{GraphError, ListQuery, Method, ObjectType, RestoreMethod};
use atlas_sync::GraphSession;
use serde_json::{Map, Value};

/// Fields the service manages or that are written by other requests.
const NOT_WRITTEN: [&str; 8] = [
    "id",
    "createdDateTime",
    "lastModifiedDateTime",
    "version",
    "assignments",
    "settingCount",
    "isAssigned",
    "assignmentCount",
];

/// The body written for an object: the version's content without what the service manages,
/// its assignments (written by `assign`) and OData annotations other than `@odata.type`.
pub(crate) fn body(ty: &ObjectType, content: &Value) -> Value {
    let Value::Object(map) = content else {
        return content.clone();
    };
    let kept: Map<String, Value> = map
        .iter()
        .filter(|(key, _)| {
            !NOT_WRITTEN.contains(&key.as_str())
                && !ty.volatile_fields.contains(&key.as_str())
                && (!key.contains("@odata.") || key.as_str() == "@odata.type")
        })
        .map(|(key, value)| (key.clone(), strip_ids(value)))
        .collect();
    Value::Object(kept)
}

/// Navigation items carry the ids of the source's own sub-objects: the target gives its own.
fn strip_ids(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| match item {
                    Value::Object(map) => Value::Object(
                        map.iter()
                            .filter(|(k, _)| k.as_str() != "id")
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    ),
                    other => other.clone(),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn url(session: &GraphSession, ty: &ObjectType, suffix: &str) -> Result<url::Url, GraphError> {
    let path = match suffix {
        "" => ty.path.to_owned(),
        s => format!("{}/{s}", ty.path),
    };
    session.client.url(ty.version, &path, &ListQuery::default())
}

/// Creates the object; returns the id the target gave it. `before` are the ids of the type's
/// objects before the write, to recognise a create whose answer was lost.
pub(crate) async fn create(
    session: &GraphSession,
    ty: &'static ObjectType,
    content: &Value,
    display_name: &str,
    before: &[String],
) -> Result<String, GraphError> {
    let answer = session
        .client
        .write(
            &session.credentials,
            Method::POST,
            &url(session, ty, "")?,
            Some(&body(ty, content)),
        )
        .await;
    match answer {
        Ok(answer) => answer
            .body
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                GraphError::new(
                    atlas_graph::ProviderReason::MalformedResponse,
                    "The create was answered without the new object's id.",
                )
            }),
        // A refusal (4xx but throttling) was not applied; anything else may have been.
        Err(error)
            if error
                .status
                .is_some_and(|s| (400..500).contains(&s) && s != 429) =>
        {
            Err(error)
        }
        Err(error) => match created_meanwhile(session, ty, display_name, before).await {
            Some(id) => Ok(id),
            None => Err(error),
        },
    }
}

/// An object of that name the type did not hold before: the create that seemed to fail.
async fn created_meanwhile(
    session: &GraphSession,
    ty: &'static ObjectType,
    display_name: &str,
    before: &[String],
) -> Option<String> {
    let read = session
        .client
        .read_type(&session.credentials, ty, atlas_graph::Depth::Listing)
        .await;
    read.objects
        .into_iter()
        .find(|o| o.display_name == display_name && !before.contains(&o.id))
        .map(|o| o.id)
}

/// Overwrites the object's configuration.
pub(crate) async fn update(
    session: &GraphSession,
    ty: &'static ObjectType,
    id: &str,
    content: &Value,
) -> Result<(), GraphError> {
    let method = match ty.restore {
        RestoreMethod::PostWithSettingsAssign => Method::PUT,
        _ => Method::PATCH,
    };
    session
        .client
        .write(
            &session.credentials,
            method,
            &url(session, ty, id)?,
            Some(&body(ty, content)),
        )
        .await
        .map(|_| ())
}

/// Deletes the object (undoing a restore that created it). One already gone counts as done:
/// a DELETE whose answer was lost and is repeated finds nothing.
pub(crate) async fn delete(
    session: &GraphSession,
    ty: &'static ObjectType,
    id: &str,
) -> Result<(), GraphError> {
    match session
        .client
        .write(
            &session.credentials,
            Method::DELETE,
            &url(session, ty, id)?,
            None,
        )
        .await
    {
        Ok(_) => Ok(()),
        Err(error) if error.status == Some(404) => Ok(()),
        Err(error) => Err(error),
    }
}

/// Replaces the object's assignments with the content's (already on the target's groups);
/// nothing for types restore writes without assignments.
pub(crate) async fn assign(
    session: &GraphSession,
    ty: &'static ObjectType,
    id: &str,
    content: &Value,
) -> Result<(), GraphError> {
    if !matches!(
        ty.restore,
        RestoreMethod::PostPatchAssign | RestoreMethod::PostWithSettingsAssign
    ) {
        return Ok(());
    }
    let assignments: Vec<Value> = content
        .get("assignments")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|a| match a {
                    Value::Object(map) => Value::Object(
                        map.iter()
                            .filter(|(k, _)| k.as_str() != "id" && !k.contains("@odata."))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    ),
                    other => other.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut body = Map::new();
    body.insert(assign_parameter(ty).into(), Value::Array(assignments));
    session
        .client
        .write(
            &session.credentials,
            Method::POST,
            &url(session, ty, &format!("{id}/assign"))?,
            Some(&Value::Object(body)),
        )
        .await
        .map(|_| ())
}

/// The parameter of the collection's `assign` action, as Graph's reference names it.
fn assign_parameter(ty: &ObjectType) -> &'static str {
    match ty.path.rsplit('/').next().unwrap_or(ty.path) {
        "deviceManagementScripts" | "deviceShellScripts" => "deviceManagementScriptAssignments",
        "deviceHealthScripts" => "deviceHealthScriptAssignments",
        "deviceEnrollmentConfigurations" => "enrollmentConfigurationAssignments",
        _ => "assignments",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_body_leaves_out_what_the_service_manages() {
        let ty = ObjectType::find("settings_catalog").unwrap();
        let content = json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#x",
            "id": "source-id",
            "name": "Baseline",
            "createdDateTime": "2026-01-01T00:00:00Z",
            "settings": [{ "id": "0", "settingInstance": { "settingDefinitionId": "a" } }],
            "assignments": [{ "id": "x", "target": {} }],
        });
        assert_eq!(
            body(ty, &content),
            json!({
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
                "name": "Baseline",
                "settings": [{ "settingInstance": { "settingDefinitionId": "a" } }],
            })
        );
    }
}
