import type { DayOutcomes, RunOutcome } from "../../bindings/types";
import { present, toneColor } from "../../vocabulary";

/** The outcomes the chart stacks, bottom up. Pending runs have not ended, so no day counts them. */
export type ChartOutcome = Extract<RunOutcome, "succeeded" | "partially_succeeded" | "failed" | "blocked">;
export const CHART_OUTCOMES: readonly ChartOutcome[] = ["succeeded", "partially_succeeded", "failed", "blocked"];

/**
 * Shades within each outcome's tone: partially succeeded and blocked share the warning tone, so
 * they differ in depth (light and dark) to stay apart in the stack and the legend.
 */
const SHADE: Record<ChartOutcome, number> = { succeeded: 6, partially_succeeded: 4, failed: 6, blocked: 8 };

/** One outcome as the chart and its legend draw it: its vocabulary label in its tone's colour. */
export type OutcomeSeries = { outcome: ChartOutcome; label: string; color: string };

export function outcomeSeries(): OutcomeSeries[] {
  return CHART_OUTCOMES.map((outcome) => {
    const { label, tone } = present("run_outcome", outcome);
    return { outcome, label, color: `${toneColor(tone)}.${SHADE[outcome]}` };
  });
}

/** A Mantine colour such as `green.6` as the CSS variable it stands for. */
export function cssColor(color: string): string {
  const [name, shade] = color.split(".");
  return `var(--mantine-color-${name}-${shade})`;
}

const shortDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeZone: "UTC" });

/** `2026-11-22` (a day in the operator's zone, from the backend) as "22 Nov" / "Sunday, 22 November 2026". */
export function dayLabel(day: string, style: "short" | "long" = "short"): string {
  // The day is already local: read it as UTC midnight and format it in UTC, so no zone shifts it.
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return (style === "short" ? shortDay : longDay).format(date);
}

export type ChartRow = Record<ChartOutcome, number> & { day: string; label: string; total: number };

export function chartRows(days: readonly DayOutcomes[]): ChartRow[] {
  return days.map((day) => ({
    day: day.day,
    label: dayLabel(day.day),
    succeeded: day.succeeded,
    partially_succeeded: day.partially_succeeded,
    failed: day.failed,
    blocked: day.blocked,
    total: day.succeeded + day.partially_succeeded + day.failed + day.blocked,
  }));
}

/** Runs per outcome over all the days. */
export function outcomeTotals(days: readonly DayOutcomes[]): Record<ChartOutcome, number> {
  const totals: Record<ChartOutcome, number> = { succeeded: 0, partially_succeeded: 0, failed: 0, blocked: 0 };
  for (const day of days) for (const outcome of CHART_OUTCOMES) totals[outcome] += day[outcome];
  return totals;
}

export function runCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? "run" : "runs"}`;
}

/** The chart in one sentence, for assistive technology: the period and its runs by outcome. */
export function chartSummary(days: readonly DayOutcomes[]): string {
  const totals = outcomeTotals(days);
  const all = CHART_OUTCOMES.reduce((sum, outcome) => sum + totals[outcome], 0);
  const first = days[0];
  const last = days[days.length - 1];
  const period =
    first === undefined || last === undefined
      ? `the last ${days.length} days`
      : `${dayLabel(first.day, "long")} to ${dayLabel(last.day, "long")}`;
  const parts = outcomeSeries().map(
    ({ outcome, label }) => `${totals[outcome].toLocaleString()} ${label.toLowerCase()}`,
  );
  return `Runs per day from ${period}: ${runCount(all)} in all, ${parts.join(", ")}.`;
}
