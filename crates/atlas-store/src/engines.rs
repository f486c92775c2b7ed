//! Running engines and the tenant credentials each holds (team mode's credential affinity).

use atlas_domain::{TenantId, Timestamp};

use crate::{sql::on_db, Db, StoreError};

/// Records (or re-records) a running engine.
pub async fn register(
    db: &mut impl Db,
    id: &str,
    host: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO engines (id, host, started_at, heartbeat_at, credentials_at) \
                       VALUES ($1, $2, $3, $3, $3) ON CONFLICT (id) DO UPDATE \
                       SET heartbeat_at = excluded.heartbeat_at";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(host)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Says the engine is alive; `false` when its row is gone (removed as dead by another).
pub async fn heartbeat(db: &mut impl Db, id: &str, now: Timestamp) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE engines SET heartbeat_at = $2 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed > 0)
}

/// Replaces the tenants whose credential the engine holds.
pub async fn set_credentials(
    db: &mut impl Db,
    id: &str,
    tenants: &[TenantId],
    now: Timestamp,
) -> Result<(), StoreError> {
    const CLEAR: &str = "DELETE FROM engine_credentials WHERE engine_id = $1";
    const ADD: &str = "INSERT INTO engine_credentials (engine_id, tenant_id) VALUES ($1, $2) \
                       ON CONFLICT DO NOTHING";
    const STAMP: &str = "UPDATE engines SET credentials_at = $2 WHERE id = $1";
    on_db!(db, |c| sqlx::query(CLEAR)
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    for tenant in tenants {
        on_db!(db, |c| sqlx::query(ADD)
            .bind(id)
            .bind(tenant)
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    on_db!(db, |c| sqlx::query(STAMP)
        .bind(id)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Removes the engine (it stopped), or engines silent since before `dead_before` (they died).
pub async fn remove(db: &mut impl Db, id: &str) -> Result<(), StoreError> {
    on_db!(db, |c| sqlx::query("DELETE FROM engines WHERE id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

pub async fn remove_silent(db: &mut impl Db, dead_before: Timestamp) -> Result<u64, StoreError> {
    Ok(on_db!(db, |c| sqlx::query(
        "DELETE FROM engines WHERE heartbeat_at < $1"
    )
    .bind(dead_before)
    .execute(&mut *c)
    .await?
    .rows_affected()))
}

/// Whether an engine that heartbeated since `alive_since` holds the tenant's credential.
pub async fn tenant_is_served(
    db: &mut impl Db,
    tenant: TenantId,
    alive_since: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM engine_credentials ec JOIN engines e \
                       ON e.id = ec.engine_id WHERE ec.tenant_id = $1 AND e.heartbeat_at >= $2";
    let count: i64 = on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(tenant)
        .bind(alive_since)
        .fetch_one(&mut *c)
        .await?);
    Ok(count > 0)
}

/// Every tenant this database role can see, with whether it is simulated and where its
/// credential lives in a keyring (for an engine to check which it holds).
pub async fn tenant_credentials(
    db: &mut impl Db,
) -> Result<Vec<(TenantId, bool, Option<String>)>, StoreError> {
    const SQL: &str =
        "SELECT id, simulated, credential_ref FROM tenants WHERE status <> 'archived'";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .fetch_all(&mut *c)
        .await?))
}
