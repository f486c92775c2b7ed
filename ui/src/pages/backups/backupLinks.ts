import type { BackupSetId, TenantId } from "../../bindings/types";

/** The tenant page's tab of backups, as its `tab` parameter names it. */
export const BACKUPS_TAB = "backups";
/** The backup set open in the Backups tab's drawer. */
export const SET_PARAM = "set";

/** The tenant's Backups tab, with `setId` open in its drawer when given. */
export function backupsPath(tenantId: TenantId, setId?: BackupSetId): string {
  const params = new URLSearchParams({ tab: BACKUPS_TAB });
  if (setId !== undefined) params.set(SET_PARAM, setId);
  return `/tenants/${encodeURIComponent(tenantId)}?${params.toString()}`;
}
