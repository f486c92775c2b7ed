//! The store conformance suite: every test runs against SQLite and against a real PostgreSQL
//! started by the test process (atlas-testkit). Same code, same assertions, both engines.

use std::collections::BTreeMap;

use atlas_domain::{
    audit::actions, vocabulary::Tone, AuditActor, AuditEntry, AuditFilter, Membership,
    OperationRun, OperationType, Role, RunId, RunOutcome, RunStatus, Tenant, UserId,
    UserNotification, Workspace, WorkspaceId,
};
use atlas_store::{
    audit, memberships, notifications, runs, tenants, users, workspaces, Store, StoreConfig,
    StoreError,
};

#[macro_use]
mod support;

use support::{at, execute, query_strings, seed_user, seed_workspace, tenant};

conformance!(
    reopening_a_migrated_database_is_a_no_op,
    users_are_upserted_by_login,
    workspace_slugs_are_unique,
    members_list_their_workspaces_with_their_role,
    tenant_visibility_follows_membership_and_entitlements,
    a_directory_tenant_appears_once_per_workspace,
    only_one_active_run_per_identity,
    run_rows_keep_every_field,
    the_database_refuses_inconsistent_run_states,
    audit_entries_are_listed_newest_first,
    notifications_are_listed_and_marked_read,
    the_audit_log_is_filtered_and_paged,
    an_uncommitted_transaction_leaves_nothing,
    a_newer_schema_is_refused_and_left_untouched,
    no_column_could_hold_a_secret,
);

fn queued_run(workspace: WorkspaceId, identity: &str) -> OperationRun {
    OperationRun::queued(
        workspace,
        None,
        None,
        OperationType::InventorySync,
        identity.into(),
        serde_json::json!({}),
        at(10),
    )
}

async fn reopening_a_migrated_database_is_a_no_op(store: Store) {
    let user = seed_user(&store, "local:ann").await;
    let config = match store.backend() {
        atlas_store::Backend::Sqlite => StoreConfig::Sqlite {
            path: store.location().into(),
        },
        atlas_store::Backend::Postgres => return reopen_postgres_check(store, user).await,
    };
    store.close().await;
    let again = Store::open(config).await.unwrap();
    let mut c = again.conn().await.unwrap();
    assert!(users::get(&mut c, user).await.unwrap().is_some());
}

async fn reopen_postgres_check(store: Store, user: UserId) {
    // The location is redacted; the suite's PostgreSQL has no password, so it is the URL.
    let again = Store::open(StoreConfig::Postgres {
        url: store.location(),
    })
    .await
    .unwrap();
    let mut c = again.conn().await.unwrap();
    assert!(users::get(&mut c, user).await.unwrap().is_some());
}

async fn users_are_upserted_by_login(store: Store) {
    let mut c = store.conn().await.unwrap();
    let first = users::upsert_by_login(&mut c, "local:ann", "Ann", at(0))
        .await
        .unwrap();
    let second = users::upsert_by_login(&mut c, "local:ann", "Ann Smith", at(1))
        .await
        .unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(second.display_name, "Ann Smith");
    assert_eq!(users::get(&mut c, first.id).await.unwrap().unwrap(), second);
    assert!(users::get(&mut c, UserId::new()).await.unwrap().is_none());
}

async fn workspace_slugs_are_unique(store: Store) {
    let owner = seed_user(&store, "local:ann").await;
    let id = seed_workspace(&store, "acme", owner).await;
    let mut c = store.conn().await.unwrap();
    let stored = workspaces::get(&mut c, id).await.unwrap().unwrap();
    assert_eq!(stored.slug, "acme");
    assert_eq!(stored.created_at, at(0));
    assert_eq!(
        workspaces::find_by_slug(&mut c, "acme")
            .await
            .unwrap()
            .unwrap()
            .id,
        id
    );
    let dup = Workspace {
        id: WorkspaceId::new(),
        ..stored
    };
    let err = workspaces::insert(&mut c, &dup).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
}

async fn members_list_their_workspaces_with_their_role(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let bob = seed_user(&store, "local:bob").await;
    let zeta = seed_workspace(&store, "zeta", ann).await;
    let alpha = seed_workspace(&store, "alpha", ann).await;
    let mut c = store.conn().await.unwrap();
    let m = Membership {
        workspace_id: zeta,
        user_id: bob,
        role: Role::Readonly,
        all_tenants: false,
    };
    memberships::upsert(&mut c, &m, at(0)).await.unwrap();

    let anns: Vec<_> = workspaces::list_for_user(&mut c, ann).await.unwrap();
    assert_eq!(
        anns.iter().map(|(w, _)| w.id).collect::<Vec<_>>(),
        vec![alpha, zeta]
    );
    assert!(anns.iter().all(|(_, m)| m.role == Role::Owner));
    let bobs = workspaces::list_for_user(&mut c, bob).await.unwrap();
    assert_eq!(bobs.len(), 1);
    assert_eq!(bobs[0].1, m);
    assert_eq!(memberships::get(&mut c, zeta, bob).await.unwrap(), Some(m));
    assert_eq!(memberships::get(&mut c, alpha, bob).await.unwrap(), None);
}

async fn tenant_visibility_follows_membership_and_entitlements(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let bob = seed_user(&store, "local:bob").await;
    let eve = seed_user(&store, "local:eve").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let mut c = store.conn().await.unwrap();
    let (a, b) = (tenant(ws, "Beta", 1), tenant(ws, "alpha", 2));
    tenants::insert(&mut c, &a).await.unwrap();
    tenants::insert(&mut c, &b).await.unwrap();
    let m = Membership {
        workspace_id: ws,
        user_id: bob,
        role: Role::Operator,
        all_tenants: false,
    };
    memberships::upsert(&mut c, &m, at(0)).await.unwrap();
    memberships::grant_tenant(&mut c, ws, bob, a.id, at(0))
        .await
        .unwrap();
    memberships::grant_tenant(&mut c, ws, bob, a.id, at(1))
        .await
        .unwrap(); // idempotent

    let names = |ts: Vec<Tenant>| ts.into_iter().map(|t| t.display_name).collect::<Vec<_>>();
    assert_eq!(
        names(tenants::list_visible(&mut c, ws, ann).await.unwrap()),
        ["alpha", "Beta"]
    );
    assert_eq!(
        names(tenants::list_visible(&mut c, ws, bob).await.unwrap()),
        ["Beta"]
    );
    assert!(tenants::list_visible(&mut c, ws, eve)
        .await
        .unwrap()
        .is_empty());
    assert!(memberships::is_entitled(&mut c, bob, a.id).await.unwrap());
    assert!(!memberships::is_entitled(&mut c, bob, b.id).await.unwrap());
    assert!(!memberships::is_entitled(&mut c, eve, a.id).await.unwrap());
    assert_eq!(tenants::get(&mut c, a.id).await.unwrap().unwrap(), a);
}

async fn a_directory_tenant_appears_once_per_workspace(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let other = seed_workspace(&store, "other", ann).await;
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &tenant(ws, "Contoso", 7))
        .await
        .unwrap();
    let err = tenants::insert(&mut c, &tenant(ws, "Contoso again", 7))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("00000000-0000-4000-8000-000000000007"),
        "{err}"
    );
    // The same customer may be managed from another workspace.
    tenants::insert(&mut c, &tenant(other, "Contoso", 7))
        .await
        .unwrap();
}

async fn only_one_active_run_per_identity(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let mut c = store.conn().await.unwrap();
    let first = queued_run(ws, "identity-1");
    runs::insert(&mut c, &first).await.unwrap();
    let err = runs::insert(&mut c, &queued_run(ws, "identity-1"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    let found = runs::find_active_by_identity(&mut c, "identity-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, first.id);

    // A completed run with the same identity does not block a new one.
    let done = OperationRun {
        id: RunId::new(),
        status: RunStatus::Completed,
        outcome: RunOutcome::Succeeded,
        completed_at: Some(at(20)),
        ..queued_run(ws, "identity-2")
    };
    runs::insert(&mut c, &done).await.unwrap();
    runs::insert(&mut c, &queued_run(ws, "identity-2"))
        .await
        .unwrap();
    assert_eq!(runs::list_recent(&mut c, ws, 10).await.unwrap().len(), 3);
}

async fn run_rows_keep_every_field(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let mut c = store.conn().await.unwrap();
    let t = tenant(ws, "Contoso", 1);
    tenants::insert(&mut c, &t).await.unwrap();
    let run = OperationRun {
        tenant_id: Some(t.id),
        initiator_user_id: Some(ann),
        operation_type: OperationType::PolicySync,
        status: RunStatus::Completed,
        outcome: RunOutcome::Failed,
        summary_counts: BTreeMap::from([("total".into(), 12), ("failed".into(), 3)]),
        failure_summary: vec![atlas_domain::FailureEntry {
            code: "run.stale_running".into(),
            reason_code: atlas_domain::ReasonCode::StaleRunning,
            message: "No heartbeat for 20 minutes".into(),
        }],
        context: serde_json::json!({"inputs": {"policy_types": ["deviceConfiguration"]}}),
        started_at: Some(at(11)),
        completed_at: Some(at(40)),
        attempt: 2,
        lease_owner: Some("worker-a".into()),
        lease_expires_at: Some(at(30)),
        heartbeat_at: Some(at(25)),
        reconciled_at: Some(at(40)),
        reconciliation_reason: Some("run.stale_running".into()),
        reconciliation_source: Some("scheduled_reconciler".into()),
        cancel_requested_at: Some(at(28)),
        cancel_requested_by: Some(ann),
        ..queued_run(ws, "identity-x")
    };
    runs::insert(&mut c, &run).await.unwrap();
    assert_eq!(runs::get(&mut c, run.id).await.unwrap().unwrap(), run);
}

async fn the_database_refuses_inconsistent_run_states(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let mut c = store.conn().await.unwrap();
    let completed_but_pending = OperationRun {
        status: RunStatus::Completed,
        completed_at: Some(at(1)),
        ..queued_run(ws, "bad-1")
    };
    assert!(runs::insert(&mut c, &completed_but_pending).await.is_err());
    let running_with_outcome = OperationRun {
        status: RunStatus::Running,
        outcome: RunOutcome::Failed,
        ..queued_run(ws, "bad-2")
    };
    assert!(runs::insert(&mut c, &running_with_outcome).await.is_err());
    assert!(runs::list_recent(&mut c, ws, 10).await.unwrap().is_empty());
}

async fn audit_entries_are_listed_newest_first(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let mut c = store.conn().await.unwrap();
    for (i, actor) in [AuditActor::User { user_id: ann }, AuditActor::System]
        .into_iter()
        .enumerate()
    {
        let entry = AuditEntry {
            id: uuid::Uuid::now_v7(),
            workspace_id: Some(ws),
            tenant_id: None,
            actor,
            action: actions::WORKSPACE_CREATED.into(),
            target_type: "workspace".into(),
            target_id: Some(ws.to_string()),
            summary: format!("entry {i}"),
            metadata: serde_json::json!({"n": i}),
            created_at: at(i as i64),
        };
        audit::insert(&mut c, &entry).await.unwrap();
    }
    let entries = audit::list_for_workspace(&mut c, ws, 10).await.unwrap();
    assert_eq!(
        entries
            .iter()
            .map(|e| e.summary.as_str())
            .collect::<Vec<_>>(),
        ["entry 1", "entry 0"]
    );
    assert_eq!(entries[0].actor, AuditActor::System);
    assert_eq!(entries[1].actor, AuditActor::User { user_id: ann });
    assert_eq!(entries[1].metadata, serde_json::json!({"n": 0}));
}

async fn notifications_are_listed_and_marked_read(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let bob = seed_user(&store, "local:bob").await;
    let mut c = store.conn().await.unwrap();
    let mut ids = vec![];
    for i in 0..3 {
        let n = UserNotification {
            id: uuid::Uuid::now_v7(),
            user_id: ann,
            workspace_id: Some(ws),
            run_id: None,
            batch_id: None,
            tone: Tone::Success,
            title: format!("Inventory sync completed {i}"),
            body: "Contoso: 120 items".into(),
            created_at: at(i),
            read_at: None,
        };
        notifications::insert(&mut c, &n).await.unwrap();
        ids.push(n.id.to_string());
    }
    assert_eq!(
        notifications::unread_count(&mut c, ann, None)
            .await
            .unwrap(),
        3
    );
    assert!(
        !notifications::mark_read(&mut c, bob, &ids[0], at(5))
            .await
            .unwrap(),
        "not bob's"
    );
    assert!(notifications::mark_read(&mut c, ann, &ids[0], at(5))
        .await
        .unwrap());
    assert!(notifications::mark_read(&mut c, ann, &ids[0], at(6))
        .await
        .unwrap());
    assert_eq!(
        notifications::unread_count(&mut c, ann, None)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        notifications::mark_all_read(&mut c, ann, None, at(9))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        notifications::unread_count(&mut c, ann, None)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        notifications::mark_all_read(&mut c, ann, None, at(10))
            .await
            .unwrap(),
        0
    );
    let listed = notifications::list_for_user(&mut c, ann, None, 2)
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].title, "Inventory sync completed 2");
    assert!(listed.iter().all(|n| n.read_at == Some(at(9))));
    let all = notifications::list_for_user(&mut c, ann, None, 10)
        .await
        .unwrap();
    assert_eq!(all[2].read_at, Some(at(5)), "the first read time is kept");
}

async fn the_audit_log_is_filtered_and_paged(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let bob = seed_user(&store, "local:bob").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    let t = tenant(ws, "Contoso", 1);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &t).await.unwrap();
    let entries = [
        (ann, actions::TENANT_CREATED, Some(t.id), 1),
        (bob, actions::TENANT_UPDATED, Some(t.id), 2),
        (ann, actions::WORKSPACE_CREATED, None, 3),
        (bob, actions::OPERATION_RUN_COMPLETED, Some(t.id), 4),
    ];
    for (user, action, tenant, ms) in entries {
        let e = AuditEntry {
            id: uuid::Uuid::now_v7(),
            workspace_id: Some(ws),
            tenant_id: tenant,
            actor: AuditActor::User { user_id: user },
            action: action.into(),
            target_type: "tenant".into(),
            target_id: None,
            summary: action.into(),
            metadata: serde_json::json!({}),
            created_at: at(ms),
        };
        audit::insert(&mut c, &e).await.unwrap();
    }
    let list = |filter: AuditFilter| {
        let store = store.clone();
        async move {
            let mut c = store.conn().await.unwrap();
            audit::list(&mut c, ws, &filter).await.unwrap()
        }
    };
    let actions_of = |page: &atlas_domain::Page<atlas_domain::AuditRow>| {
        page.items
            .iter()
            .map(|r| r.entry.action.clone())
            .collect::<Vec<_>>()
    };
    let all = list(AuditFilter {
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(all.total, 4);
    assert_eq!(all.items[0].entry.action, actions::OPERATION_RUN_COMPLETED);
    assert_eq!(all.items[0].actor_name.as_deref(), Some("local:bob"));
    assert_eq!(all.items[0].tenant_name.as_deref(), Some("Contoso"));
    let area = list(AuditFilter {
        action: Some("tenant".into()),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(
        actions_of(&area),
        [actions::TENANT_UPDATED, actions::TENANT_CREATED]
    );
    let exact = list(AuditFilter {
        action: Some("operation_run.completed".into()),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(exact.total, 1);
    let by_ann = list(AuditFilter {
        actor: Some(ann),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(
        actions_of(&by_ann),
        [actions::WORKSPACE_CREATED, actions::TENANT_CREATED]
    );
    let tenant_window = list(AuditFilter {
        tenant: Some(t.id),
        from: Some(at(2)),
        until: Some(at(4)),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(actions_of(&tenant_window), [actions::TENANT_UPDATED]);
    let paged = list(AuditFilter {
        offset: 3,
        limit: 2,
        ..Default::default()
    })
    .await;
    assert_eq!((paged.items.len(), paged.total), (1, 4));
}

async fn an_uncommitted_transaction_leaves_nothing(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let ws = seed_workspace(&store, "acme", ann).await;
    {
        let mut tx = store.begin().await.unwrap();
        tenants::insert(&mut tx, &tenant(ws, "Lost", 9))
            .await
            .unwrap();
        // dropped without commit
    }
    let mut tx = store.begin().await.unwrap();
    tenants::insert(&mut tx, &tenant(ws, "Also lost", 10))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let mut c = store.conn().await.unwrap();
    assert!(tenants::list_visible(&mut c, ws, ann)
        .await
        .unwrap()
        .is_empty());
}

async fn a_newer_schema_is_refused_and_left_untouched(store: Store) {
    let ann = seed_user(&store, "local:ann").await;
    let future: i64 = 29_991_231_000_000;
    {
        let mut c = store.conn().await.unwrap();
        execute(&mut c, &format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ({future}, 'from the future', TRUE, X'00', 0)"
        ), &format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ({future}, 'from the future', TRUE, '\\x00'::bytea, 0)"
        ))
        .await;
    }
    let config = match store.backend() {
        atlas_store::Backend::Sqlite => StoreConfig::Sqlite {
            path: store.location().into(),
        },
        atlas_store::Backend::Postgres => StoreConfig::Postgres {
            url: store.location(),
        },
    };
    let err = Store::open(config).await.unwrap_err();
    match &err {
        StoreError::SchemaTooNew { found, .. } => assert_eq!(*found, future),
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    assert!(err.to_string().contains("newer TenantAtlas"), "{err}");
    let mut c = store.conn().await.unwrap();
    assert!(
        users::get(&mut c, ann).await.unwrap().is_some(),
        "data survived"
    );
}

async fn no_column_could_hold_a_secret(store: Store) {
    let mut c = store.conn().await.unwrap();
    // Every column of every table, so a table added later is covered without editing this.
    let columns: Vec<String> = query_strings(
        &mut c,
        "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        "SELECT table_name || '.' || column_name FROM information_schema.columns \
         WHERE table_schema = current_schema()",
    )
    .await;
    for table in [
        "tenants",
        "inventory_items",
        "policy_versions",
        "directory_groups",
        "directory_role_definitions",
        "directory_role_assignments",
        "stored_reports",
    ] {
        let prefix = format!("{table}.");
        assert!(
            columns.iter().filter(|c| c.starts_with(&prefix)).count() > 5,
            "{table} is not covered: {columns:?}"
        );
    }
    for column in &columns {
        for word in [
            "secret",
            "password",
            "passwd",
            "private_key",
            "key_material",
            "token",
            "pfx",
        ] {
            assert!(
                !column.contains(word),
                "{column} looks like it could hold a secret"
            );
        }
    }
}
