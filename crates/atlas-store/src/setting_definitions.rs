//! The settings catalog definitions cache: per tenant, the newest definition of each setting
//! and the names of their categories, as the tenant's Graph last sent them.

use atlas_domain::readable::{Definitions, SettingCategory, SettingDefinition, SettingOption};
use atlas_domain::{TenantId, Timestamp};
use sqlx::types::Json;

use crate::{
    sql::{last_per_key, on_db, params, rows_per_statement, values_rows},
    Db, StoreError,
};

const DEFINITION_WIDTH: usize = 6;

#[derive(sqlx::FromRow)]
struct DefinitionRow {
    definition_id: String,
    version: Option<String>,
    display_name: String,
    description: Option<String>,
    category_id: Option<String>,
    options: Json<Vec<SettingOption>>,
}

/// Stores `definitions` for the tenant, replacing what was cached for the same ids.
pub async fn upsert_definitions(
    db: &mut impl Db,
    tenant: TenantId,
    definitions: &[SettingDefinition],
    at: Timestamp,
) -> Result<(), StoreError> {
    let definitions = last_per_key(definitions, |d| d.id.as_str());
    for chunk in definitions.chunks(rows_per_statement(DEFINITION_WIDTH)) {
        let values = values_rows(chunk.len(), 3, DEFINITION_WIDTH, |n| {
            format!("$1, {}, $2", params(n, DEFINITION_WIDTH))
        });
        let sql = format!(
            "INSERT INTO setting_definitions (tenant_id, definition_id, version, display_name, \
             description, category_id, options, fetched_at) VALUES {values} \
             ON CONFLICT (tenant_id, definition_id) DO UPDATE SET version = excluded.version, \
             display_name = excluded.display_name, description = excluded.description, \
             category_id = excluded.category_id, options = excluded.options, \
             fetched_at = excluded.fetched_at"
        );
        on_db!(db, |c| {
            let mut q = sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(at.unix_millis());
            for d in chunk {
                q = q
                    .bind(&d.id)
                    .bind(&d.version)
                    .bind(&d.display_name)
                    .bind(&d.description)
                    .bind(&d.category_id)
                    .bind(Json(&d.options));
            }
            q.execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(())
}

/// Stores the names of `categories` for the tenant.
pub async fn upsert_categories(
    db: &mut impl Db,
    tenant: TenantId,
    categories: &[SettingCategory],
    at: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO setting_categories (tenant_id, category_id, display_name, \
        fetched_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, category_id) DO UPDATE \
        SET display_name = excluded.display_name, fetched_at = excluded.fetched_at";
    for category in categories {
        on_db!(db, |c| sqlx::query(SQL)
            .bind(tenant.to_string())
            .bind(&category.id)
            .bind(&category.display_name)
            .bind(at.unix_millis())
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

/// Of `ids`, the settings the tenant's cache has no definition of.
pub async fn undefined_settings(
    db: &mut impl Db,
    tenant: TenantId,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    absent(db, tenant, "setting_definitions", "definition_id", ids).await
}

/// Of `category_ids`, those the tenant's cache has no name for.
pub async fn unnamed_categories(
    db: &mut impl Db,
    tenant: TenantId,
    category_ids: &[String],
) -> Result<Vec<String>, StoreError> {
    absent(
        db,
        tenant,
        "setting_categories",
        "category_id",
        category_ids,
    )
    .await
}

/// Of `ids`, those with no row of the tenant in `table` (keyed by `column`), in order.
async fn absent(
    db: &mut impl Db,
    tenant: TenantId,
    table: &str,
    column: &str,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
    for chunk in ids.chunks(rows_per_statement(1)) {
        let sql = format!(
            "SELECT {column} FROM {table} WHERE tenant_id = $1 AND {column} IN ({})",
            params(2, chunk.len())
        );
        let rows: Vec<(String,)> = on_db!(db, |c| {
            let mut q = sqlx::query_as(&sql).bind(tenant.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(&mut *c).await?
        });
        known.extend(rows.into_iter().map(|(id,)| id));
    }
    Ok(ids
        .iter()
        .filter(|id| !known.contains(*id))
        .cloned()
        .collect())
}

/// What the tenant's cache knows of the settings `ids`, with their categories' names.
pub async fn for_settings(
    db: &mut impl Db,
    tenant: TenantId,
    ids: &[String],
) -> Result<Definitions, StoreError> {
    let mut definitions: Vec<SettingDefinition> = Vec::new();
    for chunk in ids.chunks(rows_per_statement(1)) {
        let sql = format!(
            "SELECT definition_id, version, display_name, description, category_id, options \
             FROM setting_definitions WHERE tenant_id = $1 AND definition_id IN ({})",
            params(2, chunk.len())
        );
        let rows: Vec<DefinitionRow> = on_db!(db, |c| {
            let mut q = sqlx::query_as(&sql).bind(tenant.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(&mut *c).await?
        });
        definitions.extend(rows.into_iter().map(|r| SettingDefinition {
            id: r.definition_id,
            version: r.version,
            display_name: r.display_name,
            description: r.description,
            category_id: r.category_id,
            options: r.options.0,
        }));
    }
    let mut category_ids: Vec<String> = definitions
        .iter()
        .filter_map(|d| d.category_id.clone())
        .collect();
    category_ids.sort();
    category_ids.dedup();
    let mut categories: Vec<SettingCategory> = Vec::new();
    for chunk in category_ids.chunks(rows_per_statement(1)) {
        let sql = format!(
            "SELECT category_id, display_name FROM setting_categories WHERE tenant_id = $1 \
             AND category_id IN ({})",
            params(2, chunk.len())
        );
        let rows: Vec<(String, String)> = on_db!(db, |c| {
            let mut q = sqlx::query_as(&sql).bind(tenant.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(&mut *c).await?
        });
        categories.extend(
            rows.into_iter()
                .map(|(id, display_name)| SettingCategory { id, display_name }),
        );
    }
    Ok(Definitions::new(definitions, categories))
}
