import type { OperationRun, RunOutcome, StartRunResponse, SyncAllResponse } from "../bindings/types";
import { present } from "../vocabulary";
import { runTypeLabel } from "./labels";

/** The title of an intent toast: what starting did, never more (SPEC §3.6). */
export function intentTitle(response: StartRunResponse): string {
  switch (response.intent) {
    case "queued":
      return "Queued";
    case "already_active":
      // The run that was already there; this start queued nothing.
      return "Already in progress";
    case "blocked":
      return "Not started";
  }
}

/** "Inventory sync of Contoso Pharma": the work a run does, for a toast about it. */
export function runWork(run: OperationRun, tenantName: string | null): string {
  const what = runTypeLabel(run);
  return tenantName === null ? what : `${what} of ${tenantName}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What one start-for-every-tenant is called, counted: "sync"/"syncs", "compare"/"compares". */
export type RunNoun = { one: string; many: string };

export const SYNC_NOUN: RunNoun = { one: "sync", many: "syncs" };

/** "2 syncs queued, 1 already in progress, 1 skipped", and why each skipped tenant was. */
export function startAllSummary(response: SyncAllResponse, noun: RunNoun): { sentence: string; reasons: string[] } {
  const queued = response.started.filter((s) => s.start.intent === "queued").length;
  const active = response.started.filter((s) => s.start.intent === "already_active").length;
  const blocked = response.started.filter((s) => s.start.intent === "blocked");
  const reasons = [...response.skipped.map((s) => s.reason), ...blocked.map((s) => s.start.message)];
  const sentence = `${plural(queued, noun.one, noun.many)} queued, ${active} already in progress, ${reasons.length} skipped`;
  return { sentence, reasons };
}

export function syncAllSummary(response: SyncAllResponse): { sentence: string; reasons: string[] } {
  return startAllSummary(response, SYNC_NOUN);
}

/** How a batch of runs ended: "2 succeeded, 1 failed", and the worst outcome among them. */
export function batchOutcome(runs: OperationRun[]): { sentence: string; worst: RunOutcome } {
  const byOutcome = new Map<string, number>();
  for (const run of runs) {
    const label = present("run_outcome", run.outcome).label.toLowerCase();
    byOutcome.set(label, (byOutcome.get(label) ?? 0) + 1);
  }
  const worst: RunOutcome = runs.some((run) => run.outcome === "failed")
    ? "failed"
    : runs.some((run) => run.outcome !== "succeeded")
      ? "partially_succeeded"
      : "succeeded";
  return { sentence: [...byOutcome].map(([label, count]) => `${count} ${label}`).join(", "), worst };
}
