//! `tenant.review_pack.generate`: reads the tenant's pack contents, writes the pack under a
//! temporary name in the exports folder, fsyncs it, reads it back against its manifest, moves it
//! into place, and only then marks the pack ready with its file's size and SHA-256. Any other
//! ending fails the pack (here, or in the run's terminal transaction) and leaves no file.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use atlas_domain::{
    audit::actions, summary::SummaryKey, AuditActor, AuditEntry, FailureEntry, OperationType,
    PackStatus, PackSummary, ReasonCode, ReviewPack, ReviewPackId, RunResult, Timestamp,
};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_store::{audit, review_packs, tenants, workspaces, StoreError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::archive::{self, PackFacts, PackWriter};
use crate::keys::PackKeys;
use crate::signing::encode_hex;
use crate::sources::PackSources;
use crate::view::PackView;
use crate::{files, PackError};

/// The run's inputs: the pack row it writes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerateInputs {
    pub pack_id: ReviewPackId,
}

#[derive(Debug)]
pub struct GeneratePackHandler {
    keys: Arc<dyn PackKeys>,
    packs_dir: PathBuf,
    generator: String,
}

impl GeneratePackHandler {
    /// Packs are written into `packs_dir`; `generator` names this product and version in each.
    pub fn new(keys: Arc<dyn PackKeys>, packs_dir: PathBuf, generator: String) -> Self {
        Self {
            keys,
            packs_dir,
            generator,
        }
    }
}

/// Where a pack's file lives once ready.
pub fn pack_file(packs_dir: &Path, id: ReviewPackId) -> PathBuf {
    packs_dir.join(format!("{id}.zip"))
}

/// Where it is written first.
pub(crate) fn partial_file(packs_dir: &Path, id: ReviewPackId) -> PathBuf {
    packs_dir.join(format!("{id}{PARTIAL}"))
}

/// Where its part is written meanwhile (see [`crate::archive::PackPart`]), until it is merged.
pub(crate) fn part_file(packs_dir: &Path, id: ReviewPackId) -> PathBuf {
    packs_dir.join(format!("{id}{PART}"))
}

pub(crate) const PARTIAL: &str = ".zip.partial";
pub(crate) const PART: &str = ".zip.part";

fn store_error(error: StoreError) -> HandlerError {
    HandlerError::new("store", error.to_string())
}

/// Why a pack could not be made, as the run reports it.
struct Refusal {
    code: ReasonCode,
    message: String,
}

impl Refusal {
    fn new(code: ReasonCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    fn from_pack(error: PackError) -> Self {
        match &error {
            PackError::Write(io) if is_disk_full(io) => Self::new(
                ReasonCode::PackDiskFull,
                "The disk is full: the partial pack was removed.",
            ),
            _ => Self::new(ReasonCode::PackWriteFailed, error.to_string()),
        }
    }
}

fn is_disk_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

#[async_trait::async_trait]
impl Handler for GeneratePackHandler {
    type Input = GenerateInputs;

    fn operation(&self) -> OperationType {
        OperationType::ReviewPackGenerate
    }

    async fn execute(
        &self,
        ctx: RunContext,
        input: GenerateInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let Some(pack) = review_packs::get(&mut db, input.pack_id)
            .await
            .map_err(store_error)?
        else {
            return Ok(failed(
                input.pack_id,
                PackStatus::Failed,
                Refusal::new(ReasonCode::PackMissing, "The review pack no longer exists."),
            ));
        };
        if !review_packs::move_status(
            &mut db,
            pack.id,
            PackStatus::Queued,
            PackStatus::Generating,
            ctx.clock.now(),
        )
        .await
        .map_err(store_error)?
        {
            let now = review_packs::get(&mut db, pack.id)
                .await
                .map_err(store_error)?;
            let status = now.map_or(PackStatus::Failed, |p| p.status);
            return Ok(failed(
                pack.id,
                status,
                Refusal::new(
                    ReasonCode::PackNotQueued,
                    format!("The review pack was {status}, not queued."),
                ),
            ));
        }
        drop(db);
        match self.generate(&ctx, &pack).await? {
            Ok((summary, size)) => {
                ctx.progress.set(SummaryKey::Items, summary.files);
                Ok(
                    HandlerOutcome::succeeded().with_result(RunResult::ReviewPack {
                        pack_id: pack.id,
                        pack_status: PackStatus::Ready,
                        files: summary.files,
                        file_size: Some(size),
                    }),
                )
            }
            Err(refusal) => {
                let mut db = ctx.store.conn().await.map_err(store_error)?;
                review_packs::move_status(
                    &mut db,
                    pack.id,
                    PackStatus::Generating,
                    PackStatus::Failed,
                    ctx.clock.now(),
                )
                .await
                .map_err(store_error)?;
                Ok(failed(pack.id, PackStatus::Failed, refusal))
            }
        }
    }
}

fn failed(pack_id: ReviewPackId, status: PackStatus, refusal: Refusal) -> HandlerOutcome {
    HandlerOutcome::failed(vec![FailureEntry {
        code: refusal.code.code().into(),
        reason_code: refusal.code,
        message: refusal.message,
    }])
    .with_result(RunResult::ReviewPack {
        pack_id,
        pack_status: status,
        files: 0,
        file_size: None,
    })
}

impl GeneratePackHandler {
    /// Writes, checks and records the pack; on a refusal the caller fails it. Store errors
    /// are the run's own failure (the terminal transaction fails the pack then).
    async fn generate(
        &self,
        ctx: &RunContext,
        pack: &ReviewPack,
    ) -> Result<Result<(PackSummary, i64), Refusal>, HandlerError> {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let tenant = tenants::get(&mut db, pack.tenant_id)
            .await
            .map_err(store_error)?
            .ok_or_else(|| HandlerError::new("store", "the pack's tenant no longer exists"))?;
        let workspace = workspaces::get(&mut db, pack.workspace_id)
            .await
            .map_err(store_error)?
            .ok_or_else(|| HandlerError::new("store", "the pack's workspace no longer exists"))?;
        let settings = review_packs::settings(&mut db, pack.workspace_id)
            .await
            .map_err(store_error)?;
        drop(db);
        let now = ctx.clock.now();
        let started = std::time::Instant::now();
        // The keyring answers while the store is read.
        let (key, sources) = tokio::join!(
            self.keys.signing_key(pack.workspace_id),
            PackSources::read(&ctx.store, tenant, pack.options, now)
        );
        let key = match key {
            Ok(key) => key,
            Err(why) => {
                return Ok(Err(Refusal::new(
                    ReasonCode::PackSigningKeyUnavailable,
                    why,
                )))
            }
        };
        let sources = sources.map_err(store_error)?;
        let read_ms = started.elapsed().as_millis();
        // The fingerprint of what is written (the data may have changed since it was asked
        // for): the pack is recorded under it. Hashed on a second core while the view is built.
        let (fingerprint, view) = std::thread::scope(|scope| {
            let fingerprint = scope.spawn(|| sources.fingerprint(pack.options));
            let view = PackView::new(&sources, &workspace.name, pack.options, now);
            (fingerprint.join(), view)
        });
        let fingerprint = fingerprint.map_err(|_| HandlerError::new("panic", "fingerprint"))?;
        let fingerprint_written = fingerprint.clone();
        let tenant_name = sources.tenant.display_name.clone();
        let key_fingerprint = key.public().fingerprint();
        let facts = PackFacts {
            pack_id: pack.id.to_string(),
            generator: self.generator.clone(),
            generated_at: now.to_rfc3339(),
            workspace: workspace.name.clone(),
            tenant_id: pack.tenant_id.to_string(),
            tenant_name: sources.tenant.display_name.clone(),
            fingerprint: fingerprint.clone(),
            previous_fingerprint: pack.previous_fingerprint.clone(),
            include_pii: pack.options.include_pii,
            include_operations: pack.options.include_operations,
            data_freshness: sources
                .freshness
                .iter()
                .map(|(part, at)| (part.clone(), at.map(|t| t.to_rfc3339())))
                .collect(),
        };
        let mut summary = PackSummary {
            inventory_items: view.inventory.len() as i64,
            policy_types: view.inventory_by_type.len() as i64,
            open_findings: view.open_by_severity.clone(),
            role_assignments: view.role_holders.len() as i64,
            operations: view.operations.as_ref().map(|o| o.len() as i64),
            files: 0,
            data_freshness: sources.freshness.clone(),
            signing_key_fingerprint: Some(key_fingerprint),
        };
        drop(sources);

        let dir = self.packs_dir.clone();
        let id = pack.id;
        let public = key.public();
        let written =
            tokio::task::spawn_blocking(move || -> Result<(usize, i64, String), Refusal> {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| Refusal::from_pack(PackError::Write(e)))?;
                let partial = partial_file(&dir, id);
                let part = part_file(&dir, id);
                let _ = std::fs::remove_file(&partial);
                let _ = std::fs::remove_file(&part);
                let result = write_and_check(
                    &partial,
                    &part,
                    &pack_file(&dir, id),
                    now,
                    &view,
                    &fingerprint,
                    facts,
                    &key,
                    &public,
                );
                if result.is_err() {
                    let _ = std::fs::remove_file(&partial);
                    let _ = std::fs::remove_file(&part);
                }
                result
            })
            .await
            .map_err(|e| HandlerError::new("panic", e.to_string()))?;
        tracing::debug!(pack = %pack.id, read_ms, total_ms = started.elapsed().as_millis(), "pack written and verified");
        let (files, size, sha256) = match written {
            Ok(written) => written,
            Err(refusal) => return Ok(Err(refusal)),
        };
        summary.files = files as i64;

        let final_path = pack_file(&self.packs_dir, pack.id);
        let mut tx = ctx.store.begin().await.map_err(store_error)?;
        let ready = review_packs::ReadyPack {
            fingerprint: &fingerprint_written,
            summary: &summary,
            file_size: size,
            file_sha256: &sha256,
            generated_at: now,
            expires_at: settings.expires_at(now),
        };
        let marked = match review_packs::mark_ready(&mut tx, pack.id, &ready).await {
            Ok(marked) => marked,
            Err(StoreError::Conflict(_)) => false,
            Err(other) => {
                let _ = std::fs::remove_file(&final_path);
                return Err(store_error(other));
            }
        };
        if !marked {
            drop(tx);
            let _ = std::fs::remove_file(&final_path);
            return Ok(Err(Refusal::new(
                ReasonCode::PackNotQueued,
                "The pack stopped being generated meanwhile, or another pack already holds the same content.",
            )));
        }
        audit::insert(
            &mut tx,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(pack.workspace_id),
                tenant_id: Some(pack.tenant_id),
                actor: pack
                    .initiated_by
                    .map_or(AuditActor::System, |user_id| AuditActor::User { user_id }),
                action: actions::REVIEW_PACK_GENERATED.into(),
                target_type: "review_pack".into(),
                target_id: Some(pack.id.to_string()),
                summary: format!("Review pack generated for {tenant_name}"),
                metadata: serde_json::json!({
                    "fingerprint": fingerprint_written,
                    "previous_fingerprint": pack.previous_fingerprint,
                    "file_size": size,
                    "file_sha256": sha256,
                    "files": files,
                    "options": pack.options,
                    "signing_key_fingerprint": summary.signing_key_fingerprint,
                }),
                created_at: now,
            },
        )
        .await
        .map_err(store_error)?;
        if let Err(error) = tx.commit().await {
            let _ = std::fs::remove_file(&final_path);
            return Err(store_error(error));
        }
        Ok(Ok((summary, size)))
    }
}

/// Writes the pack to `partial` (its part to `part`, merged in), fsyncs it, verifies it against
/// its own manifest and the key, hashes the whole file and moves it to `final_path` (fsyncing
/// the folder). Returns the files written, the size and the SHA-256 of the ZIP.
#[allow(clippy::too_many_arguments)]
fn write_and_check(
    partial: &Path,
    part: &Path,
    final_path: &Path,
    now: Timestamp,
    view: &PackView,
    fingerprint: &str,
    facts: PackFacts,
    key: &crate::PackSigningKey,
    public: &crate::PackPublicKey,
) -> Result<(usize, i64, String), Refusal> {
    let started = std::time::Instant::now();
    let mut writer = PackWriter::create(partial, part, now).map_err(Refusal::from_pack)?;
    let files =
        files::write_all(&mut writer, view, fingerprint, public).map_err(Refusal::from_pack)?;
    writer.finish(facts, key).map_err(Refusal::from_pack)?;
    let write_ms = started.elapsed().as_millis();
    let verdict = archive::verify(partial, Some(public))
        .map_err(|e| Refusal::new(ReasonCode::PackVerificationFailed, e.to_string()))?;
    if !verdict.is_intact() {
        let named: Vec<String> = verdict
            .problems
            .iter()
            .map(|p| format!("{} {}", p.path, p.problem))
            .collect();
        return Err(Refusal::new(
            ReasonCode::PackVerificationFailed,
            format!(
                "The written pack did not match its manifest: {}",
                named.join("; ")
            ),
        ));
    }
    let verify_ms = started.elapsed().as_millis() - write_ms;
    tracing::debug!(write_ms, verify_ms, "pack file written, then read back");
    let (size, sha256) = hash_file(partial).map_err(|e| Refusal::from_pack(PackError::Write(e)))?;
    std::fs::rename(partial, final_path).map_err(|e| Refusal::from_pack(PackError::Write(e)))?;
    // The rename itself must survive a crash: fsync the folder (Unix; Windows has no need).
    #[cfg(unix)]
    if let Some(dir) = final_path.parent() {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Refusal::from_pack(PackError::Write(e)))?;
    }
    // Besides its content files: the public key, the manifest, SHA256SUMS and the signature.
    Ok((files + 4, size, sha256))
}

/// The whole file's size and SHA-256, hex.
pub fn hash_file(path: &Path) -> io::Result<(i64, String)> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut size = 0i64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as i64;
    }
    Ok((size, encode_hex(&hasher.finalize())))
}
