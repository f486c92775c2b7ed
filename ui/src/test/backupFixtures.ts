import type { BackupSet, BackupSetItem, TypeCompleteness } from "../bindings/types";
import { inventoryItem } from "./fixtures";

/** A type read whole: every object listed was read. */
export function readWhole(count: number, pages = 1): TypeCompleteness {
  return { listed: count, read: count, failed: 0, pages, complete: true };
}

/**
 * A complete backup set of Contoso Pharma, made by Ada (u1) by hand: 70 versions of three
 * policy types, 12 of them captured by this backup and 58 unchanged since an earlier one.
 */
export function backupSet(overrides: Partial<BackupSet> = {}): BackupSet {
  return {
    id: "bs-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    run_id: "r-backup-1",
    schedule_id: null,
    initiated_by: "u1",
    status: "complete",
    selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
    item_count: 70,
    new_versions: 12,
    types: {
      settings_catalog: readWhole(35),
      device_configuration: readWhole(30),
      compliance_policy: readWhole(5),
    },
    missing: [],
    created_at: "2026-11-22T02:00:00.000Z",
    completed_at: "2026-11-22T02:03:10.000Z",
    ...overrides,
  };
}

/**
 * One version a set holds. Indexes below 70 are objects of the fixtures' inventory (settings
 * catalog policies at even indexes, device configurations at odd ones, `inventoryItem(index)`),
 * so the backup names the same object the inventory lists.
 */
export function backupSetItem(index: number, overrides: Partial<BackupSetItem> = {}): BackupSetItem {
  const item = inventoryItem(index);
  const settings = item.object_type === "settings_catalog";
  return {
    version_id: `v-backup-${index}`,
    object_type: item.object_type,
    type_label: settings ? "Settings catalog policy" : "Device configuration",
    external_id: item.external_id,
    display_name: item.display_name,
    version_number: 1 + (index % 4),
    content_hash: `${index.toString(16).padStart(4, "0")}`.padEnd(64, "a"),
    new_in_set: index % 6 === 0,
    ...overrides,
  };
}

/** A compliance policy the fixtures' inventory does not list (it was removed from the tenant since). */
export function compliancePolicyItem(index: number, overrides: Partial<BackupSetItem> = {}): BackupSetItem {
  return {
    version_id: `v-backup-cp-${index}`,
    object_type: "compliance_policy",
    type_label: "Compliance policy",
    external_id: `cp-${index}-ext`,
    display_name: `Compliance - Windows baseline ${index}`,
    version_number: 2,
    content_hash: `cp${index}`.padEnd(64, "b"),
    new_in_set: false,
    ...overrides,
  };
}
