import { Group, Stack, Switch, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import type { DiffChange, VersionDiffResponse } from "../../bindings/types";
import { iconFor, present, toneColor } from "../../vocabulary";
import { DiffTable } from "./DiffTable";

type DiffViewProps = {
  diff: VersionDiffResponse["diff"];
  /** The heading: "Changes v1 → v2", "Contoso v3 ↔ Fabrikam v1". */
  title: string;
  beforeLabel: string;
  afterLabel: string;
  /** What is compared, for the sentence when nothing differs: "versions", "policies". */
  noun: string;
  /** Said under the heading: what the comparison leaves out, how to read it. */
  note?: ReactNode;
};

const CHANGES: DiffChange[] = ["added", "removed", "changed", "unchanged"];

/** A comparison's rows side by side with its counts; unchanged rows only on request. */
export function DiffView({ diff, title, beforeLabel, afterLabel, noun, note }: DiffViewProps) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const { rows, ...counts } = diff;
  const shown = showUnchanged ? rows : rows.filter((row) => row.change !== "unchanged");
  return (
    <Stack gap="sm" data-testid="version-diff">
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={4}>{title}</Title>
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
      {note}
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="diff-identical">
          {rows.length === 0
            ? `Neither of these ${noun} holds any settings.`
            : `No setting differs between these ${noun}. Turn on Show unchanged to see them all.`}
        </Text>
      ) : (
        <DiffTable rows={shown} beforeLabel={beforeLabel} afterLabel={afterLabel} aria-label={title} />
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
