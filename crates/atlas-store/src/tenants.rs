//! Customer tenants. No secret is ever stored here: only the keyring entry's name.

use atlas_domain::{
    ConnectionCheck, ConnectionState, CredentialExpiry, ProviderConnection, ReasonCode, Tenant,
    TenantId, TenantStatus, Timestamp, UserId, WorkspaceId,
};

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
    credential_expires_at: Option<i64>,
    credential_expiry_source: Option<String>,
    connection_state: String,
    connection_checked_at: Option<i64>,
    connection_reason_code: Option<String>,
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
                credential_expiry: match (
                    opt_ts(row.credential_expires_at)?,
                    opt_parse(row.credential_expiry_source.as_deref())?,
                ) {
                    (Some(expires_at), Some(source)) => {
                        Some(CredentialExpiry { expires_at, source })
                    }
                    _ => None,
                },
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
            connection_check: ConnectionCheck {
                state: parse(&row.connection_state)?,
                checked_at: opt_ts(row.connection_checked_at)?,
                reason_code: opt_parse(row.connection_reason_code.as_deref())?,
            },
            created_at: ts(row.created_at)?,
            updated_at: ts(row.updated_at)?,
        })
    }
}

const COLUMNS: &str = "t.id, t.workspace_id, t.display_name, t.directory_tenant_id, \
    t.primary_domain, t.status, t.simulated, t.client_id, t.credential_kind, t.credential_ref, \
    t.credential_updated_at, t.credential_expires_at, t.credential_expiry_source, \
    t.connection_state, t.connection_checked_at, t.connection_reason_code, t.created_at, \
    t.updated_at";

/// Inserts a tenant; the same directory tenant twice in one workspace is a conflict.
pub async fn insert(db: &mut impl Db, tenant: &Tenant) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO tenants (id, workspace_id, display_name, directory_tenant_id, \
        primary_domain, status, simulated, client_id, credential_kind, credential_ref, \
        credential_updated_at, connection_state, connection_checked_at, connection_reason_code, \
        created_at, updated_at, credential_expires_at, credential_expiry_source) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";
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
        .bind(tenant.connection_check.state.code())
        .bind(tenant.connection_check.checked_at.map(|t| t.unix_millis()))
        .bind(tenant.connection_check.reason_code.map(ReasonCode::code))
        .bind(tenant.created_at.unix_millis())
        .bind(tenant.updated_at.unix_millis())
        .bind(expiry(conn).map(|e| e.expires_at.unix_millis()))
        .bind(expiry(conn).map(|e| e.source.code()))
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

/// Every active tenant of the workspace, whoever may see it (work the product starts itself,
/// such as scheduled syncs).
pub async fn list_active(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<Tenant>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tenants t WHERE t.workspace_id = $1 AND t.status = 'active' \
         ORDER BY lower(t.display_name), t.id"
    );
    let rows: Vec<TenantRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(Tenant::try_from).collect()
}

/// Changes what the operator calls the tenant and its primary domain.
pub async fn update_details(
    db: &mut impl Db,
    id: TenantId,
    display_name: &str,
    primary_domain: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str =
        "UPDATE tenants SET display_name = $2, primary_domain = $3, updated_at = $4 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(display_name)
        .bind(primary_domain)
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    found(changed, id)
}

/// Activates, pauses or archives the tenant.
pub async fn set_status(
    db: &mut impl Db,
    id: TenantId,
    status: TenantStatus,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE tenants SET status = $2, updated_at = $3 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(status.code())
        .bind(now.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    found(changed, id)
}

/// Replaces (or, with `None`, removes) the provider connection. What was verified no longer
/// applies, so the connection check goes back to unverified.
pub async fn set_connection(
    db: &mut impl Db,
    id: TenantId,
    connection: Option<&ProviderConnection>,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE tenants SET client_id = $2, credential_kind = $3, \
        credential_ref = $4, credential_updated_at = $5, connection_state = $6, \
        connection_checked_at = NULL, connection_reason_code = NULL, updated_at = $7, \
        credential_expires_at = $8, credential_expiry_source = $9 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(connection.map(|c| c.client_id.clone()))
        .bind(connection.map(|c| c.credential_kind.code()))
        .bind(connection.and_then(|c| c.credential_ref.clone()))
        .bind(
            connection
                .and_then(|c| c.credential_updated_at)
                .map(|t| t.unix_millis())
        )
        .bind(ConnectionState::Unverified.code())
        .bind(now.unix_millis())
        .bind(expiry(connection).map(|e| e.expires_at.unix_millis()))
        .bind(expiry(connection).map(|e| e.source.code()))
        .execute(&mut *c)
        .await?
        .rows_affected());
    found(changed, id)
}

fn expiry(connection: Option<&ProviderConnection>) -> Option<CredentialExpiry> {
    connection.and_then(|c| c.credential_expiry)
}

/// Records when the tenant's credential ends, as the app registration says. Not an edit of the
/// tenant: `updated_at` stays.
pub async fn set_credential_expiry(
    db: &mut impl Db,
    id: TenantId,
    expiry: CredentialExpiry,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE tenants SET credential_expires_at = $2, \
        credential_expiry_source = $3 WHERE id = $1 AND client_id IS NOT NULL";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(expiry.expires_at.unix_millis())
        .bind(expiry.source.code())
        .execute(&mut *c)
        .await?
        .rows_affected());
    found(changed, id)
}

/// Records the result of a connection check. `reason_code` is a stable code such as
/// `provider.bad_secret`, never a provider message. Not an edit of the tenant: `updated_at`
/// stays.
pub async fn record_connection_check(
    db: &mut impl Db,
    id: TenantId,
    state: ConnectionState,
    reason_code: Option<ReasonCode>,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE tenants SET connection_state = $2, connection_checked_at = $3, \
        connection_reason_code = $4 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(state.code())
        .bind(now.unix_millis())
        .bind(reason_code.map(ReasonCode::code))
        .execute(&mut *c)
        .await?
        .rows_affected());
    found(changed, id)
}

fn found(changed: u64, id: TenantId) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::NotFound(format!("tenant {id}")));
    }
    Ok(())
}

/// Stores the Graph application permissions a connection check found granted.
pub async fn record_granted_permissions(
    db: &mut impl Db,
    id: TenantId,
    granted: &[String],
    at: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO tenant_permissions (tenant_id, granted, checked_at) \
        VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO UPDATE \
        SET granted = excluded.granted, checked_at = excluded.checked_at";
    let granted = sqlx::types::Json(granted);
    on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(granted)
        .bind(at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// The permissions the last connection check found granted, and when; `None` before one.
pub async fn granted_permissions(
    db: &mut impl Db,
    id: TenantId,
) -> Result<Option<(Vec<String>, Timestamp)>, StoreError> {
    const SQL: &str = "SELECT granted, checked_at FROM tenant_permissions WHERE tenant_id = $1";
    let row: Option<(sqlx::types::Json<Vec<String>>, i64)> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(|(granted, at)| Ok((granted.0, ts(at)?)))
        .transpose()
}
