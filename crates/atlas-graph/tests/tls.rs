//! The product's own Graph client against the simulated cloud over HTTPS, trusting the CA the
//! simulator generated (through `GraphSettings::extra_root_pem`, as a deployment pointing at a
//! private cloud would): tokens with a client secret and with a certificate (signed client
//! assertion), a paged collection, and the failures an operator would meet — an untrusted
//! server, an unregistered certificate — worded without any secret.

use std::time::Duration;

use atlas_cloudsim::{AppCertificate, RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_graph::{
    ClientCertificate, Credentials, GraphClient, GraphSettings, ObjectType, ProviderReason,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use url::Url;

async fn https_simulator() -> RunningSimulator {
    Simulator::start(SimulatorConfig {
        seed: 11,
        tenants: 2,
        policies_per_tenant: 80,
        throttle: ThrottleMode::Off,
        tls: true,
        ..Default::default()
    })
    .await
    .expect("the simulator starts with TLS")
}

fn client(sim: &RunningSimulator, trust_ca: bool) -> GraphClient {
    let base = Url::parse(&sim.base_url()).unwrap();
    assert_eq!(base.scheme(), "https");
    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    settings.max_retries = 1;
    settings.max_backoff = Duration::from_millis(50);
    if trust_ca {
        settings.extra_root_pem = Some(sim.ca_pem().unwrap().as_bytes().to_vec());
    }
    GraphClient::new(settings).unwrap()
}

fn secret_credentials(sim: &RunningSimulator) -> Credentials {
    let t = &sim.credentials()[0];
    Credentials::with_secret(
        t.tenant_id.to_string(),
        t.client_id.to_string(),
        t.client_secret.clone(),
    )
}

fn certificate_credentials(sim: &RunningSimulator, certificate: ClientCertificate) -> Credentials {
    let t = &sim.credentials()[0];
    Credentials::with_certificate(
        t.tenant_id.to_string(),
        t.client_id.to_string(),
        certificate,
    )
}

/// `appidacr` of an access token: how Entra says the client authenticated.
fn appidacr(token: &str) -> String {
    let payload = token.split('.').nth(1).unwrap();
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["appidacr"].as_str().unwrap().to_owned()
}

/// Lists the settings catalog five at a time and checks it against the simulator's own data.
async fn list_settings_catalog(sim: &RunningSimulator, graph: &GraphClient, creds: &Credentials) {
    let settings_catalog = ObjectType::find("settings_catalog").unwrap();
    let url = graph.collection_url(settings_catalog, Some(5)).unwrap();
    assert_eq!(url.scheme(), "https");
    let (items, stats) = graph.list_all(creds, url).await.unwrap();
    let expected = sim.cloud().tenants()[0]
        .data
        .read()
        .unwrap()
        .collection(settings_catalog.path)
        .len();
    assert_eq!(items.len(), expected);
    assert_eq!(stats.pages as usize, expected.div_ceil(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_secret_works_over_https_with_the_generated_ca_trusted() {
    let sim = https_simulator().await;
    let graph = client(&sim, true);
    let creds = secret_credentials(&sim);
    let token = graph.access_token(&creds).await.unwrap();
    assert_eq!(appidacr(&token), "1", "a secret");
    list_settings_catalog(&sim, &graph, &creds).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_works_over_https_with_the_generated_ca_trusted() {
    let sim = https_simulator().await;
    let graph = client(&sim, true);
    let t = &sim.credentials()[0];
    let certificate = ClientCertificate::from_pem(
        &t.certificate.certificate_pem,
        &t.certificate.private_key_pem,
    )
    .unwrap();
    assert_eq!(certificate.thumbprint(), t.certificate.thumbprint);
    // The PEM files the simulator wrote work as well as the strings.
    let from_files = ClientCertificate::from_pem(
        std::fs::read(&t.certificate.certificate_path).unwrap(),
        std::fs::read(&t.certificate.private_key_path).unwrap(),
    )
    .unwrap();
    assert_eq!(from_files, certificate);

    let creds = certificate_credentials(&sim, certificate);
    let token = graph.access_token(&creds).await.unwrap();
    assert_eq!(appidacr(&token), "2", "a certificate");
    list_settings_catalog(&sim, &graph, &creds).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unregistered_certificate_is_refused_with_entras_code() {
    let sim = https_simulator().await;
    let graph = client(&sim, true);
    // Another simulator's certificate: a valid key pair this app never registered.
    let other = AppCertificate::for_seed(12).unwrap();
    let certificate =
        ClientCertificate::from_pem(other.certificate_pem(), other.private_key_pem()).unwrap();
    let err = graph
        .access_token(&certificate_credentials(&sim, certificate))
        .await
        .unwrap_err();
    assert_eq!(err.reason, ProviderReason::BadSecret);
    assert!(
        err.provider_codes.iter().any(|c| c == "AADSTS700027"),
        "{:?}",
        err.provider_codes
    );
    assert!(err.message.contains("certificate"), "{err}");
    let shown = format!("{err} {err:?}");
    let key_line = other.private_key_pem().lines().nth(3).unwrap();
    assert!(!shown.contains(key_line), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_ca_the_server_is_unreachable_and_nothing_secret_shows() {
    let sim = https_simulator().await;
    let graph = client(&sim, false);
    let creds = secret_credentials(&sim);
    let err = graph.access_token(&creds).await.unwrap_err();
    assert_eq!(err.reason, ProviderReason::Unreachable);
    assert_eq!(err.reason.code(), "graph.unreachable");
    let secret = &sim.credentials()[0].client_secret;
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(secret.as_str()), "{shown}");

    let t = &sim.credentials()[0];
    let certificate = ClientCertificate::from_pem(
        &t.certificate.certificate_pem,
        &t.certificate.private_key_pem,
    )
    .unwrap();
    let err = graph
        .access_token(&certificate_credentials(&sim, certificate))
        .await
        .unwrap_err();
    assert_eq!(err.reason, ProviderReason::Unreachable);
    let key_line = t.certificate.private_key_pem.lines().nth(3).unwrap();
    assert!(!format!("{err} {err:?}").contains(key_line));
}

#[test]
fn credentials_and_bad_certificate_errors_never_show_key_material() {
    let c = AppCertificate::for_seed(11).unwrap();
    let key = c.private_key_pem();
    let key_lines: Vec<&str> = key.lines().filter(|l| !l.starts_with("-----")).collect();
    let leaks = |shown: &str| key_lines.iter().any(|l| shown.contains(l));

    let certificate = ClientCertificate::from_pem(c.certificate_pem(), key).unwrap();
    let creds = Credentials::with_certificate("tenant", "client", certificate.clone());
    let shown = format!(
        "{creds:?} {certificate} {certificate:?} {:?}",
        creds.credential
    );
    assert!(!leaks(&shown), "{shown}");
    assert!(!shown.contains("PRIVATE KEY"), "{shown}");

    let secret = Credentials::with_secret("tenant", "client", "hunter2-do-not-print");
    assert!(!format!("{secret:?}").contains("hunter2"));

    // Every way a certificate can be unusable: key and certificate swapped, cut short, from
    // another certificate, mangled; none of the errors quotes either PEM.
    let other = AppCertificate::for_seed(12).unwrap();
    let half = &key[..key.len() / 2];
    let mangled = key.replace('A', "*");
    let cases = [
        (key, c.certificate_pem()),
        (c.certificate_pem(), half),
        (c.certificate_pem(), other.private_key_pem()),
        (c.certificate_pem(), mangled.as_str()),
        ("", ""),
    ];
    for (certificate_pem, key_pem) in cases {
        let err = ClientCertificate::from_pem(certificate_pem, key_pem).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!leaks(&shown), "{shown}");
        assert_eq!(err.reason, ProviderReason::BadSecret, "{shown}");
    }
}
