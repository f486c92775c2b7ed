import type { BackupSetId, RestoreId, TenantId } from "../../bindings/types";

/** The backup set a new restore preview starts from, on the page that asks for it. */
export const SOURCE_SET_PARAM = "set";

/** A restore's page: its plan once previewed. */
export function restorePath(restoreId: RestoreId): string {
  return `/restores/${encodeURIComponent(restoreId)}`;
}

/** The page that asks for a preview of restoring a backup set of the tenant. */
export function newRestorePath(tenantId: TenantId, setId: BackupSetId): string {
  const params = new URLSearchParams({ [SOURCE_SET_PARAM]: setId });
  return `/tenants/${encodeURIComponent(tenantId)}/restore/new?${params.toString()}`;
}
