//! Backup sets: created `capturing` by their run, filled type by type with the newest version
//! of every object the run read, and finished once (complete, partial or failed) by a
//! conditional update. Pruning deletes sets and then only the versions that no remaining set
//! holds and that nothing else may need (see [`prune`]).

use atlas_domain::{
    BackupGap, BackupOrigin, BackupSet, BackupSetId, BackupSetStatus, InventorySelection,
    ReasonCode, RunId, TenantId, Timestamp, TypesRead, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, opt_ts, params, parse, rows_per_statement, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    workspace_id: String,
    tenant_id: String,
    run_id: Option<String>,
    schedule_id: Option<String>,
    initiated_by: Option<String>,
    status: String,
    selection: Json<InventorySelection>,
    item_count: i64,
    new_versions: i64,
    types: Json<TypesRead>,
    missing: Json<Vec<BackupGap>>,
    created_at: i64,
    completed_at: Option<i64>,
    origin: Option<Json<BackupOrigin>>,
}

impl TryFrom<Row> for BackupSet {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(BackupSet {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            run_id: opt_parse(r.run_id.as_deref())?,
            schedule_id: opt_parse(r.schedule_id.as_deref())?,
            initiated_by: opt_parse(r.initiated_by.as_deref())?,
            status: parse(&r.status)?,
            selection: r.selection.0,
            item_count: r.item_count,
            new_versions: r.new_versions,
            types: r.types.0,
            missing: r.missing.0,
            created_at: ts(r.created_at)?,
            completed_at: opt_ts(r.completed_at)?,
            origin: r.origin.map(|o| o.0),
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, run_id, schedule_id, initiated_by, status, \
    selection, CAST(item_count AS BIGINT) AS item_count, \
    CAST(new_versions AS BIGINT) AS new_versions, types, missing, created_at, completed_at, origin";

/// Records a set that its run is about to fill.
pub async fn insert_capturing(db: &mut impl Db, set: &BackupSet) -> Result<(), StoreError> {
    debug_assert_eq!(set.status, BackupSetStatus::Capturing);
    const SQL: &str = "INSERT INTO backup_sets (id, workspace_id, tenant_id, run_id, schedule_id, \
        initiated_by, status, selection, item_count, new_versions, types, missing, created_at, \
        completed_at, origin) \
        VALUES ($1, $2, $3, $4, $5, $6, 'capturing', $7, 0, 0, $8, $9, $10, NULL, $11)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(set.id.to_string())
        .bind(set.workspace_id.to_string())
        .bind(set.tenant_id.to_string())
        .bind(set.run_id.map(|r| r.to_string()))
        .bind(set.schedule_id.map(|s| s.to_string()))
        .bind(set.initiated_by.map(|u| u.to_string()))
        .bind(Json(&set.selection))
        .bind(Json(&set.types))
        .bind(Json(&set.missing))
        .bind(set.created_at.unix_millis())
        .bind(set.origin.as_ref().map(Json))
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Adds to a capturing set the newest version of each of the tenant's objects of
/// `object_type` named in `external_ids`; returns how many it added.
pub async fn add_newest_versions(
    db: &mut impl Db,
    set: BackupSetId,
    tenant: TenantId,
    object_type: &str,
    external_ids: &[String],
) -> Result<u64, StoreError> {
    let mut added = 0;
    for chunk in external_ids.chunks(rows_per_statement(1).saturating_sub(3).max(1)) {
        let sql = format!(
            "INSERT INTO backup_set_items (set_id, version_id) \
             SELECT $1, v.id FROM policy_versions v \
             WHERE v.tenant_id = $2 AND v.object_type = $3 AND v.external_id IN ({}) \
               AND v.version_number = (SELECT MAX(x.version_number) FROM policy_versions x \
                 WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
                   AND x.external_id = v.external_id) \
               AND EXISTS (SELECT 1 FROM backup_sets s WHERE s.id = $1 AND s.status = 'capturing') \
             ON CONFLICT DO NOTHING",
            params(4, chunk.len())
        );
        added += on_db!(db, |c| {
            let mut query = sqlx::query(&sql)
                .bind(set.to_string())
                .bind(tenant.to_string())
                .bind(object_type);
            for id in chunk {
                query = query.bind(id);
            }
            query.execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(added)
}

/// How a set ends.
#[derive(Debug, Clone)]
pub struct SetEnding<'a> {
    pub status: BackupSetStatus,
    pub new_versions: i64,
    pub types: &'a TypesRead,
    pub missing: &'a [BackupGap],
    pub at: Timestamp,
}

/// Finishes a capturing set (its item count is counted here); false when it was no longer
/// capturing.
pub async fn finish(
    db: &mut impl Db,
    set: BackupSetId,
    ending: &SetEnding<'_>,
) -> Result<bool, StoreError> {
    debug_assert_ne!(ending.status, BackupSetStatus::Capturing);
    const SQL: &str = "UPDATE backup_sets SET status = $2, new_versions = $3, types = $4, \
        missing = $5, completed_at = $6, \
        item_count = (SELECT COUNT(*) FROM backup_set_items i WHERE i.set_id = $1) \
        WHERE id = $1 AND status = 'capturing'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(set.to_string())
        .bind(ending.status.code())
        .bind(ending.new_versions)
        .bind(Json(ending.types))
        .bind(Json(ending.missing))
        .bind(ending.at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Fails whatever `run` left capturing (its run ended some other way); a set that holds
/// versions by then ends partial rather than failed, with `reason` on every type.
pub async fn fail_capturing_of_run(
    db: &mut impl Db,
    run: RunId,
    reason: ReasonCode,
    at: Timestamp,
) -> Result<u64, StoreError> {
    let gap = Json(vec![BackupGap {
        object_type: "*".into(),
        whole_type: true,
        objects: vec![],
        reason: Some(reason),
    }]);
    const SQL: &str = "UPDATE backup_sets SET \
        item_count = (SELECT COUNT(*) FROM backup_set_items i WHERE i.set_id = backup_sets.id), \
        status = CASE WHEN EXISTS (SELECT 1 FROM backup_set_items i \
          WHERE i.set_id = backup_sets.id) THEN 'partial' ELSE 'failed' END, \
        missing = $2, completed_at = $3 WHERE run_id = $1 AND status = 'capturing'";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(run.to_string())
        .bind(&gap)
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

pub async fn get(db: &mut impl Db, id: BackupSetId) -> Result<Option<BackupSet>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM backup_sets WHERE id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(BackupSet::try_from).transpose()
}

/// The set `run` writes, if it began one.
pub async fn of_run(db: &mut impl Db, run: RunId) -> Result<Option<BackupSet>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM backup_sets WHERE run_id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(run.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(BackupSet::try_from).transpose()
}

/// The tenant's finished imported set whose origin has `fingerprint`, if one exists: the same
/// folder is imported once.
pub async fn imported_with_fingerprint(
    db: &mut impl Db,
    tenant: TenantId,
    fingerprint: &str,
) -> Result<Option<BackupSet>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM backup_sets WHERE tenant_id = $1 AND origin IS NOT NULL \
         AND status <> 'capturing' ORDER BY created_at DESC, id DESC"
    );
    let rows: Vec<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?);
    for row in rows {
        let set = BackupSet::try_from(row)?;
        if set
            .origin
            .as_ref()
            .is_some_and(|o| o.fingerprint == fingerprint)
        {
            return Ok(Some(set));
        }
    }
    Ok(None)
}

/// The tenant's sets, newest first, at most `limit`.
pub async fn list_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
    limit: i64,
) -> Result<Vec<BackupSet>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM backup_sets WHERE tenant_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(BackupSet::try_from).collect()
}

/// The workspace's sets, newest first, at most `limit`.
pub async fn list_for_workspace(
    db: &mut impl Db,
    workspace: WorkspaceId,
    limit: i64,
) -> Result<Vec<BackupSet>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM backup_sets WHERE workspace_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(BackupSet::try_from).collect()
}

/// One version a set holds, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetItem {
    pub version_id: atlas_domain::PolicyVersionId,
    pub object_type: String,
    pub external_id: String,
    pub display_name: String,
    pub version_number: i64,
    pub content_hash: String,
    /// Captured by the set's own run (not unchanged since an earlier one).
    pub captured_by_set_run: bool,
}

/// The versions a set holds, by type and name.
pub async fn items(db: &mut impl Db, set: BackupSetId) -> Result<Vec<SetItem>, StoreError> {
    const SQL: &str = "SELECT v.id, v.object_type, v.external_id, v.display_name, \
        CAST(v.version_number AS BIGINT), v.content_hash, \
        CASE WHEN v.run_id IS NOT NULL AND v.run_id = s.run_id THEN 1 ELSE 0 END \
        FROM backup_set_items i JOIN policy_versions v ON v.id = i.version_id \
        JOIN backup_sets s ON s.id = i.set_id \
        WHERE i.set_id = $1 ORDER BY v.object_type, v.display_name, v.external_id";
    let rows: Vec<(String, String, String, String, i64, String, i32)> =
        on_db!(db, |c| sqlx::query_as(SQL)
            .bind(set.to_string())
            .fetch_all(&mut *c)
            .await?);
    rows.into_iter()
        .map(|r| {
            Ok(SetItem {
                version_id: parse(&r.0)?,
                object_type: r.1,
                external_id: r.2,
                display_name: r.3,
                version_number: r.4,
                content_hash: r.5,
                captured_by_set_run: r.6 == 1,
            })
        })
        .collect()
}

/// The tenant's finished sets, newest first: what retention decides over.
pub async fn finished_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<(BackupSetId, BackupSetStatus, Timestamp)>, StoreError> {
    const SQL: &str = "SELECT id, status, completed_at FROM backup_sets \
        WHERE tenant_id = $1 AND status <> 'capturing' ORDER BY completed_at DESC, id DESC";
    let rows: Vec<(String, String, i64)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(|(id, status, at)| Ok((parse(&id)?, parse(&status)?, ts(at)?)))
        .collect()
}

/// What pruning removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub sets: u64,
    pub versions: u64,
}

/// Deletes `sets` (which must be the tenant's), then the versions they held that are now held
/// by no set and by no restore, are not their object's newest version (the object's history
/// stays readable), and were captured for a backup (never a restore's pre-image or a
/// baseline's evidence).
pub async fn prune(
    db: &mut impl Db,
    tenant: TenantId,
    sets: &[BackupSetId],
) -> Result<Pruned, StoreError> {
    let mut pruned = Pruned::default();
    for chunk in sets.chunks(rows_per_statement(1).saturating_sub(2).max(1)) {
        let list = params(2, chunk.len());
        // The candidates first: versions only these sets hold.
        let candidates_sql = format!(
            "SELECT DISTINCT i.version_id FROM backup_set_items i \
             WHERE i.set_id IN ({list}) AND NOT EXISTS (SELECT 1 FROM backup_set_items o \
               WHERE o.version_id = i.version_id AND o.set_id NOT IN ({list})) \
               AND EXISTS (SELECT 1 FROM backup_sets s WHERE s.id = i.set_id AND s.tenant_id = $1)"
        );
        let candidates: Vec<String> = on_db!(db, |c| {
            let mut query = sqlx::query_scalar(&candidates_sql).bind(tenant.to_string());
            for id in chunk {
                query = query.bind(id.to_string());
            }
            query.fetch_all(&mut *c).await?
        });
        let delete_sets =
            format!("DELETE FROM backup_sets WHERE tenant_id = $1 AND id IN ({list})");
        pruned.sets += on_db!(db, |c| {
            let mut query = sqlx::query(&delete_sets).bind(tenant.to_string());
            for id in chunk {
                query = query.bind(id.to_string());
            }
            query.execute(&mut *c).await?.rows_affected()
        });
        for versions in candidates.chunks(rows_per_statement(1).saturating_sub(2).max(1)) {
            let delete_versions = format!(
                "DELETE FROM policy_versions WHERE tenant_id = $1 AND purpose = 'backup' \
                 AND id IN ({}) \
                 AND NOT EXISTS (SELECT 1 FROM backup_set_items i WHERE i.version_id = policy_versions.id) \
                 AND NOT EXISTS (SELECT 1 FROM restore_versions r WHERE r.version_id = policy_versions.id) \
                 AND NOT EXISTS (SELECT 1 FROM baseline_snapshot_items b WHERE b.version_id = policy_versions.id) \
                 AND version_number < (SELECT MAX(x.version_number) FROM policy_versions x \
                   WHERE x.tenant_id = policy_versions.tenant_id \
                     AND x.object_type = policy_versions.object_type \
                     AND x.external_id = policy_versions.external_id)",
                params(2, versions.len())
            );
            pruned.versions += on_db!(db, |c| {
                let mut query = sqlx::query(&delete_versions).bind(tenant.to_string());
                for id in versions {
                    query = query.bind(id);
                }
                query.execute(&mut *c).await?.rows_affected()
            });
        }
    }
    Ok(pruned)
}
