//! Requests and responses of the command surface. Entities come from `atlas-domain`.

use atlas_domain::{
    readable::{ConfigDiff, ReadableConfig},
    AuditFilter, Capability, DirectoryRoleAssignment, DirectoryRoleDefinition, Freshness,
    InventoryFilter, InventoryItem, InventoryItemId, OperationRun, OperationType, PolicyVersion,
    PolicyVersionId, PolicyVersionSummary, RbacHardeningReport, Role, RunEvent, RunId,
    RunListFilter, RunOutcome, Tenant, TenantId, TenantStatus, Timestamp, User, UserNotification,
    Workspace, WorkspaceId,
};
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

/// How a tenant's app registration proves itself, as entered by the operator. The secret or
/// private key goes to the OS keyring and never comes back out through the API.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CredentialInput {
    ClientSecret {
        secret: String,
    },
    Certificate {
        certificate_pem: String,
        private_key_pem: String,
    },
}

impl std::fmt::Debug for CredentialInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ClientSecret { .. } => f.write_str("ClientSecret(<redacted>)"),
            Self::Certificate { .. } => f.write_str("Certificate(<redacted>)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddTenantRequest {
    pub workspace_id: WorkspaceId,
    pub display_name: String,
    /// The directory (tenant) id as a GUID, or one of the tenant's verified domains
    /// (`contoso.onmicrosoft.com`), which is resolved to the GUID.
    pub directory: String,
    /// The app registration's application (client) id, a GUID.
    pub client_id: String,
    pub credential: CredentialInput,
}

/// Changes to a tenant; absent fields stay as they are. Changing the client id or the
/// credential makes the connection unverified and writes an audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateTenantRequest {
    pub tenant_id: TenantId,
    #[ts(optional)]
    pub display_name: Option<String>,
    #[ts(optional)]
    pub client_id: Option<String>,
    #[ts(optional)]
    pub credential: Option<CredentialInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetTenantStatusRequest {
    pub tenant_id: TenantId,
    pub status: TenantStatus,
}

/// The outcome of a connection check, in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyConnectionResponse {
    pub tenant: Tenant,
    pub reachable: bool,
    /// What was proved or what is wrong, and what to do about it.
    pub message: String,
}

/// What a sync reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncKind {
    /// The inventory: every catalog object's listing.
    Inventory,
    /// Policies' full content with assignments, as versions.
    Policies,
    /// Entra groups.
    Groups,
    /// Directory role definitions and assignments, and the RBAC hardening report.
    Roles,
}

impl SyncKind {
    pub const ALL: [SyncKind; 4] = [Self::Inventory, Self::Policies, Self::Groups, Self::Roles];

    pub fn operation(self) -> OperationType {
        match self {
            Self::Inventory => OperationType::InventorySync,
            Self::Policies => OperationType::PolicySync,
            Self::Groups => OperationType::EntraGroupSync,
            Self::Roles => OperationType::DirectoryRoleDefinitionsSync,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Inventory => "inventory",
            Self::Policies => "policies",
            Self::Groups => "groups",
            Self::Roles => "roles",
        }
    }
}

impl std::str::FromStr for SyncKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| {
                format!("unknown sync kind {s:?}: use inventory, policies, groups or roles")
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartSyncRequest {
    pub tenant_id: TenantId,
    pub kind: SyncKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncAllRequest {
    pub workspace_id: WorkspaceId,
    pub kind: SyncKind,
}

/// What starting work did — the intent the UI reports. Never "queued" unless a run was queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StartIntent {
    /// A new run was queued.
    Queued,
    /// The same work was already queued or running; that run is returned.
    AlreadyActive,
    /// A precondition refused the work; the run was recorded as blocked with the reason.
    Blocked,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StartRunResponse {
    pub intent: StartIntent,
    pub run: OperationRun,
    /// The operator-worded toast text: "Inventory sync queued", the blocking reason, …
    pub message: String,
}

/// Sync of every active tenant the actor may sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncAllResponse {
    pub started: Vec<TenantStart>,
    /// Tenants that were not started (paused, archived, not connected), with why.
    pub skipped: Vec<TenantSkipped>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TenantStart {
    pub tenant_id: TenantId,
    pub display_name: String,
    pub start: StartRunResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantSkipped {
    pub tenant_id: TenantId,
    pub display_name: String,
    pub reason: String,
}

/// The newest completed sync of one kind for one tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LastSync {
    pub tenant_id: TenantId,
    pub kind: SyncKind,
    pub outcome: RunOutcome,
    pub completed_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListLastSyncsRequest {
    pub workspace_id: WorkspaceId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantRequest {
    pub tenant_id: TenantId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListInventoryRequest {
    pub tenant_id: TenantId,
    pub filter: InventoryFilter,
}

/// A type of the object catalog, for filters and labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObjectTypeInfo {
    pub key: String,
    pub label: String,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GetInventoryObjectRequest {
    pub tenant_id: TenantId,
    pub item_id: InventoryItemId,
}

/// One object with what is known about it: the newest captured version read for people, and
/// its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InventoryObjectDetail {
    pub item: InventoryItem,
    pub type_label: String,
    /// The newest version, when a policy sync captured one.
    pub latest: Option<PolicyVersion>,
    /// The newest version's settings and assignments, readable; group names from the cache.
    pub readable: Option<ReadableConfig>,
    /// Every version, newest first.
    pub versions: Vec<PolicyVersionSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffVersionsRequest {
    pub tenant_id: TenantId,
    pub before: PolicyVersionId,
    pub after: PolicyVersionId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionDiffResponse {
    pub before: PolicyVersionSummary,
    pub after: PolicyVersionSummary,
    pub diff: ConfigDiff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListGroupsRequest {
    pub tenant_id: TenantId,
    #[ts(optional)]
    pub search: Option<String>,
    pub offset: i64,
    pub limit: i64,
}

/// A tenant's directory roles as last synced: definitions with their holders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DirectoryRolesResponse {
    pub definitions: Vec<DirectoryRoleDefinition>,
    pub assignments: Vec<DirectoryRoleAssignment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GetRunRequest {
    pub run_id: RunId,
}

/// The newest RBAC hardening report of a tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RbacReportResponse {
    pub created_at: Timestamp,
    pub run_id: Option<RunId>,
    pub report: RbacHardeningReport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListRunsRequest {
    pub workspace_id: WorkspaceId,
    pub filter: RunListFilter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceRequest {
    pub workspace_id: WorkspaceId,
}

/// Operation types with a count, most first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TypeCount {
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub operation_type: OperationType,
    pub count: i64,
}

/// The operations index's header: what needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunsOverview {
    pub active: i64,
    pub likely_stale: i64,
    pub likely_stale_by_type: Vec<TypeCount>,
    /// Force-resolved in the last 7 days.
    pub reconciled: i64,
    pub reconciled_by_type: Vec<TypeCount>,
}

/// A reason code in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReasonView {
    pub code: String,
    pub label: String,
    pub explanation: String,
    pub actionability: String,
    pub next_steps: String,
}

/// A run's lifecycle policy, in seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyView {
    pub expected_max_runtime_seconds: i64,
    pub timeout_seconds: i64,
    pub queued_stale_after_seconds: i64,
    pub running_stale_after_seconds: i64,
}

/// Everything the run detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunDetail {
    pub run: OperationRun,
    pub tenant_name: Option<String>,
    pub initiator_name: Option<String>,
    pub freshness: Freshness,
    pub policy: Option<PolicyView>,
    /// Why it failed or was force-resolved, and what to do.
    pub reason: Option<ReasonView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotificationsResponse {
    pub items: Vec<UserNotification>,
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MarkNotificationReadRequest {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListAuditRequest {
    pub workspace_id: WorkspaceId,
    pub filter: AuditFilter,
}

/// What the desktop shell sends the window as `run-events`: the changes of the last moment,
/// one per run (its newest state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunEventBatch {
    pub events: Vec<RunEvent>,
    /// Some events were dropped because the window fell behind: re-read what is shown.
    pub lagged: bool,
}

/// A member of a workspace, for filters and the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceMember {
    pub user: User,
    pub role: Role,
    pub all_tenants: bool,
}
