import type { AuditQuery } from "../../api";
import type { AuditEntry, AuditRow, TenantId, UserId } from "../../bindings/types";
import { endOfDay, startOfDay } from "../operations/operationsView";

/** The action areas the log can be narrowed to: the part of an action id before its dot. */
export const AREAS = [
  { value: "tenant", label: "Tenants" },
  { value: "workspace", label: "Workspace" },
  { value: "operation_run", label: "Operation runs" },
] as const;

export type AuditArea = (typeof AREAS)[number]["value"];

/** The audit log's filters, as kept in the address. */
export type AuditView = {
  area: AuditArea | null;
  tenant: TenantId | null;
  actor: UserId | null;
  from: string | null;
  until: string | null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null) => (value !== null && DAY.test(value) ? value : null);

export function readAuditView(params: URLSearchParams): AuditView {
  const area = params.get("area");
  return {
    area: AREAS.find((a) => a.value === area)?.value ?? null,
    tenant: params.get("tenant"),
    actor: params.get("actor"),
    from: day(params.get("from")),
    until: day(params.get("until")),
  };
}

export function writeAuditView(params: URLSearchParams, view: AuditView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ["area", "tenant", "actor", "from", "until"]) next.delete(name);
  if (view.area !== null) next.set("area", view.area);
  if (view.tenant !== null) next.set("tenant", view.tenant);
  if (view.actor !== null) next.set("actor", view.actor);
  if (view.from !== null) next.set("from", view.from);
  if (view.until !== null) next.set("until", view.until);
  return next;
}

export function toAuditQuery(view: AuditView): AuditQuery {
  return {
    ...(view.actor === null ? {} : { actor: view.actor }),
    ...(view.area === null ? {} : { action: view.area }),
    ...(view.tenant === null ? {} : { tenant: view.tenant }),
    ...(view.from === null ? {} : { from: startOfDay(view.from) }),
    ...(view.until === null ? {} : { until: endOfDay(view.until) }),
  };
}

export function isAuditFiltered(view: AuditView): boolean {
  return view.area !== null || view.tenant !== null || view.actor !== null || view.from !== null || view.until !== null;
}

export const NO_FILTERS: AuditView = { area: null, tenant: null, actor: null, from: null, until: null };

/** "Tenants", "Operation runs", …: the area an action id belongs to, as the filter names it. */
export function areaLabel(action: string): string {
  const area = action.split(".")[0] ?? action;
  return AREAS.find((a) => a.value === area)?.label ?? area.replace(/_/g, " ");
}

/** Who did it: the operator's name, or the system. */
export function actorName(row: AuditRow): string {
  return row.entry.actor.kind === "system" ? "System" : (row.actor_name ?? "An operator");
}

/** Where an entry's target is shown, when it has a page. */
export function targetLink(entry: AuditEntry): { to: string; label: string } | null {
  if (entry.target_id === null) return null;
  switch (entry.target_type) {
    case "tenant":
      return { to: `/tenants/${entry.target_id}`, label: "Open tenant" };
    case "operation_run":
      return { to: `/runs/${entry.target_id}`, label: "Open run" };
    default:
      return null;
  }
}

/** "Tenant", "Operation run", "Workspace": an entry's target type in words. */
export function targetTypeLabel(type: string): string {
  switch (type) {
    case "tenant":
      return "Tenant";
    case "operation_run":
      return "Operation run";
    case "workspace":
      return "Workspace";
    default:
      return type.replace(/_/g, " ");
  }
}
