//! `baseline_capture` (SPEC §6.2): records a profile's source tenant as a snapshot whose
//! lifecycle is artifact truth. The snapshot exists as `building` before anything is read; it
//! becomes `complete` only as the last step, after the completion proof passes, and
//! `incomplete` with a reason on any failure (a crash is settled by the run's ending, see the
//! engine's `settle_artifacts`). An identical complete snapshot is reused instead of kept twice.

use std::{collections::HashMap, sync::Arc};

use atlas_domain::{
    summary::SummaryKey, BaselineProfile, BaselineSnapshot, BaselineSnapshotId, CaptureInputs,
    CaptureMode, CompletionProof, FailureEntry, ItemPlan, OperationType, ReasonCode, RunResult,
    SnapshotState, Tenant, TypesRead, VersionPurpose,
};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_store::{
    baselines,
    policy_versions::{self, NewVersion},
    tenants, StoreError,
};
use atlas_sync::{
    scope::{self, counts, store_error},
    TenantGraph,
};

use crate::{
    guards::{capture_refusal, Refusal},
    subjects::{self, TenantSide},
};

#[derive(Debug)]
pub struct CaptureHandler {
    graph: Arc<dyn TenantGraph>,
}

impl CaptureHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

#[async_trait::async_trait]
impl Handler for CaptureHandler {
    type Input = CaptureInputs;

    fn operation(&self) -> OperationType {
        OperationType::BaselineCapture
    }

    fn validate(&self, _inputs: &CaptureInputs) -> Result<(), String> {
        Ok(())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: CaptureInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let (profile, source) = match load(&ctx, &inputs).await? {
            Ok(found) => found,
            Err(refusal) => return Ok(HandlerOutcome::blocked(refusal.code, &refusal.message)),
        };
        // A full-content capture connects first: a source that cannot be reached is refused
        // before any snapshot exists, like every other refusal.
        let scope = match profile.capture_mode {
            CaptureMode::Meta => None,
            CaptureMode::FullContent => match scope::open(&ctx, self.graph.as_ref()).await? {
                Ok(scope) => Some(scope),
                Err(blocked) => return Ok(blocked),
            },
        };
        let snapshot = BaselineSnapshot {
            id: BaselineSnapshotId::new(),
            workspace_id: profile.workspace_id,
            profile_id: profile.id,
            source_tenant_id: source.id,
            capture_mode: profile.capture_mode,
            state: SnapshotState::Building,
            identity_hash: String::new(),
            producer_run_id: Some(ctx.run.id),
            proof: None,
            ambiguous: vec![],
            failure_reason: None,
            failed_at: None,
            created_at: ctx.clock.now(),
            completed_at: None,
            proof_rule: None,
        };
        {
            let mut db = ctx.store.conn().await.map_err(store_error)?;
            baselines::insert_building_snapshot(&mut db, &snapshot)
                .await
                .map_err(store_error)?;
        }
        let capture = Capture {
            ctx: &ctx,
            profile: &profile,
            snapshot: snapshot.id,
        };
        let side = match capture.read(&source, scope.as_ref()).await {
            Ok(side) => side,
            Err(error) => {
                capture.fail(ReasonCode::SnapshotCaptureFailed).await?;
                return Err(error);
            }
        };
        capture.finish(&source, side).await
    }
}

/// The profile and its source tenant, or why the capture may not run.
async fn load(
    ctx: &RunContext,
    inputs: &CaptureInputs,
) -> Result<Result<(BaselineProfile, Tenant), Refusal>, HandlerError> {
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let Some(profile) = baselines::get_profile(&mut db, inputs.profile_id)
        .await
        .map_err(store_error)?
    else {
        return Ok(Err(Refusal {
            code: ReasonCode::ProfileMissing,
            message: "The baseline profile no longer exists.".into(),
        }));
    };
    let tenant = match ctx.run.tenant_id {
        Some(id) => tenants::get(&mut db, id).await.map_err(store_error)?,
        None => None,
    };
    let Some(source) = tenant else {
        return Ok(Err(Refusal {
            code: ReasonCode::TenantMissing,
            message: "The source tenant no longer exists in this workspace.".into(),
        }));
    };
    if let Some(refusal) = capture_refusal(&mut db, &profile, &source)
        .await
        .map_err(store_error)?
    {
        return Ok(Err(refusal));
    }
    Ok(Ok((profile, source)))
}

/// One capture in progress: its run, profile and building snapshot.
struct Capture<'a> {
    ctx: &'a RunContext,
    profile: &'a BaselineProfile,
    snapshot: BaselineSnapshotId,
}

impl Capture<'_> {
    /// The source tenant's side: its inventory (metadata), or a fresh full read through the
    /// connection opened before the snapshot was created.
    async fn read(
        &self,
        source: &Tenant,
        scope: Option<&scope::Scope>,
    ) -> Result<TenantSide, HandlerError> {
        let types = subjects::scope_types(&self.profile.scope);
        match scope {
            None => {
                let side = subjects::from_inventory(self.ctx, source.id, &types).await?;
                self.ctx.progress.set(SummaryKey::Total, types.len() as i64);
                self.ctx
                    .progress
                    .set(SummaryKey::Processed, types.len() as i64);
                Ok(side)
            }
            Some(scope) => {
                subjects::from_graph(
                    self.ctx,
                    scope,
                    types,
                    "The baseline capture",
                    subjects::Keep::Object,
                )
                .await
            }
        }
    }

    /// Plans the items, reuses an identical complete snapshot or writes the items and proves
    /// the snapshot complete.
    async fn finish(
        &self,
        source: &Tenant,
        side: TenantSide,
    ) -> Result<HandlerOutcome, HandlerError> {
        let ctx = self.ctx;
        let unknown = side
            .subjects
            .iter()
            .filter(|s| s.target.hash.is_none())
            .count();
        let failures = side.failures;
        let types = side.types;
        let mut objects = HashMap::new();
        let mut plan = ItemPlan::from_candidates(
            side.subjects
                .into_iter()
                .filter_map(|mut subject| {
                    if let Some(object) = subject.object.take() {
                        let key = (
                            subject.target.policy_type.clone(),
                            subject.target.external_id.clone(),
                        );
                        objects.insert(key, (subject.target.display_name.clone(), object));
                    }
                    subject.into_item()
                })
                .collect(),
        );
        let identity = plan.identity_hash(self.profile, source.id);
        // Assembly errors: objects that could not be read, or inventory rows without a
        // fingerprint (synced before fingerprints existed).
        let mut assembly: Vec<FailureEntry> = failures;
        if unknown > 0 {
            assembly.push(FailureEntry {
                code: ReasonCode::CaptureSourceNotSynced.code().into(),
                reason_code: ReasonCode::CaptureSourceNotSynced,
                message: format!(
                    "{unknown} inventory objects of {} have no configuration fingerprint yet; sync its inventory again, then capture.",
                    source.display_name
                ),
            });
        }
        let expected = plan.items.len() as i64;
        ctx.progress.set(SummaryKey::Items, expected);

        if assembly.is_empty() {
            let mut db = ctx.store.conn().await.map_err(store_error)?;
            if let Some(existing) =
                baselines::find_complete_by_identity(&mut db, self.profile.id, &identity)
                    .await
                    .map_err(store_error)?
            {
                drop(db);
                return self.reuse(existing, &plan, types).await;
            }
        }

        if assembly.is_empty() && !objects.is_empty() {
            self.hold_versions(source, &mut plan, objects).await?;
        }
        let mut tx = ctx.store.begin().await.map_err(store_error)?;
        baselines::set_identity(&mut tx, self.snapshot, &identity, &plan.ambiguous)
            .await
            .map_err(store_error)?;
        if !assembly.is_empty() {
            tx.commit().await.map_err(store_error)?;
            self.fail(ReasonCode::SnapshotCaptureFailed).await?;
            let mut outcome = HandlerOutcome::failed(assembly);
            outcome.counts = counts(&[(SummaryKey::Items, 0)]);
            return Ok(outcome.with_result(self.result(
                Some((self.snapshot, SnapshotState::Incomplete)),
                false,
                0,
                &plan,
                types,
            )));
        }
        baselines::insert_items(&mut tx, self.snapshot, &plan.items)
            .await
            .map_err(store_error)?;
        let persisted = baselines::count_items(&mut tx, self.snapshot)
            .await
            .map_err(store_error)?;
        let proof = CompletionProof {
            expected_items: expected,
            persisted_items: persisted,
            was_empty_capture: expected == 0,
        };
        if !proof.passes(false) {
            tx.commit().await.map_err(store_error)?;
            self.fail(ReasonCode::SnapshotCompletionProofFailed).await?;
            let failure = FailureEntry {
                code: ReasonCode::SnapshotCompletionProofFailed.code().into(),
                reason_code: ReasonCode::SnapshotCompletionProofFailed,
                message: format!(
                    "The snapshot holds {persisted} of the {expected} items the capture meant to write."
                ),
            };
            let outcome = HandlerOutcome::failed(vec![failure]);
            return Ok(outcome.with_result(self.result(
                Some((self.snapshot, SnapshotState::Incomplete)),
                false,
                persisted,
                &plan,
                types,
            )));
        }
        let now = ctx.clock.now();
        let completed = baselines::complete_snapshot(&mut tx, self.snapshot, &proof, now)
            .await
            .map_err(store_error)?;
        if !completed {
            // The run ended elsewhere meanwhile (and settled the snapshot): nothing to prove.
            return Err(HandlerError::new(
                "snapshot_settled",
                "The snapshot was settled while the capture was finishing.",
            ));
        }
        baselines::set_current_snapshot(&mut tx, self.profile.id, self.snapshot, now)
            .await
            .map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        let mut outcome = HandlerOutcome::succeeded();
        outcome.counts = counts(&[(SummaryKey::Items, persisted as usize)]);
        Ok(outcome.with_result(self.result(
            Some((self.snapshot, SnapshotState::Complete)),
            false,
            persisted,
            &plan,
            types,
        )))
    }

    /// An identical complete snapshot exists: this attempt's building snapshot is discarded and
    /// the profile points at the existing one.
    async fn reuse(
        &self,
        existing: BaselineSnapshot,
        plan: &ItemPlan,
        types: TypesRead,
    ) -> Result<HandlerOutcome, HandlerError> {
        let now = self.ctx.clock.now();
        let mut tx = self.ctx.store.begin().await.map_err(store_error)?;
        baselines::discard_building(&mut tx, self.snapshot)
            .await
            .map_err(store_error)?;
        baselines::set_current_snapshot(&mut tx, self.profile.id, existing.id, now)
            .await
            .map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        let items = existing
            .proof
            .as_ref()
            .map(|p| p.persisted_items)
            .unwrap_or_default();
        let mut outcome = HandlerOutcome::succeeded();
        outcome.counts = counts(&[
            (SummaryKey::Items, items as usize),
            (SummaryKey::Skipped, items as usize),
        ]);
        Ok(outcome.with_result(self.result(
            Some((existing.id, SnapshotState::Complete)),
            true,
            items,
            plan,
            types,
        )))
    }

    /// Holds every object the capture read as a `baseline_evidence` policy version (the newest
    /// version when it holds the same content already) and points the items at them, so a
    /// remediating restore can write the baseline's content later. A policy sync numbering the
    /// same objects meanwhile makes the batch retry on the fresh numbers.
    async fn hold_versions(
        &self,
        source: &Tenant,
        plan: &mut ItemPlan,
        mut objects: HashMap<(String, String), (String, (serde_json::Value, String))>,
    ) -> Result<(), HandlerError> {
        let ctx = self.ctx;
        let now = ctx.clock.now();
        let mut held = Vec::with_capacity(plan.items.len());
        let mut versions = Vec::with_capacity(plan.items.len());
        for (index, item) in plan.items.iter().enumerate() {
            let external = item.meta["external_id"].as_str().unwrap_or_default();
            let key = (item.policy_type.clone(), external.to_owned());
            let Some((display_name, (content, content_hash))) = objects.remove(&key) else {
                continue;
            };
            held.push(index);
            versions.push(NewVersion {
                workspace_id: source.workspace_id,
                tenant_id: source.id,
                object_type: item.policy_type.clone(),
                external_id: external.to_owned(),
                display_name,
                content_hash,
                content,
                captured_at: now,
                run_id: Some(ctx.run.id),
                purpose: VersionPurpose::BaselineEvidence,
                provenance: None,
            });
        }
        let mut attempts = 0;
        let ids = loop {
            let mut tx = ctx.store.begin().await.map_err(store_error)?;
            match policy_versions::record(&mut tx, &versions).await {
                Ok(ids) => {
                    tx.commit().await.map_err(store_error)?;
                    break ids;
                }
                Err(StoreError::Conflict(_)) if attempts < 3 => {
                    tx.rollback().await.map_err(store_error)?;
                    attempts += 1;
                }
                Err(other) => return Err(store_error(other)),
            }
        };
        for (index, id) in held.into_iter().zip(ids) {
            plan.items[index].version_id = Some(id);
        }
        Ok(())
    }

    /// Ends the building snapshot as incomplete with `reason`.
    async fn fail(&self, reason: ReasonCode) -> Result<(), HandlerError> {
        let mut db = self.ctx.store.conn().await.map_err(store_error)?;
        baselines::fail_snapshot(&mut db, self.snapshot, reason, self.ctx.clock.now())
            .await
            .map_err(store_error)?;
        Ok(())
    }

    fn result(
        &self,
        snapshot: Option<(BaselineSnapshotId, SnapshotState)>,
        reused: bool,
        items: i64,
        plan: &ItemPlan,
        types: TypesRead,
    ) -> RunResult {
        RunResult::BaselineCapture {
            profile_id: self.profile.id,
            capture_mode: self.profile.capture_mode,
            snapshot_id: snapshot.map(|(id, _)| id),
            snapshot_state: snapshot.map(|(_, state)| state),
            reused,
            items,
            ambiguous: plan.ambiguous.clone(),
            types,
        }
    }
}
