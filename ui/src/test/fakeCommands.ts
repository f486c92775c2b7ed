import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type { ApiError, RunDetail, Tenant, VerifyConnectionResponse } from "../bindings/types";
import {
  appInfo,
  demoTenants,
  directoryRoles,
  groups,
  inventoryCounts,
  inventoryPage,
  objectDetail,
  objectTypes,
  rbacReport,
  run,
  startResponse,
  tenant as tenantFixture,
  versionDiff,
  workspaceSummary,
} from "./fixtures";

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

/**
 * A `Commands` whose every function is a vi.fn() answering with the fixtures: one workspace
 * holding the demo tenants, a synced inventory of 70 objects, groups, roles and an RBAC report.
 * Runs read back as completed. Override any command per test.
 */
export function fakeCommands(overrides: Partial<Commands> = {}): Commands {
  const tenants = new Map(demoTenants.map((t) => [t.id, t]));
  const find = (tenantId: string): Tenant => {
    const found = tenants.get(tenantId);
    if (found === undefined) throw notFound(`Tenant ${tenantId}`);
    return found;
  };
  return {
    appInfo: vi.fn(async () => appInfo()),
    listWorkspaces: vi.fn(async () => [workspaceSummary()]),
    listTenants: vi.fn(async () => demoTenants),
    getTenant: vi.fn(async ({ tenant_id }) => find(tenant_id)),
    createDemoWorkspace: vi.fn(async () => ({ workspace: workspaceSummary(), created: true, tenants: demoTenants })),
    addTenant: vi.fn(async (request) =>
      tenantFixture({
        id: "t-new",
        display_name: request.display_name,
        directory_tenant_id: request.directory,
        simulated: false,
        connection: {
          client_id: request.client_id,
          credential_kind: request.credential.kind,
          credential_ref: "tenant:t-new:1",
          credential_updated_at: "2026-11-22T10:00:00.000Z",
        },
      }),
    ),
    updateTenant: vi.fn(async (request) => ({
      ...find(request.tenant_id),
      ...(request.display_name === undefined ? {} : { display_name: request.display_name }),
    })),
    setTenantStatus: vi.fn(async ({ tenant_id, status }) => ({ ...find(tenant_id), status })),
    verifyConnection: vi.fn(async ({ tenant_id }): Promise<VerifyConnectionResponse> => {
      const tenant = find(tenant_id);
      return {
        tenant: { ...tenant, connection_check: { state: "connected", checked_at: "2026-11-22T10:00:00.000Z", reason_code: null } },
        reachable: true,
        message: `Connected: ${tenant.display_name} issued a token and its Intune configuration can be read.`,
      };
    }),
    startSync: vi.fn(async ({ tenant_id }) =>
      startResponse("queued", `Inventory sync of ${find(tenant_id).display_name} queued`, { tenant_id }),
    ),
    syncAll: vi.fn(async () => ({ started: [], skipped: [] })),
    listLastSyncs: vi.fn(async () => []),
    getRun: vi.fn(async ({ run_id }) =>
      run({ id: run_id, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:00:05.000Z" }),
    ),
    listObjectTypes: vi.fn(async () => objectTypes),
    listInventory: vi.fn(inventoryPage(70)),
    inventoryCounts: vi.fn(async () => inventoryCounts),
    getInventoryObject: vi.fn(async () => objectDetail()),
    diffVersions: vi.fn(async () => versionDiff),
    listGroups: vi.fn(async () => ({ items: groups, total: groups.length })),
    listDirectoryRoles: vi.fn(async () => directoryRoles),
    rbacReport: vi.fn(async () => rbacReport),
    // The operations views' commands; no page of this build calls them.
    listRuns: vi.fn(async () => ({ items: [], total: 0, total_capped: false })),
    runsOverview: vi.fn(async () => ({ active: 0, likely_stale: 0, likely_stale_by_type: [], reconciled: 0, reconciled_by_type: [] })),
    runDetail: vi.fn(async ({ run_id }): Promise<RunDetail> => ({
      run: run({ id: run_id, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:00:05.000Z" }),
      tenant_name: "Contoso Pharma",
      initiator_name: "Ada Lovelace",
      freshness: "terminal_normal",
      policy: null,
      reason: null,
    })),
    listNotifications: vi.fn(async () => ({ items: [], unread: 0 })),
    markNotificationRead: vi.fn(async () => ({ items: [], unread: 0 })),
    markAllNotificationsRead: vi.fn(async () => ({ items: [], unread: 0 })),
    listAudit: vi.fn(async () => ({ items: [], total: 0 })),
    ...overrides,
  };
}

/** A promise the test settles by hand, to observe in-between states. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
