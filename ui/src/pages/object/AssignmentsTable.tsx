import { Table, Text } from "@mantine/core";
import type { AssignmentRow } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Who the policy reaches: each target with its group, filter and (for apps) intent. */
export function AssignmentsTable({ assignments }: { assignments: AssignmentRow[] }) {
  if (assignments.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-assignments">
        Not assigned: this object reaches no users or devices.
      </Text>
    );
  }
  const withIntent = assignments.some((a) => a.intent !== null);
  return (
    <Table withTableBorder verticalSpacing={6} aria-label="Assignments" data-testid="assignments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={170}>Target</Table.Th>
          <Table.Th>Group</Table.Th>
          <Table.Th>Filter</Table.Th>
          {withIntent && <Table.Th w={130}>Intent</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assignments.map((assignment, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: assignments have no id and can repeat; the rows keep no state.
          <Table.Tr key={`${assignment.kind}-${assignment.group_id ?? ""}-${index}`} data-testid="assignment-row">
            <Table.Td>
              <StatusBadge domain="assignment_target_kind" code={assignment.kind} />
            </Table.Td>
            <Table.Td>
              {assignment.group_id === null ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : assignment.group_name !== null ? (
                <Text size="sm">{assignment.group_name}</Text>
              ) : (
                <Text size="xs" ff="monospace" title="Not in the groups cache: run Sync groups to see its name">
                  {assignment.group_id}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {assignment.filter_id === null ? (
                <Text size="sm" c="dimmed">
                  None
                </Text>
              ) : (
                <Text size="sm">
                  {assignment.filter_mode === null ? "" : `${capitalise(assignment.filter_mode)} · `}
                  <Text span size="xs" ff="monospace">
                    {assignment.filter_id}
                  </Text>
                </Text>
              )}
            </Table.Td>
            {withIntent && <Table.Td>{assignment.intent === null ? "" : capitalise(assignment.intent)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
