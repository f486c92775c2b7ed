import type { Severity, TenantId } from "../../bindings/types";
import { cleared as clearedFindings, writeView as writeFindingsView } from "../findings/findingsView";
import { dayOf, type OperationsView, writeView as writeRunsView } from "../operations/operationsView";

/** Days back the overview's failed-run figure counts (the backend's "last 7 days"). */
export const FAILED_RUNS_DAYS = 7;

function runsHref(view: OperationsView): string {
  const query = writeRunsView(new URLSearchParams(), view).toString();
  return query === "" ? "/operations" : `/operations?${query}`;
}

const noRunFilters: OperationsView = {
  tab: "all",
  types: [],
  statuses: [],
  outcomes: [],
  freshness: [],
  tenants: [],
  initiators: [],
  from: null,
  until: null,
  search: null,
  direction: "desc",
};

/** Operations, Likely stale tab, narrowed to one tenant (or every tenant). */
export function staleRunsHref(tenantId?: TenantId): string {
  return runsHref({ ...noRunFilters, tab: "likely_stale", tenants: tenantId === undefined ? [] : [tenantId] });
}

/**
 * Operations, Failed tab, runs created since the day a week before `now` (local), narrowed to one
 * tenant (or every tenant): the runs behind the "failed in the last 7 days" figure. The index
 * filters by creation day, so it may also list a run that failed just over a week ago.
 */
export function failedRunsHref(now: Date, tenantId?: TenantId): string {
  const from = new Date(now);
  from.setDate(from.getDate() - FAILED_RUNS_DAYS);
  return runsHref({
    ...noRunFilters,
    tab: "failed",
    tenants: tenantId === undefined ? [] : [tenantId],
    from: dayOf(from),
  });
}

/** Findings that are open (not acknowledged or resolved), of one tenant and one severity if given. */
export function openFindingsHref({ tenantId, severity }: { tenantId?: TenantId; severity?: Severity } = {}): string {
  const view = clearedFindings({
    statuses: ["open"],
    tenants: tenantId === undefined ? [] : [tenantId],
    severities: severity === undefined ? [] : [severity],
  });
  return `/findings?${writeFindingsView(new URLSearchParams(), view).toString()}`;
}

export function tenantHref(tenantId: TenantId): string {
  return `/tenants/${encodeURIComponent(tenantId)}`;
}
