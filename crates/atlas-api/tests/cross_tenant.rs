//! Reading across tenants through the command surface, with the engine syncing the demo's
//! simulated tenants, on both engines: search of every tenant at once, comparing one policy
//! between two tenants, and a tenant's feed of what changed — and what a stranger sees of them.

use std::time::Duration;

use atlas_api::{
    types::{
        CompareAcrossRequest, GetInventoryObjectRequest, GetRunRequest, ListInventoryRequest,
        SearchRequest, StartSyncRequest, SyncKind, TenantChangesRequest, VersionRef,
    },
    Actor, Api, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{
    InventoryFilter, InventoryItem, RunOutcome, RunStatus, Tenant, Timestamp, WorkspaceId,
};
use atlas_store::testing;

struct Env {
    runtime: Runtime,
    workspace: WorkspaceId,
    tenants: Vec<Tenant>,
    _dir: tempfile::TempDir,
}

async fn env(database_url: Option<String>) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        database_url,
        user_name: Some("ann".into()),
        run_engine: true,
        ..Default::default()
    })
    .await
    .unwrap();
    let demo = runtime
        .api
        .create_demo_workspace(&runtime.actor)
        .await
        .unwrap();
    let env = Env {
        workspace: demo.workspace.workspace.id,
        tenants: demo.tenants,
        runtime,
        _dir: dir,
    };
    for tenant in &env.tenants[..2] {
        for kind in [SyncKind::Inventory, SyncKind::Groups, SyncKind::Policies] {
            env.sync(tenant, kind).await;
        }
    }
    env
}

macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::env(None).await).await } )+ }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(super::env(Some(atlas_testkit::fresh_postgres_url())).await).await
            } )+ }
    };
}

both_backends!(search_compare_and_changes_read_across_tenants);

impl Env {
    fn api(&self) -> &Api {
        &self.runtime.api
    }

    fn ann(&self) -> &Actor {
        &self.runtime.actor
    }

    async fn sync(&self, tenant: &Tenant, kind: SyncKind) {
        let run = self
            .api()
            .start_sync(
                self.ann(),
                StartSyncRequest {
                    tenant_id: tenant.id,
                    kind,
                },
            )
            .await
            .unwrap()
            .run;
        let done = atlas_testkit::eventually(Duration::from_secs(120), "the sync ends", || async {
            let now = self
                .api()
                .get_run(self.ann(), GetRunRequest { run_id: run.id })
                .await
                .unwrap();
            (now.status == RunStatus::Completed).then_some(now)
        })
        .await;
        assert_eq!(
            done.outcome,
            RunOutcome::Succeeded,
            "{kind:?}: {:?}",
            done.failure_summary
        );
    }

    async fn settings_catalog(&self, tenant: &Tenant) -> Vec<InventoryItem> {
        self.api()
            .list_inventory(
                self.ann(),
                ListInventoryRequest {
                    tenant_id: tenant.id,
                    filter: InventoryFilter {
                        object_types: vec!["settings_catalog".into()],
                        limit: 500,
                        ..Default::default()
                    },
                },
            )
            .await
            .unwrap()
            .items
    }

    async fn latest_version(&self, tenant: &Tenant, item: &InventoryItem) -> VersionRef {
        let detail = self
            .api()
            .get_inventory_object(
                self.ann(),
                GetInventoryObjectRequest {
                    tenant_id: tenant.id,
                    item_id: item.id,
                },
            )
            .await
            .unwrap();
        VersionRef {
            tenant_id: tenant.id,
            version_id: detail.versions[0].id,
        }
    }
}

async fn search_compare_and_changes_read_across_tenants(env: Env) {
    let (api, ann) = (env.api(), env.ann());
    let (first, second) = (&env.tenants[0], &env.tenants[1]);
    let search = |query: &str| SearchRequest {
        workspace_id: env.workspace,
        query: query.into(),
        objects_only: None,
    };

    // Search: a short query is refused; a policy name found in both tenants at once.
    let err = api.search_workspace(ann, search(" a ")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let in_first = env.settings_catalog(first).await;
    let in_second = env.settings_catalog(second).await;
    let shared = in_first
        .iter()
        .find(|a| in_second.iter().any(|b| b.display_name == a.display_name))
        .expect("the demo fleet shares policies between tenants");
    let found = api
        .search_workspace(ann, search(&shared.display_name.to_uppercase()))
        .await
        .unwrap();
    for tenant in [first, second] {
        assert!(
            found
                .objects
                .iter()
                .any(|o| o.tenant_id == tenant.id && o.display_name == shared.display_name),
            "{} in {}",
            shared.display_name,
            tenant.display_name
        );
    }
    assert_eq!(found.objects[0].type_label, "Settings catalog policy");
    // Settings by their portal name, with the policies that configure them.
    let settings = api
        .search_workspace(ann, search("allow"))
        .await
        .unwrap()
        .settings;
    assert!(!settings.is_empty());
    assert!(settings
        .iter()
        .all(|s| s.setting_name.to_lowercase().contains("allow")));
    // The palette's quick form finds the same objects and reads no settings.
    let quick = api
        .search_workspace(
            ann,
            SearchRequest {
                objects_only: Some(true),
                ..search("allow")
            },
        )
        .await
        .unwrap();
    assert!(quick.settings.is_empty() && quick.groups.is_empty());
    // Groups by name.
    let groups = api.search_workspace(ann, search("all")).await.unwrap();
    assert!(groups
        .groups
        .iter()
        .all(|g| g.display_name.to_lowercase().contains("all")));

    // Compare the shared policy between the two tenants: same type, configurations only.
    let theirs = in_second
        .iter()
        .find(|b| b.display_name == shared.display_name)
        .unwrap();
    let left = env.latest_version(first, shared).await;
    let right = env.latest_version(second, theirs).await;
    let compared = api
        .compare_across(ann, CompareAcrossRequest { left, right })
        .await
        .unwrap();
    assert_eq!(compared.before.tenant_id, first.id);
    assert_eq!(compared.after.tenant_id, second.id);
    assert!(compared.diff.unchanged > 0);
    assert!(
        compared.diff.rows.iter().all(|r| r.group != "Assignments"),
        "assignments belong to one tenant and are left out"
    );
    let other_type = env
        .api()
        .list_inventory(
            ann,
            ListInventoryRequest {
                tenant_id: second.id,
                filter: InventoryFilter {
                    object_types: vec!["compliance_policy".into()],
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap()
        .items
        .remove(0);
    let mismatched = env.latest_version(second, &other_type).await;
    let err = api
        .compare_across(
            ann,
            CompareAcrossRequest {
                left,
                right: mismatched,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);

    // The first tenant's changes: one policy sync that added every policy it captured.
    let feed = api
        .tenant_changes(
            ann,
            TenantChangesRequest {
                tenant_id: first.id,
                before: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(feed.next_before, None);
    let changes = &feed.entries[0].changes;
    assert!(changes.added_count >= in_first.len() as i64);
    assert!(changes.added.len() <= 10, "a few named, the count exact");

    // A stranger finds nothing and compares nothing.
    let stranger = Actor {
        user: testing::user(api.store(), "mallory", Timestamp::now()).await,
    };
    let err = api
        .search_workspace(&stranger, search("allow"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = api
        .compare_across(&stranger, CompareAcrossRequest { left, right })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = api
        .tenant_changes(
            &stranger,
            TenantChangesRequest {
                tenant_id: first.id,
                before: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    env.runtime.shutdown().await;
}
