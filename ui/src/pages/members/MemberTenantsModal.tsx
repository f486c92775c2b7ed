import { Button, Checkbox, Group, Modal, ScrollArea, Skeleton, Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { useSetMemberTenants, useTenants } from "../../api";
import type { MemberView, Tenant, TenantId, WorkspaceId } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { FailureAlert } from "../../components/FailureAlert";
import { slots } from "../../components/slots";
import { memberName } from "./memberWords";

type MemberTenantsModalProps = {
  workspaceId: WorkspaceId;
  member: MemberView;
  opened: boolean;
  onClose: () => void;
};

/** "Choose tenants": every tenant of the workspace, present and future, or only the ones ticked. */
export function MemberTenantsModal({ workspaceId, member, opened, onClose }: MemberTenantsModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Tenants of ${memberName(member)}`}
      data-testid="member-tenants-modal"
    >
      {/* Mounted only while open, and keyed by member: each opening starts from what they see now. */}
      {opened && <TenantsForm key={member.user.id} workspaceId={workspaceId} member={member} onClose={onClose} />}
    </Modal>
  );
}

/** The tenants in the order the checklist shows them: by name, archived ones last. */
function checklistOrder(tenants: readonly Tenant[]): Tenant[] {
  return [...tenants].sort(
    (a, b) =>
      Number(a.status === "archived") - Number(b.status === "archived") || a.display_name.localeCompare(b.display_name),
  );
}

const NONE_CHOSEN = "Choose at least one tenant, or turn on “All tenants”: with none, they would see no tenant at all.";

function TenantsForm({
  workspaceId,
  member,
  onClose,
}: {
  workspaceId: WorkspaceId;
  member: MemberView;
  onClose: () => void;
}) {
  const tenants = useTenants(workspaceId);
  const save = useSetMemberTenants(workspaceId);
  const [allTenants, setAllTenants] = useState(member.all_tenants);
  const [chosen, setChosen] = useState<TenantId[]>(member.tenant_ids);
  const [problem, setProblem] = useState<string | null>(null);
  const name = memberName(member);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!allTenants && chosen.length === 0) {
      setProblem(NONE_CHOSEN);
      return;
    }
    setProblem(null);
    save.mutate(
      { userId: member.user.id, allTenants, tenantIds: chosen },
      {
        onSuccess: () => {
          notifications.show({
            color: "green",
            title: "Tenants saved",
            message: allTenants
              ? `${name} sees every tenant, including those added later.`
              : `${name} sees ${chosen.length === 1 ? "1 chosen tenant" : `${chosen.length} chosen tenants`}.`,
          });
          onClose();
        },
      },
    );
  };

  const busy = save.isPending;
  let checklist: ReactNode = null;
  if (!allTenants) {
    if (tenants.isPending) {
      checklist = (
        <Stack gap={8} aria-busy="true" data-testid="member-tenants-loading">
          {slots(3).map((slot) => (
            <Skeleton key={slot} height={20} radius="sm" />
          ))}
        </Stack>
      );
    } else if (tenants.isError) {
      checklist = (
        <ErrorState
          title="The tenants could not be loaded"
          message={tenants.error.message}
          onRetry={() => void tenants.refetch()}
          retrying={tenants.isFetching}
        />
      );
    } else if (tenants.data.length === 0) {
      checklist = (
        <Text size="sm" c="dimmed">
          The workspace has no tenants yet: turn on “All tenants” so they see each one as it is added.
        </Text>
      );
    } else {
      checklist = (
        <Checkbox.Group
          label="Tenants they see"
          description={`${chosen.length} of ${tenants.data.length} chosen`}
          value={chosen}
          onChange={(value) => {
            setChosen(value);
            if (value.length > 0) setProblem(null);
          }}
          data-testid="member-tenants-checklist"
        >
          <ScrollArea.Autosize mah={280} mt="xs" type="auto">
            <Stack gap={8}>
              {checklistOrder(tenants.data).map((tenant) => (
                <Checkbox
                  key={tenant.id}
                  value={tenant.id}
                  label={tenant.status === "archived" ? `${tenant.display_name} (archived)` : tenant.display_name}
                  disabled={busy}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Checkbox.Group>
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="member-tenants-form">
      <Stack gap="md">
        {(problem !== null || save.error !== null) && (
          <FailureAlert title="The tenants were not saved" data-testid="member-tenants-error">
            {problem ?? save.error?.message}
          </FailureAlert>
        )}
        <Switch
          label="All tenants, including future ones"
          description={`${name} sees every tenant of the workspace, and each one added later.`}
          checked={allTenants}
          onChange={(event) => {
            setAllTenants(event.currentTarget.checked);
            setProblem(null);
          }}
          disabled={busy}
          data-autofocus
          data-testid="member-tenants-all"
        />
        {checklist}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={busy}
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            data-testid="member-tenants-save"
          >
            Save tenants
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
