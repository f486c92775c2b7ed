import { Stack, Text } from "@mantine/core";
import { type NotificationData, notifications, notificationsStore } from "@mantine/notifications";
import { IconAlertTriangle, IconCheck } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { useExportTable } from "../../api";
import type { ExportFormat, WorkspaceId } from "../../bindings/types";
import { toApiError } from "../../platform";
import { CopyableBlock } from "../CopyableBlock";
import type { ExportTable } from "./exportTable";

/** What a row of a table is, one and many: ["tenant", "tenants"]. */
export type RowNoun = readonly [one: string, many: string];

/** The rows gathered for an export, and whether the filter matches more than were gathered (the cap). */
export type GatheredTable = ExportTable & { truncated: boolean };

/** Reports the rows gathered so far and how many there are, when known. */
export type GatherProgress = (gathered: number, total: number | null) => void;

/** Collects a table's rows as text, reporting its progress. */
export type GatherTable = (progress: GatherProgress) => Promise<GatheredTable>;

export function countOf(count: number, [one, many]: RowNoun): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function progressText(gathered: number, total: number | null, noun: RowNoun): string {
  return total === null
    ? `Gathered ${countOf(gathered, noun)} so far…`
    : `Gathered ${gathered.toLocaleString()} of ${countOf(total, noun)}…`;
}

let exports = 0;

type Toast = NotificationData & { id: string };

/** Changes the toast in place, or shows it again if it was dismissed meanwhile. */
function upsert(toast: Toast): void {
  const { notifications: shown, queue } = notificationsStore.getState();
  if ([...shown, ...queue].some((item) => item.id === toast.id)) notifications.update(toast);
  else notifications.show(toast);
}

/**
 * Exports one table: gathers its rows (a toast shows how far), writes them through the export
 * command, then says where the file went — or, if anything failed, the backend's words for it.
 */
export function useTableExport(workspaceId: WorkspaceId, noun: RowNoun) {
  const write = useExportTable();
  const [pending, setPending] = useState(false);
  const start = useCallback(
    async (format: ExportFormat, name: string, gather: GatherTable): Promise<void> => {
      exports += 1;
      const id = `export-${exports}`;
      const busy = { id, loading: true, autoClose: false, withCloseButton: false, color: "blue" } as const;
      setPending(true);
      upsert({ ...busy, title: `Exporting ${noun[1]}`, message: "Gathering rows…" });
      try {
        const table = await gather((gathered, total) =>
          upsert({ ...busy, title: `Exporting ${noun[1]}`, message: progressText(gathered, total, noun) }),
        );
        upsert({ ...busy, title: `Exporting ${noun[1]}`, message: `Writing ${countOf(table.rows.length, noun)}…` });
        const file = await write.mutateAsync({
          workspace_id: workspaceId,
          name,
          format,
          columns: table.columns,
          rows: table.rows,
        });
        upsert({
          id,
          loading: false,
          color: "green",
          icon: <IconCheck size={16} aria-hidden />,
          withCloseButton: true,
          // Stays until dismissed: the path is what the operator came for.
          autoClose: false,
          title: `Saved ${file.file_name}`,
          message: (
            <Stack gap={4} data-testid="export-saved" data-format={format}>
              <Text size="sm">{countOf(table.rows.length, noun)}, saved to:</Text>
              <CopyableBlock value={file.path} label="Copy the file's path" data-testid="export-path" />
              {table.truncated && (
                <Text size="sm" c="yellow.8" data-testid="export-capped">
                  Only the first {countOf(table.rows.length, noun)} were exported: the filter matches more. Narrow it to
                  export the rest.
                </Text>
              )}
            </Stack>
          ),
        });
      } catch (reason) {
        upsert({
          id,
          loading: false,
          color: "red",
          icon: <IconAlertTriangle size={16} aria-hidden />,
          withCloseButton: true,
          autoClose: false,
          title: `The ${noun[1]} were not exported`,
          message: (
            <Text size="sm" data-testid="export-error">
              {toApiError(reason).message}
            </Text>
          ),
        });
      } finally {
        setPending(false);
      }
    },
    [workspaceId, noun, write.mutateAsync],
  );
  return { start, pending };
}
