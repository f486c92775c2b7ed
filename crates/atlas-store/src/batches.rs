//! Run batches: runs started together by one action, tallied as they end (see
//! `atlas_domain::batch`). The tally is updated in each run's terminal transaction, and the
//! summary is claimed by one conditional update, so it is written exactly once however the
//! runs and the closing of the batch interleave.

use atlas_domain::{batch::tally_column, RunBatch, RunBatchId, RunOutcome, Timestamp};

use crate::{
    sql::{on_db, opt_ts, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct BatchRow {
    id: String,
    workspace_id: String,
    user_id: String,
    r#type: String,
    label: String,
    total: Option<i64>,
    done: i64,
    succeeded: i64,
    partially_succeeded: i64,
    failed: i64,
    created_at: i64,
    notified_at: Option<i64>,
}

impl TryFrom<BatchRow> for RunBatch {
    type Error = StoreError;

    fn try_from(r: BatchRow) -> Result<Self, StoreError> {
        Ok(RunBatch {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            user_id: parse(&r.user_id)?,
            operation_type: parse(&r.r#type)?,
            label: r.label,
            total: r.total,
            done: r.done,
            succeeded: r.succeeded,
            partially_succeeded: r.partially_succeeded,
            failed: r.failed,
            created_at: ts(r.created_at)?,
            notified_at: opt_ts(r.notified_at)?,
        })
    }
}

pub async fn insert(db: &mut impl Db, batch: &RunBatch) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO run_batches (id, workspace_id, user_id, type, label, total, \
        done, succeeded, partially_succeeded, failed, created_at, notified_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(batch.id.to_string())
        .bind(batch.workspace_id.to_string())
        .bind(batch.user_id.to_string())
        .bind(batch.operation_type.code())
        .bind(&batch.label)
        .bind(batch.total)
        .bind(batch.done)
        .bind(batch.succeeded)
        .bind(batch.partially_succeeded)
        .bind(batch.failed)
        .bind(batch.created_at.unix_millis())
        .bind(batch.notified_at.map(|t| t.unix_millis()))
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: RunBatchId) -> Result<Option<RunBatch>, StoreError> {
    const SQL: &str = "SELECT id, workspace_id, user_id, type, label, total, done, succeeded, \
        partially_succeeded, failed, created_at, notified_at FROM run_batches WHERE id = $1";
    let row: Option<BatchRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(RunBatch::try_from).transpose()
}

/// Every run of the batch is started: `total` of them belong to it.
pub async fn set_total(db: &mut impl Db, id: RunBatchId, total: i64) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE run_batches SET total = $2 WHERE id = $1";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(total)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// One run of the batch ended with `outcome`.
pub async fn count_ended(
    db: &mut impl Db,
    id: RunBatchId,
    outcome: RunOutcome,
) -> Result<(), StoreError> {
    let Some(column) = tally_column(outcome) else {
        return Ok(());
    };
    let sql =
        format!("UPDATE run_batches SET done = done + 1, {column} = {column} + 1 WHERE id = $1");
    on_db!(db, |c| sqlx::query(&sql)
        .bind(id.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// The batch, if every run of it has ended and its summary was not written yet — marking it
/// written. At most one caller ever gets it.
pub async fn claim_summary(
    db: &mut impl Db,
    id: RunBatchId,
    now: Timestamp,
) -> Result<Option<RunBatch>, StoreError> {
    const SQL: &str = "UPDATE run_batches SET notified_at = $2 WHERE id = $1 \
        AND notified_at IS NULL AND total IS NOT NULL AND done >= total";
    let claimed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    match claimed {
        1 => get(db, id).await,
        _ => Ok(None),
    }
}
