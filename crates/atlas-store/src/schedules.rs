//! Schedules of work the product starts by itself. The scheduler claims a due schedule with a
//! compare-and-set on `next_run_at` ([`advance`]): of several processes that see the same slot,
//! exactly one moves it and starts the work.

use atlas_domain::{schedule::Schedule, ScheduleId, Timestamp, WorkspaceId};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, opt_ts, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct ScheduleRow {
    id: String,
    workspace_id: String,
    tenant_id: Option<String>,
    #[sqlx(rename = "type")]
    operation: String,
    inputs: Json<serde_json::Value>,
    cron: String,
    time_zone: String,
    enabled: bool,
    next_run_at: Option<i64>,
    last_run_at: Option<i64>,
    created_by: String,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<ScheduleRow> for Schedule {
    type Error = StoreError;

    fn try_from(r: ScheduleRow) -> Result<Self, StoreError> {
        Ok(Schedule {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: opt_parse(r.tenant_id.as_deref())?,
            operation: parse(&r.operation)?,
            inputs: r.inputs.0,
            cron: r.cron,
            time_zone: r.time_zone,
            enabled: r.enabled,
            next_run_at: opt_ts(r.next_run_at)?,
            last_run_at: opt_ts(r.last_run_at)?,
            created_by: parse(&r.created_by)?,
            created_at: ts(r.created_at)?,
            updated_at: ts(r.updated_at)?,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, type, inputs, cron, time_zone, enabled, \
    next_run_at, last_run_at, created_by, created_at, updated_at";

pub async fn insert(db: &mut impl Db, s: &Schedule) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO schedules ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13)"
    );
    on_db!(db, |c| sqlx::query(&sql)
        .bind(s.id.to_string())
        .bind(s.workspace_id.to_string())
        .bind(s.tenant_id.map(|t| t.to_string()))
        .bind(s.operation.code())
        .bind(Json(&s.inputs))
        .bind(&s.cron)
        .bind(&s.time_zone)
        .bind(s.enabled)
        .bind(s.next_run_at.map(|t| t.unix_millis()))
        .bind(s.last_run_at.map(|t| t.unix_millis()))
        .bind(s.created_by.to_string())
        .bind(s.created_at.unix_millis())
        .bind(s.updated_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: ScheduleId) -> Result<Option<Schedule>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM schedules WHERE id = $1");
    let row: Option<ScheduleRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(Schedule::try_from).transpose()
}

/// The workspace's schedules, oldest first.
pub async fn list_for_workspace(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<Schedule>, StoreError> {
    let sql =
        format!("SELECT {COLUMNS} FROM schedules WHERE workspace_id = $1 ORDER BY created_at, id");
    let rows: Vec<ScheduleRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(Schedule::try_from).collect()
}

/// Writes an edited schedule (times, zone, enabled, next start).
pub async fn update(db: &mut impl Db, s: &Schedule) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE schedules SET cron = $2, time_zone = $3, enabled = $4, \
        next_run_at = $5, updated_at = $6 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(s.id.to_string())
        .bind(&s.cron)
        .bind(&s.time_zone)
        .bind(s.enabled)
        .bind(s.next_run_at.map(|t| t.unix_millis()))
        .bind(s.updated_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

pub async fn delete(db: &mut impl Db, id: ScheduleId) -> Result<bool, StoreError> {
    let changed = on_db!(db, |c| sqlx::query("DELETE FROM schedules WHERE id = $1")
        .bind(id.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Enabled schedules whose next start is at or before `now`, most overdue first.
pub async fn due(
    db: &mut impl Db,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<Schedule>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM schedules WHERE enabled = $3 AND next_run_at <= $1 \
         ORDER BY next_run_at, id LIMIT $2"
    );
    let rows: Vec<ScheduleRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(now.unix_millis())
        .bind(limit)
        .bind(true)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(Schedule::try_from).collect()
}

/// The earliest next start of any enabled schedule: when the scheduler wakes next.
pub async fn next_due(db: &mut impl Db) -> Result<Option<Timestamp>, StoreError> {
    let ms: Option<i64> = on_db!(db, |c| sqlx::query_scalar(
        "SELECT MIN(next_run_at) FROM schedules WHERE enabled = $1"
    )
    .bind(true)
    .fetch_one(&mut *c)
    .await?);
    opt_ts(ms)
}

/// Claims a due slot: moves `next_run_at` from `expected` to `next` and records the start, if
/// no one else did first. True: this caller starts the work.
pub async fn advance(
    db: &mut impl Db,
    id: ScheduleId,
    expected: Timestamp,
    next: Option<Timestamp>,
    ran_at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE schedules SET next_run_at = $3, last_run_at = $4 \
        WHERE id = $1 AND next_run_at = $2 AND enabled = $5";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(expected.unix_millis())
        .bind(next.map(|t| t.unix_millis()))
        .bind(ran_at.unix_millis())
        .bind(true)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}
