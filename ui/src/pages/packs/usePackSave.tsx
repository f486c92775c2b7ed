import { Button, Group, Stack, Text } from "@mantine/core";
import { IconFileCheck, IconShieldSearch } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { type PackCheck, useAppInfo, useSaveReviewPack } from "../../api";
import type { ApiError, ReviewPackId, ReviewPackView, SavedReviewPack, WorkspaceId } from "../../bindings/types";
import { CopyableBlock } from "../../components/CopyableBlock";
import { fileSize } from "../../components/exportToast";
import { toApiError, usePlatform } from "../../platform";
import { newPackCheck, PackVerificationModal } from "./PackVerificationModal";
import { showPackToast } from "./packToasts";
import { packFileName } from "./packWords";

/** The id of the toasts about saving one pack: a second save of it replaces the first's. */
export function packSaveToastId(packId: ReviewPackId): string {
  return `pack-save-${packId}`;
}

/**
 * "Save as…" for a ready pack: the system's save dialog at "<tenant> review pack <date>.zip",
 * then the copy (checked against the pack's recorded hash). A toast says where it went and
 * offers to verify the saved copy; a refusal says why. Cancelling the dialog does nothing.
 */
export function usePackSave(workspaceId: WorkspaceId) {
  const platform = usePlatform();
  const save = useSaveReviewPack(workspaceId);
  const exportDir = useAppInfo().data?.export_dir ?? null;
  const [saving, setSaving] = useState<ReviewPackId | null>(null);
  const { mutateAsync } = save;
  const saveTo = useCallback(
    async (view: ReviewPackView, destination: string) => {
      setSaving(view.pack.id);
      try {
        const saved = await mutateAsync({ pack_id: view.pack.id, destination });
        toastPackSaved(view, saved, workspaceId);
      } catch (reason) {
        toastPackNotSaved(view, toApiError(reason));
      } finally {
        setSaving(null);
      }
    },
    [mutateAsync, workspaceId],
  );
  const saveAs = useCallback(
    async (view: ReviewPackView) => {
      let destination: string | null;
      try {
        destination = await platform.chooseSaveFile(packFileName(view.tenant_name, view.pack.generated_at));
      } catch (reason) {
        toastPackNotSaved(view, toApiError(reason));
        return;
      }
      if (destination !== null) await saveTo(view, destination);
    },
    [platform, saveTo],
  );
  /** Straight into the exports folder (Downloads), under the pack's usual file name. */
  const saveToDownloads = useCallback(
    async (view: ReviewPackView) => {
      if (exportDir === null) return;
      await saveTo(view, inFolder(exportDir, packFileName(view.tenant_name, view.pack.generated_at)));
    },
    [exportDir, saveTo],
  );
  return { saveAs, saveToDownloads: exportDir === null ? null : saveToDownloads, saving };
}

/** `name` inside `folder`, with the folder's own separator (a Windows path keeps backslashes). */
export function inFolder(folder: string, name: string): string {
  const separator = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

/** Where the copy went (the full path, copyable) and how big it is; stays until dismissed. */
function toastPackSaved(view: ReviewPackView, saved: SavedReviewPack, workspaceId: WorkspaceId): void {
  const id = packSaveToastId(view.pack.id);
  showPackToast({
    id,
    color: "green",
    icon: <IconFileCheck size={16} aria-hidden />,
    title: `Review pack of ${view.tenant_name} saved`,
    autoClose: false,
    message: <SavedPackMessage view={view} saved={saved} workspaceId={workspaceId} />,
  });
}

function toastPackNotSaved(view: ReviewPackView, error: ApiError): void {
  const id = packSaveToastId(view.pack.id);
  showPackToast({
    id,
    color: "red",
    title: `Review pack of ${view.tenant_name} was not saved`,
    message: error.message,
    autoClose: false,
  });
}

/** The saved copy's place, and the way to check that copy as the customer will. */
function SavedPackMessage({
  view,
  saved,
  workspaceId,
}: {
  view: ReviewPackView;
  saved: SavedReviewPack;
  workspaceId: WorkspaceId;
}) {
  const [check, setCheck] = useState<PackCheck | null>(null);
  return (
    <Stack gap={4} data-testid="pack-saved-toast">
      <Text size="sm">{fileSize(saved.size)}, saved to:</Text>
      <CopyableBlock value={saved.path} label="Copy the file's path" data-testid="pack-saved-path" />
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconShieldSearch size={14} aria-hidden />}
          onClick={() => setCheck(newPackCheck(saved.path, workspaceId))}
          data-testid="verify-saved-copy"
        >
          Verify saved copy
        </Button>
      </Group>
      <PackVerificationModal check={check} expected={view} onClose={() => setCheck(null)} />
    </Stack>
  );
}
