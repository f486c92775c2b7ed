import type { Capability, OperationRun, OperationType, RunOutcome } from "../bindings/types";
import { isCancelling } from "./cancellation";
import { SYNC_KINDS, syncOperationType } from "./labels";

/**
 * The capability starting a kind of work needs — and so cancelling or retrying a run of it
 * (the backend's `start_capability` in atlas-api's run_actions.rs asks the same).
 */
export function startCapability(type: OperationType): Capability {
  switch (type) {
    case "baseline_capture":
      return "workspace.baselines.manage";
    case "restore.execute":
      return "tenant.restore.execute";
    case "tenant.review_pack.generate":
    case "tenant.review.compose":
    case "tenant.evidence.snapshot.generate":
      return "review_pack.manage";
    default:
      return "tenant.sync";
  }
}

/** The work a retry can start again: what has a start of its own (the syncs and baseline runs). */
const RETRYABLE_TYPES: ReadonlySet<OperationType> = new Set<OperationType>([
  ...SYNC_KINDS.map(syncOperationType),
  "baseline_capture",
  "baseline_compare",
]);

/** Endings worth a retry: every completed run that did not succeed. */
const RETRYABLE_OUTCOMES: ReadonlySet<RunOutcome> = new Set<RunOutcome>(["blocked", "failed", "partially_succeeded"]);

/** Whether the run may be cancelled: queued or running, and not already being stopped. */
export function isCancellable(run: OperationRun): boolean {
  return (run.status === "queued" || run.status === "running") && !isCancelling(run);
}

/** Whether the run may be started again: a tenant's sync or baseline run that completed without succeeding. */
export function isRetryable(run: OperationRun): boolean {
  return (
    run.status === "completed" &&
    RETRYABLE_OUTCOMES.has(run.outcome) &&
    run.tenant_id !== null &&
    RETRYABLE_TYPES.has(run.type)
  );
}

/** What cancelling it will do, for the confirmation: a queued run never starts; a running one stops at a checkpoint. */
export function cancelConsequence(run: OperationRun): string {
  return run.status === "queued"
    ? "It has not started yet: it is cancelled at once and never starts."
    : "It stops at its next checkpoint. What it has already stored is kept; the rest is not read.";
}
