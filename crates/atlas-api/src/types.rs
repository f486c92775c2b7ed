//! Requests and responses of the command surface. Entities come from `atlas-domain`.

use atlas_domain::{Capability, Role, Tenant, TenantId, User, Workspace, WorkspaceId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which engine holds the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StorageBackend {
    /// Solo mode: an embedded database on this workstation.
    Sqlite,
    /// Team mode: a PostgreSQL database shared by several workstations.
    Postgres,
}

/// What the app is, where its data lives, and who is using it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub product: String,
    pub version: String,
    pub backend: StorageBackend,
    /// Database file or server, safe to show (no password).
    pub database_location: String,
    pub data_dir: String,
    pub user: User,
}

/// A workspace as one member sees it: with their role and what it allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceSummary {
    pub workspace: Workspace,
    pub role: Role,
    pub capabilities: Vec<Capability>,
    /// Whether the membership covers every tenant, or only entitled ones.
    pub all_tenants: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListTenantsRequest {
    pub workspace_id: WorkspaceId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GetTenantRequest {
    pub tenant_id: TenantId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreateDemoWorkspaceResponse {
    pub workspace: WorkspaceSummary,
    /// False when the demo workspace already existed and was returned as it is.
    pub created: bool,
    pub tenants: Vec<Tenant>,
}
