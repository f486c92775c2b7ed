import { describe, expect, it } from "vitest";
import { reconciledRun, run } from "../test/fixtures";
import { currentFreshness, runFreshness } from "./freshness";

const now = Date.parse("2026-11-22T10:10:00.000Z");

describe("runFreshness", () => {
  it("is fresh while stale_at lies ahead, likely stale once it has passed", () => {
    expect(runFreshness(run({ status: "running", stale_at: "2026-11-22T10:15:00.000Z" }), now)).toBe("fresh_active");
    expect(runFreshness(run({ status: "queued", stale_at: "2026-11-22T10:05:00.000Z" }), now)).toBe("likely_stale");
  });

  it("tells a reconciled run from one that ended normally", () => {
    expect(runFreshness(reconciledRun(), now)).toBe("reconciled_failed");
    expect(runFreshness(run({ status: "completed", outcome: "failed", stale_at: null }), now)).toBe("terminal_normal");
  });

  it("keeps the backend's unknown for an active run without a policy, but not once it is stale", () => {
    const active = run({ status: "running", stale_at: "2026-11-22T10:15:00.000Z" });
    expect(currentFreshness("unknown", active, now)).toBe("unknown");
    expect(currentFreshness("fresh_active", active, now)).toBe("fresh_active");
    expect(currentFreshness("fresh_active", { ...active, stale_at: "2026-11-22T10:09:59.000Z" }, now)).toBe(
      "likely_stale",
    );
    expect(currentFreshness("fresh_active", reconciledRun(), now)).toBe("reconciled_failed");
  });
});
