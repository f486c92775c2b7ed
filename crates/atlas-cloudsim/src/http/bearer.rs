//! The gate in front of every Graph endpoint: a valid bearer token names the tenant whose data
//! is served, then that tenant's throttling window must have room.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::errors::GraphError;
use super::AppState;
use crate::config::ThrottleMode;
use crate::model::SimTenant;
use crate::token::TokenRejection;

/// The tenant an authenticated Graph request acts in.
#[derive(Debug, Clone)]
pub(crate) struct Caller(pub Arc<SimTenant>);

pub(crate) async fn layer(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    match admit(&state, &request) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

fn admit(state: &AppState, request: &Request) -> Result<Caller, GraphError> {
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    let token = match header.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ if header.is_empty() => {
            return Err(GraphError::unauthenticated("Access token is empty."))
        }
        _ => {
            return Err(GraphError::unauthenticated(
                "Access token validation failure. Invalid authorization scheme.",
            ))
        }
    };
    if token.is_empty() {
        return Err(GraphError::unauthenticated("Access token is empty."));
    }
    let now = state.clock.now();
    let claims = state.signer.verify(token, now.unix_millis() / 1000).map_err(|r| {
        GraphError::unauthenticated(match r {
            TokenRejection::Malformed => "IDX14100: JWT is not well formed, there are no dots (.) or the parts cannot be decoded. The token needs to be in JWS or JWE Compact Serialization Format.",
            TokenRejection::BadSignature => "Access token validation failure. Signing key is invalid.",
            TokenRejection::WrongAudience => "Access token validation failure. Invalid audience.",
            TokenRejection::Lifetime => "Lifetime validation failed, the token is expired.",
        })
    })?;
    let tenant = state.cloud.by_id(claims.tid).cloned().ok_or_else(|| {
        GraphError::unauthenticated(
            "Access token validation failure. The tenant of the token is unknown.",
        )
    })?;
    if state.config.throttle == ThrottleMode::Real {
        let is_write = request.method() != Method::GET && request.method() != Method::HEAD;
        let mut window = tenant
            .throttle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        window.admit(now, is_write).map_err(GraphError::throttled)?;
    }
    Ok(Caller(tenant))
}
