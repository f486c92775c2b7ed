//! Single objects Graph serves at a fixed path rather than in a collection: the Apple MDM push
//! certificate (404 when the tenant has none), the managed Google Play binding (always there,
//! `notBound` until bound) and the tenant's Intune settings. Generated with the tenant's
//! connectors and held as a collection of at most one object under the same path.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::errors::GraphError;
use super::graph::graph_json;
use crate::model::SimTenant;

/// Path and the versions Graph serves it at.
pub(crate) const SINGLETONS: &[(&str, &[&str])] = &[
    (
        "deviceManagement/applePushNotificationCertificate",
        &["v1.0", "beta"],
    ),
    (
        "deviceManagement/androidManagedStoreAccountEnterpriseSettings",
        &["beta"],
    ),
    ("deviceManagement/settings", &["v1.0", "beta"]),
];

pub(crate) fn get(
    tenant: &SimTenant,
    base: &str,
    version: &str,
    path: &str,
) -> Result<Response, GraphError> {
    let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
    let Some(object) = data.collection(path).first() else {
        return Err(GraphError::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!("Resource not found: {path} is not set up for this tenant."),
        ));
    };
    let mut body = object.body.clone();
    // The settings are a property of deviceManagement, not an entity: no id.
    if path.ends_with("/settings") {
        body.remove("id");
    }
    let mut answer = serde_json::Map::new();
    answer.insert(
        "@odata.context".into(),
        json!(format!("{base}/{version}/$metadata#{path}")),
    );
    answer.extend(body);
    Ok(graph_json(StatusCode::OK, Value::Object(answer)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_singleton_of_the_catalog_is_served() {
        for ty in atlas_graph::CATALOG.iter().filter(|t| t.singleton) {
            assert!(
                SINGLETONS.iter().any(|(path, _)| *path == ty.path),
                "{}",
                ty.key
            );
        }
    }
}
