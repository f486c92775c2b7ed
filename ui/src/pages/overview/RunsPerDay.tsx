import { Card, Group, Skeleton, Stack, Table, Text, ThemeIcon, Title, VisuallyHidden } from "@mantine/core";
import { IconChartBar } from "@tabler/icons-react";
import { lazy, Suspense, useId, useMemo } from "react";
import type { DayOutcomes } from "../../bindings/types";
import { chartRows, chartSummary, cssColor, dayLabel, outcomeSeries, outcomeTotals, runCount } from "./chartData";
import classes from "./Overview.module.css";

const RunsChart = lazy(() => import("./RunsChart"));

export const CHART_HEIGHT = 180;

/**
 * The workspace's runs of the last 30 days, per day and outcome: a stacked bar chart with a
 * legend that carries each outcome's total, described in words and as a table for screen readers.
 */
export function RunsPerDay({ days }: { days: readonly DayOutcomes[] }) {
  const titleId = useId();
  const summaryId = useId();
  const series = useMemo(() => outcomeSeries(), []);
  const rows = useMemo(() => chartRows(days), [days]);
  const totals = useMemo(() => outcomeTotals(days), [days]);
  const all = rows.reduce((sum, row) => sum + row.total, 0);
  return (
    <Card withBorder padding="md" radius="md" data-testid="runs-per-day">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
          <Group gap={8} align="baseline">
            <Title order={3} size="h5" id={titleId}>
              Runs per day
            </Title>
            <Text size="xs" c="dimmed">
              Last {days.length} days · {runCount(all)}
            </Text>
          </Group>
          {all > 0 && (
            <ul className={classes.legend} aria-label="Outcomes" data-testid="runs-legend">
              {series.map(({ outcome, label, color }) => (
                <li key={outcome} className={classes.legendItem} data-outcome={outcome}>
                  <span className={classes.swatch} style={{ backgroundColor: cssColor(color) }} aria-hidden />
                  <Text span size="xs">
                    {label}
                  </Text>
                  <Text span size="xs" fw={600}>
                    {totals[outcome].toLocaleString()}
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </Group>
        {all === 0 ? (
          <Group gap="sm" wrap="nowrap" py="md" data-testid="runs-per-day-empty">
            <ThemeIcon size={36} radius="xl" variant="light" color="gray">
              <IconChartBar size={20} aria-hidden />
            </ThemeIcon>
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                No runs in the last {days.length} days
              </Text>
              <Text size="sm" c="dimmed">
                Syncs, baseline captures and compares show up here by day and outcome once they have run.
              </Text>
            </Stack>
          </Group>
        ) : (
          <figure className={classes.figure} aria-labelledby={titleId} aria-describedby={summaryId}>
            <VisuallyHidden id={summaryId} data-testid="runs-summary">
              {chartSummary(days)}
            </VisuallyHidden>
            <Suspense fallback={<Skeleton height={CHART_HEIGHT} radius="sm" data-testid="runs-chart-loading" />}>
              <RunsChart rows={rows} series={series} height={CHART_HEIGHT} />
            </Suspense>
            <VisuallyHidden>
              <Table aria-label="Runs per day by outcome" data-testid="runs-table-by-day">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Day</Table.Th>
                    {series.map(({ outcome, label }) => (
                      <Table.Th key={outcome} scope="col">
                        {label}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.day}>
                      <Table.Th scope="row">{dayLabel(row.day, "long")}</Table.Th>
                      {series.map(({ outcome }) => (
                        <Table.Td key={outcome}>{row[outcome].toLocaleString()}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </VisuallyHidden>
          </figure>
        )}
      </Stack>
    </Card>
  );
}
