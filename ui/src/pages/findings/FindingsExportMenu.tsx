import { type FindingQuery, useListReaders } from "../../api";
import type { FindingId, TenantId, WorkspaceId } from "../../bindings/types";
import type { ColumnChoice } from "../../components/columns";
import { chosenColumns, ExportMenu, type GatherTable, gatherPages, toExportTable } from "../../components/export";
import type { PolicyTypes } from "../baselines/policyTypes";
import { findingExportColumns } from "./findingsExport";

type FindingsExportMenuProps = {
  workspaceId: WorkspaceId;
  /** What the file is called: "findings", or a tenant's own. */
  name: string;
  /** The list's current filters (a tenant's page: locked to it). */
  query: FindingQuery;
  types: Pick<PolicyTypes, "label">;
  tenantNames: ReadonlyMap<TenantId, string>;
  /** The column chooser's choices: hidden columns (and the tenant, on a tenant's page) are not exported. */
  choices: readonly ColumnChoice[];
  /** The findings selected (to acknowledge or remediate): offered as "Export selected". */
  selected: ReadonlySet<FindingId>;
};

/** Exports every finding the filters match, most severe first (at most `EXPORT_ROW_CAP`), or the selected ones. */
export function FindingsExportMenu({
  workspaceId,
  name,
  query,
  types,
  tenantNames,
  choices,
  selected,
}: FindingsExportMenuProps) {
  const readers = useListReaders();
  const gather =
    (only: ReadonlySet<FindingId> | null): GatherTable =>
    async (progress) => {
      const { rows, truncated } = await gatherPages({
        fetchPage: readers.findings(workspaceId, query),
        keyOf: (row) => row.id,
        onProgress: progress,
      });
      const kept = only === null ? rows : rows.filter((row) => only.has(row.id));
      const table = toExportTable(findingExportColumns(types, tenantNames), kept, chosenColumns(choices));
      return { ...table, truncated: only === null && truncated };
    };
  return (
    <ExportMenu
      workspaceId={workspaceId}
      name={name}
      noun={["finding", "findings"]}
      gather={gather(null)}
      selected={selected.size > 0 ? { count: selected.size, gather: gather(selected) } : null}
      data-testid="findings-export"
    />
  );
}
