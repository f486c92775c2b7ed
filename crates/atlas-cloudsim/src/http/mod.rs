//! The HTTP surface: Entra endpoints, the Graph collections mounted from the catalog (reads,
//! writes, `$batch`), the `/_sim` admin API (see `admin`), and the layers every request passes
//! (request ids outermost, then latency; on Graph routes the bearer gate — authentication,
//! consent, 429 storms, throttling — then injected faults).

mod admin;
mod applications;
mod assign;
mod batch;
mod bearer;
mod entra;
mod errors;
mod graph;
mod ids;
mod inject;
mod odata;
mod origin;
mod role_assignments;
mod routes;
mod singletons;
mod templates;
mod writes;

use std::sync::Arc;

use atlas_graph::{ApiVersion, CATALOG};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::clock::Clock;
use crate::config::SimulatorConfig;
use crate::model::Cloud;
use crate::token::TokenSigner;
use errors::GraphError;

/// Graph's JSON media type.
pub(crate) const GRAPH_JSON: &str =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

#[derive(Debug)]
pub(crate) struct AppState {
    pub cloud: Arc<Cloud>,
    pub signer: TokenSigner,
    pub clock: Arc<dyn Clock>,
    pub config: SimulatorConfig,
    /// Our own origin, `http(s)://127.0.0.1:PORT`: its scheme is the default for links, its host
    /// the fallback when a request names none.
    pub host: String,
    /// The certificate registered on every app registration (client assertions).
    pub certificate: Arc<crate::certificate::AppCertificate>,
}

/// The app. Also installs the configuration's seed, faults and clock into the cloud's run-time
/// controls, which the Graph layers and the admin API share.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    state.cloud.control.configure(
        state.config.seed,
        state.config.faults.clone(),
        state.clock.clone(),
    );
    // `$batch` parts are sent through the same Graph routes, each with its own request ids.
    let dispatch = routes::graph(&state)
        .fallback(unknown_path)
        .layer(middleware::from_fn_with_state(state.clone(), ids::layer))
        .with_state(state.clone());
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(entra::token).layer(middleware::from_fn_with_state(
                state.clone(),
                bearer::remember_issued,
            )),
        )
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(entra::openid_configuration),
        )
        .route("/common/discovery/instance", get(entra::instance_discovery))
        .route("/{tenant}/discovery/v2.0/keys", get(entra::keys))
        .merge(routes::graph(&state))
        .merge(routes::batch(dispatch))
        .nest("/_sim", admin::routes())
        .fallback(unknown_path)
        .layer(middleware::from_fn_with_state(state.clone(), latency))
        .layer(middleware::from_fn_with_state(state.clone(), ids::layer))
        .with_state(state)
}

/// Graph's answers for paths it does not serve: an unknown version, or the first segment
/// below the version that leads to no collection.
async fn unknown_path(uri: Uri) -> GraphError {
    let segments: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
    let Some((version, rest)) = segments.split_first() else {
        return GraphError::bad_request("Invalid version.");
    };
    let Some(version) = [ApiVersion::V1, ApiVersion::Beta]
        .into_iter()
        .find(|v| v.segment() == *version)
    else {
        return GraphError::bad_request(format!("Invalid version: {version}"));
    };
    // Every catalog collection is served at both versions.
    let known = |prefix: &[&str]| {
        CATALOG.iter().any(|t| {
            let path: Vec<&str> = t.path.split('/').collect();
            path.len() >= prefix.len() && path[..prefix.len()] == *prefix
        })
    };
    let unknown = (1..=rest.len())
        .find(|&n| !known(&rest[..n]))
        .map(|n| rest[n - 1])
        .or(rest.last().copied())
        .unwrap_or(version.segment());
    GraphError::segment_not_found(unknown)
}

/// The configured network latency, on everything but the admin API.
async fn latency(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if !state.config.latency.is_zero() && !request.uri().path().starts_with("/_sim/") {
        tokio::time::sleep(state.config.latency).await;
    }
    next.run(request).await
}

/// Entra's caching headers on token-endpoint answers.
pub(crate) fn no_store() -> [(HeaderName, HeaderValue); 2] {
    [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, no-cache"),
        ),
        (header::PRAGMA, HeaderValue::from_static("no-cache")),
    ]
}
