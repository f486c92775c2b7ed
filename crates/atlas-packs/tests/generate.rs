//! Generating packs against a real store, on both engines: content dedupe ("already available"),
//! a new pack with its predecessor's fingerprint when a finding changes, the pack written and
//! verified before it is ready, personal data replaced everywhere without `include_pii` (a
//! canary proves it), no secret in any pack (nor the signing key), a crash mid-write leaving no
//! ready pack and no orphan after the prune, a pack no longer queued or whose key is locked
//! away never written, and retention with an injected clock (audited, abandoned requests
//! failed).

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use atlas_domain::{
    BaselineProfileId, DirectoryRoleAssignment, DirectoryRoleDefinition, FindingStatus,
    OperationType, PackOptions, PackStatus, PrincipalType, RunOutcome, Severity, Tenant, Timestamp,
    UserId, WorkspaceId,
};
use atlas_engine::{EngineConfig, HandlerRegistry, Progress, RunContext, RunService, SystemClock};
use atlas_packs::archive;
use atlas_packs::{prune, request_pack, PackKeys, PackRequest, PackSigningKey};
use atlas_store::{
    baselines, directory_roles, findings, inventory, review_packs, testing, users, Store,
};
use tokio_util::sync::CancellationToken;

mod support;

macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let (store, _dir) = atlas_store::testing::sqlite_store().await;
                super::$name(store).await;
            } )+
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(atlas_store::testing::postgres_store().await).await;
            } )+
        }
    };
}

both_engines!(
    the_same_content_is_packed_once_and_a_change_makes_a_successor,
    a_pack_no_longer_queued_or_without_its_key_is_never_written,
    personal_data_is_replaced_everywhere_unless_included,
    a_crash_mid_write_leaves_no_ready_pack_and_the_prune_leaves_no_orphan,
    retention_expires_packs_and_deletes_their_files_after_the_grace,
    evidence_is_frozen_once_and_an_unfinished_capture_is_left_incomplete,
    a_review_is_composed_from_complete_evidence_only,
);

const CANARY_NAME: &str = "Canary Quokka";
const CANARY_LOGIN: &str = "canary.quokka@contoso.example";
const PLANTED_SECRET: &str = "Pl4nted-Secret-Value-0xDEAD";

/// One key per test, kept in memory as the keyring would keep it; a locked keyring answers
/// with its reason.
#[derive(Debug, Default)]
struct MemoryKeys(Mutex<Option<String>>, std::sync::atomic::AtomicBool);

const KEYRING_LOCKED: &str = "The system keyring is locked or not available (test).";

impl MemoryKeys {
    fn lock_keyring(&self) {
        self.1.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[async_trait::async_trait]
impl PackKeys for MemoryKeys {
    async fn signing_key(&self, _workspace: WorkspaceId) -> Result<PackSigningKey, String> {
        if self.1.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(KEYRING_LOCKED.into());
        }
        let mut held = self.0.lock().unwrap();
        if let Some(hex) = held.as_ref() {
            return PackSigningKey::from_hex(hex).map_err(|e| e.to_string());
        }
        let key = PackSigningKey::generate().map_err(|e| e.to_string())?;
        *held = Some(key.to_hex());
        Ok(key)
    }
}

struct Env {
    store: Store,
    tenant: Tenant,
    canary: UserId,
    profile: BaselineProfileId,
    packs: tempfile::TempDir,
    keys: Arc<MemoryKeys>,
    service: RunService,
    registry: Arc<HandlerRegistry>,
}

async fn env(store: Store) -> Env {
    env_writing_to(store, None).await
}

/// The usual tenant, with packs written to `packs_dir` (a temporary folder when `None`).
async fn env_writing_to(store: Store, packs_dir: Option<&Path>) -> Env {
    let now = Timestamp::now();
    let (_owner, ws, tenant) = testing::owner_workspace_tenant(&store, now, |ws| {
        testing::tenant(
            ws,
            "Fabrikam",
            "00000000-0000-4000-8000-00000000f00d".parse().unwrap(),
            now,
        )
    })
    .await;
    let mut db = store.conn().await.unwrap();
    let canary = users::upsert_by_login(&mut db, CANARY_LOGIN, CANARY_NAME, now)
        .await
        .unwrap()
        .id;
    testing::member(&store, ws, canary, atlas_domain::Role::Operator, None, now).await;
    let items: Vec<inventory::SeenItem> = (0..30)
        .map(|i| inventory::SeenItem {
            object_type: if i % 2 == 0 {
                "settings_catalog"
            } else {
                "compliance_policy"
            }
            .into(),
            external_id: format!("obj-{i}"),
            display_name: format!("Policy {i} ({PLANTED_SECRET} is never in a name we store)")
                .replace(PLANTED_SECRET, "masked"),
            platform: Some("windows10".into()),
            content_hash: format!("hash-{i}"),
            config_hash: format!("config-{i}"),
        })
        .collect();
    inventory::upsert_seen(&mut db, ws, tenant.id, &items, now, None)
        .await
        .unwrap();
    let profile = support::profile(ws, now);
    baselines::insert_profile(&mut db, &profile).await.unwrap();
    drop(db);
    let mut tx = store.begin().await.unwrap();
    directory_roles::replace_all(
        &mut tx,
        tenant.id,
        &[DirectoryRoleDefinition {
            role_definition_id: "62e90394-69f5-4237-9190-012177145e10".into(),
            display_name: "Global Administrator".into(),
            description: None,
            is_built_in: true,
            is_enabled: true,
            template_id: None,
            permissions: serde_json::json!([]),
        }],
        &[
            DirectoryRoleAssignment {
                assignment_id: "a-1".into(),
                role_definition_id: "62e90394-69f5-4237-9190-012177145e10".into(),
                principal_id: "p-canary".into(),
                principal_display_name: Some(CANARY_NAME.into()),
                principal_type: Some(PrincipalType::User),
                directory_scope_id: "/".into(),
            },
            DirectoryRoleAssignment {
                assignment_id: "a-2".into(),
                role_definition_id: "62e90394-69f5-4237-9190-012177145e10".into(),
                principal_id: "p-group".into(),
                principal_display_name: Some("Tier 0 Admins".into()),
                principal_type: Some(PrincipalType::Group),
                directory_scope_id: "/".into(),
            },
        ],
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // A run the canary started, whose stored inputs hold a secret: the pack lists the run,
    // never its inputs.
    let mut planted = atlas_domain::OperationRun::queued(
        ws,
        Some(tenant.id),
        Some(canary),
        OperationType::InventorySync,
        "planted".into(),
        serde_json::json!({ "inputs": { "client_secret": PLANTED_SECRET } }),
        now,
    );
    planted.status = atlas_domain::RunStatus::Completed;
    planted.outcome = RunOutcome::Failed;
    planted.started_at = Some(now);
    planted.completed_at = Some(now);
    let mut db = store.conn().await.unwrap();
    atlas_store::runs::insert(&mut db, &planted).await.unwrap();
    drop(db);

    let keys = Arc::new(MemoryKeys::default());
    let packs = tempfile::tempdir().unwrap();
    let mut registry = HandlerRegistry::new();
    atlas_packs::register(
        &mut registry,
        keys.clone(),
        packs_dir.unwrap_or(packs.path()).to_owned(),
        "TenantAtlas test".into(),
    );
    let registry = Arc::new(registry);
    let service = RunService::new(
        store.clone(),
        Arc::new(SystemClock),
        Arc::new(EngineConfig::default()),
        registry.clone(),
    );
    let env = Env {
        store,
        tenant,
        canary,
        profile: profile.id,
        packs,
        keys,
        service,
        registry,
    };
    env.add_finding("Defender", Severity::High, Some(canary))
        .await;
    env
}

impl Env {
    async fn add_finding(&self, name: &str, severity: Severity, acknowledged_by: Option<UserId>) {
        let now = Timestamp::now();
        let mut finding = support::open_finding(&self.tenant, self.profile, name, severity, now);
        if let Some(by) = acknowledged_by {
            let summary = &mut finding.summary;
            summary.status = FindingStatus::Acknowledged;
            summary.acknowledged_at = Some(now);
            summary.acknowledged_by = Some(by);
            // Notes are the operators' own words: never in a pack (here: a pasted secret).
            summary.ack_note = Some(format!("agreed with {CANARY_LOGIN}, key {PLANTED_SECRET}"));
        }
        let mut db = self.store.conn().await.unwrap();
        findings::insert(&mut db, &[finding]).await.unwrap();
    }

    async fn request(&self, options: PackOptions) -> PackRequest {
        request_pack(
            &self.store,
            &self.service,
            &self.tenant,
            options,
            None,
            false,
            Timestamp::now(),
        )
        .await
        .unwrap()
    }

    /// Claims the queued run and executes it as a worker would.
    async fn work(&self) -> RunOutcome {
        let run = self
            .service
            .claim("test-worker")
            .await
            .unwrap()
            .expect("a queued run");
        let ctx = RunContext {
            run: run.clone(),
            progress: Progress::default(),
            cancel: CancellationToken::new(),
            store: self.store.clone(),
            clock: Arc::new(SystemClock),
        };
        let outcome = self
            .registry
            .get(OperationType::ReviewPackGenerate)
            .unwrap()
            .execute(ctx)
            .await
            .unwrap();
        let result = outcome.outcome;
        self.service
            .complete(run.id, "test-worker", outcome)
            .await
            .unwrap();
        result
    }

    fn file(&self, pack: &atlas_domain::ReviewPack) -> std::path::PathBuf {
        atlas_packs::pack_file(self.packs.path(), pack.id)
    }
}

const OPTIONS: PackOptions = PackOptions {
    include_pii: false,
    include_operations: true,
};

fn queued(request: PackRequest) -> atlas_domain::ReviewPack {
    match request {
        PackRequest::Queued { pack, .. } => pack,
        other => panic!("expected a queued pack, got {other:?}"),
    }
}

/// Every file of the pack, unpacked into memory.
fn contents(path: &Path) -> Vec<(String, String)> {
    raw_contents(path)
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

fn raw_contents(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

async fn the_same_content_is_packed_once_and_a_change_makes_a_successor(store: Store) {
    let env = env(store).await;
    let first = queued(env.request(OPTIONS).await);
    // Asked again before it is written: the same pack, nothing new queued.
    assert!(
        matches!(env.request(OPTIONS).await, PackRequest::InProgress { pack } if pack.id == first.id)
    );
    assert_eq!(env.work().await, RunOutcome::Succeeded);

    let mut db = env.store.conn().await.unwrap();
    let ready = review_packs::get(&mut db, first.id).await.unwrap().unwrap();
    assert_eq!(ready.status, PackStatus::Ready);
    let (size, sha256) = atlas_packs::hash_file(&env.file(&ready)).unwrap();
    assert_eq!(
        (ready.file_size, ready.file_sha256.as_deref()),
        (Some(size), Some(sha256.as_str()))
    );
    assert!(ready.expires_at.unwrap() > ready.generated_at.unwrap());
    let key = env.keys.signing_key(env.tenant.workspace_id).await.unwrap();
    let verdict = archive::verify(&env.file(&ready), Some(&key.public())).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(
        verdict.manifest.unwrap().pack.fingerprint,
        ready.fingerprint
    );
    assert_eq!(ready.summary.open_findings[&Severity::High], 1);
    assert_eq!(ready.summary.inventory_items, 30);

    // The same content again: the ready pack, "already available", and no run queued.
    match env.request(OPTIONS).await {
        PackRequest::AlreadyAvailable { pack } => assert_eq!(pack.id, ready.id),
        other => panic!("expected the ready pack, got {other:?}"),
    }
    assert!(env.service.claim("test-worker").await.unwrap().is_none());

    // Other options are other content.
    let with_pii = queued(
        env.request(PackOptions {
            include_pii: true,
            ..OPTIONS
        })
        .await,
    );
    assert_ne!(with_pii.fingerprint, ready.fingerprint);
    assert_eq!(env.work().await, RunOutcome::Succeeded);

    // A new finding: a new pack whose predecessor is the newest ready one.
    env.add_finding("Firewall", Severity::Critical, None).await;
    let successor = queued(env.request(OPTIONS).await);
    assert_ne!(successor.fingerprint, ready.fingerprint);
    assert_eq!(
        successor.previous_fingerprint.as_deref(),
        Some(with_pii.fingerprint.as_str()),
        "the successor names the tenant's newest generated pack"
    );
}

async fn a_pack_no_longer_queued_or_without_its_key_is_never_written(store: Store) {
    let env = env(store).await;
    // Failed before its run started (as the prune fails an abandoned request): the run finds it
    // no longer queued, writes nothing, and the pack stays failed.
    let pack = queued(env.request(OPTIONS).await);
    let mut db = env.store.conn().await.unwrap();
    assert!(review_packs::move_status(
        &mut db,
        pack.id,
        PackStatus::Queued,
        PackStatus::Failed,
        Timestamp::now()
    )
    .await
    .unwrap());
    assert_eq!(env.work().await, RunOutcome::Failed);
    let run = atlas_store::runs::get(&mut db, pack.run_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    let reasons = |run: &atlas_domain::OperationRun| -> Vec<String> {
        run.failure_summary
            .iter()
            .map(|f| format!("{}: {}", f.reason_code.code(), f.message))
            .collect()
    };
    assert!(
        reasons(&run)[0].starts_with("review_pack.not_queued: The review pack was failed"),
        "{:?}",
        reasons(&run)
    );
    assert_eq!(
        review_packs::get(&mut db, pack.id)
            .await
            .unwrap()
            .unwrap()
            .status,
        PackStatus::Failed
    );
    assert!(atlas_testkit::files_under(env.packs.path()).is_empty());

    // The keyring locked: the run fails with the keyring's own words, nothing is written.
    env.keys.lock_keyring();
    let pack = queued(env.request(OPTIONS).await);
    assert_eq!(env.work().await, RunOutcome::Failed);
    let failed = review_packs::get(&mut db, pack.id).await.unwrap().unwrap();
    assert_eq!(failed.status, PackStatus::Failed);
    let run = atlas_store::runs::get(&mut db, failed.run_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        reasons(&run),
        [format!(
            "review_pack.signing_key_unavailable: {KEYRING_LOCKED}"
        )]
    );
    assert!(atlas_testkit::files_under(env.packs.path()).is_empty());
}

async fn personal_data_is_replaced_everywhere_unless_included(store: Store) {
    let env = env(store).await;
    let pseudonymous = queued(env.request(OPTIONS).await);
    env.work().await;
    let named = queued(
        env.request(PackOptions {
            include_pii: true,
            ..OPTIONS
        })
        .await,
    );
    env.work().await;

    let mut db = env.store.conn().await.unwrap();
    let pseudonymous = review_packs::get(&mut db, pseudonymous.id)
        .await
        .unwrap()
        .unwrap();
    let named = review_packs::get(&mut db, named.id).await.unwrap().unwrap();
    let canaries = [
        CANARY_NAME.to_lowercase(),
        CANARY_LOGIN.to_lowercase(),
        "canary".to_owned(),
    ];
    // The signing key's secret half is a secret too: its bytes are in no file, as hex or raw.
    let signing = env.keys.signing_key(env.tenant.workspace_id).await.unwrap();
    let signing_secret = signing.to_hex();
    let signing_bytes: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&signing_secret[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    for pack in [&pseudonymous, &named] {
        for (file, bytes) in raw_contents(&env.file(pack)) {
            assert!(
                !bytes.windows(32).any(|w| w == signing_bytes.as_slice()),
                "{file} holds the signing key's secret bytes"
            );
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            assert!(
                !text.contains(&signing_secret),
                "{file} holds the signing key"
            );
        }
    }
    for (file, text) in contents(&env.file(&pseudonymous)) {
        let lower = text.to_lowercase();
        for canary in &canaries {
            assert!(
                !lower.contains(canary),
                "{file} names the canary ({canary})"
            );
        }
        assert!(!text.contains(PLANTED_SECRET), "{file} holds a secret");
    }
    let all: String = contents(&env.file(&named))
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(
        all.contains(CANARY_NAME),
        "with personal data included, names stay"
    );
    assert!(!all.contains(PLANTED_SECRET));
    let summary = contents(&env.file(&pseudonymous))
        .into_iter()
        .find(|(name, _)| name == "summary.html")
        .unwrap()
        .1;
    assert!(summary.contains("Person 1"), "people get pseudonyms");
    assert!(summary.contains("Tier 0 Admins"), "groups keep their names");
    assert!(!summary.contains("<script"), "no scripts in the summary");
    assert!(
        summary.contains(&signing.public().fingerprint())
            && summary.contains(signing.public().to_pem().lines().nth(1).unwrap()),
        "the summary prints the public key and its fingerprint"
    );
    let _ = env.canary;
}

async fn a_crash_mid_write_leaves_no_ready_pack_and_the_prune_leaves_no_orphan(store: Store) {
    let env = env(store).await;
    let pack = queued(env.request(OPTIONS).await);
    // The worker claimed the run, started writing, and died: its partial file and its part
    // stay behind, and a finished file of an unknown pack too (a crash between rename and
    // record).
    let run = env.service.claim("dead-worker").await.unwrap().unwrap();
    let mut db = env.store.conn().await.unwrap();
    review_packs::move_status(
        &mut db,
        pack.id,
        PackStatus::Queued,
        PackStatus::Generating,
        Timestamp::now(),
    )
    .await
    .unwrap();
    let partial = env.packs.path().join(format!("{}.zip.partial", pack.id));
    std::fs::write(&partial, b"PK\x03\x04 half a pack").unwrap();
    let part = env.packs.path().join(format!("{}.zip.part", pack.id));
    std::fs::write(&part, b"PK\x03\x04 half of the findings").unwrap();
    let unknown = atlas_packs::pack_file(env.packs.path(), atlas_domain::ReviewPackId::new());
    std::fs::write(&unknown, b"PK\x03\x04 a pack nobody recorded").unwrap();
    let unrelated = env.packs.path().join("notes.txt");
    std::fs::write(&unrelated, b"not ours").unwrap();

    // The run ends some other way (here: the failure bridge); the pack fails with it.
    env.service
        .force_fail(
            run.id,
            Some("dead-worker"),
            atlas_domain::reasons::RunReason::QueueFailureBridge,
            "the worker died",
            serde_json::json!({}),
        )
        .await
        .unwrap();
    let failed = review_packs::get(&mut db, pack.id).await.unwrap().unwrap();
    assert_eq!(failed.status, PackStatus::Failed);
    assert_eq!(failed.file_size, None);

    let dry = prune::prune(&env.store, env.packs.path(), Timestamp::now(), true)
        .await
        .unwrap();
    assert_eq!(dry.stray_files.len(), 3);
    assert!(
        partial.exists() && part.exists() && unknown.exists(),
        "a dry run changes nothing"
    );
    let report = prune::prune(&env.store, env.packs.path(), Timestamp::now(), false)
        .await
        .unwrap();
    assert_eq!(report.stray_files.len(), 3);
    assert!(!partial.exists() && !part.exists() && !unknown.exists());
    assert!(
        unrelated.exists(),
        "files that are not packs are left alone"
    );
    // A failed pack never blocks a new one of the same content.
    queued(env.request(OPTIONS).await);
}

async fn retention_expires_packs_and_deletes_their_files_after_the_grace(store: Store) {
    let env = env(store).await;
    let pack = queued(env.request(OPTIONS).await);
    env.work().await;
    let mut db = env.store.conn().await.unwrap();
    let ready = review_packs::get(&mut db, pack.id).await.unwrap().unwrap();
    let file = env.file(&ready);
    let day = 86_400_000;
    let at = |days: i64| {
        Timestamp::from_unix_millis(ready.generated_at.unwrap().unix_millis() + days * day).unwrap()
    };

    let report = prune::prune(&env.store, env.packs.path(), at(89), false)
        .await
        .unwrap();
    assert!(report.expired.is_empty() && file.exists());
    let report = prune::prune(&env.store, env.packs.path(), at(91), false)
        .await
        .unwrap();
    assert_eq!(report.expired, [pack.id]);
    assert!(file.exists(), "kept through the grace period");
    assert_eq!(
        review_packs::get(&mut db, pack.id)
            .await
            .unwrap()
            .unwrap()
            .status,
        PackStatus::Expired
    );
    let report = prune::prune(&env.store, env.packs.path(), at(119), false)
        .await
        .unwrap();
    assert!(report.files_deleted.is_empty());
    let report = prune::prune(&env.store, env.packs.path(), at(121), false)
        .await
        .unwrap();
    assert_eq!(report.files_deleted, [pack.id]);
    assert!(!file.exists());
    let again = prune::prune(&env.store, env.packs.path(), at(122), false)
        .await
        .unwrap();
    assert!(
        again.expired.is_empty() && again.files_deleted.is_empty(),
        "a second pass changes nothing"
    );
    // Each change is audited once, by the system.
    let audit = atlas_store::audit::list_for_workspace(&mut db, env.tenant.workspace_id, 200)
        .await
        .unwrap();
    let entries = |action: &str, id: atlas_domain::ReviewPackId| {
        audit
            .iter()
            .filter(|e| e.action == action && e.target_id == Some(id.to_string()))
            .inspect(|e| assert_eq!(e.actor, atlas_domain::AuditActor::System))
            .count()
    };
    use atlas_domain::audit::actions;
    assert_eq!(entries(actions::REVIEW_PACK_EXPIRED, pack.id), 1);
    assert_eq!(entries(actions::REVIEW_PACK_FILE_DELETED, pack.id), 1);

    // A request cut short between recording the pack and starting its run (no run): failed
    // once ten minutes have passed, audited; a dry run only reports it.
    let cut_short = atlas_domain::ReviewPack {
        id: atlas_domain::ReviewPackId::new(),
        run_id: None,
        status: PackStatus::Queued,
        fingerprint: "cut-short".into(),
        file_size: None,
        file_sha256: None,
        generated_at: None,
        expires_at: None,
        file_deleted_at: None,
        created_at: at(122),
        updated_at: at(122),
        ..ready.clone()
    };
    assert!(review_packs::insert_if_absent(&mut db, &cut_short)
        .await
        .unwrap());
    let minutes = |m: i64| Timestamp::from_unix_millis(at(122).unix_millis() + m * 60_000).unwrap();
    let early = prune::prune(&env.store, env.packs.path(), minutes(9), false)
        .await
        .unwrap();
    assert!(early.abandoned.is_empty(), "its run may still be starting");
    let dry = prune::prune(&env.store, env.packs.path(), minutes(11), true)
        .await
        .unwrap();
    assert_eq!(dry.abandoned, [cut_short.id]);
    let report = prune::prune(&env.store, env.packs.path(), minutes(11), false)
        .await
        .unwrap();
    assert_eq!(report.abandoned, [cut_short.id]);
    let failed = review_packs::get(&mut db, cut_short.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failed.status, PackStatus::Failed);
    let audit = atlas_store::audit::list_for_workspace(&mut db, env.tenant.workspace_id, 200)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == actions::REVIEW_PACK_ABANDONED
                && e.target_id == Some(cut_short.id.to_string()))
            .count(),
        1
    );

    // An expired pack does not block new content packs: the same content is packed again.
    queued(env.request(OPTIONS).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_the_pack_with_its_reason_and_leaves_no_file() {
    let (store, _db_dir) = atlas_store::testing::sqlite_store().await;
    let disk = tempfile::tempdir().unwrap();
    let _mounted = atlas_testkit::Tmpfs::mount(disk.path(), "size=64k");
    // Nearly full: what is left cannot hold a pack.
    std::fs::write(disk.path().join("ballast"), vec![1u8; 60 * 1024]).unwrap();
    let env = env_writing_to(store, Some(disk.path())).await;
    let pack = queued(env.request(OPTIONS).await);
    assert_eq!(env.work().await, RunOutcome::Failed);

    let mut db = env.store.conn().await.unwrap();
    let failed = review_packs::get(&mut db, pack.id).await.unwrap().unwrap();
    assert_eq!(failed.status, PackStatus::Failed);
    let run = atlas_store::runs::get(&mut db, failed.run_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        run.failure_summary[0].reason_code,
        atlas_domain::ReasonCode::PackDiskFull,
        "{:?}",
        run.failure_summary
    );
    let left: Vec<String> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["ballast"], "no partial pack is left behind");

    // Space returns: the same content packs fine.
    std::fs::remove_file(disk.path().join("ballast")).unwrap();
    let again = queued(env.request(OPTIONS).await);
    assert_eq!(env.work().await, RunOutcome::Succeeded);
    assert!(atlas_packs::pack_file(disk.path(), again.id).is_file());
}

async fn evidence_is_frozen_once_and_an_unfinished_capture_is_left_incomplete(store: Store) {
    let env = env(store).await;
    start_evidence(&env).await;
    let run = env.service.claim("test-worker").await.unwrap().unwrap();
    let ctx = RunContext {
        run: run.clone(),
        progress: Progress::default(),
        cancel: CancellationToken::new(),
        store: env.store.clone(),
        clock: Arc::new(SystemClock),
    };
    let outcome = env
        .registry
        .get(OperationType::EvidenceSnapshotGenerate)
        .unwrap()
        .execute(ctx)
        .await
        .unwrap();
    assert_eq!(outcome.outcome, RunOutcome::Succeeded);
    env.service
        .complete(run.id, "test-worker", outcome)
        .await
        .unwrap();

    let mut db = env.store.conn().await.unwrap();
    let snapshot = atlas_store::evidence::of_run(&mut db, run.id)
        .await
        .unwrap()
        .unwrap();
    assert!(snapshot.is_usable());
    let content = snapshot.content.as_ref().unwrap();
    assert_eq!(content.inventory.iter().map(|t| t.count).sum::<i64>(), 30);
    assert_eq!(content.open_findings[&Severity::High], 1);
    assert_eq!(content.role_holders.len(), 2);
    assert_eq!(
        (content.operations.total, content.operations.failed),
        (1, 1)
    );
    assert_eq!(content.operations.recent_failures.len(), 1);
    assert_eq!(snapshot.content_hash.as_ref().unwrap().len(), 64);
    // Complete is final: the snapshot cannot be completed or failed again.
    assert!(!atlas_store::evidence::fail(
        &mut db,
        snapshot.id,
        atlas_domain::ReasonCode::EvidenceProducerEnded,
        Timestamp::now()
    )
    .await
    .unwrap());

    // A capture whose worker died before writing: the run's end leaves it incomplete.
    start_evidence(&env).await;
    let dead = env.service.claim("dead-worker").await.unwrap().unwrap();
    let building = atlas_domain::EvidenceSnapshot {
        id: atlas_domain::EvidenceSnapshotId::new(),
        workspace_id: env.tenant.workspace_id,
        tenant_id: env.tenant.id,
        run_id: Some(dead.id),
        state: atlas_domain::baseline::SnapshotState::Building,
        content: None,
        content_hash: None,
        failure_reason: None,
        created_at: Timestamp::now(),
        completed_at: None,
    };
    atlas_store::evidence::insert_building(&mut db, &building)
        .await
        .unwrap();
    env.service
        .force_fail(
            dead.id,
            Some("dead-worker"),
            atlas_domain::reasons::RunReason::QueueFailureBridge,
            "died",
            serde_json::json!({}),
        )
        .await
        .unwrap();
    let left = atlas_store::evidence::get(&mut db, building.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        left.state,
        atlas_domain::baseline::SnapshotState::Incomplete
    );
    assert_eq!(
        left.failure_reason,
        Some(atlas_domain::ReasonCode::EvidenceProducerEnded)
    );
    assert!(!left.is_usable());
}

async fn start_evidence(env: &Env) {
    env.service
        .start(atlas_engine::StartRequest {
            workspace_id: env.tenant.workspace_id,
            tenant_id: Some(env.tenant.id),
            initiator: None,
            operation: OperationType::EvidenceSnapshotGenerate,
            inputs: serde_json::json!({}),
            identity: None,
            batch: None,
            notify: false,
        })
        .await
        .unwrap();
}

async fn a_review_is_composed_from_complete_evidence_only(store: Store) {
    let env = env(store).await;
    start_evidence(&env).await;
    let run = env.service.claim("test-worker").await.unwrap().unwrap();
    let outcome = execute(&env, &run, OperationType::EvidenceSnapshotGenerate).await;
    env.service
        .complete(run.id, "test-worker", outcome)
        .await
        .unwrap();
    let mut db = env.store.conn().await.unwrap();
    let snapshot = atlas_store::evidence::of_run(&mut db, run.id)
        .await
        .unwrap()
        .unwrap();

    let compose = |evidence_snapshot_id| atlas_engine::StartRequest {
        workspace_id: env.tenant.workspace_id,
        tenant_id: Some(env.tenant.id),
        initiator: None,
        operation: OperationType::ReviewCompose,
        inputs: serde_json::to_value(atlas_packs::ComposeInputs {
            evidence_snapshot_id,
        })
        .unwrap(),
        identity: None,
        batch: None,
        notify: false,
    };
    env.service.start(compose(snapshot.id)).await.unwrap();
    let run = env.service.claim("test-worker").await.unwrap().unwrap();
    let outcome = execute(&env, &run, OperationType::ReviewCompose).await;
    assert_eq!(outcome.outcome, RunOutcome::Succeeded);
    env.service
        .complete(run.id, "test-worker", outcome)
        .await
        .unwrap();
    let review = atlas_store::reviews::latest_for_tenant(&mut db, env.tenant.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(review.evidence_snapshot_id, snapshot.id);
    let keys: Vec<_> = review.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        ["configuration", "drift", "privileged_access", "operations"]
    );
    assert!(
        review
            .highlights
            .iter()
            .any(|h| h.contains("high or critical")),
        "{:?}",
        review.highlights
    );
    assert!(!review.actions.is_empty());

    // The next pack carries the review, its note in pseudonyms without personal data.
    atlas_store::reviews::set_note(
        &mut db,
        review.id,
        &format!("Discussed with {CANARY_NAME} ({CANARY_LOGIN})."),
        env.canary,
        Timestamp::now(),
    )
    .await
    .unwrap();
    let pack = queued(env.request(OPTIONS).await);
    assert_eq!(env.work().await, RunOutcome::Succeeded);
    let ready = atlas_store::review_packs::get(&mut db, pack.id)
        .await
        .unwrap()
        .unwrap();
    let files = contents(&env.file(&ready));
    let (_, review_json) = files
        .iter()
        .find(|(name, _)| name == "review/review.json")
        .expect("the review is in the pack");
    assert!(
        review_json.contains("Discussed with Person"),
        "{review_json}"
    );
    assert!(!review_json.to_lowercase().contains("canary"));
    let (_, summary) = files
        .iter()
        .find(|(name, _)| name == "summary.html")
        .unwrap();
    assert!(summary.contains("Recommended actions"));

    // Evidence that is not complete (or not this tenant's) is refused before anything is written.
    env.service
        .start(compose(atlas_domain::EvidenceSnapshotId::new()))
        .await
        .unwrap();
    let run = env.service.claim("test-worker").await.unwrap().unwrap();
    let outcome = execute(&env, &run, OperationType::ReviewCompose).await;
    assert_eq!(outcome.outcome, RunOutcome::Blocked);
    assert_eq!(
        outcome.reason_code,
        Some(atlas_domain::ReasonCode::ReviewEvidenceUnusable)
    );
}

async fn execute(
    env: &Env,
    run: &atlas_domain::OperationRun,
    operation: OperationType,
) -> atlas_engine::HandlerOutcome {
    let ctx = RunContext {
        run: run.clone(),
        progress: Progress::default(),
        cancel: CancellationToken::new(),
        store: env.store.clone(),
        clock: Arc::new(SystemClock),
    };
    env.registry
        .get(operation)
        .unwrap()
        .execute(ctx)
        .await
        .unwrap()
}
