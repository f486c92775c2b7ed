//! The Graph client against the simulated cloud on loopback: tokens and their errors, paging,
//! throttling answered with `Retry-After`, and a token that expires mid-run.

use std::{sync::Arc, time::Duration};

use atlas_cloudsim::{ManualClock, RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_graph::{
    ClientCredential, ClientSecret, Credentials, GraphClient, GraphSettings, ObjectType,
    ProviderReason,
};
use url::Url;

async fn simulator(
    clock: Option<ManualClock>,
    throttle: ThrottleMode,
    policies: usize,
) -> RunningSimulator {
    let mut config = SimulatorConfig {
        tenants: 2,
        policies_per_tenant: policies,
        throttle,
        ..Default::default()
    };
    if let Some(clock) = clock {
        config.clock = Arc::new(clock);
    }
    Simulator::start(config)
        .await
        .expect("the simulator starts")
}

fn client(sim: &RunningSimulator, tweak: impl FnOnce(&mut GraphSettings)) -> GraphClient {
    let base = Url::parse(&sim.base_url()).unwrap();
    let mut settings = GraphSettings::for_endpoints(base.clone(), base);
    settings.max_backoff = Duration::from_millis(200);
    tweak(&mut settings);
    GraphClient::new(settings).unwrap()
}

/// How many objects of type `key` simulated tenant `tenant` holds.
fn held(sim: &RunningSimulator, tenant: usize, key: &str) -> usize {
    let ty = ObjectType::find(key).unwrap();
    let data = sim.cloud().tenants()[tenant].data.read().unwrap();
    data.collection(ty.path)
        .iter()
        .filter(|o| {
            atlas_cloudsim::model::catalog_type(ty.path, o.odata_type()).map(|t| t.key) == Some(key)
        })
        .count()
}

fn credentials(sim: &RunningSimulator, tenant: usize) -> Credentials {
    let c = &sim.credentials()[tenant];
    Credentials::with_secret(
        c.tenant_id.to_string(),
        c.client_id.to_string(),
        c.client_secret.clone(),
    )
}

#[tokio::test]
async fn a_token_is_obtained_and_cached() {
    let sim = simulator(None, ThrottleMode::Off, 30).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let first = graph.access_token(&creds).await.unwrap();
    assert_eq!(
        graph.access_token(&creds).await.unwrap(),
        first,
        "served from the cache"
    );
}

#[tokio::test]
async fn token_failures_are_specific_and_never_show_the_secret() {
    let sim = simulator(None, ThrottleMode::Off, 30).await;
    let graph = client(&sim, |_| {});
    let good = credentials(&sim, 0);

    let wrong_secret = Credentials {
        credential: ClientCredential::Secret(ClientSecret::new("not-the-secret-x1")),
        ..good.clone()
    };
    let err = graph.access_token(&wrong_secret).await.unwrap_err();
    assert_eq!(err.reason, ProviderReason::BadSecret);
    assert!(
        err.provider_codes.iter().any(|c| c == "AADSTS7000215"),
        "{:?}",
        err.provider_codes
    );
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("not-the-secret-x1"), "{shown}");

    let unknown_tenant = Credentials {
        tenant: "00000000-0000-4000-8000-00000000dead".into(),
        ..good.clone()
    };
    assert_eq!(
        graph
            .access_token(&unknown_tenant)
            .await
            .unwrap_err()
            .reason,
        ProviderReason::UnknownTenant
    );

    let unknown_client = Credentials {
        client_id: "00000000-0000-4000-8000-00000000beef".into(),
        ..good
    };
    assert_eq!(
        graph
            .access_token(&unknown_client)
            .await
            .unwrap_err()
            .reason,
        ProviderReason::UnknownClient
    );
}

#[tokio::test]
async fn a_whole_collection_is_read_through_its_pages() {
    let sim = simulator(None, ThrottleMode::Off, 600).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let settings_catalog = ObjectType::find("settings_catalog").unwrap();
    let url = graph.collection_url(settings_catalog, Some(7)).unwrap();
    let (items, stats) = graph.list_all(&creds, url).await.unwrap();
    let expected = held(&sim, 0, "settings_catalog");
    assert!(expected > 7, "more than one page: {expected}");
    assert_eq!(items.len(), expected);
    assert_eq!(stats.pages as usize, items.len().div_ceil(7));
    let ids: std::collections::HashSet<_> = items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), items.len(), "no duplicates across pages");
    assert_eq!(stats.throttled, 0);

    // Every catalog collection can be listed with its catalog query (singletons are read
    // whole: tests/content.rs).
    for object_type in atlas_graph::CATALOG.iter().filter(|t| !t.singleton) {
        let url = graph.collection_url(object_type, None).unwrap();
        graph
            .list_all(&creds, url)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", object_type.key));
    }
}

#[tokio::test]
async fn unknown_resources_map_to_not_found_with_the_request_id() {
    let sim = simulator(None, ThrottleMode::Off, 30).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let url = Url::parse(&format!(
        "{}beta/deviceManagement/deviceConfigurations/00000000-0000-4000-8000-000000000404",
        ensure_slash(&sim.base_url())
    ))
    .unwrap();
    let err = graph.get_json(&creds, &url).await.unwrap_err();
    assert_eq!(err.reason, ProviderReason::NotFound);
    assert!(err.request_id.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_is_retried_after_retry_after_and_then_succeeds() {
    let clock = ManualClock::starting_now();
    let sim = simulator(Some(clock.clone()), ThrottleMode::Real, 30).await;
    // A client that allows itself more than Intune does, so the simulator has to throttle it.
    let graph = client(&sim, |s| s.requests_per_window = 5_000);
    let creds = credentials(&sim, 0);
    let url = graph
        .collection_url(ObjectType::find("scope_tag").unwrap(), None)
        .unwrap();
    for _ in 0..1_000 {
        graph.get_json(&creds, &url).await.unwrap();
    }
    // The window moves on while the client waits out its Retry-After.
    let mover = {
        let clock = clock.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(150)).await;
            clock.advance(Duration::from_secs(21));
        })
    };
    let (_, throttled) = graph.get_json(&creds, &url).await.unwrap();
    mover.await.unwrap();
    assert!(
        throttled >= 1,
        "the 1,001st request was throttled and retried"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_budget_window_provokes_no_throttling() {
    let clock = ManualClock::starting_now();
    let sim = simulator(Some(clock.clone()), ThrottleMode::Real, 30).await;
    // The client's default budget is Intune's limit: a whole window's worth of requests is
    // accepted without a single 429. (Sustained storms across windows are the benchmark's job.)
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 1);
    let url = graph
        .collection_url(ObjectType::find("scope_tag").unwrap(), None)
        .unwrap();
    let mut throttled = 0;
    for _ in 0..1_000 {
        throttled += graph.get_json(&creds, &url).await.unwrap().1;
    }
    assert_eq!(throttled, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_expires_mid_run_is_renewed() {
    let clock = ManualClock::starting_now();
    let sim = simulator(Some(clock.clone()), ThrottleMode::Off, 600).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let first = graph
        .collection_url(ObjectType::find("settings_catalog").unwrap(), Some(5))
        .unwrap();
    let (page, _) = graph.get_page(&creds, &first).await.unwrap();
    let next = page.next_link.expect("more than one page");
    clock.advance(Duration::from_secs(3_700)); // the cached token is now expired in the cloud's eyes
    let (second, _) = graph.get_page(&creds, &next).await.unwrap();
    assert!(held(&sim, 0, "settings_catalog") >= 10);
    assert_eq!(second.items.len(), 5, "the whole second page");
}

fn ensure_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}
