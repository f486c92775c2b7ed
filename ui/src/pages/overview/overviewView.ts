import type { Severity, SortDirection, SyncKind, TenantOverview } from "../../bindings/types";
import { SEVERITIES } from "../findings/codes";

/** The columns the overview table can be ordered by. */
export type OverviewSortKey = "name" | "connection" | `sync_${SyncKind}` | "failed" | "stale" | "findings";

/** The table's order: the backend's "worst first", or one column in one direction. */
export type OverviewSort = { key: "attention" } | { key: OverviewSortKey; direction: SortDirection };

/** What the address keeps of the overview (so Back restores the order and the search). */
export type OverviewView = { sort: OverviewSort; search: string };

export const WORST_FIRST: OverviewSort = { key: "attention" };

const SORT_KEYS: readonly OverviewSortKey[] = [
  "name",
  "connection",
  "sync_inventory",
  "sync_policies",
  "sync_groups",
  "sync_roles",
  "failed",
  "stale",
  "findings",
];

/**
 * The direction a column sorts in when first clicked: the one that puts what needs a look on
 * top (most failures, oldest sync, worst connection), except names, which read A to Z.
 */
export function firstDirection(key: OverviewSortKey): SortDirection {
  if (key === "name") return "asc";
  if (key.startsWith("sync_")) return "asc";
  return "desc";
}

export function readView(params: URLSearchParams): OverviewView {
  const key = SORT_KEYS.find((candidate) => candidate === params.get("sort"));
  const dir = params.get("dir");
  const sort: OverviewSort =
    key === undefined ? WORST_FIRST : { key, direction: dir === "asc" || dir === "desc" ? dir : firstDirection(key) };
  return { sort, search: params.get("q") ?? "" };
}

/** Writes the view into `params`, leaving out the defaults so the address stays short. */
export function writeView(params: URLSearchParams, view: OverviewView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ["sort", "dir", "q"]) next.delete(name);
  if (view.sort.key !== "attention") {
    next.set("sort", view.sort.key);
    next.set("dir", view.sort.direction);
  }
  if (view.search.trim() !== "") next.set("q", view.search);
  return next;
}

/** A header pressed: its first direction, or the other one when it already orders the table. */
export function toggleSort(current: OverviewSort, key: OverviewSortKey): OverviewSort {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: firstDirection(key) };
}

/**
 * How bad a connection is, worst highest: refused, its secret or certificate ended, never set
 * up, its credential ending within 30 days, not checked yet, working.
 */
export function connectionRank(row: TenantOverview): number {
  const { tenant } = row;
  if (tenant.connection_check.state === "failed") return 5;
  if (row.credential_warning?.state === "expired") return 4;
  if (!tenant.simulated && tenant.connection === null) return 3;
  if (row.credential_warning?.state === "expires_soon") return 2;
  if (tenant.connection_check.state === "unverified") return 1;
  return 0;
}

/** When a sync of `kind` last completed (ms), never before anything else. */
export function lastSyncTime(row: TenantOverview, kind: SyncKind): number {
  const sync = row.last_syncs.find((candidate) => candidate.kind === kind);
  return sync === undefined ? Number.NEGATIVE_INFINITY : Date.parse(sync.completed_at);
}

export function openFindings(row: TenantOverview, severity: Severity): number {
  return row.open_findings[severity] ?? 0;
}

export function totalOpenFindings(row: TenantOverview): number {
  return SEVERITIES.reduce((sum, severity) => sum + openFindings(row, severity), 0);
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Most severe first: a critical finding outweighs any number of high ones, and so on down. */
function compareFindings(a: TenantOverview, b: TenantOverview): number {
  for (const severity of SEVERITIES) {
    const order = compareNumbers(openFindings(a, severity), openFindings(b, severity));
    if (order !== 0) return order;
  }
  return 0;
}

const byName = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function compareBy(key: OverviewSortKey, a: TenantOverview, b: TenantOverview): number {
  switch (key) {
    case "name":
      return byName.compare(a.tenant.display_name, b.tenant.display_name);
    case "connection":
      return compareNumbers(connectionRank(a), connectionRank(b));
    case "failed":
      return compareNumbers(a.failed_runs_7d, b.failed_runs_7d);
    case "stale":
      return compareNumbers(a.likely_stale_runs, b.likely_stale_runs);
    case "findings":
      return compareFindings(a, b);
    default: {
      const kind = key.slice("sync_".length) as SyncKind;
      return compareNumbers(lastSyncTime(a, kind), lastSyncTime(b, kind));
    }
  }
}

/**
 * The rows in the order asked for. The backend's order is worst first; any other order keeps it
 * among equals, so the tenants that need a look stay on top of each group.
 */
export function sortRows(rows: readonly TenantOverview[], sort: OverviewSort): TenantOverview[] {
  if (sort.key === "attention") return [...rows];
  const sign = sort.direction === "asc" ? 1 : -1;
  const { key } = sort;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * compareBy(key, a.row, b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** Tenants whose name, primary domain or directory id contains `search` (any case). */
export function filterRows(rows: readonly TenantOverview[], search: string): TenantOverview[] {
  const term = search.trim().toLowerCase();
  if (term === "") return [...rows];
  return rows.filter(({ tenant }) =>
    [tenant.display_name, tenant.primary_domain ?? "", tenant.directory_tenant_id].some((value) =>
      value.toLowerCase().includes(term),
    ),
  );
}
