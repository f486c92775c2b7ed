//! Review packs (SPEC §8.3): asking for one (deduped by content: the same content returns the
//! ready pack as "already available" and queues nothing), the tenant's latest and the
//! workspace's list, saving a ready pack anywhere (the offline download), verifying any pack
//! file, and the workspace's pack settings and signing key.

use std::path::{Path, PathBuf};

use atlas_domain::{
    audit::actions, AuditActor, AuditEntry, Capability, PackSettings, PackStatus, ReviewPack,
    ReviewPackId, RunId, TenantId, Timestamp, WorkspaceId,
};
use atlas_engine::ProcessIdentity;
use atlas_packs::archive::{self, SignatureVerdict};
use atlas_packs::{pack_file, request_pack, PackPublicKey, PackRequest};
use atlas_store::{audit, review_packs, tenants, Db};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{access, Actor, Api, ApiError, ErrorCode};

/// Packs listed per page at most.
const MAX_PAGE: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GenerateReviewPackRequest {
    pub tenant_id: TenantId,
    /// Absent: the workspace's default.
    #[ts(optional)]
    pub include_pii: Option<bool>,
    #[ts(optional)]
    pub include_operations: Option<bool>,
}

/// What asking for a pack did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackIntent {
    /// A new pack was queued.
    Queued,
    /// A pack of the same content is already queued or being written.
    AlreadyQueued,
    /// A ready pack holds the same content; nothing was queued.
    AlreadyAvailable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GenerateReviewPackResponse {
    pub intent: PackIntent,
    pub pack: ReviewPackView,
    /// The run writing the pack (none for an already available pack).
    pub run_id: Option<RunId>,
    /// The toast's words.
    pub message: String,
}

/// A pack as lists and cards show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewPackView {
    pub pack: ReviewPack,
    pub tenant_name: String,
    /// A ready or expired pack whose file is still in the data folder.
    pub file_available: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewPackRequest {
    pub pack_id: ReviewPackId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListReviewPacksRequest {
    pub workspace_id: WorkspaceId,
    #[ts(optional)]
    pub tenant_id: Option<TenantId>,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewPackPage {
    pub items: Vec<ReviewPackView>,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveReviewPackRequest {
    pub pack_id: ReviewPackId,
    /// The file to write (an absolute path, as a save dialog returns it).
    pub destination: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedReviewPack {
    pub path: String,
    pub size: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyPackFileRequest {
    pub path: String,
    /// Check the signature against this workspace's key (when it has one).
    #[ts(optional)]
    pub workspace_id: Option<WorkspaceId>,
}

/// How a pack's signature was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignatureState {
    /// Valid, by the workspace's own key.
    Trusted,
    /// Valid for the key inside the pack; no workspace key to compare it with.
    ValidForPackKey,
    /// Valid, but made by another key than the workspace's.
    OtherKey,
    Invalid,
    Unchecked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackFileProblem {
    pub path: String,
    pub problem: String,
}

/// A verdict on a pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackVerification {
    pub intact: bool,
    /// One sentence: what the verdict means.
    pub verdict: String,
    pub signature: SignatureState,
    /// The fingerprint of the key that signed it, as the pack names it.
    pub key_fingerprint: Option<String>,
    pub problems: Vec<PackFileProblem>,
    pub files_checked: i64,
    pub tenant_name: Option<String>,
    pub workspace_name: Option<String>,
    pub generated_at: Option<String>,
    pub fingerprint: Option<String>,
}

/// The workspace's pack settings and signing key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewPackSettingsView {
    pub settings: PackSettings,
    /// None until the first pack of the workspace is signed.
    pub signing_key: Option<SigningKeyView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SigningKeyView {
    pub fingerprint: String,
    pub public_key_pem: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateReviewPackSettingsRequest {
    pub workspace_id: WorkspaceId,
    pub settings: PackSettings,
}

impl Api {
    /// Where this installation keeps pack files.
    pub fn packs_dir(&self) -> PathBuf {
        packs_dir(&self.data_dir)
    }

    /// Asks for a pack of the tenant; the same content is never packed twice.
    pub async fn generate_review_pack(
        &self,
        actor: &Actor,
        request: GenerateReviewPackRequest,
    ) -> Result<GenerateReviewPackResponse, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackManage,
                "generate review packs",
            )
            .await?;
        let mut db = self.store.conn().await?;
        let settings = review_packs::settings(&mut db, tenant.workspace_id).await?;
        drop(db);
        let options = atlas_domain::PackOptions {
            include_pii: request.include_pii.unwrap_or(settings.defaults.include_pii),
            include_operations: request
                .include_operations
                .unwrap_or(settings.defaults.include_operations),
        };
        let ask = || async {
            request_pack(
                &self.store,
                &self.runs,
                &tenant,
                options,
                Some(actor.user_id()),
                !self.quiet_inbox,
                Timestamp::now(),
            )
            .await
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::Internal,
                    format!("The review pack could not be queued: {e}"),
                )
            })
        };
        let mut requested = ask().await?;
        // A ready pack of the same content whose file this computer should hold but does not
        // (removed from the data folder by hand) can never be saved: it is retired, and the
        // content packed again. One made on another computer is that computer's to save.
        let mut made_elsewhere = None;
        if let PackRequest::AlreadyAvailable { pack } = &requested {
            if !pack_file(&self.packs_dir(), pack.id).is_file() {
                made_elsewhere = self.generated_on_another_computer(pack).await?;
                if made_elsewhere.is_none() && self.retire_without_file(pack).await? {
                    requested = ask().await?;
                }
            }
        }
        let (intent, pack, run_id, message) = match requested {
            PackRequest::Queued { pack, run } => {
                let mut db = self.store.conn().await?;
                audit::insert(
                    &mut db,
                    &AuditEntry {
                        id: uuid::Uuid::now_v7(),
                        workspace_id: Some(tenant.workspace_id),
                        tenant_id: Some(tenant.id),
                        actor: AuditActor::User { user_id: actor.user_id() },
                        action: actions::REVIEW_PACK_REQUESTED.into(),
                        target_type: "review_pack".into(),
                        target_id: Some(pack.id.to_string()),
                        summary: format!("Review pack requested for {}", tenant.display_name),
                        metadata: serde_json::json!({ "options": options, "fingerprint": pack.fingerprint, "run_id": run.id }),
                        created_at: Timestamp::now(),
                    },
                )
                .await?;
                (
                    PackIntent::Queued,
                    pack,
                    Some(run.id),
                    "Review pack queued".to_owned(),
                )
            }
            PackRequest::InProgress { pack } => {
                let run = pack.run_id;
                (
                    PackIntent::AlreadyQueued,
                    pack,
                    run,
                    "A review pack of this content is already being generated".to_owned(),
                )
            }
            PackRequest::AlreadyAvailable { pack } => (
                PackIntent::AlreadyAvailable,
                pack,
                None,
                match made_elsewhere {
                    Some(host) => format!("Review pack already available on {host}"),
                    None => "Review pack already available".to_owned(),
                },
            ),
        };
        Ok(GenerateReviewPackResponse {
            intent,
            pack: self.view(pack, tenant.display_name.clone()),
            run_id,
            message,
        })
    }

    /// The computer that generated `pack`, when that is not this one (team mode: another
    /// workstation or a worker), from its run's lease.
    async fn generated_on_another_computer(
        &self,
        pack: &ReviewPack,
    ) -> Result<Option<String>, ApiError> {
        let Some(run_id) = pack.run_id else {
            return Ok(None);
        };
        let mut db = self.store.conn().await?;
        let owner = atlas_store::runs::get(&mut db, run_id)
            .await?
            .and_then(|run| run.lease_owner);
        let host = owner
            .as_deref()
            .and_then(ProcessIdentity::parse_owner)
            .map(|identity| identity.host);
        Ok(host.filter(|host| *host != ProcessIdentity::current().host))
    }

    /// Retires a ready pack whose file is gone from this computer (expired, its file recorded
    /// as deleted, audited), so that its content can be packed again. False when it was no
    /// longer ready.
    async fn retire_without_file(&self, pack: &ReviewPack) -> Result<bool, ApiError> {
        let now = Timestamp::now();
        let mut tx = self.store.begin().await?;
        let retired = review_packs::move_status(
            &mut tx,
            pack.id,
            PackStatus::Ready,
            PackStatus::Expired,
            now,
        )
        .await?
            && review_packs::mark_file_deleted(&mut tx, pack.id, now).await?;
        if !retired {
            return Ok(false);
        }
        audit::insert(
            &mut tx,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(pack.workspace_id),
                tenant_id: Some(pack.tenant_id),
                actor: AuditActor::System,
                action: actions::REVIEW_PACK_FILE_MISSING.into(),
                target_type: "review_pack".into(),
                target_id: Some(pack.id.to_string()),
                summary: "Review pack retired: its file was no longer in the data folder".into(),
                metadata: serde_json::json!({ "fingerprint": pack.fingerprint }),
                created_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The tenant's newest pack, or none yet.
    pub async fn latest_review_pack(
        &self,
        actor: &Actor,
        request: crate::types::TenantRequest,
    ) -> Result<Option<ReviewPackView>, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackView,
                "view review packs",
            )
            .await?;
        let mut db = self.store.conn().await?;
        let latest = review_packs::latest_for_tenant(&mut db, tenant.id).await?;
        Ok(latest.map(|pack| self.view(pack, tenant.display_name.clone())))
    }

    /// One pack.
    pub async fn get_review_pack(
        &self,
        actor: &Actor,
        request: ReviewPackRequest,
    ) -> Result<ReviewPackView, ApiError> {
        let (pack, tenant_name) = self
            .visible_pack(
                actor,
                request.pack_id,
                Capability::ReviewPackView,
                "view review packs",
            )
            .await?;
        Ok(self.view(pack, tenant_name))
    }

    /// One page of the workspace's packs (of one tenant when asked), newest first.
    pub async fn list_review_packs(
        &self,
        actor: &Actor,
        request: ListReviewPacksRequest,
    ) -> Result<ReviewPackPage, ApiError> {
        if request.offset < 0 || !(1..=MAX_PAGE).contains(&request.limit) {
            return Err(ApiError::invalid(format!(
                "A page starts at 0 or later and holds 1 to {MAX_PAGE} packs."
            )));
        }
        let mut db = self.store.conn().await?;
        let visible = access::visible_tenants(
            &mut db,
            actor,
            request.workspace_id,
            Capability::ReviewPackView,
            "view review packs",
        )
        .await?;
        let names: std::collections::HashMap<TenantId, String> =
            tenants::list_visible(&mut db, request.workspace_id, actor.user_id())
                .await?
                .into_iter()
                .map(|t| (t.id, t.display_name))
                .collect();
        let scope: Option<Vec<TenantId>> = match (request.tenant_id, visible) {
            (Some(tenant), Some(visible)) if !visible.contains(&tenant) => {
                return Err(ApiError::not_found("Tenant"))
            }
            (Some(tenant), _) => Some(vec![tenant]),
            (None, visible) => visible,
        };
        let (packs, total) = review_packs::list(
            &mut db,
            request.workspace_id,
            scope.as_deref(),
            request.offset,
            request.limit,
        )
        .await?;
        Ok(ReviewPackPage {
            items: packs
                .into_iter()
                .map(|p| {
                    let name = names.get(&p.tenant_id).cloned().unwrap_or_default();
                    self.view(p, name)
                })
                .collect(),
            total,
        })
    }

    /// Copies a ready pack to `destination` (the offline download), checked against the hash
    /// recorded when it was made; written beside the destination first, then moved into place.
    pub async fn save_review_pack(
        &self,
        actor: &Actor,
        request: SaveReviewPackRequest,
    ) -> Result<SavedReviewPack, ApiError> {
        let (pack, tenant_name) = self
            .visible_pack(
                actor,
                request.pack_id,
                Capability::ReviewPackView,
                "save review packs",
            )
            .await?;
        if pack.status != PackStatus::Ready {
            return Err(ApiError::conflict(format!(
                "Only a ready pack can be saved; this one is {}.",
                pack.status
            )));
        }
        let destination = PathBuf::from(request.destination.trim());
        if !destination.is_absolute() || destination.file_name().is_none() {
            return Err(ApiError::invalid(
                "Choose a file to save the pack as (a full path).",
            ));
        }
        let source = pack_file(&self.packs_dir(), pack.id);
        let expected = pack.file_sha256.clone().unwrap_or_default();
        let saved =
            tokio::task::spawn_blocking(move || copy_checked(&source, &destination, &expected))
                .await
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
        let mut db = self.store.conn().await?;
        audit::insert(
            &mut db,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(pack.workspace_id),
                tenant_id: Some(pack.tenant_id),
                actor: AuditActor::User {
                    user_id: actor.user_id(),
                },
                action: actions::REVIEW_PACK_SAVED.into(),
                target_type: "review_pack".into(),
                target_id: Some(pack.id.to_string()),
                summary: format!("Review pack of {tenant_name} saved to a file"),
                metadata: serde_json::json!({ "path": saved.path, "sha256": saved.sha256 }),
                created_at: Timestamp::now(),
            },
        )
        .await?;
        Ok(saved)
    }

    /// Verifies any pack file: hashes, manifest, signature (against the workspace's key when
    /// one is named and has a key). Reads only; changes nothing.
    pub async fn verify_pack_file(
        &self,
        actor: &Actor,
        request: VerifyPackFileRequest,
    ) -> Result<PackVerification, ApiError> {
        let trusted = match request.workspace_id {
            Some(workspace) => {
                let mut db = self.store.conn().await?;
                access::workspace(
                    &mut db,
                    actor,
                    workspace,
                    Capability::ReviewPackView,
                    "verify review packs",
                )
                .await?;
                review_packs::signing_key(&mut db, workspace)
                    .await?
                    .and_then(|record| PackPublicKey::parse(&record.public_key_pem).ok())
            }
            None => None,
        };
        let path = PathBuf::from(request.path.trim());
        tokio::task::spawn_blocking(move || verify_file(&path, trusted.as_ref()))
            .await
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
    }

    /// The workspace's pack settings and signing key.
    pub async fn review_pack_settings(
        &self,
        actor: &Actor,
        request: crate::types::WorkspaceRequest,
    ) -> Result<ReviewPackSettingsView, ApiError> {
        let mut db = self.store.conn().await?;
        access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::ReviewPackView,
            "view review pack settings",
        )
        .await?;
        settings_view(&mut db, request.workspace_id).await
    }

    /// Changes the workspace's pack defaults and retention; audited.
    pub async fn update_review_pack_settings(
        &self,
        actor: &Actor,
        request: UpdateReviewPackSettingsRequest,
    ) -> Result<ReviewPackSettingsView, ApiError> {
        if let Some(problem) = request.settings.problem() {
            return Err(ApiError::invalid(problem));
        }
        let mut tx = self.store.begin().await?;
        access::workspace(
            &mut tx,
            actor,
            request.workspace_id,
            Capability::ReviewPackManage,
            "change review pack settings",
        )
        .await?;
        let before = review_packs::settings(&mut tx, request.workspace_id).await?;
        let now = Timestamp::now();
        review_packs::put_settings(
            &mut tx,
            request.workspace_id,
            &request.settings,
            actor.user_id(),
            now,
        )
        .await?;
        audit::insert(
            &mut tx,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(request.workspace_id),
                tenant_id: None,
                actor: AuditActor::User {
                    user_id: actor.user_id(),
                },
                action: actions::REVIEW_PACK_SETTINGS_CHANGED.into(),
                target_type: "workspace".into(),
                target_id: Some(request.workspace_id.to_string()),
                summary: "Review pack settings changed".into(),
                metadata: serde_json::json!({ "before": before, "after": request.settings }),
                created_at: now,
            },
        )
        .await?;
        let view = settings_view(&mut tx, request.workspace_id).await?;
        tx.commit().await?;
        Ok(view)
    }

    async fn visible_pack(
        &self,
        actor: &Actor,
        id: ReviewPackId,
        capability: Capability,
        action: &str,
    ) -> Result<(ReviewPack, String), ApiError> {
        let mut db = self.store.conn().await?;
        let pack = review_packs::get(&mut db, id)
            .await?
            .ok_or_else(|| ApiError::not_found("Review pack"))?;
        drop(db);
        let tenant = self
            .authorized_record_tenant(actor, pack.tenant_id, capability, action, "Review pack")
            .await?;
        Ok((pack, tenant.display_name))
    }

    fn view(&self, pack: ReviewPack, tenant_name: String) -> ReviewPackView {
        let file_available = matches!(pack.status, PackStatus::Ready | PackStatus::Expired)
            && pack.file_deleted_at.is_none()
            && pack_file(&self.packs_dir(), pack.id).is_file();
        ReviewPackView {
            pack,
            tenant_name,
            file_available,
        }
    }
}

/// Where an installation with data folder `data_dir` keeps its pack files.
pub fn packs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports").join("review-packs")
}

async fn settings_view(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<ReviewPackSettingsView, ApiError> {
    Ok(ReviewPackSettingsView {
        settings: review_packs::settings(db, workspace).await?,
        signing_key: review_packs::signing_key(db, workspace)
            .await?
            .map(|r| SigningKeyView {
                fingerprint: r.fingerprint,
                public_key_pem: r.public_key_pem,
                created_at: r.created_at,
            }),
    })
}

/// Copies the pack to `destination` through a temporary file beside it, checking the bytes
/// against `expected_sha256` before the move; nothing is left at `destination` on failure.
fn copy_checked(
    source: &Path,
    destination: &Path,
    expected_sha256: &str,
) -> Result<SavedReviewPack, ApiError> {
    let folder = destination.parent().unwrap_or(Path::new("/"));
    if !folder.is_dir() {
        return Err(ApiError::invalid(format!(
            "The folder {} does not exist.",
            folder.display()
        )));
    }
    if !source.is_file() {
        return Err(ApiError::conflict(
            "The pack's file is not in this computer's data folder; generate the pack again (made here, it is made anew; made on another computer, that computer is named).",
        ));
    }
    let mut temporary = destination.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = PathBuf::from(temporary);
    let cannot_write = |e: std::io::Error| {
        let _ = std::fs::remove_file(&temporary);
        ApiError::invalid(format!(
            "The pack could not be written to {}: {e}",
            folder.display()
        ))
    };
    std::fs::copy(source, &temporary).map_err(cannot_write)?;
    std::fs::File::open(&temporary)
        .and_then(|f| f.sync_all())
        .map_err(cannot_write)?;
    let (size, sha256) = atlas_packs::hash_file(&temporary).map_err(cannot_write)?;
    if sha256 != expected_sha256 {
        let _ = std::fs::remove_file(&temporary);
        return Err(ApiError::conflict(
            "The pack's file in the data folder no longer matches the hash recorded when it was made; generate a new pack.",
        ));
    }
    std::fs::rename(&temporary, destination).map_err(cannot_write)?;
    Ok(SavedReviewPack {
        path: destination.display().to_string(),
        size,
        sha256,
    })
}

/// The verdict on one file, in the words the app and the CLI show.
pub fn verify_file(
    path: &Path,
    trusted: Option<&PackPublicKey>,
) -> Result<PackVerification, ApiError> {
    let verdict = archive::verify(path, trusted).map_err(|e| ApiError::invalid(e.to_string()))?;
    let intact = verdict.is_intact();
    let (signature, key_fingerprint, words) = match &verdict.signature {
        SignatureVerdict::Trusted { fingerprint } => (
            SignatureState::Trusted,
            Some(fingerprint.clone()),
            "signed with this workspace's key".to_owned(),
        ),
        SignatureVerdict::ValidForPackKey { fingerprint } => (
            SignatureState::ValidForPackKey,
            Some(fingerprint.clone()),
            "signed with the key it names; compare that key's fingerprint with your MSP's"
                .to_owned(),
        ),
        SignatureVerdict::OtherKey { found, .. } => (
            SignatureState::OtherKey,
            Some(found.clone()),
            "signed with another key than this workspace's".to_owned(),
        ),
        SignatureVerdict::Invalid => (
            SignatureState::Invalid,
            verdict
                .manifest
                .as_ref()
                .map(|m| m.signing_key.fingerprint.clone()),
            "its signature does not match its manifest".to_owned(),
        ),
        SignatureVerdict::Unchecked(why) => (
            SignatureState::Unchecked,
            None,
            format!("its signature could not be checked: {why}"),
        ),
    };
    let sentence = match (intact, verdict.problems.len()) {
        (true, _) => format!("The pack is intact: every file matches its manifest, {words}."),
        (false, 0) => format!("The pack's files match its manifest, but {words}."),
        (false, n) => format!(
            "The pack was changed: {n} {} {} not match the manifest; {words}.",
            if n == 1 { "file" } else { "files" },
            if n == 1 { "does" } else { "do" },
        ),
    };
    let manifest = verdict.manifest.as_ref();
    Ok(PackVerification {
        intact,
        verdict: sentence,
        signature,
        key_fingerprint,
        problems: verdict
            .problems
            .iter()
            .map(|p| PackFileProblem {
                path: p.path.clone(),
                problem: p.problem.clone(),
            })
            .collect(),
        files_checked: verdict.files_checked as i64,
        tenant_name: manifest.map(|m| m.pack.tenant_name.clone()),
        workspace_name: manifest.map(|m| m.pack.workspace.clone()),
        generated_at: manifest.map(|m| m.pack.generated_at.clone()),
        fingerprint: manifest.map(|m| m.pack.fingerprint.clone()),
    })
}
