import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  OperationRun,
  PreviewRestoreRequest,
  ReasonCode,
  Restore,
  RestoreId,
  RestorePlan,
  RestoreSource,
  RunDetail,
  RunId,
  Tenant,
  TenantId,
} from "../bindings/types";
import type { BackupState } from "./fakeBackups";
import { demoTenants, runDetail, startResponse } from "./fixtures";
import { previewResult, previewRun } from "./restoreFixtures";

/** What the fake restore backend holds; tests build it, pass it in and read it back. */
export type RestoreState = {
  /** Every restore, in any order. */
  restores: Restore[];
  /** Tenant names by id; the demo tenants' names are known without. */
  tenantNames: Record<string, string>;
  /** The tenants a restore may go onto (the demo tenants unless told otherwise). */
  tenants: Tenant[];
  /** The backup sets and the versions they hold, which previews start from (none unless given). */
  backups: BackupState | null;
  /** Per target tenant, the ids of its cached groups: the only ones an override may name. */
  groups: Record<TenantId, string[]>;
  /** The preview runs, by id, as they stand: started by `previewRestore`, ended by `finishPreview`/`failPreview`. */
  runs: Record<RunId, OperationRun>;
};

export function restoreState(initial: Partial<RestoreState> = {}): RestoreState {
  return {
    restores: [],
    tenantNames: {},
    tenants: demoTenants,
    backups: null,
    groups: { "t-contoso": ["g-1", "g-2"] },
    runs: {},
    ...initial,
  };
}

type RestoreCommands = Pick<
  Commands,
  "previewRestore" | "listRestores" | "getRestore" | "executeRestore" | "previewUndo"
>;

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

function invalid(message: string): ApiError {
  return { code: "invalid_input", message };
}

const NOW = Date.parse("2026-11-22T10:00:00.000Z");

function at(ms: number): string {
  return new Date(ms).toISOString();
}

const newestFirst = (a: Restore, b: Restore) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

function nameOf(state: RestoreState, tenantId: TenantId): string {
  return state.tenantNames[tenantId] ?? state.tenants.find((t) => t.id === tenantId)?.display_name ?? tenantId;
}

/** The tenant the source's versions come from, or why the backend refuses the source (`restore_source_tenant`). */
function sourceTenant(state: RestoreState, target: Tenant, source: RestoreSource): TenantId {
  const backups = state.backups;
  if (source.kind === "backup_set") {
    const set = backups?.sets.find((s) => s.id === source.backup_set_id && s.workspace_id === target.workspace_id);
    if (set === undefined) throw notFound("Backup set");
    if (set.status === "capturing") {
      throw invalid("The backup set is still being captured; preview it once it is finished.");
    }
    if (set.status === "failed") throw invalid("The backup set failed and holds no versions to restore.");
    return set.tenant_id;
  }
  if (source.version_ids.length === 0) throw invalid("Choose at least one version to restore.");
  const tenants = new Set<TenantId>();
  for (const id of source.version_ids) {
    const set = backups?.sets.find((s) => (backups.items[s.id] ?? []).some((item) => item.version_id === id));
    if (set === undefined) throw notFound("Version");
    tenants.add(set.tenant_id);
  }
  if (tenants.size > 1) {
    throw invalid("The versions come from more than one tenant: restore those of one tenant at a time.");
  }
  return [...tenants][0] as TenantId;
}

/**
 * The restore commands over one mutable state, behaving like the backend where the UI depends on
 * it. `previewRestore` refuses what the backend refuses before storing anything (a set still
 * capturing or failed, no versions, versions of two tenants, a group override naming no group of
 * the target) with its words; otherwise it records a planning restore whose preview run is
 * queued, or — for a tenant that is not active — blocked at once with the restore's preview
 * failed. `finishPreview` and `failPreview` end a preview as its run would. Restores are listed
 * per target, newest first.
 */
export function fakeRestores(state: RestoreState = restoreState()): RestoreCommands {
  let nextId = 0;
  const find = (id: RestoreId) => state.restores.find((r) => r.id === id);
  return {
    previewRestore: vi.fn(async (request: PreviewRestoreRequest) => {
      const target = state.tenants.find((t) => t.id === request.tenant_id);
      if (target === undefined) throw notFound("Tenant");
      const sourceTenantId = sourceTenant(state, target, request.source);
      const overrides = request.group_overrides ?? {};
      for (const choice of Object.values(overrides)) {
        if (choice?.kind === "to" && !(state.groups[target.id] ?? []).includes(choice.group_id)) {
          throw invalid(
            `The group ${choice.group_id} is not a group of ${target.display_name} (sync its groups if it was added recently).`,
          );
        }
      }
      nextId += 1;
      const id = `restore-new-${nextId}`;
      const runId = `r-restore-new-${nextId}`;
      const blocked = target.status !== "active";
      const restore: Restore = {
        id,
        workspace_id: target.workspace_id,
        tenant_id: target.id,
        source: request.source,
        source_tenant_id: sourceTenantId,
        group_overrides: overrides,
        status: blocked ? "preview_failed" : "planning",
        preview_run_id: runId,
        execute_run_id: null,
        target_state_hash: null,
        plan: null,
        outcomes: null,
        created_by: "u1",
        created_at: at(NOW + nextId * 1_000),
        previewed_at: null,
        executed_at: null,
      };
      state.restores = [...state.restores, restore];
      const run = previewRun(restore, {
        created_at: restore.created_at,
        ...(blocked
          ? {
              status: "completed",
              outcome: "blocked",
              completed_at: restore.created_at,
              context: {
                inputs: { restore_id: id, dry_run: true },
                reason_code: "tenant.not_active",
              },
            }
          : {}),
      });
      state.runs[runId] = run;
      const start = blocked
        ? startResponse(
            "blocked",
            `${target.display_name} is ${target.status}: reactivate it to preview a restore.`,
            run,
          )
        : startResponse("queued", `Restore preview of ${target.display_name} queued`, run);
      return { restore, start };
    }),
    listRestores: vi.fn(async ({ tenant_id }) =>
      state.restores.filter((r) => r.tenant_id === tenant_id).sort(newestFirst),
    ),
    getRestore: vi.fn(async ({ restore_id }) => {
      const restore = find(restore_id);
      if (restore === undefined) throw notFound("Restore");
      return {
        restore,
        tenant_name: nameOf(state, restore.tenant_id),
        source_tenant_name: nameOf(state, restore.source_tenant_id),
      };
    }),
    // Executing and undoing are not faked here yet: a test that needs them passes its own.
    executeRestore: vi.fn(async () => {
      throw notFound("Restore execution in this test");
    }),
    previewUndo: vi.fn(async () => {
      throw notFound("Undoing a restore in this test");
    }),
  };
}

function planning(state: RestoreState, restoreId: RestoreId): Restore {
  const restore = state.restores.find((r) => r.id === restoreId);
  if (restore === undefined) throw new Error(`No restore ${restoreId}`);
  if (restore.status !== "planning") throw new Error(`A ${restore.status} restore is not being planned`);
  return restore;
}

function replace(state: RestoreState, next: Restore): void {
  state.restores = state.restores.map((r) => (r.id === next.id ? next : r));
}

/** The preview run of a restore as the state holds it (queued when the test made the restore itself). */
function runOf(state: RestoreState, restore: Restore): OperationRun {
  const id = restore.preview_run_id ?? `r-${restore.id}`;
  return state.runs[id] ?? previewRun(restore);
}

/**
 * Ends a planning restore's preview as its run would: previewed with `plan`, its run succeeded
 * with the plan's counts. Returns the completed run (to emit as a run event).
 */
export function finishPreview(state: RestoreState, restoreId: RestoreId, plan: RestorePlan): OperationRun {
  const before = planning(state, restoreId);
  const completedAt = at(Date.parse(before.created_at) + 40_000);
  replace(state, {
    ...before,
    status: "previewed",
    plan,
    target_state_hash: "ab".repeat(32),
    previewed_at: completedAt,
  });
  const run: OperationRun = {
    ...runOf(state, before),
    status: "completed",
    outcome: "succeeded",
    started_at: at(Date.parse(before.created_at) + 1_000),
    completed_at: completedAt,
    summary_counts: { total: 3, processed: 3, items: plan.items.length },
  };
  if (before.preview_run_id !== null) state.runs[before.preview_run_id] = run;
  return run;
}

/**
 * Ends a planning restore's preview as failed (the target could not be read, say), its run failed
 * with `reason`. Returns the completed run.
 */
export function failPreview(state: RestoreState, restoreId: RestoreId, reason: ReasonCode, message: string) {
  const before = planning(state, restoreId);
  const completedAt = at(Date.parse(before.created_at) + 20_000);
  replace(state, { ...before, status: "preview_failed" });
  const run: OperationRun = {
    ...runOf(state, before),
    status: "completed",
    outcome: "failed",
    started_at: at(Date.parse(before.created_at) + 1_000),
    completed_at: completedAt,
    failure_summary: [{ code: reason, reason_code: reason, message }],
    context: { inputs: { restore_id: before.id, dry_run: true }, reason_code: reason },
  };
  if (before.preview_run_id !== null) state.runs[before.preview_run_id] = run;
  return run;
}

/**
 * `getRun` and `runDetail` over the state's preview runs (with the restore's result once it has
 * ended); any other run reads back as the fake commands' do, completed.
 */
export function restoreRunCommands(
  state: RestoreState,
  fallback: (runId: RunId) => OperationRun,
): Pick<Commands, "getRun" | "runDetail"> {
  const detail = (id: RunId): RunDetail => {
    const run = state.runs[id] ?? fallback(id);
    const restore = state.restores.find((r) => r.preview_run_id === id);
    return runDetail(run, {
      tenant_name: run.tenant_id === null ? null : nameOf(state, run.tenant_id),
      result: restore !== undefined && run.status === "completed" ? previewResult(restore) : null,
    });
  };
  return {
    getRun: vi.fn(async ({ run_id }) => state.runs[run_id] ?? fallback(run_id)),
    runDetail: vi.fn(async ({ run_id }) => detail(run_id)),
  };
}
