//! Monitoring through the command surface: the operations index, a run's detail with its reason
//! in plain words, the inbox, and the audit log — with what a restricted member may not see.

use atlas_api::{
    types::{
        GetRunRequest, ListAuditRequest, ListRunsRequest, MarkNotificationReadRequest,
        SetTenantStatusRequest, StartIntent, StartSyncRequest, SyncKind, WorkspaceRequest,
    },
    Actor, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{AuditFilter, Freshness, Role, RunListFilter, RunTab, TenantStatus, Timestamp};
use atlas_store::testing;

/// The app as the operator ann, on a data folder of its own, with no workers.
async fn ann_runtime(dir: &tempfile::TempDir) -> Runtime {
    Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().into()),
        user_name: Some("ann".into()),
        ..Default::default()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_notifications_and_audit_are_visible_to_whom_they_belong() {
    let dir = tempfile::tempdir().unwrap();
    // No workers: a started sync stays queued, a refused one ends blocked at once.
    let rt = ann_runtime(&dir).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let (first, second) = (&demo.tenants[0], &demo.tenants[1]);
    api.set_tenant_status(
        ann,
        SetTenantStatusRequest {
            tenant_id: first.id,
            status: TenantStatus::Paused,
        },
    )
    .await
    .unwrap();
    let start = |tenant_id| StartSyncRequest {
        tenant_id,
        kind: SyncKind::Inventory,
    };
    let blocked = api.start_sync(ann, start(first.id)).await.unwrap();
    assert_eq!(blocked.intent, StartIntent::Blocked);
    let queued = api.start_sync(ann, start(second.id)).await.unwrap();
    assert_eq!(queued.intent, StartIntent::Queued);

    let list = |tab| ListRunsRequest {
        workspace_id: ws,
        filter: RunListFilter {
            tab,
            ..Default::default()
        },
    };
    let all = api.list_runs(ann, list(RunTab::All)).await.unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.items[0].run.id, queued.run.id, "newest first");
    assert_eq!(
        all.items[1].tenant_name.as_deref(),
        Some(first.display_name.as_str())
    );
    assert_eq!(all.items[1].initiator_name.as_deref(), Some("ann"));
    let active = api.list_runs(ann, list(RunTab::Active)).await.unwrap();
    assert_eq!(active.items.len(), 1);

    let detail = api
        .run_detail(
            ann,
            GetRunRequest {
                run_id: blocked.run.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(detail.freshness, Freshness::TerminalNormal);
    let reason = detail.reason.expect("a blocked run explains itself");
    assert_eq!(reason.code, atlas_domain::ReasonCode::TenantNotActive);
    assert_eq!(reason.label, "Tenant paused or archived");
    assert!(reason.next_steps.contains("Reactivate"));
    assert_eq!(detail.policy.unwrap().expected_max_runtime_seconds, 240);

    let overview = api
        .runs_overview(ann, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap();
    assert_eq!(
        (overview.active, overview.likely_stale, overview.reconciled),
        (1, 0, 0)
    );

    // The blocked run told its initiator, once.
    let inbox = api.list_notifications(ann, all_inboxes()).await.unwrap();
    assert_eq!(inbox.unread, 1);
    assert_eq!(inbox.items[0].run_id, Some(blocked.run.id));
    let id = inbox.items[0].id.to_string();
    let read = api
        .mark_notification_read(
            ann,
            MarkNotificationReadRequest {
                id: id.clone(),
                workspace_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(read.unread, 0);

    let audit = api
        .list_audit(
            ann,
            ListAuditRequest {
                workspace_id: ws,
                filter: AuditFilter {
                    action: Some("tenant".into()),
                    limit: 50,
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    assert!(audit
        .items
        .iter()
        .any(|r| r.entry.action == "tenant.status_changed"));
    assert!(audit
        .items
        .iter()
        .all(|r| r.entry.action.starts_with("tenant.")));

    // Bob sees only the second tenant: its run, never the first's, nor Ann's notifications.
    let now = Timestamp::now();
    let bob = Actor {
        user: testing::user(api.store(), "bob", now).await,
    };
    let store = api.store();
    testing::member(
        store,
        ws,
        bob.user_id(),
        Role::Operator,
        Some(&[second.id]),
        now,
    )
    .await;
    let members = api
        .list_members(&bob, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap();
    let names: Vec<_> = members
        .iter()
        .map(|m| m.user.display_name.as_str())
        .collect();
    assert_eq!(names, ["ann", "bob"]);
    assert!(!members[1].all_tenants);
    let seen = api.list_runs(&bob, list(RunTab::All)).await.unwrap();
    assert_eq!(seen.items.len(), 1);
    assert_eq!(seen.items[0].run.id, queued.run.id);
    let hidden = api
        .run_detail(
            &bob,
            GetRunRequest {
                run_id: blocked.run.id,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(hidden.code, ErrorCode::NotFound);
    let err = api
        .mark_notification_read(
            &bob,
            MarkNotificationReadRequest {
                id,
                workspace_id: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        api.list_notifications(&bob, all_inboxes())
            .await
            .unwrap()
            .unread,
        0
    );
}

/// Events follow the same rule as commands: a member entitled to one tenant hears only that
/// tenant's runs, someone outside the workspace hears nothing, the owner hears everything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_events_reach_only_those_who_may_see_the_run() {
    let dir = tempfile::tempdir().unwrap();
    // No workers: starts are announced (created) and stay queued.
    let rt = ann_runtime(&dir).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let (first, second) = (&demo.tenants[0], &demo.tenants[1]);
    let now = Timestamp::now();
    let bob = testing::user(api.store(), "bob", now).await;
    let eve = testing::user(api.store(), "eve", now).await;
    let store = api.store();
    testing::member(store, ws, bob.id, Role::Readonly, Some(&[second.id]), now).await;
    let (bob, eve) = (Actor { user: bob }, Actor { user: eve });
    let mut ann_events = api.subscribe(ann);
    let mut bob_events = api.subscribe(&bob);
    let mut eve_events = api.subscribe(&eve);

    let start = |tenant_id| StartSyncRequest {
        tenant_id,
        kind: SyncKind::Groups,
    };
    let hidden = api.start_sync(ann, start(first.id)).await.unwrap().run;
    let shown = api.start_sync(ann, start(second.id)).await.unwrap().run;

    // Everything each one hears within a second of the starts (both were announced at once).
    let window = std::time::Duration::from_secs(1);
    assert_eq!(heard(&mut ann_events, window).await, [hidden.id, shown.id]);
    assert_eq!(heard(&mut bob_events, window).await, [shown.id]);
    assert_eq!(heard(&mut eve_events, window).await, []);
    rt.shutdown().await;
}

/// The runs a subscription announces within `window`, in order, each once.
async fn heard(
    events: &mut atlas_api::events::Subscription,
    window: std::time::Duration,
) -> Vec<atlas_domain::RunId> {
    let until = tokio::time::Instant::now() + window;
    let mut runs = Vec::new();
    while let Ok(Some(batch)) = tokio::time::timeout_at(until, events.next_batch()).await {
        for event in batch.events {
            if !runs.contains(&event.run.id) {
                runs.push(event.run.id);
            }
        }
    }
    runs
}

fn all_inboxes() -> atlas_api::types::NotificationsRequest {
    atlas_api::types::NotificationsRequest { workspace_id: None }
}
