import type { InventoryItem, ObjectTypeInfo } from "../../../bindings/types";
import { type ExportColumn, exportDate } from "../../../components/export";
import { platformLabel } from "./inventoryView";

/** The inventory table's columns as an export writes them (keys as in `INVENTORY_COLUMNS`). */
export function inventoryExportColumns(types: ReadonlyMap<string, ObjectTypeInfo>): ExportColumn<InventoryItem>[] {
  return [
    {
      key: "name",
      title: "Name",
      // The table strikes a removed object through and badges it; the file says it in words.
      text: (item) => (item.removed_at === null ? item.display_name : `${item.display_name} (removed)`),
    },
    { key: "type", title: "Type", text: (item) => types.get(item.object_type)?.label ?? item.object_type },
    { key: "platform", title: "Platform", text: (item) => platformLabel(item.platform) ?? "" },
    { key: "last_seen", title: "Last seen", text: (item) => exportDate(item.last_seen_at) },
  ];
}
