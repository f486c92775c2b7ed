//! The token endpoint with certificate credentials, as a raw client sees it: signed client
//! assertions accepted under every audience spelling Entra takes, and each way they go wrong
//! answered with Entra's status, error and AADSTS code.

use std::sync::Arc;
use std::time::Duration;

use atlas_cloudsim::{
    AppCertificate, ManualClock, RunningSimulator, Simulator, SimulatorConfig, TenantCredentials,
    ThrottleMode,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::StatusCode;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::{pkcs1v15, RsaPrivateKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

struct Harness {
    sim: RunningSimulator,
    clock: ManualClock,
    http: reqwest::Client,
}

impl Harness {
    async fn start() -> Self {
        let clock = ManualClock::starting_now();
        let sim = Simulator::start(SimulatorConfig {
            seed: 31,
            tenants: 1,
            policies_per_tenant: 10,
            throttle: ThrottleMode::Off,
            clock: Arc::new(clock.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
        Self {
            sim,
            clock,
            http: reqwest::Client::new(),
        }
    }

    fn tenant(&self) -> TenantCredentials {
        self.sim.credentials()[0].clone()
    }

    fn now(&self) -> i64 {
        use atlas_cloudsim::Clock as _;
        self.clock.now().unix_millis() / 1000
    }

    /// Claims a well-behaved client sends to this simulator's token endpoint.
    fn claims(&self) -> Value {
        let t = self.tenant();
        json!({
            "aud": t.token_endpoint,
            "iss": t.client_id,
            "sub": t.client_id,
            "jti": "8c7e1b6e-0000-4000-8000-000000000001",
            "nbf": self.now(),
            "iat": self.now(),
            "exp": self.now() + 600,
        })
    }

    async fn post(&self, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let client_id = self.tenant().client_id.to_string();
        let mut fields = vec![
            ("grant_type", "client_credentials"),
            ("client_id", client_id.as_str()),
            ("scope", "https://graph.microsoft.com/.default"),
        ];
        fields.extend_from_slice(form);
        let response = self
            .http
            .post(self.tenant().token_endpoint)
            .form(&fields)
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn with_assertion(&self, assertion: &str) -> (StatusCode, Value) {
        self.post(&[
            ("client_assertion_type", JWT_BEARER),
            ("client_assertion", assertion),
        ])
        .await
    }
}

/// RS256, header `x5t#S256`, signed with `certificate`'s key.
fn sign(certificate: &AppCertificate, claims: &Value) -> String {
    let der = pem_rfc7468::decode_vec(certificate.certificate_pem().as_bytes())
        .unwrap()
        .1;
    let header = json!({"alg": "RS256", "typ": "JWT",
                        "x5t#S256": URL_SAFE_NO_PAD.encode(Sha256::digest(&der))});
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let key = RsaPrivateKey::from_pkcs8_pem(certificate.private_key_pem()).unwrap();
    let signature = pkcs1v15::SigningKey::<Sha256>::new(key).sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_vec()))
}

fn codes(body: &Value) -> Vec<u64> {
    body["error_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn an_assertion_signed_with_the_registered_certificate_gets_a_token() {
    let h = Harness::start().await;
    let ours = h.sim.app_certificate();
    let t = h.tenant();
    let public = format!(
        "https://login.microsoftonline.com/{}/oauth2/v2.0/token",
        t.tenant_id
    );
    let by_domain = format!(
        "{}/{}/oauth2/v2.0/token",
        h.sim.base_url(),
        t.primary_domain
    );
    for audience in [t.token_endpoint.clone(), public, by_domain] {
        let mut claims = h.claims();
        claims["aud"] = json!(audience);
        let (status, body) = h.with_assertion(&sign(ours, &claims)).await;
        assert_eq!(status, StatusCode::OK, "{audience}: {body}");
        let token = body["access_token"].as_str().unwrap();
        let payload: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(token.split('.').nth(1).unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(payload["appidacr"], "2", "a certificate-authenticated app");
    }

    let metadata: Value = h
        .http
        .get(format!(
            "{}/{}/v2.0/.well-known/openid-configuration",
            h.sim.base_url(),
            t.tenant_id
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        metadata["token_endpoint_auth_methods_supported"],
        json!(["client_secret_post", "private_key_jwt"])
    );
}

#[tokio::test]
async fn refused_assertions_get_entras_answers() {
    let h = Harness::start().await;
    let ours = h.sim.app_certificate();
    let t = h.tenant();
    let with = |key: &str, value: Value| {
        let mut claims = h.claims();
        claims[key] = value;
        sign(ours, &claims)
    };

    let other = AppCertificate::for_seed(32).unwrap();
    let (status, body) = h.with_assertion(&sign(&other, &h.claims())).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::UNAUTHORIZED, vec![700027])
    );
    assert_eq!(body["error"], "invalid_client");
    let description = body["error_description"].as_str().unwrap();
    assert!(
        description.contains("is not registered on application"),
        "{description}"
    );

    let mut forged: Vec<String> = sign(ours, &h.claims())
        .split('.')
        .map(str::to_owned)
        .collect();
    forged[1] = URL_SAFE_NO_PAD.encode(with_sub(&h, "someone-else").to_string());
    let (status, body) = h.with_assertion(&forged.join(".")).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::UNAUTHORIZED, vec![700027])
    );
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .contains("signature validation"));

    let wrong_aud = with(
        "aud",
        json!("https://login.microsoftonline.com/other/oauth2/v2.0/token"),
    );
    let (status, body) = h.with_assertion(&wrong_aud).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::UNAUTHORIZED, vec![50012])
    );

    let other_app = with("iss", json!("00000000-0000-4000-8000-000000000abc"));
    assert_eq!(codes(&h.with_assertion(&other_app).await.1), vec![700021]);

    let expired = sign(ours, &h.claims());
    h.clock.advance(Duration::from_secs(600 + 301));
    let (status, body) = h.with_assertion(&expired).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::UNAUTHORIZED, vec![700024])
    );
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .contains("not within its valid time range"));

    let (status, body) = h.with_assertion("not-a-jwt").await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::BAD_REQUEST, vec![50027])
    );

    let fresh = sign(ours, &h.claims());
    let (status, body) = h.post(&[("client_assertion", &fresh)]).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::BAD_REQUEST, vec![900144])
    );

    let (status, body) = h
        .post(&[
            ("client_assertion_type", JWT_BEARER),
            ("client_assertion", &fresh),
            ("client_secret", &t.client_secret),
        ])
        .await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::BAD_REQUEST, vec![90023])
    );

    let (status, body) = h.post(&[]).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::UNAUTHORIZED, vec![7000218])
    );
}

fn with_sub(h: &Harness, sub: &str) -> Value {
    let mut claims = h.claims();
    claims["sub"] = json!(sub);
    claims
}
