//! The command surface end to end on a real store (SQLite and PostgreSQL): results, and the
//! access rules — not a member or not entitled reads as *not found*.

use atlas_api::{
    types::{GetTenantRequest, ListTenantsRequest},
    Actor, Api, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{Role, TenantId, Timestamp, WorkspaceId};
use atlas_store::{audit, memberships, testing};

struct Env {
    runtime: Runtime,
    _dir: tempfile::TempDir,
}

async fn sqlite_env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        database_url: None,
        user_name: Some("ann".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    Env { runtime, _dir: dir }
}

async fn postgres_env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        database_url: Some(atlas_testkit::fresh_postgres_url()),
        user_name: Some("ann".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    Env { runtime, _dir: dir }
}

macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $( #[tokio::test] async fn $name() { super::$name(super::sqlite_env().await).await } )+ }
        mod postgres { $( #[tokio::test] async fn $name() { super::$name(super::postgres_env().await).await } )+ }
    };
}

both_backends!(
    the_demo_workspace_is_created_once_with_three_tenants,
    app_info_names_the_user_and_the_storage,
    strangers_cannot_learn_that_a_workspace_exists,
    members_see_only_the_tenants_they_are_entitled_to,
    demo_workspaces_are_per_operator,
    the_overview_puts_the_tenants_needing_attention_first,
    an_operator_creates_their_own_workspace,
    sync_all_is_one_batch_and_the_inbox_is_per_workspace,
);

/// Another operator on the same store.
async fn other_actor(api: &Api, name: &str) -> Actor {
    Actor {
        user: testing::user(api.store(), name, Timestamp::now()).await,
    }
}

/// `actor` joins as `role`: of every tenant, or (not `all`) of none until granted.
async fn join(api: &Api, workspace: WorkspaceId, actor: &Actor, role: Role, all: bool) {
    let entitled = (!all).then_some(&[][..]);
    testing::member(
        api.store(),
        workspace,
        actor.user_id(),
        role,
        entitled,
        Timestamp::now(),
    )
    .await;
}

async fn the_demo_workspace_is_created_once_with_three_tenants(env: Env) {
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let first = api.create_demo_workspace(ann).await.unwrap();
    assert!(first.created);
    assert_eq!(first.workspace.role, Role::Owner);
    assert_eq!(first.tenants.len(), 3);
    // Connected to the simulated cloud's app registrations; no secret reference anywhere.
    let infos = atlas_api::demo::demo_tenant_infos();
    for tenant in &first.tenants {
        let info = infos
            .iter()
            .find(|i| i.tenant_id == tenant.directory_tenant_id.as_uuid())
            .expect("a simulated directory");
        let connection = tenant.connection.as_ref().unwrap();
        assert!(tenant.simulated);
        assert_eq!(connection.client_id, info.client_id.to_string());
        assert_eq!(connection.credential_ref, None);
    }

    let again = api.create_demo_workspace(ann).await.unwrap();
    assert!(!again.created);
    assert_eq!(again.workspace.workspace.id, first.workspace.workspace.id);
    assert_eq!(again.tenants, first.tenants);

    let workspaces = api.list_workspaces(ann).await.unwrap();
    assert_eq!(workspaces.len(), 1);
    assert_eq!(workspaces[0].workspace.name, "Northwind MSP (demo)");
    assert!(workspaces[0]
        .capabilities
        .contains(&atlas_domain::Capability::WorkspaceManage));

    let listed = api
        .list_tenants(
            ann,
            ListTenantsRequest {
                workspace_id: first.workspace.workspace.id,
            },
        )
        .await
        .unwrap();
    let names: Vec<_> = listed.iter().map(|t| t.display_name.clone()).collect();
    let mut expected: Vec<_> = infos.iter().map(|i| i.display_name.clone()).collect();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, expected);

    // Audit entries for the workspace, each tenant, the demo baseline and its two assigned
    // tenants, written with the data.
    let mut db = api.store().conn().await.unwrap();
    let entries = audit::list_for_workspace(&mut db, first.workspace.workspace.id, 50)
        .await
        .unwrap();
    let count = |action: &str| entries.iter().filter(|e| e.action == action).count();
    assert_eq!(count("workspace.created"), 1);
    assert_eq!(count("tenant.created"), 3);
    assert_eq!(count("baseline.profile.created"), 1);
    assert_eq!(count("baseline.assignment.created"), 2);
    assert_eq!(entries.len(), 7);
}

async fn app_info_names_the_user_and_the_storage(env: Env) {
    let info = env.runtime.api.app_info(&env.runtime.actor).await.unwrap();
    assert_eq!(info.product, "TenantAtlas");
    // Solo mode's operator is the named local user; team mode's is the database role the
    // server let in (the tests' superuser), whatever name was asked for.
    let (name, login) = match info.database_location.starts_with("postgres") {
        true => ("postgres", "pg:postgres"),
        false => ("ann", "local:ann"),
    };
    assert_eq!(info.user.display_name, name);
    assert_eq!(info.user.login, login);
    assert!(!info.database_location.is_empty());
    assert_eq!(info.data_dir, env.runtime.data_dir.display().to_string());
}

async fn strangers_cannot_learn_that_a_workspace_exists(env: Env) {
    let api = &env.runtime.api;
    let demo = api.create_demo_workspace(&env.runtime.actor).await.unwrap();
    let eve = other_actor(api, "eve").await;
    let ws = demo.workspace.workspace.id;

    let hidden = api
        .list_tenants(&eve, ListTenantsRequest { workspace_id: ws })
        .await
        .unwrap_err();
    let missing = api
        .list_tenants(
            &eve,
            ListTenantsRequest {
                workspace_id: WorkspaceId::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        hidden, missing,
        "an existing workspace reads exactly like a missing one"
    );
    assert_eq!(hidden.code, ErrorCode::NotFound);

    let tenant = demo.tenants[0].id;
    let hidden = api
        .get_tenant(&eve, GetTenantRequest { tenant_id: tenant })
        .await
        .unwrap_err();
    let missing = api
        .get_tenant(
            &eve,
            GetTenantRequest {
                tenant_id: TenantId::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(hidden, missing);
    assert!(api.list_workspaces(&eve).await.unwrap().is_empty());
}

async fn members_see_only_the_tenants_they_are_entitled_to(env: Env) {
    let api = &env.runtime.api;
    let demo = api.create_demo_workspace(&env.runtime.actor).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let bob = other_actor(api, "bob").await;
    join(api, ws, &bob, Role::Readonly, false).await;

    let request = || ListTenantsRequest { workspace_id: ws };
    assert!(api.list_tenants(&bob, request()).await.unwrap().is_empty());
    let tenant = &demo.tenants[1];
    let err = api
        .get_tenant(
            &bob,
            GetTenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    {
        let mut db = api.store().conn().await.unwrap();
        memberships::grant_tenant(&mut db, ws, bob.user_id(), tenant.id, Timestamp::now())
            .await
            .unwrap();
    }
    let visible = api.list_tenants(&bob, request()).await.unwrap();
    assert_eq!(visible, vec![tenant.clone()]);
    assert_eq!(
        api.get_tenant(
            &bob,
            GetTenantRequest {
                tenant_id: tenant.id
            }
        )
        .await
        .unwrap(),
        *tenant
    );
    let summary = &api.list_workspaces(&bob).await.unwrap()[0];
    assert_eq!(summary.role, Role::Readonly);
    assert!(!summary.all_tenants);
    assert!(!summary
        .capabilities
        .contains(&atlas_domain::Capability::TenantSync));
}

async fn demo_workspaces_are_per_operator(env: Env) {
    let api = &env.runtime.api;
    let ann = api.create_demo_workspace(&env.runtime.actor).await.unwrap();
    let bob = other_actor(api, "bob").await;
    let bobs = api.create_demo_workspace(&bob).await.unwrap();
    assert!(bobs.created);
    assert_ne!(bobs.workspace.workspace.id, ann.workspace.workspace.id);
    assert_eq!(api.list_workspaces(&bob).await.unwrap().len(), 1);
}

/// A completed (or, with `outcome` pending, likely-stale running) run stored directly.
async fn stored_run(
    api: &Api,
    ws: WorkspaceId,
    tenant: TenantId,
    operation: atlas_domain::OperationType,
    outcome: atlas_domain::RunOutcome,
    at: Timestamp,
) {
    use atlas_domain::{OperationRun, RunOutcome, RunStatus};
    let mut run = OperationRun::queued(
        ws,
        Some(tenant),
        None,
        operation,
        uuid::Uuid::new_v4().to_string(),
        serde_json::json!({}),
        at,
    );
    run.started_at = Some(at);
    if outcome == RunOutcome::Pending {
        run.status = RunStatus::Running;
        run.heartbeat_at = Some(at);
        run.lease_owner = Some("gone-0".into());
        run.stale_at = Some(at);
    } else {
        run.status = RunStatus::Completed;
        run.outcome = outcome;
        run.completed_at = Some(at);
    }
    let mut db = api.store().conn().await.unwrap();
    atlas_store::runs::insert(&mut db, &run).await.unwrap();
}

async fn the_overview_puts_the_tenants_needing_attention_first(env: Env) {
    use atlas_api::types::{SetTenantStatusRequest, WorkspaceOverviewRequest};
    use atlas_domain::{OperationType as T, RunOutcome as O, TenantStatus};
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let [calm, stuck, archived] = [0, 1, 2].map(|i| demo.tenants[i].id);
    let now = Timestamp::now().unix_millis();
    let ago = |hours: i64| Timestamp::from_unix_millis(now - hours * 3_600_000).unwrap();
    stored_run(api, ws, calm, T::PolicySync, O::Failed, ago(49)).await;
    stored_run(api, ws, calm, T::InventorySync, O::Succeeded, ago(1)).await;
    stored_run(api, ws, stuck, T::InventorySync, O::Pending, ago(2)).await;
    stored_run(api, ws, archived, T::InventorySync, O::Failed, ago(1)).await;
    api.set_tenant_status(
        ann,
        SetTenantStatusRequest {
            tenant_id: archived,
            status: TenantStatus::Archived,
        },
    )
    .await
    .unwrap();

    let request = || WorkspaceOverviewRequest {
        workspace_id: ws,
        utc_offset_minutes: 0,
    };
    let overview = api.workspace_overview(ann, request()).await.unwrap();
    let order: Vec<TenantId> = overview.tenants.iter().map(|t| t.tenant.id).collect();
    assert_eq!(
        order,
        vec![stuck, calm],
        "archived left out, the stuck one first"
    );
    assert_eq!(overview.tenants[0].likely_stale_runs, 1);
    assert_eq!(overview.tenants[1].failed_runs_7d, 1);
    assert_eq!(overview.tenants[1].last_syncs.len(), 2);
    assert_eq!(overview.days.len(), 30);
    let total =
        |f: fn(&atlas_api::types::DayOutcomes) -> i64| -> i64 { overview.days.iter().map(f).sum() };
    // The archived tenant's failure is not the workspace's visible history either.
    assert_eq!((total(|d| d.succeeded), total(|d| d.failed)), (1, 1));
    let today = &overview.days[29];
    assert!(today.succeeded == 1 || overview.days[28].succeeded == 1);

    // A member entitled to one tenant sees that tenant and its runs only.
    let bob = other_actor(api, "bob").await;
    join(api, ws, &bob, Role::Readonly, false).await;
    {
        let mut db = api.store().conn().await.unwrap();
        memberships::grant_tenant(&mut db, ws, bob.user_id(), stuck, Timestamp::now())
            .await
            .unwrap();
    }
    let theirs = api.workspace_overview(&bob, request()).await.unwrap();
    assert_eq!(theirs.tenants.len(), 1);
    assert_eq!(theirs.tenants[0].tenant.id, stuck);
    assert_eq!(theirs.days.iter().map(|d| d.failed).sum::<i64>(), 0);

    let stranger = other_actor(api, "eve").await;
    let err = api
        .workspace_overview(&stranger, request())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = api
        .workspace_overview(
            ann,
            WorkspaceOverviewRequest {
                workspace_id: ws,
                utc_offset_minutes: 2000,
            },
        )
        .await
        .unwrap_err();
    assert!(err.message.contains("not a UTC offset"), "{}", err.message);
}

async fn an_operator_creates_their_own_workspace(env: Env) {
    use atlas_api::types::CreateWorkspaceRequest;
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let request = |name: &str| CreateWorkspaceRequest { name: name.into() };
    for (bad, expected) in [("   ", "empty"), (&"x".repeat(101)[..], "too long")] {
        let err = api.create_workspace(ann, request(bad)).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        assert!(err.message.contains(expected), "{}", err.message);
    }
    assert!(
        api.list_workspaces(ann).await.unwrap().is_empty(),
        "nothing stored"
    );

    let created = api
        .create_workspace(ann, request("  Northwind IT — Managed  "))
        .await
        .unwrap();
    assert_eq!(created.workspace.name, "Northwind IT — Managed");
    assert!(
        created.workspace.slug.starts_with("northwind-it-managed-"),
        "{}",
        created.workspace.slug
    );
    assert_eq!(created.role, Role::Owner);
    assert!(created.all_tenants);
    let listed = api.list_workspaces(ann).await.unwrap();
    assert_eq!(listed, vec![created.clone()]);
    // The same name twice is two workspaces (slugs stay unique).
    let again = api
        .create_workspace(ann, request("Northwind IT — Managed"))
        .await
        .unwrap();
    assert_ne!(again.workspace.slug, created.workspace.slug);

    let mut db = api.store().conn().await.unwrap();
    let entries = audit::list_for_workspace(&mut db, created.workspace.id, 10)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "workspace.created");
    // Another operator does not see it.
    drop(db);
    let bob = other_actor(api, "bob").await;
    assert!(api.list_workspaces(&bob).await.unwrap().is_empty());
}

async fn sync_all_is_one_batch_and_the_inbox_is_per_workspace(env: Env) {
    use atlas_api::types::{NotificationsRequest, SyncAllRequest, SyncKind};
    let (api, ann) = (&env.runtime.api, &env.runtime.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let response = api
        .sync_all(
            ann,
            SyncAllRequest {
                workspace_id: ws,
                kind: SyncKind::Inventory,
            },
        )
        .await
        .unwrap();
    assert_eq!(response.started.len(), 3);
    let batches: std::collections::BTreeSet<String> = response
        .started
        .iter()
        .map(|s| s.start.run.context["batch_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(batches.len(), 1, "the three runs are one batch");
    let batch = batches.first().unwrap().parse().unwrap();
    let mut db = api.store().conn().await.unwrap();
    let stored = atlas_store::batches::get(&mut db, batch)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.total, Some(3));
    assert_eq!(stored.label, "Inventory sync of all tenants");
    drop(db);

    // Another workspace's inbox does not show this one's entries.
    let own = api
        .create_workspace(
            ann,
            atlas_api::types::CreateWorkspaceRequest { name: "Own".into() },
        )
        .await
        .unwrap();
    let seed = |workspace| atlas_domain::UserNotification {
        id: uuid::Uuid::now_v7(),
        user_id: ann.user_id(),
        workspace_id: Some(workspace),
        run_id: None,
        batch_id: None,
        tone: atlas_domain::vocabulary::Tone::Info,
        title: "t".into(),
        body: "b".into(),
        created_at: Timestamp::now(),
        read_at: None,
    };
    let mut db = api.store().conn().await.unwrap();
    atlas_store::notifications::insert(&mut db, &seed(ws))
        .await
        .unwrap();
    drop(db);
    let inbox = |workspace_id| api.list_notifications(ann, NotificationsRequest { workspace_id });
    assert_eq!(inbox(Some(ws)).await.unwrap().unread, 1);
    let other = inbox(Some(own.workspace.id)).await.unwrap();
    assert_eq!((other.items.len(), other.unread), (0, 0));
    assert_eq!(inbox(None).await.unwrap().unread, 1);
}
