import { type InventoryQuery, useListReaders } from "../../../api";
import type { ObjectTypeInfo, Tenant } from "../../../bindings/types";
import type { ColumnChoice } from "../../../components/columns";
import { chosenColumns, ExportMenu, type GatherTable, gatherPages, toExportTable } from "../../../components/export";
import { inventoryExportColumns } from "./inventoryExport";

type InventoryExportMenuProps = {
  tenant: Tenant;
  /** The tab's current types, platform, search and order. */
  query: InventoryQuery;
  types: ReadonlyMap<string, ObjectTypeInfo>;
  /** The column chooser's choices: hidden columns are not exported. */
  choices: readonly ColumnChoice[];
};

/** Exports every object the inventory's filters match, in the table's order (500 per request). */
export function InventoryExportMenu({ tenant, query, types, choices }: InventoryExportMenuProps) {
  const readers = useListReaders();
  const gather: GatherTable = async (progress) => {
    const { rows, truncated } = await gatherPages({
      fetchPage: readers.inventory(tenant.id, query),
      keyOf: (item) => item.id,
      onProgress: progress,
    });
    return { ...toExportTable(inventoryExportColumns(types), rows, chosenColumns(choices)), truncated };
  };
  return (
    <ExportMenu
      workspaceId={tenant.workspace_id}
      name={`${tenant.display_name}-inventory`}
      noun={["object", "objects"]}
      gather={gather}
      data-testid="inventory-export"
    />
  );
}
