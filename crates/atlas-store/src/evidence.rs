//! Evidence snapshots: created `building`, then completed once with their content or marked
//! incomplete with a reason — each by a conditional update, so a snapshot leaves `building`
//! exactly once and never changes afterwards.

use atlas_domain::{
    baseline::SnapshotState, EvidenceContent, EvidenceSnapshot, EvidenceSnapshotId, ReasonCode,
    RunId, TenantId, Timestamp,
};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, opt_ts, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    workspace_id: String,
    tenant_id: String,
    run_id: Option<String>,
    state: String,
    content: Option<Json<EvidenceContent>>,
    content_hash: Option<String>,
    failure_reason: Option<String>,
    created_at: i64,
    completed_at: Option<i64>,
}

impl TryFrom<Row> for EvidenceSnapshot {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(EvidenceSnapshot {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            run_id: opt_parse(r.run_id.as_deref())?,
            state: parse(&r.state)?,
            content: r.content.map(|c| c.0),
            content_hash: r.content_hash,
            failure_reason: opt_parse(r.failure_reason.as_deref())?,
            created_at: ts(r.created_at)?,
            completed_at: opt_ts(r.completed_at)?,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, run_id, state, content, content_hash, \
    failure_reason, created_at, completed_at";

/// Records a snapshot that is being built.
pub async fn insert_building(db: &mut impl Db, s: &EvidenceSnapshot) -> Result<(), StoreError> {
    debug_assert_eq!(s.state, SnapshotState::Building);
    let sql = format!(
        "INSERT INTO evidence_snapshots ({COLUMNS}) VALUES ($1, $2, $3, $4, 'building', NULL, \
         NULL, NULL, $5, NULL)"
    );
    on_db!(db, |c| sqlx::query(&sql)
        .bind(s.id.to_string())
        .bind(s.workspace_id.to_string())
        .bind(s.tenant_id.to_string())
        .bind(s.run_id.map(|r| r.to_string()))
        .bind(s.created_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Completes a building snapshot with its content; false when it was no longer building.
pub async fn complete(
    db: &mut impl Db,
    id: EvidenceSnapshotId,
    content: &EvidenceContent,
    content_hash: &str,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE evidence_snapshots SET state = 'complete', content = $2, \
        content_hash = $3, completed_at = $4 WHERE id = $1 AND state = 'building'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(Json(content))
        .bind(content_hash)
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Marks a building snapshot incomplete with `reason`; false when it was no longer building.
pub async fn fail(
    db: &mut impl Db,
    id: EvidenceSnapshotId,
    reason: ReasonCode,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE evidence_snapshots SET state = 'incomplete', failure_reason = $2, \
        completed_at = $3 WHERE id = $1 AND state = 'building'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(reason.code())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Marks incomplete whatever `run` left building (its run ended some other way).
pub async fn fail_building_of_run(
    db: &mut impl Db,
    run: RunId,
    reason: ReasonCode,
    at: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE evidence_snapshots SET state = 'incomplete', failure_reason = $2, \
        completed_at = $3 WHERE run_id = $1 AND state = 'building'";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(run.to_string())
        .bind(reason.code())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

pub async fn get(
    db: &mut impl Db,
    id: EvidenceSnapshotId,
) -> Result<Option<EvidenceSnapshot>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM evidence_snapshots WHERE id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(EvidenceSnapshot::try_from).transpose()
}

/// The snapshot `run` builds, if it has created one.
pub async fn of_run(db: &mut impl Db, run: RunId) -> Result<Option<EvidenceSnapshot>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM evidence_snapshots WHERE run_id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(run.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(EvidenceSnapshot::try_from).transpose()
}

/// The tenant's snapshots, newest first, at most `limit`.
pub async fn list_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
    limit: i64,
) -> Result<Vec<EvidenceSnapshot>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM evidence_snapshots WHERE tenant_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(EvidenceSnapshot::try_from).collect()
}

/// The tenant's newest complete snapshot.
pub async fn latest_complete(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Option<EvidenceSnapshot>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM evidence_snapshots WHERE tenant_id = $1 AND state = 'complete' \
         ORDER BY completed_at DESC, id DESC LIMIT 1"
    );
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(EvidenceSnapshot::try_from).transpose()
}
