//! The audit log: append and read, never update.

use atlas_domain::{AuditActor, AuditEntry, WorkspaceId};
use sqlx::types::Json;

use crate::{
    sql::{on_db, opt_parse, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: String,
    workspace_id: Option<String>,
    tenant_id: Option<String>,
    actor_kind: String,
    actor_user_id: Option<String>,
    action: String,
    target_type: String,
    target_id: Option<String>,
    summary: String,
    metadata: Json<serde_json::Value>,
    created_at: i64,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;

    fn try_from(r: AuditRow) -> Result<Self, StoreError> {
        let actor = match (r.actor_kind.as_str(), r.actor_user_id) {
            ("user", Some(user)) => AuditActor::User {
                user_id: parse(&user)?,
            },
            ("system", None) => AuditActor::System,
            (kind, _) => return Err(StoreError::invalid_data(format!("audit actor {kind}"))),
        };
        Ok(AuditEntry {
            id: parse(&r.id)?,
            workspace_id: opt_parse(r.workspace_id.as_deref())?,
            tenant_id: opt_parse(r.tenant_id.as_deref())?,
            actor,
            action: r.action,
            target_type: r.target_type,
            target_id: r.target_id,
            summary: r.summary,
            metadata: r.metadata.0,
            created_at: ts(r.created_at)?,
        })
    }
}

pub async fn insert(db: &mut impl Db, entry: &AuditEntry) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO audit_log (id, workspace_id, tenant_id, actor_kind, \
        actor_user_id, action, target_type, target_id, summary, metadata, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    let (kind, user) = match entry.actor {
        AuditActor::User { user_id } => ("user", Some(user_id.to_string())),
        AuditActor::System => ("system", None),
    };
    on_db!(db, |c| sqlx::query(SQL)
        .bind(entry.id.to_string())
        .bind(entry.workspace_id.map(|w| w.to_string()))
        .bind(entry.tenant_id.map(|t| t.to_string()))
        .bind(kind)
        .bind(&user)
        .bind(&entry.action)
        .bind(&entry.target_type)
        .bind(&entry.target_id)
        .bind(&entry.summary)
        .bind(Json(&entry.metadata))
        .bind(entry.created_at.unix_millis())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// The newest entries of a workspace, newest first.
pub async fn list_for_workspace(
    db: &mut impl Db,
    workspace: WorkspaceId,
    limit: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    const SQL: &str = "SELECT id, workspace_id, tenant_id, actor_kind, actor_user_id, action, \
        target_type, target_id, summary, metadata, created_at FROM audit_log \
        WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
    let rows: Vec<AuditRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(workspace.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(AuditEntry::try_from).collect()
}
