//! Cached Entra directory data of a tenant (SPEC §5): groups, for showing assignment targets by
//! name and mapping groups on restore, and directory roles, for the RBAC hardening report.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{codes::code_enum, TenantId, Timestamp};

/// An Entra group as the group sync last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct DirectoryGroup {
    pub tenant_id: TenantId,
    /// The group's object id in Entra.
    pub group_id: String,
    pub display_name: String,
    pub description: Option<String>,
    pub mail: Option<String>,
    pub security_enabled: bool,
    pub mail_enabled: bool,
    /// Graph's `groupTypes`, e.g. `["Unified", "DynamicMembership"]`.
    #[cfg_attr(feature = "sqlx", sqlx(json))]
    pub group_types: Vec<String>,
    /// The rule of a dynamic group.
    pub membership_rule: Option<String>,
    pub last_seen_at: Timestamp,
    /// Set when a complete group sync no longer returned the group.
    pub removed_at: Option<Timestamp>,
}

code_enum! {
    /// What kind of directory object holds a role.
    pub enum PrincipalType as "principal_type" {
        User => "user",
        Group => "group",
        ServicePrincipal => "servicePrincipal",
    }
}

/// An Entra directory role definition (built-in or custom).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DirectoryRoleDefinition {
    pub role_definition_id: String,
    pub display_name: String,
    pub description: Option<String>,
    pub is_built_in: bool,
    pub is_enabled: bool,
    /// The role template; for built-in roles Microsoft's well-known id.
    pub template_id: Option<String>,
    /// Graph's `rolePermissions` as read.
    pub permissions: serde_json::Value,
}

/// One assignment of a directory role to a principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DirectoryRoleAssignment {
    pub assignment_id: String,
    pub role_definition_id: String,
    pub principal_id: String,
    pub principal_display_name: Option<String>,
    /// `None` when Graph did not say or named a kind of principal this version does not know.
    pub principal_type: Option<PrincipalType>,
    /// `/` for the whole directory, otherwise an administrative unit or object scope.
    pub directory_scope_id: String,
}
