// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.

/**
 * An error as it crosses the command boundary: `{code, message}`. The message is written for
 * the operator and never contains secrets.
 */
export type ApiError = { code: ErrorCode, message: string, };

/**
 * Stable error codes the UI can branch on.
 */
export type ErrorCode = "not_found" | "forbidden" | "invalid_input" | "conflict" | "busy" | "storage_unavailable" | "internal";

/**
 * An MSP organisation.
 */
export type WorkspaceId = string;

/**
 * A customer tenant record inside a workspace (not the Entra directory id).
 */
export type TenantId = string;

/**
 * An operator.
 */
export type UserId = string;

/**
 * An operation run.
 */
export type RunId = string;

/**
 * The Entra (Azure AD) directory id of a customer tenant: a GUID, stored lower-case hyphenated.
 */
export type DirectoryTenantId = string;

/**
 * A moment in UTC, millisecond precision; RFC 3339 text (`2026-11-22T07:12:58.123Z`) on the wire.
 */
export type Timestamp = string;

/**
 * An operator.
 */
export type User = { id: UserId, 
/**
 * Unique sign-in name; for the local operator `local:<os user>`.
 */
login: string, display_name: string, };

export type Workspace = { id: WorkspaceId, 
/**
 * Stable, unique short name (`demo-<user id>` for an operator's demo workspace).
 */
slug: string, name: string, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A member's role in a workspace.
 */
export type Role = "owner" | "manager" | "operator" | "readonly";

/**
 * Something an actor may do. Checked in the service layer for every command.
 */
export type Capability = "workspace.manage" | "workspace.baselines.view" | "workspace.baselines.manage" | "tenant.view" | "tenant.manage" | "tenant.sync" | "tenant.findings.manage" | "tenant.restore.execute" | "review_pack.view" | "review_pack.manage" | "operations.view" | "audit.view";

/**
 * A customer's Microsoft 365 tenant as recorded in a workspace.
 */
export type Tenant = { id: TenantId, workspace_id: WorkspaceId, display_name: string, directory_tenant_id: DirectoryTenantId, primary_domain: string | null, status: TenantStatus, 
/**
 * Served by the built-in simulated Microsoft cloud rather than Microsoft.
 */
simulated: boolean, connection: ProviderConnection | null, created_at: Timestamp, updated_at: Timestamp, };

/**
 * Lifecycle of a customer tenant inside a workspace.
 */
export type TenantStatus = "active" | "paused" | "archived";

/**
 * The app registration a tenant is reached through. The secret is never here: it lives in the
 * OS keyring under `credential_ref`.
 */
export type ProviderConnection = { client_id: string, credential_kind: CredentialKind, 
/**
 * The keyring entry holding the secret (a name, not the secret).
 */
credential_ref: string | null, credential_updated_at: Timestamp | null, };

/**
 * How the app registration proves its identity to Entra.
 */
export type CredentialKind = "client_secret" | "certificate";

/**
 * Where a run is in its life. `Completed` is terminal.
 */
export type RunStatus = "queued" | "running" | "completed";

/**
 * How a run ended. `Pending` until the run is completed, then one of the others, for good.
 */
export type RunOutcome = "pending" | "succeeded" | "partially_succeeded" | "blocked" | "failed";

/**
 * A kind of background work. Each has a lifecycle policy (arrives with the engine).
 */
export type OperationType = "baseline_capture" | "baseline_compare" | "inventory_sync" | "policy.sync" | "policy.sync_one" | "entra_group_sync" | "directory_role_definitions.sync" | "backup_schedule_run" | "restore.execute" | "tenant.review_pack.generate" | "tenant.review.compose" | "tenant.evidence.snapshot.generate";

/**
 * The colour family of a badge or message.
 */
export type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/**
 * How one value is shown to an operator.
 */
export type Presentation = { label: string, tone: Tone, icon: string, };

/**
 * What the app is, where its data lives, and who is using it.
 */
export type AppInfo = { product: string, version: string, backend: StorageBackend, 
/**
 * Database file or server, safe to show (no password).
 */
database_location: string, data_dir: string, user: User, };

/**
 * Which engine holds the data.
 */
export type StorageBackend = "sqlite" | "postgres";

/**
 * A workspace as one member sees it: with their role and what it allows.
 */
export type WorkspaceSummary = { workspace: Workspace, role: Role, capabilities: Array<Capability>, 
/**
 * Whether the membership covers every tenant, or only entitled ones.
 */
all_tenants: boolean, };

export type ListTenantsRequest = { workspace_id: WorkspaceId, };

export type GetTenantRequest = { tenant_id: TenantId, };

export type CreateDemoWorkspaceResponse = { workspace: WorkspaceSummary, 
/**
 * False when the demo workspace already existed and was returned as it is.
 */
created: boolean, tenants: Array<Tenant>, };
