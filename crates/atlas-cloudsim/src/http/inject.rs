//! Applies the injected faults (`crate::faults`) to an admitted Graph request: an injected 5xx
//! instead of running it, extra latency, then — on a 200 — a cut body or a broken
//! `@odata.nextLink`. Runs after the bearer gate, so refused requests meet no faults.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{RawPathParams, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::bearer::Caller;
use super::errors::GraphError;
use super::AppState;
use crate::faults::{RequestFacts, ServerError};
use crate::stats::TenantCounters;

pub(crate) async fn layer(
    State(state): State<Arc<AppState>>,
    params: Result<RawPathParams, RawPathParamsRejection>,
    request: Request,
    next: Next,
) -> Response {
    let Some(Caller(tenant)) = request.extensions().get::<Caller>().cloned() else {
        return next.run(request).await;
    };
    let is_read = request.method() == Method::GET;
    let written = params
        .as_ref()
        .ok()
        .and_then(|p| p.iter().find(|(name, _)| *name == "id").map(|(_, v)| v))
        .filter(|_| !is_read);
    if written.is_some_and(|id| {
        state
            .cloud
            .control
            .faults()
            .refuse_writes
            .iter()
            .any(|o| o == id)
    }) {
        return GraphError::bad_request(
            "The write was refused: a property value is not valid for this object.",
        )
        .into_response();
    }
    let object = params
        .as_ref()
        .ok()
        .and_then(|p| p.iter().find(|(name, _)| *name == "id").map(|(_, v)| v))
        .filter(|_| is_read)
        .map(str::to_owned);
    let later_page = is_read
        && request.uri().query().is_some_and(|q| {
            form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k.eq_ignore_ascii_case("$skiptoken"))
        });
    let plan = state.cloud.control.plan(RequestFacts {
        object_read: object.as_deref(),
        later_page,
    });
    if let Some(error) = plan.error {
        TenantCounters::bump(&tenant.stats.server_errors);
        return server_error(error).into_response();
    }
    if !plan.delay.is_zero() {
        tokio::time::sleep(plan.delay).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || (plan.cut.is_none() && !plan.break_next_link) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(mut bytes) = to_bytes(body, usize::MAX).await.map(|b| b.to_vec()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if plan.break_next_link {
        bytes = break_next_link(bytes);
    }
    if let Some(fraction) = plan.cut {
        TenantCounters::bump(&tenant.stats.malformed);
        bytes = cut(bytes, fraction);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// Graph's answers when the service itself fails.
fn server_error(error: ServerError) -> GraphError {
    let (code, message) = match error.status {
        StatusCode::BAD_GATEWAY => ("BadGateway", "The service could not reach a dependency."),
        StatusCode::SERVICE_UNAVAILABLE => (
            "ServiceUnavailable",
            "The service is temporarily unavailable. Please retry after the time in the Retry-After header.",
        ),
        StatusCode::GATEWAY_TIMEOUT => (
            "GatewayTimeout",
            "The service did not answer in time.",
        ),
        _ => (
            "InternalServerError",
            "An internal server error occurred while processing the request.",
        ),
    };
    GraphError {
        retry_after: error.retry_after,
        ..GraphError::new(error.status, code, message)
    }
}

/// Replaces the skip token of the page's `@odata.nextLink` by one the server refuses.
fn break_next_link(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(Value::Object(mut body)) = serde_json::from_slice::<Value>(&bytes) else {
        return bytes;
    };
    let Some(Value::String(link)) = body.get("@odata.nextLink") else {
        return bytes;
    };
    let Some(at) = link.find("$skiptoken=") else {
        return bytes;
    };
    let start = at + "$skiptoken=".len();
    let end = link[start..].find('&').map_or(link.len(), |i| start + i);
    let token = &link[start..end];
    let broken = format!(
        "{}{}~{}",
        &link[..start],
        &token[..token.len() / 2],
        &link[end..]
    );
    body.insert("@odata.nextLink".into(), Value::String(broken));
    Value::Object(body).to_string().into_bytes()
}

/// The first `fraction` of the body (at least one byte, never all of it): never valid JSON.
fn cut(mut bytes: Vec<u8>, fraction: f64) -> Vec<u8> {
    if bytes.len() < 2 {
        return b"{".to_vec();
    }
    // Lengths are far below 2^52: the float product is exact enough.
    let keep = ((bytes.len() as f64 * fraction) as usize).clamp(1, bytes.len() - 1);
    bytes.truncate(keep);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_link_keeps_its_shape_but_not_its_token() {
        let page = br#"{"@odata.nextLink":"http://h/beta/x?$top=5&$skiptoken=YWJjZGVm&$select=id","value":[]}"#;
        let broken: Value = serde_json::from_slice(&break_next_link(page.to_vec())).unwrap();
        assert_eq!(
            broken["@odata.nextLink"],
            "http://h/beta/x?$top=5&$skiptoken=YWJj~&$select=id"
        );
        let last_page = br#"{"value":[]}"#.to_vec();
        assert_eq!(break_next_link(last_page.clone()), last_page);
    }

    #[test]
    fn a_cut_body_is_never_valid_json() {
        let body = br#"{"value":[{"id":"1"},{"id":"2"}]}"#.to_vec();
        for fraction in [0.0, 0.05, 0.5, 0.95, 1.0] {
            let cut = cut(body.clone(), fraction);
            assert!(!cut.is_empty() && cut.len() < body.len());
            assert!(serde_json::from_slice::<Value>(&cut).is_err(), "{fraction}");
        }
    }

    #[test]
    fn injected_errors_have_graphs_codes_and_503_retry_after() {
        let e = server_error(ServerError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            retry_after: Some(1),
        });
        assert_eq!((e.code, e.retry_after), ("ServiceUnavailable", Some(1)));
        let e = server_error(ServerError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            retry_after: None,
        });
        assert_eq!(e.code, "InternalServerError");
    }
}
