//! The Graph routes mounted from the catalog — per collection: list and create; per object:
//! read, `PATCH`, `PUT`, `DELETE`; per navigation: read, and the `assign` action — behind the
//! bearer gate and fault injection; and the two `$batch` endpoints.

use std::sync::Arc;

use atlas_graph::{ApiVersion, CATALOG};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware;
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Router};

use super::bearer::{self, Caller};
use super::errors::GraphError;
use super::graph::{self, Target};
use super::odata::ODataQuery;
use super::{assign, batch, inject, origin, writes, AppState};
use crate::model::navigation_names_of_path;

/// Every catalog collection, with the gate (outer) and fault injection (inner) on each route.
pub(super) fn graph(state: &Arc<AppState>) -> Router<Arc<AppState>> {
    let mut graph = Router::new();
    let mut mounted: Vec<(ApiVersion, &'static str)> = Vec::new();
    // Graph serves every one of these collections at both versions, and takes a collection
    // URL with a trailing slash as the collection.
    for (ty, version) in CATALOG
        .iter()
        .flat_map(|ty| [ApiVersion::V1, ApiVersion::Beta].map(|v| (ty, v)))
    {
        // Shared collections (device configurations and update rings) are mounted once;
        // singletons have routes of their own (`singletons.rs`).
        if ty.singleton || mounted.contains(&(version, ty.path)) {
            continue;
        }
        mounted.push((version, ty.path));
        let base = format!("/{}/{}", version.segment(), ty.path);
        graph = graph
            .route(&base, collection_route(version, ty.path))
            .route(&format!("{base}/"), collection_route(version, ty.path))
            .route(&format!("{base}/{{id}}"), object_route(version, ty.path))
            .route(
                &format!("{base}/{{id}}/{{nav}}"),
                navigation_route(version, ty.path),
            )
            .route(
                &format!("{base}/{{id}}/{{nav}}/{{item}}"),
                navigation_item_route(version, ty.path, false),
            )
            .route(
                &format!("{base}/{{id}}/{{nav}}/{{item}}/{{sub}}"),
                navigation_item_route(version, ty.path, true),
            );
    }
    // The union of app protection and targeted app configuration policies clients list.
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        let base = format!("/{}/{MANAGED_APP_POLICIES}", version.segment());
        graph = graph
            .route(&base, managed_app_policies(version))
            .route(&format!("{base}/"), managed_app_policies(version));
    }
    // The caller's own app registration, `applications(appId='…')`.
    graph = graph.route(
        "/v1.0/{segment}",
        get(
            |State(state): State<Arc<AppState>>,
             Extension(Caller(tenant)): Extension<Caller>,
             Path(segment): Path<String>| async move {
                super::applications::registration(&state, &tenant, &segment)
            },
        )
        .fallback(method_not_allowed),
    );
    // Microsoft's settings catalog: the same for every tenant, read by id.
    graph = graph
        .route(
            "/beta/deviceManagement/configurationSettings/{id}",
            get(|Path(id): Path<String>| async move { graph::setting_definition(&id) })
                .fallback(method_not_allowed),
        )
        .route(
            "/beta/deviceManagement/configurationCategories/{id}",
            get(|Path(id): Path<String>| async move { graph::setting_category(&id) })
                .fallback(method_not_allowed),
        );
    for (path, versions) in super::singletons::SINGLETONS {
        for version in *versions {
            graph = graph.route(
                &format!("/{version}/{path}"),
                get(
                    move |State(state): State<Arc<AppState>>,
                          Extension(Caller(tenant)): Extension<Caller>,
                          headers: HeaderMap| async move {
                        let base = origin::base_url(&headers, &state.host);
                        super::singletons::get(&tenant, &base, version, path)
                    },
                )
                .fallback(method_not_allowed),
            );
        }
    }
    for version in ["v1.0", "beta"] {
        graph = graph
            .route(
                &format!("/{version}/deviceManagement/roleAssignments"),
                get(
                    move |State(state): State<Arc<AppState>>,
                          Extension(Caller(tenant)): Extension<Caller>,
                          headers: HeaderMap| async move {
                        let base = origin::base_url(&headers, &state.host);
                        super::role_assignments::list(&tenant, &base, version)
                    },
                )
                .fallback(method_not_allowed),
            )
            .route(
                &format!("/{version}/deviceManagement/roleAssignments/{{id}}"),
                get(
                    move |State(state): State<Arc<AppState>>,
                          Extension(Caller(tenant)): Extension<Caller>,
                          Path(id): Path<String>,
                          headers: HeaderMap| async move {
                        let base = origin::base_url(&headers, &state.host);
                        super::role_assignments::get(&tenant, &base, version, &id)
                    },
                )
                .fallback(method_not_allowed),
            );
    }
    // Microsoft's endpoint security templates, which intents are made from.
    let base = |state: &AppState, headers: &HeaderMap| origin::base_url(headers, &state.host);
    graph = graph
        .route(
            "/beta/deviceManagement/templates",
            get(
                move |State(state): State<Arc<AppState>>, headers: HeaderMap| async move {
                    super::templates::list(&base(&state, &headers))
                },
            )
            .fallback(method_not_allowed),
        )
        .route(
            "/beta/deviceManagement/templates/{id}",
            get(
                move |State(state): State<Arc<AppState>>,
                      Path(id): Path<String>,
                      headers: HeaderMap| async move {
                    super::templates::get(&base(&state, &headers), &id)
                },
            )
            .fallback(method_not_allowed),
        )
        .route(
            "/beta/deviceManagement/templates/{id}/categories",
            get(
                move |State(state): State<Arc<AppState>>,
                      Path(id): Path<String>,
                      headers: HeaderMap| async move {
                    super::templates::categories(&base(&state, &headers), &id)
                },
            )
            .fallback(method_not_allowed),
        );
    graph
        .route_layer(middleware::from_fn_with_state(state.clone(), inject::layer))
        .route_layer(middleware::from_fn_with_state(state.clone(), bearer::layer))
}

/// `POST /v1.0/$batch` and `POST /beta/$batch`; parts go through `dispatch`.
pub(super) fn batch(dispatch: Router) -> Router<Arc<AppState>> {
    let mut routes = Router::new();
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        let dispatch = dispatch.clone();
        routes = routes.route(
            &format!("/{}/$batch", version.segment()),
            post(
                move |State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes| {
                    batch::handle(state, dispatch.clone(), version, headers, body)
                },
            )
            .fallback(method_not_allowed),
        );
    }
    routes
}

/// Graph's union collection of app protection and targeted app configuration policies.
const MANAGED_APP_POLICIES: &str = "deviceAppManagement/managedAppPolicies";
/// The collections it unites.
const MANAGED_APP_POLICY_MEMBERS: [&str; 4] = [
    "deviceAppManagement/iosManagedAppProtections",
    "deviceAppManagement/androidManagedAppProtections",
    "deviceAppManagement/mdmWindowsInformationProtectionPolicies",
    "deviceAppManagement/targetedManagedAppConfigurations",
];

fn managed_app_policies(version: ApiVersion) -> MethodRouter<Arc<AppState>> {
    get(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              RawQuery(raw): RawQuery,
              headers: HeaderMap| async move {
            let query = ODataQuery::parse(raw.as_deref())?;
            let target = target(&state, version, MANAGED_APP_POLICIES, &headers);
            graph::union_list(&tenant, &target, &MANAGED_APP_POLICY_MEMBERS, &query)
        },
    )
    .fallback(method_not_allowed)
}

/// `{id}/{nav}/{item}` and, with `sub`, `{id}/{nav}/{item}/{sub}` (reads only).
fn navigation_item_route(
    version: ApiVersion,
    path: &'static str,
    sub: bool,
) -> MethodRouter<Arc<AppState>> {
    get(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              Path(segments): Path<Vec<(String, String)>>,
              headers: HeaderMap| async move {
            let segment = |name: &str| {
                segments
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let sub_name = segment("sub");
            graph::navigation_item(
                &tenant,
                &target(&state, version, path, &headers),
                &segment("id"),
                &segment("nav"),
                &segment("item"),
                sub.then_some(sub_name.as_str()),
            )
        },
    )
    .fallback(method_not_allowed)
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
    .post(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              headers: HeaderMap,
              body: Bytes| async move {
            let target = target(&state, version, path, &headers);
            writes::create(&tenant, &target, &body, state.clock.now())
        },
    )
    .fallback(method_not_allowed)
}

fn object_route(version: ApiVersion, path: &'static str) -> MethodRouter<Arc<AppState>> {
    let update = move |replace: bool| {
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              Path(id): Path<String>,
              headers: HeaderMap,
              body: Bytes| async move {
            let target = target(&state, version, path, &headers);
            writes::update(&tenant, &target, &id, &body, replace, state.clock.now())
        }
    };
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
    .patch(update(false))
    .put(update(true))
    .delete(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              Path(id): Path<String>,
              headers: HeaderMap| async move {
            writes::delete(&tenant, &target(&state, version, path, &headers), &id)
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
    .post(
        move |State(state): State<Arc<AppState>>,
              Extension(Caller(tenant)): Extension<Caller>,
              Path((id, nav)): Path<(String, String)>,
              headers: HeaderMap,
              body: Bytes| async move {
            match nav.as_str() {
                "assign" => assign::assign(
                    &tenant,
                    &target(&state, version, path, &headers),
                    &id,
                    &body,
                ),
                _ if navigation_names_of_path(path).contains(&nav.as_str()) => {
                    Err(method_not_allowed().await)
                }
                _ => Err(GraphError::segment_not_found(&nav)),
            }
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
