//! Backups against the simulated cloud: a set holds the newest version of every object read
//! (unchanged objects keep their earlier version), a broken listing makes a partial set that
//! names what is missing, and a retention prunes older sets once a newer one is complete.

mod support;

use atlas_cloudsim::{DriftRequest, Faults};
use atlas_domain::{AuditFilter, BackupSet, BackupSetStatus, OperationType, RunOutcome, RunResult};
use atlas_engine::HandlerOutcome;
use atlas_store::{audit, backup_sets};
use serde_json::json;

use support::*;

async fn set_of(env: &Env, outcome: &HandlerOutcome) -> BackupSet {
    let Some(RunResult::Backup { backup_set_id, .. }) = &outcome.result else {
        panic!("a backup result: {:?}", outcome.result);
    };
    let mut db = env.store.conn().await.unwrap();
    backup_sets::get(&mut db, backup_set_id.expect("a set was begun"))
        .await
        .unwrap()
        .unwrap()
}

async fn held(env: &Env, set: &BackupSet) -> Vec<(String, String, i64)> {
    let mut db = env.store.conn().await.unwrap();
    backup_sets::items(&mut db, set.id)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.object_type, i.external_id, i.version_number))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_holds_every_object_and_reuses_unchanged_versions() {
    let env = env(40).await;
    let (_, first) = env.run(OperationType::BackupScheduleRun, json!({})).await;
    assert_eq!(first.outcome, RunOutcome::Succeeded, "{:?}", first.failures);
    let first_set = set_of(&env, &first).await;
    assert_eq!(first_set.status, BackupSetStatus::Complete);
    assert!(first_set.missing.is_empty());
    let policy_objects: usize = env
        .sim_ids()
        .iter()
        .filter(|(key, _)| {
            atlas_graph::ObjectType::find(key)
                .is_some_and(|t| t.category != atlas_graph::Category::Directory)
        })
        .map(|(_, ids)| ids.len())
        .sum();
    assert_eq!(first_set.item_count as usize, policy_objects);
    assert_eq!(
        first_set.new_versions, first_set.item_count,
        "all new the first time"
    );

    let drift = env
        .sim
        .drift(
            env.sim_tenant_id(),
            &DriftRequest {
                modify: 1,
                add: 0,
                delete: 1,
                seed: Some(7),
                ..DriftRequest::default()
            },
        )
        .unwrap();
    let (_, second) = env.run(OperationType::BackupScheduleRun, json!({})).await;
    assert_eq!(
        second.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        second.failures
    );
    let second_set = set_of(&env, &second).await;
    assert_eq!(second_set.status, BackupSetStatus::Complete);
    assert_eq!(
        second_set.new_versions, 1,
        "only the modified object: {drift:?}"
    );
    assert_eq!(
        second_set.item_count,
        first_set.item_count - 1,
        "the deleted one is gone"
    );

    let before = held(&env, &first_set).await;
    let after = held(&env, &second_set).await;
    let modified: Vec<&String> = drift.modified.values().flatten().collect();
    let deleted: Vec<&String> = drift.deleted.values().flatten().collect();
    for (ty, id, number) in &after {
        let earlier = before.iter().find(|(t, i, _)| t == ty && i == id).unwrap();
        match modified.contains(&id) {
            true => assert_eq!(*number, earlier.2 + 1, "{id} has a new version"),
            false => assert_eq!(*number, earlier.2, "{id} keeps its version"),
        }
    }
    assert!(after.iter().all(|(_, id, _)| !deleted.contains(&id)));
    // The first set still says what the tenant was.
    assert_eq!(held(&env, &first_set).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_listing_makes_a_partial_set_that_names_what_is_missing() {
    let env = env(700).await;
    assert!(
        env.sim_ids()["settings_catalog"].len() > 100,
        "more than one page"
    );
    env.sim
        .set_faults(Faults {
            truncated_page: true,
            ..Faults::default()
        })
        .unwrap();
    let (_, outcome) = env
        .run(OperationType::BackupScheduleRun, settings_catalog_only())
        .await;
    assert_eq!(outcome.outcome, RunOutcome::PartiallySucceeded);
    let set = set_of(&env, &outcome).await;
    assert_eq!(set.status, BackupSetStatus::Partial);
    assert!(set.item_count > 0, "what was read is kept");
    let gap = set
        .missing
        .iter()
        .find(|g| g.object_type == "settings_catalog")
        .expect("the broken type is named");
    assert!(gap.whole_type, "{gap:?}");
    assert_eq!(
        gap.reason,
        Some(atlas_domain::ReasonCode::GraphMalformedResponse)
    );
    assert!(!set.types["settings_catalog"].complete);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retention_prunes_older_sets_once_a_newer_one_is_complete() {
    let env = env(10).await;
    let keep_two = json!({ "retention": { "keep_last": 2 } });
    let mut sets = Vec::new();
    for _ in 0..3 {
        let (_, outcome) = env
            .run(OperationType::BackupScheduleRun, keep_two.clone())
            .await;
        assert_eq!(outcome.outcome, RunOutcome::Succeeded);
        sets.push(set_of(&env, &outcome).await);
        // Sets are ordered by completion time (milliseconds).
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let mut db = env.store.conn().await.unwrap();
    let left: Vec<_> = backup_sets::list_for_tenant(&mut db, env.tenant.id, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(left, vec![sets[2].id, sets[1].id], "the oldest was pruned");
    let entries = audit::list(
        &mut db,
        env.tenant.workspace_id,
        &AuditFilter {
            action: Some("backup.sets_pruned".into()),
            limit: 10,
            ..AuditFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(entries.items.len(), 1, "pruning is audited once");
    assert!(entries.items[0]
        .entry
        .metadata
        .to_string()
        .contains(&sets[0].id.to_string()));

    // A retention of 0 never reaches the handler.
    let handler = env.registry.get(OperationType::BackupScheduleRun).unwrap();
    let refused = handler.validate_inputs(&json!({ "retention": { "keep_last": 0 } }));
    assert!(refused.is_err());
}
