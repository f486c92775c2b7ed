import { type RunQuery, useListReaders } from "../../api";
import type { WorkspaceId } from "../../bindings/types";
import type { ColumnChoice } from "../../components/columns";
import { chosenColumns, ExportMenu, type GatherTable, gatherPages, toExportTable } from "../../components/export";
import { runExportColumns } from "./runExport";

type RunsExportMenuProps = {
  workspaceId: WorkspaceId;
  /** The index's current tab, filters and order. */
  query: RunQuery;
  /** The column chooser's choices: hidden columns are not exported. */
  choices: readonly ColumnChoice[];
};

/** Exports every run of the current tab and filters, in the index's order (at most `EXPORT_ROW_CAP`). */
export function RunsExportMenu({ workspaceId, query, choices }: RunsExportMenuProps) {
  const readers = useListReaders();
  const gather: GatherTable = async (progress) => {
    const { rows, truncated } = await gatherPages({
      fetchPage: readers.runs(workspaceId, query),
      keyOf: (row) => row.run.id,
      onProgress: progress,
    });
    return { ...toExportTable(runExportColumns(Date.now()), rows, chosenColumns(choices)), truncated };
  };
  return (
    <ExportMenu
      workspaceId={workspaceId}
      name="operations"
      noun={["run", "runs"]}
      gather={gather}
      data-testid="runs-export"
    />
  );
}
