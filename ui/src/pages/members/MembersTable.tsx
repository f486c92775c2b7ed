import { Badge, Button, Group, Select, Stack, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingSkyscraper, IconUserMinus } from "@tabler/icons-react";
import { type KeyboardEvent, useContext } from "react";
import { useSetMemberRole } from "../../api";
import type { MemberView, Role, WorkspaceId } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import classes from "../../components/virtualRows.module.css";
import { present, StatusBadge } from "../../vocabulary";
import { RowControlsTabbable } from "../tenants/cells";
import { memberName, ROLE_OPTIONS, type TenantSummary } from "./memberWords";

const OVERSCAN = 10;
/** A member's row: their name with their sign-in name under it, or the role select beside it. */
export const MEMBER_ROW_HEIGHT = 50;

/** What a row's buttons do (members who may manage). */
export type MemberRowActions = {
  onChooseTenants: (member: MemberView) => void;
  onRemove: (member: MemberView) => void;
};

type MembersTableProps = {
  workspaceId: WorkspaceId;
  members: MemberView[];
  /** The member's tenants cell, from the workspace's tenant list. */
  tenantsOf: (member: MemberView) => TenantSummary;
  /** The operator may change roles, tenants and memberships (an owner); null shows the table read-only. */
  actions: MemberRowActions | null;
  /** Enter on a row shows the member's entries in the audit log (members who may see it). */
  onOpen: ((member: MemberView) => void) | null;
};

/**
 * The workspace's members, one per row: name and sign-in name, role, tenants and last activity;
 * for an owner, the role as a select and the buttons to choose tenants and to remove. Keyboard:
 * the table is one tab stop; arrows, Page Up/Down, Home and End move the highlighted row, Enter
 * shows its member's entries in the audit log, and Tab reaches the highlighted row's controls.
 */
export function MembersTable({ workspaceId, members, tenantsOf, actions, onOpen }: MembersTableProps) {
  const grid = useVirtualGrid({
    total: members.length,
    rowHeight: MEMBER_ROW_HEIGHT,
    overscan: OVERSCAN,
    resetKey: workspaceId,
  });
  const columnCount = actions === null ? 4 : 5;
  return (
    <VirtualGridTable
      grid={grid}
      rowAt={(index) => members[index]}
      rowKey={(member) => member.user.id}
      label="Members"
      testId="members-table"
      rowTestId="member-row"
      classes={classes}
      head={
        <>
          <Table.Th>Name</Table.Th>
          <Table.Th w={160}>Role</Table.Th>
          <Table.Th w={180}>Tenants</Table.Th>
          <Table.Th w={130}>Last activity</Table.Th>
          {actions !== null && (
            <Table.Th w={196}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          )}
        </>
      }
      columnCount={columnCount}
      cells={(member, active) => (
        <RowControlsTabbable value={active}>
          <Table.Td data-column="name">
            <NameCell member={member} />
          </Table.Td>
          <Table.Td data-column="role">
            {actions === null ? (
              <StatusBadge domain="role" code={member.role} />
            ) : (
              <RoleSelect workspaceId={workspaceId} member={member} />
            )}
          </Table.Td>
          <Table.Td data-column="tenants">
            <TenantsCell summary={tenantsOf(member)} />
          </Table.Td>
          <Table.Td data-column="activity">
            {member.last_activity_at === null ? (
              <Text size="sm" c="dimmed" data-testid="member-row-activity">
                No activity yet
              </Text>
            ) : (
              <RelativeTime value={member.last_activity_at} size="sm" data-testid="member-row-activity" />
            )}
          </Table.Td>
          {actions !== null && (
            <Table.Td data-column="actions">
              <RowActions member={member} actions={actions} />
            </Table.Td>
          )}
        </RowControlsTabbable>
      )}
      rowData={(member) => ({ "data-user-id": member.user.id, "data-role": member.role })}
      onOpen={(member) => {
        if (onOpen === null) return false;
        onOpen(member);
      }}
    />
  );
}

function NameCell({ member }: { member: MemberView }) {
  const name = memberName(member);
  return (
    <Stack gap={0} miw={0}>
      <Group gap={6} wrap="nowrap" miw={0}>
        <Text size="sm" fw={500} truncate="end" title={name} data-testid="member-row-name">
          {name}
        </Text>
        {member.is_you && (
          <Badge size="xs" variant="light" radius="sm" style={{ flexShrink: 0 }} data-testid="member-row-you">
            You
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={member.user.login} data-testid="member-row-login">
        {member.user.login}
      </Text>
    </Stack>
  );
}

/** The tenants in a few words; the names of chosen ones on hover (and for assistive technology). */
function TenantsCell({ summary }: { summary: TenantSummary }) {
  const text = (
    <Text
      size="sm"
      truncate="end"
      c={summary.text === "No tenants" ? "dimmed" : undefined}
      data-testid="member-row-tenants"
    >
      {summary.text}
      {summary.names.length > 1 && <VisuallyHidden>: {summary.names.join(", ")}</VisuallyHidden>}
    </Text>
  );
  if (summary.names.length <= 1) return text;
  return (
    <Tooltip label={summary.names.join(", ")} withinPortal multiline maw={320} openDelay={300}>
      {text}
    </Tooltip>
  );
}

const stopKeys = (event: KeyboardEvent<HTMLElement>) => event.stopPropagation();

/**
 * The member's role, changed as soon as another is picked; the answer (the directory as it is
 * now) replaces the table. A refusal — a workspace keeps at least one owner — is said in a toast
 * in the backend's words, and the select shows the role kept.
 */
function RoleSelect({ workspaceId, member }: { workspaceId: WorkspaceId; member: MemberView }) {
  const tabbable = useContext(RowControlsTabbable);
  const setRole = useSetMemberRole(workspaceId);
  const name = memberName(member);
  const shown = setRole.isPending ? setRole.variables.role : member.role;
  return (
    <Select
      size="xs"
      w={136}
      data={ROLE_OPTIONS}
      value={shown}
      allowDeselect={false}
      disabled={setRole.isPending}
      onChange={(value) => {
        const role = ROLE_OPTIONS.find((option) => option.value === value)?.value;
        if (role === undefined || role === member.role) return;
        setRole.mutate(
          { userId: member.user.id, role },
          {
            onSuccess: () =>
              notifications.show({
                color: "green",
                title: "Role changed",
                message: `${name} is now ${roleWords(role)}.`,
              }),
            onError: (error) =>
              notifications.show({ color: "red", title: `${name}'s role was not changed`, message: error.message }),
          },
        );
      }}
      tabIndex={tabbable ? undefined : -1}
      onKeyDown={stopKeys}
      aria-label={`Role of ${name}`}
      comboboxProps={{ withinPortal: true }}
      data-testid="member-row-role"
    />
  );
}

/** "an owner", "a read-only member": a role in a sentence. */
function roleWords(role: Role): string {
  const label = present("role", role).label.toLocaleLowerCase();
  return role === "readonly" ? `a ${label} member` : `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

function RowActions({ member, actions }: { member: MemberView; actions: MemberRowActions }) {
  const tabbable = useContext(RowControlsTabbable);
  const name = memberName(member);
  const common = {
    size: "xs" as const,
    tabIndex: tabbable ? undefined : -1,
    onKeyDown: stopKeys,
  };
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button
        {...common}
        variant="default"
        leftSection={<IconBuildingSkyscraper size={14} aria-hidden />}
        onClick={(event) => {
          event.stopPropagation();
          actions.onChooseTenants(member);
        }}
        aria-label={`Choose the tenants of ${name}…`}
        data-testid="member-row-tenants-button"
      >
        Tenants…
      </Button>
      {/* Removing oneself would lock one out of the workspace mid-way: another owner does it. */}
      {!member.is_you && (
        <Button
          {...common}
          variant="subtle"
          color="red"
          leftSection={<IconUserMinus size={14} aria-hidden />}
          onClick={(event) => {
            event.stopPropagation();
            actions.onRemove(member);
          }}
          aria-label={`Remove ${name}…`}
          data-testid="member-row-remove"
        >
          Remove…
        </Button>
      )}
    </Group>
  );
}
