//! Customer tenants. No secret is ever stored here: only the keyring entry's name.

use atlas_domain::{ProviderConnection, Tenant, TenantId, UserId, WorkspaceId};

use crate::{
    sql::{on_db, opt_parse, opt_ts, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct TenantRow {
    id: String,
    workspace_id: String,
    display_name: String,
    directory_tenant_id: String,
    primary_domain: Option<String>,
    status: String,
    simulated: bool,
    client_id: Option<String>,
    credential_kind: Option<String>,
    credential_ref: Option<String>,
    credential_updated_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<TenantRow> for Tenant {
    type Error = StoreError;

    fn try_from(row: TenantRow) -> Result<Self, StoreError> {
        let connection = match (row.client_id, opt_parse(row.credential_kind.as_deref())?) {
            (Some(client_id), Some(credential_kind)) => Some(ProviderConnection {
                client_id,
                credential_kind,
                credential_ref: row.credential_ref,
                credential_updated_at: opt_ts(row.credential_updated_at)?,
            }),
            _ => None,
        };
        Ok(Tenant {
            id: parse(&row.id)?,
            workspace_id: parse(&row.workspace_id)?,
            display_name: row.display_name,
            directory_tenant_id: parse(&row.directory_tenant_id)?,
            primary_domain: row.primary_domain,
            status: parse(&row.status)?,
            simulated: row.simulated,
            connection,
            created_at: ts(row.created_at)?,
            updated_at: ts(row.updated_at)?,
        })
    }
}

const COLUMNS: &str = "t.id, t.workspace_id, t.display_name, t.directory_tenant_id, \
    t.primary_domain, t.status, t.simulated, t.client_id, t.credential_kind, t.credential_ref, \
    t.credential_updated_at, t.created_at, t.updated_at";

/// Inserts a tenant; the same directory tenant twice in one workspace is a conflict.
pub async fn insert(db: &mut impl Db, tenant: &Tenant) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO tenants (id, workspace_id, display_name, directory_tenant_id, \
        primary_domain, status, simulated, client_id, credential_kind, credential_ref, \
        credential_updated_at, created_at, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    let conn = tenant.connection.as_ref();
    on_db!(db, |c| sqlx::query(SQL)
        .bind(tenant.id.to_string())
        .bind(tenant.workspace_id.to_string())
        .bind(&tenant.display_name)
        .bind(tenant.directory_tenant_id.to_string())
        .bind(&tenant.primary_domain)
        .bind(tenant.status.code())
        .bind(tenant.simulated)
        .bind(conn.map(|c| c.client_id.clone()))
        .bind(conn.map(|c| c.credential_kind.code()))
        .bind(conn.and_then(|c| c.credential_ref.clone()))
        .bind(
            conn.and_then(|c| c.credential_updated_at)
                .map(|t| t.unix_millis())
        )
        .bind(tenant.created_at.unix_millis())
        .bind(tenant.updated_at.unix_millis())
        .execute(&mut *c)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!(
                "a tenant with directory id {} in this workspace",
                tenant.directory_tenant_id
            )),
            other => other,
        })?
        .rows_affected());
    Ok(())
}

pub async fn get(db: &mut impl Db, id: TenantId) -> Result<Option<Tenant>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tenants t WHERE t.id = $1");
    let row: Option<TenantRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(Tenant::try_from).transpose()
}

/// The tenants of a workspace that a user may see (all of them when the membership covers all
/// tenants, otherwise the entitled ones), by display name. Not a member: none.
pub async fn list_visible(
    db: &mut impl Db,
    workspace: WorkspaceId,
    user: UserId,
) -> Result<Vec<Tenant>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tenants t \
         JOIN workspace_memberships m ON m.workspace_id = t.workspace_id AND m.user_id = $2 \
         WHERE t.workspace_id = $1 AND (m.all_tenants OR EXISTS ( \
           SELECT 1 FROM tenant_entitlements e WHERE e.user_id = $2 AND e.tenant_id = t.id)) \
         ORDER BY lower(t.display_name), t.id"
    );
    let rows: Vec<TenantRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace.to_string())
        .bind(user.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(Tenant::try_from).collect()
}
