//! JSON batching: `POST /v1.0/$batch` and `POST /beta/$batch` with
//! `{"requests":[{id, method, url, headers?, body?, dependsOn?}]}` (at most 20) answered by
//! `{"responses":[{id, status, headers, body?}]}` in request order.
//!
//! The batch call itself is authenticated but not admitted by throttling; each part is sent
//! through the Graph router (with the batch's `Authorization`), so it is authenticated,
//! authorized, throttled, counted, fault-injected and routed exactly like a request of its own:
//! a throttled part answers 429 with `Retry-After` while the others succeed and the batch
//! answers 200. Parts run concurrently, started in request order (so their admission order is
//! the request order); a part with `dependsOn` runs after its dependencies, and answers 424
//! when one failed.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;

use atlas_graph::ApiVersion;
use axum::body::{to_bytes, Body, Bytes};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

use super::bearer::authenticate;
use super::errors::GraphError;
use super::graph::graph_json;
use super::ids::{graph_date, RequestIds};
use super::AppState;
use crate::stats::TenantCounters;

/// Graph's limit of requests in one batch.
pub(crate) const MAX_REQUESTS: usize = 20;

/// Headers of the batch call every part inherits: the caller and the origin links are built on.
const INHERITED: [HeaderName; 4] = [
    header::AUTHORIZATION,
    header::HOST,
    HeaderName::from_static("x-forwarded-proto"),
    HeaderName::from_static("x-forwarded-host"),
];

#[derive(Debug, Clone)]
struct Part {
    /// The id as the client wrote it (a string or a number), echoed back the same way.
    id_as_sent: Value,
    /// The id as text, for matching `dependsOn` and finding duplicates.
    id: String,
    method: Method,
    url: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Value>,
    /// Indexes of the parts this one waits for.
    depends_on: Vec<usize>,
}

pub(crate) async fn handle(
    state: Arc<AppState>,
    dispatch: Router,
    version: ApiVersion,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match run(&state, dispatch, version, &headers, &body).await {
        Ok(responses) => graph_json(StatusCode::OK, json!({ "responses": responses })),
        Err(error) => error.into_response(),
    }
}

async fn run(
    state: &AppState,
    dispatch: Router,
    version: ApiVersion,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<Value>, GraphError> {
    let (tenant, _) = authenticate(state, headers)?;
    let parts = parse(body)?;
    let waves = waves(&parts)?;
    TenantCounters::bump(&tenant.stats.batches);
    let mut answers: Vec<Option<(u16, Value)>> = vec![None; parts.len()];
    for wave in waves {
        let runs: Vec<_> = wave
            .iter()
            .map(|&i| {
                let part = &parts[i];
                let failed = part.depends_on.iter().any(|&d| {
                    answers[d]
                        .as_ref()
                        .is_none_or(|(s, _)| !(200..300).contains(s))
                });
                let dispatch = dispatch.clone();
                async move {
                    if failed {
                        return in_band(state, part, failed_dependency());
                    }
                    match sub_request(part, version, headers) {
                        Ok(request) => answer(part, dispatch, request).await,
                        Err(error) => in_band(state, part, error),
                    }
                }
            })
            .collect();
        for (i, answer) in wave.iter().zip(join_in_order(runs).await) {
            answers[*i] = Some(answer);
        }
    }
    Ok(answers.into_iter().flatten().map(|(_, v)| v).collect())
}

/// Sends one part through the Graph router and renders its answer as a batch response.
async fn answer(part: &Part, dispatch: Router, request: Request<Body>) -> (u16, Value) {
    let response = match dispatch.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status().as_u16();
    let mut headers = Map::new();
    for (name, value) in response.headers() {
        if name == header::CONTENT_LENGTH {
            continue;
        }
        if let Ok(value) = value.to_str() {
            headers.insert(display_name(name), Value::from(value));
        }
    }
    let bytes = to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let mut rendered = json!({ "id": part.id_as_sent, "status": status, "headers": headers });
    if !bytes.is_empty() {
        // A body that is not JSON (an injected malformed answer) is passed on as text.
        rendered["body"] = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::from(String::from_utf8_lossy(&bytes).into_owned()));
    }
    (status, rendered)
}

/// A part answered by the batch itself (bad URL, failed dependency), with Graph's error body.
fn in_band(state: &AppState, part: &Part, error: GraphError) -> (u16, Value) {
    let ids = RequestIds::from_headers(&HeaderMap::from_iter(part.headers.iter().cloned()));
    let status = error.status.as_u16();
    let body = error.body(&ids, &graph_date(&*state.clock));
    (
        status,
        json!({
            "id": part.id_as_sent,
            "status": status,
            "headers": { "Content-Type": "application/json" },
            "body": body
        }),
    )
}

fn failed_dependency() -> GraphError {
    GraphError::new(
        StatusCode::FAILED_DEPENDENCY,
        "FailedDependency",
        "The request was not run because a request it depends on failed.",
    )
}

/// `Content-Type`, `Retry-After`, …: how Graph spells header names in batch responses (its
/// request ids stay lower case).
fn display_name(name: &HeaderName) -> String {
    let name = name.as_str();
    if name.ends_with("request-id") {
        return name.to_owned();
    }
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The part as an HTTP request to `/{version}/{url}`.
fn sub_request(
    part: &Part,
    version: ApiVersion,
    batch: &HeaderMap,
) -> Result<Request<Body>, GraphError> {
    let invalid_url = || {
        GraphError::bad_request(format!(
            "Invalid request URL '{}': a batch request's URL must be relative to the version root.",
            part.url
        ))
    };
    if part.url.contains("://") {
        return Err(invalid_url());
    }
    let path = part.url.trim_start_matches('/');
    let path = path.split(['?', '#']).next().unwrap_or(path);
    if path.trim_end_matches('/').eq_ignore_ascii_case("$batch") {
        return Err(GraphError::bad_request(
            "A batch request cannot contain another batch request.",
        ));
    }
    let uri = format!(
        "/{}/{}",
        version.segment(),
        percent_encode_unsafe(part.url.trim_start_matches('/'))
    );
    let mut request = Request::builder()
        .method(part.method.clone())
        .uri(uri)
        .body(match &part.body {
            Some(body) => Body::from(body.to_string()),
            None => Body::empty(),
        })
        .map_err(|_| invalid_url())?;
    let headers = request.headers_mut();
    for (name, value) in &part.headers {
        headers.insert(name.clone(), value.clone());
    }
    for name in INHERITED {
        match batch.get(&name) {
            Some(value) => headers.insert(name, value.clone()),
            None => headers.remove(name),
        };
    }
    Ok(request)
}

/// Clients put URLs like `users?$filter=city eq null` in batches unencoded; encode what a URI
/// cannot hold and leave the rest (including existing escapes) alone.
fn percent_encode_unsafe(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A request id as text: a non-empty string, or a number as written.
fn id_text(id: &Value) -> Option<String> {
    match id {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse(body: &[u8]) -> Result<Vec<Part>, GraphError> {
    let invalid = || GraphError::bad_request("Invalid batch payload format.");
    let document: Value = serde_json::from_slice(body).map_err(|_| invalid())?;
    let requests = document
        .get("requests")
        .and_then(Value::as_array)
        .ok_or_else(invalid)?;
    if requests.is_empty() {
        return Err(invalid());
    }
    if requests.len() > MAX_REQUESTS {
        return Err(GraphError::bad_request(format!(
            "The batch contains {} requests, more than the maximum of {MAX_REQUESTS}.",
            requests.len()
        )));
    }
    let mut parts = Vec::with_capacity(requests.len());
    let mut depends: Vec<Vec<String>> = Vec::with_capacity(requests.len());
    for request in requests {
        let text = |name: &str| request.get(name).and_then(Value::as_str);
        // Graph takes a number as well as a string (clients send `"id": 1`).
        let id_as_sent = request.get("id").cloned().unwrap_or(Value::Null);
        let id = id_text(&id_as_sent)
            .ok_or_else(|| GraphError::bad_request("Every batch request needs an 'id'."))?;
        let id = id.as_str();
        if parts.iter().any(|p: &Part| p.id.eq_ignore_ascii_case(id)) {
            return Err(GraphError::bad_request(format!(
                "The batch contains the request id '{id}' more than once."
            )));
        }
        let method = text("method")
            .and_then(|m| Method::from_bytes(m.to_ascii_uppercase().as_bytes()).ok())
            .filter(|m| {
                [
                    Method::GET,
                    Method::POST,
                    Method::PATCH,
                    Method::PUT,
                    Method::DELETE,
                ]
                .contains(m)
            })
            .ok_or_else(|| {
                GraphError::bad_request(format!("Request id '{id}' has no valid 'method'."))
            })?;
        let url = text("url")
            .filter(|u| !u.is_empty())
            .ok_or_else(|| GraphError::bad_request(format!("Request id '{id}' has no 'url'.")))?;
        let headers = part_headers(id, request.get("headers"))?;
        let body = request.get("body").filter(|b| !b.is_null()).cloned();
        let writes = [Method::POST, Method::PATCH, Method::PUT].contains(&method);
        let typed = headers.iter().any(|(n, _)| n == header::CONTENT_TYPE);
        if (writes && body.is_none()) || ((writes || body.is_some()) && !typed) {
            return Err(GraphError::bad_request(format!(
                "Write request id : {id} does not contain Content-Type header or body."
            )));
        }
        depends.push(match request.get("dependsOn") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(ids)) => ids
                .iter()
                .map(id_text)
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    GraphError::bad_request(format!(
                        "Request id '{id}': 'dependsOn' must list request ids."
                    ))
                })?,
            Some(_) => {
                return Err(GraphError::bad_request(format!(
                    "Request id '{id}': 'dependsOn' must list request ids."
                )))
            }
        });
        parts.push(Part {
            id_as_sent,
            id: id.to_owned(),
            method,
            url: url.to_owned(),
            headers,
            body,
            depends_on: Vec::new(),
        });
    }
    for (index, names) in depends.into_iter().enumerate() {
        for name in names {
            let dependency = parts
                .iter()
                .position(|p| p.id.eq_ignore_ascii_case(&name))
                .filter(|&d| d != index)
                .ok_or_else(|| {
                    GraphError::bad_request(format!(
                        "Request id '{}' depends on '{name}', which is not another request of the batch.",
                        parts[index].id
                    ))
                })?;
            parts[index].depends_on.push(dependency);
        }
    }
    Ok(parts)
}

fn part_headers(
    id: &str,
    headers: Option<&Value>,
) -> Result<Vec<(HeaderName, HeaderValue)>, GraphError> {
    let invalid = || GraphError::bad_request(format!("Request id '{id}' has invalid 'headers'."));
    let Some(headers) = headers.filter(|h| !h.is_null()) else {
        return Ok(Vec::new());
    };
    headers
        .as_object()
        .ok_or_else(invalid)?
        .iter()
        .map(|(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let value = value
                .as_str()
                .and_then(|v| HeaderValue::from_str(v).ok())
                .ok_or_else(invalid)?;
            Ok((name, value))
        })
        .collect()
}

/// Parts grouped into rounds: each round holds the parts whose dependencies all ran in earlier
/// rounds, in request order.
fn waves(parts: &[Part]) -> Result<Vec<Vec<usize>>, GraphError> {
    let mut done = vec![false; parts.len()];
    let mut waves = Vec::new();
    while done.iter().any(|d| !d) {
        let wave: Vec<usize> = (0..parts.len())
            .filter(|&i| !done[i] && parts[i].depends_on.iter().all(|&d| done[d]))
            .collect();
        if wave.is_empty() {
            return Err(GraphError::bad_request(
                "The 'dependsOn' of the batch requests form a cycle.",
            ));
        }
        for &i in &wave {
            done[i] = true;
        }
        waves.push(wave);
    }
    Ok(waves)
}

/// Runs futures concurrently, polling them in order, so each one's synchronous start (where a
/// part is authenticated and admitted) happens in the order given.
async fn join_in_order<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(body: Value) -> Result<Vec<Part>, GraphError> {
        parse(body.to_string().as_bytes())
    }

    fn get(id: &str) -> Value {
        json!({"id": id, "method": "GET", "url": "/groups"})
    }

    #[test]
    fn the_payload_is_checked_like_graph_does() {
        assert!(parts(json!({"requests": [get("1"), get("2")]})).is_ok());
        let too_many: Vec<Value> = (0..21).map(|i| get(&i.to_string())).collect();
        let err = parts(json!({ "requests": too_many })).unwrap_err();
        assert!(err.message.contains("maximum of 20"), "{}", err.message);
        for bad in [
            json!({"requests": [get("a"), get("A")]}),
            json!({"requests": []}),
            json!({"nothing": 1}),
            json!({"requests": [{"id": "1", "method": "GET"}]}),
            json!({"requests": [{"id": "1", "method": "TRACE", "url": "/groups"}]}),
            json!({"requests": [{"id": "1", "method": "POST", "url": "/groups", "body": {}}]}),
            json!({"requests": [{"id": "1", "method": "GET", "url": "/groups", "dependsOn": ["9"]}]}),
        ] {
            assert_eq!(parts(bad.clone()).unwrap_err().code, "BadRequest", "{bad}");
        }
        let write = json!({"requests": [{"id": "1", "method": "post", "url": "/groups",
            "headers": {"Content-Type": "application/json"}, "body": {"displayName": "x"}}]});
        assert_eq!(parts(write).unwrap()[0].method, Method::POST);
    }

    #[test]
    fn dependencies_run_in_later_waves_and_cycles_are_refused() {
        let mut a = get("a");
        a["dependsOn"] = json!(["c"]);
        let mut c = get("c");
        c["dependsOn"] = json!(["b"]);
        let p = parts(json!({"requests": [a, get("b"), c]})).unwrap();
        assert_eq!(waves(&p).unwrap(), vec![vec![1], vec![2], vec![0]]);
        let mut x = get("x");
        x["dependsOn"] = json!(["y"]);
        let mut y = get("y");
        y["dependsOn"] = json!(["x"]);
        let p = parts(json!({"requests": [x, y]})).unwrap();
        assert!(waves(&p).is_err());
    }

    #[test]
    fn urls_are_resolved_against_the_version_and_encoded() {
        let p = &parts(json!({"requests": [{"id": "1", "method": "GET",
            "url": "deviceManagement/deviceConfigurations?$filter=not isof('x')"}]}))
        .unwrap()[0];
        let request = sub_request(p, ApiVersion::Beta, &HeaderMap::new()).unwrap();
        assert_eq!(
            request.uri().to_string(),
            "/beta/deviceManagement/deviceConfigurations?$filter=not%20isof('x')"
        );
        let mut absolute = p.clone();
        absolute.url = "https://graph.microsoft.com/v1.0/groups".into();
        assert!(sub_request(&absolute, ApiVersion::V1, &HeaderMap::new()).is_err());
    }

    #[test]
    fn header_names_are_spelled_like_graph() {
        assert_eq!(display_name(&header::RETRY_AFTER), "Retry-After");
        assert_eq!(display_name(&header::CONTENT_TYPE), "Content-Type");
        assert_eq!(
            display_name(&HeaderName::from_static("client-request-id")),
            "client-request-id"
        );
    }
}
