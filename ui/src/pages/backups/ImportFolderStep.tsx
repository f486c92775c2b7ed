import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconEyeSearch, IconFolderOpen } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { usePreviewImport } from "../../api";
import type { ApiError, ImportReport, Tenant } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { toApiError, usePlatform } from "../../platform";
import { IMPORT_HELP } from "./importWords";

type ImportFolderStepProps = {
  tenant: Tenant;
  /** The path typed or chosen so far (kept when the operator comes back from the preview). */
  folder: string;
  onFolderChange: (folder: string) => void;
  onPreviewed: (report: ImportReport) => void;
  onCancel: () => void;
};

/**
 * The wizard's first step: the folder, typed or pasted (Enter previews it) or chosen in the
 * system's folder dialog (which previews it at once). The backend's words for a folder it cannot
 * read stay on this step, above the path, until the next attempt.
 */
export function ImportFolderStep({ tenant, folder, onFolderChange, onPreviewed, onCancel }: ImportFolderStepProps) {
  const platform = usePlatform();
  const preview = usePreviewImport();
  const [choosing, setChoosing] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const busy = preview.isPending;

  const previewFolder = async (path: string) => {
    setFailure(null);
    try {
      onPreviewed(await preview.mutateAsync({ tenant_id: tenant.id, folder: path }));
    } catch (reason) {
      setFailure(toApiError(reason));
    }
  };

  const choose = async () => {
    let chosen: string | null;
    setChoosing(true);
    try {
      chosen = await platform.chooseFolder();
    } catch (reason) {
      setFailure(toApiError(reason));
      return;
    } finally {
      setChoosing(false);
    }
    if (chosen === null) return;
    onFolderChange(chosen);
    await previewFolder(chosen);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const path = folder.trim();
    if (path !== "" && !busy) void previewFolder(path);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="import-folder-step">
      <Stack gap="md">
        <Text size="sm">
          {IMPORT_HELP} Its objects become an imported backup set of {tenant.display_name}; the folder is only read, and
          a preview comes first.
        </Text>
        {failure !== null && (
          <FailureAlert title="This folder cannot be imported" data-testid="import-error">
            <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
              {failure.message}
            </Text>
          </FailureAlert>
        )}
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            label="Backup folder"
            description="Its full path: type or paste it, or choose the folder."
            placeholder="Full path of the backup folder"
            value={folder}
            onChange={(event) => onFolderChange(event.currentTarget.value)}
            readOnly={busy}
            spellCheck={false}
            autoComplete="off"
            style={{ flex: 1 }}
            data-autofocus
            data-testid="import-folder-input"
          />
          <Button
            variant="default"
            leftSection={<IconFolderOpen size={16} aria-hidden />}
            onClick={() => void choose()}
            // While the system dialog is open a second click must not open another.
            disabled={choosing || busy}
            data-testid="import-choose-folder"
          >
            Choose folder…
          </Button>
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            leftSection={<IconEyeSearch size={16} aria-hidden />}
            loading={busy}
            disabled={folder.trim() === ""}
            data-testid="import-preview-button"
          >
            Preview
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
