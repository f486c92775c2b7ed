//! Search across a workspace's tenants at once: policies and other objects by name from the
//! inventory, groups by name from the groups cache, and settings by their portal name from the
//! definitions cache with the policies whose newest version configures them.

use atlas_domain::{InventoryItemId, TenantId};

use crate::{
    sql::{contains_pattern, fold, on_db, params, parse},
    Db, StoreError,
};

/// An inventory object whose name matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectHit {
    pub tenant_id: TenantId,
    pub item_id: InventoryItemId,
    pub object_type: String,
    pub display_name: String,
}

/// A group whose name matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupHit {
    pub tenant_id: TenantId,
    pub group_id: String,
    pub display_name: String,
}

/// A setting whose portal name matches, and an object of the tenant that configures it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingHit {
    pub tenant_id: TenantId,
    pub definition_id: String,
    pub setting_name: String,
    pub item_id: InventoryItemId,
    pub display_name: String,
}

fn tenant_list(tenants: &[TenantId], first: usize) -> (String, Vec<String>) {
    (
        params(first, tenants.len()),
        tenants.iter().map(ToString::to_string).collect(),
    )
}

/// Present inventory objects of `tenants` whose name contains `needle`, by name.
pub async fn objects(
    db: &mut impl Db,
    tenants: &[TenantId],
    needle: &str,
    limit: i64,
) -> Result<Vec<ObjectHit>, StoreError> {
    if tenants.is_empty() {
        return Ok(Vec::new());
    }
    let (list, ids) = tenant_list(tenants, 3);
    let sql = format!(
        "SELECT tenant_id, id, object_type, display_name FROM inventory_items \
         WHERE removed_at IS NULL AND display_name_folded LIKE $1 ESCAPE '\\' \
         AND tenant_id IN ({list}) ORDER BY display_name_folded, tenant_id, id LIMIT $2"
    );
    let rows: Vec<(String, String, String, String)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(contains_pattern(&fold(needle)))
            .bind(limit);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter()
        .map(|(tenant, item, object_type, display_name)| {
            Ok(ObjectHit {
                tenant_id: parse(&tenant)?,
                item_id: parse(&item)?,
                object_type,
                display_name,
            })
        })
        .collect()
}

/// Present groups of `tenants` whose name contains `needle`, by name.
pub async fn groups(
    db: &mut impl Db,
    tenants: &[TenantId],
    needle: &str,
    limit: i64,
) -> Result<Vec<GroupHit>, StoreError> {
    if tenants.is_empty() {
        return Ok(Vec::new());
    }
    let (list, ids) = tenant_list(tenants, 3);
    let sql = format!(
        "SELECT tenant_id, group_id, display_name FROM directory_groups \
         WHERE removed_at IS NULL AND display_name_folded LIKE $1 ESCAPE '\\' \
         AND tenant_id IN ({list}) ORDER BY display_name_folded, tenant_id, group_id LIMIT $2"
    );
    let rows: Vec<(String, String, String)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(contains_pattern(&fold(needle)))
            .bind(limit);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter()
        .map(|(tenant, group_id, display_name)| {
            Ok(GroupHit {
                tenant_id: parse(&tenant)?,
                group_id,
                display_name,
            })
        })
        .collect()
}

/// Settings whose portal name contains `needle`, each with the present settings catalog
/// policies of `tenants` whose newest version configures it.
pub async fn settings(
    db: &mut impl Db,
    tenants: &[TenantId],
    needle: &str,
    limit: i64,
) -> Result<Vec<SettingHit>, StoreError> {
    if tenants.is_empty() {
        return Ok(Vec::new());
    }
    let (list, ids) = tenant_list(tenants, 3);
    // Definitions are cached per tenant: each tenant's own names its settings.
    let sql = format!(
        "SELECT tenant_id, definition_id, display_name FROM setting_definitions \
         WHERE lower(display_name) LIKE $1 ESCAPE '\\' AND tenant_id IN ({list}) \
         ORDER BY display_name, tenant_id LIMIT $2"
    );
    let definitions: Vec<(String, String, String)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(contains_pattern(&needle.to_lowercase()))
            .bind(limit);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(&mut *c).await?
    });
    const USING: &str = "SELECT i.id, i.display_name FROM policy_versions v \
        JOIN inventory_items i ON i.tenant_id = v.tenant_id AND i.object_type = v.object_type \
          AND i.external_id = v.external_id AND i.removed_at IS NULL \
        WHERE v.tenant_id = $1 AND v.object_type = 'settings_catalog' \
          AND v.version_number = (SELECT MAX(x.version_number) FROM policy_versions x \
            WHERE x.tenant_id = v.tenant_id AND x.object_type = v.object_type \
              AND x.external_id = v.external_id) \
          AND CAST(v.content AS TEXT) LIKE $2 ESCAPE '\\' \
        ORDER BY i.display_name_folded, i.id LIMIT $3";
    let mut hits = Vec::new();
    for (tenant, definition_id, setting_name) in definitions {
        // The id quoted, so one setting never matches another whose id it begins.
        let pattern = contains_pattern(&format!("\"{definition_id}\""));
        let rows: Vec<(String, String)> = on_db!(db, |c| sqlx::query_as(USING)
            .bind(&tenant)
            .bind(&pattern)
            .bind(limit)
            .fetch_all(&mut *c)
            .await?);
        for (item, display_name) in rows {
            hits.push(SettingHit {
                tenant_id: parse(&tenant)?,
                definition_id: definition_id.clone(),
                setting_name: setting_name.clone(),
                item_id: parse(&item)?,
                display_name,
            });
        }
    }
    Ok(hits)
}
