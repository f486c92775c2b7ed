import { describe, expect, it } from "vitest";
import type { Freshness, RunOutcome, RunStatus } from "../bindings/types";
import { vocabulary } from "../bindings/vocabulary";
import { iconFor, present } from "../vocabulary";
import { fallbackIcon } from "../vocabulary/icons";
import { RECONCILED_MARKER, runState } from "./runState";

// Every code the generated vocabulary knows, so a new status, outcome or freshness is covered here.
const STATUSES = Object.keys(vocabulary.run_status) as RunStatus[];
const OUTCOMES = Object.keys(vocabulary.run_outcome) as RunOutcome[];
const FRESHNESS = Object.keys(vocabulary.freshness) as Freshness[];
const COMBINATIONS = STATUSES.flatMap((status) =>
  OUTCOMES.flatMap((outcome) => FRESHNESS.map((freshness) => ({ status, outcome, freshness }))),
);

describe("runState", () => {
  it("covers every status, outcome and freshness of the vocabulary", () => {
    expect(STATUSES).toEqual(["queued", "running", "completed"]);
    expect(OUTCOMES).toEqual(["pending", "succeeded", "partially_succeeded", "blocked", "failed"]);
    expect(FRESHNESS).toEqual(["fresh_active", "likely_stale", "reconciled_failed", "terminal_normal", "unknown"]);
    expect(COMBINATIONS).toHaveLength(75);
  });

  it("reads an active run as its status, and as a warning once it is likely stale", () => {
    for (const { status, outcome, freshness } of COMBINATIONS.filter((c) => c.status !== "completed")) {
      const state = runState(status, outcome, freshness);
      const words = present("run_status", status);
      expect(state.label, `${status}/${outcome}/${freshness}`).toBe(words.label);
      if (freshness === "likely_stale") {
        expect(state).toMatchObject({
          code: `${status}_stale`,
          tone: "warning",
          icon: present("freshness", "likely_stale").icon,
          marker: "likely stale",
        });
      } else {
        // Fresh, unknown (no lifecycle policy) and freshness an active run cannot have: the status alone.
        expect(state).toMatchObject({ code: status, tone: words.tone, icon: words.icon, marker: null });
      }
    }
  });

  it("reads a completed run as its outcome, marked when the engine ended it", () => {
    for (const { outcome, freshness } of COMBINATIONS.filter((c) => c.status === "completed")) {
      const state = runState("completed", outcome, freshness);
      if (outcome === "pending") {
        // The engine never completes a run without an outcome; if it did, it would say Completed.
        expect(state).toMatchObject({ code: "completed", label: "Completed", tone: "neutral", marker: null });
        continue;
      }
      const words = present("run_outcome", outcome);
      const reconciled = freshness === "reconciled_failed";
      expect(state, `completed/${outcome}/${freshness}`).toMatchObject({
        code: reconciled ? `${outcome}_reconciled` : outcome,
        label: words.label,
        tone: words.tone,
        icon: words.icon,
        marker: reconciled ? RECONCILED_MARKER : null,
      });
    }
  });

  it("says the phrases an operator sees for the states the engine writes", () => {
    const shown = (status: RunStatus, outcome: RunOutcome, freshness: Freshness) => {
      const { label, tone, marker } = runState(status, outcome, freshness);
      return [label, tone, marker];
    };
    expect(shown("queued", "pending", "fresh_active")).toEqual(["Queued", "info", null]);
    expect(shown("running", "pending", "fresh_active")).toEqual(["Running", "info", null]);
    expect(shown("running", "pending", "unknown")).toEqual(["Running", "info", null]);
    expect(shown("queued", "pending", "likely_stale")).toEqual(["Queued", "warning", "likely stale"]);
    expect(shown("running", "pending", "likely_stale")).toEqual(["Running", "warning", "likely stale"]);
    expect(shown("completed", "succeeded", "terminal_normal")).toEqual(["Succeeded", "success", null]);
    expect(shown("completed", "partially_succeeded", "terminal_normal")).toEqual([
      "Partially succeeded",
      "warning",
      null,
    ]);
    expect(shown("completed", "blocked", "terminal_normal")).toEqual(["Blocked", "warning", null]);
    expect(shown("completed", "failed", "terminal_normal")).toEqual(["Failed", "danger", null]);
    expect(shown("completed", "failed", "reconciled_failed")).toEqual(["Failed", "danger", "ended by the engine"]);
  });

  it("keeps the three facts in the vocabulary's words as detail, with an icon the app draws", () => {
    for (const { status, outcome, freshness } of COMBINATIONS) {
      const state = runState(status, outcome, freshness);
      expect(state.detail).toBe(
        `Status: ${present("run_status", status).label} · Outcome: ${present("run_outcome", outcome).label} · Freshness: ${present("freshness", freshness).label}`,
      );
      expect(iconFor(state.icon)).not.toBe(fallbackIcon);
    }
  });
});
