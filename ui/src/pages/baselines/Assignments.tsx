import { Alert, Anchor, Button, Group, Select, Skeleton, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconLink, IconUnlink } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { useAssignBaseline, useTenants, useUnassignBaseline } from "../../api";
import type { BaselineProfile, Tenant, TenantId } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";
import { useCan } from "../../workspace";

type AssignmentsProps = { profile: BaselineProfile; assigned: TenantId[] };

/** The tenants held to this baseline: each one compares against it (one profile per tenant). */
export function Assignments({ profile, assigned }: AssignmentsProps) {
  const can = useCan(profile.workspace_id);
  const tenants = useTenants(profile.workspace_id);
  const unassign = useUnassignBaseline();
  const canManage = can("workspace.baselines.manage") && profile.status !== "archived";
  const byId = new Map((tenants.data ?? []).map((tenant) => [tenant.id, tenant]));
  const rows = assigned
    .map((id) => ({ id, tenant: byId.get(id) ?? null }))
    .sort((a, b) => (a.tenant?.display_name ?? "").localeCompare(b.tenant?.display_name ?? ""));

  const remove = (id: TenantId, name: string) =>
    unassign.mutate(id, {
      onSuccess: () =>
        notifications.show({ color: "green", title: "Tenant unassigned", message: `${name} left ${profile.name}.` }),
      onError: (error) =>
        notifications.show({ color: "red", title: `${name} was not unassigned`, message: error.message }),
    });

  return (
    <Stack gap="sm" data-testid="assignments">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="assignments-empty">
          No tenant is assigned yet. Assigned tenants are compared against this baseline's current snapshot.
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label="Assigned tenants" data-testid="assigned-tenants">
          <Table.Tbody>
            {rows.map(({ id, tenant }) => {
              const name = tenant?.display_name ?? "A tenant you cannot see";
              return (
                <Table.Tr key={id} data-testid="assigned-tenant">
                  <Table.Td>
                    {tenants.isPending ? (
                      <Skeleton height={14} width={160} radius="sm" />
                    ) : tenant === null ? (
                      <Text size="sm" c="dimmed">
                        {name}
                      </Text>
                    ) : (
                      <Anchor component={Link} to={`/tenants/${id}?tab=drift`} size="sm">
                        {name}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td w={130}>
                    {tenant !== null && <StatusBadge domain="tenant_status" code={tenant.status} />}
                  </Table.Td>
                  {canManage && (
                    <Table.Td w={130} ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="gray"
                        leftSection={<IconUnlink size={14} aria-hidden />}
                        onClick={() => remove(id, name)}
                        loading={unassign.isPending && unassign.variables === id}
                        aria-label={`Unassign ${name}`}
                      >
                        Unassign
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {canManage && <AssignTenant profile={profile} tenants={tenants.data ?? []} assigned={assigned} />}
    </Stack>
  );
}

/** Picks a tenant to assign; a tenant held to another profile is refused with the backend's words. */
function AssignTenant({
  profile,
  tenants,
  assigned,
}: {
  profile: BaselineProfile;
  tenants: Tenant[];
  assigned: TenantId[];
}) {
  const [choice, setChoice] = useState<TenantId | null>(null);
  const assign = useAssignBaseline();
  const options = tenants
    .filter((tenant) => tenant.status !== "archived" && !assigned.includes(tenant.id))
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .map((tenant) => ({ value: tenant.id, label: tenant.display_name }));
  const submit = () => {
    if (choice === null) return;
    const name = tenants.find((tenant) => tenant.id === choice)?.display_name ?? "The tenant";
    assign.mutate(
      { profile_id: profile.id, tenant_id: choice },
      {
        onSuccess: () => {
          setChoice(null);
          notifications.show({
            color: "green",
            title: "Tenant assigned",
            message: `${name} now compares against ${profile.name}.`,
          });
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <Select
          w={280}
          label="Assign tenant"
          placeholder={options.length === 0 ? "Every tenant is assigned" : "Choose a tenant"}
          data={options}
          value={choice}
          onChange={(value) => {
            setChoice(value);
            assign.reset();
          }}
          searchable
          clearable
          disabled={options.length === 0}
          nothingFoundMessage="No tenant with that name"
          data-testid="assign-tenant"
        />
        <Button
          variant="default"
          leftSection={<IconLink size={16} aria-hidden />}
          onClick={submit}
          disabled={choice === null}
          loading={assign.isPending}
          data-testid="assign-submit"
        >
          Assign
        </Button>
      </Group>
      {assign.error !== null && (
        <Alert
          color={assign.error.code === "conflict" ? "yellow" : "red"}
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          role="alert"
          data-testid="assign-error"
        >
          {assign.error.message}
        </Alert>
      )}
    </Stack>
  );
}
