import type { InventoryItemId, PolicyVersionId, TenantId } from "../../bindings/types";

/** The object page's tabs, as the `tab` parameter names them (the configuration when absent). */
export const OBJECT_TABS = ["configuration", "assignments", "targeting", "versions"] as const;
export type ObjectTab = (typeof OBJECT_TABS)[number];

export const TAB_PARAM = "tab";
/** The versions ticked for comparison, comma-separated; absent means the two newest. */
export const COMPARE_PARAM = "compare";
/** Words the configuration's settings are first filtered by (a setting found by search). */
export const SETTING_PARAM = "setting";

export function isObjectTab(value: string | null): value is ObjectTab {
  return OBJECT_TABS.some((tab) => tab === value);
}

type ObjectLinkOptions = {
  /** Open on the version history comparing these two versions (older first): what changed. */
  compare?: readonly [PolicyVersionId, PolicyVersionId];
  /** Open on the version history with this one version ticked (a restore's source version). */
  version?: PolicyVersionId;
  /** Open on the configuration with its settings filtered by these words. */
  setting?: string;
};

/** The address of an object's page, optionally opening on a comparison, one version or one setting. */
export function objectPath(tenantId: TenantId, itemId: InventoryItemId, options: ObjectLinkOptions = {}): string {
  const path = `/tenants/${encodeURIComponent(tenantId)}/objects/${encodeURIComponent(itemId)}`;
  const params = new URLSearchParams();
  if (options.compare !== undefined) {
    params.set(TAB_PARAM, "versions");
    params.set(COMPARE_PARAM, options.compare.join(","));
  } else if (options.version !== undefined) {
    params.set(TAB_PARAM, "versions");
    params.set(COMPARE_PARAM, options.version);
  } else if (options.setting !== undefined) {
    params.set(SETTING_PARAM, options.setting);
  }
  const query = params.toString();
  return query === "" ? path : `${path}?${query}`;
}

/** The versions an address asks to compare: null when it does not say (the default pair applies). */
export function readCompare(params: URLSearchParams): PolicyVersionId[] | null {
  const value = params.get(COMPARE_PARAM);
  if (value === null) return null;
  return value.split(",").filter((id) => id !== "");
}
