import type { TenantId, WorkspaceId } from "../bindings/types";

// Tenant lists live under their workspace so invalidating ["workspaces"] refreshes both.
export const queryKeys = {
  appInfo: ["app-info"] as const,
  workspaces: ["workspaces"] as const,
  tenants: (workspaceId: WorkspaceId) => ["workspaces", workspaceId, "tenants"] as const,
  tenant: (tenantId: TenantId) => ["tenants", tenantId] as const,
  allTenants: ["tenants"] as const,
};
