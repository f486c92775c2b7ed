import { Button, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFolderCheck, IconFolderDown } from "@tabler/icons-react";
import { useState } from "react";
import { useExportBackupFolder } from "../../api";
import type { BackupFolderExport, BackupSetId, ExportBackupFolderRequest, Tenant } from "../../bindings/types";
import { CopyableBlock } from "../../components/CopyableBlock";
import { toastExportFailed } from "../../components/exportToast";
import { toApiError, usePlatform } from "../../platform";
import { folderChangesWords, folderUpToDate, objectsWords } from "./backupWords";

/** What a folder export is for, beside or over each button that starts one. */
export const FOLDER_EXPORT_HELP =
  "Writes one JSON file per object, in a folder per type, with a README and an index. The folder can be kept in git: exporting into it again rewrites only what changed.";

type ExportFolderButtonProps = {
  tenant: Tenant;
  /** The backup set to export; without one, the newest version of every object still in the tenant. */
  setId?: BackupSetId;
  label: string;
  /** Shown on hover, where no text beside the button explains it. */
  tooltip?: string;
  "data-testid"?: string;
};

/** Asks for a folder and exports into it; busy (and not clickable again) until the export answers. */
export function ExportFolderButton({ tenant, setId, label, tooltip, "data-testid": testId }: ExportFolderButtonProps) {
  const { start, choosing, exporting } = useFolderExport(tenant, setId);
  const button = (
    <Button
      variant="default"
      leftSection={<IconFolderDown size={16} aria-hidden />}
      onClick={() => void start()}
      loading={exporting}
      // While the system dialog is open a second click must not open another.
      disabled={choosing}
      style={{ flexShrink: 0 }}
      data-testid={testId}
    >
      {label}
    </Button>
  );
  if (tooltip === undefined) return button;
  return (
    <Tooltip label={tooltip} multiline w={320} withinPortal>
      {button}
    </Tooltip>
  );
}

/**
 * The system's folder dialog, then the export into the folder chosen; a toast says what was
 * written, or the backend's words for a refusal (they name the folder). Cancelling does nothing.
 * `choosing` while the dialog is open, `exporting` while the backend writes.
 */
export function useFolderExport(tenant: Tenant, setId: BackupSetId | undefined) {
  const platform = usePlatform();
  const { mutateAsync, isPending } = useExportBackupFolder(tenant.workspace_id);
  const [choosing, setChoosing] = useState(false);
  const what =
    setId === undefined ? `Latest configuration of ${tenant.display_name}` : `Backup of ${tenant.display_name}`;

  const start = async () => {
    let destination: string | null;
    setChoosing(true);
    try {
      destination = await platform.chooseFolder();
    } catch (reason) {
      toastExportFailed(toApiError(reason), what);
      return;
    } finally {
      setChoosing(false);
    }
    if (destination === null) return;
    // Without a set the field is left out, not sent empty: the backend reads its absence as "latest".
    const request: ExportBackupFolderRequest =
      setId === undefined
        ? { tenant_id: tenant.id, destination }
        : { tenant_id: tenant.id, backup_set_id: setId, destination };
    try {
      toastFolderExported(await mutateAsync(request), what);
    } catch (reason) {
      toastExportFailed(toApiError(reason), what);
    }
  };
  return { start, choosing, exporting: isPending };
}

/** Where the folder is (copyable, to open it or run git there) and what the export changed in it. */
function toastFolderExported(result: BackupFolderExport, what: string): void {
  notifications.show({
    color: "green",
    icon: <IconFolderCheck size={16} aria-hidden />,
    title: folderUpToDate(result) ? `${what}: already up to date` : `${what} exported`,
    // Stays until dismissed: the path is what the operator came for.
    autoClose: false,
    message: (
      <Stack gap={4} data-testid="folder-export-toast" data-up-to-date={folderUpToDate(result)}>
        <Text size="sm">Exported {objectsWords(result.objects)} to:</Text>
        <CopyableBlock value={result.path} label="Copy the folder's path" data-testid="folder-export-path" />
        <Text size="sm" data-testid="folder-export-changes">
          {folderChangesWords(result)}
        </Text>
      </Stack>
    ),
  });
}
