import type { FindingQuery } from "../../api";
import type { BaselineProfileId, FindingKind, FindingStatus, Severity, TenantId } from "../../bindings/types";
import { FINDING_KINDS, FINDING_STATUSES, SEVERITIES } from "./codes";

/** The findings list's filters, as kept in the address (so Back restores them). */
export type FindingsView = {
  severities: Severity[];
  kinds: FindingKind[];
  statuses: FindingStatus[];
  types: string[];
  tenants: TenantId[];
  profiles: BaselineProfileId[];
  search: string | null;
};

/** What needs attention: drift that is still there, accepted or not. */
export const DEFAULT_STATUSES: readonly FindingStatus[] = ["open", "acknowledged"];
/** The address's word for "every status" (no status parameter means the default ones). */
const ANY_STATUS = "any";

function oneOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((value): value is T => allowed.some((a) => a === value));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

export function readView(params: URLSearchParams): FindingsView {
  const statuses = params.getAll("status");
  return {
    severities: oneOf(SEVERITIES, params.getAll("severity")),
    kinds: oneOf(FINDING_KINDS, params.getAll("kind")),
    statuses:
      statuses.length === 0
        ? [...DEFAULT_STATUSES]
        : statuses.includes(ANY_STATUS)
          ? []
          : oneOf(FINDING_STATUSES, statuses),
    types: params.getAll("type"),
    tenants: params.getAll("tenant"),
    profiles: params.getAll("profile"),
    search: params.get("q"),
  };
}

/** The address parameters the filters are kept in: what a saved filter holds. */
export const VIEW_PARAMS: readonly string[] = ["severity", "kind", "status", "type", "tenant", "profile", "q"];

/** Writes the view into `params`, leaving out defaults so the address stays short. */
export function writeView(params: URLSearchParams, view: FindingsView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of VIEW_PARAMS) next.delete(name);
  for (const value of view.severities) next.append("severity", value);
  for (const value of view.kinds) next.append("kind", value);
  if (view.statuses.length === 0) next.set("status", ANY_STATUS);
  else if (!sameSet(view.statuses, DEFAULT_STATUSES)) for (const value of view.statuses) next.append("status", value);
  for (const value of view.types) next.append("type", value);
  for (const value of view.tenants) next.append("tenant", value);
  for (const value of view.profiles) next.append("profile", value);
  if (view.search !== null && view.search.trim() !== "") next.set("q", view.search);
  return next;
}

/** The request's filter for a view (without its window). */
export function toQuery(view: FindingsView): FindingQuery {
  const search = view.search?.trim() ?? "";
  return {
    tenants: view.tenants,
    statuses: view.statuses,
    severities: view.severities,
    kinds: view.kinds,
    policy_types: view.types,
    profiles: view.profiles,
    ...(search === "" ? {} : { search }),
  };
}

/** Whether anything beyond the default narrows the rows. `locked` filters (a tenant's own page) do not count. */
export function isFiltered(view: FindingsView, locked: { tenants?: boolean } = {}): boolean {
  return (
    view.severities.length > 0 ||
    view.kinds.length > 0 ||
    !sameSet(view.statuses, DEFAULT_STATUSES) ||
    view.types.length > 0 ||
    (!locked.tenants && view.tenants.length > 0) ||
    view.profiles.length > 0 ||
    (view.search ?? "").trim() !== ""
  );
}

/** The default filters, keeping `keep` (a tenant's own page keeps its tenant). */
export function cleared(keep: Partial<FindingsView> = {}): FindingsView {
  return {
    severities: [],
    kinds: [],
    statuses: [...DEFAULT_STATUSES],
    types: [],
    tenants: [],
    profiles: [],
    search: null,
    ...keep,
  };
}

/** A severity turned on or off in the filter (the chart's quick filter). */
export function toggleSeverity(view: FindingsView, severity: Severity): FindingsView {
  const severities = view.severities.includes(severity)
    ? view.severities.filter((s) => s !== severity)
    : [...view.severities, severity];
  return { ...view, severities };
}

/** "10,000+" once the backend stopped counting, else the count. */
export function formatTotal(total: number, cap: number): string {
  return total >= cap ? `${cap.toLocaleString()}+` : total.toLocaleString();
}
