import { useListReaders } from "../../api";
import type { Tenant } from "../../bindings/types";
import { ExportMenu, type GatherTable, gatherPages, toExportTable } from "../../components/export";
import { groupExportColumns } from "./groupsExport";

/** Exports every group the search matches (all pages, 500 per request), by name as listed. */
export function GroupsExportMenu({ tenant, search }: { tenant: Tenant; search: string }) {
  const readers = useListReaders();
  const gather: GatherTable = async (progress) => {
    const { rows, truncated } = await gatherPages({
      fetchPage: readers.groups(tenant.id, search),
      keyOf: (group) => group.group_id,
      onProgress: progress,
    });
    return { ...toExportTable(groupExportColumns, rows), truncated };
  };
  return (
    <ExportMenu
      workspaceId={tenant.workspace_id}
      name={`${tenant.display_name}-groups`}
      noun={["group", "groups"]}
      gather={gather}
      data-testid="groups-export"
    />
  );
}
