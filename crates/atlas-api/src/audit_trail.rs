//! Audit entries the commands write about tenants and baseline profiles, in one shape each.

use atlas_domain::{AuditActor, AuditEntry, BaselineProfile, Tenant, Timestamp};
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

/// What happened, for the audit log: the action id, a sentence, and details (never a secret).
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub summary: String,
    pub metadata: serde_json::Value,
}

/// Records that `actor` made `change` to a baseline profile (and, for assignments, a tenant).
pub(crate) async fn profile_event(
    db: &mut impl Db,
    actor: &Actor,
    profile: &BaselineProfile,
    tenant: Option<&Tenant>,
    change: Change<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(profile.workspace_id),
        tenant_id: tenant.map(|t| t.id),
        actor: AuditActor::User {
            user_id: actor.user_id(),
        },
        action: change.action.into(),
        target_type: "baseline_profile".into(),
        target_id: Some(profile.id.to_string()),
        summary: change.summary,
        metadata: change.metadata,
        created_at: now,
    };
    audit::insert(db, &entry).await
}
