import { Badge, Group, Table, Text } from "@mantine/core";
import type { Target, TargetingRow, TargetKind } from "../../bindings/types";

/** What a target is, in a word, for the entries named by an id. */
const KIND_WORD: Partial<Record<TargetKind, string>> = {
  user: "User",
  group: "Group",
  role: "Role",
  application: "App",
  principal: "Principal",
};

/** Which sync names an entry of this kind when the cache does not know it yet. */
const NAMED_BY: Partial<Record<TargetKind, string>> = {
  group: "Sync groups",
  role: "Sync directory roles",
  principal: "Sync groups and directory roles",
};

function TargetEntry({ target }: { target: Target }) {
  const word = KIND_WORD[target.kind];
  const unnamed = target.id !== null && target.name === target.id;
  const tone = target.kind === "all" ? "blue" : target.kind === "nobody" ? "gray" : undefined;
  return (
    <Group gap={4} wrap="nowrap" data-testid="target">
      {word !== undefined && (
        <Badge size="xs" variant="light" color="gray">
          {word}
        </Badge>
      )}
      {unnamed ? (
        <Text
          size="xs"
          ff="monospace"
          title={
            NAMED_BY[target.kind] === undefined
              ? "Microsoft names this by its id only"
              : `Not in the cache: run ${NAMED_BY[target.kind]} to see its name`
          }
        >
          {target.name}
        </Text>
      ) : (
        <Text size="sm" c={tone} fw={target.kind === "all" ? 600 : undefined}>
          {target.name}
        </Text>
      )}
    </Group>
  );
}

function Targets({ targets, none }: { targets: Target[]; none: string }) {
  if (targets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {none}
      </Text>
    );
  }
  return (
    <Group gap={8}>
      {targets.map((target, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries can repeat and keep no state.
        <TargetEntry key={`${target.kind}-${target.id ?? target.name}-${index}`} target={target} />
      ))}
    </Group>
  );
}

/**
 * Whom an object applies to when it says so through its own fields (Conditional Access
 * conditions, role assignments, a principal): each dimension with what it includes and excludes.
 */
export function TargetingTable({ rows }: { rows: TargetingRow[] }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-targeting">
        Not assigned: nobody holds this role.
      </Text>
    );
  }
  const withExclusions = rows.some((row) => row.exclude.length > 0);
  return (
    <Table withTableBorder verticalSpacing={6} aria-label="Applies to" data-testid="targeting">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={220}>Condition</Table.Th>
          <Table.Th>Includes</Table.Th>
          {withExclusions && <Table.Th>Excludes</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.dimension} data-testid="targeting-row">
            <Table.Td>
              <Text size="sm" fw={500}>
                {row.dimension}
              </Text>
            </Table.Td>
            <Table.Td>
              <Targets targets={row.include} none="No one" />
            </Table.Td>
            {withExclusions && (
              <Table.Td>
                <Targets targets={row.exclude} none="—" />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
