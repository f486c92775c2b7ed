//! `atlas sim serve`: the printed credentials work with the product's own Graph client.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use atlas_graph::{ClientSecret, Credentials, GraphClient, GraphSettings, ObjectType};

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
    let credentials = Credentials {
        tenant: t["tenant_id"].as_str().unwrap().into(),
        client_id: t["client_id"].as_str().unwrap().into(),
        secret: ClientSecret::new(t["client_secret"].as_str().unwrap()),
    };
    let url = graph
        .collection_url(ObjectType::find("compliance_policy").unwrap(), None)
        .unwrap();
    let (items, _) =
        tokio::time::timeout(Duration::from_secs(20), graph.list_all(&credentials, url))
            .await
            .unwrap()
            .unwrap();
    assert!(!items.is_empty());

    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success(), "stops cleanly on SIGTERM");
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
