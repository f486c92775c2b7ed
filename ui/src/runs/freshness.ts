import type { Freshness, OperationRun } from "../bindings/types";

/**
 * A run's freshness from its own record (SPEC §3.5), as the operations index derives it: an
 * active run is likely stale once its `stale_at` (the moment the engine's freshness rule flips:
 * queued too long, lease expired, no heartbeat) has passed; a completed one was either
 * reconciled or ended normally.
 */
export function runFreshness(run: OperationRun, now: number): Freshness {
  if (run.status === "completed") return run.reconciled_at === null ? "terminal_normal" : "reconciled_failed";
  if (run.stale_at !== null && Date.parse(run.stale_at) <= now) return "likely_stale";
  return "fresh_active";
}

export function isLikelyStale(run: OperationRun, now: number): boolean {
  return runFreshness(run, now) === "likely_stale";
}

/**
 * The freshness the run page shows: the backend's judgement, except that time moves on (an
 * active run whose `stale_at` has passed since is likely stale now) and that a live update may
 * have changed the run since it was read.
 */
export function currentFreshness(reported: Freshness, run: OperationRun, now: number): Freshness {
  const derived = runFreshness(run, now);
  if (run.status === "completed") return derived;
  if (derived === "likely_stale") return derived;
  // "unknown" (no lifecycle policy for this type) stays unknown while the run is active.
  return reported === "unknown" ? "unknown" : derived;
}
