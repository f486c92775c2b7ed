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

/// Failed runs completed at or after `failed_since`, and likely-stale active runs at `now`,
/// per tenant among `tenants` (those the caller may see).
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
    let list = params(3, tenants.len());
    // Runs completed since a moment were created at most one run timeout earlier; bounding
    // created_at lets the (workspace, created_at) index do the work.
    let failed_sql = format!(
        "SELECT tenant_id, COUNT(*) FROM operation_runs \
         WHERE workspace_id = $1 AND created_at >= $2 - {DAY_MS} AND completed_at >= $2 \
           AND status = 'completed' AND outcome = 'failed' AND tenant_id IN ({list}) \
         GROUP BY tenant_id"
    );
    let stale_sql = format!(
        "SELECT tenant_id, COUNT(*) FROM operation_runs \
         WHERE status IN ('queued', 'running') AND stale_at < $2 AND workspace_id = $1 \
           AND tenant_id IN ({list}) GROUP BY tenant_id"
    );
    let mut out: std::collections::BTreeMap<String, TenantRunHealth> = Default::default();
    for (sql, at, failed) in [(&failed_sql, failed_since, true), (&stale_sql, now, false)] {
        let rows: Vec<(String, i64)> = on_db!(db, |c| {
            let mut q = sqlx::query_as(sql)
                .bind(workspace.to_string())
                .bind(at.unix_millis());
            for t in tenants {
                q = q.bind(t.to_string());
            }
            q.fetch_all(&mut *c).await?
        });
        for (tenant, count) in rows {
            let entry = out.entry(tenant).or_default();
            match failed {
                true => entry.failed_recently = count,
                false => entry.likely_stale = count,
            }
        }
    }
    out.into_iter()
        .map(|(tenant, health)| Ok((parse(&tenant)?, health)))
        .collect()
}

/// Completed runs of `tenants` per day and outcome since `since`, days counted in a zone
/// `utc_offset_minutes` from UTC.
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
    let sql = format!(
        "SELECT (completed_at + $3) / {DAY_MS} AS day, outcome, COUNT(*) FROM operation_runs \
         WHERE workspace_id = $1 AND created_at >= $2 - {DAY_MS} AND completed_at >= $2 \
           AND status = 'completed' AND tenant_id IN ({}) \
         GROUP BY (completed_at + $3) / {DAY_MS}, outcome ORDER BY day, outcome",
        params(4, tenants.len())
    );
    let rows: Vec<(i64, String, i64)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(workspace.to_string())
            .bind(since.unix_millis())
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
