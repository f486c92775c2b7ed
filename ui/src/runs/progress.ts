import type { OperationRun, RunId } from "../bindings/types";
import type { WindowProgress } from "../platform";
import { isLikelyStale } from "./freshness";

/** `processed` of `total` from a run's counters, when it reports both. */
export type RunProgress = { processed: number; total: number; percent: number };

export function runProgress(run: OperationRun): RunProgress | null {
  const { processed, total } = run.summary_counts;
  if (processed === undefined || total === undefined || total <= 0) return null;
  const clamped = Math.max(0, Math.min(processed, total));
  return { processed: clamped, total, percent: (clamped / total) * 100 };
}

/** One observation of a run's `processed` counter. */
export type ProgressSample = { at: number; processed: number };

/** How far back the rate looks: long enough to smooth bursts, short enough to follow changes. */
export const RATE_WINDOW_MS = 30_000;
/** No new progress for this long: the rate is no longer a basis for an estimate. */
export const STALL_MS = 20_000;
/** The shortest span a rate is computed over. */
const MIN_SPAN_MS = 1_000;

/** The samples after observing `processed` at `at`: only changes are kept, within the window. */
export function addSample(samples: readonly ProgressSample[], observed: ProgressSample): ProgressSample[] {
  const last = samples[samples.length - 1];
  // Observations can arrive out of order (an event stamped on arrival, a render stamped on its
  // clock tick): time never runs backwards within one run's samples.
  const sample = last !== undefined && observed.at < last.at ? { ...observed, at: last.at } : observed;
  // A counter that went back (a retried run) starts over.
  if (last !== undefined && sample.processed < last.processed) return [sample];
  if (last !== undefined && sample.processed === last.processed) return [...samples];
  const recent = samples.filter((s) => sample.at - s.at <= RATE_WINDOW_MS);
  // Keep one sample from before the window as the rate's starting point.
  const older = samples.filter((s) => sample.at - s.at > RATE_WINDOW_MS);
  const anchor = older[older.length - 1];
  return [...(anchor === undefined ? [] : [anchor]), ...recent, sample];
}

export type ProgressEstimate = { perSecond: number; remainingMs: number | null };

/** Items per second over the recent samples, and the time left at that rate. */
export function estimate(
  samples: readonly ProgressSample[],
  progress: RunProgress | null,
  now: number,
): ProgressEstimate | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || first === last) return null;
  if (now - last.at > STALL_MS) return null;
  const span = last.at - first.at;
  const done = last.processed - first.processed;
  if (span < MIN_SPAN_MS || done <= 0) return null;
  const perSecond = done / (span / 1000);
  const remaining = progress === null ? null : Math.max(0, progress.total - progress.processed);
  return { perSecond, remainingMs: remaining === null ? null : (remaining / perSecond) * 1000 };
}

// Samples per run, fed by run events as they arrive and by whatever renders a run's progress,
// kept outside components so collapsing the widget or changing pages loses nothing.
const history = new Map<RunId, ProgressSample[]>();
const MAX_TRACKED = 200;

/** Notes a run's current counter; completed runs are forgotten. */
export function recordProgress(run: OperationRun, at: number): void {
  if (run.status === "completed") {
    history.delete(run.id);
    return;
  }
  const processed = run.summary_counts.processed;
  if (processed === undefined) return;
  const samples = history.get(run.id) ?? [];
  history.delete(run.id);
  history.set(run.id, addSample(samples, { at, processed }));
  if (history.size > MAX_TRACKED) {
    const oldest = history.keys().next().value;
    if (oldest !== undefined) history.delete(oldest);
  }
}

export function progressEstimate(run: OperationRun, now: number): ProgressEstimate | null {
  return estimate(history.get(run.id) ?? [], runProgress(run), now);
}

/** For tests: forget every run. */
export function clearProgressHistory(): void {
  history.clear();
}

/** "12/s", "0.4/s", "18/min". */
export function formatRate(perSecond: number): string {
  if (perSecond >= 10) return `${Math.round(perSecond).toLocaleString()}/s`;
  if (perSecond >= 1) return `${(Math.round(perSecond * 10) / 10).toLocaleString()}/s`;
  return `${Math.max(1, Math.round(perSecond * 60)).toLocaleString()}/min`;
}

/** "about 40 s left", "about 3 min left", "about 1 h 5 min left". */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 5) return "almost done";
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** "45 s", "3 min 12 s", "1 h 5 min": how long a run has been going. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The window's taskbar progress for these active runs: the share of all reported work that is
 * done; "busy" when none reports totals; marked paused when one is likely stale; nothing when
 * nothing is active.
 */
export function aggregateProgress(runs: readonly OperationRun[], now: number): WindowProgress {
  const active = runs.filter((run) => run.status !== "completed");
  if (active.length === 0) return { status: "none" };
  const stale = active.some((run) => isLikelyStale(run, now));
  let processed = 0;
  let total = 0;
  for (const run of active) {
    const progress = runProgress(run);
    if (progress === null) continue;
    processed += progress.processed;
    total += progress.total;
  }
  if (total === 0) return stale ? { status: "paused", percent: 0 } : { status: "indeterminate" };
  const percent = Math.floor((processed / total) * 100);
  return { status: stale ? "paused" : "normal", percent };
}
