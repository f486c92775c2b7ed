import type { RunQuery } from "../../api";
import type {
  Freshness,
  OperationType,
  RunOutcome,
  RunStatus,
  RunTab,
  SortDirection,
  TenantId,
  UserId,
} from "../../bindings/types";

/** Rows fetched per request; the table asks only for the pages in view. */
export const RUN_PAGE_SIZE = 100;

/** The operations index's tab, filters and order, as kept in the address (so Back restores them). */
export type OperationsView = {
  tab: RunTab;
  types: OperationType[];
  statuses: RunStatus[];
  outcomes: RunOutcome[];
  freshness: Freshness[];
  tenants: TenantId[];
  initiators: UserId[];
  /** First day, `YYYY-MM-DD`, local time. */
  from: string | null;
  /** Last day (included), `YYYY-MM-DD`, local time. */
  until: string | null;
  search: string | null;
  direction: SortDirection;
};

export const TABS: readonly RunTab[] = ["active", "likely_stale", "failed", "all"];
export const DEFAULT_TAB: RunTab = "all";

/**
 * The operation types the product starts today, in the order the picker offers them. Kept by
 * hand on purpose: the bindings' `OperationType` (and its vocabulary) also declare work no
 * command starts — `policy.sync_one` has a handler but nothing starts it (no command, not the
 * CLI), so filtering by it would always find nothing. A type gets added here when a command
 * starts it: the syncs, baselines, backups (`back_up_now`, `back_up_all` and backup schedules),
 * restores (`preview_restore`, their read-only previews so far), evidence snapshots, review
 * composition and review packs.
 */
export const OPERATION_TYPES: readonly OperationType[] = [
  "inventory_sync",
  "policy.sync",
  "entra_group_sync",
  "directory_role_definitions.sync",
  "baseline_capture",
  "baseline_compare",
  "backup_schedule_run",
  "restore.execute",
  "tenant.evidence.snapshot.generate",
  "tenant.review.compose",
  "tenant.review_pack.generate",
];
export const RUN_STATUSES: readonly RunStatus[] = ["queued", "running", "completed"];
export const RUN_OUTCOMES: readonly RunOutcome[] = ["pending", "succeeded", "partially_succeeded", "blocked", "failed"];
/** "Unknown" is never stored, so the index cannot filter by it. */
export const FRESHNESS_FILTERS: readonly Freshness[] = [
  "fresh_active",
  "likely_stale",
  "reconciled_failed",
  "terminal_normal",
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((value): value is T => allowed.some((a) => a === value));
}

function day(value: string | null): string | null {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00`)) ? value : null;
}

export function readView(params: URLSearchParams): OperationsView {
  const tab = params.get("tab");
  return {
    tab: TABS.find((t) => t === tab) ?? DEFAULT_TAB,
    types: oneOf(OPERATION_TYPES, params.getAll("type")),
    statuses: oneOf(RUN_STATUSES, params.getAll("status")),
    outcomes: oneOf(RUN_OUTCOMES, params.getAll("outcome")),
    freshness: oneOf(FRESHNESS_FILTERS, params.getAll("fresh")),
    tenants: params.getAll("tenant"),
    initiators: params.getAll("by"),
    from: day(params.get("from")),
    until: day(params.get("until")),
    search: params.get("q"),
    direction: params.get("dir") === "asc" ? "asc" : "desc",
  };
}

/** The address parameters the view is kept in: what a saved filter holds. */
export const VIEW_PARAMS: readonly string[] = [
  "tab",
  "type",
  "status",
  "outcome",
  "fresh",
  "tenant",
  "by",
  "from",
  "until",
  "q",
  "dir",
];

/** Writes the view into `params`, leaving out defaults so the address stays short. */
export function writeView(params: URLSearchParams, view: OperationsView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of VIEW_PARAMS) next.delete(name);
  if (view.tab !== DEFAULT_TAB) next.set("tab", view.tab);
  for (const value of view.types) next.append("type", value);
  for (const value of view.statuses) next.append("status", value);
  for (const value of view.outcomes) next.append("outcome", value);
  for (const value of view.freshness) next.append("fresh", value);
  for (const value of view.tenants) next.append("tenant", value);
  for (const value of view.initiators) next.append("by", value);
  if (view.from !== null) next.set("from", view.from);
  if (view.until !== null) next.set("until", view.until);
  if (view.search !== null && view.search.trim() !== "") next.set("q", view.search);
  if (view.direction === "asc") next.set("dir", "asc");
  return next;
}

/** Local midnight of a `YYYY-MM-DD` day, as the backend's UTC timestamp. */
export function startOfDay(value: string): string {
  return new Date(`${value}T00:00:00`).toISOString();
}

/** Local midnight after a `YYYY-MM-DD` day: the exclusive end of a range that includes it. */
export function endOfDay(value: string): string {
  const date = new Date(`${value}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** `YYYY-MM-DD` of a local date. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The request's filter for a view (without its window). */
export function toQuery(view: OperationsView): RunQuery {
  const search = view.search?.trim() ?? "";
  return {
    tab: view.tab,
    types: view.types,
    statuses: view.statuses,
    outcomes: view.outcomes,
    freshness: view.freshness,
    tenants: view.tenants,
    initiators: view.initiators,
    ...(view.from === null ? {} : { created_from: startOfDay(view.from) }),
    ...(view.until === null ? {} : { created_until: endOfDay(view.until) }),
    ...(search === "" ? {} : { search }),
    direction: view.direction,
  };
}

/** Whether anything beyond the tab narrows the rows (the order does not). */
export function isFiltered(view: OperationsView): boolean {
  return (
    view.types.length > 0 ||
    view.statuses.length > 0 ||
    view.outcomes.length > 0 ||
    view.freshness.length > 0 ||
    view.tenants.length > 0 ||
    view.initiators.length > 0 ||
    view.from !== null ||
    view.until !== null ||
    (view.search ?? "").trim() !== ""
  );
}

/** The same tab and order with no filters. */
export function cleared(view: OperationsView): OperationsView {
  return {
    tab: view.tab,
    types: [],
    statuses: [],
    outcomes: [],
    freshness: [],
    tenants: [],
    initiators: [],
    from: null,
    until: null,
    search: null,
    direction: view.direction,
  };
}

/** "10,000+" when the backend stopped counting, else the count. */
export function formatTotal(total: number, capped: boolean): string {
  return capped ? `${total.toLocaleString()}+` : total.toLocaleString();
}
