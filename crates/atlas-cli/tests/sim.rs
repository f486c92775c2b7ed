//! `atlas sim serve`: the printed credentials work with the product's own Graph client, over
//! HTTP and, with `--tls`, over HTTPS trusting the printed CA.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::Duration,
};

use atlas_graph::{ClientCertificate, Credentials, GraphClient, GraphSettings, ObjectType};

/// How many objects of type `key` simulated tenant `index` holds when `atlas sim serve` runs
/// with `seed`, `tenants` and `policies` (it generates them as this does), after checking that
/// `listed` (the tenant of the printed listing) is that tenant.
fn generated(
    (seed, tenants, policies): (u64, usize, usize),
    index: usize,
    listed: &serde_json::Value,
    key: &str,
) -> usize {
    let ty = ObjectType::find(key).unwrap();
    let (info, data) = atlas_cloudsim::generate::generate(seed, tenants, policies).remove(index);
    assert_eq!(
        listed["tenant_id"].as_str(),
        Some(info.tenant_id.to_string().as_str())
    );
    data.collection(ty.path)
        .iter()
        .filter(|o| {
            atlas_cloudsim::model::catalog_type(ty.path, o.odata_type()).map(|t| t.key) == Some(key)
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_credentials_obtain_a_token_and_read_graph() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .args([
            "sim",
            "serve",
            "--tenants",
            "2",
            "--policies",
            "40",
            "--seed",
            "7",
            "--json",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let listing: serde_json::Value = serde_json::from_str(&line).unwrap();
    let tenants = listing["tenants"].as_array().unwrap();
    assert_eq!(tenants.len(), 2);

    let base = url::Url::parse(listing["base_url"].as_str().unwrap()).unwrap();
    let graph = GraphClient::new(GraphSettings::for_endpoints(base.clone(), base)).unwrap();
    let t = &tenants[1];
    let credentials = Credentials::with_secret(
        t["tenant_id"].as_str().unwrap(),
        t["client_id"].as_str().unwrap(),
        t["client_secret"].as_str().unwrap(),
    );
    let url = graph
        .collection_url(ObjectType::find("compliance_policy").unwrap(), None)
        .unwrap();
    let (items, _) =
        tokio::time::timeout(Duration::from_secs(20), graph.list_all(&credentials, url))
            .await
            .unwrap()
            .unwrap();
    let expected = generated((7, 2, 40), 1, t, "compliance_policy");
    assert!(
        expected > 0,
        "the seed gives the tenant compliance policies"
    );
    assert_eq!(items.len(), expected);

    stop(child);
}

#[test]
fn bad_options_are_refused() {
    let out = Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .args(["sim", "serve", "--tenants", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 is not in 1..=500"));
}

/// Stops `atlas sim serve` the way a service manager would and checks it ends cleanly.
fn stop(mut child: Child) {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success(), "stops cleanly on SIGTERM");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_tls_the_listing_names_the_ca_and_the_client_reads_graph_with_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("sim-ca.pem");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .args([
            "sim",
            "serve",
            "--tenants",
            "1",
            "--policies",
            "30",
            "--tls",
        ])
        .arg("--ca-pem")
        .arg(&ca_path)
        .arg("--json")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let listing: serde_json::Value = serde_json::from_str(&line).unwrap();
    let base = url::Url::parse(listing["base_url"].as_str().unwrap()).unwrap();
    assert_eq!(base.scheme(), "https");
    assert_eq!(
        listing["ca_pem_path"].as_str(),
        Some(ca_path.to_str().unwrap())
    );
    let t = &listing["tenants"][0];
    assert!(t["token_endpoint"]
        .as_str()
        .unwrap()
        .starts_with("https://"));

    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    settings.extra_root_pem = Some(std::fs::read(&ca_path).unwrap());
    let graph = GraphClient::new(settings).unwrap();
    let certificate = ClientCertificate::from_pem(
        t["certificate"]["certificate_pem"].as_str().unwrap(),
        t["certificate"]["private_key_pem"].as_str().unwrap(),
    )
    .unwrap();
    let credentials = Credentials::with_certificate(
        t["tenant_id"].as_str().unwrap(),
        t["client_id"].as_str().unwrap(),
        certificate,
    );
    let url = graph
        .collection_url(ObjectType::find("compliance_policy").unwrap(), None)
        .unwrap();
    let (items, _) =
        tokio::time::timeout(Duration::from_secs(20), graph.list_all(&credentials, url))
            .await
            .unwrap()
            .unwrap();
    // `--seed` defaults to 1.
    let expected = generated((1, 1, 30), 0, t, "compliance_policy");
    assert!(
        expected > 0,
        "the seed gives the tenant compliance policies"
    );
    assert_eq!(items.len(), expected);

    stop(child);
    assert!(ca_path.exists(), "a CA path the operator chose is kept");
}

#[test]
fn with_tls_the_text_listing_prints_https_urls_and_the_ca_path() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .args(["sim", "serve", "--tenants", "1", "--policies", "5", "--tls"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut text = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    while !text.contains("Ctrl-C to stop.") {
        assert_ne!(out.read_line(&mut text).unwrap(), 0, "{text}");
    }
    stop(child);
    assert!(
        text.contains("Simulated Microsoft cloud at https://127.0.0.1:"),
        "{text}"
    );
    let ca = text
        .lines()
        .find_map(|l| l.strip_prefix("HTTPS certificate authority (trust it in clients): "))
        .unwrap_or_else(|| panic!("no CA path in {text}"));
    assert!(ca.ends_with(".pem"), "{ca}");
    assert!(
        text.contains("token endpoint: https://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("certificate:"), "{text}");
    assert!(
        !std::path::Path::new(ca).exists(),
        "the temporary CA file goes with the simulator"
    );
}

#[test]
fn a_ca_path_without_tls_is_refused() {
    let out = Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .args(["sim", "serve", "--ca-pem", "/tmp/never-written.pem"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls"));
}

#[tokio::test]
async fn fault_flags_apply_from_the_start() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .args([
            "sim",
            "serve",
            "--tenants",
            "1",
            "--policies",
            "10",
            "--fault-429-storm",
            "2",
            "--json",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let listing: serde_json::Value = serde_json::from_str(&line).unwrap();
    let base = listing["base_url"].as_str().unwrap().to_owned();
    let t = &listing["tenants"][0];
    let url = url::Url::parse(&base).unwrap();
    let graph = GraphClient::new(GraphSettings::for_endpoints(url.clone(), url)).unwrap();
    let credentials = Credentials::with_secret(
        t["tenant_id"].as_str().unwrap(),
        t["client_id"].as_str().unwrap(),
        t["client_secret"].as_str().unwrap(),
    );
    let first = graph
        .collection_url(ObjectType::find("scope_tag").unwrap(), None)
        .unwrap();
    let (_, throttled) = graph.get_json(&credentials, &first).await.unwrap();
    assert_eq!(throttled, 2, "the storm refused the first two attempts");
    let stats: serde_json::Value = reqwest::get(format!("{base}/_sim/stats"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["total"]["storm_throttled"], 2);
    stop(child);
}
