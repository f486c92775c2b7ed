//! The simulator's own admin API under `/_sim` (no bearer token, not throttled, no injected
//! faults; errors in Graph's shape):
//!
//! - `GET /_sim/faults` → the `Faults` in force; `PUT /_sim/faults` with a `Faults` JSON
//!   (missing fields: off) replaces them and answers them; `DELETE /_sim/faults` clears them.
//! - `POST /_sim/tokens/expire` → 204: every token issued until now is refused as expired.
//! - `POST /_sim/tenants/{tenant}/drift` with `{"modify","add","delete","seed"?,"types"?}` → the
//!   `DriftReport` (`{"modified","added","deleted"}`, ids by collection path); `{tenant}` is the
//!   directory id or domain.
//! - `PUT /_sim/tenants/{tenant}/consent` with `{"granted": bool}` → 204: grants or withdraws
//!   the admin consent to the app's Graph permissions (tokens issued later carry roles or not).
//! - `GET /_sim/stats` → `SimStats` (per-tenant counters and their total); `DELETE` resets them.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::errors::GraphError;
use super::AppState;
use crate::drift::DriftRequest;
use crate::faults::Faults;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/faults",
            get(|State(state): State<Arc<AppState>>| async move { Json(state.cloud.faults()) })
                .put(put_faults)
                .delete(|State(state): State<Arc<AppState>>| async move {
                    state.cloud.control.set_faults(Faults::default());
                    StatusCode::NO_CONTENT
                }),
        )
        .route(
            "/tokens/expire",
            post(|State(state): State<Arc<AppState>>| async move {
                state.cloud.expire_tokens();
                StatusCode::NO_CONTENT
            }),
        )
        .route("/tenants/{tenant}/drift", post(drift))
        .route("/tenants/{tenant}/consent", put(consent))
        .route(
            "/stats",
            get(|State(state): State<Arc<AppState>>| async move { Json(state.cloud.stats()) })
                .delete(|State(state): State<Arc<AppState>>| async move {
                    state.cloud.reset_stats();
                    StatusCode::NO_CONTENT
                }),
        )
}

async fn put_faults(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let result = json_body::<Faults>(&body).and_then(|faults| {
        state
            .cloud
            .set_faults(faults)
            .map_err(|e| GraphError::bad_request(e.to_string()))
    });
    match result {
        Ok(()) => Json(state.cloud.faults()).into_response(),
        Err(error) => error.into_response(),
    }
}

async fn drift(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    let request = match json_body::<DriftRequest>(&body) {
        Ok(request) => request,
        Err(error) => return error.into_response(),
    };
    if let Err(message) = request.validate() {
        return GraphError::bad_request(message).into_response();
    }
    let tenant_id = match find(&state, &tenant) {
        Ok(id) => id,
        Err(error) => return error.into_response(),
    };
    match state.cloud.drift(tenant_id, &request) {
        Some(report) => Json(report).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsentRequest {
    granted: bool,
}

async fn consent(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    let result = json_body::<ConsentRequest>(&body).and_then(|request| {
        let tenant_id = find(&state, &tenant)?;
        state
            .cloud
            .set_consent(tenant_id, request.granted)
            .map_err(|_| unknown_tenant(&tenant))
    });
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => error.into_response(),
    }
}

/// A tenant's directory id by id or domain, or a 404.
fn find(state: &AppState, tenant: &str) -> Result<uuid::Uuid, GraphError> {
    state
        .cloud
        .find(tenant)
        .map(|t| t.info.tenant_id)
        .ok_or_else(|| unknown_tenant(tenant))
}

fn unknown_tenant(tenant: &str) -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        format!("No simulated tenant '{tenant}'."),
    )
}

/// The body as `T`, or a 400 naming what is wrong with it (an empty body is `{}`).
fn json_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, GraphError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| GraphError::bad_request(format!("Invalid body: {e}")))
}
