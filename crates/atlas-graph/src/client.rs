//! The Graph client: authenticated requests within the tenant's budget, paging through
//! `@odata.nextLink`, and retries of throttling (429/503, honouring `Retry-After`) and server
//! errors with bounded, jittered backoff. POST is retried only when the service refused it
//! before doing anything (429/503), so a create is never sent twice after a 500.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rand::Rng;
use reqwest::Method;
use serde_json::Value;
use url::Url;

use crate::{
    budget::{Budget, Cost},
    error::{graph_error, GraphError, ProviderReason},
    query::ListQuery,
    token::{unreachable, TokenCache},
    Credentials, GraphSettings, ObjectType,
};

/// One page of a collection.
#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<Value>,
    pub next_link: Option<Url>,
}

/// What listing a whole collection took.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListStats {
    pub pages: u32,
    pub requests: u32,
    /// 429 answers received (the budget should keep this at zero).
    pub throttled: u32,
}

/// Counters over the client's whole life, for run context and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientStats {
    /// Requests sent to Graph, counting each part of a `$batch` and every retry.
    pub requests: u64,
    pub batches: u64,
    /// 429 answers (whole requests or batch parts).
    pub throttled: u64,
    pub retries: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub requests: AtomicU64,
    pub batches: AtomicU64,
    pub throttled: AtomicU64,
    pub retries: AtomicU64,
}

impl Counters {
    pub(crate) fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }
}

/// A successful answer: status, parsed body (`Null` when empty) and Microsoft's request id.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub request_id: Option<String>,
    /// 429 answers received on the way.
    pub throttled: u32,
}

#[derive(Debug)]
pub struct GraphClient {
    pub(crate) http: reqwest::Client,
    pub(crate) settings: GraphSettings,
    tokens: TokenCache,
    pub(crate) budget: Budget,
    pub(crate) counters: Counters,
}

impl GraphClient {
    pub fn new(settings: GraphSettings) -> Result<Self, GraphError> {
        let mut builder = reqwest::Client::builder().timeout(settings.request_timeout);
        if let Some(pem) = &settings.extra_root_pem {
            let cert = reqwest::Certificate::from_pem(pem).map_err(|_| {
                GraphError::new(
                    ProviderReason::BadRequest,
                    "The extra root certificate is not valid PEM.",
                )
            })?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder.build().map_err(unreachable)?;
        let budget = Budget::new(
            settings.requests_per_window,
            settings.writes_per_window,
            settings.window + settings.window_margin,
            settings.max_in_flight,
        );
        Ok(Self {
            http,
            settings,
            tokens: TokenCache::default(),
            budget,
            counters: Counters::default(),
        })
    }

    pub fn settings(&self) -> &GraphSettings {
        &self.settings
    }

    pub fn stats(&self) -> ClientStats {
        let c = &self.counters;
        ClientStats {
            requests: c.requests.load(Ordering::Relaxed),
            batches: c.batches.load(Ordering::Relaxed),
            throttled: c.throttled.load(Ordering::Relaxed),
            retries: c.retries.load(Ordering::Relaxed),
        }
    }

    /// A token for these credentials (cached); verifies that the tenant can be reached.
    pub async fn access_token(&self, credentials: &Credentials) -> Result<String, GraphError> {
        self.tokens
            .token(&self.http, &self.settings, credentials)
            .await
    }

    /// A newly requested token: proves the credentials work now, not when a token was cached.
    pub async fn fresh_token(&self, credentials: &Credentials) -> Result<String, GraphError> {
        self.tokens.invalidate(credentials).await;
        self.access_token(credentials).await
    }

    pub(crate) async fn forget_token(&self, credentials: &Credentials) {
        self.tokens.invalidate(credentials).await;
    }

    /// `{graph root}/{version}/` — what relative Graph paths are joined to.
    pub fn version_root(&self, version: crate::ApiVersion) -> Result<Url, GraphError> {
        self.settings
            .graph_root
            .join(&format!("{}/", version.segment()))
            .map_err(|_| {
                GraphError::new(
                    ProviderReason::BadRequest,
                    "The Graph root URL is not usable.",
                )
            })
    }

    /// The first page URL of a catalog type's collection, with the catalog's `$expand` and
    /// `$filter`, and an optional page size.
    pub fn collection_url(
        &self,
        object_type: &ObjectType,
        top: Option<u32>,
    ) -> Result<Url, GraphError> {
        let query = ListQuery {
            top,
            ..ListQuery::for_type(object_type)
        };
        self.url(object_type.version, object_type.path, &query)
    }

    /// `{root}/{version}/{path}?{query}`.
    pub fn url(
        &self,
        version: crate::ApiVersion,
        path: &str,
        query: &ListQuery,
    ) -> Result<Url, GraphError> {
        let mut url = self
            .version_root(version)?
            .join(path.trim_start_matches('/'))
            .map_err(|_| {
                GraphError::new(ProviderReason::BadRequest, "A Graph path is not usable.")
            })?;
        query.apply(&mut url);
        Ok(url)
    }

    /// GETs one JSON document, within the tenant's budget, retrying throttling and 5xx.
    pub async fn get_json(
        &self,
        credentials: &Credentials,
        url: &Url,
    ) -> Result<(Value, u32), GraphError> {
        let answer = self.send(credentials, Method::GET, url, None).await?;
        Ok((answer.body, answer.throttled))
    }

    /// A write (POST, PATCH, PUT, DELETE) within the tenant's write budget. The body of the
    /// answer (`Null` for 204) is returned.
    pub async fn write(
        &self,
        credentials: &Credentials,
        method: Method,
        url: &Url,
        body: Option<&Value>,
    ) -> Result<Answer, GraphError> {
        if method == Method::GET {
            return Err(GraphError::new(
                ProviderReason::BadRequest,
                "A write needs POST, PATCH, PUT or DELETE.",
            ));
        }
        self.send(credentials, method, url, body).await
    }

    /// One request with the budget, token renewal and the retry policy applied.
    pub async fn send(
        &self,
        credentials: &Credentials,
        method: Method,
        url: &Url,
        body: Option<&Value>,
    ) -> Result<Answer, GraphError> {
        let cost = if method == Method::GET {
            Cost::Read
        } else {
            Cost::Write
        };
        let mut throttled = 0;
        let mut attempt = 0;
        let mut refreshed_token = false;
        loop {
            let slot = self.budget.slot(&credentials.tenant).await;
            self.budget.acquire(&credentials.tenant, cost, 1).await;
            let token = self.access_token(credentials).await?;
            Counters::add(&self.counters.requests, 1);
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(token);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = match request.send().await {
                Ok(r) => r,
                // A request that never got an answer may have been applied: only reads retry.
                Err(err) if attempt < self.settings.max_retries && method == Method::GET => {
                    tracing::warn!(error = %unreachable(err), "Graph request failed; retrying");
                    attempt += 1;
                    Counters::add(&self.counters.retries, 1);
                    tokio::time::sleep(self.backoff(attempt, None)).await;
                    continue;
                }
                Err(err) => return Err(unreachable(err)),
            };
            let status = response.status().as_u16();
            let request_id = header(&response, "request-id");
            let retry_after = header(&response, "retry-after").and_then(|v| v.parse::<u64>().ok());
            let text = response.bytes().await.map_err(unreachable)?;
            if status == 429 {
                throttled += 1;
                Counters::add(&self.counters.throttled, 1);
            }
            match status {
                200..=299 => {
                    let body = parse_body(&text, status, request_id.clone())?;
                    return Ok(Answer {
                        status,
                        body,
                        request_id,
                        throttled,
                    });
                }
                // An expired token mid-run: get a new one once, then retry.
                401 if !refreshed_token => {
                    self.forget_token(credentials).await;
                    refreshed_token = true;
                }
                s if attempt < self.settings.max_retries && retryable(&method, s) => {
                    attempt += 1;
                    Counters::add(&self.counters.retries, 1);
                    drop(slot);
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

    /// `Retry-After` when given (capped), otherwise exponential from 1 s; plus up to 25% jitter.
    pub(crate) fn backoff(&self, attempt: u32, retry_after: Option<u64>) -> Duration {
        let base = match retry_after {
            Some(secs) => Duration::from_secs(secs),
            None => Duration::from_millis(500u64.saturating_mul(1 << attempt.min(10))),
        }
        .min(self.settings.max_backoff);
        let jitter = rand::rng().random_range(0.0..0.25);
        base.mul_f64(1.0 + jitter)
    }

    /// One page: the items in `value` and the next link, if any.
    pub async fn get_page(
        &self,
        credentials: &Credentials,
        url: &Url,
    ) -> Result<(Page, u32), GraphError> {
        let (body, throttled) = self.get_json(credentials, url).await?;
        Ok((page_of(body)?, throttled))
    }

    /// Every item of a collection, following `@odata.nextLink` to the end.
    pub async fn list_all(
        &self,
        credentials: &Credentials,
        first: Url,
    ) -> Result<(Vec<Value>, ListStats), GraphError> {
        let mut items = Vec::new();
        let mut stats = ListStats::default();
        let mut next = Some(first);
        while let Some(url) = next {
            let (page, throttled) = self.get_page(credentials, &url).await?;
            stats.pages += 1;
            stats.requests += 1 + throttled;
            stats.throttled += throttled;
            items.extend(page.items);
            next = page.next_link;
        }
        Ok((items, stats))
    }
}

/// Reads are always safe to repeat; PATCH/PUT/DELETE are idempotent; POST only when the
/// service said it did nothing.
fn retryable(method: &Method, status: u16) -> bool {
    match status {
        429 | 503 => true,
        500 | 502 | 504 => method != Method::POST,
        _ => false,
    }
}

pub(crate) fn parse_body(
    text: &[u8],
    status: u16,
    request_id: Option<String>,
) -> Result<Value, GraphError> {
    if text.trim_ascii().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(text).map_err(|_| {
        let mut e = GraphError::new(
            ProviderReason::MalformedResponse,
            "Microsoft Graph sent a response that is not valid JSON.",
        );
        e.status = Some(status);
        e.request_id = request_id;
        e
    })
}

/// The items and next link of a collection answer (taken out of it, not copied).
pub(crate) fn page_of(mut body: Value) -> Result<Page, GraphError> {
    let broken = || {
        GraphError::new(
            ProviderReason::MalformedResponse,
            "A Graph page had a broken `@odata.nextLink`.",
        )
    };
    let next_link = match body.get("@odata.nextLink") {
        None | Some(Value::Null) => None,
        Some(Value::String(link)) => {
            let url = Url::parse(link).map_err(|_| broken())?;
            if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                return Err(broken());
            }
            Some(url)
        }
        Some(_) => return Err(broken()),
    };
    let items = match body.get_mut("value").map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => {
            return Err(GraphError::new(
                ProviderReason::MalformedResponse,
                "A Graph page had no `value` list.",
            ))
        }
    };
    Ok(Page { items, next_link })
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_safe_requests_are_retried() {
        assert!(retryable(&Method::GET, 500));
        assert!(retryable(&Method::PATCH, 502));
        assert!(retryable(&Method::POST, 429));
        assert!(retryable(&Method::POST, 503));
        assert!(!retryable(&Method::POST, 500), "a create may have happened");
        assert!(!retryable(&Method::GET, 404));
    }

    #[test]
    fn pages_need_a_value_list_and_a_usable_next_link() {
        let page = page_of(json!({"value": [1, 2], "@odata.nextLink": "https://g/x?$skiptoken=a"}))
            .unwrap();
        assert_eq!(page.items.len(), 2);
        assert!(page.next_link.is_some());
        for broken in [
            json!({"items": []}),
            json!({"value": [], "@odata.nextLink": "not a url"}),
            json!({"value": [], "@odata.nextLink": 5}),
            json!({"value": [], "@odata.nextLink": "mailto:x@y"}),
        ] {
            assert_eq!(
                page_of(broken).unwrap_err().reason,
                ProviderReason::MalformedResponse
            );
        }
        assert_eq!(parse_body(b"", 204, None).unwrap(), Value::Null);
        assert!(parse_body(b"{\"a\":", 200, None).is_err());
    }
}
