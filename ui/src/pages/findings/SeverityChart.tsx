import { Group, Stack, Text, UnstyledButton } from "@mantine/core";
import type { FindingsPage, Severity } from "../../bindings/types";
import { present, toneColor } from "../../vocabulary";
import { SEVERITIES } from "./codes";
import classes from "./SeverityChart.module.css";

/** Shades within a tone, so severities sharing a colour family still read apart. */
const SHADE: Record<Severity, number> = { critical: 8, high: 6, medium: 6, low: 5, info: 4 };

type SeverityChartProps = {
  counts: FindingsPage["severity_counts"];
  selected: readonly Severity[];
  onToggle: (severity: Severity) => void;
};

/**
 * How many findings of each severity match the other filters, as horizontal bars. Each bar is
 * also a quick filter: pressing it adds that severity to the filter, pressing it again removes it.
 */
export function SeverityChart({ counts, selected, onToggle }: SeverityChartProps) {
  const max = Math.max(1, ...SEVERITIES.map((severity) => counts[severity] ?? 0));
  return (
    <Stack gap={2} role="group" aria-label="Findings by severity" data-testid="severity-chart">
      {SEVERITIES.map((severity) => {
        const count = counts[severity] ?? 0;
        const { label, tone } = present("severity", severity);
        const pressed = selected.includes(severity);
        const color = `var(--mantine-color-${toneColor(tone)}-${SHADE[severity]})`;
        return (
          <UnstyledButton
            key={severity}
            className={classes.row}
            onClick={() => onToggle(severity)}
            aria-pressed={pressed}
            aria-label={`${label}: ${count.toLocaleString()} ${count === 1 ? "finding" : "findings"}`}
            data-dimmed={(selected.length > 0 && !pressed) || undefined}
            data-testid={`severity-bar-${severity}`}
          >
            <Group gap={6} wrap="nowrap">
              <Text size="xs" fw={500}>
                {label}
              </Text>
            </Group>
            <div className={classes.track}>
              <div className={classes.bar} style={{ width: `${(count / max) * 100}%`, backgroundColor: color }} />
            </div>
            <Text
              size="xs"
              ta="right"
              fw={count > 0 ? 600 : undefined}
              c={count > 0 ? undefined : "dimmed"}
              data-testid={`severity-count-${severity}`}
            >
              {count.toLocaleString()}
            </Text>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}
