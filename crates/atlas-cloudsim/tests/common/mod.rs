//! A simulator on loopback and a plain HTTP client, shared by the write, batch and fault tests.

#![allow(dead_code)]

use std::sync::Arc;

use atlas_cloudsim::{
    Clock, Faults, ManualClock, RunningSimulator, Simulator, SimulatorConfig, TenantCredentials,
    ThrottleMode,
};
use atlas_graph::ObjectType;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub struct Harness {
    pub sim: RunningSimulator,
    pub http: reqwest::Client,
    pub clock: ManualClock,
}

/// One answer: status, headers and the body as JSON (a string when it is not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Harness {
    pub async fn start(policies: usize, throttle: ThrottleMode) -> Self {
        Self::with_faults(policies, throttle, Faults::default()).await
    }

    pub async fn with_faults(policies: usize, throttle: ThrottleMode, faults: Faults) -> Self {
        let clock = ManualClock::starting_now();
        let sim = Simulator::start(SimulatorConfig {
            seed: 42,
            tenants: 2,
            policies_per_tenant: policies,
            throttle,
            clock: Arc::new(clock.clone()),
            faults,
            ..SimulatorConfig::default()
        })
        .await
        .expect("the simulator starts");
        Self {
            sim,
            http: reqwest::Client::new(),
            clock,
        }
    }

    pub fn clock_now_millis(&self) -> i64 {
        self.clock.now().unix_millis()
    }

    pub fn tenant(&self, index: usize) -> TenantCredentials {
        self.sim.credentials()[index].clone()
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.sim.base_url())
        }
    }

    pub async fn token(&self, index: usize) -> String {
        let t = self.tenant(index);
        let response = self
            .http
            .post(self.url(&format!("/{}/oauth2/v2.0/token", t.tenant_id)))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", &t.client_id.to_string()),
                ("client_secret", &t.client_secret),
                ("scope", "https://graph.microsoft.com/.default"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// Any request; `body` is sent as JSON text when given.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let response = request.send().await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.send(Method::GET, path, Some(token), None).await
    }

    /// Every item of a collection, following `@odata.nextLink`.
    pub async fn all(&self, path: &str, token: &str) -> Vec<Value> {
        let (mut items, mut next) = (Vec::new(), Some(path.to_owned()));
        while let Some(url) = next {
            let page = self.get(&url, token).await;
            assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.body);
            items.extend(page.body["value"].as_array().unwrap().iter().cloned());
            next = page.body["@odata.nextLink"].as_str().map(str::to_owned);
        }
        items
    }
}

pub fn url_of(key: &str) -> String {
    format!("/{}", ObjectType::find(key).unwrap().collection_url())
}

/// Graph's error shape with the given code.
pub fn assert_graph_error(body: &Value, code: &str) {
    let error = &body["error"];
    assert_eq!(error["code"], code, "{body}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    for field in ["date", "request-id", "client-request-id"] {
        assert!(
            error["innerError"][field]
                .as_str()
                .is_some_and(|v| !v.is_empty()),
            "{field} in {body}"
        );
    }
}

pub fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}
