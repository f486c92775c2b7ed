import type { Freshness, RunOutcome, RunStatus, Tone } from "../bindings/types";
import { present } from "../vocabulary";

/**
 * A run's state as one phrase: what a row or a header shows in one badge instead of its
 * status, outcome and freshness side by side ("Completed + Succeeded + Ended normally" is one
 * state: "Succeeded").
 */
export type RunState = {
  /** Stable name of the state, for styling and tests: "running", "running_stale", "failed_reconciled". */
  code: string;
  /** The phrase on the badge, in the vocabulary's words: "Queued", "Running", "Partially succeeded". */
  label: string;
  tone: Tone;
  /** A vocabulary icon name (see `iconFor`). */
  icon: string;
  /** A quieter second phrase beside the badge, only when it changes how the state reads. */
  marker: string | null;
  /** The three facts in the vocabulary's words, for a tooltip and assistive technology. */
  detail: string;
};

/** The marker of a run the reconciler ended (freshness `reconciled_failed`). */
export const RECONCILED_MARKER = "ended by the engine";

/**
 * The one state of a run from its status, outcome and freshness (`runFreshness` or
 * `currentFreshness`):
 * - active (queued or running): the status; likely stale turns it into a warning with the
 *   freshness's icon and the marker "likely stale";
 * - completed: the outcome, with "ended by the engine" when the reconciler ended it.
 *
 * Combinations the engine never writes (an active run with a terminal freshness, a completed
 * one still pending) read as the status says, never as something worse or better.
 */
export function runState(status: RunStatus, outcome: RunOutcome, freshness: Freshness): RunState {
  const statusWords = present("run_status", status);
  const outcomeWords = present("run_outcome", outcome);
  const freshnessWords = present("freshness", freshness);
  const detail = `Status: ${statusWords.label} · Outcome: ${outcomeWords.label} · Freshness: ${freshnessWords.label}`;

  if (status !== "completed") {
    if (freshness === "likely_stale") {
      return {
        code: `${status}_stale`,
        label: statusWords.label,
        tone: freshnessWords.tone,
        icon: freshnessWords.icon,
        marker: freshnessWords.label.toLowerCase(),
        detail,
      };
    }
    return {
      code: status,
      label: statusWords.label,
      tone: statusWords.tone,
      icon: statusWords.icon,
      marker: null,
      detail,
    };
  }
  if (outcome === "pending") {
    return {
      code: status,
      label: statusWords.label,
      tone: statusWords.tone,
      icon: statusWords.icon,
      marker: null,
      detail,
    };
  }
  const reconciled = freshness === "reconciled_failed";
  return {
    code: reconciled ? `${outcome}_reconciled` : outcome,
    label: outcomeWords.label,
    tone: outcomeWords.tone,
    icon: outcomeWords.icon,
    marker: reconciled ? RECONCILED_MARKER : null,
    detail,
  };
}
