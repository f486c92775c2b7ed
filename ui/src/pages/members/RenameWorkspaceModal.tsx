import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useRenameWorkspace } from "../../api";
import type { WorkspaceSummary } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { useFieldError } from "../../components/useFieldError";
import { validateWorkspaceName, WORKSPACE_NAME_MAX } from "../../workspace/workspaceName";

type RenameWorkspaceModalProps = {
  workspace: WorkspaceSummary;
  opened: boolean;
  onClose: () => void;
};

/** "Rename workspace" (owners): 1–100 characters, checked here and by the backend. */
export function RenameWorkspaceModal({ workspace, opened, onClose }: RenameWorkspaceModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Rename workspace" data-testid="rename-workspace-modal">
      {/* Mounted only while open: each opening starts from the current name. */}
      {opened && <RenameForm workspace={workspace} onClose={onClose} />}
    </Modal>
  );
}

function RenameForm({ workspace, onClose }: { workspace: WorkspaceSummary; onClose: () => void }) {
  const before = workspace.workspace.name;
  const [name, setName] = useState(before);
  const field = useFieldError();
  const rename = useRenameWorkspace(workspace.workspace.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateWorkspaceName(name);
    if (problem !== undefined) {
      field.reject(problem);
      return;
    }
    field.clear();
    if (name.trim() === before) {
      onClose();
      return;
    }
    rename.mutate(name.trim(), {
      onSuccess: (renamed) => {
        notifications.show({
          color: "green",
          title: "Workspace renamed",
          message: `${before} is now ${renamed.workspace.name}.`,
        });
        onClose();
      },
      onError: (error) => {
        // A refusal of the name belongs under the name; anything else is said above the form.
        if (error.code === "invalid_input") {
          field.refuse(error.message);
        }
      },
    });
  };

  const busy = rename.isPending;
  const otherError = rename.error !== null && rename.error.code !== "invalid_input" ? rename.error : null;
  return (
    <form onSubmit={submit} noValidate data-testid="rename-workspace-form">
      <Stack gap="md">
        {otherError !== null && (
          <FailureAlert title="The workspace was not renamed" data-testid="rename-workspace-error">
            {otherError.message}
          </FailureAlert>
        )}
        <TextInput
          ref={field.input}
          label="Workspace name"
          description={`Every member sees the new name. Up to ${WORKSPACE_NAME_MAX} characters.`}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            field.clear();
          }}
          error={field.error}
          disabled={busy}
          withAsterisk
          data-autofocus
          data-testid="rename-workspace-name"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={busy}
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            data-testid="rename-workspace-submit"
          >
            Rename
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
