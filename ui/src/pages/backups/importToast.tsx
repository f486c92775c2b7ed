import { Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileImport, IconInfoCircle } from "@tabler/icons-react";
import type { ImportReport } from "../../bindings/types";
import { TOAST_MS } from "../../runs";
import { countWords, objectsWords } from "./backupWords";
import { snapshotOutcomeWords } from "./importSnapshotWords";
import { importResultWords } from "./importWords";

/** The sentence for a folder imported before, in the toast and in tests. */
export const ALREADY_IMPORTED = "This folder was imported before; nothing new was stored.";

/** Said when a snapshot was asked for but the folder was imported before. */
export const NO_SNAPSHOT_AGAIN =
  "No baseline snapshot was made: one is made only from a folder imported for the first time.";

/**
 * What an import stored, naming the tenant: its objects, new versions and unchanged ones, the
 * baseline snapshot it made, and plainly when the set is partial or the snapshot incomplete
 * (that toast stays until dismissed). A folder imported before is information, not success:
 * nothing new was stored (and no snapshot made, when one was asked for).
 */
export function toastImported(
  report: ImportReport,
  tenantName: string,
  { snapshotAsked = false }: { snapshotAsked?: boolean } = {},
): void {
  if (report.already_imported) {
    notifications.show({
      color: "blue",
      icon: <IconInfoCircle size={16} aria-hidden />,
      title: `${report.tool} backup already imported into ${tenantName}`,
      autoClose: TOAST_MS.succeeded,
      message: (
        <Stack gap={2} data-testid="import-toast" data-already-imported="true">
          <Text size="sm">{ALREADY_IMPORTED}</Text>
          {snapshotAsked && (
            <Text size="sm" data-testid="import-toast-snapshot">
              {NO_SNAPSHOT_AGAIN}
            </Text>
          )}
        </Stack>
      ),
    });
    return;
  }
  const partial = report.status === "partial";
  const { snapshot } = report;
  const warn = partial || snapshot?.state === "incomplete";
  notifications.show({
    color: warn ? "yellow" : "green",
    icon: <IconFileImport size={16} aria-hidden />,
    title: `${report.tool} backup imported into ${tenantName}`,
    autoClose: warn ? false : TOAST_MS.succeeded,
    message: (
      <Stack gap={2} data-testid="import-toast" data-already-imported="false" data-status={report.status}>
        <Text size="sm">
          {objectsWords(report.objects)}: {importResultWords(report)}.
        </Text>
        {partial && (
          <Text size="sm">
            {countWords(report.skipped.length, "file was", "files were")} not imported, so the set is marked partial.
          </Text>
        )}
        {snapshot !== undefined && (
          <Text size="sm" data-testid="import-toast-snapshot" data-state={snapshot.state} data-rule={snapshot.rule}>
            {snapshotOutcomeWords(snapshot)}.
          </Text>
        )}
      </Stack>
    ),
  });
}
