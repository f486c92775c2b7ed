import { ActionIcon, Badge, Group, Skeleton, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { IconChevronDown, IconChevronRight, IconSearch, IconShieldLock } from "@tabler/icons-react";
import { Fragment, useMemo, useState } from "react";
import { useDirectoryRoles } from "../../api";
import type { DirectoryRoleAssignment, Tenant } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ExportMenu, toExportTable } from "../../components/export";
import { slots } from "../../components/slots";
import { type RoleRow, roleExportColumns } from "./directoryRolesExport";
import { principalTypeLabel, scopeLabel } from "./principals";
import { SyncEmptyState } from "./SyncEmptyState";

export function DirectoryRolesTab({ tenant }: { tenant: Tenant }) {
  const roles = useDirectoryRoles(tenant.id);
  const [onlyHeld, setOnlyHeld] = useState(true);
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState<Set<string>>(new Set());

  const rows = useMemo<RoleRow[]>(() => {
    if (roles.data === undefined) return [];
    const byRole = new Map<string, DirectoryRoleAssignment[]>();
    for (const assignment of roles.data.assignments) {
      const list = byRole.get(assignment.role_definition_id) ?? [];
      list.push(assignment);
      byRole.set(assignment.role_definition_id, list);
    }
    return roles.data.definitions
      .map((definition) => ({ definition, assignments: byRole.get(definition.role_definition_id) ?? [] }))
      .sort(
        (a, b) =>
          b.assignments.length - a.assignments.length ||
          a.definition.display_name.localeCompare(b.definition.display_name),
      );
  }, [roles.data]);

  if (roles.isPending) return <RolesSkeleton />;
  if (roles.isError) {
    return (
      <ErrorState
        title="Directory roles could not be loaded"
        message={roles.error.message}
        onRetry={() => void roles.refetch()}
        retrying={roles.isFetching}
      />
    );
  }
  if (roles.data.definitions.length === 0) {
    return (
      <SyncEmptyState
        tenant={tenant}
        kind="roles"
        icon={IconShieldLock}
        title="No directory roles synced yet"
        description="Sync roles to read this tenant's Entra role definitions and who holds them; the RBAC report is produced from the same sync."
        data-testid="roles-empty"
      />
    );
  }
  const term = search.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (!onlyHeld || row.assignments.length > 0) &&
      (term === "" || row.definition.display_name.toLowerCase().includes(term)),
  );
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="sm" data-testid="roles-tab">
      <Group justify="space-between">
        <Group gap="md">
          <TextInput
            w={280}
            placeholder="Search roles"
            aria-label="Search roles"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Switch
            label="Only roles with holders"
            checked={onlyHeld}
            onChange={(event) => setOnlyHeld(event.currentTarget.checked)}
          />
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {roles.data.definitions.length} roles · {roles.data.assignments.length} assignments
          </Text>
          {shown.length > 0 && (
            <ExportMenu
              workspaceId={tenant.workspace_id}
              name={`${tenant.display_name}-directory-roles`}
              noun={["role", "roles"]}
              gather={async () => ({ ...toExportTable(roleExportColumns, shown), truncated: false })}
              data-testid="roles-export"
            />
          )}
        </Group>
      </Group>
      {shown.length === 0 ? (
        <EmptyState
          icon={IconSearch}
          title="No role matches"
          description="Change the search or show roles without holders."
        />
      ) : (
        <Table verticalSpacing={6} aria-label="Directory roles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36} />
              <Table.Th>Role</Table.Th>
              <Table.Th w={120}>Kind</Table.Th>
              <Table.Th w={90} ta="right">
                Holders
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map(({ definition, assignments }) => {
              const id = definition.role_definition_id;
              const expanded = open.has(id);
              return (
                <Fragment key={id}>
                  <Table.Tr data-testid="role-row">
                    <Table.Td>
                      {assignments.length > 0 && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-expanded={expanded}
                          aria-label={`${expanded ? "Hide" : "Show"} holders of ${definition.display_name}`}
                          onClick={() => toggle(id)}
                        >
                          {expanded ? (
                            <IconChevronDown size={14} aria-hidden />
                          ) : (
                            <IconChevronRight size={14} aria-hidden />
                          )}
                        </ActionIcon>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {definition.display_name}
                        </Text>
                        {!definition.is_enabled && (
                          <Badge size="xs" variant="light" color="gray" radius="sm">
                            Disabled
                          </Badge>
                        )}
                      </Group>
                      {definition.description !== null && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {definition.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={definition.is_built_in ? "gray" : "blue"} radius="sm">
                        {definition.is_built_in ? "Built-in" : "Custom"}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text
                        size="sm"
                        fw={assignments.length > 0 ? 600 : undefined}
                        c={assignments.length > 0 ? undefined : "dimmed"}
                      >
                        {assignments.length}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={3} pb="sm">
                        <HoldersTable assignments={assignments} role={definition.display_name} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function HoldersTable({ assignments, role }: { assignments: DirectoryRoleAssignment[]; role: string }) {
  return (
    <Table withTableBorder verticalSpacing={4} aria-label={`Holders of ${role}`} data-testid="role-holders">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Principal</Table.Th>
          <Table.Th w={160}>Kind</Table.Th>
          <Table.Th>Scope</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assignments.map((assignment) => (
          <Table.Tr key={assignment.assignment_id}>
            <Table.Td>
              {assignment.principal_display_name ?? (
                <Text size="xs" ff="monospace" c="dimmed">
                  {assignment.principal_id}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{principalTypeLabel(assignment.principal_type)}</Table.Td>
            <Table.Td>
              <Text size="sm" c={assignment.directory_scope_id === "/" ? "dimmed" : undefined}>
                {scopeLabel(assignment.directory_scope_id)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RolesSkeleton() {
  return (
    <Stack gap={8} data-testid="roles-loading" aria-busy="true">
      {slots(8).map((line) => (
        <Skeleton key={line} height={22} radius="sm" />
      ))}
    </Stack>
  );
}
