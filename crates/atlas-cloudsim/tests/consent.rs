//! Withdrawn admin consent: Entra still issues tokens, without `roles`, and Graph refuses them
//! with 403 `Authorization_RequestDenied`; other tenants and earlier tokens are unaffected.

mod common;

use atlas_cloudsim::{SimError, ThrottleMode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::{assert_graph_error, url_of, Harness};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The payload of an access token.
fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn assert_denied(answer: &common::Answer) {
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert_graph_error(&answer.body, "Authorization_RequestDenied");
    assert_eq!(
        answer.body["error"]["message"],
        "Insufficient privileges to complete the operation."
    );
}

async fn put_consent(h: &Harness, tenant: &str, body: &str) -> common::Answer {
    h.send(
        Method::PUT,
        &format!("/_sim/tenants/{tenant}/consent"),
        None,
        Some(body),
    )
    .await
}

#[tokio::test]
async fn without_consent_tokens_lack_roles_and_graph_answers_403() {
    let h = Harness::start(5, ThrottleMode::Real).await;
    let (tenant, other) = (h.tenant(0).tenant_id, h.tenant(1).tenant_id);
    let policies = url_of("settings_catalog");
    let consented = h.token(0).await;
    let roles = claims(&consented)["roles"].clone();
    assert!(
        roles
            .as_array()
            .is_some_and(|r| r.contains(&json!("DeviceManagementConfiguration.Read.All"))),
        "{roles}"
    );

    h.sim.set_consent(tenant, false).unwrap();
    let bare = h.token(0).await;
    assert_eq!(claims(&bare).get("roles"), None, "the claim is omitted");
    let before = h.sim.stats().total;
    assert_denied(&h.get(&policies, &bare).await);
    assert_denied(&h.get("/v1.0/groups", &bare).await);
    let write = h
        .send(
            Method::POST,
            "/v1.0/groups",
            Some(&bare),
            Some(r#"{"displayName":"x"}"#),
        )
        .await;
    assert_denied(&write);
    let batch = h
        .send(
            Method::POST,
            "/v1.0/$batch",
            Some(&bare),
            Some(
                &json!({"requests": [{"id": "1", "method": "GET", "url": "/groups"}]}).to_string(),
            ),
        )
        .await;
    assert_eq!(batch.status, StatusCode::OK, "{}", batch.body);
    let part = &batch.body["responses"][0];
    assert_eq!(part["status"], 403, "{part}");
    assert_graph_error(&part["body"], "Authorization_RequestDenied");
    let after = h.sim.stats().total;
    assert_eq!(
        (after.requests, after.throttled, after.storm_throttled),
        (before.requests, 0, 0),
        "refusals are neither admitted nor throttled"
    );

    // A token issued with roles keeps them until it expires; other tenants are unaffected.
    assert_eq!(h.get(&policies, &consented).await.status, StatusCode::OK);
    let elsewhere = h.token(1).await;
    assert!(claims(&elsewhere)["roles"].is_array());
    assert_eq!(h.get(&policies, &elsewhere).await.status, StatusCode::OK);
    assert!(h.sim.set_consent(other, true).is_ok());

    // Granting again: new tokens work, the one issued without roles stays refused.
    let granted = put_consent(&h, &tenant.to_string(), r#"{"granted":true}"#).await;
    assert_eq!(granted.status, StatusCode::NO_CONTENT, "{}", granted.body);
    assert_denied(&h.get(&policies, &bare).await);
    let fresh = h.token(0).await;
    assert_eq!(h.get(&policies, &fresh).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_admin_route_withdraws_and_refuses_unknown_tenants_and_bad_bodies() {
    let h = Harness::start(5, ThrottleMode::Off).await;
    let tenant = h.tenant(0).tenant_id.to_string();
    let withdrawn = put_consent(&h, &tenant, r#"{"granted":false}"#).await;
    assert_eq!(
        withdrawn.status,
        StatusCode::NO_CONTENT,
        "{}",
        withdrawn.body
    );
    let token = h.token(0).await;
    assert_denied(&h.get("/v1.0/groups", &token).await);

    let unknown = put_consent(
        &h,
        "00000000-0000-0000-0000-000000000001",
        r#"{"granted":true}"#,
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_graph_error(&unknown.body, "ResourceNotFound");
    for bad in ["", "{", r#"{"granted":"yes"}"#, r#"{"granted":true,"x":1}"#] {
        let refused = put_consent(&h, &tenant, bad).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_graph_error(&refused.body, "BadRequest");
    }
    assert!(matches!(
        h.sim.set_consent(uuid::Uuid::nil(), true),
        Err(SimError::UnknownTenant(id)) if id.is_nil()
    ));
    let still = h.token(0).await;
    assert_denied(&h.get("/v1.0/groups", &still).await);
}
