import { describe, expect, it } from "vitest";
import { run } from "../test/fixtures";
import {
  addSample,
  aggregateProgress,
  estimate,
  formatElapsed,
  formatRate,
  formatRemaining,
  type ProgressSample,
  RATE_WINDOW_MS,
  runProgress,
  STALL_MS,
} from "./progress";

const now = Date.parse("2026-11-22T10:00:30.000Z");
const running = (processed: number, total: number, stale_at = "2026-11-22T10:20:00.000Z") =>
  run({ status: "running", summary_counts: { processed, total }, stale_at });

describe("runProgress", () => {
  it("needs both counters and a positive total", () => {
    expect(runProgress(running(5, 20))).toEqual({ processed: 5, total: 20, percent: 25 });
    expect(runProgress(run({ summary_counts: { processed: 5 } }))).toBeNull();
    expect(runProgress(run({ summary_counts: { processed: 0, total: 0 } }))).toBeNull();
    expect(runProgress(running(25, 20))?.percent).toBe(100);
  });
});

describe("rate and time left", () => {
  const samples = (...points: [number, number][]): ProgressSample[] =>
    points.reduce<ProgressSample[]>((list, [at, processed]) => addSample(list, { at, processed }), []);

  it("computes items per second over successive updates and the time left at that rate", () => {
    const list = samples([0, 10], [5_000, 20], [10_000, 30]);
    const result = estimate(list, { processed: 30, total: 100, percent: 30 }, 10_000);
    expect(result?.perSecond).toBe(2);
    expect(result?.remainingMs).toBe(35_000);
  });

  it("has no estimate from one update, from a short span or without progress", () => {
    expect(estimate(samples([0, 10]), null, 0)).toBeNull();
    expect(estimate(samples([0, 10], [400, 12]), null, 400)).toBeNull();
  });

  it("stops estimating when progress stalls", () => {
    const list = samples([0, 10], [5_000, 20]);
    expect(estimate(list, null, 5_000 + STALL_MS)).not.toBeNull();
    expect(estimate(list, null, 5_001 + STALL_MS)).toBeNull();
  });

  it("keeps only changes within the window (and one anchor before it); a counter going back starts over", () => {
    expect(samples([0, 10], [1_000, 10])).toHaveLength(1);
    const list = samples([0, 10], [10_000, 20], [20_000, 30], [10_000 + RATE_WINDOW_MS + 1, 40]);
    expect(list.map((s) => s.processed)).toEqual([20, 30, 40]);
    expect(samples([0, 10], [1_000, 20], [2_000, 3])).toEqual([{ at: 2_000, processed: 3 }]);
  });

  it("words rates, time left and elapsed time", () => {
    expect(formatRate(2)).toBe("2/s");
    expect(formatRate(12.4)).toBe("12/s");
    expect(formatRate(0.4)).toBe("24/min");
    expect(formatRemaining(35_000)).toBe("about 35 s left");
    expect(formatRemaining(2_000)).toBe("almost done");
    expect(formatRemaining(190_000)).toBe("about 3 min left");
    expect(formatRemaining(3_900_000)).toBe("about 1 h 5 min left");
    expect(formatElapsed(45_000)).toBe("45 s");
    expect(formatElapsed(192_000)).toBe("3 min 12 s");
    expect(formatElapsed(3_900_000)).toBe("1 h 5 min");
  });
});

describe("aggregateProgress (the window's taskbar bar)", () => {
  it("is the share of all reported work done", () => {
    expect(aggregateProgress([running(10, 20), running(20, 80)], now)).toEqual({ status: "normal", percent: 30 });
  });

  it("is busy without a percentage when no run reports totals, and nothing when nothing is active", () => {
    expect(aggregateProgress([run({ status: "queued" })], now)).toEqual({ status: "indeterminate" });
    expect(aggregateProgress([], now)).toEqual({ status: "none" });
    expect(aggregateProgress([run({ status: "completed", outcome: "succeeded" })], now)).toEqual({ status: "none" });
  });

  it("is marked paused while a run is likely stale", () => {
    expect(aggregateProgress([running(10, 20), running(5, 20, "2026-11-22T10:00:00.000Z")], now)).toEqual({
      status: "paused",
      percent: 37,
    });
  });
});
