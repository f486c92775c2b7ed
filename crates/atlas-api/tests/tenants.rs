//! Tenant onboarding, connection checks and syncs through the command surface, against the
//! simulated cloud standing in for Microsoft (`cloud_url`) and the real OS keyring (CI runs
//! this inside a private D-Bus session with an unlocked GNOME Keyring).

use std::{sync::Arc, time::Duration};

use atlas_api::{
    secrets::{KeyringStore, SecretStore},
    types::{
        AddTenantRequest, CredentialInput, DiffVersionsRequest, GetInventoryObjectRequest,
        GetRunRequest, ListInventoryRequest, ListLastSyncsRequest, SetTenantStatusRequest,
        StartIntent, StartSyncRequest, SyncAllRequest, SyncKind, TenantRequest,
        UpdateTenantRequest,
    },
    Api, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_cloudsim::{
    DriftRequest, RunningSimulator, Simulator, SimulatorConfig, TenantCredentials, ThrottleMode,
};
use atlas_domain::{
    ConnectionState, InventoryFilter, OperationRun, RunOutcome, RunStatus, Tenant, TenantStatus,
    Timestamp, WorkspaceId,
};
use atlas_store::audit;

struct Env {
    sim: RunningSimulator,
    runtime: Runtime,
    workspace: WorkspaceId,
    secrets: Arc<KeyringStore>,
    dir: tempfile::TempDir,
}

/// A runtime whose "Microsoft" is a fresh simulator, with a keyring service of its own.
async fn env(run_engine: bool) -> Env {
    let sim = Simulator::start(SimulatorConfig {
        tenants: 2,
        policies_per_tenant: 30,
        throttle: ThrottleMode::Off,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(KeyringStore::new(format!(
        "TenantAtlas-test-{}",
        uuid::Uuid::new_v4()
    )));
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        user_name: Some("ann".into()),
        run_engine,
        cloud_url: Some(sim.base_url()),
        secrets: Some(secrets.clone()),
        ..Default::default()
    })
    .await
    .unwrap();
    // The demo workspace gives ann a workspace she owns; its simulated tenants are not used.
    let workspace = runtime
        .api
        .create_demo_workspace(&runtime.actor)
        .await
        .unwrap()
        .workspace
        .workspace
        .id;
    Env {
        sim,
        runtime,
        workspace,
        secrets,
        dir,
    }
}

impl Env {
    fn api(&self) -> &Api {
        &self.runtime.api
    }

    fn sim_tenant(&self, i: usize) -> TenantCredentials {
        self.sim.credentials()[i].clone()
    }

    fn request(&self, i: usize, secret: &str) -> AddTenantRequest {
        let t = self.sim_tenant(i);
        AddTenantRequest {
            workspace_id: self.workspace,
            display_name: format!("Customer {i}"),
            directory: t.tenant_id.to_string(),
            client_id: t.client_id.to_string(),
            credential: CredentialInput::ClientSecret {
                secret: secret.into(),
                expires_at: None,
            },
        }
    }

    async fn add(&self, i: usize) -> Tenant {
        let secret = self.sim_tenant(i).client_secret;
        self.api()
            .add_tenant(&self.runtime.actor, self.request(i, &secret))
            .await
            .unwrap()
    }

    async fn detail(
        &self,
        tenant: &Tenant,
        item_id: atlas_domain::InventoryItemId,
    ) -> atlas_api::types::InventoryObjectDetail {
        self.api()
            .get_inventory_object(
                &self.runtime.actor,
                GetInventoryObjectRequest {
                    tenant_id: tenant.id,
                    item_id,
                },
            )
            .await
            .unwrap()
    }

    async fn tenants(&self) -> Vec<Tenant> {
        self.api()
            .list_tenants(
                &self.runtime.actor,
                atlas_api::types::ListTenantsRequest {
                    workspace_id: self.workspace,
                },
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|t| !t.simulated)
            .collect()
    }

    /// Waits for the run to complete, on the API's event stream (the engine runs in this
    /// process), and returns it as the API reads it. Subscribes first, then reads the run once:
    /// a completion before the subscription is seen by the read, one after it by the stream.
    async fn wait(&self, run: &OperationRun) -> OperationRun {
        let actor = &self.runtime.actor;
        let mut events = self.api().subscribe(actor);
        let read = || async {
            self.api()
                .get_run(actor, GetRunRequest { run_id: run.id })
                .await
                .unwrap()
        };
        let now = read().await;
        if now.status == RunStatus::Completed {
            return now;
        }
        let limit = Duration::from_secs(60);
        tokio::time::timeout(limit, async {
            loop {
                let batch = events
                    .next_visible()
                    .await
                    .expect("the engine runs while a run is awaited");
                let completed = batch
                    .events
                    .iter()
                    .any(|e| e.run.id == run.id && e.run.status == RunStatus::Completed);
                // A lagging subscriber may have missed the completion: read again.
                if completed || batch.lagged {
                    let now = read().await;
                    if now.status == RunStatus::Completed {
                        return now;
                    }
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("run {} did not complete within {limit:?}", run.id))
    }

    /// Every byte the product wrote in its data folder, as text.
    fn data_folder_text(&self) -> String {
        let mut text = String::new();
        for entry in atlas_testkit::files_under(&self.dir.path().join("data")) {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(entry).unwrap()));
        }
        text
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tenant_added_by_domain_keeps_its_secret_in_the_keyring_only() {
    let env = env(false).await;
    let sim = env.sim_tenant(0);
    let mut request = env.request(0, &sim.client_secret);
    request.directory = sim.primary_domain.to_uppercase();
    let tenant = env
        .api()
        .add_tenant(&env.runtime.actor, request)
        .await
        .unwrap();
    assert_eq!(tenant.directory_tenant_id.as_uuid(), sim.tenant_id);
    assert_eq!(
        tenant.primary_domain.as_deref(),
        Some(sim.primary_domain.as_str())
    );
    assert!(!tenant.simulated);
    let reference = tenant
        .connection
        .as_ref()
        .and_then(|c| c.credential_ref.clone())
        .unwrap();
    assert_eq!(env.secrets.get(&reference).unwrap(), sim.client_secret);

    env.runtime.api.store().close().await;
    let stored = env.data_folder_text();
    assert!(
        stored.contains(&reference),
        "the database keeps the entry name"
    );
    assert!(!stored.contains(&sim.client_secret), "and never the secret");
    env.secrets.delete(&reference).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_and_changes_nothing() {
    let env = env(false).await;
    let sim = env.sim_tenant(0);
    let ann = &env.runtime.actor;
    let cases = [
        (
            "not-a-guid",
            sim.client_id.to_string(),
            "s",
            "neither a directory",
        ),
        (
            "nobody.onmicrosoft.com",
            sim.client_id.to_string(),
            "s",
            "No Microsoft Entra tenant uses the domain",
        ),
        (
            sim.tenant_id.to_string().as_str(),
            "12345".to_string(),
            "s",
            "must be a GUID",
        ),
        (
            sim.tenant_id.to_string().as_str(),
            sim.client_id.to_string(),
            "   ",
            "client secret is empty",
        ),
    ]
    .map(|(d, c, s, m)| (d.to_owned(), c, s.to_owned(), m));
    for (directory, client_id, secret, expected) in cases {
        let mut request = env.request(0, &secret);
        request.directory = directory;
        request.client_id = client_id;
        let err = env.api().add_tenant(ann, request).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        assert!(err.message.contains(expected), "{}", err.message);
    }
    // A secret whose entered end date has passed is refused, and nothing is stored.
    let mut ended = env.request(0, "a-secret-value");
    ended.credential = CredentialInput::ClientSecret {
        secret: "a-secret-value".into(),
        expires_at: Some(Timestamp::from_unix_millis(1_700_000_000_000).unwrap()),
    };
    let err = env.api().add_tenant(ann, ended).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("end date has passed"),
        "{}",
        err.message
    );
    assert!(env.tenants().await.is_empty());

    // The same directory twice: a conflict, and the second secret is not left behind.
    let first = env.add(0).await;
    let err = env
        .api()
        .add_tenant(ann, env.request(0, "another-secret-value"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(env.tenants().await, vec![first.clone()]);
    let orphan = atlas_api::secrets::reference_for(first.id, 1);
    assert_eq!(env.secrets.get(&orphan).unwrap(), sim.client_secret);
    env.secrets.delete(&orphan).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_connection_names_what_is_wrong() {
    let env = env(false).await;
    let ann = &env.runtime.actor;
    let tenant = env.add(0).await;
    let check = |tenant: &Tenant| TenantRequest {
        tenant_id: tenant.id,
    };

    let ok = env
        .api()
        .verify_connection(ann, check(&tenant))
        .await
        .unwrap();
    assert!(ok.reachable, "{}", ok.message);
    assert_eq!(ok.tenant.connection_check.state, ConnectionState::Connected);
    assert!(ok.message.starts_with("Connected"));
    // Full consent: every feature works, read from the token's roles.
    assert!(ok.permissions.checked_at.is_some());
    assert!(!ok.permissions.features.is_empty());
    assert!(
        ok.permissions.features.iter().all(|f| f.works),
        "{:?}",
        ok.permissions
    );
    let consent = ok.permissions.admin_consent_url.clone().unwrap();
    assert!(
        consent.contains(&format!(
            "{}/adminconsent?client_id=",
            tenant.directory_tenant_id
        )),
        "{consent}"
    );

    // Partial consent: Group.Read.All was not granted. The connection works; the report
    // names the one feature that does not and why — here and on the tenant page later.
    let required = atlas_domain::permissions::all_required();
    let all_but_groups: Vec<&str> = required
        .iter()
        .map(String::as_str)
        .filter(|p| *p != "Group.Read.All")
        .collect();
    env.sim
        .set_granted_permissions(env.sim_tenant(0).tenant_id, &all_but_groups)
        .unwrap();
    let partial = env
        .api()
        .verify_connection(ann, check(&tenant))
        .await
        .unwrap();
    assert!(partial.reachable, "{}", partial.message);
    let not_working: Vec<_> = partial
        .permissions
        .features
        .iter()
        .filter(|f| !f.works)
        .collect();
    assert_eq!(not_working.len(), 1, "{:?}", partial.permissions);
    assert_eq!(not_working[0].missing, vec!["Group.Read.All"]);
    let stored = env
        .api()
        .permission_report(ann, check(&tenant))
        .await
        .unwrap();
    assert_eq!(
        stored, partial.permissions,
        "the tenant page shows the last verify"
    );
    env.sim
        .set_consent(env.sim_tenant(0).tenant_id, true)
        .unwrap();

    // A new (wrong) secret: stored under a new entry, the old one removed, audited.
    let old_ref = ok
        .tenant
        .connection
        .clone()
        .unwrap()
        .credential_ref
        .unwrap();
    let updated = env
        .api()
        .update_tenant(
            ann,
            UpdateTenantRequest {
                tenant_id: tenant.id,
                display_name: None,
                client_id: None,
                credential: Some(CredentialInput::ClientSecret {
                    secret: "wrong-secret-value".into(),
                    expires_at: None,
                }),
            },
        )
        .await
        .unwrap();
    let new_ref = updated.connection.clone().unwrap().credential_ref.unwrap();
    assert_ne!(new_ref, old_ref);
    assert_eq!(updated.connection_check.state, ConnectionState::Unverified);
    assert!(env.secrets.get(&old_ref).is_err(), "the old entry is gone");
    let bad = env
        .api()
        .verify_connection(ann, check(&tenant))
        .await
        .unwrap();
    assert!(!bad.reachable);
    assert_eq!(
        bad.tenant.connection_check.reason_code.map(|c| c.code()),
        Some("provider.bad_secret")
    );
    assert!(bad.message.contains("secret is wrong"), "{}", bad.message);
    assert!(!bad.message.contains("wrong-secret-value"));

    let mut db = env.api().store().conn().await.unwrap();
    let entries = audit::list_for_workspace(&mut db, env.workspace, 50)
        .await
        .unwrap();
    let change = entries
        .iter()
        .find(|e| e.action == "tenant.credential_changed")
        .expect("the credential change is audited");
    assert!(!change.metadata.to_string().contains("wrong-secret-value"));
    drop(db);

    // Consent withdrawn: the token comes, the read is refused.
    let good = env.sim_tenant(0).client_secret;
    env.api()
        .update_tenant(
            ann,
            UpdateTenantRequest {
                tenant_id: tenant.id,
                display_name: None,
                client_id: None,
                credential: Some(CredentialInput::ClientSecret {
                    secret: good,
                    expires_at: None,
                }),
            },
        )
        .await
        .unwrap();
    env.sim
        .set_consent(env.sim_tenant(0).tenant_id, false)
        .unwrap();
    let denied = env
        .api()
        .verify_connection(ann, check(&tenant))
        .await
        .unwrap();
    assert!(!denied.reachable);
    assert_eq!(
        denied.tenant.connection_check.reason_code.map(|c| c.code()),
        Some("provider.consent_missing")
    );
    assert!(
        denied.message.contains("admin consent"),
        "{}",
        denied.message
    );
    assert!(
        denied.permissions.features.iter().all(|f| !f.works),
        "a token without roles: nothing works"
    );
    env.sim
        .set_consent(env.sim_tenant(0).tenant_id, true)
        .unwrap();

    // A tenant that no longer exists in Entra.
    let gone = env
        .api()
        .add_tenant(
            ann,
            AddTenantRequest {
                directory: uuid::Uuid::new_v4().to_string(),
                display_name: "Gone Ltd".into(),
                ..env.request(1, "some-secret")
            },
        )
        .await
        .unwrap();
    let unknown = env
        .api()
        .verify_connection(ann, check(&gone))
        .await
        .unwrap();
    assert_eq!(
        unknown
            .tenant
            .connection_check
            .reason_code
            .map(|c| c.code()),
        Some("provider.unknown_tenant")
    );
    for t in env.tenants().await {
        if let Some(r) = t.connection.and_then(|c| c.credential_ref) {
            env.secrets.delete(&r).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_report_queued_already_active_or_blocked_truthfully() {
    // No workers in this process: queued runs stay queued, so dedupe is deterministic.
    let env = env(false).await;
    let ann = &env.runtime.actor;
    let tenant = env.add(0).await;
    let start = |kind| StartSyncRequest {
        tenant_id: tenant.id,
        kind,
    };
    let first = env
        .api()
        .start_sync(ann, start(SyncKind::Inventory))
        .await
        .unwrap();
    assert_eq!(first.intent, StartIntent::Queued);
    assert_eq!(first.run.status, RunStatus::Queued);
    assert!(first.message.ends_with("queued"), "{}", first.message);
    let again = env
        .api()
        .start_sync(ann, start(SyncKind::Inventory))
        .await
        .unwrap();
    assert_eq!(again.intent, StartIntent::AlreadyActive);
    assert_eq!(again.run.id, first.run.id);
    let other = env
        .api()
        .start_sync(ann, start(SyncKind::Groups))
        .await
        .unwrap();
    assert_eq!(other.intent, StartIntent::Queued);
    assert_ne!(other.run.id, first.run.id);

    env.api()
        .set_tenant_status(
            ann,
            SetTenantStatusRequest {
                tenant_id: tenant.id,
                status: TenantStatus::Paused,
            },
        )
        .await
        .unwrap();
    let blocked = env
        .api()
        .start_sync(ann, start(SyncKind::Policies))
        .await
        .unwrap();
    assert_eq!(blocked.intent, StartIntent::Blocked);
    assert_eq!(blocked.run.outcome, RunOutcome::Blocked);
    assert!(blocked.message.contains("paused"), "{}", blocked.message);

    // Sync all skips the paused tenant and says why; the demo tenants are started.
    let all = env
        .api()
        .sync_all(
            ann,
            SyncAllRequest {
                workspace_id: env.workspace,
                kind: SyncKind::Roles,
            },
        )
        .await
        .unwrap();
    assert_eq!(all.started.len(), 3);
    assert!(all
        .started
        .iter()
        .all(|s| s.start.intent == StartIntent::Queued));
    assert_eq!(all.skipped.len(), 1);
    assert_eq!(all.skipped[0].tenant_id, tenant.id);
    let r = tenant.connection.unwrap().credential_ref.unwrap();
    env.secrets.delete(&r).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synced_inventory_and_versions_can_be_browsed_and_compared() {
    let env = env(true).await;
    let ann = &env.runtime.actor;
    let tenant = env.add(0).await;
    let sync = |kind| StartSyncRequest {
        tenant_id: tenant.id,
        kind,
    };
    for kind in [SyncKind::Inventory, SyncKind::Groups, SyncKind::Policies] {
        let started = env.api().start_sync(ann, sync(kind)).await.unwrap();
        let done = env.wait(&started.run).await;
        assert_eq!(
            done.outcome,
            RunOutcome::Succeeded,
            "{kind:?}: {:?}",
            done.failure_summary
        );
    }
    let last = env
        .api()
        .list_last_syncs(
            ann,
            ListLastSyncsRequest {
                workspace_id: env.workspace,
            },
        )
        .await
        .unwrap();
    assert_eq!(last.iter().filter(|l| l.tenant_id == tenant.id).count(), 3);

    let page = env
        .api()
        .list_inventory(
            ann,
            ListInventoryRequest {
                tenant_id: tenant.id,
                filter: InventoryFilter {
                    object_types: vec!["settings_catalog".into()],
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    // Every settings catalog policy the simulated tenant holds, and one of them assigned to
    // groups (the seed is fixed, so there is one).
    let (catalog, assigned_to_groups) = {
        let sim = env.sim.cloud().by_id(env.sim_tenant(0).tenant_id).unwrap();
        let data = sim.data.read().unwrap();
        let catalog: Vec<&atlas_cloudsim::SimObject> = data
            .collections
            .iter()
            .flat_map(|(path, objects)| objects.iter().map(move |o| (path, o)))
            .filter(|(path, o)| {
                atlas_cloudsim::model::catalog_type(path, o.odata_type())
                    .is_some_and(|ty| ty.key == "settings_catalog")
            })
            .map(|(_, o)| o)
            .collect();
        let group_name = |id: &str| {
            let group = data.collection("groups").iter().find(|g| g.id() == id);
            group.and_then(|g| g.body["displayName"].as_str().map(str::to_owned))
        };
        // (group id, group name) of every assignment to a group, sorted.
        let groups_of = |o: &atlas_cloudsim::SimObject| {
            let mut groups: Vec<(Option<String>, Option<String>)> = o
                .navs
                .get("assignments")
                .into_iter()
                .flatten()
                .filter_map(|a| a["target"]["groupId"].as_str())
                .map(|id| (Some(id.to_owned()), group_name(id)))
                .collect();
            groups.sort();
            groups
        };
        let assigned = catalog
            .iter()
            .find(|o| !groups_of(o).is_empty())
            .map(|o| (o.id().to_owned(), groups_of(o)))
            .expect("a simulated settings catalog policy is assigned to groups");
        (catalog.len(), assigned)
    };
    assert_eq!(page.total as usize, catalog);
    assert_eq!(page.items.len(), catalog, "one page holds them all");
    let (assigned_id, assigned_groups) = assigned_to_groups;
    let item = page
        .items
        .iter()
        .find(|i| i.external_id == assigned_id)
        .expect("the group-assigned policy is in the inventory")
        .clone();
    let detail = env.detail(&tenant, item.id).await;
    assert_eq!(detail.type_label, "Settings catalog policy");
    assert_eq!(detail.versions.len(), 1);
    let readable = detail.readable.expect("a captured version is readable");
    assert!(!readable.settings.is_empty());
    // Settings catalog settings read as the portal shows them: Microsoft's name and
    // description, their category, and a choice's option label, from the definitions cache
    // the sync filled.
    let catalog_rows: Vec<_> = readable
        .settings
        .iter()
        .filter(|r| r.key.starts_with("device_vendor_msft_"))
        .collect();
    assert!(!catalog_rows.is_empty());
    for row in &catalog_rows {
        assert!(row.description.is_some(), "{row:?}");
        assert!(!row.name.contains("device_vendor"), "{row:?}");
        assert!(
            [
                "Defender Antivirus",
                "BitLocker",
                "Windows Hello for Business",
                "Microsoft Edge",
                "Device Lock",
                "Firewall",
                "Attack Surface Reduction",
                "Windows Update",
                "OneDrive",
                "Local Policies Security Options",
                "Privacy",
                "Experience"
            ]
            .contains(&row.group.as_str()),
            "grouped by its category: {row:?}"
        );
    }
    // Group assignments are named from the groups cache.
    let mut to_groups: Vec<_> = readable
        .assignments
        .iter()
        .filter(|a| a.group_id.is_some())
        .map(|a| (a.group_id.clone(), a.group_name.clone()))
        .collect();
    to_groups.sort();
    assert_eq!(to_groups, assigned_groups);
    assert!(to_groups.iter().all(|(_, name)| name.is_some()));

    // Drift some objects, capture again, compare a drifted one's two versions.
    let drift = env
        .sim
        .drift(
            env.sim_tenant(0).tenant_id,
            &DriftRequest {
                modify: 3,
                add: 0,
                delete: 0,
                seed: Some(3),
                ..DriftRequest::default()
            },
        )
        .unwrap();
    let modified: Vec<String> = drift.modified.values().flatten().cloned().collect();
    let started = env
        .api()
        .start_sync(ann, sync(SyncKind::Policies))
        .await
        .unwrap();
    env.wait(&started.run).await;
    let everything = env
        .api()
        .list_inventory(
            ann,
            ListInventoryRequest {
                tenant_id: tenant.id,
                filter: InventoryFilter {
                    limit: 500,
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    let drifted = everything
        .items
        .iter()
        .find(|i| modified.contains(&i.external_id))
        .expect("a drifted object is in the inventory");
    let detail = env.detail(&tenant, drifted.id).await;
    assert_eq!(
        detail.versions.len(),
        2,
        "the drifted object got a new version"
    );
    let (newer, older) = (&detail.versions[0], &detail.versions[1]);
    let diff = env
        .api()
        .diff_versions(
            ann,
            DiffVersionsRequest {
                tenant_id: tenant.id,
                before: older.id,
                after: newer.id,
            },
        )
        .await
        .unwrap();
    assert!(diff.diff.added + diff.diff.removed + diff.diff.changed > 0);

    let report = env
        .api()
        .rbac_report(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap();
    assert!(report.is_none(), "no role sync yet");

    // A Conditional Access policy says whom it applies to in words, roles named from the
    // directory roles cache once roles are synced.
    let started = env
        .api()
        .start_sync(ann, sync(SyncKind::Roles))
        .await
        .unwrap();
    env.wait(&started.run).await;
    // Role holders are named, with their kind (user, group or service principal).
    let roles = env
        .api()
        .list_directory_roles(
            ann,
            TenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap();
    assert!(!roles.assignments.is_empty());
    for holder in &roles.assignments {
        assert!(holder.principal_display_name.is_some(), "{holder:?}");
        assert!(holder.principal_type.is_some(), "{holder:?}");
    }
    let ca = everything
        .items
        .iter()
        .find(|i| i.object_type == "conditional_access_policy")
        .expect("the simulated tenant holds a Conditional Access policy");
    let detail = env.detail(&tenant, ca.id).await;
    assert_eq!(
        detail.targeting,
        atlas_domain::readable::Targeting::Conditions
    );
    let targeting = detail.readable.expect("captured").targeting;
    let users = &targeting[0];
    assert_eq!(users.dimension, "Users");
    assert_eq!(users.include[0].name, "All users");
    assert!(
        users
            .exclude
            .iter()
            .any(|t| t.name == "Global Administrator"),
        "{:?}",
        users.exclude
    );
    let r = tenant.connection.unwrap().credential_ref.unwrap();
    env.secrets.delete(&r).unwrap();
    env.runtime.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_workstation_keeps_a_tenants_credential_only_once_it_is_proven() {
    let env = env(false).await;
    let sim = env.sim_tenant(0);
    let actor = &env.runtime.actor;
    let tenant = env
        .api()
        .add_tenant(actor, env.request(0, &sim.client_secret))
        .await
        .unwrap();
    let reference = tenant
        .connection
        .as_ref()
        .and_then(|c| c.credential_ref.clone())
        .unwrap();
    // This workstation does not hold it (it was added elsewhere).
    env.secrets.delete(&reference).unwrap();
    let hold = |secret: &str| atlas_api::types::HoldCredentialRequest {
        tenant_id: tenant.id,
        credential: CredentialInput::ClientSecret {
            secret: secret.into(),
            expires_at: None,
        },
    };

    let wrong = env
        .api()
        .hold_credential(actor, hold("not-the-secret"))
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidInput);
    assert!(wrong.message.contains("was not kept"), "{}", wrong.message);
    assert!(
        !wrong.message.contains("not-the-secret"),
        "{}",
        wrong.message
    );
    assert!(env.secrets.get(&reference).is_err(), "nothing kept");

    let kept = env
        .api()
        .hold_credential(actor, hold(&sim.client_secret))
        .await
        .unwrap();
    assert!(
        kept.message.contains("This workstation"),
        "{}",
        kept.message
    );
    assert_eq!(env.secrets.get(&reference).unwrap(), sim.client_secret);
    // The database is unchanged: same entry name, same connection.
    let after = env
        .api()
        .get_tenant(
            actor,
            atlas_api::types::GetTenantRequest {
                tenant_id: tenant.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(after.connection, tenant.connection);
    env.secrets.delete(&reference).unwrap();
}
