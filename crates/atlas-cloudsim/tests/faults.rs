//! Faults and drift through the `/_sim` admin API and the `RunningSimulator` methods, as a client
//! meets them over real HTTP.

mod common;

use std::time::{Duration, Instant};

use atlas_cloudsim::{DriftRequest, Faults, ThrottleMode, ThrottleStorm};
use common::{assert_graph_error, ids, url_of, Harness};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn put_faults(h: &Harness, faults: Value) -> common::Answer {
    h.send(Method::PUT, "/_sim/faults", None, Some(&faults.to_string()))
        .await
}

#[tokio::test]
async fn the_admin_api_reads_replaces_and_clears_faults_and_stats() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let faults = h.send(Method::GET, "/_sim/faults", None, None).await;
    assert_eq!(faults.status, StatusCode::OK);
    assert_eq!(faults.body["server_error_rate"], 0.0);
    assert_eq!(faults.body["throttle_storm"], Value::Null);

    let set = put_faults(&h, json!({"latency_ms": 5, "fail_objects": ["x"]})).await;
    assert_eq!(set.status, StatusCode::OK);
    assert_eq!(set.body["latency_ms"], 5);
    assert_eq!(h.sim.faults().fail_objects, vec!["x".to_owned()]);
    for bad in [
        json!({"server_error_rate": 2.0}),
        json!({"no_such_fault": true}),
    ] {
        let refused = put_faults(&h, bad.clone()).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_graph_error(&refused.body, "BadRequest");
    }
    assert_eq!(
        h.sim.faults().latency_ms,
        5,
        "a refused PUT changes nothing"
    );
    let cleared = h.send(Method::DELETE, "/_sim/faults", None, None).await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert_eq!(h.sim.faults(), Faults::default());

    let token = h.token(0).await;
    h.get("/v1.0/groups", &token).await;
    let stats = h.send(Method::GET, "/_sim/stats", None, None).await.body;
    let tenant = h.tenant(0).tenant_id.to_string();
    let mine = stats["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tenant_id"] == tenant.as_str())
        .unwrap();
    assert_eq!(mine["requests"], 1);
    assert_eq!(stats["total"]["requests"], 1);
    h.send(Method::DELETE, "/_sim/stats", None, None).await;
    assert_eq!(h.sim.stats().total.requests, 0);
}

#[tokio::test]
async fn server_errors_follow_the_seed_and_carry_graphs_shape() {
    let run = || async {
        let h = Harness::start(10, ThrottleMode::Off).await;
        let token = h.token(0).await;
        h.sim
            .set_faults(Faults {
                server_error_rate: 0.4,
                ..Faults::default()
            })
            .unwrap();
        let mut statuses = Vec::new();
        for _ in 0..40 {
            let answer = h.get("/v1.0/groups?$top=1", &token).await;
            if answer.status.is_server_error() {
                assert!(answer.body["error"]["code"].as_str().is_some());
                assert_eq!(
                    answer.headers.contains_key("retry-after"),
                    answer.status == StatusCode::SERVICE_UNAVAILABLE
                );
            }
            statuses.push(answer.status.as_u16());
        }
        let errors = statuses.iter().filter(|s| **s >= 500).count() as u64;
        assert_eq!(h.sim.stats().total.server_errors, errors);
        statuses
    };
    let first = run().await;
    assert!(
        first.iter().any(|s| *s >= 500) && first.contains(&200),
        "{first:?}"
    );
    assert_eq!(first, run().await, "the same seed gives the same faults");
}

#[tokio::test]
async fn a_throttle_storm_refuses_everything_until_it_ends() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let token = h.token(0).await;
    put_faults(
        &h,
        json!({"throttle_storm": {"requests": 3, "retry_after_seconds": 2}}),
    )
    .await;
    for _ in 0..3 {
        let refused = h.get("/v1.0/groups", &token).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(refused.headers["retry-after"], "2");
        assert_graph_error(&refused.body, "TooManyRequests");
    }
    assert_eq!(h.get("/v1.0/groups", &token).await.status, StatusCode::OK);
    assert_eq!(h.sim.faults().throttle_storm, None, "the storm is over");

    let until = atlas_domain::Timestamp::from_unix_millis(h.clock_now_millis() + 30_000).unwrap();
    h.sim
        .set_faults(Faults {
            throttle_storm: Some(ThrottleStorm {
                until: Some(until),
                ..ThrottleStorm::default()
            }),
            ..Faults::default()
        })
        .unwrap();
    let refused = h.get("/v1.0/groups", &token).await;
    assert_eq!(refused.headers["retry-after"], "30");
    h.clock.advance(Duration::from_secs(30));
    assert_eq!(h.get("/v1.0/groups", &token).await.status, StatusCode::OK);
    let counts = h.sim.stats().total;
    assert_eq!(
        (counts.storm_throttled, counts.throttled, counts.requests),
        (4, 0, 2)
    );
}

#[tokio::test]
async fn cut_bodies_truncated_pages_and_broken_links_are_detectable() {
    let h = Harness::start(120, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let collection = url_of("settings_catalog");

    h.sim
        .set_faults(Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        })
        .unwrap();
    let cut = h.get(&format!("{collection}?$top=5"), &token).await;
    assert_eq!(cut.status, StatusCode::OK);
    assert!(cut.body.is_string(), "not JSON: {}", cut.body);

    h.sim
        .set_faults(Faults {
            truncated_page: true,
            ..Faults::default()
        })
        .unwrap();
    let first = h.get(&format!("{collection}?$top=5"), &token).await;
    assert!(first.body.is_object(), "the first page is whole");
    let next = first.body["@odata.nextLink"].as_str().unwrap();
    let second = h.get(next, &token).await;
    assert_eq!(second.status, StatusCode::OK);
    let text = second.body.as_str().expect("a cut body");
    assert!(text.starts_with('{') && text.len() > 10);

    h.sim
        .set_faults(Faults {
            broken_next_link: true,
            ..Faults::default()
        })
        .unwrap();
    let first = h.get(&format!("{collection}?$top=5"), &token).await;
    let link = first.body["@odata.nextLink"].as_str().unwrap();
    let followed = h.get(link, &token).await;
    assert_eq!(followed.status, StatusCode::BAD_REQUEST);
    assert_graph_error(&followed.body, "BadRequest");
    assert_eq!(h.sim.stats().total.malformed, 2);
}

#[tokio::test]
async fn expired_tokens_are_refused_and_new_ones_work() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let old = h.token(0).await;
    let other_tenant = h.token(1).await;
    assert_eq!(h.get("/v1.0/groups", &old).await.status, StatusCode::OK);
    let expired = h
        .send(Method::POST, "/_sim/tokens/expire", None, None)
        .await;
    assert_eq!(expired.status, StatusCode::NO_CONTENT);
    for token in [&old, &other_tenant] {
        let refused = h.get("/v1.0/groups", token).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_graph_error(&refused.body, "InvalidAuthenticationToken");
        assert!(refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"));
    }
    let batch = h
        .send(
            Method::POST,
            "/v1.0/$batch",
            Some(&old),
            Some(r#"{"requests":[{"id":"1","method":"GET","url":"/groups"}]}"#),
        )
        .await;
    assert_eq!(batch.status, StatusCode::UNAUTHORIZED);
    // The clock has not moved: the new token is issued in the same second as the old one.
    let fresh = h.token(0).await;
    assert_eq!(h.get("/v1.0/groups", &fresh).await.status, StatusCode::OK);
    h.sim.expire_tokens();
    assert_eq!(
        h.get("/v1.0/groups", &fresh).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// The claims of a token, unverified (the test only reads them).
fn claims(token: &str) -> Value {
    use base64::Engine as _;
    let payload = token.split('.').nth(1).expect("a compact JWS");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn tokens_issued_in_the_same_second_differ_and_revoking_one_spares_the_next() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let issued_at = h.clock_now_millis();
    let first = h.token(0).await;
    let twin = h.token(0).await;
    assert_eq!(h.clock_now_millis(), issued_at, "the clock stands still");
    assert_eq!(
        claims(&first)["iat"],
        claims(&twin)["iat"],
        "the same second"
    );
    assert_ne!(first, twin, "each token is unique");
    let (uti, twin_uti) = (claims(&first)["uti"].clone(), claims(&twin)["uti"].clone());
    assert!(uti.as_str().is_some_and(|u| !u.is_empty()), "{uti}");
    assert_ne!(uti, twin_uti);

    // Revoking everything issued so far: both go. The next one, still in the same second,
    // is new and admitted.
    h.sim.expire_tokens();
    for revoked in [&first, &twin] {
        assert_eq!(
            h.get("/v1.0/groups", revoked).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let next = h.token(0).await;
    assert_eq!(claims(&next)["iat"], claims(&first)["iat"]);
    assert!(next != first && next != twin);
    assert_eq!(h.get("/v1.0/groups", &next).await.status, StatusCode::OK);
    assert_eq!(
        h.get("/v1.0/groups", &first).await.status,
        StatusCode::UNAUTHORIZED,
        "the first stays revoked"
    );
}

#[tokio::test]
async fn one_object_can_fail_or_be_slow_while_the_rest_answer() {
    let h = Harness::start(40, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let collection = url_of("settings_catalog");
    let policies = ids(&h.all(&collection, &token).await);
    let (bad, slow, fine) = (&policies[0], &policies[1], &policies[2]);
    put_faults(
        &h,
        json!({"fail_objects": [bad], "slow_objects": [slow], "slow_ms": 300}),
    )
    .await;
    for path in [
        format!("{collection}/{bad}"),
        format!("{collection}/{bad}/settings"),
    ] {
        let failed = h.get(&path, &token).await;
        assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_graph_error(&failed.body, "InternalServerError");
    }
    assert_eq!(h.all(&collection, &token).await.len(), policies.len());
    let started = Instant::now();
    assert_eq!(
        h.get(&format!("{collection}/{slow}/settings"), &token)
            .await
            .status,
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(
        h.get(&format!("{collection}/{fine}"), &token).await.status,
        StatusCode::OK
    );
    assert!(started.elapsed() < Duration::from_millis(300));
    let batch = h
        .send(
            Method::POST,
            "/beta/$batch",
            Some(&token),
            Some(
                &json!({"requests": [
                    {"id": "bad", "method": "GET", "url": format!("/deviceManagement/configurationPolicies/{bad}")},
                    {"id": "fine", "method": "GET", "url": format!("/deviceManagement/configurationPolicies/{fine}")}
                ]})
                .to_string(),
            ),
        )
        .await;
    let statuses: Vec<u64> = batch.body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![500, 200], "faults apply per part");
    assert_eq!(h.sim.stats().total.server_errors, 3);
}

#[tokio::test]
async fn faults_can_be_set_at_start_and_latency_applies_per_request() {
    let h = Harness::with_faults(
        10,
        ThrottleMode::Real,
        Faults {
            latency_ms: 150,
            ..Faults::default()
        },
    )
    .await;
    let token = h.token(0).await;
    let started = Instant::now();
    assert_eq!(h.get("/v1.0/groups", &token).await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(150));
    // Batch parts wait in parallel.
    let started = Instant::now();
    let requests: Vec<Value> = (0..10)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/groups"}))
        .collect();
    let batch = h
        .send(
            Method::POST,
            "/v1.0/$batch",
            Some(&token),
            Some(&json!({ "requests": requests }).to_string()),
        )
        .await;
    assert_eq!(batch.status, StatusCode::OK);
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(150) && elapsed < Duration::from_millis(1_000),
        "{elapsed:?}"
    );
    let started = Instant::now();
    h.send(Method::GET, "/_sim/stats", None, None).await;
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "admin calls are not delayed"
    );
}

#[tokio::test]
async fn drift_modifies_adds_and_deletes_what_it_reports() {
    let h = Harness::start(60, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let tenant = h.tenant(0);
    h.clock.advance(Duration::from_secs(600));
    let answer = h
        .send(
            Method::POST,
            &format!("/_sim/tenants/{}/drift", tenant.primary_domain),
            None,
            Some(r#"{"modify": 3, "add": 2, "delete": 2, "seed": 5}"#),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let report = answer.body;
    let count = |kind: &str| -> usize {
        report[kind]
            .as_object()
            .unwrap()
            .values()
            .map(|ids| ids.as_array().unwrap().len())
            .sum()
    };
    assert_eq!(
        (count("modified"), count("added"), count("deleted")),
        (3, 2, 2)
    );
    let version_of = |path: &str| {
        atlas_graph::CATALOG
            .iter()
            .find(|t| t.path == path)
            .unwrap()
            .version
            .segment()
    };
    for (path, ids) in report["deleted"].as_object().unwrap() {
        for id in ids.as_array().unwrap() {
            let url = format!("/{}/{path}/{}", version_of(path), id.as_str().unwrap());
            assert_eq!(h.get(&url, &token).await.status, StatusCode::NOT_FOUND);
        }
    }
    let modified_time = |body: &Value| {
        body["lastModifiedDateTime"]
            .as_str()
            .or(body["modifiedDateTime"].as_str())
            .map(str::to_owned)
    };
    let (mut read_back, mut stamped) = (0, 0);
    for kind in ["added", "modified"] {
        for (path, ids) in report[kind].as_object().unwrap() {
            for id in ids.as_array().unwrap() {
                let url = format!("/{}/{path}/{}", version_of(path), id.as_str().unwrap());
                let read = h.get(&url, &token).await;
                assert_eq!(read.status, StatusCode::OK, "{kind} {url}");
                read_back += 1;
                let Some(modified) = modified_time(&read.body) else {
                    // Only a type that never carries a modified time (scope tags) is unstamped.
                    let sim = h.sim.cloud().by_id(tenant.tenant_id).unwrap();
                    let data = sim.data.read().unwrap();
                    let collection = data.collection(path);
                    assert!(
                        collection
                            .iter()
                            .all(|o| modified_time(&Value::Object(o.body.clone())).is_none()),
                        "{kind} {url} has no modified time, unlike others of its type"
                    );
                    continue;
                };
                let modified = chrono::DateTime::parse_from_rfc3339(&modified).unwrap();
                assert!(
                    modified.timestamp_millis() >= h.clock_now_millis() - 1_000,
                    "{kind} {url} was stamped now"
                );
                stamped += 1;
            }
        }
    }
    assert_eq!(read_back, 5, "every added and modified object is read back");
    assert!(stamped > 0, "some of them carry a modified time");

    // The Rust API: the same seed on a fresh copy of the tenant would pick the same objects;
    // no seed uses the tenant's next drift number. Unknown tenants are refused.
    let again = h
        .sim
        .drift(
            tenant.tenant_id,
            &DriftRequest {
                modify: 1,
                ..DriftRequest::default()
            },
        )
        .unwrap();
    assert_eq!(again.ids().len(), 1);
    assert!(h
        .sim
        .drift(uuid::Uuid::nil(), &DriftRequest::default())
        .is_none());
    let unknown = h
        .send(
            Method::POST,
            "/_sim/tenants/nobody.example/drift",
            None,
            Some("{}"),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_graph_error(&unknown.body, "ResourceNotFound");
}
