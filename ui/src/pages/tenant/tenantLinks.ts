import type { TenantId } from "../../bindings/types";

/** The words the Groups tab's search starts with. */
export const GROUP_SEARCH_PARAM = "group";

/** A tenant's Groups tab, searching for `name` (a group found elsewhere, e.g. by the workspace search). */
export function groupsPath(tenantId: TenantId, name: string): string {
  const params = new URLSearchParams({ tab: "groups", [GROUP_SEARCH_PARAM]: name });
  return `/tenants/${encodeURIComponent(tenantId)}?${params.toString()}`;
}

/** A tenant's Drift tab: its baseline and its findings. */
export function driftPath(tenantId: TenantId): string {
  return `/tenants/${encodeURIComponent(tenantId)}?tab=drift`;
}
