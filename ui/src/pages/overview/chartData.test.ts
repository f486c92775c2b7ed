import { describe, expect, it } from "vitest";
import { dayOutcomes } from "../../test/fixtures";
import { chartRows, chartSummary, dayLabel, outcomeSeries, outcomeTotals } from "./chartData";

describe("runs per day", () => {
  const days = dayOutcomes(3, "2026-11-22", (index) => ({
    succeeded: index + 1,
    partially_succeeded: index,
    failed: index === 2 ? 1 : 0,
    blocked: 1,
  }));

  it("stacks the four ended outcomes with their totals per day", () => {
    expect(chartRows(days).map(({ day, total }) => [day, total])).toEqual([
      ["2026-11-20", 2],
      ["2026-11-21", 4],
      ["2026-11-22", 7],
    ]);
    expect(outcomeTotals(days)).toEqual({ succeeded: 6, partially_succeeded: 3, failed: 1, blocked: 3 });
  });

  it("colours outcomes by their tone, telling apart the two that share one", () => {
    const series = outcomeSeries();
    expect(series.map((s) => [s.outcome, s.label])).toEqual([
      ["succeeded", "Succeeded"],
      ["partially_succeeded", "Partially succeeded"],
      ["failed", "Failed"],
      ["blocked", "Blocked"],
    ]);
    expect(series.find((s) => s.outcome === "succeeded")?.color).toMatch(/^green\./);
    expect(series.find((s) => s.outcome === "failed")?.color).toMatch(/^red\./);
    expect(new Set(series.map((s) => s.color)).size).toBe(4);
  });

  it("labels a day as the day it is, whatever the time zone", () => {
    // The backend's day is already the operator's: it must not move to the 21st west of UTC.
    expect(dayLabel("2026-11-22")).toMatch(/22/);
    expect(dayLabel("2026-11-22", "long")).toMatch(/2026/);
    expect(dayLabel("not a day")).toBe("not a day");
  });

  it("says the whole chart in one sentence", () => {
    const summary = chartSummary(days);
    expect(summary).toContain("13 runs in all");
    expect(summary).toContain("6 succeeded, 3 partially succeeded, 1 failed, 3 blocked");
    expect(summary).toContain(dayLabel("2026-11-20", "long"));
  });
});
