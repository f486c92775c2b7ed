//! Tenant reviews (SPEC §8.2): whether one can be composed now (the readiness gate, with the
//! next step), composing one from the newest complete evidence (a background run; asking while
//! the gate refuses is refused with its reason and next step, and starts nothing), the newest
//! review, and its note.

use atlas_domain::{
    audit::actions,
    review::{note_problem, readiness},
    AuditActor, AuditEntry, Capability, OperationType, ReviewId, ReviewReadiness, Tenant,
    TenantReview, Timestamp,
};
use atlas_packs::ComposeInputs;
use atlas_store::{audit, evidence, review_packs, reviews, runs};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    types::{StartRunResponse, TenantRequest},
    Actor, Api, ApiError,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateReviewNoteRequest {
    pub review_id: ReviewId,
    pub note: String,
}

impl Api {
    /// Whether a review of the tenant can be composed now, and if not why and what to do.
    pub async fn review_readiness(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<ReviewReadiness, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackView,
                "view reviews",
            )
            .await?;
        self.gate(&tenant).await
    }

    async fn gate(&self, tenant: &Tenant) -> Result<ReviewReadiness, ApiError> {
        let mut db = self.store.conn().await?;
        let latest = evidence::latest_complete(&mut db, tenant.id).await?;
        let synced = runs::last_productive(&mut db, tenant.id, OperationType::InventorySync)
            .await?
            .is_some();
        let settings = review_packs::settings(&mut db, tenant.workspace_id).await?;
        Ok(readiness(
            latest.as_ref(),
            synced,
            i64::from(settings.evidence_max_age_days),
            Timestamp::now(),
        ))
    }

    /// Queues the composition of a review from the tenant's newest complete evidence; while the
    /// gate refuses, says why and what to do, and starts nothing.
    pub async fn compose_review(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<StartRunResponse, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackManage,
                "compose reviews",
            )
            .await?;
        let inputs = match self.gate(&tenant).await? {
            ReviewReadiness::Ready {
                evidence_snapshot_id,
                ..
            } => ComposeInputs {
                evidence_snapshot_id,
            },
            ReviewReadiness::NotReady {
                message, next_step, ..
            } => {
                return Err(ApiError::conflict(format!("{message} {next_step}")));
            }
        };
        self.start_tenant_work(
            actor,
            &tenant,
            OperationType::ReviewCompose,
            serde_json::to_value(&inputs).expect("inputs serialise"),
            // One composition per tenant at a time, whichever evidence it was asked from.
            Some(serde_json::json!({})),
            "Review",
        )
        .await
    }

    /// The tenant's newest review, or none yet.
    pub async fn latest_review(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<Option<TenantReview>, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::ReviewPackView,
                "view reviews",
            )
            .await?;
        let mut db = self.store.conn().await?;
        Ok(reviews::latest_for_tenant(&mut db, tenant.id).await?)
    }

    /// Replaces the review's note for the customer; audited.
    pub async fn update_review_note(
        &self,
        actor: &Actor,
        request: UpdateReviewNoteRequest,
    ) -> Result<TenantReview, ApiError> {
        if let Some(problem) = note_problem(&request.note) {
            return Err(ApiError::invalid(problem));
        }
        let mut db = self.store.conn().await?;
        let review = reviews::get(&mut db, request.review_id)
            .await?
            .ok_or_else(|| ApiError::not_found("Review"))?;
        drop(db);
        self.authorized_record_tenant(
            actor,
            review.tenant_id,
            Capability::ReviewPackManage,
            "edit reviews",
            "Review",
        )
        .await?;
        let now = Timestamp::now();
        let mut tx = self.store.begin().await?;
        reviews::set_note(
            &mut tx,
            review.id,
            request.note.trim(),
            actor.user_id(),
            now,
        )
        .await?;
        audit::insert(
            &mut tx,
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                workspace_id: Some(review.workspace_id),
                tenant_id: Some(review.tenant_id),
                actor: AuditActor::User {
                    user_id: actor.user_id(),
                },
                action: actions::REVIEW_NOTE_CHANGED.into(),
                target_type: "tenant_review".into(),
                target_id: Some(review.id.to_string()),
                summary: "Review note changed".into(),
                metadata: serde_json::json!({ "characters": request.note.trim().chars().count() }),
                created_at: now,
            },
        )
        .await?;
        let updated = reviews::get(&mut tx, review.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Review"))?;
        tx.commit().await?;
        Ok(updated)
    }
}
