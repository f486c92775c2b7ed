import { Button, Group, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingPlus } from "@tabler/icons-react";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useCreateWorkspace } from "../api";
import type { WorkspaceSummary } from "../bindings/types";
import { FailureAlert } from "../components/FailureAlert";
import { useSelectedWorkspaceId } from "./selectedWorkspace";
import { validateWorkspaceName, WORKSPACE_NAME_MAX } from "./workspaceName";

type CreateWorkspaceFormProps = {
  /** After the workspace exists and is selected (a dialog closes here). */
  onCreated?: (workspace: WorkspaceSummary) => void;
  /** Beside the submit button, e.g. Cancel in a dialog. */
  secondary?: ReactNode;
  autoFocus?: boolean;
};

/**
 * A workspace for the operator's own customers: its name (1–100 characters), checked here and
 * by the backend, whose refusal shows under the field. Once created it is selected and the
 * overview opens.
 */
export function CreateWorkspaceForm({ onCreated, secondary, autoFocus = false }: CreateWorkspaceFormProps) {
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const [, setSelectedWorkspaceId] = useSelectedWorkspaceId();
  const navigate = useNavigate();
  const create = useCreateWorkspace({
    onCreated: (created) => {
      setSelectedWorkspaceId(created.workspace.id);
      notifications.show({
        color: "green",
        title: "Workspace created",
        message: `${created.workspace.name} · add your first customer tenant next.`,
      });
      navigate("/");
      onCreated?.(created);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = validateWorkspaceName(name);
    setFieldError(problem);
    if (problem !== undefined) {
      input.current?.focus();
      return;
    }
    create.mutate(
      { name: name.trim() },
      {
        onError: (error) => {
          // A refusal of the name belongs under the name; anything else is said above the form.
          if (error.code === "invalid_input") {
            setFieldError(error.message);
            input.current?.focus();
          }
        },
      },
    );
  };

  const busy = create.isPending;
  const otherError = create.error !== null && create.error.code !== "invalid_input" ? create.error : null;
  return (
    <form onSubmit={submit} noValidate data-testid="create-workspace-form">
      <Stack gap="sm">
        {otherError !== null && (
          <FailureAlert title="The workspace was not created" data-testid="create-workspace-error">
            {otherError.message}
          </FailureAlert>
        )}
        <TextInput
          ref={input}
          label="Workspace name"
          description={`How your team names it, e.g. “Northwind IT — managed customers”. Up to ${WORKSPACE_NAME_MAX} characters.`}
          placeholder="Northwind IT — managed customers"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            if (fieldError !== undefined) setFieldError(undefined);
          }}
          error={fieldError}
          disabled={busy}
          withAsterisk
          data-autofocus={autoFocus || undefined}
          data-testid="workspace-name"
        />
        <Group gap="sm" justify={secondary === undefined ? "flex-start" : "flex-end"}>
          {secondary}
          <Button
            type="submit"
            loading={busy}
            leftSection={<IconBuildingPlus size={16} aria-hidden />}
            data-testid="create-workspace-submit"
          >
            Create workspace
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
