//! Asking for a pack: the same content (same fingerprint) is never packed twice while an
//! active pack holds it — a ready one is returned as "already available", one being made is
//! returned as it is, and only otherwise is a new pack queued with its run.

use atlas_domain::{
    OperationRun, OperationType, PackOptions, PackStatus, PackSummary, ReviewPack, ReviewPackId,
    Tenant, Timestamp, UserId,
};
use atlas_engine::{EngineError, RunService, StartRequest};
use atlas_store::{review_packs, Store};

use crate::generate::GenerateInputs;
use crate::sources::PackSources;

/// What asking for a pack did.
#[derive(Debug, Clone, PartialEq)]
pub enum PackRequest {
    /// A new pack was queued, and the run that writes it started.
    Queued {
        pack: ReviewPack,
        run: Box<OperationRun>,
    },
    /// A ready pack already holds the same content: nothing was queued.
    AlreadyAvailable { pack: ReviewPack },
    /// A pack of the same content is queued or being written.
    InProgress { pack: ReviewPack },
}

/// Asks for a pack of `tenant` with `options`, started by `initiator`.
pub async fn request_pack(
    store: &Store,
    runs: &RunService,
    tenant: &Tenant,
    options: PackOptions,
    initiator: Option<UserId>,
    notify: bool,
    now: Timestamp,
) -> Result<PackRequest, EngineError> {
    let sources = PackSources::read(store, tenant.clone(), options, now).await?;
    let mut db = store.conn().await?;
    let fingerprint = sources.fingerprint(options);
    drop(sources);
    if let Some(existing) =
        review_packs::active_with_fingerprint(&mut db, tenant.id, &fingerprint).await?
    {
        return Ok(existing_request(existing));
    }
    let pack = ReviewPack {
        id: ReviewPackId::new(),
        workspace_id: tenant.workspace_id,
        tenant_id: tenant.id,
        run_id: None,
        initiated_by: initiator,
        status: PackStatus::Queued,
        previous_fingerprint: review_packs::latest_ready_fingerprint(&mut db, tenant.id).await?,
        fingerprint,
        options,
        summary: PackSummary::default(),
        file_size: None,
        file_sha256: None,
        generated_at: None,
        expires_at: None,
        file_deleted_at: None,
        created_at: now,
        updated_at: now,
    };
    if !review_packs::insert_if_absent(&mut db, &pack).await? {
        // Someone asked for the same content a moment earlier: theirs is the pack.
        return match review_packs::active_with_fingerprint(&mut db, tenant.id, &pack.fingerprint)
            .await?
        {
            Some(existing) => Ok(existing_request(existing)),
            None => Err(EngineError::InvalidInputs(
                "the review pack could not be recorded; ask again".into(),
            )),
        };
    }
    drop(db);
    let started = runs
        .start(StartRequest {
            workspace_id: tenant.workspace_id,
            tenant_id: Some(tenant.id),
            initiator,
            operation: OperationType::ReviewPackGenerate,
            inputs: serde_json::to_value(GenerateInputs { pack_id: pack.id })
                .expect("inputs serialise"),
            identity: None,
            batch: None,
            notify,
        })
        .await;
    let mut db = store.conn().await?;
    let started = match started {
        Ok(started) => started,
        Err(error) => {
            review_packs::move_status(
                &mut db,
                pack.id,
                PackStatus::Queued,
                PackStatus::Failed,
                now,
            )
            .await?;
            return Err(error);
        }
    };
    review_packs::set_run(&mut db, pack.id, started.run.id).await?;
    let pack = review_packs::get(&mut db, pack.id).await?.unwrap_or(pack);
    Ok(PackRequest::Queued {
        pack,
        run: Box::new(started.run),
    })
}

fn existing_request(pack: ReviewPack) -> PackRequest {
    match pack.status {
        PackStatus::Ready => PackRequest::AlreadyAvailable { pack },
        _ => PackRequest::InProgress { pack },
    }
}
