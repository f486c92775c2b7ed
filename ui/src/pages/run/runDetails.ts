import type { OperationRun, RunResult, TypeCompleteness } from "../../bindings/types";
import { vocabulary } from "../../bindings/vocabulary";

/** One object type's completeness, with its catalog key. */
export type TypeRow = TypeCompleteness & { type: string };

/** Per object type, how completely a sync read it (from the run's typed result); none for other work. */
export function typeCompleteness(result: RunResult | null): TypeRow[] {
  if (
    result === null ||
    result.kind === "policy_sync_one" ||
    result.kind === "review_pack" ||
    result.kind === "evidence_snapshot" ||
    result.kind === "review_compose" ||
    result.kind === "restore"
  )
    return [];
  return Object.entries(result.types).flatMap(([type, entry]) => (entry === undefined ? [] : [{ ...entry, type }]));
}

/** The counters in the order the engine declares them; their words come from the vocabulary. */
const COUNT_ORDER: string[] = Object.keys(vocabulary.summary_key);

function countLabel(key: string): string {
  const entries: Record<string, { label: string } | undefined> = vocabulary.summary_key;
  return entries[key]?.label ?? key.replace(/_/g, " ");
}

/** One counter as the run page's Counters block lists it. */
export type CounterRow = { key: string; label: string; value: number };

/** The run's counters in the order the engine declares them, in the vocabulary's words (secondary detail). */
export function counterRows(counts: OperationRun["summary_counts"]): CounterRow[] {
  const rank = (key: string) => {
    const at = COUNT_ORDER.indexOf(key);
    return at === -1 ? COUNT_ORDER.length : at;
  };
  return Object.entries(counts)
    .flatMap(([key, value]) => (value === undefined ? [] : [{ key, label: countLabel(key), value }]))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/** "1 min 12 s", "850 ms": how long between two moments. */
export function duration(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "4 min", "90 s", "1 h 30 min": a policy's length in seconds. */
export function formatSeconds(total: number): string {
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 60) return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** Where the records a run of this type changed are shown, besides its tenant's page. */
export function relatedTab(type: string): { tab: string | null; label: string } | null {
  switch (type) {
    case "inventory_sync":
    case "policy.sync":
    case "policy.sync_one":
      return { tab: null, label: "Inventory" };
    case "entra_group_sync":
      return { tab: "groups", label: "Groups" };
    case "directory_role_definitions.sync":
      return { tab: "roles", label: "Directory roles" };
    case "baseline_compare":
      return { tab: "drift", label: "Drift" };
    case "tenant.review_pack.generate":
      return { tab: "details", label: "Review pack" };
    case "backup_schedule_run":
    case "restore.execute":
      return { tab: "backups", label: "Backups" };
    default:
      return null;
  }
}
