import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUserMinus } from "@tabler/icons-react";
import { useRemoveMember } from "../../api";
import type { MemberView, WorkspaceSummary } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { memberName } from "./memberWords";

type RemoveMemberModalProps = {
  workspace: WorkspaceSummary;
  member: MemberView;
  opened: boolean;
  onClose: () => void;
};

/** Ending a membership, only once the operator confirms who loses access. */
export function RemoveMemberModal({ workspace, member, opened, onClose }: RemoveMemberModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Remove this member?" data-testid="remove-member-modal">
      {/* Keyed by member: a refusal shown for one is not shown for the next. */}
      <Confirm key={member.user.id} workspace={workspace} member={member} onClose={onClose} />
    </Modal>
  );
}

function Confirm({
  workspace,
  member,
  onClose,
}: {
  workspace: WorkspaceSummary;
  member: MemberView;
  onClose: () => void;
}) {
  const remove = useRemoveMember(workspace.workspace.id);
  const name = memberName(member);
  return (
    <Stack gap="md">
      {remove.error !== null && (
        <FailureAlert title={`${name} was not removed`} data-testid="remove-member-error">
          {remove.error.message}
        </FailureAlert>
      )}
      <Text size="sm">
        <strong>{name}</strong> ({member.user.login}) will no longer see {workspace.workspace.name} or any of its
        tenants. Their past work stays attributed to them: the runs they started and their entries in the audit log keep
        their name.
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus>
          Cancel
        </Button>
        <Button
          color="red"
          leftSection={<IconUserMinus size={16} aria-hidden />}
          loading={remove.isPending}
          onClick={() =>
            remove.mutate(member.user.id, {
              onSuccess: () => {
                notifications.show({
                  color: "green",
                  title: "Member removed",
                  message: `${name} no longer sees ${workspace.workspace.name}.`,
                });
                onClose();
              },
            })
          }
          data-testid="confirm-remove-member"
        >
          Remove member
        </Button>
      </Group>
    </Stack>
  );
}
