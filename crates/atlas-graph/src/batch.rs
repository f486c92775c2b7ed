//! JSON `$batch`: up to 20 requests per call, each part judged on its own status. A 200 batch
//! with failed parts is a partial failure, never "empty": every request gets an answer or an
//! error. Every part counts against the tenant's budget (the service throttles parts one by
//! one); throttled or unavailable parts are sent again after their `Retry-After`.

use std::collections::HashMap;

use futures_util::{stream, StreamExt};
use reqwest::Method;
use serde_json::{json, Value};

use crate::budget::Cost;
use crate::client::{parse_body, Counters};
use crate::error::{graph_error, GraphError, ProviderReason};
use crate::token::unreachable;
use crate::{ApiVersion, Credentials, GraphClient};

/// Graph's limit of requests in one batch.
pub const MAX_BATCH: usize = 20;

/// One request inside a batch; `url` is relative to the version root
/// (`/deviceManagement/configurationPolicies/{id}/settings`).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRequest {
    pub id: String,
    pub method: Method,
    pub url: String,
    pub body: Option<Value>,
}

impl BatchRequest {
    pub fn get(id: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            method: Method::GET,
            url: url.into(),
            body: None,
        }
    }

    fn cost(&self) -> Cost {
        if self.method == Method::GET {
            Cost::Read
        } else {
            Cost::Write
        }
    }

    fn to_json(&self) -> Value {
        let mut part = json!({
            "id": self.id,
            "method": self.method.as_str(),
            "url": self.url,
        });
        if let Some(body) = &self.body {
            part["body"] = body.clone();
            part["headers"] = json!({ "Content-Type": "application/json" });
        }
        part
    }
}

/// The answer to one part: its body (`Null` for 204) or why it failed.
#[derive(Debug, Clone)]
pub struct BatchResponse {
    pub id: String,
    pub result: Result<Value, GraphError>,
}

/// One batch call: the requests sent and what happened to each.
type Round = (Vec<BatchRequest>, Vec<(String, PartOutcome)>);

/// What happened to a part in one round trip.
enum PartOutcome {
    Done(Result<Value, GraphError>),
    /// Throttled or unavailable: send again after this many seconds (if given); the error
    /// stands if no attempt is left.
    Again(Option<u64>, GraphError),
}

impl GraphClient {
    /// Sends `requests` in batches of at most 20 (several batches in flight, within the tenant's
    /// budget) and returns one response per request, in request order.
    pub async fn batch(
        &self,
        credentials: &Credentials,
        version: ApiVersion,
        requests: Vec<BatchRequest>,
    ) -> Vec<BatchResponse> {
        let mut results: HashMap<String, Result<Value, GraphError>> = HashMap::new();
        let order: Vec<String> = requests.iter().map(|r| r.id.clone()).collect();
        let mut pending = requests;
        let mut attempt = 0;
        while !pending.is_empty() {
            let chunks: Vec<Vec<BatchRequest>> =
                pending.chunks(MAX_BATCH).map(<[_]>::to_vec).collect();
            let rounds: Vec<Round> = stream::iter(chunks)
                .map(|chunk| async move {
                    let outcomes = self.send_batch(credentials, version, &chunk).await;
                    (chunk, outcomes)
                })
                .buffer_unordered(self.settings.max_in_flight)
                .collect()
                .await;
            let mut again = Vec::new();
            let mut wait: Option<u64> = None;
            for (chunk, outcomes) in rounds {
                let mut by_id: HashMap<String, PartOutcome> = outcomes.into_iter().collect();
                for request in chunk {
                    match by_id.remove(&request.id) {
                        Some(PartOutcome::Done(result)) => {
                            results.insert(request.id.clone(), result);
                        }
                        Some(PartOutcome::Again(retry_after, error)) => {
                            if attempt < self.settings.max_retries {
                                wait = wait.max(retry_after).or(Some(0));
                                again.push(request);
                            } else {
                                results.insert(request.id.clone(), Err(error));
                            }
                        }
                        None => {
                            results.insert(
                                request.id.clone(),
                                Err(GraphError::new(
                                    ProviderReason::MalformedResponse,
                                    format!(
                                        "The batch answer had no part for request {}.",
                                        request.id
                                    ),
                                )),
                            );
                        }
                    }
                }
            }
            if !again.is_empty() {
                attempt += 1;
                Counters::add(&self.counters.retries, again.len() as u64);
                let retry_after = wait.filter(|s| *s > 0);
                tokio::time::sleep(self.backoff(attempt, retry_after)).await;
            }
            pending = again;
        }
        order
            .into_iter()
            .map(|id| {
                let result = results.remove(&id).unwrap_or_else(|| {
                    Err(GraphError::new(
                        ProviderReason::MalformedResponse,
                        "A batch part got no answer.",
                    ))
                });
                BatchResponse { id, result }
            })
            .collect()
    }

    /// One `$batch` call (with whole-call retries); an outcome per part it could judge.
    async fn send_batch(
        &self,
        credentials: &Credentials,
        version: ApiVersion,
        chunk: &[BatchRequest],
    ) -> Vec<(String, PartOutcome)> {
        let fail_all = |error: GraphError| {
            chunk
                .iter()
                .map(|r| (r.id.clone(), PartOutcome::Done(Err(error.clone()))))
                .collect()
        };
        let url = match self.version_root(version).and_then(|root| {
            root.join("$batch").map_err(|_| {
                GraphError::new(
                    ProviderReason::BadRequest,
                    "The Graph root URL is not usable.",
                )
            })
        }) {
            Ok(url) => url,
            Err(error) => return fail_all(error),
        };
        let body =
            json!({ "requests": chunk.iter().map(BatchRequest::to_json).collect::<Vec<_>>() });
        let writes = chunk.iter().filter(|r| r.cost() == Cost::Write).count();
        let slot = self.budget.slot(&credentials.tenant).await;
        self.budget
            .acquire(&credentials.tenant, Cost::Read, chunk.len() - writes)
            .await;
        self.budget
            .acquire(&credentials.tenant, Cost::Write, writes)
            .await;
        Counters::add(&self.counters.batches, 1);
        Counters::add(&self.counters.requests, chunk.len() as u64);
        // The batch call itself: POST, but a batch of reads is safe to repeat, and a 429/503 on
        // the whole call means nothing ran.
        let answer = self.post_batch(credentials, &url, &body, writes == 0).await;
        drop(slot);
        let parts = match answer {
            Ok(parts) => parts,
            Err(error) => return fail_all(error),
        };
        parts
            .into_iter()
            .filter_map(|part| {
                let id = part.get("id")?.as_str()?.to_owned();
                let request = chunk.iter().find(|r| r.id == id)?;
                Some((id, judge_part(part, &request.method, self)))
            })
            .collect()
    }

    async fn post_batch(
        &self,
        credentials: &Credentials,
        url: &url::Url,
        body: &Value,
        repeatable: bool,
    ) -> Result<Vec<Value>, GraphError> {
        let mut attempt = 0;
        let mut refreshed_token = false;
        loop {
            let token = self.access_token(credentials).await?;
            let sent = self
                .http
                .request(Method::POST, url.clone())
                .bearer_auth(token)
                .json(body)
                .send()
                .await;
            let response = match sent {
                Ok(response) => response,
                Err(err) if repeatable && attempt < self.settings.max_retries => {
                    attempt += 1;
                    tracing::warn!(error = %unreachable(err), "Graph batch failed; retrying");
                    tokio::time::sleep(self.backoff(attempt, None)).await;
                    continue;
                }
                Err(err) => return Err(unreachable(err)),
            };
            let status = response.status().as_u16();
            let request_id = response
                .headers()
                .get("request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok());
            let text = response.bytes().await.map_err(unreachable)?;
            match status {
                200 => {
                    let mut body = parse_body(&text, status, request_id)?;
                    return match body.get_mut("responses").map(Value::take) {
                        Some(Value::Array(parts)) => Ok(parts),
                        _ => Err(GraphError::new(
                            ProviderReason::MalformedResponse,
                            "A batch answer had no `responses` list.",
                        )),
                    };
                }
                401 if !refreshed_token => {
                    self.forget_token(credentials).await;
                    refreshed_token = true;
                }
                429 | 503 if attempt < self.settings.max_retries => {
                    attempt += 1;
                    tokio::time::sleep(self.backoff(attempt, retry_after)).await;
                }
                500 | 502 | 504 if repeatable && attempt < self.settings.max_retries => {
                    attempt += 1;
                    tokio::time::sleep(self.backoff(attempt, retry_after)).await;
                }
                _ => {
                    return Err(graph_error(
                        status,
                        &String::from_utf8_lossy(&text),
                        request_id,
                    ))
                }
            }
        }
    }
}

/// A part's own status decides: 2xx is its body, 429/503 (and other 5xx of reads) go again,
/// anything else is that part's error.
fn judge_part(mut part: Value, method: &Method, client: &GraphClient) -> PartOutcome {
    let status = part
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0);
    let body = part.get_mut("body").map(Value::take).unwrap_or(Value::Null);
    let header = |name: &str| {
        part.get("headers")
            .and_then(Value::as_object)
            .and_then(|h| {
                h.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v)
            })
            .and_then(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .or_else(|| v.as_u64().map(|n| n.to_string()))
            })
    };
    let error = || graph_error(status, &body.to_string(), header("request-id"));
    let retry_after = || header("retry-after").and_then(|v| v.parse().ok());
    match status {
        200..=299 => PartOutcome::Done(Ok(body)),
        429 => {
            Counters::add(&client.counters.throttled, 1);
            PartOutcome::Again(retry_after(), error())
        }
        503 => PartOutcome::Again(retry_after(), error()),
        // A create that failed with 500 may have happened: never sent twice.
        500 | 502 | 504 if method != Method::POST => PartOutcome::Again(None, error()),
        0 => PartOutcome::Done(Err(GraphError::new(
            ProviderReason::MalformedResponse,
            "A batch part had no status.",
        ))),
        _ => PartOutcome::Done(Err(error())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_carry_their_body_only_when_they_have_one() {
        let get = BatchRequest::get("1", "/groups");
        assert_eq!(
            get.to_json(),
            json!({"id": "1", "method": "GET", "url": "/groups"})
        );
        let patch = BatchRequest {
            id: "2".into(),
            method: Method::PATCH,
            url: "/groups/x".into(),
            body: Some(json!({"displayName": "n"})),
        };
        let part = patch.to_json();
        assert_eq!(part["body"]["displayName"], "n");
        assert_eq!(part["headers"]["Content-Type"], "application/json");
        assert_eq!(patch.cost(), Cost::Write);
    }
}
