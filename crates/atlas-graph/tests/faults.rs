//! The client against every fault the simulated cloud injects: each one either converges to
//! the full, correct result or is reported truthfully (incomplete, with the failed item named).

mod support;

use atlas_cloudsim::{Faults, ThrottleMode, ThrottleStorm};
use atlas_graph::{BatchRequest, Depth, Method, ObjectType, ProviderReason, CATALOG};
use serde_json::{json, Value};
use support::{client, credentials, simulator};

fn settings_catalog() -> &'static ObjectType {
    ObjectType::find("settings_catalog").unwrap()
}

/// How many objects of `ty` simulated tenant `tenant` holds.
fn held(sim: &atlas_cloudsim::RunningSimulator, tenant: usize, ty: &ObjectType) -> usize {
    let data = sim.cloud().tenants()[tenant].data.read().unwrap();
    data.collection(ty.path)
        .iter()
        .filter(|o| {
            atlas_cloudsim::model::catalog_type(ty.path, o.odata_type()).map(|t| t.key)
                == Some(ty.key)
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_object_is_named_and_the_rest_is_read() {
    let sim = simulator(None, ThrottleMode::Off, 80).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let healthy = graph
        .read_type(&creds, settings_catalog(), Depth::Full)
        .await;
    assert!(healthy.complete());
    let victim = healthy.objects[1].clone();
    sim.set_faults(Faults {
        fail_objects: vec![victim.id.clone()],
        ..Faults::default()
    })
    .unwrap();
    let read = graph
        .read_type(&creds, settings_catalog(), Depth::Full)
        .await;
    assert!(
        !read.complete(),
        "a failed object makes the type incomplete"
    );
    assert_eq!(read.failures.len(), 1);
    assert_eq!(read.failures[0].id, victim.id);
    assert_eq!(
        read.failures[0].display_name.as_deref(),
        Some(victim.display_name.as_str())
    );
    assert_eq!(read.failures[0].error.reason, ProviderReason::ServerError);
    assert_eq!(read.objects.len(), healthy.objects.len() - 1);
    assert_eq!(read.listed, healthy.listed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttling_storm_converges_to_the_complete_result() {
    let sim = simulator(None, ThrottleMode::Real, 60).await;
    // Every request in flight is refused while the storm lasts; allow enough attempts to
    // outlast it (the default of 5 is for ordinary throttling).
    let graph = client(&sim, |s| s.max_retries = 12);
    let creds = credentials(&sim, 0);
    let types: Vec<&'static ObjectType> = CATALOG.iter().collect();
    let expected = graph.read_types(&creds, &types, Depth::Full).await;
    sim.set_faults(Faults {
        throttle_storm: Some(ThrottleStorm {
            requests: Some(40),
            retry_after_seconds: Some(0),
            ..ThrottleStorm::default()
        }),
        ..Faults::default()
    })
    .unwrap();
    let before = graph.stats().throttled;
    let stormy = graph.read_types(&creds, &types, Depth::Full).await;
    assert_eq!(
        graph.stats().throttled - before,
        40,
        "each of the storm's 40 refusals was felt, and nothing else"
    );
    assert_eq!(sim.stats().total.storm_throttled, 40);
    assert_eq!(expected.len(), CATALOG.len());
    assert_eq!(stormy.len(), CATALOG.len());
    for (calm, storm) in expected.iter().zip(&stormy) {
        assert!(
            storm.complete(),
            "{}: {:?}",
            storm.object_type.key,
            storm.failures
        );
        let ids = |r: &atlas_graph::TypeRead| {
            r.objects
                .iter()
                .map(|o| (o.id.clone(), o.content.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(calm), ids(storm), "{}", calm.object_type.key);
    }
    let stats = sim.stats();
    assert_eq!(
        stats.total.throttled, 0,
        "only the storm refused requests, never the window"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried_until_the_read_is_whole() {
    let sim = simulator(None, ThrottleMode::Off, 60).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let expected = graph
        .read_type(&creds, settings_catalog(), Depth::Full)
        .await;
    sim.set_faults(Faults {
        server_error_rate: 0.2,
        ..Faults::default()
    })
    .unwrap();
    let read = graph
        .read_type(&creds, settings_catalog(), Depth::Full)
        .await;
    assert!(read.complete(), "{:?} {:?}", read.list_error, read.failures);
    assert_eq!(read.objects, expected.objects);
    assert!(sim.stats().total.server_errors > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_pages_and_broken_links_leave_the_type_incomplete() {
    let sim = simulator(None, ThrottleMode::Off, 1_000).await;
    let graph = client(&sim, |s| s.max_retries = 1);
    let creds = credentials(&sim, 0);
    let ty = settings_catalog();
    for faults in [
        Faults {
            truncated_page: true,
            ..Faults::default()
        },
        Faults {
            broken_next_link: true,
            ..Faults::default()
        },
    ] {
        sim.set_faults(faults.clone()).unwrap();
        let read = graph.read_type(&creds, ty, Depth::Listing).await;
        let error = read.list_error.as_ref().expect("the listing broke off");
        assert!(!read.complete());
        assert!(
            matches!(
                error.reason,
                ProviderReason::MalformedResponse | ProviderReason::BadRequest
            ),
            "{faults:?}: {error:?}"
        );
        assert_eq!(read.pages, 1, "the first page was read, the rest was not");
        assert_eq!(read.objects.len(), 100, "only the first page");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_reported_never_taken_for_empty() {
    let sim = simulator(None, ThrottleMode::Off, 20).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    sim.set_faults(Faults {
        malformed_json_rate: 1.0,
        ..Faults::default()
    })
    .unwrap();
    let read = graph
        .read_type(&creds, settings_catalog(), Depth::Listing)
        .await;
    assert_eq!(
        read.list_error.unwrap().reason,
        ProviderReason::MalformedResponse
    );
    assert!(read.objects.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_revoked_mid_run_are_renewed() {
    let sim = simulator(None, ThrottleMode::Off, 300).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let first = graph.collection_url(settings_catalog(), Some(10)).unwrap();
    let (page, _) = graph.get_page(&creds, &first).await.unwrap();
    assert_eq!(page.items.len(), 10);
    // The renewed token may be issued in the same second: it is still a new token (`uti`).
    sim.expire_tokens();
    let (next, _) = graph
        .get_page(&creds, &page.next_link.unwrap())
        .await
        .unwrap();
    let second_page = (held(&sim, 0, settings_catalog()) - 10).min(10);
    assert!(second_page > 0);
    assert_eq!(next.items.len(), second_page);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_answer_every_part_including_the_failed_ones() {
    let sim = simulator(None, ThrottleMode::Off, 200).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let ty = settings_catalog();
    let listing = graph.read_type(&creds, ty, Depth::Listing).await;
    let mut requests: Vec<BatchRequest> = listing
        .objects
        .iter()
        .take(25)
        .enumerate()
        .map(|(i, o)| BatchRequest::get(i.to_string(), format!("/{}/{}/settings", ty.path, o.id)))
        .collect();
    requests.push(BatchRequest::get(
        "missing",
        format!("/{}/00000000-0000-0000-0000-000000000000", ty.path),
    ));
    let count = requests.len();
    assert_eq!(
        count, 26,
        "25 objects (the seed holds more) and the missing one"
    );
    let answers = graph.batch(&creds, ty.version, requests).await;
    assert_eq!(
        answers.len(),
        count,
        "one answer per request, over two batches"
    );
    assert!(answers[..count - 1]
        .iter()
        .all(|a| a.result.as_ref().is_ok_and(|b| b["value"].is_array())));
    let missing = answers.last().unwrap();
    assert_eq!(missing.id, "missing");
    assert_eq!(
        missing.result.as_ref().unwrap_err().reason,
        ProviderReason::NotFound
    );
    assert_eq!(graph.stats().batches, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_create_update_assign_and_delete() {
    let sim = simulator(None, ThrottleMode::Real, 10).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let ty = ObjectType::find("device_configuration").unwrap();
    let collection = graph.url(ty.version, ty.path, &Default::default()).unwrap();
    let created = graph
        .write(
            &creds,
            Method::POST,
            &collection,
            Some(&json!({
                "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
                "displayName": "Restored by TenantAtlas",
                "passwordRequired": true
            })),
        )
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let object_url = graph
        .url(
            ty.version,
            &format!("{}/{id}", ty.path),
            &Default::default(),
        )
        .unwrap();
    let patched = graph
        .write(
            &creds,
            Method::PATCH,
            &object_url,
            Some(&json!({"displayName": "Renamed"})),
        )
        .await
        .unwrap();
    assert_eq!(patched.status, 204);
    let assign_url = graph
        .url(
            ty.version,
            &format!("{}/{id}/assign", ty.path),
            &Default::default(),
        )
        .unwrap();
    let group = "5f1b6a7e-0000-4000-8000-000000000001";
    graph
        .write(
            &creds,
            Method::POST,
            &assign_url,
            Some(&json!({"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": group}}]})),
        )
        .await
        .unwrap();
    let object = graph.read_object(&creds, ty, &id).await.unwrap();
    assert_eq!(object.display_name, "Renamed");
    assert_eq!(object.content["assignments"][0]["target"]["groupId"], group);
    let deleted = graph
        .write(&creds, Method::DELETE, &object_url, None)
        .await
        .unwrap();
    assert_eq!(deleted.status, 204);
    assert_eq!(deleted.body, Value::Null);
    let gone = graph.read_object(&creds, ty, &id).await.unwrap_err();
    assert_eq!(gone.reason, ProviderReason::NotFound);
    assert!(graph
        .write(&creds, Method::GET, &object_url, None)
        .await
        .is_err());
}
