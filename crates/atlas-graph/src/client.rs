//! The Graph client: authenticated GETs within the tenant's budget, paging through
//! `@odata.nextLink`, and retries of throttling (429/503, honouring `Retry-After`) and server
//! errors with bounded, jittered backoff.

use std::time::Duration;

use rand::Rng;
use serde_json::Value;
use url::Url;

use crate::{
    budget::Budget,
    error::{graph_error, GraphError, ProviderReason},
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

#[derive(Debug)]
pub struct GraphClient {
    http: reqwest::Client,
    settings: GraphSettings,
    tokens: TokenCache,
    budget: Budget,
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
        let budget = Budget::new(settings.requests_per_window, settings.window);
        Ok(Self {
            http,
            settings,
            tokens: TokenCache::default(),
            budget,
        })
    }

    pub fn settings(&self) -> &GraphSettings {
        &self.settings
    }

    /// A token for these credentials (cached); verifies that the tenant can be reached.
    pub async fn access_token(&self, credentials: &Credentials) -> Result<String, GraphError> {
        self.tokens
            .token(&self.http, &self.settings, credentials)
            .await
    }

    /// The first page URL of a catalog type's collection, with the catalog's `$expand`.
    pub fn collection_url(
        &self,
        object_type: &ObjectType,
        top: Option<u32>,
    ) -> Result<Url, GraphError> {
        let mut url = self
            .settings
            .graph_root
            .join(&format!("{}/", object_type.version.segment()))
            .and_then(|u| u.join(object_type.path))
            .map_err(|_| {
                GraphError::new(
                    ProviderReason::BadRequest,
                    "The Graph root URL is not usable.",
                )
            })?;
        {
            let mut query = url.query_pairs_mut();
            if let Some(expand) = object_type.expand {
                query.append_pair("$expand", expand);
            }
            if let Some(filter) = object_type.filter {
                query.append_pair("$filter", filter);
            }
            if let Some(top) = top {
                query.append_pair("$top", &top.to_string());
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
        Ok(url)
    }

    /// GETs one JSON document, within the tenant's budget, retrying throttling and 5xx.
    pub async fn get_json(
        &self,
        credentials: &Credentials,
        url: &Url,
    ) -> Result<(Value, u32), GraphError> {
        let mut throttled = 0;
        let mut attempt = 0;
        let mut refreshed_token = false;
        loop {
            self.budget.acquire(&credentials.tenant).await;
            let token = self.access_token(credentials).await?;
            let response = self.http.get(url.clone()).bearer_auth(token).send().await;
            let response = match response {
                Ok(r) => r,
                Err(err) if attempt < self.settings.max_retries => {
                    tracing::warn!(error = %unreachable(err), "Graph request failed; retrying");
                    attempt += 1;
                    tokio::time::sleep(self.backoff(attempt, None)).await;
                    continue;
                }
                Err(err) => return Err(unreachable(err)),
            };
            let status = response.status().as_u16();
            let request_id = header(&response, "request-id");
            let retry_after = header(&response, "retry-after").and_then(|v| v.parse::<u64>().ok());
            let body = response.text().await.map_err(unreachable)?;
            match status {
                200..=299 => {
                    let value = serde_json::from_str(&body).map_err(|_| {
                        let mut e = GraphError::new(
                            ProviderReason::MalformedResponse,
                            "Microsoft Graph sent a response that is not valid JSON.",
                        );
                        e.status = Some(status);
                        e.request_id = request_id.clone();
                        e
                    })?;
                    return Ok((value, throttled));
                }
                // An expired token mid-run: get a new one once, then retry.
                401 if !refreshed_token => {
                    self.tokens.invalidate(credentials).await;
                    refreshed_token = true;
                }
                429 | 503 | 500 | 502 | 504 if attempt < self.settings.max_retries => {
                    if status == 429 {
                        throttled += 1;
                    }
                    attempt += 1;
                    tokio::time::sleep(self.backoff(attempt, retry_after)).await;
                }
                _ => return Err(graph_error(status, &body, request_id)),
            }
        }
    }

    /// `Retry-After` when given (capped), otherwise exponential from 1 s; plus up to 25% jitter.
    fn backoff(&self, attempt: u32, retry_after: Option<u64>) -> Duration {
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
        let items = match body.get("value") {
            Some(Value::Array(items)) => items.clone(),
            _ => {
                return Err(GraphError::new(
                    ProviderReason::MalformedResponse,
                    "A Graph page had no `value` list.",
                ))
            }
        };
        let next_link = match body.get("@odata.nextLink") {
            None | Some(Value::Null) => None,
            Some(Value::String(link)) => Some(Url::parse(link).map_err(|_| {
                GraphError::new(
                    ProviderReason::MalformedResponse,
                    "A Graph page had a broken `@odata.nextLink`.",
                )
            })?),
            Some(_) => {
                return Err(GraphError::new(
                    ProviderReason::MalformedResponse,
                    "A Graph page had a broken `@odata.nextLink`.",
                ))
            }
        };
        Ok((Page { items, next_link }, throttled))
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

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
