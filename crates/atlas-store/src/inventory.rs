//! Inventory items: the last observed truth of a tenant's configuration objects, written in
//! batches by the inventory sync and read by the inventory table.

use atlas_domain::{
    ChangedObject, InventoryFilter, InventoryItem, InventoryItemId, InventorySortKey,
    InventoryTypeCount, Page, RunId, SortDirection, TenantId, Timestamp, WorkspaceId,
};

use crate::{
    query::{build, Conditions, Query},
    sql::{
        contains_pattern, fold, last_per_key, non_empty, on_db, opt_parse, opt_ts, page_bounds,
        params, parse, rows_per_statement, ts, values_rows,
    },
    Db, StoreError,
};

/// One object as a sync read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenItem {
    pub object_type: String,
    pub external_id: String,
    pub display_name: String,
    pub platform: Option<String>,
    pub content_hash: String,
    /// The configuration fingerprint baselines compare across tenants.
    pub config_hash: String,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: String,
    workspace_id: String,
    tenant_id: String,
    object_type: String,
    external_id: String,
    display_name: String,
    platform: Option<String>,
    content_hash: String,
    first_seen_at: i64,
    last_seen_at: i64,
    removed_at: Option<i64>,
    last_run_id: Option<String>,
}

impl TryFrom<ItemRow> for InventoryItem {
    type Error = StoreError;

    fn try_from(r: ItemRow) -> Result<Self, StoreError> {
        Ok(InventoryItem {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: parse(&r.tenant_id)?,
            object_type: r.object_type,
            external_id: r.external_id,
            display_name: r.display_name,
            platform: r.platform,
            content_hash: r.content_hash,
            first_seen_at: ts(r.first_seen_at)?,
            last_seen_at: ts(r.last_seen_at)?,
            removed_at: opt_ts(r.removed_at)?,
            last_run_id: opt_parse(r.last_run_id.as_deref())?,
        })
    }
}

const COLUMNS: &str = "id, workspace_id, tenant_id, object_type, external_id, display_name, \
    platform, content_hash, first_seen_at, last_seen_at, removed_at, last_run_id";

/// Parameters each row of the upsert binds (id, type, external id, name, folded name,
/// platform, hash, configuration hash); `$1`…`$4` (workspace, tenant, seen at, run) are shared
/// by every row.
const ROW_WIDTH: usize = 8;
const SHARED: usize = 4;

/// Records that `items` were seen at `seen_at` by `run`: new objects are inserted, known ones
/// get the new name, platform and hash, and an object seen again is no longer marked removed.
/// Written as multi-row upserts of bounded size; for one key seen twice the last entry wins.
/// Returns the number of items written.
pub async fn upsert_seen(
    db: &mut impl Db,
    workspace: WorkspaceId,
    tenant: TenantId,
    items: &[SeenItem],
    seen_at: Timestamp,
    run: Option<RunId>,
) -> Result<u64, StoreError> {
    let items = last_per_key(items, |i| (i.object_type.as_str(), i.external_id.as_str()));
    let mut written = 0;
    for chunk in items.chunks(rows_per_statement(ROW_WIDTH)) {
        let values = values_rows(chunk.len(), SHARED + 1, ROW_WIDTH, |n| {
            format!(
                "${n}, $1, $2, {}, $3, $3, NULL, $4",
                params(n + 1, ROW_WIDTH - 1)
            )
        });
        let sql = format!(
            "INSERT INTO inventory_items (id, workspace_id, tenant_id, object_type, external_id, \
             display_name, display_name_folded, platform, content_hash, config_hash, \
             first_seen_at, last_seen_at, removed_at, last_run_id) VALUES {values} \
             ON CONFLICT (tenant_id, object_type, external_id) DO UPDATE SET \
             display_name = excluded.display_name, \
             display_name_folded = excluded.display_name_folded, \
             platform = excluded.platform, content_hash = excluded.content_hash, \
             config_hash = excluded.config_hash, \
             last_seen_at = excluded.last_seen_at, removed_at = NULL, \
             last_run_id = excluded.last_run_id"
        );
        written += on_db!(db, |c| {
            let mut q = sqlx::query(&sql)
                .bind(workspace.to_string())
                .bind(tenant.to_string())
                .bind(seen_at.unix_millis())
                .bind(run.map(|r| r.to_string()));
            for item in chunk {
                q = q
                    .bind(InventoryItemId::new().to_string())
                    .bind(&item.object_type)
                    .bind(&item.external_id)
                    .bind(&item.display_name)
                    .bind(fold(&item.display_name))
                    .bind(&item.platform)
                    .bind(&item.content_hash)
                    .bind(&item.config_hash);
            }
            q.execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(written)
}

/// Marks the tenant's objects of `object_type` that were not seen since `not_seen_since` as
/// removed at `now` (objects already marked keep their first removal time). Call it only after
/// the type was read completely: after a partial read, unseen objects may still exist.
/// Returns how many objects were marked.
pub async fn mark_removed(
    db: &mut impl Db,
    tenant: TenantId,
    object_type: &str,
    not_seen_since: Timestamp,
    now: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE inventory_items SET removed_at = $4 \
        WHERE tenant_id = $1 AND object_type = $2 AND last_seen_at < $3 AND removed_at IS NULL";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(tenant.to_string())
        .bind(object_type)
        .bind(not_seen_since.unix_millis())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

/// The objects of a tenant marked removed between two moments (a sync's start and end), by
/// name: at most `limit`, with the full count.
pub async fn removed_between(
    db: &mut impl Db,
    tenant: TenantId,
    from: Timestamp,
    until: Timestamp,
    limit: i64,
) -> Result<(Vec<ChangedObject>, i64), StoreError> {
    const WHERE: &str = "WHERE tenant_id = $1 AND removed_at >= $2 AND removed_at <= $3";
    let sql = format!(
        "SELECT id, object_type, display_name FROM inventory_items {WHERE} \
         ORDER BY display_name, object_type, id LIMIT $4"
    );
    let rows: Vec<(String, String, String)> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(from.unix_millis())
        .bind(until.unix_millis())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    let count_sql = format!("SELECT COUNT(*) FROM inventory_items {WHERE}");
    let count: i64 = on_db!(db, |c| sqlx::query_scalar(&count_sql)
        .bind(tenant.to_string())
        .bind(from.unix_millis())
        .bind(until.unix_millis())
        .fetch_one(&mut *c)
        .await?);
    let objects = rows
        .into_iter()
        .map(|(id, object_type, display_name)| {
            Ok(ChangedObject {
                object_type,
                display_name,
                item_id: Some(parse(&id)?),
                version_id: None,
                previous_version_id: None,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok((objects, count))
}

pub async fn get(
    db: &mut impl Db,
    id: InventoryItemId,
) -> Result<Option<InventoryItem>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM inventory_items WHERE id = $1");
    let row: Option<ItemRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(InventoryItem::try_from).transpose()
}

/// The conditions of a filter on one tenant's `inventory_items`.
fn filter_sql(tenant: TenantId, filter: &InventoryFilter) -> Query {
    let mut c = Conditions::default();
    c.and("tenant_id = ").text(tenant.to_string());
    if !filter.include_removed {
        c.and("removed_at IS NULL");
    }
    c.any_of("object_type", filter.object_types.clone());
    if let Some(platform) = non_empty(filter.platform.as_deref()) {
        // `platform` may list several (`ios,android`): match one whole entry.
        c.and("(',' || platform || ',') LIKE ")
            .text(contains_pattern(&format!(",{},", platform.to_lowercase())))
            .sql(" ESCAPE '\\'");
    }
    if let Some(search) = non_empty(filter.search.as_deref()) {
        c.and("display_name_folded LIKE ")
            .text(contains_pattern(&fold(search)))
            .sql(" ESCAPE '\\'");
    }
    c.joined()
}

fn order_sql(key: InventorySortKey, direction: SortDirection) -> String {
    let d = match direction {
        SortDirection::Asc => "ASC",
        SortDirection::Desc => "DESC",
    };
    match key {
        InventorySortKey::DisplayName => format!("display_name_folded {d}, id {d}"),
        InventorySortKey::ObjectType => format!("object_type {d}, display_name_folded, id"),
        InventorySortKey::LastSeenAt => format!("last_seen_at {d}, id {d}"),
    }
}

/// One page of a tenant's inventory table, and how many items match in total.
pub async fn list(
    db: &mut impl Db,
    tenant: TenantId,
    filter: &InventoryFilter,
) -> Result<Page<InventoryItem>, StoreError> {
    let conditions = filter_sql(tenant, filter);
    let (offset, limit) = page_bounds(filter.offset, filter.limit);
    let mut count = Query::new("SELECT COUNT(*) FROM inventory_items WHERE ");
    count.append(&conditions);
    let mut page = Query::new(format!("SELECT {COLUMNS} FROM inventory_items WHERE "));
    page.append(&conditions)
        .sql(format!(
            " ORDER BY {} LIMIT ",
            order_sql(filter.sort.key, filter.sort.direction)
        ))
        .int(limit)
        .sql(" OFFSET ")
        .int(offset);
    let total: i64 = on_db!(db, |c| build!(count)
        .build_query_scalar()
        .fetch_one(&mut *c)
        .await?);
    let rows: Vec<ItemRow> = on_db!(db, |c| build!(page)
        .build_query_as()
        .fetch_all(&mut *c)
        .await?);
    Ok(Page {
        items: rows
            .into_iter()
            .map(InventoryItem::try_from)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// Per object type: how many objects are present and how many are marked removed.
pub async fn counts_by_type(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<InventoryTypeCount>, StoreError> {
    const SQL: &str = "SELECT object_type, COUNT(*) - COUNT(removed_at), COUNT(removed_at) \
        FROM inventory_items WHERE tenant_id = $1 GROUP BY object_type ORDER BY object_type";
    let rows: Vec<(String, i64, i64)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?);
    Ok(rows
        .into_iter()
        .map(|(object_type, active, removed)| InventoryTypeCount {
            object_type,
            active,
            removed,
        })
        .collect())
}

/// What a baseline needs of one present object: its identity, name and configuration
/// fingerprint (none for rows written before fingerprints were recorded).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Fingerprint {
    pub object_type: String,
    pub external_id: String,
    pub display_name: String,
    pub platform: Option<String>,
    pub config_hash: Option<String>,
}

/// The tenant's present (not removed) objects of `types` with their fingerprints, in type and
/// id order. Read as one aggregated JSON document rather than row by row: a compare reads a
/// whole tenant at once, and per-row hand-off costs more than the rows themselves (SQLite's
/// driver passes each row between threads).
pub async fn fingerprints(
    db: &mut impl Db,
    tenant: TenantId,
    types: &[&str],
) -> Result<Vec<Fingerprint>, StoreError> {
    if types.is_empty() {
        return Ok(vec![]);
    }
    let filter = |q: &mut Query| {
        q.text(tenant.to_string())
            .sql(" AND removed_at IS NULL AND object_type IN (")
            .text_list(types.iter().map(|t| (*t).to_owned()))
            .sql(")");
    };
    let json: Option<String> = match db.ex() {
        crate::exec::Ex::Sqlite(c) => {
            let mut q = Query::new(
                "SELECT json_group_array(json_array(object_type, external_id, display_name, \
                 platform, config_hash)) FROM (SELECT * FROM inventory_items WHERE tenant_id = ",
            );
            filter(&mut q);
            q.sql(" ORDER BY object_type, external_id)");
            build!(q).build_query_scalar().fetch_one(&mut *c).await?
        }
        crate::exec::Ex::Postgres(c) => {
            let mut q = Query::new(
                "SELECT json_agg(json_build_array(object_type, external_id, display_name, \
                 platform, config_hash) ORDER BY object_type, external_id)::text \
                 FROM inventory_items WHERE tenant_id = ",
            );
            filter(&mut q);
            build!(q).build_query_scalar().fetch_one(&mut *c).await?
        }
    };
    type Row = (String, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = match json {
        Some(text) => serde_json::from_str(&text).map_err(StoreError::invalid_data)?,
        None => vec![],
    };
    Ok(rows
        .into_iter()
        .map(
            |(object_type, external_id, display_name, platform, config_hash)| Fingerprint {
                object_type,
                external_id,
                display_name,
                platform,
                config_hash,
            },
        )
        .collect())
}

/// One present object as a review pack lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentItem {
    pub object_type: String,
    pub external_id: String,
    pub display_name: String,
    pub platform: Option<String>,
    pub content_hash: String,
    pub last_seen_at: i64,
}

/// The tenant's present (not removed) objects, in type and id order (byte order on both
/// engines). A bulk read like [`crate::findings::unresolved_for_tenant`]: rows in table order
/// on SQLite, sorted here.
pub async fn present(db: &mut impl Db, tenant: TenantId) -> Result<Vec<PresentItem>, StoreError> {
    const COLUMNS: &str =
        "object_type, external_id, display_name, platform, content_hash, last_seen_at";
    let mut items = crate::bulk::rows(
        db,
        &format!(
            "SELECT {COLUMNS} FROM inventory_items WHERE rowid IN \
             (SELECT rowid FROM inventory_items WHERE tenant_id = $1) AND removed_at IS NULL"
        ),
        &format!(
            "SELECT {COLUMNS} FROM inventory_items WHERE tenant_id = $1 AND removed_at IS NULL"
        ),
        &tenant.to_string(),
        |row| {
            Ok(PresentItem {
                object_type: row.text(0)?.to_owned(),
                external_id: row.text(1)?.to_owned(),
                display_name: row.text(2)?.to_owned(),
                platform: row.opt_text(3)?.map(str::to_owned),
                content_hash: row.text(4)?.to_owned(),
                last_seen_at: row.int(5)?,
            })
        },
    )
    .await?;
    items.sort_unstable_by(|a, b| {
        (&a.object_type, &a.external_id).cmp(&(&b.object_type, &b.external_id))
    });
    Ok(items)
}
