//! Imports of other tools' backups (SPEC §6.7): an IntuneCD or IntuneManagement folder read for
//! a tenant (`atlas_interop::import`), previewed without writing, then stored in one
//! transaction as an imported backup set — versions of purpose `import` with their provenance,
//! the set `partial` when any file could not be imported — and, when asked, a baseline snapshot
//! whose lifecycle the §6.7 decision table sets (`atlas_baselines::imported`). The same folder
//! imports once.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use atlas_baselines::imported;
use atlas_domain::{
    audit::actions, AuditActor, AuditEntry, BackupOrigin, BackupSet, BackupSetId, BackupSetStatus,
    BaselineProfile, BaselineProfileId, BaselineSnapshotId, Capability, HistoryEvidence,
    ImportSkip, InventorySelection, NotCarried, ProofRule, SnapshotState, Tenant, TenantId,
    Timestamp, TypeCompleteness, TypesRead, VersionPurpose,
};
use atlas_graph::ObjectContent;
use atlas_interop::import::{self, Lookups, Scan};
use atlas_store::{
    audit, backup_sets, groups, policy_versions, policy_versions::NewVersion, Db, StoreError,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{access, commands::baselines::visible_profile, Actor, Api, ApiError, ErrorCode};

/// Unresolved names listed at most (the count says how many there were).
const UNRESOLVED_LISTED: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub tenant_id: TenantId,
    /// The backup folder, as a full path.
    pub folder: String,
    /// Also make a baseline snapshot of this full-content profile (whose source tenant is this
    /// tenant) from the import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub baseline_profile_id: Option<BaselineProfileId>,
}

/// The baseline snapshot an import made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportedSnapshotView {
    pub snapshot_id: BaselineSnapshotId,
    pub profile_id: BaselineProfileId,
    pub profile_name: String,
    pub state: SnapshotState,
    /// The decision table's rule that set `state`.
    pub rule: ProofRule,
    pub items: i64,
}

/// Objects of one type in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportTypeCount {
    pub object_type: String,
    pub label: String,
    pub objects: u32,
    /// Of those, older versions from the tool's archive.
    pub archived: u32,
}

/// What a folder holds for the tenant (a preview), or what its import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub tenant_id: TenantId,
    /// `IntuneCD` or `IntuneManagement`.
    pub tool: String,
    pub folder: String,
    /// Object files read (imported or not), and files that hold no object (script bodies,
    /// reports, side files).
    pub files_read: u32,
    pub side_files: u32,
    pub objects: u32,
    pub archived: u32,
    pub by_type: Vec<ImportTypeCount>,
    /// Objects matched to an object the tenant already has (by id or by name); the others are
    /// new to TenantAtlas (objects since deleted, or never synced).
    pub matched: u32,
    pub skipped: Vec<ImportSkip>,
    pub not_carried: Vec<NotCarried>,
    /// Names with no match in the tenant, kept as written (at most 200 listed).
    pub unresolved: Vec<String>,
    pub unresolved_total: u32,
    /// After an import: versions stored, and objects whose stored newest version already had
    /// this content.
    pub new_versions: u32,
    pub unchanged: u32,
    /// The imported set (absent in a preview).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub backup_set_id: Option<BackupSetId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<BackupSetStatus>,
    /// This folder, with exactly these files, was imported before: nothing was stored again and
    /// `backup_set_id` is that import's set.
    pub already_imported: bool,
    /// Objects the tool says the backup holds (IntuneCD with `--intunecdmonitor`), if it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub declared_objects: Option<i64>,
    /// What a baseline snapshot from this import is (SPEC §6.7): its lifecycle and the
    /// decision table's rule, from what the backup proves about itself.
    pub snapshot_rule: ProofRule,
    pub snapshot_state: SnapshotState,
    /// The snapshot made (when a profile was given and the folder was new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub snapshot: Option<ImportedSnapshotView>,
}

impl Api {
    /// Reads a backup folder for a tenant and says what an import would store; writes nothing.
    pub async fn preview_import(
        &self,
        actor: &Actor,
        request: ImportRequest,
    ) -> Result<ImportReport, ApiError> {
        let (tenant, folder, scan) = self.scan_folder(actor, &request).await?;
        Ok(report(&tenant, &folder, &scan))
    }

    /// Imports a backup folder into a tenant as an imported backup set (see the module).
    pub async fn import_backup(
        &self,
        actor: &Actor,
        request: ImportRequest,
    ) -> Result<ImportReport, ApiError> {
        let (tenant, folder, scan) = self.scan_folder(actor, &request).await?;
        let profile = match request.baseline_profile_id {
            Some(id) => {
                let mut db = self.store.conn().await?;
                Some(snapshot_profile(&mut db, actor, id, &tenant).await?)
            }
            None => None,
        };
        let mut report = report(&tenant, &folder, &scan);
        if scan.objects.is_empty() {
            return Err(ApiError::invalid(format!(
                "Nothing in {folder} can be imported: {} file(s) were read and none holds an \
                 object TenantAtlas knows. The preview lists every file with its reason.",
                scan.files_read
            )));
        }
        // A capture numbering the same objects meanwhile (team mode) makes the batch fail on
        // the unique version number: the whole import is then written again, once.
        let mut attempt = 0;
        loop {
            match self
                .write_import(
                    actor,
                    &tenant,
                    &folder,
                    &scan,
                    profile.as_ref(),
                    &mut report,
                )
                .await
            {
                Err(e) if e.code == ErrorCode::Conflict && attempt == 0 => attempt += 1,
                other => return other.map(|()| report),
            }
        }
    }

    /// The import's one transaction (see the module); fills the report's outcome.
    async fn write_import(
        &self,
        actor: &Actor,
        tenant: &Tenant,
        folder: &str,
        scan: &Scan,
        profile: Option<&BaselineProfile>,
        report: &mut ImportReport,
    ) -> Result<(), ApiError> {
        let mut tx = self.store.begin().await?;
        if let Some(set) =
            backup_sets::imported_with_fingerprint(&mut tx, tenant.id, &scan.fingerprint).await?
        {
            tx.rollback().await?;
            report.already_imported = true;
            report.unchanged = report.objects;
            report.backup_set_id = Some(set.id);
            report.status = Some(set.status);
            return Ok(());
        }
        let now = Timestamp::now();
        let status = if scan.skipped.is_empty() {
            BackupSetStatus::Complete
        } else {
            BackupSetStatus::Partial
        };
        let set = BackupSet {
            id: BackupSetId::new(),
            workspace_id: tenant.workspace_id,
            tenant_id: tenant.id,
            run_id: None,
            schedule_id: None,
            initiated_by: Some(actor.user_id()),
            status: BackupSetStatus::Capturing,
            selection: selection_of(scan),
            item_count: 0,
            new_versions: 0,
            types: TypesRead::new(),
            missing: vec![],
            created_at: now,
            completed_at: None,
            origin: Some(origin(folder, scan, report)),
        };
        backup_sets::insert_capturing(&mut tx, &set).await?;
        let (new_versions, current) = store_versions(&mut tx, tenant, scan, now).await?;
        for (type_key, ids) in &current {
            backup_sets::add_newest_versions(&mut tx, set.id, tenant.id, type_key, ids).await?;
        }
        let types = types_read(scan);
        let ending = backup_sets::SetEnding {
            status,
            new_versions: i64::from(new_versions),
            types: &types,
            missing: &[],
            at: now,
        };
        backup_sets::finish(&mut tx, set.id, &ending).await?;
        if let Some(profile) = profile {
            let made = imported_snapshot(&mut tx, profile, tenant, scan, set.id, now).await?;
            report.snapshot = Some(made);
        }
        audit::insert(
            &mut tx,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(tenant.workspace_id),
                tenant_id: Some(tenant.id),
                actor: AuditActor::User {
                    user_id: actor.user_id(),
                },
                action: actions::BACKUP_IMPORTED.into(),
                target_type: "backup_set".into(),
                target_id: Some(set.id.to_string()),
                summary: format!(
                    "Imported {} objects from a {} backup into {}",
                    report.objects,
                    scan.tool.label(),
                    tenant.display_name
                ),
                metadata: json!({
                    "tool": scan.tool.label(), "folder": folder,
                    "fingerprint": scan.fingerprint, "objects": report.objects,
                    "new_versions": new_versions, "skipped": scan.skipped.len(),
                    "snapshot": report.snapshot.as_ref().map(|s| json!({
                        "id": s.snapshot_id, "state": s.state, "rule": s.rule })),
                }),
                created_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        report.new_versions = new_versions;
        report.unchanged = report.objects - new_versions.min(report.objects);
        report.backup_set_id = Some(set.id);
        report.status = Some(status);
        Ok(())
    }

    async fn scan_folder(
        &self,
        actor: &Actor,
        request: &ImportRequest,
    ) -> Result<(Tenant, String, Scan), ApiError> {
        let mut db = self.store.conn().await?;
        let tenant = access::tenant(
            &mut db,
            actor,
            request.tenant_id,
            Capability::TenantSync,
            "import backups into this tenant",
        )
        .await?;
        let folder = PathBuf::from(request.folder.trim());
        if request.folder.trim().is_empty() || !folder.is_absolute() {
            return Err(ApiError::invalid(
                "Choose the backup folder to import (a full path).",
            ));
        }
        if let Some(id) = request.baseline_profile_id {
            snapshot_profile(&mut db, actor, id, &tenant).await?;
        }
        let lookups = lookups(&mut db, &tenant).await?;
        drop(db);
        let root = folder.clone();
        let scan = tokio::task::spawn_blocking(move || import::scan(&root, &lookups))
            .await
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
            .map_err(|e| ApiError::invalid(e.to_string()))?;
        Ok((tenant, folder.display().to_string(), scan))
    }
}

/// The profile a snapshot from the import is made for: one the actor may manage, capturing
/// this tenant in full content.
async fn snapshot_profile(
    db: &mut impl Db,
    actor: &Actor,
    id: BaselineProfileId,
    tenant: &Tenant,
) -> Result<BaselineProfile, ApiError> {
    let profile = visible_profile(
        db,
        actor,
        id,
        Capability::WorkspaceBaselinesManage,
        "make baseline snapshots",
    )
    .await?;
    if profile.workspace_id != tenant.workspace_id {
        return Err(ApiError::not_found("Baseline profile"));
    }
    match imported::refusal(&profile, tenant) {
        Some(why) => Err(ApiError::invalid(why)),
        None => Ok(profile),
    }
}

/// The snapshot from the import's current objects, each pointing at the version the set holds.
async fn imported_snapshot(
    db: &mut impl Db,
    profile: &BaselineProfile,
    tenant: &Tenant,
    scan: &Scan,
    set: BackupSetId,
    now: Timestamp,
) -> Result<ImportedSnapshotView, ApiError> {
    let versions: HashMap<(String, String), _> = backup_sets::items(db, set)
        .await?
        .into_iter()
        .map(|i| ((i.object_type, i.external_id), i.version_id))
        .collect();
    let objects = scan
        .objects
        .iter()
        .filter(|o| o.archived.is_none())
        .filter_map(|o| {
            let key = (o.object_type.key.to_owned(), o.external_id.clone());
            Some(imported::ImportedObject {
                object_type: o.object_type,
                object: ObjectContent {
                    id: o.external_id.clone(),
                    display_name: o.display_name.clone(),
                    platform: o.object_type.platform_of(&o.content),
                    content: o.content.clone(),
                },
                version_id: *versions.get(&key)?,
            })
        })
        .collect();
    let made =
        imported::snapshot_from_import(db, profile, tenant, objects, evidence(scan), now).await?;
    Ok(ImportedSnapshotView {
        snapshot_id: made.snapshot_id,
        profile_id: profile.id,
        profile_name: profile.name.clone(),
        state: made.state,
        rule: made.rule,
        items: made.items,
    })
}

/// What the backup proves about itself: the count its tool declares, what was found, and
/// whether any file could not be taken over.
fn evidence(scan: &Scan) -> HistoryEvidence {
    HistoryEvidence {
        declared_items: scan.declared_objects,
        producing_run: None,
        found_items: scan.objects.iter().filter(|o| o.archived.is_none()).count() as i64,
        gaps: !scan.skipped.is_empty(),
    }
}

/// The tenant's groups, and its objects' names from their newest versions (objects since
/// removed included: a backup may hold them).
async fn lookups(db: &mut impl Db, tenant: &Tenant) -> Result<Lookups, ApiError> {
    let mut lookups = Lookups::new(tenant.directory_tenant_id.to_string());
    for (id, name) in groups::all_present(db, tenant.id).await? {
        lookups.add_group(&name, &id);
    }
    for (object_type, external_id, name) in policy_versions::names_of_tenant(db, tenant.id).await? {
        lookups.add_object(&object_type, &name, &external_id);
    }
    Ok(lookups)
}

/// Stores every object's version where its content differs from the object's newest one,
/// numbered from the newest stored (archived objects come first, so they are the older), many
/// rows per statement; answers how many were new, and the current objects' ids by type.
async fn store_versions(
    db: &mut impl Db,
    tenant: &Tenant,
    scan: &Scan,
    now: Timestamp,
) -> Result<(u32, BTreeMap<&'static str, Vec<String>>), StoreError> {
    let mut newest: HashMap<&str, HashMap<String, (i64, String)>> = HashMap::new();
    let mut rows = Vec::new();
    let mut current: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for object in &scan.objects {
        let key = object.object_type.key;
        if !newest.contains_key(key) {
            let stored = policy_versions::latest_versions(db, tenant.id, key).await?;
            newest.insert(key, stored);
        }
        let known = newest.get_mut(key).expect("read above");
        let number = match known.get(&object.external_id) {
            Some((_, hash)) if *hash == object.content_hash => None,
            Some((number, _)) => Some(number + 1),
            None => Some(1),
        };
        if let Some(number) = number {
            known.insert(
                object.external_id.clone(),
                (number, object.content_hash.clone()),
            );
            let provenance = json!({
                "tool": scan.tool.label(), "path": object.path,
                "file_sha256": object.file_sha256, "archived": object.archived,
            });
            let version = NewVersion {
                workspace_id: tenant.workspace_id,
                tenant_id: tenant.id,
                object_type: key.to_owned(),
                external_id: object.external_id.clone(),
                display_name: object.display_name.clone(),
                content_hash: object.content_hash.clone(),
                content: object.content.clone(),
                captured_at: now,
                run_id: None,
                purpose: VersionPurpose::Import,
                provenance: Some(provenance),
            };
            rows.push((version, number));
        }
        if object.archived.is_none() {
            current
                .entry(key)
                .or_default()
                .push(object.external_id.clone());
        }
    }
    policy_versions::insert_numbered(db, &rows).await?;
    Ok((u32::try_from(rows.len()).unwrap_or(u32::MAX), current))
}

fn report(tenant: &Tenant, folder: &str, scan: &Scan) -> ImportReport {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut by_type: BTreeMap<&str, ImportTypeCount> = BTreeMap::new();
    let mut unresolved: Vec<String> = Vec::new();
    for object in &scan.objects {
        let entry = by_type
            .entry(object.object_type.key)
            .or_insert_with(|| ImportTypeCount {
                object_type: object.object_type.key.to_owned(),
                label: object.object_type.label.to_owned(),
                objects: 0,
                archived: 0,
            });
        entry.objects += 1;
        entry.archived += u32::from(object.archived.is_some());
        for name in &object.unresolved {
            if !unresolved.contains(name) {
                unresolved.push(name.clone());
            }
        }
    }
    unresolved.sort();
    let unresolved_total = count(unresolved.len());
    unresolved.truncate(UNRESOLVED_LISTED);
    let (snapshot_state, snapshot_rule) = evidence(scan).classify();
    let matched = scan
        .objects
        .iter()
        .filter(|o| o.identity != import::Identity::Derived)
        .count();
    ImportReport {
        tenant_id: tenant.id,
        tool: scan.tool.label().to_owned(),
        folder: folder.to_owned(),
        files_read: count(scan.files_read),
        side_files: count(scan.side_files),
        objects: count(scan.objects.len()),
        archived: count(scan.objects.iter().filter(|o| o.archived.is_some()).count()),
        by_type: by_type.into_values().collect(),
        matched: count(matched),
        skipped: scan
            .skipped
            .iter()
            .map(|s| ImportSkip {
                path: s.path.clone(),
                reason: s.reason.clone(),
            })
            .collect(),
        not_carried: scan
            .not_carried
            .iter()
            .map(|(key, fields)| NotCarried {
                object_type: (*key).to_owned(),
                fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            })
            .collect(),
        unresolved,
        unresolved_total,
        new_versions: 0,
        unchanged: 0,
        backup_set_id: None,
        status: None,
        already_imported: false,
        declared_objects: scan.declared_objects,
        snapshot_rule,
        snapshot_state,
        snapshot: None,
    }
}

fn origin(folder: &str, scan: &Scan, report: &ImportReport) -> BackupOrigin {
    BackupOrigin {
        tool: scan.tool.label().to_owned(),
        tool_version: None,
        folder: folder.to_owned(),
        fingerprint: scan.fingerprint.clone(),
        files_read: i64::from(report.files_read),
        objects: i64::from(report.objects),
        archived: i64::from(report.archived),
        skipped: report.skipped.clone(),
        not_carried: report.not_carried.clone(),
        unresolved: report.unresolved.clone(),
    }
}

/// The types the folder held, as a selection.
fn selection_of(scan: &Scan) -> InventorySelection {
    let mut types: Vec<String> = scan
        .objects
        .iter()
        .map(|o| o.object_type.key.to_owned())
        .collect();
    types.sort();
    types.dedup();
    InventorySelection {
        policy_types: types,
        categories: vec![],
        include_foundations: false,
        include_dependencies: false,
    }
}

/// Per type, the current objects read (every one whole: files that failed are the set's
/// skipped files, not part of a type).
fn types_read(scan: &Scan) -> TypesRead {
    let mut types = TypesRead::new();
    for object in scan.objects.iter().filter(|o| o.archived.is_none()) {
        let entry = types
            .entry(object.object_type.key.to_owned())
            .or_insert(TypeCompleteness {
                listed: 0,
                read: 0,
                failed: 0,
                pages: 0,
                complete: true,
                error: None,
            });
        entry.listed += 1;
        entry.read += 1;
    }
    types
}
