import type { OperationRun, RunDetail, RunId, RunListPage } from "../bindings/types";

// The newest state of each run the shell's events reported. A read that was answered before
// an event but arrives after it must not put the older state back on screen: every run read
// is reconciled with this before it reaches the cache.
const latest = new Map<RunId, OperationRun>();
const MAX_KEPT = 500;

const STATUS_RANK = { queued: 0, running: 1, completed: 2 } as const;

/** Whether `a` is a later state of the same run than `b`. */
export function isLater(a: OperationRun, b: OperationRun): boolean {
  if (STATUS_RANK[a.status] !== STATUS_RANK[b.status]) return STATUS_RANK[a.status] > STATUS_RANK[b.status];
  if (a.status === "completed") return false;
  // A cancel once asked stays asked: a read from before it is older, whatever its heartbeat.
  const asked = (run: OperationRun) => typeof run.cancel_requested_at === "string";
  if (asked(a) !== asked(b)) return asked(a);
  const beat = (a.heartbeat_at ?? "").localeCompare(b.heartbeat_at ?? "");
  if (beat !== 0) return beat > 0;
  return (a.summary_counts.processed ?? 0) > (b.summary_counts.processed ?? 0);
}

/** Remembers a run's state from a live event. */
export function noteLiveRun(run: OperationRun): void {
  const kept = latest.get(run.id);
  if (kept !== undefined && !isLater(run, kept) && kept.status === "completed") return;
  latest.delete(run.id);
  latest.set(run.id, run);
  if (latest.size > MAX_KEPT) {
    const oldest = latest.keys().next().value;
    if (oldest !== undefined) latest.delete(oldest);
  }
}

/** The later of a run as read and as last reported live. */
export function reconcileRun(run: OperationRun): OperationRun {
  const live = latest.get(run.id);
  return live !== undefined && isLater(live, run) ? live : run;
}

export function reconcileDetail(detail: RunDetail): RunDetail {
  const run = reconcileRun(detail.run);
  return run === detail.run ? detail : { ...detail, run };
}

/**
 * A page of runs with each row at its latest known state; with `activeOnly`, runs known to
 * have completed since are left out (a completed run never becomes active again).
 */
export function reconcilePage(page: RunListPage, { activeOnly = false } = {}): RunListPage {
  let changed = false;
  const items = page.items.flatMap((row) => {
    const run = reconcileRun(row.run);
    if (run === row.run) return [row];
    changed = true;
    return activeOnly && run.status === "completed" ? [] : [{ ...row, run }];
  });
  if (!changed) return page;
  return { ...page, items, total: Math.max(items.length, page.total - (page.items.length - items.length)) };
}

/** For tests: forget every run. */
export function clearLiveRuns(): void {
  latest.clear();
}
