//! Policy versions: immutable captures of a policy's content. There is deliberately no update
//! function; a changed policy gets a new version.

use std::collections::HashMap;

use atlas_domain::{
    ChangedObject, PolicyVersion, PolicyVersionId, PolicyVersionSummary, RunChanges, RunId,
    TenantId, Timestamp, VersionPurpose, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    exec::Ex,
    sql::{on_db, opt_parse, params, parse, ts},
    Db, StoreError,
};

/// A capture to store as the object's next version if its content changed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVersion {
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    pub object_type: String,
    pub external_id: String,
    pub display_name: String,
    /// SHA-256 (hex) of the normalised content: what "changed" is decided on.
    pub content_hash: String,
    /// The object as read, secrets already replaced by the caller.
    pub content: serde_json::Value,
    pub captured_at: Timestamp,
    pub run_id: Option<RunId>,
    pub purpose: VersionPurpose,
    /// Where an imported version came from (tool, file path, file hash); none for captures.
    pub provenance: Option<serde_json::Value>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    workspace_id: String,
    tenant_id: String,
    object_type: String,
    external_id: String,
    display_name: String,
    version_number: i32,
    content_hash: String,
    captured_at: i64,
    run_id: Option<String>,
    purpose: String,
}

impl TryFrom<SummaryRow> for PolicyVersionSummary {
    type Error = StoreError;

    fn try_from(r: SummaryRow) -> Result<Self, StoreError> {
        Ok(PolicyVersionSummary {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            object_type: r.object_type,
            external_id: r.external_id,
            display_name: r.display_name,
            version_number: r.version_number,
            content_hash: r.content_hash,
            captured_at: ts(r.captured_at)?,
            run_id: opt_parse(r.run_id.as_deref())?,
            purpose: parse(&r.purpose)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    content: Json<serde_json::Value>,
}

impl TryFrom<VersionRow> for PolicyVersion {
    type Error = StoreError;

    fn try_from(r: VersionRow) -> Result<Self, StoreError> {
        Ok(PolicyVersion {
            summary: r.summary.try_into()?,
            content: r.content.0,
        })
    }
}

const SUMMARY_COLUMNS: &str = "id, workspace_id, tenant_id, object_type, external_id, \
    display_name, version_number, content_hash, captured_at, run_id, purpose";

/// Writes `version` as the object's next version (1 for a new object) unless the newest stored
/// version has the same content hash; returns the written version, or `None` when nothing
/// changed. One statement reads the newest version and inserts; two writers racing on the same
/// object cannot both take a number — the second gets [`StoreError::Conflict`] and retries.
pub async fn insert_if_changed(
    db: &mut impl Db,
    version: &NewVersion,
) -> Result<Option<PolicyVersion>, StoreError> {
    let sql = format!(
        "INSERT INTO policy_versions (id, workspace_id, tenant_id, object_type, external_id, \
         display_name, version_number, content_hash, content, captured_at, run_id, purpose, \
         provenance) \
         SELECT $1, $2, $3, $4, $5, $6, COALESCE(latest.version_number, 0) + 1, $7, $8, $9, \
           $10, $11, $12 \
         FROM (SELECT 1 AS one) base LEFT JOIN ( \
           SELECT version_number, content_hash FROM policy_versions \
           WHERE tenant_id = $3 AND object_type = $4 AND external_id = $5 \
           ORDER BY version_number DESC LIMIT 1) latest ON 1 = 1 \
         WHERE latest.content_hash IS NULL OR latest.content_hash <> $7 \
         RETURNING {SUMMARY_COLUMNS}, content"
    );
    let row: Option<VersionRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(PolicyVersionId::new().to_string())
        .bind(version.workspace_id.to_string())
        .bind(version.tenant_id.to_string())
        .bind(&version.object_type)
        .bind(&version.external_id)
        .bind(&version.display_name)
        .bind(&version.content_hash)
        .bind(Json(&version.content))
        .bind(version.captured_at.unix_millis())
        .bind(version.run_id.map(|r| r.to_string()))
        .bind(version.purpose.code())
        .bind(version.provenance.as_ref().map(Json))
        .fetch_optional(&mut *c)
        .await?);
    row.map(PolicyVersion::try_from).transpose()
}

/// The newest version's number and content hash of every object of one type: a batch sync
/// compares against these, captures only what changed, and numbers the new versions itself.
pub async fn latest_versions(
    db: &mut impl Db,
    tenant: TenantId,
    object_type: &str,
) -> Result<HashMap<String, (i64, String)>, StoreError> {
    const SQL: &str = "SELECT v.external_id, CAST(v.version_number AS BIGINT), v.content_hash \
        FROM policy_versions v \
        WHERE v.tenant_id = $1 AND v.object_type = $2 AND v.version_number = ( \
          SELECT MAX(x.version_number) FROM policy_versions x \
          WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
            AND x.external_id = v.external_id)";
    let rows: Vec<(String, i64, String)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .bind(object_type)
        .fetch_all(&mut *c)
        .await?);
    Ok(rows
        .into_iter()
        .map(|(id, number, hash)| (id, (number, hash)))
        .collect())
}

/// Parameters per row of [`insert_numbered`], and rows per statement (well below every limit).
const ROW_PARAMS: usize = 13;
const INSERT_CHUNK: usize = 256;

/// Writes versions whose numbers the caller took from [`latest_versions`] in the same
/// transaction, many rows per statement and nothing read back. A writer that numbered the
/// same object meanwhile makes this fail with [`StoreError::Conflict`] (the unique version
/// number), and nothing of the chunk is written: fall back to [`insert_if_changed`].
pub async fn insert_numbered(
    db: &mut impl Db,
    versions: &[(NewVersion, i64)],
) -> Result<(), StoreError> {
    let rows: Vec<(PolicyVersionId, &NewVersion, i64)> = versions
        .iter()
        .map(|(version, number)| (PolicyVersionId::new(), version, *number))
        .collect();
    insert_rows(db, &rows).await
}

/// [`insert_numbered`] with the ids chosen by the caller.
async fn insert_rows(
    db: &mut impl Db,
    versions: &[(PolicyVersionId, &NewVersion, i64)],
) -> Result<(), StoreError> {
    // SQLite gets anonymous `?` parameters: its driver looks every numbered `$n` up by name
    // among all of a statement's parameters, which costs the square of their number.
    let anonymous = matches!(db.ex(), Ex::Sqlite(_));
    for chunk in versions.chunks(INSERT_CHUNK) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| match anonymous {
                true => format!("({})", ["?"; ROW_PARAMS].join(", ")),
                false => format!("({})", params(i * ROW_PARAMS + 1, ROW_PARAMS)),
            })
            .collect();
        let sql = format!(
            "INSERT INTO policy_versions (id, workspace_id, tenant_id, object_type, external_id, \
             display_name, version_number, content_hash, content, captured_at, run_id, purpose, \
             provenance) VALUES {}",
            rows.join(", ")
        );
        on_db!(db, |c| {
            let mut q = sqlx::query(&sql);
            for (id, version, number) in chunk {
                q = q
                    .bind(id.to_string())
                    .bind(version.workspace_id.to_string())
                    .bind(version.tenant_id.to_string())
                    .bind(&version.object_type)
                    .bind(&version.external_id)
                    .bind(&version.display_name)
                    .bind(*number)
                    .bind(&version.content_hash)
                    .bind(Json(&version.content))
                    .bind(version.captured_at.unix_millis())
                    .bind(version.run_id.map(|r| r.to_string()))
                    .bind(version.purpose.code())
                    .bind(version.provenance.as_ref().map(Json));
            }
            q.execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(())
}

/// Records captures of one tenant (any types) and returns, for each, the id of the version
/// that holds its content: the newest stored version when its hash is the same, else a new
/// version numbered after it. Many rows per statement; [`StoreError::Conflict`] when another
/// writer numbered one of the objects meanwhile (nothing of the batch is then written: retry).
pub async fn record(
    db: &mut impl Db,
    versions: &[NewVersion],
) -> Result<Vec<PolicyVersionId>, StoreError> {
    let mut newest: HashMap<&str, HashMap<String, (PolicyVersionId, i64, String)>> = HashMap::new();
    for version in versions {
        if !newest.contains_key(version.object_type.as_str()) {
            let found = newest_of_type(db, version.tenant_id, &version.object_type).await?;
            newest.insert(&version.object_type, found);
        }
    }
    let mut ids = Vec::with_capacity(versions.len());
    let mut new_rows = Vec::new();
    for version in versions {
        let of_type = &newest[version.object_type.as_str()];
        let number = match of_type.get(&version.external_id) {
            Some((id, _, hash)) if *hash == version.content_hash => {
                ids.push(*id);
                continue;
            }
            Some((_, number, _)) => number + 1,
            None => 1,
        };
        let id = PolicyVersionId::new();
        ids.push(id);
        new_rows.push((id, version, number));
    }
    insert_rows(db, &new_rows).await?;
    Ok(ids)
}

/// The newest version's id, number and content hash of every object of one type.
async fn newest_of_type(
    db: &mut impl Db,
    tenant: TenantId,
    object_type: &str,
) -> Result<HashMap<String, (PolicyVersionId, i64, String)>, StoreError> {
    const SQL: &str = "SELECT v.external_id, v.id, CAST(v.version_number AS BIGINT), \
        v.content_hash FROM policy_versions v \
        WHERE v.tenant_id = $1 AND v.object_type = $2 AND v.version_number = ( \
          SELECT MAX(x.version_number) FROM policy_versions x \
          WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
            AND x.external_id = v.external_id)";
    let rows: Vec<(String, String, i64, String)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .bind(object_type)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(|(external, id, number, hash)| Ok((external, (parse(&id)?, number, hash))))
        .collect()
}

/// The content hash of the newest version of every object of one type: a batch sync compares
/// against these and captures only what changed.
pub async fn latest_hashes(
    db: &mut impl Db,
    tenant: TenantId,
    object_type: &str,
) -> Result<HashMap<String, String>, StoreError> {
    const SQL: &str = "SELECT v.external_id, v.content_hash FROM policy_versions v \
        WHERE v.tenant_id = $1 AND v.object_type = $2 AND v.version_number = ( \
          SELECT MAX(x.version_number) FROM policy_versions x \
          WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
            AND x.external_id = v.external_id)";
    let rows: Vec<(String, String)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .bind(object_type)
        .fetch_all(&mut *c)
        .await?);
    Ok(rows.into_iter().collect())
}

/// The versions of one object, newest first, without their content.
pub async fn list_for_object(
    db: &mut impl Db,
    tenant: TenantId,
    object_type: &str,
    external_id: &str,
) -> Result<Vec<PolicyVersionSummary>, StoreError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM policy_versions \
         WHERE tenant_id = $1 AND object_type = $2 AND external_id = $3 \
         ORDER BY version_number DESC"
    );
    let rows: Vec<SummaryRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(object_type)
        .bind(external_id)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(PolicyVersionSummary::try_from)
        .collect()
}

/// One version with its content.
pub async fn get(
    db: &mut impl Db,
    id: PolicyVersionId,
) -> Result<Option<PolicyVersion>, StoreError> {
    let sql = format!("SELECT {SUMMARY_COLUMNS}, content FROM policy_versions WHERE id = $1");
    let row: Option<VersionRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(PolicyVersion::try_from).transpose()
}

/// The versions a backup set holds, with their content.
pub async fn of_backup_set(
    db: &mut impl Db,
    set: atlas_domain::BackupSetId,
) -> Result<Vec<PolicyVersion>, StoreError> {
    linked(db, "backup_set_items", "set_id", &set.to_string()).await
}

/// The versions a full-content baseline snapshot holds, with their content (a metadata-only
/// snapshot holds none).
pub async fn of_baseline_snapshot(
    db: &mut impl Db,
    snapshot: atlas_domain::BaselineSnapshotId,
) -> Result<Vec<PolicyVersion>, StoreError> {
    linked(
        db,
        "baseline_snapshot_items",
        "snapshot_id",
        &snapshot.to_string(),
    )
    .await
}

/// The versions a link table (`version_id` beside `owner_column`) names for one owner.
async fn linked(
    db: &mut impl Db,
    table: &str,
    owner_column: &str,
    owner: &str,
) -> Result<Vec<PolicyVersion>, StoreError> {
    let columns = prefixed("v.");
    let sql = format!(
        "SELECT {columns}, v.content FROM {table} i \
         JOIN policy_versions v ON v.id = i.version_id WHERE i.{owner_column} = $1"
    );
    let rows: Vec<VersionRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(owner)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(PolicyVersion::try_from).collect()
}

/// The newest version, with its content, of every object the tenant's inventory still lists
/// (objects removed from the tenant are left out; an object never inventoried counts as
/// present).
pub async fn latest_of_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<PolicyVersion>, StoreError> {
    let columns = prefixed("v.");
    let sql = format!(
        "SELECT {columns}, v.content FROM policy_versions v \
         WHERE v.tenant_id = $1 AND v.version_number = ( \
           SELECT MAX(x.version_number) FROM policy_versions x \
           WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
             AND x.external_id = v.external_id) \
         AND NOT EXISTS (SELECT 1 FROM inventory_items i WHERE i.tenant_id = v.tenant_id \
           AND i.object_type = v.object_type AND i.external_id = v.external_id \
           AND i.removed_at IS NOT NULL)"
    );
    let rows: Vec<VersionRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(PolicyVersion::try_from).collect()
}

/// (type, external id, display name) of every object the tenant has versions of, removed ones
/// included, by its newest version: how an import finds which object a file without an id is.
pub async fn names_of_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<(String, String, String)>, StoreError> {
    const SQL: &str = "SELECT v.object_type, v.external_id, v.display_name FROM policy_versions v \
        WHERE v.tenant_id = $1 AND v.version_number = ( \
          SELECT MAX(x.version_number) FROM policy_versions x \
          WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
            AND x.external_id = v.external_id)";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?))
}

/// [`SUMMARY_COLUMNS`] of a table alias.
fn prefixed(alias: &str) -> String {
    SUMMARY_COLUMNS
        .split(',')
        .map(|c| format!("{alias}{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many versions one run stored.
pub async fn count_for_run(db: &mut impl Db, run: RunId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM policy_versions WHERE run_id = $1";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(run.to_string())
        .fetch_one(&mut *c)
        .await?))
}

/// How many versions a tenant has, over all objects.
pub async fn count_for_tenant(db: &mut impl Db, tenant: TenantId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM policy_versions WHERE tenant_id = $1";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(tenant.to_string())
        .fetch_one(&mut *c)
        .await?))
}

#[derive(sqlx::FromRow)]
struct CapturedRow {
    id: String,
    object_type: String,
    display_name: String,
    item_id: Option<String>,
    previous_id: Option<String>,
}

/// The objects one run captured a version of, by name: first versions as added, later ones as
/// changed (with the version before, for the diff). At most `limit` of each, with full counts;
/// `removed` is left to the inventory.
pub async fn captured_by_run(
    db: &mut impl Db,
    run: RunId,
    limit: i64,
) -> Result<RunChanges, StoreError> {
    let (added, added_count) = captured(db, run, "v.version_number = 1", limit).await?;
    let (changed, changed_count) = captured(db, run, "v.version_number > 1", limit).await?;
    Ok(RunChanges {
        added,
        changed,
        added_count,
        changed_count,
        ..RunChanges::default()
    })
}

async fn captured(
    db: &mut impl Db,
    run: RunId,
    which: &str,
    limit: i64,
) -> Result<(Vec<ChangedObject>, i64), StoreError> {
    let sql = format!(
        "SELECT v.id, v.object_type, v.display_name, i.id AS item_id, \
         p.id AS previous_id FROM policy_versions v \
         LEFT JOIN policy_versions p ON p.tenant_id = v.tenant_id \
           AND p.object_type = v.object_type AND p.external_id = v.external_id \
           AND p.version_number = v.version_number - 1 \
         LEFT JOIN inventory_items i ON i.tenant_id = v.tenant_id \
           AND i.object_type = v.object_type AND i.external_id = v.external_id \
         WHERE v.run_id = $1 AND {which} \
         ORDER BY v.display_name, v.object_type, v.id LIMIT $2"
    );
    let rows: Vec<CapturedRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(run.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    let count_sql =
        format!("SELECT COUNT(*) FROM policy_versions v WHERE v.run_id = $1 AND {which}");
    let count: i64 = on_db!(db, |c| sqlx::query_scalar(&count_sql)
        .bind(run.to_string())
        .fetch_one(&mut *c)
        .await?);
    let objects = rows
        .into_iter()
        .map(|r| {
            Ok(ChangedObject {
                object_type: r.object_type,
                display_name: r.display_name,
                item_id: opt_parse(r.item_id.as_deref())?,
                version_id: Some(parse(&r.id)?),
                previous_version_id: opt_parse(r.previous_id.as_deref())?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok((objects, count))
}
