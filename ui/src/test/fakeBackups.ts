import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  BackupSet,
  BackupSetId,
  BackupSetItem,
  BackupSetStatus,
  StartRunResponse,
  SyncAllResponse,
  Tenant,
  TenantId,
} from "../bindings/types";
import { readWhole } from "./backupFixtures";
import { demoTenants, startResponse } from "./fixtures";

/** What the fake backup backend holds; tests build it, pass it in and read it back. */
export type BackupState = {
  tenants: Tenant[];
  /** Every backup set, in any order. */
  sets: BackupSet[];
  /** The versions each set holds, by set. */
  items: Record<BackupSetId, BackupSetItem[]>;
};

export function backupState(initial: Partial<BackupState> = {}): BackupState {
  return { tenants: demoTenants, sets: [], items: {}, ...initial };
}

type BackupCommands = Pick<Commands, "backUpNow" | "backUpAll" | "listBackupSets" | "getBackupSet">;

const NOW = Date.parse("2026-11-22T10:00:00.000Z");
const TYPE = "backup_schedule_run";

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

function at(ms: number): string {
  return new Date(ms).toISOString();
}

const newestFirst = (a: BackupSet, b: BackupSet) =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

/** Why the backend does not back up a tenant that is not active (`Tenant::work_refusal`), or null. */
function refusal(tenant: Tenant): string | null {
  if (tenant.status === "active") return null;
  return `${tenant.display_name} is ${tenant.status}: reactivate it to back up.`;
}

/**
 * Ends a capturing set as its run would: complete, partial (a type's listing broke off and two
 * objects of another could not be read) or failed; with `items` it holds those versions.
 * Refuses moves the backend forbids.
 */
export function finishBackup(
  state: BackupState,
  setId: BackupSetId,
  status: Exclude<BackupSetStatus, "capturing">,
  items: BackupSetItem[] = [],
): BackupSet {
  const before = state.sets.find((s) => s.id === setId);
  if (before === undefined) throw new Error(`No backup set ${setId}`);
  if (before.status !== "capturing") throw new Error(`A ${before.status} backup set cannot become ${status}`);
  const next: BackupSet = {
    ...before,
    status,
    item_count: items.length,
    new_versions: items.filter((item) => item.new_in_set).length,
    types:
      status === "complete"
        ? { settings_catalog: readWhole(35), device_configuration: readWhole(30) }
        : status === "partial"
          ? {
              settings_catalog: readWhole(35),
              device_configuration: { listed: 30, read: 28, failed: 2, pages: 1, complete: false },
              compliance_policy: { listed: 0, read: 0, failed: 0, pages: 0, complete: false, error: "graph.throttled" },
            }
          : {},
    missing:
      status === "complete"
        ? []
        : status === "partial"
          ? [
              {
                object_type: "device_configuration",
                whole_type: false,
                objects: ["dc-17-ext", "dc-23-ext"],
                reason: "graph.server_error",
              },
              { object_type: "compliance_policy", whole_type: true, objects: [], reason: "graph.throttled" },
            ]
          : [{ object_type: "*", whole_type: true, objects: [], reason: "backup.set.producer_ended" }],
    completed_at: at(Date.parse(before.created_at) + 190_000),
  };
  state.sets = state.sets.map((s) => (s.id === setId ? next : s));
  state.items[setId] = items;
  return next;
}

/**
 * The backup commands over one mutable state, behaving like the backend where the UI depends on
 * it: backing up a tenant records a capturing set (or answers that its backup is already
 * running, or that a tenant not active is not backed up); backing up all starts every active
 * tenant and skips the others with why; sets are listed newest first.
 */
export function fakeBackups(state: BackupState = backupState()): BackupCommands {
  let nextId = 0;
  const tenant = (id: TenantId): Tenant => {
    const found = state.tenants.find((t) => t.id === id);
    if (found === undefined) throw notFound("Tenant");
    return found;
  };
  const start = (target: Tenant): StartRunResponse => {
    const refused = refusal(target);
    if (refused !== null) return startResponse("blocked", refused, { type: TYPE, tenant_id: target.id });
    const capturing = state.sets.find((s) => s.tenant_id === target.id && s.status === "capturing");
    if (capturing !== undefined) {
      return startResponse("already_active", `Backup of ${target.display_name} is already running`, {
        id: capturing.run_id ?? "r-backup",
        type: TYPE,
        tenant_id: target.id,
        status: "running",
      });
    }
    nextId += 1;
    const runId = `r-backup-new-${nextId}`;
    state.sets = [
      ...state.sets,
      {
        id: `bs-new-${nextId}`,
        workspace_id: target.workspace_id,
        tenant_id: target.id,
        run_id: runId,
        schedule_id: null,
        initiated_by: "u1",
        status: "capturing",
        selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
        item_count: 0,
        new_versions: 0,
        types: {},
        missing: [],
        created_at: at(NOW + nextId * 1_000),
        completed_at: null,
      },
    ];
    return startResponse("queued", `Backup of ${target.display_name} queued`, {
      id: runId,
      type: TYPE,
      tenant_id: target.id,
    });
  };

  return {
    backUpNow: vi.fn(async ({ tenant_id }) => start(tenant(tenant_id))),
    backUpAll: vi.fn(async ({ workspace_id }): Promise<SyncAllResponse> => {
      const response: SyncAllResponse = { started: [], skipped: [] };
      for (const target of state.tenants.filter((t) => t.workspace_id === workspace_id)) {
        const refused = refusal(target);
        if (refused === null) {
          response.started.push({ tenant_id: target.id, display_name: target.display_name, start: start(target) });
        } else {
          response.skipped.push({ tenant_id: target.id, display_name: target.display_name, reason: refused });
        }
      }
      return response;
    }),
    listBackupSets: vi.fn(async ({ tenant_id }) => {
      tenant(tenant_id);
      return state.sets.filter((s) => s.tenant_id === tenant_id).sort(newestFirst);
    }),
    getBackupSet: vi.fn(async ({ backup_set_id }) => {
      const set = state.sets.find((s) => s.id === backup_set_id);
      if (set === undefined) throw notFound("Backup set");
      const owner = tenant(set.tenant_id);
      return { set, tenant_id: owner.id, tenant_name: owner.display_name, items: state.items[set.id] ?? [] };
    }),
  };
}
