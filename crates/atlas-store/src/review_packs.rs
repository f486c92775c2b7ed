//! Review packs, a workspace's pack settings and the public half of its signing key. A pack's
//! status only moves by conditional update (`WHERE status = …`), so two processes can never
//! both take a pack from one state; the partial unique index keeps one active pack per tenant
//! and fingerprint.

use atlas_domain::{
    PackOptions, PackSettings, PackStatus, PackSummary, ReviewPack, ReviewPackId, RunId, TenantId,
    Timestamp, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, opt_ts, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct PackRow {
    id: String,
    workspace_id: String,
    tenant_id: String,
    run_id: Option<String>,
    initiated_by: Option<String>,
    status: String,
    fingerprint: String,
    previous_fingerprint: Option<String>,
    options: Json<PackOptions>,
    summary: Json<PackSummary>,
    file_size: Option<i64>,
    file_sha256: Option<String>,
    generated_at: Option<i64>,
    expires_at: Option<i64>,
    file_deleted_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<PackRow> for ReviewPack {
    type Error = StoreError;

    fn try_from(r: PackRow) -> Result<Self, StoreError> {
        Ok(ReviewPack {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            run_id: opt_parse(r.run_id.as_deref())?,
            initiated_by: opt_parse(r.initiated_by.as_deref())?,
            status: parse(&r.status)?,
            fingerprint: r.fingerprint,
            previous_fingerprint: r.previous_fingerprint,
            options: r.options.0,
            summary: r.summary.0,
            file_size: r.file_size,
            file_sha256: r.file_sha256,
            generated_at: opt_ts(r.generated_at)?,
            expires_at: opt_ts(r.expires_at)?,
            file_deleted_at: opt_ts(r.file_deleted_at)?,
            created_at: ts(r.created_at)?,
            updated_at: ts(r.updated_at)?,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, run_id, initiated_by, status, fingerprint, \
    previous_fingerprint, options, summary, file_size, file_sha256, generated_at, expires_at, \
    file_deleted_at, created_at, updated_at";
const ACTIVE: &str = "status IN ('queued', 'generating', 'ready')";

/// Inserts `pack` unless an active pack of its tenant already holds its fingerprint; true when
/// it was inserted.
pub async fn insert_if_absent(db: &mut impl Db, p: &ReviewPack) -> Result<bool, StoreError> {
    let sql = format!(
        "INSERT INTO review_packs ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17) ON CONFLICT DO NOTHING"
    );
    let inserted = on_db!(db, |c| sqlx::query(&sql)
        .bind(p.id.to_string())
        .bind(p.workspace_id.to_string())
        .bind(p.tenant_id.to_string())
        .bind(p.run_id.map(|r| r.to_string()))
        .bind(p.initiated_by.map(|u| u.to_string()))
        .bind(p.status.code())
        .bind(&p.fingerprint)
        .bind(&p.previous_fingerprint)
        .bind(Json(&p.options))
        .bind(Json(&p.summary))
        .bind(p.file_size)
        .bind(&p.file_sha256)
        .bind(p.generated_at.map(|t| t.unix_millis()))
        .bind(p.expires_at.map(|t| t.unix_millis()))
        .bind(p.file_deleted_at.map(|t| t.unix_millis()))
        .bind(p.created_at.unix_millis())
        .bind(p.updated_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(inserted == 1)
}

pub async fn get(db: &mut impl Db, id: ReviewPackId) -> Result<Option<ReviewPack>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM review_packs WHERE id = $1");
    let row: Option<PackRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(ReviewPack::try_from).transpose()
}

/// The tenant's active pack holding `fingerprint`, if there is one.
pub async fn active_with_fingerprint(
    db: &mut impl Db,
    tenant: TenantId,
    fingerprint: &str,
) -> Result<Option<ReviewPack>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM review_packs WHERE tenant_id = $1 AND fingerprint = $2 AND {ACTIVE}"
    );
    let row: Option<PackRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(fingerprint)
        .fetch_optional(&mut *c)
        .await?);
    row.map(ReviewPack::try_from).transpose()
}

/// The tenant's newest pack, whatever its status.
pub async fn latest_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Option<ReviewPack>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM review_packs WHERE tenant_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1"
    );
    let row: Option<PackRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(ReviewPack::try_from).transpose()
}

/// The fingerprint of the tenant's newest pack that became ready: a new pack's predecessor.
pub async fn latest_ready_fingerprint(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Option<String>, StoreError> {
    const SQL: &str = "SELECT fingerprint FROM review_packs WHERE tenant_id = $1 \
        AND generated_at IS NOT NULL ORDER BY generated_at DESC, id DESC LIMIT 1";
    let row: Option<(String,)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_optional(&mut *c)
        .await?);
    Ok(row.map(|(f,)| f))
}

/// One page of the workspace's packs of `tenants` (all when `None`), newest first, and how
/// many there are.
pub async fn list(
    db: &mut impl Db,
    workspace: WorkspaceId,
    tenants: Option<&[TenantId]>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<ReviewPack>, i64), StoreError> {
    let mut filter = String::from("workspace_id = $1");
    if let Some(tenants) = tenants {
        if tenants.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let list = (0..tenants.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        filter.push_str(&format!(" AND tenant_id IN ({list})"));
    }
    let next = 2 + tenants.map_or(0, <[TenantId]>::len);
    let sql = format!(
        "SELECT {COLUMNS} FROM review_packs WHERE {filter} ORDER BY created_at DESC, id DESC \
         LIMIT ${next} OFFSET ${}",
        next + 1
    );
    let count_sql = format!("SELECT COUNT(*) FROM review_packs WHERE {filter}");
    let tenant_ids: Vec<String> = tenants
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect();
    let rows: Vec<PackRow> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql).bind(workspace.to_string());
        for id in &tenant_ids {
            q = q.bind(id);
        }
        q.bind(limit).bind(offset).fetch_all(&mut *c).await?
    });
    let (total,): (i64,) = on_db!(db, |c| {
        let mut q = sqlx::query_as(&count_sql).bind(workspace.to_string());
        for id in &tenant_ids {
            q = q.bind(id);
        }
        q.fetch_one(&mut *c).await?
    });
    let packs = rows
        .into_iter()
        .map(ReviewPack::try_from)
        .collect::<Result<_, _>>()?;
    Ok((packs, total))
}

/// Moves the pack from `from` to `to` if it is still in `from`; false when it was not.
pub async fn move_status(
    db: &mut impl Db,
    id: ReviewPackId,
    from: PackStatus,
    to: PackStatus,
    at: Timestamp,
) -> Result<bool, StoreError> {
    debug_assert!(from.can_become(to), "{from} → {to}");
    const SQL: &str =
        "UPDATE review_packs SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(from.code())
        .bind(to.code())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// What a generated pack's row records once its file is in place.
#[derive(Debug, Clone)]
pub struct ReadyPack<'a> {
    pub fingerprint: &'a str,
    pub summary: &'a PackSummary,
    pub file_size: i64,
    pub file_sha256: &'a str,
    pub generated_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Marks a generating pack ready with its file's size and hash; false when it was no longer
/// generating. The fingerprint is the one of the content actually written.
pub async fn mark_ready(
    db: &mut impl Db,
    id: ReviewPackId,
    ready: &ReadyPack<'_>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE review_packs SET status = 'ready', fingerprint = $2, summary = $3, \
        file_size = $4, file_sha256 = $5, generated_at = $6, expires_at = $7, updated_at = $6 \
        WHERE id = $1 AND status = 'generating'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(ready.fingerprint)
        .bind(Json(ready.summary))
        .bind(ready.file_size)
        .bind(ready.file_sha256)
        .bind(ready.generated_at.unix_millis())
        .bind(ready.expires_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Fails every pack `run` was still making: its run ended some other way (crash, timeout,
/// reconciler). Returns how many.
pub async fn fail_unfinished_of_run(
    db: &mut impl Db,
    run: RunId,
    at: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE review_packs SET status = 'failed', updated_at = $2 \
        WHERE run_id = $1 AND status IN ('queued', 'generating')";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(run.to_string())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

/// Ready packs whose retention ended at or before `now`.
pub async fn expiring(db: &mut impl Db, now: Timestamp) -> Result<Vec<ReviewPack>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM review_packs WHERE status = 'ready' AND expires_at <= $1 \
         ORDER BY expires_at, id"
    );
    let rows: Vec<PackRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(now.unix_millis())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(ReviewPack::try_from).collect()
}

/// Expired packs whose file has not been deleted yet.
pub async fn expired_with_files(db: &mut impl Db) -> Result<Vec<ReviewPack>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM review_packs WHERE status = 'expired' AND file_deleted_at IS NULL \
         ORDER BY expires_at, id"
    );
    let rows: Vec<PackRow> = on_db!(db, |c| sqlx::query_as(&sql).fetch_all(&mut *c).await?);
    rows.into_iter().map(ReviewPack::try_from).collect()
}

/// Records that an expired pack's file was deleted.
pub async fn mark_file_deleted(
    db: &mut impl Db,
    id: ReviewPackId,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE review_packs SET file_deleted_at = $2, updated_at = $2 \
        WHERE id = $1 AND status = 'expired' AND file_deleted_at IS NULL";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Of `ids`, the packs whose file must be kept: being written, ready, or expired within grace.
pub async fn keeping_files(
    db: &mut impl Db,
    ids: &[ReviewPackId],
) -> Result<Vec<ReviewPackId>, StoreError> {
    let mut kept = Vec::new();
    for chunk in ids.chunks(400) {
        let list = (0..chunk.len())
            .map(|i| format!("${}", i + 1))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT id FROM review_packs WHERE id IN ({list}) AND (status IN ('queued', \
             'generating', 'ready') OR (status = 'expired' AND file_deleted_at IS NULL))"
        );
        let rows: Vec<(String,)> = on_db!(db, |c| {
            let mut q = sqlx::query_as(&sql);
            for id in chunk {
                q = q.bind(id.to_string());
            }
            q.fetch_all(&mut *c).await?
        });
        for (id,) in rows {
            kept.push(parse(&id)?);
        }
    }
    Ok(kept)
}

/// The workspace's pack settings, or the product's defaults when it has none.
pub async fn settings(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<PackSettings, StoreError> {
    const SQL: &str = "SELECT include_pii, include_operations, retention_days, grace_days, \
        evidence_max_age_days FROM workspace_pack_settings WHERE workspace_id = $1";
    let row: Option<(bool, bool, i32, i32, i32)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace.to_string())
        .fetch_optional(&mut *c)
        .await?);
    Ok(row.map_or_else(
        PackSettings::default,
        |(pii, ops, retention, grace, evidence_age)| PackSettings {
            defaults: PackOptions {
                include_pii: pii,
                include_operations: ops,
            },
            retention_days: retention.max(0) as u32,
            grace_days: grace.max(0) as u32,
            evidence_max_age_days: evidence_age.max(1) as u32,
        },
    ))
}

pub async fn put_settings(
    db: &mut impl Db,
    workspace: WorkspaceId,
    settings: &PackSettings,
    by: atlas_domain::UserId,
    at: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO workspace_pack_settings (workspace_id, include_pii, \
        include_operations, retention_days, grace_days, evidence_max_age_days, updated_by, \
        updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (workspace_id) DO UPDATE \
        SET include_pii = excluded.include_pii, include_operations = excluded.include_operations, \
        retention_days = excluded.retention_days, grace_days = excluded.grace_days, \
        evidence_max_age_days = excluded.evidence_max_age_days, \
        updated_by = excluded.updated_by, updated_at = excluded.updated_at";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(workspace.to_string())
        .bind(settings.defaults.include_pii)
        .bind(settings.defaults.include_operations)
        .bind(settings.retention_days as i32)
        .bind(settings.grace_days as i32)
        .bind(settings.evidence_max_age_days as i32)
        .bind(by.to_string())
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// The public half of a workspace's signing key, and where its secret half is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningKeyRecord {
    pub public_key_pem: String,
    pub fingerprint: String,
    pub keyring_entry: String,
    pub created_at: Timestamp,
}

pub async fn signing_key(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Option<SigningKeyRecord>, StoreError> {
    const SQL: &str = "SELECT public_key_pem, fingerprint, keyring_entry, created_at \
        FROM pack_signing_keys WHERE workspace_id = $1";
    let row: Option<(String, String, String, i64)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(|(public_key_pem, fingerprint, keyring_entry, created_at)| {
        Ok(SigningKeyRecord {
            public_key_pem,
            fingerprint,
            keyring_entry,
            created_at: ts(created_at)?,
        })
    })
    .transpose()
}

/// Records the workspace's key unless it has one already; true when this one was recorded.
pub async fn insert_signing_key(
    db: &mut impl Db,
    workspace: WorkspaceId,
    key: &SigningKeyRecord,
) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO pack_signing_keys (workspace_id, public_key_pem, fingerprint, \
        keyring_entry, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";
    let inserted = on_db!(db, |c| sqlx::query(SQL)
        .bind(workspace.to_string())
        .bind(&key.public_key_pem)
        .bind(&key.fingerprint)
        .bind(&key.keyring_entry)
        .bind(key.created_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(inserted == 1)
}

/// Records the run that writes the pack (set once, right after the run is started).
pub async fn set_run(db: &mut impl Db, id: ReviewPackId, run: RunId) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE review_packs SET run_id = $2 WHERE id = $1 AND run_id IS NULL";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(run.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Queued packs created before `before` that never got a run (their request was cut short):
/// the prune fails them.
pub async fn orphaned_queued(
    db: &mut impl Db,
    before: Timestamp,
) -> Result<Vec<ReviewPackId>, StoreError> {
    const SQL: &str = "SELECT id FROM review_packs WHERE status = 'queued' AND run_id IS NULL \
        AND created_at < $1";
    let rows: Vec<(String,)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(before.unix_millis())
        .fetch_all(&mut *c)
        .await?);
    rows.iter().map(|(id,)| parse(id)).collect()
}
