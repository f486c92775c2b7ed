import type { Freshness, OperationRun, RunOutcome, RunStatus, Tone } from "../bindings/types";
import { present } from "../vocabulary";
import { CANCELLED_REASON, CANCELLING_LABEL, isCancelled, isCancelling } from "./cancellation";

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

/** What an operator did to a run besides its status, outcome and freshness (see `cancellation.ts`). */
export type Cancellation = {
  /** It ended because an operator cancelled it (outcome failed, reason `run.cancelled`). */
  cancelled?: boolean;
  /** A cancel was asked and it still runs, until its next checkpoint. */
  cancelling?: boolean;
};

/**
 * The one state of a run from its status, outcome and freshness (`runFreshness` or
 * `currentFreshness`), and whether an operator cancelled it:
 * - active (queued or running): the status, or "Cancelling…" once a cancel was asked; likely
 *   stale turns it into a warning with the freshness's icon and the marker "likely stale";
 * - completed: the outcome, with "ended by the engine" when the reconciler ended it; a
 *   cancelled run reads as its reason ("Cancelled"), not as a failure.
 *
 * Combinations the engine never writes (an active run with a terminal freshness, a completed
 * one still pending) read as the status says, never as something worse or better.
 */
export function runState(
  status: RunStatus,
  outcome: RunOutcome,
  freshness: Freshness,
  { cancelled = false, cancelling = false }: Cancellation = {},
): RunState {
  const statusWords = present("run_status", status);
  const outcomeWords = present("run_outcome", outcome);
  const freshnessWords = present("freshness", freshness);
  const detail = `Status: ${statusWords.label} · Outcome: ${outcomeWords.label} · Freshness: ${freshnessWords.label}`;
  const cancelWords = present("reason_code", CANCELLED_REASON);

  if (status !== "completed") {
    const label = cancelling ? CANCELLING_LABEL : statusWords.label;
    const code = cancelling ? `${status}_cancelling` : status;
    const activeDetail = cancelling ? `${detail} · ${CANCELLING_LABEL}` : detail;
    if (freshness === "likely_stale") {
      return {
        code: `${code}_stale`,
        label,
        tone: freshnessWords.tone,
        icon: freshnessWords.icon,
        marker: freshnessWords.label.toLowerCase(),
        detail: activeDetail,
      };
    }
    return {
      code,
      label,
      tone: cancelling ? cancelWords.tone : statusWords.tone,
      icon: statusWords.icon,
      marker: null,
      detail: activeDetail,
    };
  }
  if (outcome === "failed" && cancelled && freshness !== "reconciled_failed") {
    return {
      code: "cancelled",
      label: cancelWords.label,
      tone: cancelWords.tone,
      icon: cancelWords.icon,
      marker: null,
      detail: `${detail} · Reason: ${cancelWords.label}`,
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

/** A run's one state, as `runState` reads it from the run itself. */
export function runStateOf(run: OperationRun, freshness: Freshness): RunState {
  return runState(run.status, run.outcome, freshness, {
    cancelled: isCancelled(run),
    cancelling: isCancelling(run),
  });
}
