import type { ApiError, BackupRetention, ScheduleKind, ScheduleView, SyncKind, TenantId } from "../../bindings/types";
import { SYNC_KINDS, syncKindLabel, syncRunLabel } from "../../runs";
import { present } from "../../vocabulary";

/** What a schedule can start, in the order the form offers them: the four syncs, then a backup. */
export const SCHEDULE_KINDS: readonly ScheduleKind[] = [...SYNC_KINDS, "backup"];

/** Whether a schedule of this kind starts a sync (every kind but a backup). */
export function isSyncKind(kind: ScheduleKind): kind is SyncKind {
  return kind !== "backup";
}

/** The short name of what a schedule starts: "Inventory", "Policies", …, "Backup". */
export function scheduleKindLabel(kind: ScheduleKind): string {
  return isSyncKind(kind) ? syncKindLabel(kind) : "Backup";
}

/** What each start is called as a run (the operation type's vocabulary label): "Inventory sync", "Backup". */
export function scheduleRunLabel(kind: ScheduleKind): string {
  return isSyncKind(kind) ? syncRunLabel(kind) : present("operation_type", "backup_schedule_run").label;
}

/** Who a schedule syncs: its tenant, or every active tenant of the workspace. */
export function scheduleTarget(view: ScheduleView): string {
  return view.tenant_name ?? "All active tenants";
}

/** "Inventory sync of Contoso Pharma", "Policy sync of all active tenants", "Backup of Contoso Pharma". */
export function scheduleTitle(view: ScheduleView): string {
  return `${scheduleRunLabel(view.kind)} of ${view.tenant_name ?? "all active tenants"}`;
}

function backups(count: number): string {
  return count === 1 ? "the newest backup" : `the newest ${count.toLocaleString()} backups`;
}

/**
 * Which backups a backup schedule keeps, in words: "Keeps the newest 7 backups", "… and every
 * backup younger than 30 days", or "Keeps every backup" when it has no retention.
 */
export function retentionWords(retention: BackupRetention | null): string {
  if (retention === null) return "Keeps every backup";
  const newest = `Keeps ${backups(retention.keep_last)}`;
  if (retention.keep_days === undefined) return newest;
  const days = retention.keep_days === 1 ? "1 day" : `${retention.keep_days.toLocaleString()} days`;
  return `${newest} and every backup younger than ${days}`;
}

const byName = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Schedules of every tenant first, then by tenant name, then by kind in the app's order. */
export function sortSchedules(list: readonly ScheduleView[]): ScheduleView[] {
  return [...list].sort(
    (a, b) =>
      Number(a.tenant_name !== null) - Number(b.tenant_name !== null) ||
      byName.compare(a.tenant_name ?? "", b.tenant_name ?? "") ||
      SCHEDULE_KINDS.indexOf(a.kind) - SCHEDULE_KINDS.indexOf(b.kind) ||
      a.schedule.created_at.localeCompare(b.schedule.created_at),
  );
}

/** The schedules that start work on a tenant: its own, and those of every active tenant. */
export function schedulesOfTenant(list: readonly ScheduleView[], tenantId: TenantId): ScheduleView[] {
  return list.filter((view) => view.schedule.tenant_id === tenantId || view.schedule.tenant_id === null);
}

/** The form field an answer of the backend is about: the expression, the zone, the retention, or none. */
export function errorField(error: ApiError): "cron" | "timeZone" | "keepLast" | null {
  if (error.code !== "invalid_input") return null;
  if (error.message.startsWith("The time zone")) return "timeZone";
  if (error.message.startsWith("The schedule")) return "cron";
  if (error.message.startsWith("The retention")) return "keepLast";
  return null;
}
