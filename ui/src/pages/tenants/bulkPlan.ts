import type { Tenant, TenantStatus } from "../../bindings/types";

/** A selected tenant a bulk action leaves alone, and why, in the operator's words. */
export type LeftOut = { tenant: Tenant; reason: string };

/** What a bulk action does with the selected tenants: the ones it acts on, and the others with why. */
export type BulkPlan = { eligible: Tenant[]; leftOut: LeftOut[] };

/** Pausing stops new syncs of a tenant; resuming lets them start again. */
export type StatusChange = "pause" | "resume";

function plan(tenants: readonly Tenant[], reasonFor: (tenant: Tenant) => string | null): BulkPlan {
  const eligible: Tenant[] = [];
  const leftOut: LeftOut[] = [];
  for (const tenant of tenants) {
    const reason = reasonFor(tenant);
    if (reason === null) eligible.push(tenant);
    else leftOut.push({ tenant, reason });
  }
  return { eligible, leftOut };
}

/** A sync starts for the active tenants; an archived tenant cannot be synced, a paused one waits to be resumed. */
export function planSync(tenants: readonly Tenant[]): BulkPlan {
  return plan(tenants, (tenant) => {
    switch (tenant.status) {
      case "active":
        return null;
      case "paused":
        return `${tenant.display_name} is paused: resume it to sync.`;
      case "archived":
        return `${tenant.display_name} is archived: archived tenants cannot be synced.`;
    }
  });
}

/** Pausing applies to active tenants, resuming to paused ones; archived tenants are left as they are. */
export function planStatus(tenants: readonly Tenant[], change: StatusChange): BulkPlan {
  return plan(tenants, (tenant) => {
    if (tenant.status === "archived") {
      return change === "pause"
        ? `${tenant.display_name} is archived: it is not synced anyway.`
        : `${tenant.display_name} is archived: reactivate it from its own page.`;
    }
    if (change === "pause") return tenant.status === "paused" ? `${tenant.display_name} is already paused.` : null;
    return tenant.status === "active" ? `${tenant.display_name} is already active.` : null;
  });
}

/** The status a change sets. */
export function targetStatus(change: StatusChange): TenantStatus {
  return change === "pause" ? "paused" : "active";
}

/** "1 tenant", "3 tenants". */
export function tenantCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? "tenant" : "tenants"}`;
}

/** What the button and the confirmation call a change: "Pause", "Resume". */
export function changeVerb(change: StatusChange): string {
  return change === "pause" ? "Pause" : "Resume";
}

/** "3 tenants paused, 1 refused": how a status change across the selection went. */
export function statusSummary(change: StatusChange, changed: number, refused: number): string {
  const done = `${tenantCount(changed)} ${change === "pause" ? "paused" : "resumed"}`;
  return refused === 0 ? done : `${done}, ${refused.toLocaleString()} refused`;
}
