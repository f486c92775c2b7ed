import { Group, Skeleton, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useVersionDiff } from "../../api";
import type { DiffChange, DiffRow, PolicyVersionSummary } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { slots } from "../../components/slots";
import { iconFor, present, StatusBadge, toneColor } from "../../vocabulary";
import { groupRows } from "./groupRows";

type VersionDiffProps = { tenantId: string; before: PolicyVersionSummary; after: PolicyVersionSummary };

const CHANGES: DiffChange[] = ["added", "removed", "changed", "unchanged"];

/** Two versions side by side, setting by setting; unchanged rows only on request. */
export function VersionDiff({ tenantId, before, after }: VersionDiffProps) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const diff = useVersionDiff(tenantId, { before: before.id, after: after.id });
  const title = `v${before.version_number} → v${after.version_number}`;

  if (diff.isPending) {
    return (
      <Stack gap={8} data-testid="diff-loading" aria-busy="true">
        <Skeleton height={24} width={280} radius="sm" />
        {slots(5).map((line) => (
          <Skeleton key={line} height={20} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (diff.isError) {
    return (
      <ErrorState
        title={`${title} could not be compared`}
        message={diff.error.message}
        onRetry={() => void diff.refetch()}
        retrying={diff.isFetching}
      />
    );
  }
  const { rows, ...counts } = diff.data.diff;
  const shown = showUnchanged ? rows : rows.filter((row) => row.change !== "unchanged");
  return (
    <Stack gap="sm" data-testid="version-diff">
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={4}>Changes {title}</Title>
          <Group gap={6} data-testid="diff-counts">
            {CHANGES.map((change) => (
              <CountBadge key={change} change={change} count={counts[change]} />
            ))}
          </Group>
        </Group>
        <Switch
          label="Show unchanged"
          checked={showUnchanged}
          onChange={(event) => setShowUnchanged(event.currentTarget.checked)}
          data-testid="show-unchanged"
        />
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="diff-identical">
          {rows.length === 0
            ? "Neither version holds any settings."
            : "No setting differs between these versions. Turn on Show unchanged to see them all."}
        </Text>
      ) : (
        <Table withTableBorder layout="fixed" verticalSpacing={6} aria-label={`Changes ${title}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">Setting</Table.Th>
              <Table.Th>v{before.version_number}</Table.Th>
              <Table.Th>v{after.version_number}</Table.Th>
              <Table.Th w={130}>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groupRows(shown).map(({ group, rows: groupRowsOf }) => (
              <DiffGroup key={group} group={group} rows={groupRowsOf} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function DiffGroup({ group, rows }: { group: string; rows: DiffRow[] }) {
  return (
    <>
      <Table.Tr>
        <Table.Th colSpan={4} bg="var(--mantine-color-default-hover)">
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
          <DiffValue value={row.before} tone={row.change === "removed" || row.change === "changed" ? "danger" : null} />
          <DiffValue value={row.after} tone={row.change === "added" || row.change === "changed" ? "success" : null} />
          <Table.Td style={{ verticalAlign: "top" }}>
            <StatusBadge domain="diff_change" code={row.change} />
          </Table.Td>
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

function CountBadge({ change, count }: { change: DiffChange; count: number }) {
  const { label, tone, icon } = present("diff_change", change);
  const IconComponent = iconFor(icon);
  return (
    <Group gap={4} wrap="nowrap" data-testid={`diff-count-${change}`}>
      <IconComponent size={14} stroke={2} color={`var(--mantine-color-${toneColor(tone)}-6)`} aria-hidden />
      <Text size="sm">
        {count} {label.toLowerCase()}
      </Text>
    </Group>
  );
}
