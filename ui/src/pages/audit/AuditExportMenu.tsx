import { type AuditQuery, useListReaders } from "../../api";
import type { WorkspaceId } from "../../bindings/types";
import { ExportMenu, type GatherTable, gatherPages, toExportTable } from "../../components/export";
import { auditExportColumns } from "./auditExport";

/** Exports every entry the log's filters match, newest first (at most `EXPORT_ROW_CAP`). */
export function AuditExportMenu({ workspaceId, query }: { workspaceId: WorkspaceId; query: AuditQuery }) {
  const readers = useListReaders();
  const gather: GatherTable = async (progress) => {
    const { rows, truncated } = await gatherPages({
      fetchPage: readers.audit(workspaceId, query),
      keyOf: (row) => row.entry.id,
      onProgress: progress,
    });
    return { ...toExportTable(auditExportColumns, rows), truncated };
  };
  return (
    <ExportMenu
      workspaceId={workspaceId}
      name="audit-log"
      noun={["entry", "entries"]}
      gather={gather}
      data-testid="audit-export"
    />
  );
}
