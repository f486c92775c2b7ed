import type { InventoryFilter, PolicyVersionId, RunId, TenantId, WorkspaceId } from "../bindings/types";

/** An inventory query without its window: the rows it matches, whatever page is looked at. */
export type InventoryQuery = Omit<InventoryFilter, "offset" | "limit">;

// Workspace-wide lists live under their workspace so invalidating ["workspaces"] refreshes them
// all; everything read about one tenant lives under ["tenants", id] so a finished sync can
// refresh it in one call.
export const queryKeys = {
  appInfo: ["app-info"] as const,
  workspaces: ["workspaces"] as const,
  tenants: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "tenants"] as const,
  lastSyncs: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "last-syncs"] as const,
  allTenants: ["tenants"] as const,
  tenant: (tenantId: TenantId) => ["tenants", tenantId] as const,
  inventory: (tenantId: TenantId) => ["tenants", tenantId, "inventory"] as const,
  inventoryPage: (tenantId: TenantId, query: InventoryQuery, offset: number, limit: number) =>
    ["tenants", tenantId, "inventory", query, { offset, limit }] as const,
  inventoryCounts: (tenantId: TenantId) => ["tenants", tenantId, "inventory-counts"] as const,
  inventoryObject: (tenantId: TenantId, itemId: string) => ["tenants", tenantId, "objects", itemId] as const,
  versionDiff: (tenantId: TenantId, before: PolicyVersionId, after: PolicyVersionId) =>
    ["tenants", tenantId, "diffs", before, after] as const,
  groups: (tenantId: TenantId, search: string, offset: number, limit: number) =>
    ["tenants", tenantId, "groups", { search, offset, limit }] as const,
  directoryRoles: (tenantId: TenantId) => ["tenants", tenantId, "directory-roles"] as const,
  rbacReport: (tenantId: TenantId) => ["tenants", tenantId, "rbac-report"] as const,
  objectTypes: ["object-types"] as const,
  run: (runId: RunId) => ["runs", runId] as const,
};
