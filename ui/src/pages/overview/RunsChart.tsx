import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import type { ChartRow, OutcomeSeries } from "./chartData";

type RunsChartProps = { rows: ChartRow[]; series: OutcomeSeries[]; height: number };

/**
 * The runs of each day stacked by outcome. Loaded on its own (the chart library is large), so the
 * figures and the table never wait for it. Bars are reachable with the keyboard: focus the chart,
 * then the arrow keys move the tooltip from day to day.
 */
export default function RunsChart({ rows, series, height }: RunsChartProps) {
  return (
    <BarChart
      h={height}
      data={rows}
      dataKey="label"
      type="stacked"
      series={series.map(({ outcome, label, color }) => ({ name: outcome, label, color }))}
      tickLine="none"
      gridAxis="x"
      maxBarWidth={22}
      valueFormatter={(value) => value.toLocaleString()}
      xAxisProps={{ interval: "preserveStartEnd", minTickGap: 24 }}
      yAxisProps={{ allowDecimals: false, width: 36 }}
      tooltipAnimationDuration={0}
      barProps={{ isAnimationActive: false }}
    />
  );
}
