//! `tenant.evidence.snapshot.generate`: freezes what the tenant's evidence says now — read the
//! same way a pack reads it — into an immutable snapshot: `building` first, then `complete` with
//! its content and hash, or `incomplete` with the reason (here, or in the run's terminal
//! transaction when the run ends some other way).

use atlas_domain::{
    baseline::SnapshotState,
    evidence::{
        EvidenceFailure, EvidenceOperations, EvidenceRbac, EvidenceRoleHolder, EvidenceTypeCount,
    },
    EvidenceContent, EvidenceSnapshot, EvidenceSnapshotId, NoInputs, OperationType, PackOptions,
    RunOutcome, RunResult, RunStatus, Severity, Timestamp,
};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_store::{evidence, tenants, StoreError};
use sha2::{Digest, Sha256};

use crate::signing::encode_hex;
use crate::sources::PackSources;
use crate::view::LONG_OPEN_DAYS;

/// Failed runs an evidence snapshot lists at most.
const RECENT_FAILURES: usize = 20;
const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Default)]
pub struct EvidenceHandler;

fn store_error(error: StoreError) -> HandlerError {
    HandlerError::new("store", error.to_string())
}

#[async_trait::async_trait]
impl Handler for EvidenceHandler {
    type Input = NoInputs;

    fn operation(&self) -> OperationType {
        OperationType::EvidenceSnapshotGenerate
    }

    async fn execute(&self, ctx: RunContext, _: NoInputs) -> Result<HandlerOutcome, HandlerError> {
        let tenant_id = ctx
            .run
            .tenant_id
            .ok_or_else(|| HandlerError::new("inputs", "an evidence snapshot is of one tenant"))?;
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let Some(tenant) = tenants::get(&mut db, tenant_id)
            .await
            .map_err(store_error)?
        else {
            return Ok(HandlerOutcome::blocked(
                atlas_domain::ReasonCode::TenantMissing,
                "The tenant no longer exists.",
            ));
        };
        let now = ctx.clock.now();
        let snapshot = EvidenceSnapshot {
            id: EvidenceSnapshotId::new(),
            workspace_id: tenant.workspace_id,
            tenant_id,
            run_id: Some(ctx.run.id),
            state: SnapshotState::Building,
            content: None,
            content_hash: None,
            failure_reason: None,
            created_at: now,
            completed_at: None,
        };
        evidence::insert_building(&mut db, &snapshot)
            .await
            .map_err(store_error)?;
        // Evidence keeps names as they are: packs and reviews decide what to show.
        let options = PackOptions {
            include_pii: true,
            include_operations: true,
        };
        // The read takes connections of its own.
        drop(db);
        let sources = PackSources::read(&ctx.store, tenant, options, now)
            .await
            .map_err(store_error)?;
        let content = content_of(&sources, now, Some(ctx.run.id));
        let hash = encode_hex(&Sha256::digest(
            serde_json::to_vec(&content)
                .map_err(|e| HandlerError::new("serialise", e.to_string()))?,
        ));
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let completed = evidence::complete(&mut db, snapshot.id, &content, &hash, ctx.clock.now())
            .await
            .map_err(store_error)?;
        let state = match completed {
            true => SnapshotState::Complete,
            false => SnapshotState::Incomplete,
        };
        let result = RunResult::EvidenceSnapshot {
            snapshot_id: snapshot.id,
            state,
        };
        Ok(match completed {
            true => HandlerOutcome::succeeded().with_result(result),
            // Someone ended the snapshot meanwhile (its run was resolved elsewhere).
            false => HandlerOutcome::failed(vec![]).with_result(result),
        })
    }
}

/// The frozen evidence of what `sources` read; `producer` (the run freezing it) is not one of
/// the operations it reports.
pub fn content_of(
    sources: &PackSources,
    captured_at: Timestamp,
    producer: Option<atlas_domain::RunId>,
) -> EvidenceContent {
    let mut by_type: std::collections::BTreeMap<&str, i64> = Default::default();
    for item in &sources.inventory {
        *by_type.entry(&item.object_type).or_default() += 1;
    }
    let mut inventory: Vec<EvidenceTypeCount> = by_type
        .into_iter()
        .map(|(object_type, count)| EvidenceTypeCount {
            object_type: object_type.to_owned(),
            count,
        })
        .collect();
    inventory.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.object_type.cmp(&b.object_type))
    });
    let mut open_findings: std::collections::BTreeMap<Severity, i64> =
        Severity::ALL.iter().map(|s| (*s, 0)).collect();
    let mut long_open_severe_findings = 0;
    for f in &sources.findings {
        *open_findings.entry(f.severity).or_default() += 1;
        let severe = matches!(f.severity, Severity::High | Severity::Critical);
        if severe
            && captured_at.unix_millis() - f.first_seen_at.unix_millis() > LONG_OPEN_DAYS * DAY_MS
        {
            long_open_severe_findings += 1;
        }
    }
    let mut operations = EvidenceOperations::default();
    for run in sources
        .operations
        .iter()
        .flatten()
        .filter(|r| Some(r.id) != producer)
    {
        operations.total += 1;
        match (run.status, run.outcome) {
            (RunStatus::Completed, RunOutcome::Succeeded) => operations.succeeded += 1,
            (RunStatus::Completed, RunOutcome::PartiallySucceeded) => {
                operations.partially_succeeded += 1
            }
            (RunStatus::Completed, RunOutcome::Blocked) => operations.blocked += 1,
            (RunStatus::Completed, _) => {
                operations.failed += 1;
                if operations.recent_failures.len() < RECENT_FAILURES {
                    operations.recent_failures.push(EvidenceFailure {
                        run_id: run.id,
                        operation: run.operation_type,
                        completed_at: run.completed_at,
                        reason: run.headline_reason(),
                    });
                }
            }
            _ => operations.still_active += 1,
        }
    }
    EvidenceContent {
        captured_at,
        inventory,
        open_findings,
        long_open_severe_findings,
        rbac: sources.rbac.as_ref().map(|(report, parsed)| EvidenceRbac {
            report_id: report.id,
            produced_at: report.created_at,
            report: parsed.clone(),
        }),
        role_holders: sources
            .role_holders
            .iter()
            .map(|h| EvidenceRoleHolder {
                role: h.role.clone(),
                principal_id: h.assignment.principal_id.clone(),
                principal_name: h.assignment.principal_display_name.clone(),
                principal_type: h.assignment.principal_type,
                scope: h.assignment.directory_scope_id.clone(),
            })
            .collect(),
        operations,
        freshness: sources.freshness.clone(),
    }
}
