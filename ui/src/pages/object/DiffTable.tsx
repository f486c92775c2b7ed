import { Table, Text } from "@mantine/core";
import type { DiffRow } from "../../bindings/types";
import { StatusBadge, toneColor } from "../../vocabulary";
import { groupRows } from "./groupRows";

type DiffTableProps = {
  rows: DiffRow[];
  beforeLabel: string;
  afterLabel: string;
  "aria-label": string;
  /**
   * One side only, without the change column: a policy that exists on one side has nothing to
   * set beside it.
   */
  only?: "before" | "after";
};

/**
 * Settings side by side, by section: the value before and after, tinted by how the row
 * changed (the diff_change vocabulary's tones).
 */
export function DiffTable({ rows, beforeLabel, afterLabel, "aria-label": ariaLabel, only }: DiffTableProps) {
  const columns = only === undefined ? 4 : 2;
  return (
    <Table withTableBorder layout="fixed" verticalSpacing={6} aria-label={ariaLabel}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={only === undefined ? "30%" : "45%"}>Setting</Table.Th>
          {only !== "after" && <Table.Th>{beforeLabel}</Table.Th>}
          {only !== "before" && <Table.Th>{afterLabel}</Table.Th>}
          {only === undefined && <Table.Th w={130}>Change</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groupRows(rows).map(({ group, rows: inGroup }) => (
          <DiffGroup key={group} group={group} rows={inGroup} columns={columns} only={only} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DiffGroup({
  group,
  rows,
  columns,
  only,
}: {
  group: string;
  rows: DiffRow[];
  columns: number;
  only: DiffTableProps["only"];
}) {
  return (
    <>
      <Table.Tr>
        <Table.Th colSpan={columns} bg="var(--mantine-color-default-hover)">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {group}
          </Text>
        </Table.Th>
      </Table.Tr>
      {rows.map((row) => (
        <Table.Tr key={row.key} data-testid="diff-row" data-change={row.change}>
          <Table.Td style={{ verticalAlign: "top" }}>
            <Text size="sm" fw={500} style={{ wordBreak: "break-word" }}>
              {row.name}
            </Text>
          </Table.Td>
          {only !== "after" && (
            <DiffValue
              value={row.before}
              tone={only === undefined && (row.change === "removed" || row.change === "changed") ? "danger" : null}
            />
          )}
          {only !== "before" && (
            <DiffValue
              value={row.after}
              tone={only === undefined && (row.change === "added" || row.change === "changed") ? "success" : null}
            />
          )}
          {only === undefined && (
            <Table.Td style={{ verticalAlign: "top" }}>
              <StatusBadge domain="diff_change" code={row.change} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </>
  );
}

function DiffValue({ value, tone }: { value: string | null; tone: "danger" | "success" | null }) {
  return (
    <Table.Td
      style={{ verticalAlign: "top" }}
      bg={tone === null || value === null ? undefined : `var(--mantine-color-${toneColor(tone)}-light)`}
    >
      {value === null ? (
        <Text size="sm" c="dimmed" fs="italic">
          Not set
        </Text>
      ) : (
        <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {value}
        </Text>
      )}
    </Table.Td>
  );
}
