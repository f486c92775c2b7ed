//! The directory roles cache: a tenant's role definitions and assignments as last observed.
//! Each sync replaces them whole, so a role or assignment removed in Entra disappears here.

use atlas_domain::{DirectoryRoleAssignment, DirectoryRoleDefinition, TenantId, Timestamp};
use sqlx::types::Json;

use crate::{
    sql::{last_per_key, on_db, opt_parse, params, rows_per_statement, values_rows},
    Db, StoreError, Tx,
};

#[derive(sqlx::FromRow)]
struct DefinitionRow {
    role_definition_id: String,
    display_name: String,
    description: Option<String>,
    is_built_in: bool,
    is_enabled: bool,
    template_id: Option<String>,
    permissions: Json<serde_json::Value>,
}

impl From<DefinitionRow> for DirectoryRoleDefinition {
    fn from(r: DefinitionRow) -> Self {
        DirectoryRoleDefinition {
            role_definition_id: r.role_definition_id,
            display_name: r.display_name,
            description: r.description,
            is_built_in: r.is_built_in,
            is_enabled: r.is_enabled,
            template_id: r.template_id,
            permissions: r.permissions.0,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    assignment_id: String,
    role_definition_id: String,
    principal_id: String,
    principal_display_name: Option<String>,
    principal_type: Option<String>,
    directory_scope_id: String,
}

impl TryFrom<AssignmentRow> for DirectoryRoleAssignment {
    type Error = StoreError;

    fn try_from(r: AssignmentRow) -> Result<Self, StoreError> {
        Ok(DirectoryRoleAssignment {
            assignment_id: r.assignment_id,
            role_definition_id: r.role_definition_id,
            principal_id: r.principal_id,
            principal_display_name: r.principal_display_name,
            principal_type: opt_parse(r.principal_type.as_deref())?,
            directory_scope_id: r.directory_scope_id,
        })
    }
}

const DEFINITION_WIDTH: usize = 7;
const ASSIGNMENT_WIDTH: usize = 6;

/// Replaces the tenant's cached definitions and assignments with `definitions` and
/// `assignments` (for one id listed twice the last entry wins). Takes a transaction so readers
/// never see the cache half replaced.
pub async fn replace_all(
    tx: &mut Tx,
    tenant: TenantId,
    definitions: &[DirectoryRoleDefinition],
    assignments: &[DirectoryRoleAssignment],
    synced_at: Timestamp,
) -> Result<(), StoreError> {
    for table in ["directory_role_assignments", "directory_role_definitions"] {
        let sql = format!("DELETE FROM {table} WHERE tenant_id = $1");
        on_db!(tx, |c| sqlx::query(&sql)
            .bind(tenant.to_string())
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    let definitions = last_per_key(definitions, |d| d.role_definition_id.as_str());
    for chunk in definitions.chunks(rows_per_statement(DEFINITION_WIDTH)) {
        let values = values_rows(chunk.len(), 3, DEFINITION_WIDTH, |n| {
            format!("$1, {}, $2", params(n, DEFINITION_WIDTH))
        });
        let sql = format!(
            "INSERT INTO directory_role_definitions (tenant_id, role_definition_id, \
             display_name, description, is_built_in, is_enabled, template_id, permissions, \
             synced_at) VALUES {values}"
        );
        on_db!(tx, |c| {
            let mut q = sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(synced_at.unix_millis());
            for d in chunk {
                q = q
                    .bind(&d.role_definition_id)
                    .bind(&d.display_name)
                    .bind(&d.description)
                    .bind(d.is_built_in)
                    .bind(d.is_enabled)
                    .bind(&d.template_id)
                    .bind(Json(&d.permissions));
            }
            q.execute(&mut *c).await?.rows_affected()
        });
    }
    let assignments = last_per_key(assignments, |a| a.assignment_id.as_str());
    for chunk in assignments.chunks(rows_per_statement(ASSIGNMENT_WIDTH)) {
        let values = values_rows(chunk.len(), 3, ASSIGNMENT_WIDTH, |n| {
            format!("$1, {}, $2", params(n, ASSIGNMENT_WIDTH))
        });
        let sql = format!(
            "INSERT INTO directory_role_assignments (tenant_id, assignment_id, \
             role_definition_id, principal_id, principal_display_name, principal_type, \
             directory_scope_id, synced_at) VALUES {values}"
        );
        on_db!(tx, |c| {
            let mut q = sqlx::query(&sql)
                .bind(tenant.to_string())
                .bind(synced_at.unix_millis());
            for a in chunk {
                q = q
                    .bind(&a.assignment_id)
                    .bind(&a.role_definition_id)
                    .bind(&a.principal_id)
                    .bind(&a.principal_display_name)
                    .bind(a.principal_type.map(|t| t.code()))
                    .bind(&a.directory_scope_id);
            }
            q.execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(())
}

/// The tenant's role definitions, built-in first, then by name.
pub async fn list_definitions(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<DirectoryRoleDefinition>, StoreError> {
    const SQL: &str = "SELECT role_definition_id, display_name, description, is_built_in, \
        is_enabled, template_id, permissions FROM directory_role_definitions \
        WHERE tenant_id = $1 ORDER BY is_built_in DESC, display_name, role_definition_id";
    let rows: Vec<DefinitionRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?);
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The tenant's role assignments, by role, then principal name.
pub async fn list_assignments(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<DirectoryRoleAssignment>, StoreError> {
    const SQL: &str = "SELECT assignment_id, role_definition_id, principal_id, \
        principal_display_name, principal_type, directory_scope_id \
        FROM directory_role_assignments WHERE tenant_id = $1 \
        ORDER BY role_definition_id, COALESCE(principal_display_name, principal_id), \
          assignment_id";
    let rows: Vec<AssignmentRow> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant.to_string())
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(DirectoryRoleAssignment::try_from)
        .collect()
}
