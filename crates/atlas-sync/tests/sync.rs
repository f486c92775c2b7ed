//! The tenant sync handlers against the simulated cloud, on SQLite: what they store, how drift
//! between syncs shows, and that faults end in a truthful outcome with the failed items named.

mod support;

use std::collections::BTreeSet;
use std::sync::Arc;

use atlas_cloudsim::{DriftRequest, Faults, ThrottleStorm};
use atlas_domain::{OperationType, ReasonCode, ReportType, RunOutcome, TenantStatus, Timestamp};
use atlas_engine::HandlerOutcome;
use atlas_store::{policy_versions, reports, tenants};
use serde_json::json;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inventory_sync_records_the_tenant_and_marks_drift() {
    let env = env(90).await;
    let (_, outcome) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(
        outcome.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        outcome.failures
    );
    let first = env.items(false).await;
    let types = types_of(&outcome);
    assert_eq!(
        types.keys().cloned().collect::<BTreeSet<_>>(),
        inventory_types()
    );
    let in_cloud: usize = env
        .sim_ids()
        .iter()
        .filter(|(key, _)| types.contains_key(**key))
        .map(|(_, ids)| ids.len())
        .sum();
    assert!(
        in_cloud >= 90,
        "90 policies and the foundations: {in_cloud}"
    );
    assert_eq!(
        first.len(),
        in_cloud,
        "every policy and foundation object of the tenant"
    );
    assert_eq!(outcome.counts["items"], first.len() as i64);
    assert!(
        result_json(&outcome)["types"]["settings_catalog"]["complete"]
            .as_bool()
            .unwrap()
    );

    let drift = env
        .sim
        .drift(
            env.sim.credentials()[0].tenant_id,
            &DriftRequest {
                modify: 2,
                add: 1,
                delete: 2,
                seed: Some(5),
                ..DriftRequest::default()
            },
        )
        .unwrap();
    let deleted: Vec<String> = drift.deleted.values().flatten().cloned().collect();
    assert_eq!(deleted.len(), 2, "{drift:?}");
    let (_, again) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(again.outcome, RunOutcome::Succeeded);
    assert_eq!(again.counts["deleted"], 2);
    let all = env.items(true).await;
    for id in &deleted {
        let item = all
            .iter()
            .find(|i| &i.external_id == id)
            .expect("removed items are kept");
        assert!(item.removed_at.is_some(), "{id} is marked removed");
    }
    assert_eq!(env.items(false).await.len(), first.len() - 2 + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_listing_is_partial_and_removes_nothing() {
    let env = env(700).await;
    env.run(OperationType::InventorySync, json!({})).await;
    let before = env.items(false).await.len();
    env.sim
        .set_faults(Faults {
            truncated_page: true,
            ..Faults::default()
        })
        .unwrap();
    let (_, outcome) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(outcome.outcome, RunOutcome::PartiallySucceeded);
    let result = result_json(&outcome);
    let sc = &result["types"]["settings_catalog"];
    assert_eq!(sc["complete"], false);
    assert!(outcome
        .failures
        .iter()
        .any(|f| f.message.contains("Settings catalog policy")));
    assert_eq!(
        env.items(false).await.len(),
        before,
        "nothing was marked removed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_versions_are_written_only_on_change_and_failures_are_named() {
    let env = env(60).await;
    let (_, first) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(first.outcome, RunOutcome::Succeeded, "{:?}", first.failures);
    let mut conn = env.store.conn().await.unwrap();
    let captured = policy_versions::count_for_tenant(&mut conn, env.tenant.id)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(captured, first.counts["created"]);
    let (_, second) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(
        second.counts.get("created").copied().unwrap_or(0),
        0,
        "nothing changed"
    );

    let tenant_id = env.sim.credentials()[0].tenant_id;
    let drift = env
        .sim
        .drift(
            tenant_id,
            &DriftRequest {
                modify: 3,
                add: 0,
                delete: 0,
                seed: Some(1),
                ..DriftRequest::default()
            },
        )
        .unwrap();
    let modified: Vec<String> = drift.modified.values().flatten().cloned().collect();
    env.sim
        .set_faults(Faults {
            fail_objects: vec![modified[0].clone()],
            ..Faults::default()
        })
        .unwrap();
    let (_, third) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(third.outcome, RunOutcome::PartiallySucceeded);
    assert!(
        third
            .failures
            .iter()
            .any(|f| f.message.contains(&modified[0])),
        "{:?}",
        third.failures
    );
    assert!(
        third.counts["created"] >= 1,
        "the other modified objects were captured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_syncs_cache_groups_and_store_the_rbac_report() {
    let env = env(20).await;
    let (_, groups) = env.run(OperationType::EntraGroupSync, json!({})).await;
    assert_eq!(groups.outcome, RunOutcome::Succeeded);
    let in_cloud = env.sim_ids()["group"].len();
    assert!(in_cloud > 0);
    assert_eq!(groups.counts["items"], in_cloud as i64, "every group");
    let (run, roles) = env
        .run(OperationType::DirectoryRoleDefinitionsSync, json!({}))
        .await;
    assert_eq!(roles.outcome, RunOutcome::Succeeded, "{:?}", roles.failures);
    let mut conn = env.store.conn().await.unwrap();
    let report = reports::latest(&mut conn, env.tenant.id, ReportType::RbacHardening)
        .await
        .unwrap()
        .expect("a report was stored");
    assert_eq!(report.run_id, Some(run.id));
    assert!(report.payload.get("findings").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_tenant_is_blocked_before_any_request() {
    let env = env(10).await;
    let mut conn = env.store.conn().await.unwrap();
    tenants::set_status(
        &mut conn,
        env.tenant.id,
        TenantStatus::Paused,
        Timestamp::now(),
    )
    .await
    .unwrap();
    drop(conn);
    let (_, outcome) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(outcome.outcome, RunOutcome::Blocked);
    assert_eq!(outcome.reason_code, Some(ReasonCode::TenantNotActive));
    assert_eq!(env.sim.stats().total.requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_database() {
    let env = env(40).await;
    for op in [
        OperationType::InventorySync,
        OperationType::PolicySync,
        OperationType::EntraGroupSync,
    ] {
        env.run(op, json!({})).await;
    }
    let file = env.store.location();
    env.store.close().await;
    let mut all = std::fs::read(&file).unwrap();
    if let Ok(wal) = std::fs::read(format!("{file}-wal")) {
        all.extend(wal);
    }
    let secret = env.sim.credentials()[0].client_secret.clone();
    assert!(
        !all.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "the client secret is not stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttling_storm_is_waited_out_and_the_inventory_is_complete() {
    let env = env(90).await;
    // Five refusals: whichever requests meet them, none is refused more often than the
    // client retries (5), so the storm must be waited out, never reported. `Retry-After: 1` is
    // capped by the fixture's 50 ms backoff.
    env.sim
        .set_faults(Faults {
            throttle_storm: Some(ThrottleStorm {
                requests: Some(5),
                until: None,
                retry_after_seconds: Some(1),
            }),
            ..Faults::default()
        })
        .unwrap();
    let client_before = env.client.stats();
    let (_, stormy) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(
        stormy.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        stormy.failures
    );
    assert!(stormy.failures.is_empty());
    assert_eq!(
        env.sim.stats().total.storm_throttled,
        5,
        "the storm happened, to its end"
    );
    assert_eq!(env.sim.faults().throttle_storm, None, "and is over");
    let client_after = env.client.stats();
    assert_eq!(client_after.throttled - client_before.throttled, 5);
    assert!(client_after.retries - client_before.retries >= 5);
    let types = types_of(&stormy);
    assert_eq!(
        types.keys().cloned().collect::<BTreeSet<_>>(),
        inventory_types()
    );
    assert_eq!(types.len() as i64, stormy.counts["total"]);
    for (key, t) in &types {
        assert_eq!(t["complete"], true, "{key}: {t}");
        assert!(t.get("error").is_none(), "{key}: {t}");
    }
    assert_eq!(stormy.counts["failed"], 0);
    let after_storm = env.item_set().await;
    assert_eq!(stormy.counts["items"], after_storm.len() as i64);
    let expected: usize = env
        .sim_ids()
        .iter()
        .filter(|(key, _)| types.contains_key(**key))
        .map(|(_, ids)| ids.len())
        .sum();
    assert_eq!(after_storm.len(), expected, "every object of the tenant");

    // The same tenant read without a storm finds exactly the same items, same content.
    let (_, calm) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(calm.outcome, RunOutcome::Succeeded, "{:?}", calm.failures);
    assert_eq!(calm.counts["items"], stormy.counts["items"]);
    assert_eq!(calm.counts["deleted"], 0);
    assert_eq!(env.item_set().await, after_storm);
    assert_eq!(env.sim.stats().total.storm_throttled, 5, "no second storm");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_revoked_between_runs_is_renewed_after_the_401() {
    // A simulated clock that stands still: the renewal below is issued in the same second.
    let clock = atlas_cloudsim::ManualClock::starting_now();
    let env = env_with_clock(40, Arc::new(clock)).await;
    let (_, first) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(first.outcome, RunOutcome::Succeeded, "{:?}", first.failures);
    let items = env.item_set().await;
    // With a valid token every request the client sends is admitted.
    let (client_before, sim_before) = (env.client.stats().requests, env.sim.stats().total.requests);
    assert_eq!(client_before, sim_before);

    // The client's cached token (good for another hour) is now refused. Its renewal is issued
    // in the same simulated second, and is a new token all the same (each carries a unique
    // `uti`, as Entra's do), so it is admitted.
    env.sim.expire_tokens();
    let (_, again) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(again.outcome, RunOutcome::Succeeded, "{:?}", again.failures);
    let types = types_of(&again);
    assert_eq!(
        types.keys().cloned().collect::<BTreeSet<_>>(),
        inventory_types()
    );
    for (key, t) in types {
        assert_eq!(t["complete"], true, "{key}: {t}");
    }
    assert_eq!(again.counts["items"], first.counts["items"]);
    assert_eq!(again.counts["deleted"], 0);
    assert_eq!(env.item_set().await, items);

    // Requests sent but not admitted were refused with 401 (no throttling, no faults here).
    let sent = env.client.stats().requests - client_before;
    let admitted = env.sim.stats().total.requests - sim_before;
    let refused = sent - admitted;
    assert!(refused >= 1, "the revoked token was presented and refused");
    // Only requests already holding the old token meet a 401: the renewed token is cached and
    // shared, not fetched anew for every request.
    let in_flight = env.client.settings().max_in_flight as u64;
    assert!(
        refused <= in_flight,
        "{refused} refusals for at most {in_flight} requests in flight"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_listing_in_a_policy_sync_captures_only_what_was_read() {
    let env = env(700).await;
    let sim_sc = env.sim_ids()["settings_catalog"].clone();
    assert!(sim_sc.len() > 100, "more than one page: {}", sim_sc.len());
    env.sim
        .set_faults(Faults {
            truncated_page: true,
            ..Faults::default()
        })
        .unwrap();
    let (_, broken) = env
        .run(OperationType::PolicySync, settings_catalog_only())
        .await;
    assert_eq!(
        broken.outcome,
        RunOutcome::PartiallySucceeded,
        "{:?}",
        broken.failures
    );
    let types = types_of(&broken);
    let sc = &types["settings_catalog"];
    assert_eq!(sc["complete"], false, "{sc}");
    assert_eq!(sc["error"], "graph.malformed_response", "{sc}");
    assert_eq!(sc["pages"], 1, "only the first page could be read: {sc}");
    let listed = sc["listed"].as_u64().unwrap() as usize;
    let read = sc["read"].as_u64().unwrap() as usize;
    let failed = sc["failed"].as_u64().unwrap() as usize;
    // The first listing page is whole (100 objects). Of those, the ones with more than a page
    // (100) of settings fail too: their second page of settings is cut off as well.
    assert_eq!(listed, 100, "{sc}");
    let long_settings: BTreeSet<String> = {
        let data = env.sim.cloud().tenants()[0].data.read().unwrap();
        let path = "deviceManagement/configurationPolicies";
        data.collection(path)
            .iter()
            .filter(|o| {
                atlas_cloudsim::model::catalog_type(path, o.odata_type())
                    .is_some_and(|t| t.key == "settings_catalog")
            })
            .take(100)
            .filter(|o| o.navs.get("settings").is_some_and(|s| s.len() > 100))
            .map(|o| o.id().to_owned())
            .collect()
    };
    assert_eq!(failed, long_settings.len(), "{sc}");
    assert_eq!(read, 100 - failed, "{sc}");

    let listing_failures: Vec<_> = broken
        .failures
        .iter()
        .filter(|f| f.message.contains("could not be read to the end"))
        .collect();
    assert_eq!(listing_failures.len(), 1, "{:?}", broken.failures);
    assert!(listing_failures[0]
        .message
        .starts_with("Settings catalog policy:"));
    assert_eq!(
        listing_failures[0].reason_code,
        ReasonCode::GraphMalformedResponse
    );
    assert_eq!(broken.failures.len(), 1 + failed);
    // The listing that broke off counts as failed, beside the objects that could not be read.
    assert_eq!(broken.counts["failed"], 1 + failed as i64);
    for id in &long_settings {
        assert!(
            broken.failures[1..]
                .iter()
                .any(|f| f.message.contains(id.as_str())),
            "{id} is named: {:?}",
            broken.failures
        );
    }

    // A version for every object read, for no other: none for objects the listing never
    // reached nor for objects whose details failed.
    let versions = env.versions("settings_catalog").await;
    assert_eq!(versions.len(), read);
    assert_eq!(broken.counts["created"], read as i64);
    assert!(versions.keys().all(|id| sim_sc.contains(id)));
    assert!(long_settings.iter().all(|id| !versions.contains_key(id)));

    // Read again without the fault: the rest is captured, what was captured stays unchanged.
    env.sim.clear_faults();
    let (_, whole) = env
        .run(OperationType::PolicySync, settings_catalog_only())
        .await;
    assert_eq!(whole.outcome, RunOutcome::Succeeded, "{:?}", whole.failures);
    assert_eq!(types_of(&whole)["settings_catalog"]["complete"], true);
    assert_eq!(whole.counts["skipped"], read as i64);
    assert_eq!(whole.counts["created"], (sim_sc.len() - read) as i64);
    let all: BTreeSet<String> = env.versions("settings_catalog").await.into_keys().collect();
    assert_eq!(all, sim_sc);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_object_details_are_named_failures_of_a_partial_sync() {
    let env = env(60).await;
    let sim_sc = env.sim_ids()["settings_catalog"].clone();
    assert!(
        sim_sc.len() <= 100,
        "one listing page, the first draw: {}",
        sim_sc.len()
    );
    // Seeded: the listing page (the first request) comes through whole; a share of the
    // per-object detail reads (batch parts, in no fixed order) are cut short.
    env.sim
        .set_faults(Faults {
            malformed_json_rate: 0.25,
            ..Faults::default()
        })
        .unwrap();
    let (_, run) = env
        .run(OperationType::PolicySync, settings_catalog_only())
        .await;
    assert_eq!(
        run.outcome,
        RunOutcome::PartiallySucceeded,
        "{:?}",
        run.failures
    );
    let types = types_of(&run);
    let sc = &types["settings_catalog"];
    assert_eq!(sc["complete"], false, "{sc}");
    assert!(
        sc.get("error").is_none(),
        "the listing itself was whole: {sc}"
    );
    assert_eq!(
        sc["listed"].as_u64().unwrap() as usize,
        sim_sc.len(),
        "{sc}"
    );

    // Every failure names one object of the tenant, each object once.
    assert!(!run.failures.is_empty());
    let mut named = BTreeSet::new();
    for f in &run.failures {
        assert_eq!(
            f.reason_code,
            ReasonCode::GraphMalformedResponse,
            "{}",
            f.message
        );
        assert!(
            f.message.starts_with("Settings catalog policy "),
            "{}",
            f.message
        );
        let ids: Vec<&String> = sim_sc
            .iter()
            .filter(|id| f.message.contains(id.as_str()))
            .collect();
        assert_eq!(ids.len(), 1, "names one object: {}", f.message);
        assert!(named.insert(ids[0].clone()), "named twice: {}", f.message);
    }
    assert_eq!(run.counts["failed"], run.failures.len() as i64);
    assert_eq!(sc["failed"], run.failures.len());
    let malformed = env.sim.stats().total.malformed;
    assert!(
        malformed as usize >= run.failures.len(),
        "each failure met a cut answer: {malformed}"
    );

    // The others were captured; the failed ones were not.
    let versions = env.versions("settings_catalog").await;
    assert_eq!(versions.len() + named.len(), sim_sc.len());
    assert_eq!(run.counts["created"], versions.len() as i64);
    assert!(named.iter().all(|id| !versions.contains_key(id)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_single_object_fails_its_capture_by_name() {
    let env = env(20).await;
    let id = env.sim_ids()["settings_catalog"].first().unwrap().clone();
    env.sim
        .set_faults(Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        })
        .unwrap();
    let (_, run) = env
        .run(
            OperationType::PolicySyncOne,
            json!({ "object_type": "settings_catalog", "external_id": id }),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    assert_eq!(run.failures.len(), 1);
    let failure = &run.failures[0];
    assert_eq!(failure.reason_code, ReasonCode::GraphMalformedResponse);
    assert!(
        failure
            .message
            .starts_with(&format!("Settings catalog policy {id}:")),
        "{}",
        failure.message
    );
    assert_eq!(run.counts["failed"], 1);
    assert!(env.versions("settings_catalog").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawn_consent_is_one_cause_and_no_object_is_requested() {
    let env = env(20).await;
    // Before any token: the one the client gets carries no roles.
    env.sim.set_consent(env.sim_tenant_id(), false).unwrap();
    let (_, run) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(run.outcome, RunOutcome::Failed, "{:?}", run.failures);
    assert_eq!(run.reason_code, Some(ReasonCode::ProviderConsentMissing));
    assert_eq!(
        run.failures.len(),
        1,
        "one cause, not one per type: {:?}",
        run.failures
    );
    let message = &run.failures[0].message;
    assert!(
        message.contains("no Microsoft Graph application permission"),
        "{message}"
    );
    assert!(
        message.contains("consent"),
        "the next step is named: {message}"
    );
    assert!(env.items(true).await.is_empty(), "nothing stored");
    assert_eq!(env.client.stats().requests, 0, "no Graph request was sent");
    let check = env.connection().await;
    assert_eq!(check.state, atlas_domain::ConnectionState::Failed);
    assert_eq!(check.reason_code, Some(ReasonCode::ProviderConsentMissing));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_secret_is_one_cause_and_a_working_sync_proves_the_connection() {
    let env = env(20).await;
    env.wrong_secret
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let (_, run) = env.run(OperationType::PolicySync, json!({})).await;
    assert_eq!(run.outcome, RunOutcome::Failed, "{:?}", run.failures);
    assert_eq!(run.reason_code, Some(ReasonCode::ProviderBadSecret));
    assert_eq!(run.failures.len(), 1, "{:?}", run.failures);
    assert!(
        run.failures[0]
            .message
            .starts_with("Signing in to the tenant failed"),
        "{}",
        run.failures[0].message
    );
    assert_eq!(
        env.client.stats().requests,
        0,
        "no Graph request after the token request failed"
    );
    assert!(env.versions("settings_catalog").await.is_empty());
    let check = env.connection().await;
    assert_eq!(check.state, atlas_domain::ConnectionState::Failed);
    assert_eq!(check.reason_code, Some(ReasonCode::ProviderBadSecret));

    // The secret is fixed: the next sync signs in, reads, and proves the connection.
    env.wrong_secret
        .store(false, std::sync::atomic::Ordering::Relaxed);
    let (_, run) = env.run(OperationType::InventorySync, json!({})).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{:?}", run.failures);
    let check = env.connection().await;
    assert_eq!(check.state, atlas_domain::ConnectionState::Connected);
    assert_eq!(check.reason_code, None);
    assert!(check.checked_at.is_some());
}

/// The outcome's typed result as the JSON stored in the run's context.
fn result_json(outcome: &HandlerOutcome) -> serde_json::Value {
    serde_json::to_value(&outcome.result).unwrap()
}

/// A large tenant's policy sync never waits on itself: the settings definitions its objects
/// name are read after the type reads, not between two of them while the unfinished reads
/// hold every request slot (a 2,000-policy sync once stalled there until its time limit).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_policy_sync_reads_its_setting_definitions_without_stalling() {
    let env = env(2_000).await;
    let sync = env.run(OperationType::PolicySync, json!({}));
    let (_, outcome) = tokio::time::timeout(std::time::Duration::from_secs(120), sync)
        .await
        .expect("the sync ends instead of waiting on its own request slots");
    assert_eq!(
        outcome.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        outcome.failures
    );
    let used: BTreeSet<String> = {
        let data = env.sim.cloud().tenants()[0].data.read().unwrap();
        data.collection("deviceManagement/configurationPolicies")
            .iter()
            .flat_map(|p| p.navs.get("settings").into_iter().flatten())
            .filter_map(|s| s["settingInstance"]["settingDefinitionId"].as_str())
            .map(str::to_owned)
            .collect()
    };
    let used: Vec<String> = used.into_iter().collect();
    let mut conn = env.store.conn().await.unwrap();
    let undefined =
        atlas_store::setting_definitions::undefined_settings(&mut conn, env.tenant.id, &used)
            .await
            .unwrap();
    assert!(
        used.len() > 50 && undefined.is_empty(),
        "{} of {} settings have no cached definition",
        undefined.len(),
        used.len()
    );
}
