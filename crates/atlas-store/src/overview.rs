//! The workspace overview's figures: a constant number of grouped queries however many tenants
//! the workspace has (never one query per tenant).

use atlas_domain::{RunOutcome, Severity, TenantId, Timestamp, WorkspaceId};

use crate::{
    sql::{on_db, params, parse},
    Db, StoreError,
};

/// Per tenant: failed runs completed since a moment, and active runs already past `stale_at`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantRunHealth {
    pub failed_recently: i64,
    pub likely_stale: i64,
}

/// Runs completed per day (in the operator's time zone) and outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyOutcome {
    /// Days since 1970-01-01 in the operator's zone.
    pub day: i64,
    pub outcome: RunOutcome,
    pub count: i64,
}

const DAY_MS: i64 = 86_400_000;

/// Runs are counted in `run_outcome_quarters` per quarter of an hour of their completion.
const QUARTER_MS: i64 = 900_000;

/// Failed runs completed at or after `failed_since`, and likely-stale active runs at `now`,
/// per tenant among `tenants` (those the caller may see). Failed runs come from the quarter-hour
/// counters, with the runs of the first, partial quarter counted from the runs themselves, so
/// the count is exact whatever `failed_since` is.
pub async fn run_health(
    db: &mut impl Db,
    workspace: WorkspaceId,
    tenants: &[TenantId],
    failed_since: Timestamp,
    now: Timestamp,
) -> Result<Vec<(TenantId, TenantRunHealth)>, StoreError> {
    if tenants.is_empty() {
        return Ok(vec![]);
    }
    let since = failed_since.unix_millis();
    // The first whole quarter at or after `since`; the runs before it are read one by one.
    let first_quarter = since.div_euclid(QUARTER_MS) + i64::from(since % QUARTER_MS != 0);
    let quarter_start = first_quarter * QUARTER_MS;
    let list = params(4, tenants.len());
    let counted_sql = format!(
        "SELECT tenant_id, CAST(SUM(runs) AS BIGINT) FROM run_outcome_quarters \
         WHERE workspace_id = $1 AND quarter >= $2 AND quarter < $3 AND outcome = 'failed' \
           AND tenant_id IN ({list}) GROUP BY tenant_id"
    );
    // Completed before the quarter starts means created before it too; created at most one run
    // timeout (a day) before completing: both bound the (workspace, created_at) index.
    let partial_sql = format!(
        "SELECT tenant_id, COUNT(*) FROM operation_runs \
         WHERE workspace_id = $1 AND created_at >= $2 - {DAY_MS} AND created_at < $3 \
           AND completed_at >= $2 AND completed_at < $3 \
           AND status = 'completed' AND outcome = 'failed' AND tenant_id IN ({list}) \
         GROUP BY tenant_id"
    );
    let stale_sql = format!(
        "SELECT tenant_id, COUNT(*) FROM operation_runs \
         WHERE status IN ('queued', 'running') AND stale_at < $2 AND stale_at < $3 \
           AND workspace_id = $1 AND tenant_id IN ({list}) GROUP BY tenant_id"
    );
    let now = now.unix_millis();
    let mut out: std::collections::BTreeMap<String, TenantRunHealth> = Default::default();
    for (sql, bounds, failed) in [
        (&counted_sql, (first_quarter, i64::MAX), true),
        (&partial_sql, (since, quarter_start), true),
        (&stale_sql, (now, now), false),
    ] {
        for (tenant, count) in tenant_counts(db, sql, workspace, bounds, tenants).await? {
            let entry = out.entry(tenant).or_default();
            match failed {
                true => entry.failed_recently += count,
                false => entry.likely_stale = count,
            }
        }
    }
    out.into_iter()
        .map(|(tenant, health)| Ok((parse(&tenant)?, health)))
        .collect()
}

/// Runs of `sql` binding the workspace, two bounds and the tenants: (tenant, count) rows.
async fn tenant_counts(
    db: &mut impl Db,
    sql: &str,
    workspace: WorkspaceId,
    (from, to): (i64, i64),
    tenants: &[TenantId],
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_db!(db, |c| {
        let mut q = sqlx::query_as(sql)
            .bind(workspace.to_string())
            .bind(from)
            .bind(to);
        for t in tenants {
            q = q.bind(t.to_string());
        }
        q.fetch_all(&mut *c).await?
    }))
}

/// Completed runs of `tenants` per day and outcome since `since`, days counted in a zone
/// `utc_offset_minutes` from UTC, read from the quarter-hour counters. Both must fall on whole
/// quarters of an hour (every time zone's offset, and so its midnight, does).
pub async fn daily_outcomes(
    db: &mut impl Db,
    workspace: WorkspaceId,
    tenants: &[TenantId],
    since: Timestamp,
    utc_offset_minutes: i32,
) -> Result<Vec<DailyOutcome>, StoreError> {
    if tenants.is_empty() {
        return Ok(vec![]);
    }
    let offset_ms = i64::from(utc_offset_minutes) * 60_000;
    if since.unix_millis() % QUARTER_MS != 0 || offset_ms % QUARTER_MS != 0 {
        return Err(StoreError::invalid_data(
            "runs per day are counted from whole quarters of an hour",
        ));
    }
    let sql = format!(
        "SELECT (quarter * {QUARTER_MS} + $3) / {DAY_MS} AS day, outcome, \
           CAST(SUM(runs) AS BIGINT) \
         FROM run_outcome_quarters \
         WHERE workspace_id = $1 AND quarter >= $2 AND tenant_id IN ({}) \
         GROUP BY (quarter * {QUARTER_MS} + $3) / {DAY_MS}, outcome ORDER BY day, outcome",
        params(4, tenants.len())
    );
    let rows: Vec<(i64, String, i64)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(workspace.to_string())
            .bind(since.unix_millis() / QUARTER_MS)
            .bind(offset_ms);
        for t in tenants {
            q = q.bind(t.to_string());
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter()
        .map(|(day, outcome, count)| {
            Ok(DailyOutcome {
                day,
                outcome: parse(&outcome)?,
                count,
            })
        })
        .collect()
}

/// Open findings per tenant and severity.
pub async fn open_findings(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<(TenantId, Severity, i64)>, StoreError> {
    const SQL: &str = "SELECT tenant_id, severity, COUNT(*) FROM findings \
        WHERE workspace_id = $1 AND status = 'open' GROUP BY tenant_id, severity";
    let rows: Vec<(String, String, i64)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(|(tenant, severity, count)| Ok((parse(&tenant)?, parse(&severity)?, count)))
        .collect()
}
