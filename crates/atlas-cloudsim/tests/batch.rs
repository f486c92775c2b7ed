//! JSON `$batch` over real HTTP: per-part answers, limits, per-part throttling, dependencies.

mod common;

use atlas_cloudsim::ThrottleMode;
use common::{assert_graph_error, url_of, Harness};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn batch(h: &Harness, version: &str, token: &str, requests: Value) -> common::Answer {
    h.send(
        Method::POST,
        &format!("/{version}/$batch"),
        Some(token),
        Some(&json!({ "requests": requests }).to_string()),
    )
    .await
}

fn part<'a>(answer: &'a common::Answer, id: &str) -> &'a Value {
    answer.body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no part {id} in {}", answer.body))
}

#[tokio::test]
async fn every_part_is_answered_on_its_own() {
    let h = Harness::start(60, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let policies = url_of("settings_catalog");
    let policy = h.all(&policies, &token).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answer = batch(
        &h,
        "beta",
        &token,
        json!([
            {"id": "list", "method": "GET", "url": "/deviceManagement/configurationPolicies?$top=5"},
            {"id": "read", "method": "GET", "url": format!("deviceManagement/configurationPolicies/{policy}")},
            {"id": "settings", "method": "GET", "url": format!("/deviceManagement/configurationPolicies/{policy}/settings")},
            {"id": "missing", "method": "GET", "url": "/deviceManagement/configurationPolicies/00000000-0000-0000-0000-000000000001"},
            {"id": "nowhere", "method": "GET", "url": "/deviceManagement/nothingHere"},
            {"id": "absolute", "method": "GET", "url": "https://graph.microsoft.com/beta/groups"},
            {"id": "echo", "method": "GET", "url": "/deviceManagement/assignmentFilters", "headers": {"client-request-id": "mine-1"}}
        ]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let ids: Vec<&str> = answer.body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["list", "read", "settings", "missing", "nowhere", "absolute", "echo"]
    );
    let list = part(&answer, "list");
    assert_eq!(list["status"], 200);
    assert_eq!(list["body"]["value"].as_array().unwrap().len(), 5);
    let next = list["body"]["@odata.nextLink"].as_str().unwrap();
    assert!(next.starts_with(&h.sim.base_url()), "{next}");
    assert!(list["headers"]["Content-Type"]
        .as_str()
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(part(&answer, "read")["body"]["id"], policy.as_str());
    assert_eq!(part(&answer, "settings")["status"], 200);
    let missing = part(&answer, "missing");
    assert_eq!(missing["status"], 404);
    assert_graph_error(&missing["body"], "ResourceNotFound");
    assert_eq!(part(&answer, "nowhere")["status"], 400);
    assert_graph_error(&part(&answer, "nowhere")["body"], "BadRequest");
    assert_eq!(part(&answer, "absolute")["status"], 400);
    assert_eq!(
        part(&answer, "echo")["headers"]["client-request-id"],
        "mine-1"
    );

    // Relative URLs resolve against the batch's own version.
    let v1 = batch(
        &h,
        "v1.0",
        &token,
        json!([{"id": "1", "method": "GET", "url": "/groups?$top=2"}]),
    )
    .await;
    assert_eq!(part(&v1, "1")["status"], 200);
    // Every collection is served at both versions, with or without a trailing slash.
    let other_version = batch(
        &h,
        "v1.0",
        &token,
        json!([
            {"id": "1", "method": "GET", "url": "/deviceManagement/configurationPolicies"},
            {"id": "2", "method": "GET", "url": "/deviceManagement/deviceCompliancePolicies/"}
        ]),
    )
    .await;
    assert_eq!(part(&other_version, "1")["status"], 200);
    assert_eq!(part(&other_version, "2")["status"], 200);
}

#[tokio::test]
async fn the_batch_itself_is_checked_and_not_counted() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let get = |id: usize| json!({"id": id.to_string(), "method": "GET", "url": "/groups"});
    let too_many: Vec<Value> = (0..21).map(get).collect();
    let refused = batch(&h, "v1.0", &token, Value::Array(too_many)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_graph_error(&refused.body, "BadRequest");
    assert!(refused.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("20"));
    let duplicate = batch(&h, "v1.0", &token, json!([get(1), get(1)])).await;
    assert_eq!(duplicate.status, StatusCode::BAD_REQUEST);
    for part in [
        json!({"id": "1", "url": "/groups"}),
        json!({"id": "1", "method": "GET"}),
    ] {
        let incomplete = batch(&h, "v1.0", &token, json!([part])).await;
        assert_eq!(incomplete.status, StatusCode::BAD_REQUEST, "{part}");
        assert_graph_error(&incomplete.body, "BadRequest");
    }
    let untyped_write = batch(
        &h,
        "v1.0",
        &token,
        json!([{"id": "1", "method": "POST", "url": "/groups", "body": {"displayName": "x"}}]),
    )
    .await;
    assert_eq!(untyped_write.status, StatusCode::BAD_REQUEST);
    assert!(untyped_write.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Content-Type"));
    let unauthenticated = batch(&h, "v1.0", "forged.token.here", json!([get(1)])).await;
    assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);
    assert_graph_error(&unauthenticated.body, "InvalidAuthenticationToken");
    let not_json = h
        .send(Method::POST, "/beta/$batch", Some(&token), Some("{"))
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);

    let nested = batch(
        &h,
        "v1.0",
        &token,
        json!([get(1), {"id": "2", "method": "POST", "url": "/$batch",
            "headers": {"Content-Type": "application/json"}, "body": {"requests": []}}]),
    )
    .await;
    assert_eq!(nested.status, StatusCode::OK, "answered per part");
    assert_eq!(part(&nested, "2")["status"], 400);
    assert_graph_error(&part(&nested, "2")["body"], "BadRequest");
    let no_method = batch(&h, "v1.0", &token, json!([{"id": "1", "url": "/groups"}])).await;
    assert_eq!(no_method.status, StatusCode::BAD_REQUEST);
    let no_url = batch(&h, "v1.0", &token, json!([{"id": "1", "method": "GET"}])).await;
    assert_eq!(no_url.status, StatusCode::BAD_REQUEST);

    // Numeric ids, as some clients send them, are taken and echoed back as numbers.
    let numeric = batch(
        &h,
        "v1.0",
        &token,
        json!([
            {"id": 1, "method": "GET", "url": "/groups?$top=1"},
            {"id": 2, "method": "GET", "url": "/groups?$top=1", "dependsOn": [1]}
        ]),
    )
    .await;
    assert_eq!(numeric.status, StatusCode::OK, "{}", numeric.body);
    let responses = numeric.body["responses"].as_array().unwrap();
    assert_eq!(responses[0]["id"], json!(1));
    assert_eq!(responses[1]["id"], json!(2));
    assert!(responses.iter().all(|r| r["status"] == 200));
    let same_number = batch(
        &h,
        "v1.0",
        &token,
        json!([{"id": 1, "method": "GET", "url": "/groups"}, {"id": "1", "method": "GET", "url": "/groups"}]),
    )
    .await;
    assert_eq!(
        same_number.status,
        StatusCode::BAD_REQUEST,
        "1 and \"1\" are one id"
    );

    h.sim.cloud().reset_stats();
    let ok = batch(&h, "v1.0", &token, json!([get(1), get(2), get(3)])).await;
    assert_eq!(ok.status, StatusCode::OK);
    let stats = h.sim.stats();
    let counts = stats.tenant(h.tenant(0).tenant_id).unwrap();
    assert_eq!(counts.requests, 3, "parts count, the batch call does not");
    assert_eq!(counts.batches, 1);
}

#[tokio::test]
async fn a_throttled_part_answers_429_while_the_others_succeed() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let parts = |n: usize| -> Value {
        (0..n)
            .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/groups?$top=1"}))
            .collect()
    };
    for _ in 0..49 {
        let answer = batch(&h, "v1.0", &token, parts(20)).await;
        assert_eq!(answer.status, StatusCode::OK);
    }
    batch(&h, "v1.0", &token, parts(10)).await;
    // 990 requests in the window: of the next 20, the first 10 are admitted.
    let answer = batch(&h, "v1.0", &token, parts(20)).await;
    assert_eq!(answer.status, StatusCode::OK);
    for i in 0..20 {
        let p = part(&answer, &i.to_string());
        if i < 10 {
            assert_eq!(p["status"], 200, "{p}");
        } else {
            assert_eq!(p["status"], 429, "{p}");
            assert!(p["headers"]["Retry-After"]
                .as_str()
                .unwrap()
                .parse::<u64>()
                .is_ok());
            assert_graph_error(&p["body"], "TooManyRequests");
        }
    }
    let stats = h.sim.stats();
    let counts = stats.tenant(h.tenant(0).tenant_id).unwrap();
    assert_eq!(
        (counts.requests, counts.throttled, counts.batches),
        (1000, 10, 51)
    );
    let other = stats.tenant(h.tenant(1).tenant_id).unwrap();
    assert_eq!(other.requests, 0, "throttling is per tenant");
}

#[tokio::test]
async fn dependent_parts_run_after_their_dependencies_and_fail_with_them() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let filters = "/deviceManagement/assignmentFilters";
    let before = h.all(&format!("/beta{filters}"), &token).await.len();
    let typed = json!({"Content-Type": "application/json"});
    let answer = batch(
        &h,
        "beta",
        &token,
        json!([
            {"id": "list", "method": "GET", "url": filters, "dependsOn": ["create"]},
            {"id": "create", "method": "POST", "url": filters, "headers": typed,
             "body": {"displayName": "Batch filter", "platform": "windows10AndLater", "rule": "(device.model -eq \"x\")"}},
            {"id": "missing", "method": "GET", "url": format!("{filters}/00000000-0000-0000-0000-000000000002")},
            {"id": "after-missing", "method": "DELETE", "url": format!("{filters}/whatever"), "dependsOn": ["missing"]}
        ]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let created = part(&answer, "create");
    assert_eq!(created["status"], 201);
    assert!(created["headers"]["Location"].as_str().is_some());
    let list = part(&answer, "list");
    assert_eq!(list["status"], 200);
    assert_eq!(
        list["body"]["value"].as_array().unwrap().len(),
        before + 1,
        "the list ran after the create"
    );
    let failed = part(&answer, "after-missing");
    assert_eq!(failed["status"], 424);
    assert_graph_error(&failed["body"], "FailedDependency");
    let counts = h.sim.stats();
    let counts = counts.tenant(h.tenant(0).tenant_id).unwrap();
    assert_eq!(counts.writes, 1, "the failed dependent never ran");

    let cycle = batch(
        &h,
        "beta",
        &token,
        json!([
            {"id": "a", "method": "GET", "url": filters, "dependsOn": ["b"]},
            {"id": "b", "method": "GET", "url": filters, "dependsOn": ["a"]}
        ]),
    )
    .await;
    assert_eq!(cycle.status, StatusCode::BAD_REQUEST);
}
