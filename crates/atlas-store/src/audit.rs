//! The audit log: append and read, never update.

use atlas_domain::{
    AuditActor, AuditEntry, AuditFilter, AuditRow as NamedAuditRow, Page, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    query::{build, Conditions, Query},
    sql::{contains_pattern, non_empty, on_db, opt_parse, page_bounds, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
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

#[derive(sqlx::FromRow)]
struct NamedRow {
    #[sqlx(flatten)]
    entry: AuditRow,
    actor_name: Option<String>,
    tenant_name: Option<String>,
}

/// One page of a workspace's audit log, newest first, filtered; with the total that matches.
pub async fn list(
    db: &mut impl Db,
    workspace: WorkspaceId,
    filter: &AuditFilter,
) -> Result<Page<NamedAuditRow>, StoreError> {
    let mut c = Conditions::default();
    c.and("a.workspace_id = ").text(workspace.to_string());
    if let Some(actor) = filter.actor {
        c.and("a.actor_user_id = ").text(actor.to_string());
    }
    if let Some(action) = non_empty(filter.action.as_deref()) {
        // `contains_pattern` gives `%area%` with wildcards escaped; the area must lead.
        let escaped = contains_pattern(action);
        c.and("(a.action = ")
            .text(action)
            .sql(" OR a.action LIKE ")
            .text(format!("{}.%", &escaped[1..escaped.len() - 1]))
            .sql(" ESCAPE '\\')");
    }
    if let Some(tenant) = filter.tenant {
        c.and("a.tenant_id = ").text(tenant.to_string());
    }
    if let Some(from) = filter.from {
        c.and("a.created_at >= ").int(from.unix_millis());
    }
    if let Some(until) = filter.until {
        c.and("a.created_at < ").int(until.unix_millis());
    }
    let conditions = c.joined();
    let from = "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id \
        LEFT JOIN tenants t ON t.id = a.tenant_id";
    let (offset, limit) = page_bounds(filter.offset, filter.limit);
    let mut page = Query::new(format!(
        "SELECT a.id, a.workspace_id, a.tenant_id, a.actor_kind, a.actor_user_id, a.action, \
         a.target_type, a.target_id, a.summary, a.metadata, a.created_at, \
         u.display_name AS actor_name, t.display_name AS tenant_name {from} WHERE "
    ));
    page.append(&conditions)
        .sql(" ORDER BY a.created_at DESC, a.id DESC LIMIT ")
        .int(limit)
        .sql(" OFFSET ")
        .int(offset);
    let mut count = Query::new(format!("SELECT COUNT(*) {from} WHERE "));
    count.append(&conditions);
    let rows: Vec<NamedRow> = on_db!(db, |c| build!(page)
        .build_query_as()
        .fetch_all(&mut *c)
        .await?);
    let total: i64 = on_db!(db, |c| build!(count)
        .build_query_scalar()
        .fetch_one(&mut *c)
        .await?);
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| {
                Ok(NamedAuditRow {
                    entry: AuditEntry::try_from(r.entry)?,
                    actor_name: r.actor_name,
                    tenant_name: r.tenant_name,
                })
            })
            .collect::<Result<_, StoreError>>()?,
        total,
    })
}
