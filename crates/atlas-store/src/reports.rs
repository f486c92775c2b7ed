//! Stored reports: typed, timestamped payloads per tenant. Appended, never changed.

use atlas_domain::{ReportType, StoredReport, TenantId};
use sqlx::types::Json;

use crate::{sql::on_db, Db, StoreError};

const COLUMNS: &str = "id, workspace_id, tenant_id, report_type, created_at, run_id, payload";

pub async fn insert(db: &mut impl Db, report: &StoredReport) -> Result<(), StoreError> {
    let sql = format!("INSERT INTO stored_reports ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)");
    on_db!(db, |c| sqlx::query(&sql)
        .bind(report.id)
        .bind(report.workspace_id)
        .bind(report.tenant_id)
        .bind(report.report_type)
        .bind(report.created_at)
        .bind(report.run_id)
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
    Ok(on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant)
        .bind(report_type)
        .fetch_optional(&mut *c)
        .await?))
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
    Ok(on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant)
        .bind(limit.max(0))
        .fetch_all(&mut *c)
        .await?))
}
