//! Monitoring through the command surface: the operations index, a run's detail with its reason
//! in plain words, the inbox, and the audit log — with what a restricted member may not see.

use atlas_api::{
    types::{
        GetRunRequest, ListAuditRequest, ListRunsRequest, MarkNotificationReadRequest,
        SetTenantStatusRequest, StartIntent, StartSyncRequest, SyncKind, WorkspaceRequest,
    },
    Actor, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{
    AuditFilter, Freshness, Membership, Role, RunListFilter, RunTab, TenantStatus, Timestamp,
};
use atlas_store::{memberships, users};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_notifications_and_audit_are_visible_to_whom_they_belong() {
    let dir = tempfile::tempdir().unwrap();
    // No workers: a started sync stays queued, a refused one ends blocked at once.
    let rt = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().into()),
        user_name: Some("ann".into()),
        ..Default::default()
    })
    .await
    .unwrap();
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
    let inbox = api.list_notifications(ann).await.unwrap();
    assert_eq!(inbox.unread, 1);
    assert_eq!(inbox.items[0].run_id, Some(blocked.run.id));
    let id = inbox.items[0].id.to_string();
    let read = api
        .mark_notification_read(ann, MarkNotificationReadRequest { id: id.clone() })
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
    let mut db = api.store().conn().await.unwrap();
    let user = users::upsert_by_login(&mut db, "local:bob", "bob", Timestamp::now())
        .await
        .unwrap();
    memberships::upsert(
        &mut db,
        &Membership {
            workspace_id: ws,
            user_id: user.id,
            role: Role::Operator,
            all_tenants: false,
        },
        Timestamp::now(),
    )
    .await
    .unwrap();
    memberships::grant_tenant(&mut db, ws, user.id, second.id, Timestamp::now())
        .await
        .unwrap();
    drop(db);
    let bob = Actor { user };
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
        .mark_notification_read(&bob, MarkNotificationReadRequest { id })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(api.list_notifications(&bob).await.unwrap().unread, 0);
}
