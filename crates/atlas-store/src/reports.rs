//! Stored reports: typed, timestamped payloads per tenant. Appended, never changed.

use atlas_domain::{ReportType, StoredReport, TenantId};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: String,
    workspace_id: String,
    tenant_id: String,
    report_type: String,
    created_at: i64,
    run_id: Option<String>,
    payload: Json<serde_json::Value>,
}

impl TryFrom<ReportRow> for StoredReport {
    type Error = StoreError;

    fn try_from(r: ReportRow) -> Result<Self, StoreError> {
        Ok(StoredReport {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            report_type: parse(&r.report_type)?,
            created_at: ts(r.created_at)?,
            run_id: opt_parse(r.run_id.as_deref())?,
            payload: r.payload.0,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, report_type, created_at, run_id, payload";

pub async fn insert(db: &mut impl Db, report: &StoredReport) -> Result<(), StoreError> {
    let sql = format!("INSERT INTO stored_reports ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)");
    on_db!(db, |c| sqlx::query(&sql)
        .bind(report.id.to_string())
        .bind(report.workspace_id.to_string())
        .bind(report.tenant_id.to_string())
        .bind(report.report_type.code())
        .bind(report.created_at.unix_millis())
        .bind(report.run_id.map(|r| r.to_string()))
        .bind(Json(&report.payload))
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// The tenant's newest report of one type.
pub async fn latest(
    db: &mut impl Db,
    tenant: TenantId,
    report_type: ReportType,
) -> Result<Option<StoredReport>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM stored_reports WHERE tenant_id = $1 AND report_type = $2 \
         ORDER BY created_at DESC, id DESC LIMIT 1"
    );
    let row: Option<ReportRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(report_type.code())
        .fetch_optional(&mut *c)
        .await?);
    row.map(StoredReport::try_from).transpose()
}

/// The tenant's newest reports of every type, newest first, at most `limit`.
pub async fn list(
    db: &mut impl Db,
    tenant: TenantId,
    limit: i64,
) -> Result<Vec<StoredReport>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM stored_reports WHERE tenant_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<ReportRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(limit.max(0))
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(StoredReport::try_from).collect()
}
