import { Badge, Code, Group, Pagination, Skeleton, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch, IconUsersGroup } from "@tabler/icons-react";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useGroups } from "../../api";
import type { DirectoryGroup, Tenant } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { GroupsExportMenu } from "./GroupsExportMenu";
import { groupKind, isDynamic } from "./groupWords";
import { SyncEmptyState } from "./SyncEmptyState";
import { GROUP_SEARCH_PARAM } from "./tenantLinks";

const PAGE_SIZE = 50;

export { groupKind, isDynamic };

export function GroupsTab({ tenant }: { tenant: Tenant }) {
  // A link may open the tab on one group (`groupsPath`); the box is the operator's after that.
  const [params] = useSearchParams();
  const [text, setText] = useState(() => params.get(GROUP_SEARCH_PARAM) ?? "");
  const [search] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  const groups = useGroups(tenant.id, search, (page - 1) * PAGE_SIZE, PAGE_SIZE);

  if (groups.isPending) return <GroupsSkeleton />;
  if (groups.isError) {
    return (
      <ErrorState
        title="Groups could not be loaded"
        message={groups.error.message}
        onRetry={() => void groups.refetch()}
        retrying={groups.isFetching}
      />
    );
  }
  const { items, total } = groups.data;
  if (total === 0 && search === "" && text.trim() === "") {
    return (
      <SyncEmptyState
        tenant={tenant}
        kind="groups"
        icon={IconUsersGroup}
        title="No groups synced yet"
        description="Sync groups to cache this tenant's Entra groups: assignments then show group names, and membership rules can be read here."
        data-testid="groups-empty"
      />
    );
  }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <Stack gap="sm" data-testid="groups-tab">
      <Group justify="space-between">
        <TextInput
          w={320}
          placeholder="Search by name"
          aria-label="Search groups"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="groups-total">
            {total.toLocaleString()} {total === 1 ? "group" : "groups"}
            {search === "" ? "" : " match"}
          </Text>
          {total > 0 && <GroupsExportMenu tenant={tenant} search={search} />}
        </Group>
      </Group>
      {total === 0 ? (
        <EmptyState
          icon={IconSearch}
          title="No group matches"
          description={`No group's name contains “${search}”.`}
          data-testid="groups-no-match"
        />
      ) : (
        <Table
          verticalSpacing={6}
          highlightOnHover
          aria-label="Groups"
          style={{ opacity: groups.isPlaceholderData ? 0.6 : 1 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th w={190}>Type</Table.Th>
              <Table.Th>Membership</Table.Th>
              <Table.Th w={130}>Last seen</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((group) => (
              <GroupRow key={group.group_id} group={group} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label="Group pages" />
        </Group>
      )}
    </Stack>
  );
}

function GroupRow({ group }: { group: DirectoryGroup }) {
  const dynamic = isDynamic(group);
  return (
    <Table.Tr data-testid="group-row">
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} td={group.removed_at === null ? undefined : "line-through"}>
            {group.display_name}
          </Text>
          {group.removed_at !== null && (
            <Badge size="xs" color="red" variant="light" radius="sm">
              Removed
            </Badge>
          )}
        </Group>
        {(group.description ?? group.mail) !== null && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {group.description ?? group.mail}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge size="sm" variant="light" color={group.group_types.includes("Unified") ? "blue" : "gray"} radius="sm">
            {groupKind(group)}
          </Badge>
        </Group>
      </Table.Td>
      <Table.Td>
        {dynamic ? (
          <Stack gap={2}>
            <Badge size="sm" variant="light" color="grape" radius="sm">
              Dynamic
            </Badge>
            {group.membership_rule !== null && (
              <Tooltip label={group.membership_rule} multiline maw={480} withinPortal>
                <Code
                  style={{
                    display: "block",
                    whiteSpace: "nowrap",
                    overflow: "hidden",
                    textOverflow: "ellipsis",
                    maxWidth: 420,
                  }}
                >
                  {group.membership_rule}
                </Code>
              </Tooltip>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Assigned
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RelativeTime value={group.last_seen_at} size="sm" />
      </Table.Td>
    </Table.Tr>
  );
}

function GroupsSkeleton() {
  return (
    <Stack gap={8} data-testid="groups-loading" aria-busy="true">
      <Skeleton height={32} width={320} radius="sm" />
      {slots(8).map((line) => (
        <Skeleton key={line} height={22} radius="sm" />
      ))}
    </Stack>
  );
}
