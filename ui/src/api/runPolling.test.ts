import { describe, expect, it } from "vitest";
import { IDLE, POLL_MS, type PollInput, pollInterval, trackActivity } from "./runPolling";

const base: PollInput = { now: 100_000, activeSince: 100_000, hidden: false, modalOpen: false };
const at = (seconds: number): PollInput => ({ ...base, now: base.now + seconds * 1000 });

describe("pollInterval (SPEC §3.6)", () => {
  it("polls every second for the first 10 s of activity", () => {
    expect(pollInterval(at(0))).toBe(1_000);
    expect(pollInterval(at(9.999))).toBe(1_000);
  });

  it("every 5 s from 10 s until a minute", () => {
    expect(pollInterval(at(10))).toBe(5_000);
    expect(pollInterval(at(59.999))).toBe(5_000);
  });

  it("every 10 s after a minute", () => {
    expect(pollInterval(at(60))).toBe(10_000);
    expect(pollInterval(at(3_600))).toBe(10_000);
  });

  it("every 30 s while nothing is active", () => {
    expect(pollInterval({ ...base, activeSince: null })).toBe(30_000);
    expect(POLL_MS.idle).toBe(30_000);
  });

  it("pauses while the window is hidden", () => {
    expect(pollInterval({ ...at(5), hidden: true })).toBe(false);
    expect(pollInterval({ ...base, activeSince: null, hidden: true })).toBe(false);
  });

  it("pauses while a modal is open", () => {
    expect(pollInterval({ ...at(5), modalOpen: true })).toBe(false);
    expect(pollInterval({ ...base, activeSince: null, modalOpen: true })).toBe(false);
  });

  it("stops once the watched run is terminal, even in the fast phase", () => {
    expect(pollInterval({ ...at(1), terminal: true })).toBe(false);
  });

  it("stops after a failed read, which is shown with Retry instead", () => {
    expect(pollInterval({ ...at(1), failed: true })).toBe(false);
  });

  it("treats a clock that went back as the start of activity", () => {
    expect(pollInterval({ ...base, now: base.now - 5_000 })).toBe(1_000);
  });
});

describe("trackActivity", () => {
  it("starts when runs become active and ends when none are", () => {
    const started = trackActivity(IDLE, ["a"], 1_000);
    expect(started).toEqual({ since: 1_000, ids: ["a"] });
    expect(trackActivity(started, ["a"], 5_000)).toBe(started);
    expect(trackActivity(started, [], 6_000)).toBe(IDLE);
  });

  it("starts a new stretch (fast polling again) when a new run appears, not when one ends", () => {
    const two = trackActivity(IDLE, ["a", "b"], 1_000);
    const ended = trackActivity(two, ["a"], 20_000);
    expect(ended.since).toBe(1_000);
    const added = trackActivity(ended, ["a", "c"], 30_000);
    expect(added).toEqual({ since: 30_000, ids: ["a", "c"] });
  });
});
