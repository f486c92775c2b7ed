//! `baseline_compare` (SPEC §6.4–6.5): compares a tenant with the effective snapshot of its
//! assigned profile and brings its findings up to date. The guards run again here; a refused
//! compare ends `blocked` and touches no finding. Full-content compares read the tenant's
//! content afresh first (kept as versions); metadata compares use its inventory.

use std::collections::HashMap;
use std::sync::Arc;

use atlas_domain::{
    finding::{self, reconcile, severity_for, Drift, FindingChange},
    summary::SummaryKey,
    BaselineSnapshotId, CaptureMode, CompareInputs, Finding, FindingAction, FindingChanges,
    FindingEvent, FindingId, FindingKind, FindingStatus, FindingSummary, OperationType, ReasonCode,
    RunResult, SnapshotItem, Tenant, Timestamp,
};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_store::{
    baselines,
    findings::{self, NewEvent, SeenAgain},
    tenants,
};
use atlas_sync::{
    scope::{self, counts, store_error},
    TenantGraph,
};

use crate::{
    evidence::evidence,
    guards::{compare_target, CompareTarget},
    subjects::{self, Subject, TenantSide},
};

#[derive(Debug)]
pub struct CompareHandler {
    graph: Arc<dyn TenantGraph>,
    items: ItemCache,
}

impl CompareHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self {
            graph,
            items: ItemCache::default(),
        }
    }
}

/// The items of the snapshots compared most recently. A complete snapshot never changes, so
/// "Compare all" over many tenants reads its items once instead of once per tenant.
#[derive(Debug, Default)]
struct ItemCache {
    recent: std::sync::Mutex<Vec<(BaselineSnapshotId, Arc<Vec<SnapshotItem>>)>>,
}

impl ItemCache {
    /// Snapshots kept: a few profiles compared side by side.
    const KEPT: usize = 4;

    async fn get(
        &self,
        ctx: &RunContext,
        snapshot: BaselineSnapshotId,
    ) -> Result<Arc<Vec<SnapshotItem>>, HandlerError> {
        let cached = self
            .recent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .find(|(id, _)| *id == snapshot)
            .map(|(_, items)| items.clone());
        if let Some(items) = cached {
            return Ok(items);
        }
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let items = Arc::new(
            baselines::list_items(&mut db, snapshot)
                .await
                .map_err(store_error)?,
        );
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        recent.retain(|(id, _)| *id != snapshot);
        recent.insert(0, (snapshot, items.clone()));
        recent.truncate(Self::KEPT);
        Ok(items)
    }
}

#[async_trait::async_trait]
impl Handler for CompareHandler {
    type Input = CompareInputs;

    fn operation(&self) -> OperationType {
        OperationType::BaselineCompare
    }

    fn validate(&self, _inputs: &CompareInputs) -> Result<(), String> {
        Ok(())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: CompareInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let tenant = match ctx.run.tenant_id {
            Some(id) => tenants::get(&mut db, id).await.map_err(store_error)?,
            None => None,
        };
        let Some(tenant) = tenant else {
            return Ok(HandlerOutcome::blocked(
                ReasonCode::TenantMissing,
                "The tenant no longer exists in this workspace.",
            ));
        };
        let target = match compare_target(&mut db, &tenant, inputs.snapshot_id)
            .await
            .map_err(store_error)?
        {
            Ok(target) => target,
            Err(refusal) => return Ok(HandlerOutcome::blocked(refusal.code, &refusal.message)),
        };
        drop(db);
        let types = subjects::scope_types(&target.profile.scope);
        let side = match target.snapshot.capture_mode {
            CaptureMode::Meta => {
                ctx.progress.set(SummaryKey::Total, types.len() as i64);
                let side = subjects::from_inventory(&ctx, tenant.id, &types).await?;
                ctx.progress.set(SummaryKey::Processed, types.len() as i64);
                side
            }
            CaptureMode::FullContent => {
                let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
                    Ok(scope) => scope,
                    Err(blocked) => return Ok(blocked),
                };
                subjects::from_graph(
                    &ctx,
                    &scope,
                    types,
                    "The baseline compare",
                    subjects::Keep::Configuration,
                )
                .await?
            }
        };
        // Only a complete snapshot gets here (the guard), so its items are final.
        let items = self.items.get(&ctx, target.snapshot.id).await?;
        compare_and_record(&ctx, &tenant, &target, &items, side).await
    }
}

/// Compares, writes the findings' changes in one transaction and reports the result.
pub(crate) async fn compare_and_record(
    ctx: &RunContext,
    tenant: &Tenant,
    target: &CompareTarget,
    items: &[SnapshotItem],
    side: TenantSide,
) -> Result<HandlerOutcome, HandlerError> {
    let settings_level = target.snapshot.capture_mode == CaptureMode::FullContent;
    let comparison = finding::compare(
        items,
        &target.snapshot.ambiguous,
        side.subjects.iter().map(Subject::target),
        &side.reads,
        settings_level,
    );
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await.map_err(store_error)?;
    let stored = findings::stored_for_tenant(&mut tx, tenant.id)
        .await
        .map_err(store_error)?;
    let changes = reconcile(&comparison, &stored);
    let severities: HashMap<FindingId, atlas_domain::Severity> =
        stored.iter().map(|f| (f.id, f.severity)).collect();
    let writes = Writes::plan(ctx, tenant, target, items, &side.subjects, changes, now);
    // Seen again exactly as stored: only the sighting is recorded (a batch, not a row each).
    let (unchanged, seen): (Vec<&Seen>, Vec<&Seen>) = writes
        .seen
        .iter()
        .partition(|s| s.action.is_none() && severities.get(&s.id) == Some(&s.severity));
    findings::touch(
        &mut tx,
        &unchanged.iter().map(|s| s.id).collect::<Vec<_>>(),
        target.profile.id,
        ctx.run.id,
        now,
    )
    .await
    .map_err(store_error)?;
    findings::insert(&mut tx, &writes.new)
        .await
        .map_err(store_error)?;
    for seen in seen {
        findings::update_seen(
            &mut tx,
            &SeenAgain {
                id: seen.id,
                profile_id: target.profile.id,
                display_name: &seen.drift.display_name,
                policy_type: &seen.drift.policy_type,
                kind: seen.drift.kind,
                severity: seen.severity,
                status: seen.status,
                evidence: &seen.evidence,
                evidence_hash: &seen.evidence_hash,
                run: ctx.run.id,
                at: now,
            },
        )
        .await
        .map_err(store_error)?;
    }
    findings::resolve(&mut tx, &writes.resolved, ctx.run.id, now)
        .await
        .map_err(store_error)?;
    findings::insert_events(&mut tx, &writes.events)
        .await
        .map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;

    let kind_count = |k: FindingKind| comparison.drift.iter().filter(|d| d.kind == k).count();
    let differences = comparison.drift.len();
    let mut outcome = if side.failures.is_empty() {
        HandlerOutcome::succeeded()
    } else {
        HandlerOutcome::partially_succeeded(side.failures)
    };
    outcome.counts = counts(&[
        (SummaryKey::Items, comparison.matched as usize + differences),
        (SummaryKey::Findings, differences),
        (SummaryKey::Created, writes.changes.opened as usize),
        (SummaryKey::Updated, writes.changes.reopened as usize),
        (SummaryKey::Deleted, writes.changes.resolved as usize),
    ]);
    Ok(outcome.with_result(RunResult::BaselineCompare {
        profile_id: target.profile.id,
        snapshot_id: target.snapshot.id,
        matched: comparison.matched,
        missing: kind_count(FindingKind::Missing) as i64,
        unexpected: kind_count(FindingKind::Unexpected) as i64,
        drifted: kind_count(FindingKind::Drifted) as i64,
        ambiguous: comparison.ambiguous.clone(),
        coverage: comparison.coverage.clone(),
        findings: writes.changes,
        types: side.types,
    }))
}

/// A finding a compare saw again, ready to write.
struct Seen {
    id: FindingId,
    /// What changed, if anything (none: seen again with the same evidence and status).
    action: Option<FindingAction>,
    drift: Drift,
    severity: atlas_domain::Severity,
    status: FindingStatus,
    evidence: atlas_domain::FindingEvidence,
    evidence_hash: String,
}

/// Everything one compare writes.
struct Writes {
    new: Vec<Finding>,
    seen: Vec<Seen>,
    resolved: Vec<FindingId>,
    events: Vec<NewEvent>,
    changes: FindingChanges,
}

impl Writes {
    fn plan(
        ctx: &RunContext,
        tenant: &Tenant,
        target: &CompareTarget,
        items: &[SnapshotItem],
        subjects: &[Subject],
        changes: Vec<FindingChange>,
        now: Timestamp,
    ) -> Self {
        let baseline: HashMap<&str, &SnapshotItem> =
            items.iter().map(|i| (i.subject_key.as_str(), i)).collect();
        let tenant_side: HashMap<&str, &Subject> = subjects.iter().map(|s| (s.key(), s)).collect();
        let evidence_of = |drift: &Drift| {
            evidence(
                drift,
                baseline
                    .get(drift.subject_key.as_str())
                    .and_then(|i| i.content.as_ref()),
                tenant_side
                    .get(drift.subject_key.as_str())
                    .and_then(|s| s.configuration.as_ref()),
            )
        };
        let severity = |drift: &Drift| {
            severity_for(
                &target.profile.severity_rules,
                &drift.policy_type,
                drift.kind,
            )
        };
        let event = |finding_id, action| NewEvent {
            finding_id,
            event: FindingEvent {
                at: now,
                action,
                run_id: Some(ctx.run.id),
                actor_user_id: None,
                note: None,
            },
        };
        let mut writes = Writes {
            new: vec![],
            seen: vec![],
            resolved: vec![],
            events: vec![],
            changes: FindingChanges::default(),
        };
        for change in changes {
            match change {
                FindingChange::Open(drift) => {
                    let id = FindingId::new();
                    writes.events.push(event(id, FindingAction::Opened));
                    writes.changes.opened += 1;
                    writes.new.push(Finding {
                        summary: FindingSummary {
                            id,
                            workspace_id: tenant.workspace_id,
                            tenant_id: tenant.id,
                            profile_id: target.profile.id,
                            subject_type: drift.subject_type.clone(),
                            subject_key: drift.subject_key.clone(),
                            policy_type: drift.policy_type.clone(),
                            display_name: drift.display_name.clone(),
                            kind: drift.kind,
                            severity: severity(&drift),
                            status: FindingStatus::Open,
                            evidence_hash: drift.evidence_hash(),
                            first_seen_run_id: Some(ctx.run.id),
                            last_seen_run_id: Some(ctx.run.id),
                            first_seen_at: now,
                            last_seen_at: now,
                            resolved_at: None,
                            resolved_by_run_id: None,
                            acknowledged_at: None,
                            acknowledged_by: None,
                            ack_note: None,
                            updated_at: now,
                        },
                        evidence: evidence_of(&drift),
                    });
                }
                FindingChange::Seen {
                    id,
                    drift,
                    status,
                    action,
                } => {
                    match action {
                        Some(FindingAction::Reopened) => writes.changes.reopened += 1,
                        _ => writes.changes.unchanged += 1,
                    }
                    if let Some(action) = action {
                        writes.events.push(event(id, action));
                    }
                    writes.seen.push(Seen {
                        id,
                        action,
                        severity: severity(&drift),
                        status,
                        evidence: evidence_of(&drift),
                        evidence_hash: drift.evidence_hash(),
                        drift,
                    });
                }
                FindingChange::Resolve { id } => {
                    writes.changes.resolved += 1;
                    writes.events.push(event(id, FindingAction::Resolved));
                    writes.resolved.push(id);
                }
            }
        }
        writes
    }
}
