import type {
  AuditFilter,
  BackupSetId,
  BaselineProfileId,
  BaselineSnapshotId,
  FindingFilter,
  FindingId,
  InventoryFilter,
  OperationType,
  PolicyVersionId,
  RestoreId,
  RunId,
  RunListFilter,
  TenantId,
  VersionRef,
  WorkspaceId,
} from "../bindings/types";

/** An inventory query without its window: the rows it matches, whatever page is looked at. */
export type InventoryQuery = Omit<InventoryFilter, "offset" | "limit">;

/** An operations index query without its window. */
export type RunQuery = Omit<RunListFilter, "offset" | "limit">;

/** Every run of the workspace, newest first: the query others narrow with what they need. */
export const ALL_RUNS: RunQuery = {
  tab: "all",
  types: [],
  statuses: [],
  outcomes: [],
  freshness: [],
  tenants: [],
  initiators: [],
  direction: "desc",
};

/** An audit log query without its window. */
export type AuditQuery = Omit<AuditFilter, "offset" | "limit">;

/** A findings query without its window. */
export type FindingQuery = Omit<FindingFilter, "offset" | "limit">;

// Workspace-wide lists live under their workspace so invalidating ["workspaces"] refreshes them
// all; everything read about one tenant lives under ["tenants", id] so a finished sync can
// refresh it in one call. Everything about runs of a workspace lives under
// ["workspaces", id, "runs"], and everything about one run under ["runs", id]. Baselines and
// findings: the workspace's lists under ["workspaces", id, "baselines" | "findings"], one
// profile under ["baselines", id], one finding under ["findings", id], a tenant's baseline
// under its tenant (so a finished compare of it refreshes it with the rest). Review packs: the
// workspace's list and settings under ["workspaces", id, "review-packs" | "review-pack-settings"],
// a tenant's newest pack under its tenant (a finished pack run refreshes it with the rest), as
// is its customer review card (evidence, readiness and review, read together). Backups: a tenant's
// sets and each set's detail under the tenant, so a backup run's change refreshes both in one call.
// Restores: a tenant's list under the tenant (its target), one restore under ["restores", id] (its
// page knows only its id), so a restore run refreshes both with ["restores"] and the tenant's list.
export const queryKeys = {
  appInfo: ["app-info"] as const,
  /** The support report (About's "Copy diagnostics"), read afresh each time it is shown. */
  diagnostics: ["diagnostics"] as const,
  /** What the update address offers, per address: checked once a session, and again on request. */
  updateCheck: (url: string) => ["updates", "check", url] as const,
  /** The version installed while the app runs, which takes effect when it restarts. */
  updateInstalled: ["updates", "installed"] as const,
  workspaces: ["workspaces"] as const,
  tenants: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "tenants"] as const,
  members: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "members"] as const,
  /** The Members page: every member with their role, tenants and last activity, and what the operator may change. */
  memberDirectory: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "member-directory"] as const,
  lastSyncs: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "last-syncs"] as const,
  /** The home page's figures: tenants at a glance and runs per day. */
  workspaceOverview: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "overview"] as const,
  allTenants: ["tenants"] as const,
  tenant: (tenantId: TenantId) => ["tenants", tenantId] as const,
  inventory: (tenantId: TenantId) => ["tenants", tenantId, "inventory"] as const,
  inventoryPage: (tenantId: TenantId, query: InventoryQuery, offset: number, limit: number) =>
    ["tenants", tenantId, "inventory", query, { offset, limit }] as const,
  inventoryCounts: (tenantId: TenantId) => ["tenants", tenantId, "inventory-counts"] as const,
  /** Every object page of the tenant, with its versions (invalidate this prefix). */
  inventoryObjects: (tenantId: TenantId) => ["tenants", tenantId, "objects"] as const,
  inventoryObject: (tenantId: TenantId, itemId: string) => ["tenants", tenantId, "objects", itemId] as const,
  versionDiff: (tenantId: TenantId, before: PolicyVersionId, after: PolicyVersionId) =>
    ["tenants", tenantId, "diffs", before, after] as const,
  groups: (tenantId: TenantId, search: string, offset: number, limit: number) =>
    ["tenants", tenantId, "groups", { search, offset, limit }] as const,
  directoryRoles: (tenantId: TenantId) => ["tenants", tenantId, "directory-roles"] as const,
  rbacReport: (tenantId: TenantId) => ["tenants", tenantId, "rbac-report"] as const,
  /** The tenant's newest completed run of one type (the tenant header's last-sync problems), as of that sync's end. */
  tenantLastRun: (tenantId: TenantId, type: OperationType, completedAt: string) =>
    ["tenants", tenantId, "last-run", type, completedAt] as const,
  /** Per feature, whether the tenant's granted Graph permissions suffice (from its last verify). */
  permissionReport: (tenantId: TenantId) => ["tenants", tenantId, "permissions"] as const,
  /** What an app registration must be granted: the same for every tenant, fixed per build. */
  permissionGuide: ["permission-guide"] as const,
  objectTypes: ["object-types"] as const,
  /** Every run query: one run's record and detail. */
  allRuns: ["runs"] as const,
  run: (runId: RunId) => ["runs", runId] as const,
  runDetail: (runId: RunId) => ["runs", runId, "detail"] as const,
  runChanges: (runId: RunId) => ["runs", runId, "changes"] as const,
  /** Every list and count of a workspace's runs (index pages, overview, active runs). */
  workspaceRuns: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "runs"] as const,
  /** The progress widget's list: the newest active runs. */
  activeRuns: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "runs", "active"] as const,
  runIndex: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "runs", "index"] as const,
  runIndexPage: (workspaceId: WorkspaceId, query: RunQuery, offset: number, limit: number) =>
    ["workspaces", workspaceId, "runs", "index", query, { offset, limit }] as const,
  runsOverview: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "runs", "overview"] as const,
  audit: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "audit"] as const,
  auditQuery: (workspaceId: WorkspaceId, query: AuditQuery) => ["workspaces", workspaceId, "audit", query] as const,
  /** Every inbox (invalidate this prefix). */
  notifications: ["notifications"] as const,
  inbox: (workspaceId: WorkspaceId | null) => ["notifications", workspaceId ?? "all"] as const,
  baselineProfiles: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "baselines"] as const,
  baselineProfile: (profileId: BaselineProfileId) => ["baselines", profileId] as const,
  baselineSnapshot: (snapshotId: BaselineSnapshotId) => ["baseline-snapshots", snapshotId] as const,
  tenantBaseline: (tenantId: TenantId) => ["tenants", tenantId, "baseline"] as const,
  findings: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "findings"] as const,
  findingsPage: (workspaceId: WorkspaceId, query: FindingQuery, offset: number, limit: number) =>
    ["workspaces", workspaceId, "findings", query, { offset, limit }] as const,
  finding: (findingId: FindingId) => ["findings", findingId] as const,
  /** Objects, settings and groups found by name in every tenant of a workspace. */
  workspaceSearch: (workspaceId: WorkspaceId, query: string, objectsOnly = false) =>
    ["workspaces", workspaceId, "search", query, objectsOnly ? "objects" : "all"] as const,
  /** A tenant's syncs that changed its configuration (the Changes tab's feed, every page). */
  tenantChanges: (tenantId: TenantId) => ["tenants", tenantId, "changes"] as const,
  /** The workspace's scheduled syncs with their next starts (the Schedules page, each tenant's header). */
  schedules: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "schedules"] as const,
  /** Every page of the workspace's review packs (invalidate this prefix), of all tenants or one. */
  reviewPacks: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "review-packs"] as const,
  reviewPackPage: (workspaceId: WorkspaceId, tenantId: TenantId | null, offset: number, limit: number) =>
    ["workspaces", workspaceId, "review-packs", tenantId ?? "all", { offset, limit }] as const,
  /** The workspace's pack defaults, retention and signing key. */
  reviewPackSettings: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "review-pack-settings"] as const,
  /** The tenant's newest review pack (the tenant page's card). */
  latestReviewPack: (tenantId: TenantId) => ["tenants", tenantId, "review-pack"] as const,
  /** The tenant's customer review card: its newest evidence snapshot, review readiness and newest review. */
  customerReview: (tenantId: TenantId) => ["tenants", tenantId, "customer-review"] as const,
  /** The tenant's backup sets (the Backups tab) and, beneath, each set with its versions (invalidate this prefix). */
  backupSets: (tenantId: TenantId) => ["tenants", tenantId, "backup-sets"] as const,
  backupSetList: (tenantId: TenantId) => ["tenants", tenantId, "backup-sets", "list"] as const,
  backupSet: (tenantId: TenantId, setId: BackupSetId) => ["tenants", tenantId, "backup-sets", setId] as const,
  /** The restores onto the tenant, newest first (the Backups tab's restore previews). */
  tenantRestores: (tenantId: TenantId) => ["tenants", tenantId, "restores"] as const,
  /** Every restore read on its own (invalidate this prefix). */
  allRestores: ["restores"] as const,
  restore: (restoreId: RestoreId) => ["restores", restoreId] as const,
  /** Where the tenant's objects of some types are in its inventory, by type and Graph id (a backup set's links). */
  inventoryIds: (tenantId: TenantId, types: readonly string[]) =>
    ["tenants", tenantId, "inventory-ids", [...types].sort()] as const,
  /** One check of a pack file; `attempt` counts the checks asked for, so each reads the file again. */
  packVerification: (path: string, workspaceId: WorkspaceId, attempt: number) =>
    ["pack-verifications", workspaceId, path, attempt] as const,
  /** Two policies of one type in different tenants, compared; kept under the left one's tenant. */
  compareAcross: (left: VersionRef, right: VersionRef) =>
    ["tenants", left.tenant_id, "compare-across", left.version_id, right.tenant_id, right.version_id] as const,
};
