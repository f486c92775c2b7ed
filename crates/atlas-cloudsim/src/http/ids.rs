//! Request ids: every response carries `request-id` (new per request) and `client-request-id`
//! (the client's, echoed, or a new one), and Graph errors get them in `innerError`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

use super::errors::GraphError;
use super::{AppState, GRAPH_JSON};
use crate::clock::Clock;

#[derive(Debug, Clone)]
pub(crate) struct RequestIds {
    pub request_id: String,
    pub client_request_id: String,
}

impl RequestIds {
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let client = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.len() <= 128)
            .map(str::to_owned);
        Self {
            request_id: Uuid::new_v4().to_string(),
            client_request_id: client.unwrap_or_else(|| Uuid::new_v4().to_string()),
        }
    }
}

pub(crate) async fn layer(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let ids = RequestIds::from_headers(request.headers());
    request.extensions_mut().insert(ids.clone());
    let response = next.run(request).await;
    let mut response = match response.extensions().get::<GraphError>().cloned() {
        Some(error) => {
            let body = error.body(&ids, &graph_date(&*state.clock)).to_string();
            let (mut parts, _) = response.into_parts();
            parts
                .headers
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(GRAPH_JSON));
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(body))
        }
        None => response,
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("request-id", &ids.request_id),
        ("client-request-id", &ids.client_request_id),
    ] {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    response
}

/// `innerError.date`: Graph's format (UTC, no zone suffix).
pub(crate) fn graph_date(clock: &dyn Clock) -> String {
    clock
        .now()
        .as_datetime()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}
