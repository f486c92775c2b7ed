//! Operation runs: the durable record of background work. Status and outcome transitions
//! belong to the engine's run service; this module only stores and reads rows.

use atlas_domain::{OperationRun, RunId, WorkspaceId};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, opt_ts, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct RunRow {
    id: String,
    workspace_id: String,
    tenant_id: Option<String>,
    initiator_user_id: Option<String>,
    #[sqlx(rename = "type")]
    operation_type: String,
    status: String,
    outcome: String,
    run_identity_hash: String,
    summary_counts: Json<std::collections::BTreeMap<String, i64>>,
    failure_summary: Json<Vec<atlas_domain::FailureEntry>>,
    context: Json<serde_json::Value>,
    created_at: i64,
    started_at: Option<i64>,
    completed_at: Option<i64>,
    attempt: i32,
    lease_owner: Option<String>,
    lease_expires_at: Option<i64>,
    heartbeat_at: Option<i64>,
    reconciled_at: Option<i64>,
    reconciliation_reason: Option<String>,
    reconciliation_source: Option<String>,
}

impl TryFrom<RunRow> for OperationRun {
    type Error = StoreError;

    fn try_from(r: RunRow) -> Result<Self, StoreError> {
        Ok(OperationRun {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: opt_parse(r.tenant_id.as_deref())?,
            initiator_user_id: opt_parse(r.initiator_user_id.as_deref())?,
            operation_type: parse(&r.operation_type)?,
            status: parse(&r.status)?,
            outcome: parse(&r.outcome)?,
            run_identity_hash: r.run_identity_hash,
            summary_counts: r.summary_counts.0,
            failure_summary: r.failure_summary.0,
            context: r.context.0,
            created_at: ts(r.created_at)?,
            started_at: opt_ts(r.started_at)?,
            completed_at: opt_ts(r.completed_at)?,
            attempt: r.attempt,
            lease_owner: r.lease_owner,
            lease_expires_at: opt_ts(r.lease_expires_at)?,
            heartbeat_at: opt_ts(r.heartbeat_at)?,
            reconciled_at: opt_ts(r.reconciled_at)?,
            reconciliation_reason: r.reconciliation_reason,
            reconciliation_source: r.reconciliation_source,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, initiator_user_id, type, status, outcome, \
    run_identity_hash, summary_counts, failure_summary, context, created_at, started_at, \
    completed_at, attempt, lease_owner, lease_expires_at, heartbeat_at, reconciled_at, \
    reconciliation_reason, reconciliation_source";

/// Inserts a run as given. A second active run with the same identity is refused by the
/// database ([`StoreError::Conflict`]) — the safety net behind the engine's dedupe.
pub async fn insert(db: &mut impl Db, run: &OperationRun) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO operation_runs ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
    );
    let ms = |t: Option<atlas_domain::Timestamp>| t.map(|t| t.unix_millis());
    on_db!(db, |c| sqlx::query(&sql)
        .bind(run.id.to_string())
        .bind(run.workspace_id.to_string())
        .bind(run.tenant_id.map(|t| t.to_string()))
        .bind(run.initiator_user_id.map(|u| u.to_string()))
        .bind(run.operation_type.code())
        .bind(run.status.code())
        .bind(run.outcome.code())
        .bind(&run.run_identity_hash)
        .bind(Json(&run.summary_counts))
        .bind(Json(&run.failure_summary))
        .bind(Json(&run.context))
        .bind(run.created_at.unix_millis())
        .bind(ms(run.started_at))
        .bind(ms(run.completed_at))
        .bind(run.attempt)
        .bind(&run.lease_owner)
        .bind(ms(run.lease_expires_at))
        .bind(ms(run.heartbeat_at))
        .bind(ms(run.reconciled_at))
        .bind(&run.reconciliation_reason)
        .bind(&run.reconciliation_source)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: RunId) -> Result<Option<OperationRun>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM operation_runs WHERE id = $1");
    let row: Option<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(OperationRun::try_from).transpose()
}

/// The queued or running run with this identity, if any.
pub async fn find_active_by_identity(
    db: &mut impl Db,
    identity_hash: &str,
) -> Result<Option<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs \
         WHERE run_identity_hash = $1 AND status IN ('queued', 'running')"
    );
    let row: Option<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(identity_hash)
        .fetch_optional(&mut *c)
        .await?);
    row.map(OperationRun::try_from).transpose()
}

/// The newest runs of a workspace, newest first.
pub async fn list_recent(
    db: &mut impl Db,
    workspace: WorkspaceId,
    limit: i64,
) -> Result<Vec<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE workspace_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(OperationRun::try_from).collect()
}
