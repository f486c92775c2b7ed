import { describe, expect, it } from "vitest";
import type { PackStatus } from "../bindings/types";
import { isPackInProgress, packPollInterval } from "./packQueries";
import { POLL_MS } from "./runPolling";

describe("packPollInterval", () => {
  const open = { hidden: false, modalOpen: false, failed: false };

  it("reads every 10 s while a pack shown is being made, and not at all once none is", () => {
    expect(packPollInterval({ ...open, inProgress: true })).toBe(POLL_MS.slow);
    expect(POLL_MS.slow).toBe(10_000);
    expect(packPollInterval({ ...open, inProgress: false })).toBe(false);
  });

  it("pauses while the window is hidden or a modal is open, and after a failed read", () => {
    expect(packPollInterval({ ...open, inProgress: true, hidden: true })).toBe(false);
    expect(packPollInterval({ ...open, inProgress: true, modalOpen: true })).toBe(false);
    expect(packPollInterval({ ...open, inProgress: true, failed: true })).toBe(false);
  });

  it("counts queued and generating packs as being made", () => {
    const statuses: PackStatus[] = ["queued", "generating", "ready", "failed", "expired"];
    expect(statuses.filter(isPackInProgress)).toEqual(["queued", "generating"]);
  });
});
