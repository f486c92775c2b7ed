import type { OperationRun } from "../bindings/types";

/**
 * How often to ask for a run again (SPEC §3.6): every second for the first 10 s of watching,
 * every 5 s until a minute, every 10 s after that; never once the run is completed.
 */
export function runPollInterval(
  state: { data: OperationRun | undefined; status: "pending" | "error" | "success" },
  watchedSince: number,
  now: number,
): number | false {
  // A completed run never changes again; a failed read is shown with Retry instead of repeated.
  if (state.data?.status === "completed" || state.status === "error") return false;
  const watched = now - watchedSince;
  if (watched < 10_000) return 1_000;
  if (watched < 60_000) return 5_000;
  return 10_000;
}
