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
//! The Python is `$ATLAS_MSAL_PYTHON`, else the venv `scripts/install-deps.sh` creates at
//! `${XDG_CACHE_HOME:-$HOME/.cache}/tenantatlas/msal-venv`. Without it the tests fail, naming
//! that script.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use serde_json::Value;

const LIST_PATH: &str = "deviceManagement/deviceConfigurations";

fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("ATLAS_MSAL_PYTHON") {
        return PathBuf::from(path);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .expect("HOME or XDG_CACHE_HOME is set");
    cache.join("tenantatlas/msal-venv/bin/python")
}

/// The Python with MSAL, or a failure that says how to get it.
fn msal_python() -> PathBuf {
    let python = python();
    let probe = Command::new(&python)
        .args(["-c", "import msal; print(msal.__version__)"])
        .output();
    match probe {
        Ok(out) if out.status.success() => python,
        Ok(out) => panic!(
            "{} cannot import msal ({}): run scripts/install-deps.sh (or point ATLAS_MSAL_PYTHON at a Python with msal)",
            python.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(err) => panic!(
            "no Python for the MSAL test at {} ({err}): run scripts/install-deps.sh (or point ATLAS_MSAL_PYTHON at a Python with msal)",
            python.display()
        ),
    }
}

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
    let python = msal_python();
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
    let (success, stdout, stderr) = run_bounded(command, Duration::from_secs(120)).await;
    assert!(
        success,
        "msal_client.py ({credential}) failed: {stdout}\n{stderr}"
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
}

/// Runs the child for at most `limit` (killed after that): success, stdout, stderr. Output goes
/// to files, so a chatty child can never block on a full pipe.
async fn run_bounded(
    mut command: tokio::process::Command,
    limit: Duration,
) -> (bool, String, String) {
    let out = tempfile::NamedTempFile::new().unwrap();
    let err = tempfile::NamedTempFile::new().unwrap();
    command
        .stdout(Stdio::from(out.reopen().unwrap()))
        .stderr(Stdio::from(err.reopen().unwrap()))
        .kill_on_drop(true);
    let mut child = command.spawn().expect("the Python process starts");
    let status = match tokio::time::timeout(limit, child.wait()).await {
        Ok(status) => Some(status.expect("the child can be waited for")),
        Err(_) => {
            // Killed and reaped, so its output files are complete.
            let _ = child.kill().await;
            None
        }
    };
    let read = |file: &tempfile::NamedTempFile| std::fs::read_to_string(file.path()).unwrap();
    let mut stderr = read(&err);
    if status.is_none() {
        stderr.push_str("\n(killed: no answer in time)");
    }
    (status.is_some_and(|s| s.success()), read(&out), stderr)
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
