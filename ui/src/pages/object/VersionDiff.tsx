import { Group, Skeleton, Stack, Switch, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useVersionDiff } from "../../api";
import type { DiffChange, PolicyVersionSummary } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { slots } from "../../components/slots";
import { iconFor, present, toneColor } from "../../vocabulary";
import { DiffTable } from "./DiffTable";

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
        <DiffTable
          rows={shown}
          beforeLabel={`v${before.version_number}`}
          afterLabel={`v${after.version_number}`}
          aria-label={`Changes ${title}`}
        />
      )}
    </Stack>
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
