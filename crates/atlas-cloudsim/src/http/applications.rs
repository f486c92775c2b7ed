//! `applications(appId='…')`: the app registration as Graph describes it to a caller with
//! `Application.Read.All` — its client secret (by its hint: the secret's first three
//! characters) and its certificate, each with its end date. In the simulated cloud the second
//! tenant's secret ends three weeks from today, so the product's expiry warning has something
//! to show; the others end in a year, the certificate on its own "not after".

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::errors::GraphError;
use super::graph::graph_json;
use super::AppState;
use crate::model::SimTenant;

const DAY_MILLIS: i64 = 86_400_000;

/// Answers `GET /v1.0/applications(appId='…')` for the caller's own tenant.
pub(crate) fn registration(
    state: &AppState,
    tenant: &SimTenant,
    segment: &str,
) -> Result<Response, GraphError> {
    let app_id = segment
        .strip_prefix("applications(appId='")
        .and_then(|rest| rest.strip_suffix("')"))
        .ok_or_else(|| GraphError::segment_not_found(segment))?;
    if !app_id.eq_ignore_ascii_case(&tenant.info.client_id.to_string()) {
        return Err(GraphError::new(
            StatusCode::NOT_FOUND,
            "Request_ResourceNotFound",
            format!("Resource '{app_id}' does not exist or one of its queried reference-property objects are not present."),
        ));
    }
    let today = state.clock.now().unix_millis() / DAY_MILLIS * DAY_MILLIS;
    let position = state
        .cloud
        .tenants()
        .iter()
        .position(|t| t.info.tenant_id == tenant.info.tenant_id)
        .unwrap_or(0);
    let secret_days = if position == 1 { 21 } else { 365 };
    let time = |millis: i64| {
        atlas_domain::Timestamp::from_unix_millis(millis)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    };
    let hint: String = tenant.info.client_secret.chars().take(3).collect();
    let body: Value = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications(passwordCredentials,keyCredentials)/$entity",
        "id": tenant.info.client_id,
        "passwordCredentials": [{
            "customKeyIdentifier": null,
            "displayName": "TenantAtlas",
            "endDateTime": time(today + secret_days * DAY_MILLIS),
            "hint": hint,
            "keyId": tenant.info.tenant_id,
            "secretText": null,
            "startDateTime": time(today - 30 * DAY_MILLIS)
        }],
        "keyCredentials": [{
            "customKeyIdentifier": state.certificate.thumbprint(),
            "displayName": "CN=TenantAtlas simulated app",
            "endDateTime": "2045-01-01T00:00:00Z",
            "keyId": tenant.info.client_id,
            "startDateTime": "2025-01-01T00:00:00Z",
            "type": "AsymmetricX509Cert",
            "usage": "Verify"
        }]
    });
    Ok(graph_json(StatusCode::OK, body))
}
