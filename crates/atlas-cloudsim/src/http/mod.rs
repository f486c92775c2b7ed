//! The HTTP surface: Entra endpoints, the Graph collections mounted from the catalog, and the
//! layers every request passes (request ids outermost, then latency; bearer and throttling on
//! Graph routes only).

mod bearer;
mod entra;
mod errors;
mod graph;
mod ids;
mod odata;
mod origin;

use std::sync::Arc;

use atlas_graph::{ApiVersion, CATALOG};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Router};

use crate::clock::Clock;
use crate::config::SimulatorConfig;
use crate::model::Cloud;
use crate::token::TokenSigner;
use bearer::Caller;
use errors::GraphError;
use graph::Target;
use odata::ODataQuery;

/// Graph's JSON media type.
pub(crate) const GRAPH_JSON: &str =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

#[derive(Debug)]
pub(crate) struct AppState {
    pub cloud: Arc<Cloud>,
    pub signer: TokenSigner,
    pub clock: Arc<dyn Clock>,
    pub config: SimulatorConfig,
    /// Host used for links when a request names none.
    pub host: String,
}

pub(crate) fn router(state: Arc<AppState>) -> Router {
    let mut graph = Router::new();
    let mut mounted: Vec<(ApiVersion, &'static str)> = Vec::new();
    for ty in CATALOG {
        // Shared collections (device configurations and update rings) are mounted once.
        if mounted.contains(&(ty.version, ty.path)) {
            continue;
        }
        mounted.push((ty.version, ty.path));
        let base = format!("/{}/{}", ty.version.segment(), ty.path);
        graph = graph
            .route(&base, collection_route(ty.version, ty.path))
            .route(&format!("{base}/{{id}}"), object_route(ty.version, ty.path))
            .route(
                &format!("{base}/{{id}}/{{nav}}"),
                navigation_route(ty.version, ty.path),
            );
    }
    let graph = graph.route_layer(middleware::from_fn_with_state(state.clone(), bearer::layer));
    Router::new()
        .route("/{tenant}/oauth2/v2.0/token", post(entra::token))
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(entra::openid_configuration),
        )
        .route("/common/discovery/instance", get(entra::instance_discovery))
        .route("/{tenant}/discovery/v2.0/keys", get(entra::keys))
        .merge(graph)
        .fallback(unknown_path)
        .layer(middleware::from_fn_with_state(state.clone(), latency))
        .layer(middleware::from_fn_with_state(state.clone(), ids::layer))
        .with_state(state)
}

fn target(
    state: &AppState,
    version: ApiVersion,
    path: &'static str,
    headers: &HeaderMap,
) -> Target {
    Target {
        version,
        path,
        base: origin::base_url(headers, &state.host),
    }
}

fn collection_route(version: ApiVersion, path: &'static str) -> MethodRouter<Arc<AppState>> {
    get(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              RawQuery(raw): RawQuery,
              headers: HeaderMap| async move {
            let query = ODataQuery::parse(raw.as_deref())?;
            graph::list(&tenant, &target(&state, version, path, &headers), &query)
        },
    )
    .fallback(method_not_allowed)
}

fn object_route(version: ApiVersion, path: &'static str) -> MethodRouter<Arc<AppState>> {
    get(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              Path(id): Path<String>,
              RawQuery(raw): RawQuery,
              headers: HeaderMap| async move {
            let query = ODataQuery::parse(raw.as_deref())?;
            graph::get(
                &tenant,
                &target(&state, version, path, &headers),
                &id,
                &query,
            )
        },
    )
    .fallback(method_not_allowed)
}

fn navigation_route(version: ApiVersion, path: &'static str) -> MethodRouter<Arc<AppState>> {
    get(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              Path((id, nav)): Path<(String, String)>,
              RawQuery(raw): RawQuery,
              headers: HeaderMap| async move {
            let query = ODataQuery::parse(raw.as_deref())?;
            graph::navigation(
                &tenant,
                &target(&state, version, path, &headers),
                &id,
                &nav,
                &query,
            )
        },
    )
    .fallback(method_not_allowed)
}

async fn method_not_allowed() -> GraphError {
    GraphError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "BadRequest",
        "Specified HTTP method is not allowed for the request target.",
    )
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
    let known = |prefix: &[&str]| {
        CATALOG.iter().any(|t| {
            let path: Vec<&str> = t.path.split('/').collect();
            t.version == version && path.len() >= prefix.len() && path[..prefix.len()] == *prefix
        })
    };
    let unknown = (1..=rest.len())
        .find(|&n| !known(&rest[..n]))
        .map(|n| rest[n - 1])
        .or(rest.last().copied())
        .unwrap_or(version.segment());
    GraphError::segment_not_found(unknown)
}

async fn latency(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if !state.config.latency.is_zero() {
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
