//! Restore previews through the command surface against the simulated cloud: a backup set
//! previewed onto its tenant plans a create for a deleted policy, an update for one changed
//! and synced, a skip for the rest and a conflict for one changed since its last sync — and
//! the preview writes nothing to the tenant. Bad requests are refused with nothing stored.

use std::time::Duration;

use atlas_api::{
    types::{
        ExecuteRestoreRequest, GetRunRequest, PreviewRestoreRequest, RestoreRequest,
        SecretValueInput, StartSyncRequest, SyncKind, TenantRequest,
    },
    Actor, Api, ErrorCode, Runtime,
};
use atlas_cloudsim::{
    DriftRequest, Faults, RunningSimulator, Simulator, SimulatorConfig, ThrottleMode,
};
use atlas_domain::{
    BackupSetId, GroupOverride, ItemOutcomeKind, OperationRun, PolicyVersionId, ReasonCode,
    RestoreAction, RestoreConflict, RestoreSource, RestoreStatus, Role, RunOutcome, RunStatus,
    Tenant, Timestamp,
};
use atlas_store::testing;

mod common;

struct Env {
    sim: RunningSimulator,
    runtime: Runtime,
    tenant: Tenant,
    _dir: tempfile::TempDir,
}

async fn env() -> Env {
    let sim = Simulator::start(SimulatorConfig {
        tenants: 1,
        policies_per_tenant: 20,
        throttle: ThrottleMode::Off,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (runtime, tenant) =
        common::simulated_tenant(&sim, &dir.path().join("data"), "Customer").await;
    Env {
        sim,
        runtime,
        tenant,
        _dir: dir,
    }
}

impl Env {
    fn api(&self) -> &Api {
        &self.runtime.api
    }

    fn actor(&self) -> &Actor {
        &self.runtime.actor
    }

    async fn wait(&self, run: &OperationRun) -> OperationRun {
        tokio::time::timeout(Duration::from_secs(60), async {
            loop {
                let now = self
                    .api()
                    .get_run(self.actor(), GetRunRequest { run_id: run.id })
                    .await
                    .unwrap();
                if now.status == RunStatus::Completed {
                    return now;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
        .await
        .expect("the run ends")
    }

    async fn sync(&self, kind: SyncKind) {
        let start = self
            .api()
            .start_sync(
                self.actor(),
                StartSyncRequest {
                    tenant_id: self.tenant.id,
                    kind,
                },
            )
            .await
            .unwrap();
        assert_eq!(self.wait(&start.run).await.outcome, RunOutcome::Succeeded);
    }

    async fn back_up(&self) -> BackupSetId {
        let request = TenantRequest {
            tenant_id: self.tenant.id,
        };
        let start = self
            .api()
            .back_up_now(self.actor(), request.clone())
            .await
            .unwrap();
        assert_eq!(self.wait(&start.run).await.outcome, RunOutcome::Succeeded);
        let sets = self
            .api()
            .list_backup_sets(self.actor(), request)
            .await
            .unwrap();
        sets.iter()
            .find(|s| s.run_id == Some(start.run.id))
            .unwrap()
            .id
    }

    async fn preview(&self, set: BackupSetId) -> atlas_domain::Restore {
        let started = self
            .api()
            .preview_restore(
                self.actor(),
                PreviewRestoreRequest {
                    tenant_id: self.tenant.id,
                    source: RestoreSource::BackupSet { backup_set_id: set },
                    group_overrides: None,
                },
            )
            .await
            .unwrap();
        let run = self.wait(&started.start.run).await;
        assert_eq!(run.outcome, RunOutcome::Succeeded, "{}", run.context);
        self.api()
            .get_restore(
                self.actor(),
                RestoreRequest {
                    restore_id: started.restore.id,
                },
            )
            .await
            .unwrap()
            .restore
    }

    async fn execute(&self, restore: &atlas_domain::Restore) -> OperationRun {
        let changes = restore.plan.as_ref().unwrap().counts.changes();
        let start = self
            .api()
            .execute_restore(
                self.actor(),
                ExecuteRestoreRequest {
                    restore_id: restore.id,
                    confirm_tenant: self.tenant.display_name.clone(),
                    confirm_changes: changes,
                    secrets: None,
                },
            )
            .await
            .unwrap();
        self.wait(&start.run).await
    }

    async fn restore(&self, id: atlas_domain::RestoreId) -> atlas_domain::Restore {
        self.api()
            .get_restore(self.actor(), RestoreRequest { restore_id: id })
            .await
            .unwrap()
            .restore
    }

    /// Changes the tenant behind the product's back, as its admins would.
    fn drift(&self, modify: usize, delete: usize, seed: u64) -> atlas_cloudsim::DriftReport {
        self.sim
            .cloud()
            .drift(
                self.sim.credentials()[0].tenant_id,
                &DriftRequest {
                    modify,
                    add: 0,
                    delete,
                    seed: Some(seed),
                    ..DriftRequest::default()
                },
            )
            .unwrap()
    }

    fn writes(&self) -> u64 {
        self.sim.cloud().stats().total.writes
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_plans_each_object_and_writes_nothing() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;

    let drift = env.drift(1, 1, 11);
    env.sync(SyncKind::Policies).await;
    let modified = drift.modified.values().flatten().next().unwrap().clone();
    let deleted = drift.deleted.values().flatten().next().unwrap().clone();

    let writes_before = env.writes();
    let restore = env.preview(set).await;
    assert_eq!(env.writes(), writes_before, "a preview writes nothing");
    assert_eq!(restore.status, RestoreStatus::Previewed);
    assert!(restore.target_state_hash.is_some());
    let plan = restore.plan.expect("a previewed restore has its plan");
    let item = |id: &str| {
        plan.items
            .iter()
            .find(|i| i.source_external_id == id)
            .unwrap_or_else(|| panic!("{id} is planned"))
    };
    assert_eq!(item(&deleted).action, RestoreAction::Create);
    assert_eq!(
        item(&modified).action,
        RestoreAction::Update,
        "{:?}",
        item(&modified)
    );
    assert!(!item(&modified).changed_fields.is_empty());
    assert_eq!(plan.counts.create, 1);
    assert_eq!(plan.counts.update, 1);
    assert_eq!(plan.counts.conflict, 0, "{:?}", plan.items);
    assert_eq!(plan.counts.skip as usize, plan.items.len() - 2);

    // Changed again by hand, not synced: overwriting it would lose a change nobody has seen.
    let again = env.drift(1, 0, 12);
    let touched = again.modified.values().flatten().next().unwrap().clone();
    let restore = env.preview(set).await;
    let plan = restore.plan.unwrap();
    let conflict = plan
        .items
        .iter()
        .find(|i| i.source_external_id == touched)
        .unwrap();
    assert_eq!(conflict.action, RestoreAction::Conflict);
    assert_eq!(
        conflict.conflicts,
        vec![RestoreConflict::ChangedSinceSync { synced: true }]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_restore_requests_are_refused_and_store_nothing() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    let api = env.api();
    let tenant_id = env.tenant.id;
    let request = |source, overrides| PreviewRestoreRequest {
        tenant_id,
        source,
        group_overrides: overrides,
    };
    let refusals = [
        (
            request(
                RestoreSource::Versions {
                    version_ids: vec![],
                },
                None,
            ),
            ErrorCode::InvalidInput,
        ),
        (
            request(
                RestoreSource::Versions {
                    version_ids: vec![PolicyVersionId::new()],
                },
                None,
            ),
            ErrorCode::NotFound,
        ),
        (
            request(
                RestoreSource::BackupSet {
                    backup_set_id: BackupSetId::new(),
                },
                None,
            ),
            ErrorCode::NotFound,
        ),
        (
            request(
                RestoreSource::BackupSet { backup_set_id: set },
                Some(
                    [(
                        "any-group".to_owned(),
                        GroupOverride::To {
                            group_id: "a-group-of-another-tenant".into(),
                        },
                    )]
                    .into(),
                ),
            ),
            ErrorCode::InvalidInput,
        ),
    ];
    for (bad, code) in refusals {
        let err = api.preview_restore(env.actor(), bad).await.unwrap_err();
        assert_eq!(err.code, code, "{}", err.message);
    }

    // A reader may look but not restore; a stranger does not see the tenant at all.
    let now = Timestamp::now();
    let reader = Actor {
        user: testing::user(api.store(), "rita", now).await,
    };
    testing::member(
        api.store(),
        env.tenant.workspace_id,
        reader.user_id(),
        Role::Readonly,
        None,
        now,
    )
    .await;
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", now).await,
    };
    for (who, code) in [
        (&reader, ErrorCode::Forbidden),
        (&stranger, ErrorCode::NotFound),
    ] {
        let err = api
            .preview_restore(
                who,
                request(RestoreSource::BackupSet { backup_set_id: set }, None),
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, code, "{}", err.message);
    }
    let listed = api
        .list_restores(env.actor(), TenantRequest { tenant_id })
        .await
        .unwrap();
    assert!(listed.is_empty(), "nothing was stored: {listed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_brings_back_a_deleted_and_a_changed_policy_and_can_be_undone() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    let drift = env.drift(1, 1, 21);
    env.sync(SyncKind::Policies).await;
    let modified = drift.modified.values().flatten().next().unwrap().clone();
    let deleted = drift.deleted.values().flatten().next().unwrap().clone();
    let restore = env.preview(set).await;
    let counts = restore.plan.as_ref().unwrap().counts;
    assert_eq!((counts.create, counts.update, counts.conflict), (1, 1, 0));

    // The confirmation must name the tenant and the number of changes.
    let err = env
        .api()
        .execute_restore(
            env.actor(),
            ExecuteRestoreRequest {
                restore_id: restore.id,
                confirm_tenant: "Someone else".into(),
                confirm_changes: 2,
                secrets: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);

    let writes_before = env.writes();
    let run = env.execute(&restore).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{}", run.context);
    assert!(env.writes() > writes_before);
    let executed = env.restore(restore.id).await;
    assert_eq!(executed.status, RestoreStatus::Executed);
    let outcomes = executed.outcomes.clone().unwrap();
    let kind = |k| outcomes.iter().filter(|o| o.outcome == k).count();
    assert_eq!(kind(ItemOutcomeKind::Created), 1);
    assert_eq!(kind(ItemOutcomeKind::Updated), 1);
    let overwritten = outcomes
        .iter()
        .find(|o| o.outcome == ItemOutcomeKind::Updated)
        .unwrap();
    assert_eq!(
        overwritten.target_external_id.as_deref(),
        Some(modified.as_str())
    );
    assert!(
        overwritten.pre_image_version_id.is_some(),
        "a pre-image is kept"
    );

    // The tenant is the backup again: a new preview finds nothing to do.
    let again = env.preview(set).await;
    let counts = again.plan.as_ref().unwrap().counts;
    assert_eq!(
        (counts.create, counts.update, counts.conflict),
        (0, 0, 0),
        "{:?}",
        again.plan
    );

    // Undo: the pre-images go back, so the changed policy is as it was before the restore.
    let undo = env
        .api()
        .preview_undo(
            env.actor(),
            RestoreRequest {
                restore_id: restore.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        env.wait(&undo.start.run).await.outcome,
        RunOutcome::Succeeded
    );
    let undo = env.restore(undo.restore.id).await;
    let undo_counts = undo.plan.as_ref().unwrap().counts;
    assert_eq!(
        (undo_counts.update, undo_counts.delete),
        (1, 1),
        "the overwritten policy goes back, the created one goes: {:?}",
        undo.plan
    );
    let run = env.execute(&undo).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{}", run.context);
    let undone = env.restore(undo.id).await;
    assert!(undone
        .outcomes
        .unwrap()
        .iter()
        .any(|o| o.outcome == ItemOutcomeKind::Deleted && o.pre_image_version_id.is_some()));
    let back = env.preview(set).await;
    let plan = back.plan.unwrap();
    let action = |id: &str| {
        plan.items
            .iter()
            .find(|i| i.source_external_id == id)
            .unwrap()
            .action
    };
    assert_eq!(
        action(&modified),
        RestoreAction::Update,
        "the drifted content is back"
    );
    assert_eq!(
        action(&deleted),
        RestoreAction::Create,
        "the deleted policy is gone again"
    );
    assert_eq!(
        (plan.counts.create, plan.counts.update, plan.counts.conflict),
        (1, 1, 0),
        "the tenant is as it was before the restore: {plan:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_changed_after_the_preview_blocks_execution_and_nothing_is_written() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    env.drift(0, 1, 31);
    let restore = env.preview(set).await;
    assert_eq!(restore.plan.as_ref().unwrap().counts.create, 1);
    env.drift(1, 0, 32);
    let writes_before = env.writes();
    let run = env.execute(&restore).await;
    assert_eq!(run.outcome, RunOutcome::Blocked);
    assert_eq!(
        run.headline_reason(),
        Some(ReasonCode::RestorePreviewOutdated)
    );
    assert_eq!(env.writes(), writes_before, "nothing was written");
    assert_eq!(
        env.restore(restore.id).await.status,
        RestoreStatus::Outdated
    );
    let err = env
        .api()
        .execute_restore(
            env.actor(),
            ExecuteRestoreRequest {
                restore_id: restore.id,
                confirm_tenant: env.tenant.display_name.clone(),
                confirm_changes: 1,
                secrets: None,
            },
        )
        .await
        .unwrap_err();
    assert!(err.message.contains("Preview it again"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_the_tenant_refuses_fails_that_object_only() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    let drift = env.drift(2, 0, 42);
    env.sync(SyncKind::Policies).await;
    let modified: Vec<String> = drift.modified.values().flatten().cloned().collect();
    assert_eq!(modified.len(), 2, "{drift:?}");
    let restore = env.preview(set).await;
    assert_eq!(restore.plan.as_ref().unwrap().counts.update, 2);
    env.sim
        .set_faults(Faults {
            refuse_writes: vec![modified[0].clone()],
            ..Faults::default()
        })
        .unwrap();
    let run = env.execute(&restore).await;
    assert_eq!(
        run.outcome,
        RunOutcome::PartiallySucceeded,
        "{}",
        run.context
    );
    let executed = env.restore(restore.id).await;
    assert_eq!(executed.status, RestoreStatus::Executed);
    let outcomes = executed.outcomes.unwrap();
    let of = |id: &str| {
        outcomes
            .iter()
            .find(|o| o.target_external_id.as_deref() == Some(id))
            .unwrap()
            .clone()
    };
    let refused = of(&modified[0]);
    assert_eq!(refused.outcome, ItemOutcomeKind::Failed);
    assert!(
        refused.message.as_deref().unwrap_or("").contains("refused"),
        "{refused:?}"
    );
    assert_eq!(of(&modified[1]).outcome, ItemOutcomeKind::Updated);
    assert!(
        run.failure_summary
            .iter()
            .any(|f| f.message.contains(&refused.display_name)),
        "the failed object is named in the run: {:?}",
        run.failure_summary
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_during_a_restore_neither_loses_nor_repeats_a_write() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    let drift = env.drift(0, 3, 51);
    env.sync(SyncKind::Policies).await;
    let restore = env.preview(set).await;
    let plan = restore.plan.clone().unwrap();
    let deleted: Vec<&String> = drift.deleted.values().flatten().collect();
    let names: Vec<String> = plan
        .items
        .iter()
        .filter(|i| deleted.contains(&&i.source_external_id) && i.action == RestoreAction::Create)
        .map(|i| i.display_name.clone())
        .collect();
    assert!(!names.is_empty(), "{:?}", plan.counts);
    let until = Timestamp::from_unix_millis(Timestamp::now().unix_millis() + 2_500).unwrap();
    env.sim
        .set_faults(Faults {
            throttle_storm: Some(atlas_cloudsim::ThrottleStorm {
                requests: None,
                until: Some(until),
                retry_after_seconds: Some(1),
            }),
            ..Faults::default()
        })
        .unwrap();
    let throttled_before = env.sim.cloud().stats().total.storm_throttled;
    let run = env.execute(&restore).await;
    assert!(
        env.sim.cloud().stats().total.storm_throttled > throttled_before,
        "the storm was met"
    );
    assert_eq!(
        run.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        run.failure_summary
    );
    // Every deleted policy the plan creates exists again, exactly once.
    let data = env.sim.cloud().tenants()[0].data.read().unwrap();
    for name in &names {
        let copies = data
            .collections
            .values()
            .flatten()
            .filter(|o| {
                o.body
                    .get("displayName")
                    .or_else(|| o.body.get("name"))
                    .and_then(|v| v.as_str())
                    == Some(name.as_str())
            })
            .count();
        assert_eq!(copies, 1, "{name} exists once");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_commands_answer_not_found_to_strangers_and_forbidden_to_readers() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    let restore = env.preview(set).await;
    let api = env.api();
    let tenant_id = env.tenant.id;
    let now = Timestamp::now();
    let reader = Actor {
        user: testing::user(api.store(), "rita", now).await,
    };
    testing::member(
        api.store(),
        env.tenant.workspace_id,
        reader.user_id(),
        Role::Readonly,
        None,
        now,
    )
    .await;
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", now).await,
    };
    let tenant = TenantRequest { tenant_id };
    let set_request = atlas_api::types::BackupSetRequest { backup_set_id: set };
    let restore_request = RestoreRequest {
        restore_id: restore.id,
    };
    let execute = ExecuteRestoreRequest {
        restore_id: restore.id,
        confirm_tenant: env.tenant.display_name.clone(),
        confirm_changes: 1,
        secrets: None,
    };
    // Readers see backups and restores but may not start or execute them.
    assert!(api.list_backup_sets(&reader, tenant.clone()).await.is_ok());
    assert!(api.get_backup_set(&reader, set_request).await.is_ok());
    assert!(api.list_restores(&reader, tenant.clone()).await.is_ok());
    assert!(api.get_restore(&reader, restore_request).await.is_ok());
    let codes = |who: &'static str, results: Vec<Option<ErrorCode>>| (who, results);
    let reader_refusals = codes(
        "reader",
        vec![
            api.back_up_now(&reader, tenant.clone())
                .await
                .err()
                .map(|e| e.code),
            api.execute_restore(&reader, execute.clone())
                .await
                .err()
                .map(|e| e.code),
            api.preview_undo(&reader, restore_request)
                .await
                .err()
                .map(|e| e.code),
        ],
    );
    assert!(
        reader_refusals
            .1
            .iter()
            .all(|c| *c == Some(ErrorCode::Forbidden)),
        "{reader_refusals:?}"
    );
    let stranger_refusals = codes(
        "stranger",
        vec![
            api.list_backup_sets(&stranger, tenant.clone())
                .await
                .err()
                .map(|e| e.code),
            api.get_backup_set(&stranger, set_request)
                .await
                .err()
                .map(|e| e.code),
            api.back_up_now(&stranger, tenant.clone())
                .await
                .err()
                .map(|e| e.code),
            api.list_restores(&stranger, tenant.clone())
                .await
                .err()
                .map(|e| e.code),
            api.get_restore(&stranger, restore_request)
                .await
                .err()
                .map(|e| e.code),
            api.execute_restore(&stranger, execute.clone())
                .await
                .err()
                .map(|e| e.code),
            api.preview_undo(&stranger, restore_request)
                .await
                .err()
                .map(|e| e.code),
        ],
    );
    assert!(
        stranger_refusals
            .1
            .iter()
            .all(|c| *c == Some(ErrorCode::NotFound)),
        "{stranger_refusals:?}"
    );
}

/// An encrypted OMA-URI value is never stored, so restoring a deleted custom profile is a
/// `secret_values` conflict — unless the operator types the values when executing. They reach
/// the tenant and nothing else: bad values are refused without repeating them, and the data
/// folder never holds them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_values_typed_at_execution_reach_the_tenant_and_are_never_stored() {
    let env = env().await;
    env.sync(SyncKind::Groups).await;
    let set = env.back_up().await;
    let directory = env.sim.credentials()[0].tenant_id;
    let custom = env.sim.cloud().find_objects(directory, |body| {
        body.get("@odata.type").and_then(|t| t.as_str())
            == Some("#microsoft.graph.windows10CustomConfiguration")
    });
    let (path, body) = custom
        .first()
        .expect("the tenant has a custom OMA-URI profile");
    let id = body["id"].as_str().unwrap().to_owned();
    let name = body["displayName"].as_str().unwrap().to_owned();
    assert!(env.sim.cloud().delete_object(directory, path, &id));
    env.sync(SyncKind::Policies).await;

    let restore = env.preview(set).await;
    let plan = restore.plan.clone().unwrap();
    let item = plan
        .items
        .iter()
        .find(|i| i.source_external_id == id)
        .unwrap();
    assert_eq!(item.action, RestoreAction::Conflict);
    let [RestoreConflict::SecretValues { fields }] = item.conflicts.as_slice() else {
        panic!("only secret fields keep it back: {:?}", item.conflicts);
    };
    assert!(
        fields
            .iter()
            .all(|f| f.starts_with("omaSettings[") && f.ends_with("].value")),
        "one typed value per encrypted setting, references left out: {fields:?}"
    );
    let secret = |field: &str, value: &str| SecretValueInput {
        source_version_id: item.source_version_id,
        field: field.to_owned(),
        value: value.to_owned(),
    };
    let typed: Vec<SecretValueInput> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| secret(f, &format!("typed-secret-{i}-0f9e")))
        .collect();
    let execute = |secrets: Vec<SecretValueInput>, changes: u32| ExecuteRestoreRequest {
        restore_id: restore.id,
        confirm_tenant: env.tenant.display_name.clone(),
        confirm_changes: changes,
        secrets: Some(secrets),
    };

    // Refused, without repeating the value: a field the item does not have, an empty value,
    // some fields of the object but not all, and a count that leaves the object out.
    let writes_before = env.writes();
    let mut partial = typed.clone();
    partial.pop();
    let mut bad: Vec<(Vec<SecretValueInput>, u32)> = vec![
        (vec![secret("displayName", "typed-secret-x-0f9e")], 1),
        (vec![secret(&fields[0], "   ")], 1),
        (typed.clone(), 0),
    ];
    if !partial.is_empty() {
        bad.push((partial, 1));
    }
    for (secrets, changes) in bad {
        let err = env
            .api()
            .execute_restore(env.actor(), execute(secrets, changes))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        assert!(!err.message.contains("typed-secret"), "{}", err.message);
    }
    assert_eq!(env.writes(), writes_before, "nothing written");

    let start = env
        .api()
        .execute_restore(env.actor(), execute(typed.clone(), 1))
        .await
        .unwrap();
    let run = env.wait(&start.run).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{}", run.context);
    let executed = env.restore(restore.id).await;
    let outcome = executed
        .outcomes
        .unwrap()
        .into_iter()
        .find(|o| o.source_version_id == item.source_version_id)
        .unwrap();
    assert_eq!(outcome.outcome, ItemOutcomeKind::Created, "{outcome:?}");

    // The tenant holds the typed values (and no reference marker) ...
    let written = env.sim.cloud().find_objects(directory, |body| {
        body.get("displayName").and_then(|n| n.as_str()) == Some(name.as_str())
    });
    let (_, written) = written.first().expect("the profile is back");
    let settings = written["omaSettings"].as_array().unwrap();
    for (i, setting) in settings.iter().enumerate() {
        assert_eq!(setting["value"], format!("typed-secret-{i}-0f9e"));
        assert_ne!(
            setting["secretReferenceValueId"],
            atlas_graph::SECRET_MARKER
        );
    }

    // ... and the data folder none of them: not the versions, the run, its inputs or the audit.
    env.runtime.shutdown().await;
    for file in atlas_testkit::files_under(env._dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(12).any(|w| w == b"typed-secret"),
            "{} holds a typed secret",
            file.display()
        );
    }
}
