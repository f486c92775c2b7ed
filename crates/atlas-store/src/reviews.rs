//! Tenant reviews: written once when composed; afterwards only the operator's note changes.

use atlas_domain::{
    review::{ReviewAction, ReviewSection},
    ReviewId, TenantId, TenantReview, Timestamp, UserId,
};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    workspace_id: String,
    tenant_id: String,
    evidence_snapshot_id: String,
    run_id: Option<String>,
    sections: Json<Vec<ReviewSection>>,
    highlights: Json<Vec<String>>,
    actions: Json<Vec<ReviewAction>>,
    note: String,
    note_updated_by: Option<String>,
    composed_at: i64,
    updated_at: i64,
}

impl TryFrom<Row> for TenantReview {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(TenantReview {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            evidence_snapshot_id: parse(&r.evidence_snapshot_id)?,
            run_id: opt_parse(r.run_id.as_deref())?,
            sections: r.sections.0,
            highlights: r.highlights.0,
            actions: r.actions.0,
            note: r.note,
            note_updated_by: opt_parse(r.note_updated_by.as_deref())?,
            composed_at: ts(r.composed_at)?,
            updated_at: ts(r.updated_at)?,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, evidence_snapshot_id, run_id, sections, \
    highlights, actions, note, note_updated_by, composed_at, updated_at";

pub async fn insert(db: &mut impl Db, r: &TenantReview) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO tenant_reviews ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12)"
    );
    on_db!(db, |c| sqlx::query(&sql)
        .bind(r.id.to_string())
        .bind(r.workspace_id.to_string())
        .bind(r.tenant_id.to_string())
        .bind(r.evidence_snapshot_id.to_string())
        .bind(r.run_id.map(|x| x.to_string()))
        .bind(Json(&r.sections))
        .bind(Json(&r.highlights))
        .bind(Json(&r.actions))
        .bind(&r.note)
        .bind(r.note_updated_by.map(|u| u.to_string()))
        .bind(r.composed_at.unix_millis())
        .bind(r.updated_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: ReviewId) -> Result<Option<TenantReview>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenant_reviews WHERE id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(TenantReview::try_from).transpose()
}

/// The tenant's newest review.
pub async fn latest_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Option<TenantReview>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tenant_reviews WHERE tenant_id = $1 \
         ORDER BY composed_at DESC, id DESC LIMIT 1"
    );
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(TenantReview::try_from).transpose()
}

/// Replaces the operator's note; false when the review does not exist.
pub async fn set_note(
    db: &mut impl Db,
    id: ReviewId,
    note: &str,
    by: UserId,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE tenant_reviews SET note = $2, note_updated_by = $3, updated_at = $4 \
        WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(note)
        .bind(by.to_string())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}
