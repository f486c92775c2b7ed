//! The Entra groups cache: group names for assignment targets and for mapping groups on
//! restore. Written in batches by the group sync.

use std::collections::HashMap;

use atlas_domain::{DirectoryGroup, Page, TenantId, Timestamp};
use sqlx::types::Json;

use crate::{
    sql::{
        contains_pattern, fold, last_per_key, non_empty, on_db, page_bounds, params,
        rows_per_statement, values_rows,
    },
    Db, StoreError,
};

/// One group as a sync read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenGroup {
    pub group_id: String,
    pub display_name: String,
    pub description: Option<String>,
    pub mail: Option<String>,
    pub security_enabled: bool,
    pub mail_enabled: bool,
    pub group_types: Vec<String>,
    pub membership_rule: Option<String>,
}

const COLUMNS: &str = "tenant_id, group_id, display_name, description, mail, security_enabled, \
    mail_enabled, group_types, membership_rule, last_seen_at, removed_at";

/// Parameters each row of the upsert binds; `$1` (tenant) and `$2` (seen at) are shared.
const ROW_WIDTH: usize = 9;
const SHARED: usize = 2;

/// Records that `groups` were seen at `seen_at`: new groups are inserted, known ones updated,
/// and a group seen again is no longer marked removed. Multi-row upserts of bounded size; for
/// one group listed twice the last entry wins. Returns the number of groups written.
pub async fn upsert_seen(
    db: &mut impl Db,
    tenant: TenantId,
    groups: &[SeenGroup],
    seen_at: Timestamp,
) -> Result<u64, StoreError> {
    let groups = last_per_key(groups, |g| g.group_id.as_str());
    let mut written = 0;
    for chunk in groups.chunks(rows_per_statement(ROW_WIDTH)) {
        let values = values_rows(chunk.len(), SHARED + 1, ROW_WIDTH, |n| {
            format!("$1, {}, $2, NULL", params(n, ROW_WIDTH))
        });
        let sql = format!(
            "INSERT INTO directory_groups (tenant_id, group_id, display_name, \
             display_name_folded, description, mail, security_enabled, mail_enabled, \
             group_types, membership_rule, last_seen_at, removed_at) VALUES {values} \
             ON CONFLICT (tenant_id, group_id) DO UPDATE SET \
             display_name = excluded.display_name, \
             display_name_folded = excluded.display_name_folded, \
             description = excluded.description, mail = excluded.mail, \
             security_enabled = excluded.security_enabled, \
             mail_enabled = excluded.mail_enabled, group_types = excluded.group_types, \
             membership_rule = excluded.membership_rule, \
             last_seen_at = excluded.last_seen_at, removed_at = NULL"
        );
        written += on_db!(db, |c| {
            let mut q = sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(seen_at.unix_millis());
            for g in chunk {
                q = q
                    .bind(&g.group_id)
                    .bind(&g.display_name)
                    .bind(fold(&g.display_name))
                    .bind(&g.description)
                    .bind(&g.mail)
                    .bind(g.security_enabled)
                    .bind(g.mail_enabled)
                    .bind(Json(&g.group_types))
                    .bind(&g.membership_rule);
            }
            q.execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(written)
}

/// Marks the tenant's groups not seen since `not_seen_since` as removed at `now`. Call it only
/// after a complete group sync: after a partial one, unseen groups may still exist.
pub async fn mark_removed(
    db: &mut impl Db,
    tenant: TenantId,
    not_seen_since: Timestamp,
    now: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE directory_groups SET removed_at = $3 \
        WHERE tenant_id = $1 AND last_seen_at < $2 AND removed_at IS NULL";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(tenant.to_string())
        .bind(not_seen_since.unix_millis())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

/// One page of the tenant's present groups by name, optionally those whose name contains
/// `search` (case-insensitive), and how many match in total.
pub async fn list(
    db: &mut impl Db,
    tenant: TenantId,
    search: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<Page<DirectoryGroup>, StoreError> {
    let pattern = non_empty(search).map(|s| contains_pattern(&fold(s)));
    let conditions = match pattern {
        Some(_) => {
            "tenant_id = $1 AND removed_at IS NULL AND display_name_folded LIKE $2 ESCAPE '\\'"
        }
        None => "tenant_id = $1 AND removed_at IS NULL",
    };
    let next = if pattern.is_some() { 3 } else { 2 };
    let (offset, limit) = page_bounds(offset, limit);
    let count_sql = format!("SELECT COUNT(*) FROM directory_groups WHERE {conditions}");
    let page_sql = format!(
        "SELECT {COLUMNS} FROM directory_groups WHERE {conditions} \
         ORDER BY display_name_folded, group_id LIMIT ${next} OFFSET ${}",
        next + 1
    );
    let total: i64 = on_db!(db, |c| {
        let q = sqlx::query_scalar(&count_sql).bind(tenant.to_string());
        match &pattern {
            Some(p) => q.bind(p),
            None => q,
        }
        .fetch_one(&mut *c)
        .await?
    });
    let items: Vec<DirectoryGroup> = on_db!(db, |c| {
        let q = sqlx::query_as(&page_sql).bind(tenant.to_string());
        match &pattern {
            Some(p) => q.bind(p),
            None => q,
        }
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *c)
        .await?
    });
    Ok(Page { items, total })
}

/// Display names by group id for the given ids (removed groups included: old versions still
/// assign to them). Unknown ids are absent from the map.
pub async fn names(
    db: &mut impl Db,
    tenant: TenantId,
    group_ids: &[String],
) -> Result<HashMap<String, String>, StoreError> {
    let mut out = HashMap::with_capacity(group_ids.len());
    for chunk in group_ids.chunks(rows_per_statement(1)) {
        let sql = format!(
            "SELECT group_id, display_name FROM directory_groups \
             WHERE tenant_id = $1 AND group_id IN ({})",
            params(2, chunk.len())
        );
        let rows: Vec<(String, String)> = on_db!(db, |c| {
            let mut q = sqlx::query_as(&sql).bind(tenant.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(&mut *c).await?
        });
        out.extend(rows);
    }
    Ok(out)
}

/// Every present group of the tenant as (id, display name): what restore maps groups onto.
pub async fn all_present(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<(String, String)>, StoreError> {
    const SQL: &str = "SELECT group_id, display_name FROM directory_groups \
        WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY group_id";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?))
}
