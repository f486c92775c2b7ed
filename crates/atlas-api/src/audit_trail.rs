//! Audit entries the commands write about tenants, in one shape.

use atlas_domain::{AuditActor, AuditEntry, Tenant, Timestamp};
use atlas_store::{audit, Db, StoreError};

use crate::Actor;

/// Records that `actor` did `action` to `tenant`. `metadata` must never hold a secret.
pub(crate) async fn tenant_event(
    db: &mut impl Db,
    actor: &Actor,
    tenant: &Tenant,
    action: &str,
    summary: String,
    metadata: serde_json::Value,
    now: Timestamp,
) -> Result<(), StoreError> {
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(tenant.workspace_id),
        tenant_id: Some(tenant.id),
        actor: AuditActor::User {
            user_id: actor.user_id(),
        },
        action: action.into(),
        target_type: "tenant".into(),
        target_id: Some(tenant.id.to_string()),
        summary,
        metadata,
        created_at: now,
    };
    audit::insert(db, &entry).await
}
