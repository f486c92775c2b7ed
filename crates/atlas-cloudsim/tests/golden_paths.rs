//! The simulated cloud answers the Graph requests of `golden/graph_paths.txt`, a list written
//! from Microsoft's documentation rather than from the product's catalog (which the simulator
//! builds its routes from): a wrong endpoint in the catalog fails here.

mod common;

use atlas_cloudsim::ThrottleMode;
use common::Harness;
use reqwest::StatusCode;

const GOLDEN: &str = include_str!("golden/graph_paths.txt");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_request_is_answered() {
    let h = Harness::start(120, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let mut failures = Vec::new();
    for line in GOLDEN
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (line_request, singleton) = match line.strip_suffix(" entity") {
            Some(request) => (request, true),
            None => (line, false),
        };
        let (method, path) = line_request.split_once(' ').expect("METHOD PATH");
        assert_eq!(method, "GET", "{line}");
        let path = match path.split_once("/{id}") {
            None => path.to_owned(),
            Some((parent, rest)) => {
                let first = h.get(&format!("{parent}?$top=1"), &token).await;
                let Some(id) = first.body["value"][0]["id"].as_str() else {
                    failures.push(format!("{line}: {parent} lists nothing"));
                    continue;
                };
                format!("{parent}/{id}{rest}")
            }
        };
        let answer = h.get(&path, &token).await;
        let entity_id = answer.body["id"].as_str().unwrap_or("\u{0}");
        let shaped = if singleton {
            answer.body.is_object() && answer.body.get("value").is_none()
        } else if path.ends_with(&format!("/{entity_id}")) {
            answer.body["id"].is_string()
        } else {
            answer.body["value"].is_array()
        };
        if answer.status != StatusCode::OK || !shaped {
            failures.push(format!("{line}: {} {}", answer.status, answer.body));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
