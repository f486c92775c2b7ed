//! Cancelling and retrying runs through the command surface: who may, what each does to the
//! run, and what is audited.

use atlas_api::{
    types::{
        CancelEffect, GetRunRequest, ListAuditRequest, SetTenantStatusRequest, StartIntent,
        StartSyncRequest, SyncKind,
    },
    Actor, ErrorCode,
};
use atlas_domain::{AuditFilter, ReasonCode, Role, RunOutcome, RunStatus, TenantStatus, Timestamp};
use atlas_store::testing;

mod common;
use common::ann_runtime;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_run_is_cancelled_and_retried_with_the_same_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let tenant = &demo.tenants[1];
    let queued = api
        .start_sync(
            ann,
            StartSyncRequest {
                tenant_id: tenant.id,
                kind: SyncKind::Policies,
            },
        )
        .await
        .unwrap();
    assert_eq!(queued.intent, StartIntent::Queued);
    let run = GetRunRequest {
        run_id: queued.run.id,
    };

    let retry_too_soon = api.retry_run(ann, run.clone()).await.unwrap_err();
    assert_eq!(retry_too_soon.code, ErrorCode::Conflict);

    let cancelled = api.cancel_run(ann, run.clone()).await.unwrap();
    assert_eq!(cancelled.effect, CancelEffect::Cancelled);
    assert_eq!(cancelled.run.status, RunStatus::Completed);
    assert_eq!(cancelled.run.outcome, RunOutcome::Failed);
    assert_eq!(cancelled.run.headline_reason(), Some(ReasonCode::Cancelled));
    assert_eq!(cancelled.message, "Policy sync cancelled before it started");
    let again = api.cancel_run(ann, run.clone()).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);

    let retried = api.retry_run(ann, run.clone()).await.unwrap();
    assert_eq!(retried.intent, StartIntent::Queued);
    assert_ne!(retried.run.id, queued.run.id);
    assert_eq!(retried.run.operation_type, queued.run.operation_type);
    assert_eq!(retried.run.tenant_id, Some(tenant.id));
    assert_eq!(retried.run.context["inputs"], queued.run.context["inputs"]);
    // Retrying twice while the retry is queued attaches to it (dedupe), never a third run.
    let twice = api.retry_run(ann, run).await.unwrap();
    assert_eq!(twice.intent, StartIntent::AlreadyActive);
    assert_eq!(twice.run.id, retried.run.id);

    let audit = api
        .list_audit(
            ann,
            ListAuditRequest {
                workspace_id: demo.workspace.workspace.id,
                filter: AuditFilter {
                    limit: 100,
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    let ending = audit
        .items
        .iter()
        .find(|r| r.entry.target_id.as_deref() == Some(&queued.run.id.to_string()))
        .expect("the cancelled run's ending is audited");
    assert_eq!(ending.entry.action, "operation_run.completed");
    assert!(
        ending.entry.summary.ends_with(": cancelled"),
        "{}",
        ending.entry.summary
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_run_is_retried_through_the_same_guards() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let tenant = &demo.tenants[0];
    let status = |status| SetTenantStatusRequest {
        tenant_id: tenant.id,
        status,
    };
    api.set_tenant_status(ann, status(TenantStatus::Paused))
        .await
        .unwrap();
    let blocked = api
        .start_sync(
            ann,
            StartSyncRequest {
                tenant_id: tenant.id,
                kind: SyncKind::Inventory,
            },
        )
        .await
        .unwrap();
    assert_eq!(blocked.intent, StartIntent::Blocked);
    let run = GetRunRequest {
        run_id: blocked.run.id,
    };
    // Still paused: the retry is refused the same way, as a new blocked run.
    let refused = api.retry_run(ann, run.clone()).await.unwrap();
    assert_eq!(refused.intent, StartIntent::Blocked);
    assert_ne!(refused.run.id, blocked.run.id);
    api.set_tenant_status(ann, status(TenantStatus::Active))
        .await
        .unwrap();
    let retried = api.retry_run(ann, run).await.unwrap();
    assert_eq!(retried.intent, StartIntent::Queued);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_who_may_start_the_work_may_cancel_or_retry_it() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let (first, second) = (&demo.tenants[0], &demo.tenants[1]);
    let start = |tenant_id| StartSyncRequest {
        tenant_id,
        kind: SyncKind::Groups,
    };
    let on_first = api.start_sync(ann, start(first.id)).await.unwrap().run;
    let on_second = api.start_sync(ann, start(second.id)).await.unwrap().run;
    let now = Timestamp::now();
    let store = api.store();
    // Rita may read everything; Otto operates the second tenant only.
    let rita = Actor {
        user: testing::user(store, "rita", now).await,
    };
    testing::member(store, ws, rita.user_id(), Role::Readonly, None, now).await;
    let otto = Actor {
        user: testing::user(store, "otto", now).await,
    };
    testing::member(
        store,
        ws,
        otto.user_id(),
        Role::Operator,
        Some(&[second.id]),
        now,
    )
    .await;
    let ask = |run_id| GetRunRequest { run_id };

    let forbidden = api.cancel_run(&rita, ask(on_first.id)).await.unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
    let forbidden = api.retry_run(&rita, ask(on_first.id)).await.unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
    // A run of a tenant Otto is not entitled to does not exist for him.
    let hidden = api.cancel_run(&otto, ask(on_first.id)).await.unwrap_err();
    assert_eq!(hidden.code, ErrorCode::NotFound);
    // His own tenant's run he may cancel, even though Ann started it.
    let cancelled = api.cancel_run(&otto, ask(on_second.id)).await.unwrap();
    assert_eq!(cancelled.effect, CancelEffect::Cancelled);
    assert_eq!(cancelled.run.cancel_requested_by, Some(otto.user_id()));
    // Nothing changed for the runs they could not touch.
    let first_run = api.get_run(ann, ask(on_first.id)).await.unwrap();
    assert_eq!(first_run.status, RunStatus::Queued);
}
