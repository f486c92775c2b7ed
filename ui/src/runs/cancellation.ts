import type { OperationRun, ReasonCode } from "../bindings/types";

/** The reason code of a run an operator cancelled (it ends `failed` with it). */
export const CANCELLED_REASON = "run.cancelled" satisfies ReasonCode;

/** What a run being stopped reads as, until it reaches its next checkpoint. */
export const CANCELLING_LABEL = "Cancelling…";

function ownReason(run: OperationRun): string | null {
  const { context } = run;
  if (context === null || typeof context !== "object" || Array.isArray(context)) return null;
  const code = context.reason_code;
  return typeof code === "string" ? code : null;
}

/**
 * Whether an operator cancelled this run: it ended failed with `run.cancelled` as its own
 * reason, and the engine did not end it for another (the headline rule's first two steps).
 */
export function isCancelled(run: OperationRun): boolean {
  const reconciled = run.reconciliation_reason !== null && run.reconciliation_reason !== "";
  return run.status === "completed" && run.outcome === "failed" && !reconciled && ownReason(run) === CANCELLED_REASON;
}

/** Whether a cancel was asked of this run and it still runs: it stops at its next checkpoint. */
export function isCancelling(run: OperationRun): boolean {
  return run.status !== "completed" && typeof run.cancel_requested_at === "string";
}
