import type { ApiError, ScheduleView, TenantId } from "../../bindings/types";
import { SYNC_KINDS, syncRunLabel } from "../../runs";

/** Who a schedule syncs: its tenant, or every active tenant of the workspace. */
export function scheduleTarget(view: ScheduleView): string {
  return view.tenant_name ?? "All active tenants";
}

/** "Inventory sync of Contoso Pharma", "Policy sync of all active tenants". */
export function scheduleTitle(view: ScheduleView): string {
  return `${syncRunLabel(view.kind)} of ${view.tenant_name ?? "all active tenants"}`;
}

const byName = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Schedules of every tenant first, then by tenant name, then by sync kind in the app's order. */
export function sortSchedules(list: readonly ScheduleView[]): ScheduleView[] {
  return [...list].sort(
    (a, b) =>
      Number(a.tenant_name !== null) - Number(b.tenant_name !== null) ||
      byName.compare(a.tenant_name ?? "", b.tenant_name ?? "") ||
      SYNC_KINDS.indexOf(a.kind) - SYNC_KINDS.indexOf(b.kind) ||
      a.schedule.created_at.localeCompare(b.schedule.created_at),
  );
}

/** The schedules that start syncs of a tenant: its own, and those of every active tenant. */
export function schedulesOfTenant(list: readonly ScheduleView[], tenantId: TenantId): ScheduleView[] {
  return list.filter((view) => view.schedule.tenant_id === tenantId || view.schedule.tenant_id === null);
}

/** The form field an answer of the backend is about: the expression, the zone, or neither. */
export function errorField(error: ApiError): "cron" | "timeZone" | null {
  if (error.code !== "invalid_input") return null;
  if (error.message.startsWith("The time zone")) return "timeZone";
  if (error.message.startsWith("The schedule")) return "cron";
  return null;
}
