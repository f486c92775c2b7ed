//! Baseline profiles through the command surface, on both engines: what is stored and audited,
//! the input each command refuses (changing nothing), and who may see or change a profile.

use atlas_api::{
    types::{
        AssignBaselineRequest, BaselineProfileRequest, CreateBaselineProfileRequest,
        ListAuditRequest, SetBaselineStatusRequest, SetTenantStatusRequest, TenantRequest,
        UpdateBaselineProfileRequest, WorkspaceRequest,
    },
    Actor, Api, ApiError, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{
    AuditFilter, BaselineProfileId, BaselineStatus, CaptureMode, Role, TenantStatus, Timestamp,
    WorkspaceId,
};
use atlas_store::testing;

struct Env {
    runtime: Runtime,
    _dir: tempfile::TempDir,
}

async fn env(database_url: Option<String>) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        database_url,
        user_name: Some("ann".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    Env { runtime, _dir: dir }
}

macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $( #[tokio::test] async fn $name() { super::$name(super::env(None).await).await } )+ }
        mod postgres { $( #[tokio::test] async fn $name() {
            super::$name(super::env(Some(atlas_testkit::fresh_postgres_url())).await).await
        } )+ }
    };
}

both_backends!(
    a_profile_is_created_edited_activated_and_archived_with_an_audit_trail,
    bad_input_is_refused_and_changes_nothing,
    a_tenant_follows_one_profile,
    strangers_see_nothing_and_readers_change_nothing,
);

fn create(workspace: WorkspaceId, name: &str) -> CreateBaselineProfileRequest {
    CreateBaselineProfileRequest {
        workspace_id: workspace,
        name: name.into(),
        description: Some("What every managed Windows device should have".into()),
        capture_mode: CaptureMode::Meta,
        scope: Some(vec![
            "compliance_policy".into(),
            " settings_catalog ".into(),
            "compliance_policy".into(),
        ]),
        source_tenant_id: None,
    }
}

fn edit(profile_id: BaselineProfileId) -> UpdateBaselineProfileRequest {
    UpdateBaselineProfileRequest {
        profile_id,
        name: None,
        description: None,
        capture_mode: None,
        scope: None,
        source_tenant_id: None,
        severity_rules: None,
    }
}

fn status(profile_id: BaselineProfileId, status: BaselineStatus) -> SetBaselineStatusRequest {
    SetBaselineStatusRequest { profile_id, status }
}

fn code<T: std::fmt::Debug>(result: Result<T, ApiError>) -> (ErrorCode, String) {
    let err = result.unwrap_err();
    (err.code, err.message)
}

/// The demo workspace comes with its own baseline profile; these tests work beside it. Its
/// tenants are unassigned from it first, so each test assigns them as it needs.
async fn set_demo_baseline_aside(
    api: &Api,
    actor: &Actor,
    ws: WorkspaceId,
    tenants: &[atlas_domain::Tenant],
) -> String {
    for t in tenants {
        api.unassign_baseline(actor, TenantRequest { tenant_id: t.id })
            .await
            .unwrap();
    }
    demo_profile(api, actor, ws).await
}

/// The id of the demo's own profile.
async fn demo_profile(api: &Api, actor: &Actor, ws: WorkspaceId) -> String {
    api.list_baseline_profiles(actor, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.profile.name == "Managed workplace standard")
        .expect("the demo baseline")
        .profile
        .id
        .to_string()
}

/// The profiles of the workspace other than the demo's own.
async fn our_profiles(
    api: &Api,
    actor: &Actor,
    ws: WorkspaceId,
) -> Vec<atlas_api::types::BaselineProfileView> {
    let demo = demo_profile(api, actor, ws).await;
    api.list_baseline_profiles(actor, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap()
        .into_iter()
        .filter(|v| v.profile.id.to_string() != demo)
        .collect()
}

async fn audit_actions(api: &Api, actor: &Actor, workspace: WorkspaceId) -> Vec<String> {
    let demo = demo_profile(api, actor, workspace).await;
    let page = api
        .list_audit(
            actor,
            ListAuditRequest {
                workspace_id: workspace,
                filter: AuditFilter {
                    action: Some("baseline".into()),
                    limit: 50,
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    let mut actions: Vec<_> = page
        .items
        .into_iter()
        .filter(|r| r.entry.target_id.as_deref() != Some(demo.as_str()))
        .map(|r| r.entry.action)
        .collect();
    actions.reverse();
    actions
}

async fn a_profile_is_created_edited_activated_and_archived_with_an_audit_trail(env: Env) {
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let source = &demo.tenants[0];

    let created = api
        .create_baseline_profile(ann, create(ws, "  Windows baseline "))
        .await
        .unwrap();
    assert_eq!(created.name, "Windows baseline");
    assert_eq!(created.status, BaselineStatus::Draft);
    assert_eq!(created.scope, ["compliance_policy", "settings_catalog"]);
    assert_eq!(created.current_snapshot_id, None);

    let edited = api
        .update_baseline_profile(
            ann,
            UpdateBaselineProfileRequest {
                name: Some("Windows 11 baseline".into()),
                capture_mode: Some(CaptureMode::FullContent),
                source_tenant_id: Some(source.id),
                ..edit(created.id)
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.name, "Windows 11 baseline");
    assert_eq!(edited.capture_mode, CaptureMode::FullContent);
    assert_eq!(edited.source_tenant_id, Some(source.id));
    assert_eq!(
        api.update_baseline_profile(ann, edit(created.id))
            .await
            .unwrap(),
        edited,
        "no change, no write"
    );

    let active = api
        .set_baseline_profile_status(ann, status(created.id, BaselineStatus::Active))
        .await
        .unwrap();
    assert_eq!(active.status, BaselineStatus::Active);
    let archived = api
        .set_baseline_profile_status(ann, status(created.id, BaselineStatus::Archived))
        .await
        .unwrap();
    assert_eq!(archived.status, BaselineStatus::Archived);

    let listed = our_profiles(api, ann, ws).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].profile, archived);
    let detail = api
        .get_baseline_profile(
            ann,
            BaselineProfileRequest {
                profile_id: created.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(detail.profile, archived);
    assert!(detail.snapshots.is_empty());
    assert_eq!(
        audit_actions(api, ann, ws).await,
        [
            "baseline.profile.created",
            "baseline.profile.updated",
            "baseline.profile.status_changed",
            "baseline.profile.status_changed",
        ]
    );
}

async fn bad_input_is_refused_and_changes_nothing(env: Env) {
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let profile = api
        .create_baseline_profile(ann, create(ws, "Windows baseline"))
        .await
        .unwrap();

    let unknown_type = CreateBaselineProfileRequest {
        scope: Some(vec!["no_such_type".into()]),
        ..create(ws, "Other")
    };
    let (c, m) = code(api.create_baseline_profile(ann, unknown_type).await);
    assert_eq!(c, ErrorCode::InvalidInput);
    assert!(m.contains("'no_such_type' is not a policy type"), "{m}");
    let directory_type = CreateBaselineProfileRequest {
        scope: Some(vec!["group".into()]),
        ..create(ws, "Other")
    };
    assert_eq!(
        code(api.create_baseline_profile(ann, directory_type).await).0,
        ErrorCode::InvalidInput,
        "groups are not policies"
    );
    let (c, m) = code(api.create_baseline_profile(ann, create(ws, "   ")).await);
    assert_eq!(c, ErrorCode::InvalidInput);
    assert!(m.contains("must not be empty"), "{m}");

    // A source tenant from another workspace is not found; an archived one is refused.
    let elsewhere = testing::workspace(api.store(), "Elsewhere", ann.user_id(), Timestamp::now())
        .await
        .id;
    let foreign = testing::tenant(
        elsewhere,
        "Foreign",
        "9f0c6a52-8d1e-4b7a-9c2f-5e4d1a0b7c31".parse().unwrap(),
        Timestamp::now(),
    );
    testing::insert_tenant(api.store(), &foreign).await;
    let with_source = |id| UpdateBaselineProfileRequest {
        source_tenant_id: Some(id),
        ..edit(profile.id)
    };
    assert_eq!(
        code(
            api.update_baseline_profile(ann, with_source(foreign.id))
                .await
        )
        .0,
        ErrorCode::NotFound
    );
    let archived = &demo.tenants[2];
    api.set_tenant_status(
        ann,
        SetTenantStatusRequest {
            tenant_id: archived.id,
            status: TenantStatus::Archived,
        },
    )
    .await
    .unwrap();
    let (c, m) = code(
        api.update_baseline_profile(ann, with_source(archived.id))
            .await,
    );
    assert_eq!(c, ErrorCode::InvalidInput);
    assert!(m.contains("is archived"), "{m}");

    // Activation needs a source; profiles only move forward.
    let (c, m) = code(
        api.set_baseline_profile_status(ann, status(profile.id, BaselineStatus::Active))
            .await,
    );
    assert_eq!(c, ErrorCode::InvalidInput);
    assert!(m.contains("before activating"), "{m}");
    api.set_baseline_profile_status(ann, status(profile.id, BaselineStatus::Archived))
        .await
        .unwrap();
    let (c, m) = code(
        api.set_baseline_profile_status(ann, status(profile.id, BaselineStatus::Active))
            .await,
    );
    assert_eq!(c, ErrorCode::InvalidInput);
    assert!(m.contains("cannot become active"), "{m}");
    let (c, _) = code(
        api.update_baseline_profile(
            ann,
            UpdateBaselineProfileRequest {
                name: Some("Renamed".into()),
                ..edit(profile.id)
            },
        )
        .await,
    );
    assert_eq!(
        c,
        ErrorCode::InvalidInput,
        "archived profiles are kept as they were"
    );

    let stored = api
        .get_baseline_profile(
            ann,
            BaselineProfileRequest {
                profile_id: profile.id,
            },
        )
        .await
        .unwrap()
        .profile;
    assert_eq!(stored.name, "Windows baseline");
    assert_eq!(stored.source_tenant_id, None);
    assert_eq!(stored.scope, ["compliance_policy", "settings_catalog"]);
    let listed = our_profiles(api, ann, ws).await;
    assert_eq!(listed.len(), 1, "no refused create stored anything");
}

async fn a_tenant_follows_one_profile(env: Env) {
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    set_demo_baseline_aside(api, ann, ws, &demo.tenants).await;
    let (first, second) = (&demo.tenants[0], &demo.tenants[1]);
    let windows = api
        .create_baseline_profile(ann, create(ws, "Windows baseline"))
        .await
        .unwrap();
    let apple = api
        .create_baseline_profile(ann, create(ws, "Apple baseline"))
        .await
        .unwrap();
    let assign = |profile_id, tenant_id| AssignBaselineRequest {
        profile_id,
        tenant_id,
    };

    let view = api
        .assign_baseline(ann, assign(windows.id, first.id))
        .await
        .unwrap();
    assert_eq!(view.assigned_tenants, [first.id]);
    let again = api
        .assign_baseline(ann, assign(windows.id, first.id))
        .await
        .unwrap();
    assert_eq!(
        again.assigned_tenants,
        [first.id],
        "assigning twice is one assignment"
    );
    let (c, m) = code(api.assign_baseline(ann, assign(apple.id, first.id)).await);
    assert_eq!(c, ErrorCode::Conflict);
    assert!(m.contains("already assigned to Windows baseline"), "{m}");

    api.unassign_baseline(
        ann,
        TenantRequest {
            tenant_id: first.id,
        },
    )
    .await
    .unwrap();
    api.unassign_baseline(
        ann,
        TenantRequest {
            tenant_id: first.id,
        },
    )
    .await
    .unwrap();
    let moved = api
        .assign_baseline(ann, assign(apple.id, first.id))
        .await
        .unwrap();
    assert_eq!(moved.assigned_tenants, [first.id]);

    api.set_baseline_profile_status(ann, status(windows.id, BaselineStatus::Archived))
        .await
        .unwrap();
    let (c, m) = code(
        api.assign_baseline(ann, assign(windows.id, second.id))
            .await,
    );
    assert_eq!(c, ErrorCode::InvalidInput);
    assert!(m.contains("is archived"), "{m}");
    assert_eq!(
        audit_actions(api, ann, ws).await,
        [
            "baseline.profile.created",
            "baseline.profile.created",
            "baseline.assignment.created",
            "baseline.assignment.removed",
            "baseline.assignment.created",
            "baseline.profile.status_changed",
        ]
    );
}

async fn strangers_see_nothing_and_readers_change_nothing(env: Env) {
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let profile = api
        .create_baseline_profile(ann, create(ws, "Windows baseline"))
        .await
        .unwrap();
    let now = Timestamp::now();
    let eve = Actor {
        user: testing::user(api.store(), "eve", now).await,
    };
    let rita = Actor {
        user: testing::user(api.store(), "rita", now).await,
    };
    testing::member(api.store(), ws, rita.user_id(), Role::Readonly, None, now).await;
    let by_id = BaselineProfileRequest {
        profile_id: profile.id,
    };

    // Eve is no member: every command reads as "not found", worded as for a missing profile.
    let (c, m) = code(api.get_baseline_profile(&eve, by_id.clone()).await);
    assert_eq!(
        (c, m.as_str()),
        (ErrorCode::NotFound, "Baseline profile was not found")
    );
    assert_eq!(
        code(
            api.list_baseline_profiles(&eve, WorkspaceRequest { workspace_id: ws })
                .await
        )
        .0,
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            api.set_baseline_profile_status(&eve, status(profile.id, BaselineStatus::Archived))
                .await
        )
        .0,
        ErrorCode::NotFound
    );

    // Rita reads but may not change.
    assert_eq!(
        api.get_baseline_profile(&rita, by_id)
            .await
            .unwrap()
            .profile,
        profile
    );
    assert_eq!(
        code(api.create_baseline_profile(&rita, create(ws, "Mine")).await).0,
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(
            api.set_baseline_profile_status(&rita, status(profile.id, BaselineStatus::Archived))
                .await
        )
        .0,
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(
            api.assign_baseline(
                &rita,
                AssignBaselineRequest {
                    profile_id: profile.id,
                    tenant_id: demo.tenants[0].id
                }
            )
            .await
        )
        .0,
        ErrorCode::Forbidden
    );
    let missing = BaselineProfileRequest {
        profile_id: BaselineProfileId::new(),
    };
    assert_eq!(
        code(api.get_baseline_profile(ann, missing).await).0,
        ErrorCode::NotFound
    );
}
