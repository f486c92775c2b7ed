//! Restores: created `planning` with their source and choices, given their plan once by the
//! preview run (`previewed`) or failed, and moved on by conditional updates only — a restore
//! never goes back. The versions a restore reads and the pre-images it keeps are recorded in
//! `restore_versions`, which retention respects.

use std::collections::BTreeMap;

use atlas_domain::{
    GroupOverride, PolicyVersionId, Restore, RestoreId, RestoreItemOutcome, RestorePlan,
    RestoreSource, RestoreStatus, RunId, TenantId, Timestamp,
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
    source: Json<RestoreSource>,
    source_tenant_id: String,
    group_overrides: Json<BTreeMap<String, GroupOverride>>,
    status: String,
    preview_run_id: Option<String>,
    execute_run_id: Option<String>,
    target_state_hash: Option<String>,
    plan: Option<Json<RestorePlan>>,
    outcomes: Option<Json<Vec<RestoreItemOutcome>>>,
    created_by: Option<String>,
    created_at: i64,
    previewed_at: Option<i64>,
    executed_at: Option<i64>,
}

impl TryFrom<Row> for Restore {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(Restore {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            source: r.source.0,
            source_tenant_id: parse(&r.source_tenant_id)?,
            group_overrides: r.group_overrides.0,
            status: parse(&r.status)?,
            preview_run_id: opt_parse(r.preview_run_id.as_deref())?,
            execute_run_id: opt_parse(r.execute_run_id.as_deref())?,
            target_state_hash: r.target_state_hash,
            plan: r.plan.map(|p| p.0),
            outcomes: r.outcomes.map(|o| o.0),
            created_by: opt_parse(r.created_by.as_deref())?,
            created_at: ts(r.created_at)?,
            previewed_at: opt_ts(r.previewed_at)?,
            executed_at: opt_ts(r.executed_at)?,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, source, source_tenant_id, group_overrides, \
    status, preview_run_id, execute_run_id, target_state_hash, plan, outcomes, created_by, \
    created_at, previewed_at, executed_at";

/// Records a restore about to be previewed.
pub async fn insert_planning(db: &mut impl Db, r: &Restore) -> Result<(), StoreError> {
    debug_assert_eq!(r.status, RestoreStatus::Planning);
    let sql = format!(
        "INSERT INTO restores ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, 'planning', $7, NULL, \
         NULL, NULL, NULL, $8, $9, NULL, NULL)"
    );
    on_db!(db, |c| sqlx::query(&sql)
        .bind(r.id.to_string())
        .bind(r.workspace_id.to_string())
        .bind(r.tenant_id.to_string())
        .bind(Json(&r.source))
        .bind(r.source_tenant_id.to_string())
        .bind(Json(&r.group_overrides))
        .bind(r.preview_run_id.map(|id| id.to_string()))
        .bind(r.created_by.map(|id| id.to_string()))
        .bind(r.created_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Names the preview run of a planning restore.
pub async fn set_preview_run(
    db: &mut impl Db,
    id: RestoreId,
    run: RunId,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE restores SET preview_run_id = $2 WHERE id = $1 AND status = 'planning' \
         AND (preview_run_id IS NULL OR preview_run_id = $2)";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(run.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Gives a planning restore its plan; false when it was no longer planning.
pub async fn previewed(
    db: &mut impl Db,
    id: RestoreId,
    plan: &RestorePlan,
    target_state_hash: &str,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE restores SET status = 'previewed', plan = $2, \
        target_state_hash = $3, previewed_at = $4 WHERE id = $1 AND status = 'planning'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(Json(plan))
        .bind(target_state_hash)
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Moves a restore from `from` to `to` (one way); false when it was not in `from`.
pub async fn move_status(
    db: &mut impl Db,
    id: RestoreId,
    from: RestoreStatus,
    to: RestoreStatus,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE restores SET status = $3 WHERE id = $1 AND status = $2";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(from.code())
        .bind(to.code())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Fails the preview `run` left planning (its run ended some other way).
pub async fn fail_planning_of_run(db: &mut impl Db, run: RunId) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE restores SET status = 'preview_failed' \
        WHERE preview_run_id = $1 AND status = 'planning'";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(run.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

pub async fn get(db: &mut impl Db, id: RestoreId) -> Result<Option<Restore>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM restores WHERE id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(Restore::try_from).transpose()
}

/// The target tenant's restores, newest first, at most `limit`.
pub async fn list_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
    limit: i64,
) -> Result<Vec<Restore>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM restores WHERE tenant_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(Restore::try_from).collect()
}

/// What a restore keeps a version for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionRole {
    Source,
    PreImage,
}

impl VersionRole {
    fn code(self) -> &'static str {
        match self {
            VersionRole::Source => "source",
            VersionRole::PreImage => "pre_image",
        }
    }
}

/// Records that the restore holds these versions (retention keeps them while it exists).
pub async fn hold_versions(
    db: &mut impl Db,
    id: RestoreId,
    versions: &[PolicyVersionId],
    role: VersionRole,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO restore_versions (restore_id, version_id, role) \
        VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    for version in versions {
        on_db!(db, |c| sqlx::query(SQL)
            .bind(id.to_string())
            .bind(version.to_string())
            .bind(role.code())
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

/// Claims a previewed restore for execution by `run`; false when it was not previewed.
pub async fn start_execution(
    db: &mut impl Db,
    id: RestoreId,
    run: RunId,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE restores SET status = 'executing', execute_run_id = $2 \
        WHERE id = $1 AND status = 'previewed' AND (execute_run_id IS NULL OR execute_run_id = $2)";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(run.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Ends an executing restore with what happened to each object; false when it was not
/// executing.
pub async fn finish_execution(
    db: &mut impl Db,
    id: RestoreId,
    status: RestoreStatus,
    outcomes: &[RestoreItemOutcome],
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE restores SET status = $2, outcomes = $3, executed_at = $4 \
        WHERE id = $1 AND status = 'executing'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(status.code())
        .bind(Json(outcomes))
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Fails the execution `run` left executing (its run ended some other way).
pub async fn fail_executing_of_run(db: &mut impl Db, run: RunId) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE restores SET status = 'execute_failed' \
        WHERE execute_run_id = $1 AND status = 'executing'";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(run.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

/// The restore `run` previews or executes, if any.
pub async fn of_run(db: &mut impl Db, run: RunId) -> Result<Option<Restore>, StoreError> {
    let sql =
        format!("SELECT {COLUMNS} FROM restores WHERE preview_run_id = $1 OR execute_run_id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(run.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(Restore::try_from).transpose()
}
