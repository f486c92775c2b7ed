import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  AuditRow,
  HoldCredentialResponse,
  NotificationsResponse,
  OperationRun,
  PermissionReport,
  RunBatch,
  RunListFilter,
  RunListPage,
  RunListRow,
  RunTab,
  Tenant,
  UserNotification,
  VerifyConnectionResponse,
} from "../bindings/types";
import { fakeBackups } from "./fakeBackups";
import { fakeBaselines } from "./fakeBaselines";
import { fakeMembers } from "./fakeMembers";
import { fakePacks } from "./fakePacks";
import { fakeRestores } from "./fakeRestores";
import { fakeReviews } from "./fakeReviews";
import { fakeUpdates } from "./fakeUpdates";
import {
  appInfo,
  demoTenants,
  directoryRoles,
  groups,
  inventoryCounts,
  inventoryPage,
  objectDetail,
  objectTypes,
  permissionGuide,
  rbacReport,
  run,
  runDetail,
  startResponse,
  tenant as tenantFixture,
  versionDiff,
  workspaceOverview,
  workspaceSummary,
} from "./fixtures";

/** A permission report before any feature was checked. */
export function noPermissionReport(): PermissionReport {
  return { checked_at: null, granted: [], features: [], admin_consent_url: null };
}

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

function invalid(message: string): ApiError {
  return { code: "invalid_input", message };
}

/**
 * A `Commands` whose every function is a vi.fn() answering with the fixtures: one workspace
 * holding the demo tenants, a synced inventory of 70 objects, groups, roles and an RBAC report,
 * no baseline profiles, no findings, no evidence snapshots, reviews, review packs or backups, and
 * three members in team mode, update checks off. Runs read back as completed. Override any command per test.
 */
export function fakeCommands(overrides: Partial<Commands> = {}): Commands {
  const tenants = new Map(demoTenants.map((t) => [t.id, t]));
  const find = (tenantId: string): Tenant => {
    const found = tenants.get(tenantId);
    if (found === undefined) throw notFound(`Tenant ${tenantId}`);
    return found;
  };
  return {
    listWorkspaces: vi.fn(async () => [workspaceSummary()]),
    listTenants: vi.fn(async () => demoTenants),
    getTenant: vi.fn(async ({ tenant_id }) => find(tenant_id)),
    createWorkspace: vi.fn(async ({ name }) => workspaceSummary({ id: "w-new", name })),
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
        tenant: {
          ...tenant,
          connection_check: { state: "connected", checked_at: "2026-11-22T10:00:00.000Z", reason_code: null },
        },
        reachable: true,
        message: `Connected: ${tenant.display_name} issued a token and its Intune configuration can be read.`,
        permissions: noPermissionReport(),
      };
    }),
    // Refuses as the backend does before any proof; any credential of the right kind proves itself.
    holdCredential: vi.fn(async ({ tenant_id, credential }): Promise<HoldCredentialResponse> => {
      const tenant = find(tenant_id);
      if (tenant.simulated) throw invalid("A simulated tenant needs no credential: every workstation reaches it.");
      const connection = tenant.connection;
      if (connection === null) {
        throw invalid("The tenant has no app registration yet: add its client id and secret first.");
      }
      if (connection.credential_ref === null) {
        throw invalid("The tenant has no credential yet: enter it in the tenant's connection first.");
      }
      if (credential.kind !== connection.credential_kind) {
        const kind = connection.credential_kind === "client_secret" ? "client secret" : "certificate";
        throw invalid(`The tenant signs in with a ${kind}; enter that.`);
      }
      return {
        message: `Connected: ${tenant.display_name} issued a token and its Intune configuration can be read. This workstation now runs its syncs too.`,
      };
    }),
    permissionGuide: vi.fn(async () => permissionGuide()),
    permissionReport: vi.fn(async () => noPermissionReport()),
    startSync: vi.fn(async ({ tenant_id }) =>
      startResponse("queued", `Inventory sync of ${find(tenant_id).display_name} queued`, { tenant_id }),
    ),
    syncAll: vi.fn(async () => ({ started: [], skipped: [] })),
    workspaceOverview: vi.fn(async () => workspaceOverview()),
    listLastSyncs: vi.fn(async () => []),
    getRun: vi.fn(async ({ run_id }) =>
      run({ id: run_id, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:00:05.000Z" }),
    ),
    cancelRun: vi.fn(async ({ run_id }) => ({
      effect: "cancelled" as const,
      message: "Inventory sync cancelled before it started",
      run: run({
        id: run_id,
        status: "completed",
        outcome: "failed",
        completed_at: "2026-11-22T10:00:05.000Z",
        context: { reason_code: "run.cancelled" },
      }),
    })),
    retryRun: vi.fn(async () => startResponse("queued", "Inventory sync of Contoso queued")),
    exportTable: vi.fn(async ({ name, format }) => ({
      path: `/home/ann/Downloads/${name}-2026-11-22-100000.${format}`,
      file_name: `${name}-2026-11-22-100000.${format}`,
      bytes: 120,
    })),
    exportPolicyVersion: vi.fn(async () => ({
      path: "/home/ann/Downloads/win-sc-defender-v2-2026-11-22-100000.json",
      file_name: "win-sc-defender-v2-2026-11-22-100000.json",
      bytes: 512,
    })),
    exportDocumentation: vi.fn(async ({ destination }) => ({
      path: destination,
      file_name: destination.split("/").pop() ?? destination,
      bytes: 48_000,
    })),
    exportBackupFolder: vi.fn(async ({ destination }) => ({
      path: destination,
      objects: 70,
      written: 72,
      unchanged: 0,
      removed: 0,
    })),
    searchWorkspace: vi.fn(async () => ({ objects: [], groups: [], settings: [], truncated: false })),
    compareAcross: vi.fn(async () => versionDiff),
    tenantChanges: vi.fn(async () => ({ entries: [], next_before: null })),
    listSchedules: vi.fn(async () => []),
    createSchedule: vi.fn(async () => {
      throw notFound("Schedule commands in this test");
    }),
    updateSchedule: vi.fn(async () => {
      throw notFound("Schedule commands in this test");
    }),
    deleteSchedule: vi.fn(async () => []),
    listObjectTypes: vi.fn(async () => objectTypes),
    listInventory: vi.fn(inventoryPage(70)),
    inventoryCounts: vi.fn(async () => inventoryCounts),
    getInventoryObject: vi.fn(async () => objectDetail()),
    diffVersions: vi.fn(async () => versionDiff),
    listGroups: vi.fn(async () => ({ items: groups, total: groups.length })),
    listDirectoryRoles: vi.fn(async () => directoryRoles),
    rbacReport: vi.fn(async () => rbacReport),
    // Monitoring: no runs, an empty inbox and an empty audit log unless a test says otherwise.
    listRuns: vi.fn(runIndex([])),
    runsOverview: vi.fn(async () => ({
      active: 0,
      likely_stale: 0,
      likely_stale_by_type: [],
      reconciled: 0,
      reconciled_by_type: [],
    })),
    runDetail: vi.fn(async ({ run_id }) =>
      runDetail(
        run({ id: run_id, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:00:05.000Z" }),
      ),
    ),
    runChanges: vi.fn(async () => ({
      added: [],
      changed: [],
      removed: [],
      added_count: 0,
      changed_count: 0,
      removed_count: 0,
    })),
    ...fakeInbox([]),
    listAudit: vi.fn(auditLog([])),
    listMembers: vi.fn(async () => [
      { user: appInfo().user, role: "owner" as const, all_tenants: true },
      {
        user: { id: "u2", login: "local:grace", display_name: "Grace Hopper" },
        role: "operator" as const,
        all_tenants: false,
      },
    ]),
    // Baselines and findings: an empty, stateful backend unless a test passes its own
    // (`fakeBaselines(baselineState({...}))`).
    ...fakeBaselines(),
    // Evidence snapshots and reviews: an inventory synced but no evidence yet, so no review can
    // be composed, unless a test passes its own (`fakeReviews(reviewState({...}))`).
    ...fakeReviews(),
    // Review packs: none yet, the default settings and no signing key unless a test passes its
    // own (`fakePacks(packState({...}))`).
    ...fakePacks(),
    // Backups: none yet unless a test passes its own (`fakeBackups(backupState({...}))`); imports
    // (`previewImport`, `importBackup`) read the fixture folders of `importFixtures.ts`.
    ...fakeBackups(),
    // Restores: none unless a test passes its own.
    ...fakeRestores(),
    // Members: team mode, the operator an owner beside two others, unless a test passes its own
    // (`fakeMembers(memberState({...}))`).
    ...fakeMembers(),
    // About and updates: the fixture's installation with update checks off, nothing offered, unless
    // a test passes its own (`fakeUpdates(updateState({...}))`).
    ...fakeUpdates(),
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

/**
 * A fake `listRuns` over `rows` (newest first) that honours the tab, direction, offset and
 * limit; `total` and `capped` override the count (the backend stops counting at 10,000).
 */
export function runIndex(rows: RunListRow[], { total, capped = false }: { total?: number; capped?: boolean } = {}) {
  return async ({ filter }: { filter: RunListFilter }): Promise<RunListPage> => {
    const now = Date.now();
    const inTab: Record<RunTab, (r: OperationRun) => boolean> = {
      active: (r) => r.status !== "completed",
      likely_stale: (r) => r.status !== "completed" && r.stale_at !== null && Date.parse(r.stale_at) < now,
      failed: (r) => r.outcome === "failed",
      all: () => true,
    };
    let matching = rows.filter(({ run }) => inTab[filter.tab](run));
    if (filter.direction === "asc") matching = [...matching].reverse();
    return {
      items: matching.slice(filter.offset, filter.offset + filter.limit),
      total: total ?? matching.length,
      total_capped: capped,
    };
  };
}

/** A fake `listAudit` over `rows` that honours offset and limit. */
export function auditLog(rows: AuditRow[]) {
  return async ({ filter }: { filter: { offset: number; limit: number } }) => ({
    items: rows.slice(filter.offset, filter.offset + filter.limit),
    total: rows.length,
  });
}

/** The inbox commands over one list that marking read changes, as the backend does. */
export function fakeInbox(initial: UserNotification[], batches: RunBatch[] = []) {
  let items = [...initial];
  const answer = (): NotificationsResponse => ({
    items: [...items],
    unread: items.filter((n) => n.read_at === null).length,
    batches,
  });
  const at = "2026-11-22T10:10:00.000Z";
  return {
    listNotifications: vi.fn(async () => answer()),
    markNotificationRead: vi.fn(async ({ id }: { id: string }) => {
      if (!items.some((n) => n.id === id)) throw notFound("Notification");
      items = items.map((n) => (n.id === id && n.read_at === null ? { ...n, read_at: at } : n));
      return answer();
    }),
    markAllNotificationsRead: vi.fn(async () => {
      items = items.map((n) => (n.read_at === null ? { ...n, read_at: at } : n));
      return answer();
    }),
  };
}
