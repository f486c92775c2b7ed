//! A real Microsoft client library against the simulator: MSAL for Python (from PyPI, pinned by
//! `scripts/install-deps.sh`) acquires an app-only Graph token over HTTPS — with a client
//! secret, with a certificate by SHA-1 thumbprint (RS256, `x5t`) and with a certificate by its
//! PEM (PS256, `x5t#S256`) — and plain `urllib` pages through a Graph list endpoint with it
//! (`tests/msal_client.py`). The results are checked against the simulator's own data.
//!
//! MSAL configuration, as an app would write it, except for where the cloud is:
//! - `authority="https://127.0.0.1:PORT/<tenant id>"`;
//! - `instance_discovery="https://127.0.0.1:PORT/common/discovery/instance"`: for an authority
//!   host it does not know, MSAL first asks `https://login.microsoftonline.com/common/discovery/
//!   instance` to vouch for it (MSAL 1.39 `authority.py`), which no machine here reaches. MSAL's
//!   documented string form of `instance_discovery` sends that same request to the simulator's
//!   own discovery endpoint instead, so authority validation still happens — it is not
//!   switched off (`instance_discovery=False` / `validate_authority=False` would skip it);
//! - the CA the simulator generated is trusted through `REQUESTS_CA_BUNDLE` (MSAL's HTTP client
//!   is `requests`), so MSAL's code and TLS verification are untouched.
//!
//! The Python is the test clients' venv (`atlas_testkit::python`); without it the tests fail,
//! naming `scripts/install-deps.sh`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_testkit::python::{client_python, run_bounded, ChildRun};
use serde_json::Value;

const LIST_PATH: &str = "deviceManagement/deviceConfigurations";

async fn https_simulator() -> RunningSimulator {
    Simulator::start(SimulatorConfig {
        seed: 21,
        tenants: 2,
        policies_per_tenant: 120,
        throttle: ThrottleMode::Off,
        tls: true,
        ..Default::default()
    })
    .await
    .expect("the simulator starts with TLS")
}

/// Runs `msal_client.py` for tenant 0 with `credential` and returns its JSON answer.
async fn run_msal(sim: &RunningSimulator, credential: &str) -> Value {
    let python = client_python("msal");
    let tenant = &sim.credentials()[0];
    let base = sim.base_url();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/msal_client.py");
    let mut command = tokio::process::Command::new(python);
    command
        .arg(script)
        .env("SIM_AUTHORITY", format!("{base}/{}", tenant.tenant_id))
        .env("SIM_DISCOVERY", format!("{base}/common/discovery/instance"))
        .env("SIM_CLIENT_ID", tenant.client_id.to_string())
        .env("SIM_CREDENTIAL", credential)
        .env("SIM_CLIENT_SECRET", &tenant.client_secret)
        .env("SIM_CERTIFICATE", &tenant.certificate.certificate_path)
        .env("SIM_PRIVATE_KEY", &tenant.certificate.private_key_path)
        .env("SIM_LIST_URL", format!("{base}/beta/{LIST_PATH}?$top=5"))
        .env("REQUESTS_CA_BUNDLE", sim.ca_pem_path().unwrap())
        // Loopback only, whatever proxy the machine has configured.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .env_remove("MSAL_FORCE_REGION");
    let ChildRun {
        success,
        stdout,
        stderr,
    } = run_bounded(command, Duration::from_secs(120)).await;
    assert!(
        success,
        "msal_client.py ({credential}) failed: {stdout}\n{stderr}"
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
}

/// The answer names every object of the collection once, in pages of five.
fn assert_listed_everything(sim: &RunningSimulator, answer: &Value) {
    let expected: BTreeSet<String> = sim.cloud().tenants()[0]
        .data
        .read()
        .unwrap()
        .collection(LIST_PATH)
        .iter()
        .map(|o| o.id().to_owned())
        .collect();
    assert!(expected.len() > 5, "more than one page to follow");
    assert_eq!(answer["token_type"], "Bearer");
    assert_eq!(answer["items"].as_u64(), Some(expected.len() as u64));
    assert_eq!(
        answer["pages"].as_u64(),
        Some(expected.len().div_ceil(5) as u64)
    );
    let listed: BTreeSet<String> = answer["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn msal_gets_a_token_with_the_client_secret_and_urllib_pages_graph() {
    let sim = https_simulator().await;
    let answer = run_msal(&sim, "secret").await;
    assert_listed_everything(&sim, &answer);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn msal_gets_a_token_with_the_certificate_by_thumbprint() {
    let sim = https_simulator().await;
    let answer = run_msal(&sim, "thumbprint").await;
    assert_listed_everything(&sim, &answer);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn msal_gets_a_token_with_the_certificate_pem() {
    let sim = https_simulator().await;
    let answer = run_msal(&sim, "certificate").await;
    assert_listed_everything(&sim, &answer);
}
