//! `tenant.review.compose`: a customer review from one complete evidence snapshot of the tenant
//! — sections, highlights and recommended actions by the domain's fixed rules — written once.

use atlas_domain::{
    review::compose, EvidenceSnapshotId, OperationType, ReasonCode, ReviewId, RunResult,
    TenantReview,
};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_store::{evidence, reviews, StoreError};
use serde::{Deserialize, Serialize};

/// The run's inputs: the evidence it reviews (chosen by the readiness gate when it was asked).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComposeInputs {
    pub evidence_snapshot_id: EvidenceSnapshotId,
}

#[derive(Debug, Default)]
pub struct ComposeHandler;

fn store_error(error: StoreError) -> HandlerError {
    HandlerError::new("store", error.to_string())
}

#[async_trait::async_trait]
impl Handler for ComposeHandler {
    type Input = ComposeInputs;

    fn operation(&self) -> OperationType {
        OperationType::ReviewCompose
    }

    async fn execute(
        &self,
        ctx: RunContext,
        input: ComposeInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        let snapshot = evidence::get(&mut db, input.evidence_snapshot_id)
            .await
            .map_err(store_error)?;
        let content = match snapshot {
            Some(s) if s.is_usable() && Some(s.tenant_id) == ctx.run.tenant_id => s.content,
            _ => None,
        };
        let Some(content) = content else {
            return Ok(HandlerOutcome::blocked(
                ReasonCode::ReviewEvidenceUnusable,
                "The evidence snapshot is not complete or belongs to another tenant.",
            ));
        };
        let (sections, highlights, actions) = compose(&content);
        let now = ctx.clock.now();
        let review = TenantReview {
            id: ReviewId::new(),
            workspace_id: ctx.run.workspace_id,
            tenant_id: ctx.run.tenant_id.expect("checked above"),
            evidence_snapshot_id: input.evidence_snapshot_id,
            run_id: Some(ctx.run.id),
            sections,
            highlights,
            actions,
            note: String::new(),
            note_updated_by: None,
            composed_at: now,
            updated_at: now,
        };
        reviews::insert(&mut db, &review)
            .await
            .map_err(store_error)?;
        Ok(
            HandlerOutcome::succeeded().with_result(RunResult::ReviewCompose {
                review_id: review.id,
                evidence_snapshot_id: input.evidence_snapshot_id,
            }),
        )
    }
}
