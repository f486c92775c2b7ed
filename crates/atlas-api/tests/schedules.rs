//! Scheduled syncs through the command surface: created with their next starts in the
//! schedule's zone, refused when their times are not usable (nothing stored), paused and
//! resumed, removed — by whoever may sync the tenants concerned, audited.

use atlas_api::{
    types::{
        CreateScheduleRequest, ScheduleKind, ScheduleRequest, UpdateScheduleRequest,
        WorkspaceRequest,
    },
    Actor, ErrorCode,
};
use atlas_domain::{BackupInputs, BackupRetention, OperationType, Role, Timestamp};
use atlas_store::testing;

mod common;
use common::{ann_runtime, audit_actions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedules_are_created_paused_and_removed_by_who_may_sync() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let tenant = &demo.tenants[0];
    let list = || async {
        api.list_schedules(ann, WorkspaceRequest { workspace_id: ws })
            .await
            .unwrap()
    };
    let create = |cron: &str, zone: &str| CreateScheduleRequest {
        workspace_id: ws,
        tenant_id: Some(tenant.id),
        kind: ScheduleKind::Policies,
        cron: cron.into(),
        time_zone: zone.into(),
        retention: None,
    };

    for (cron, zone, says) in [
        ("0 3 * *", "Europe/Berlin", "five fields"),
        ("0 3 * * *", "Berlin", "IANA time zone"),
        ("* * * * *", "UTC", "every 15 minutes"),
    ] {
        let err = api
            .create_schedule(ann, create(cron, zone))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        assert!(err.message.contains(says), "{}", err.message);
    }
    assert!(list().await.is_empty(), "a refused schedule stores nothing");

    let created = api
        .create_schedule(ann, create(" 0 3 * * 1-5 ", "Europe/Berlin"))
        .await
        .unwrap();
    assert_eq!(created.schedule.cron, "0 3 * * 1-5");
    assert_eq!(created.schedule.operation, OperationType::PolicySync);
    assert_eq!(
        created.tenant_name.as_deref(),
        Some(tenant.display_name.as_str())
    );
    assert_eq!(created.upcoming.len(), 3);
    assert_eq!(created.schedule.next_run_at, Some(created.upcoming[0]));
    assert!(
        created.upcoming_local[0].contains("03:00"),
        "{:?}",
        created.upcoming_local
    );
    assert!(created.upcoming[0].unix_millis() > Timestamp::now().unix_millis());

    let id = created.schedule.id;
    let paused = api
        .update_schedule(
            ann,
            UpdateScheduleRequest {
                schedule_id: id,
                cron: None,
                time_zone: None,
                enabled: Some(false),
                retention: None,
            },
        )
        .await
        .unwrap();
    assert!(!paused.schedule.enabled);
    assert_eq!(paused.schedule.next_run_at, None);
    assert!(paused.upcoming.is_empty());

    // A reader may see the schedule but not change it; a stranger does not see it at all.
    let now = Timestamp::now();
    let reader = Actor {
        user: testing::user(api.store(), "rita", now).await,
    };
    testing::member(api.store(), ws, reader.user_id(), Role::Readonly, None, now).await;
    let err = api
        .delete_schedule(&reader, ScheduleRequest { schedule_id: id })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", now).await,
    };
    let err = api
        .delete_schedule(&stranger, ScheduleRequest { schedule_id: id })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let left = api
        .delete_schedule(ann, ScheduleRequest { schedule_id: id })
        .await
        .unwrap();
    assert!(left.is_empty());
    assert_eq!(
        audit_actions(api, ann, ws, "schedule").await,
        ["schedule.deleted", "schedule.updated", "schedule.created"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_schedules_carry_a_retention_that_keeps_something() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let create = |kind, retention| CreateScheduleRequest {
        workspace_id: ws,
        tenant_id: None,
        kind,
        cron: "0 2 * * *".into(),
        time_zone: "America/New_York".into(),
        retention,
    };
    let keep = |keep_last, keep_days| {
        Some(BackupRetention {
            keep_last,
            keep_days,
        })
    };

    for (kind, retention, says) in [
        (ScheduleKind::Backup, keep(0, None), "keep at least"),
        (ScheduleKind::Backup, keep(3, Some(0)), "keep_days"),
        (
            ScheduleKind::Inventory,
            keep(3, None),
            "backup schedules only",
        ),
    ] {
        let err = api
            .create_schedule(ann, create(kind, retention))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        assert!(err.message.contains(says), "{}", err.message);
    }
    let listed = api
        .list_schedules(ann, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap();
    assert!(listed.is_empty(), "a refused schedule stores nothing");

    let created = api
        .create_schedule(ann, create(ScheduleKind::Backup, keep(7, Some(30))))
        .await
        .unwrap();
    assert_eq!(created.kind, ScheduleKind::Backup);
    assert_eq!(created.schedule.operation, OperationType::BackupScheduleRun);
    assert_eq!(created.retention, keep(7, Some(30)));
    let inputs: BackupInputs = serde_json::from_value(created.schedule.inputs.clone()).unwrap();
    assert_eq!(
        inputs.schedule_id,
        Some(created.schedule.id),
        "runs name their schedule"
    );
    assert!(
        created.upcoming_local[0].contains("02:00"),
        "{:?}",
        created.upcoming_local
    );

    let err = api
        .update_schedule(
            ann,
            UpdateScheduleRequest {
                schedule_id: created.schedule.id,
                cron: None,
                time_zone: None,
                enabled: None,
                retention: keep(0, None),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let changed = api
        .update_schedule(
            ann,
            UpdateScheduleRequest {
                schedule_id: created.schedule.id,
                cron: None,
                time_zone: None,
                enabled: None,
                retention: keep(2, None),
            },
        )
        .await
        .unwrap();
    assert_eq!(changed.retention, keep(2, None));
}
