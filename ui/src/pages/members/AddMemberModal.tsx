import { Button, Code, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUserPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useAddMember } from "../../api";
import type { Role, WorkspaceSummary } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { useFieldError } from "../../components/useFieldError";
import { present } from "../../vocabulary";
import { memberName, ROLE_OPTIONS } from "./memberWords";

type AddMemberModalProps = {
  workspace: WorkspaceSummary;
  opened: boolean;
  onClose: () => void;
};

/** "Add member" (team mode, owners): an operator who has signed in before, by sign-in name, with a role. */
export function AddMemberModal({ workspace, opened, onClose }: AddMemberModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add member" data-testid="add-member-modal">
      {/* Mounted only while open: a closed dialog starts empty next time. */}
      {opened && <AddMemberForm workspace={workspace} onClose={onClose} />}
    </Modal>
  );
}

function AddMemberForm({ workspace, onClose }: { workspace: WorkspaceSummary; onClose: () => void }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const field = useFieldError();
  const add = useAddMember(workspace.workspace.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === "") {
      field.reject("Enter the name they sign in with.");
      return;
    }
    field.clear();
    add.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (member) => {
          notifications.show({
            color: "green",
            title: "Member added",
            message: `${memberName(member)} joined ${workspace.workspace.name} as ${present("role", member.role).label}, seeing every tenant.`,
          });
          onClose();
        },
        onError: (error) => {
          // A refusal of the name (nobody signs in as it yet) belongs under the name.
          if (error.code === "invalid_input") {
            field.refuse(error.message);
          }
        },
      },
    );
  };

  const busy = add.isPending;
  const otherError = add.error !== null && add.error.code !== "invalid_input" ? add.error : null;
  return (
    <form onSubmit={submit} noValidate data-testid="add-member-form">
      <Stack gap="md">
        <Text size="sm">
          In team mode everyone signs in to the shared database as themselves. Someone can be added once they have
          opened TenantAtlas with their own PostgreSQL role, or once the database administrator has created it with{" "}
          <Code>atlas member add</Code>. They see every tenant until you choose theirs.
        </Text>
        {otherError !== null && (
          <FailureAlert title="The member was not added" data-testid="add-member-error">
            {otherError.message}
          </FailureAlert>
        )}
        <TextInput
          ref={field.input}
          label="Sign-in name"
          description="Their PostgreSQL role: the name they sign in to the database with."
          placeholder="grace"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            field.clear();
          }}
          error={field.error}
          disabled={busy}
          spellCheck={false}
          autoComplete="off"
          withAsterisk
          data-autofocus
          data-testid="add-member-name"
        />
        <Select
          label="Role"
          data={ROLE_OPTIONS}
          value={role}
          onChange={(value) => {
            const picked = ROLE_OPTIONS.find((option) => option.value === value)?.value;
            if (picked !== undefined) setRole(picked);
          }}
          allowDeselect={false}
          disabled={busy}
          data-testid="add-member-role"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={busy}
            leftSection={<IconUserPlus size={16} aria-hidden />}
            data-testid="add-member-submit"
          >
            Add member
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
