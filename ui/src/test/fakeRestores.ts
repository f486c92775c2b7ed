import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  ExecuteRestoreRequest,
  GroupOverride,
  OperationRun,
  PolicyVersionId,
  PreviewRestoreRequest,
  ReasonCode,
  RemediateFindingsRequest,
  Restore,
  RestoreId,
  RestoreItemOutcome,
  RestorePlan,
  RestorePlanItem,
  RestorePreviewStarted,
  RestoreSource,
  RunDetail,
  RunId,
  SecretValueInput,
  Tenant,
  TenantId,
} from "../bindings/types";
import type { BackupState } from "./fakeBackups";
import type { BaselineState } from "./fakeBaselines";
import { demoTenants, runDetail, startResponse } from "./fixtures";
import {
  executeRun,
  executionResult,
  outcomeOf,
  planOf,
  previewResult,
  previewRun,
  undoPlanOf,
} from "./restoreFixtures";

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
  /**
   * The baseline profiles, snapshots and findings that remediations start from (none unless
   * given): pass the state the test's `fakeBaselines` holds, so both fakes see the same findings.
   */
  baselines: BaselineState | null;
  /** Per target tenant, the ids of its cached groups: the only ones an override may name. */
  groups: Record<TenantId, string[]>;
  /**
   * The restores' runs, by id, as they stand: previews started by `previewRestore` (or
   * `previewUndo`) and ended by `finishPreview`/`failPreview`; executions started by
   * `executeRestore` and ended by `finishExecution`/`outdateExecution`.
   */
  runs: Record<RunId, OperationRun>;
  /**
   * Per executed restore, the objects whose only conflict was secret values and which the
   * values typed with `executeRestore` made writable. The values themselves are never kept.
   */
  unlocked: Record<RestoreId, PolicyVersionId[]>;
};

export function restoreState(initial: Partial<RestoreState> = {}): RestoreState {
  return {
    restores: [],
    tenantNames: {},
    tenants: demoTenants,
    backups: null,
    baselines: null,
    groups: { "t-contoso": ["g-1", "g-2"] },
    runs: {},
    unlocked: {},
    ...initial,
  };
}

type RestoreCommands = Pick<
  Commands,
  "previewRestore" | "remediateFindings" | "listRestores" | "getRestore" | "executeRestore" | "previewUndo"
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

/** At most this many findings are remediated at once, and this many subjects restored (the backend's limits). */
const MAX_FINDINGS = 1000;
const MAX_SUBJECTS = 5000;

/** The tenant the source's versions come from, or why the backend refuses the source (`restore_source_tenant`). */
function sourceTenant(state: RestoreState, target: Tenant, source: RestoreSource): TenantId {
  const backups = state.backups;
  switch (source.kind) {
    case "backup_set": {
      const set = backups?.sets.find((s) => s.id === source.backup_set_id && s.workspace_id === target.workspace_id);
      if (set === undefined) throw notFound("Backup set");
      if (set.status === "capturing") {
        throw invalid("The backup set is still being captured; preview it once it is finished.");
      }
      if (set.status === "failed") throw invalid("The backup set failed and holds no versions to restore.");
      return set.tenant_id;
    }
    case "versions": {
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
    case "undo":
      return undoneTenant(state, target, source.restore_id);
    case "baseline": {
      const snapshot = state.baselines?.snapshots.find(
        (s) => s.id === source.snapshot_id && s.workspace_id === target.workspace_id,
      );
      if (snapshot === undefined) throw notFound("Baseline snapshot");
      if (snapshot.capture_mode !== "full_content") {
        throw invalid(
          "The baseline captures fingerprints only, not content: switch its capture mode to full content and capture it again to remediate from it.",
        );
      }
      if (snapshot.state !== "complete") {
        throw invalid(`The baseline snapshot is ${snapshot.state}; only a complete snapshot can be restored from.`);
      }
      if (source.subject_keys.length > MAX_SUBJECTS) {
        throw invalid(`Restore at most ${MAX_SUBJECTS} subjects at once.`);
      }
      return snapshot.source_tenant_id;
    }
  }
}

/** The tenant an undo writes to (the undone restore's own), or why the backend refuses to undo it. */
function undoneTenant(state: RestoreState, target: Tenant, undoneId: RestoreId): TenantId {
  const undone = state.restores.find((r) => r.id === undoneId && r.workspace_id === target.workspace_id);
  if (undone === undefined) throw notFound("Restore");
  if (undone.tenant_id !== target.id) throw invalid("A restore is undone on the tenant it wrote to.");
  if (undone.outcomes === null) throw invalid("Only an executed restore can be undone.");
  return target.id;
}

/**
 * The baseline source remediating these findings, or why the backend refuses them (as its
 * `remediate_findings` does): 1 to 1000 findings, all visible and of the target tenant, none
 * resolved or unexpected, all of one baseline profile, which has a current snapshot.
 */
function remediationSource(state: RestoreState, request: RemediateFindingsRequest): RestoreSource {
  if (request.finding_ids.length === 0 || request.finding_ids.length > MAX_FINDINGS) {
    throw invalid(`Choose 1 to ${MAX_FINDINGS} findings to remediate.`);
  }
  let profileId: string | null = null;
  const keys = new Set<string>();
  for (const id of request.finding_ids) {
    const finding = state.baselines?.findings.find((f) => f.id === id);
    if (finding === undefined || finding.tenant_id !== request.tenant_id) throw notFound("Finding");
    if (finding.status === "resolved") {
      throw invalid(`'${finding.display_name}' is resolved already: nothing to remediate.`);
    }
    if (finding.kind === "unexpected") {
      throw invalid(
        `'${finding.display_name}' is in the tenant but not in the baseline: a restore writes only what the baseline holds. Delete it in the tenant, or add it to the baseline's source.`,
      );
    }
    if (profileId !== null && profileId !== finding.profile_id) {
      throw invalid("The findings come from more than one baseline: remediate those of one baseline at a time.");
    }
    profileId = finding.profile_id;
    keys.add(finding.subject_key);
  }
  const snapshotId = state.baselines?.profiles.find((p) => p.id === profileId)?.current_snapshot_id ?? null;
  if (snapshotId === null) throw invalid("The baseline has no complete snapshot: capture it first.");
  return { kind: "baseline", snapshot_id: snapshotId, subject_keys: [...keys].sort() };
}

/**
 * What previewing a baseline restore plans, as the backend would find the target: per subject, a
 * create where the tenant misses it, an update where it drifted (by the target's open or
 * acknowledged finding of it), identical otherwise. The versions are the snapshot's evidence.
 */
export function baselinePlan(state: RestoreState, restoreId: RestoreId): RestorePlan {
  const restore = state.restores.find((r) => r.id === restoreId);
  if (restore?.source.kind !== "baseline") throw new Error(`Restore ${restoreId} is not from a baseline`);
  const { snapshot_id: snapshotId, subject_keys: keys } = restore.source;
  const findings = (state.baselines?.findings ?? []).filter(
    (f) => f.tenant_id === restore.tenant_id && f.status !== "resolved" && keys.includes(f.subject_key),
  );
  const items = keys.map((key): RestorePlanItem => {
    const finding = findings.find((f) => f.subject_key === key);
    const [type = "settings_catalog", name = key] = key.split(":");
    return {
      source_version_id: `v-${snapshotId}-${key}`,
      object_type: finding?.policy_type ?? type,
      display_name: finding?.display_name ?? name,
      source_external_id: `src-${key}`,
      target_external_id: finding?.kind === "missing" ? null : `tgt-${key}`,
      action: finding?.kind === "missing" ? "create" : finding?.kind === "drifted" ? "update" : "skip",
      conflicts: [],
      changed_fields: finding?.kind === "drifted" ? ["settings"] : [],
      assignments: { added: [], removed: [] },
    };
  });
  return planOf(items);
}

/**
 * What previewing an undo plans, as the backend would find the target unchanged since the undone
 * restore (see `undoPlanOf`): its pre-images written back, the objects it created deleted.
 */
export function undoPlan(state: RestoreState, restoreId: RestoreId): RestorePlan {
  const restore = state.restores.find((r) => r.id === restoreId);
  if (restore?.source.kind !== "undo") throw new Error(`Restore ${restoreId} is not an undo`);
  const undoneId = restore.source.restore_id;
  const undone = state.restores.find((r) => r.id === undoneId);
  if (undone === undefined) throw new Error(`No restore ${undoneId} to undo`);
  return undoPlanOf(undone.outcomes ?? []);
}

/** What previewing the restore plans when the test does not say: a remediation's or an undo's own plan. */
function defaultPlan(state: RestoreState, restoreId: RestoreId): RestorePlan {
  const restore = state.restores.find((r) => r.id === restoreId);
  return restore?.source.kind === "undo" ? undoPlan(state, restoreId) : baselinePlan(state, restoreId);
}

/**
 * The typed secret values checked against the plan as the backend's `execute_restore` checks them
 * (its words, never repeating a value): each names a secret field of an object whose only
 * conflict is its secret fields, values are not blank, and an object gets all of its fields or
 * none. Returns the objects they make writable.
 */
function checkedSecrets(plan: RestorePlan, typed: readonly SecretValueInput[]): PolicyVersionId[] {
  const given = new Set<string>();
  for (const input of typed) {
    const item = plan.items.find((i) => i.source_version_id === input.source_version_id);
    if (item === undefined) {
      throw invalid(`A secret value names version ${input.source_version_id}, which is not in this restore's plan.`);
    }
    const [only, ...others] = item.conflicts;
    if (only?.kind !== "secret_values" || others.length > 0) {
      throw invalid(
        `'${item.display_name}' has no secret fields to fill, or has other conflicts that keep it from being written.`,
      );
    }
    if (!only.fields.includes(input.field)) throw invalid(`'${item.display_name}' has no secret field ${input.field}.`);
    if (input.value.trim() === "" || new TextEncoder().encode(input.value).length > 64 * 1024) {
      throw invalid(`The value for ${input.field} of '${item.display_name}' must be 1 to 65536 characters.`);
    }
    const key = JSON.stringify([input.source_version_id, input.field]);
    if (given.has(key)) throw invalid(`A secret field of '${item.display_name}' has two values.`);
    given.add(key);
  }
  const unlocked: PolicyVersionId[] = [];
  for (const item of plan.items) {
    const [only, ...others] = item.conflicts;
    if (only?.kind !== "secret_values" || others.length > 0) continue;
    const missing = only.fields.filter((f) => !given.has(JSON.stringify([item.source_version_id, f])));
    if (missing.length === only.fields.length) continue;
    if (missing.length > 0) {
      throw invalid(`Give every secret value of '${item.display_name}' (missing: ${missing.join(", ")}), or none.`);
    }
    unlocked.push(item.source_version_id);
  }
  return unlocked;
}

/**
 * The restore commands over one mutable state, behaving like the backend where the UI depends on
 * it. `previewRestore` refuses what the backend refuses before storing anything (a set still
 * capturing or failed, no versions, versions of two tenants, a baseline snapshot that is not a
 * complete full-content one, a group override naming no group of the target) with its words;
 * otherwise it records a planning restore whose preview run is queued, or — for a tenant that is
 * not active — blocked at once with the restore's preview failed. `remediateFindings` checks the
 * findings as the backend does and previews their baseline's content for their subjects the same
 * way. `executeRestore` checks the confirmation and any typed secret values, and remembers which
 * objects those made writable (never the values). `previewUndo` previews undoing an executed
 * restore that changed something (an `undo` source, checked as the backend does when previewed
 * again). `finishPreview` and `failPreview` end a preview as its run would. Restores are listed
 * per target, newest first.
 */
export function fakeRestores(state: RestoreState = restoreState()): RestoreCommands {
  let nextId = 0;
  const find = (id: RestoreId) => state.restores.find((r) => r.id === id);
  /** Records a planning restore and its queued preview run (blocked at once for a tenant not active). */
  const recordPreview = (
    target: Tenant,
    source: RestoreSource,
    sourceTenantId: TenantId,
    overrides: Record<string, GroupOverride>,
  ): RestorePreviewStarted => {
    nextId += 1;
    const id = `restore-new-${nextId}`;
    const runId = `r-restore-new-${nextId}`;
    const blocked = target.status !== "active";
    const restore: Restore = {
      id,
      workspace_id: target.workspace_id,
      tenant_id: target.id,
      source,
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
      ? startResponse("blocked", `${target.display_name} is ${target.status}: reactivate it to preview a restore.`, run)
      : startResponse("queued", `Restore preview of ${target.display_name} queued`, run);
    return { restore, start };
  };
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
      return recordPreview(target, request.source, sourceTenantId, overrides);
    }),
    remediateFindings: vi.fn(async (request: RemediateFindingsRequest) => {
      const source = remediationSource(state, request);
      const target = state.tenants.find((t) => t.id === request.tenant_id);
      if (target === undefined) throw notFound("Tenant");
      return recordPreview(target, source, sourceTenant(state, target, source), {});
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
    executeRestore: vi.fn(async (request: ExecuteRestoreRequest) => {
      const restore = find(request.restore_id);
      if (restore === undefined) throw notFound("Restore");
      const target = state.tenants.find((t) => t.id === restore.tenant_id);
      if (target === undefined) throw notFound("Tenant");
      const plan = restore.plan;
      if (restore.status !== "previewed" || plan === null) {
        throw invalid(
          `Only a previewed restore can be executed; this one is ${restore.status.replace("_", " ")}. Preview it again.`,
        );
      }
      const blocking = new Set(
        plan.items.flatMap((item) =>
          item.conflicts.flatMap((conflict) => (conflict.kind === "unresolved_groups" ? conflict.group_ids : [])),
        ),
      );
      const unresolved = plan.groups
        .filter((group) => group.target.kind === "unresolved" && blocking.has(group.source_group_id))
        .map((group) => group.source_name ?? group.source_group_id);
      if (unresolved.length > 0) {
        throw invalid(
          `Groups without a target group: ${unresolved.join(", ")}. Sync the tenant's groups, or map or skip them, then preview again.`,
        );
      }
      const unlocked = checkedSecrets(plan, request.secrets ?? []);
      const changes = plan.counts.create + plan.counts.update + plan.counts.delete + unlocked.length;
      if (changes === 0) throw invalid("The plan changes nothing: every object is identical or a conflict.");
      if (request.confirm_tenant.trim() !== target.display_name || request.confirm_changes !== changes) {
        throw invalid(
          `Confirm by typing the tenant's name (${target.display_name}) and the number of changes (${changes}).`,
        );
      }
      nextId += 1;
      const runId = `r-execute-new-${nextId}`;
      const createdAt = at(NOW + nextId * 1_000);
      if (target.status !== "active") {
        const run = executeRun(
          { ...restore, execute_run_id: runId },
          {
            created_at: createdAt,
            status: "completed",
            outcome: "blocked",
            completed_at: createdAt,
            context: { inputs: { restore_id: restore.id, dry_run: false }, reason_code: "tenant.not_active" },
          },
        );
        state.runs[runId] = run;
        return startResponse("blocked", `${target.display_name} is ${target.status}: reactivate it to restore.`, run);
      }
      // The backend moves it to executing when its run starts; here at once, with the run queued.
      replace(state, { ...restore, status: "executing", execute_run_id: runId });
      state.unlocked[restore.id] = unlocked;
      const run = executeRun({ ...restore, execute_run_id: runId }, { created_at: createdAt });
      state.runs[runId] = run;
      return startResponse("queued", `Restore of ${target.display_name} queued`, run);
    }),
    previewUndo: vi.fn(async ({ restore_id }) => {
      const restore = find(restore_id);
      if (restore === undefined) throw notFound("Restore");
      const target = state.tenants.find((t) => t.id === restore.tenant_id);
      if (target === undefined) throw notFound("Tenant");
      const changed = (restore.outcomes ?? []).some(
        (outcome) => outcome.pre_image_version_id !== null || outcome.outcome === "created",
      );
      if (!changed) throw invalid("This restore changed nothing, so there is nothing to undo.");
      return recordPreview(target, { kind: "undo", restore_id: restore.id }, target.id, {});
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

function executing(state: RestoreState, restoreId: RestoreId): Restore {
  const restore = state.restores.find((r) => r.id === restoreId);
  if (restore === undefined) throw new Error(`No restore ${restoreId}`);
  if (restore.status !== "executing") throw new Error(`A ${restore.status} restore is not being executed`);
  return restore;
}

/** The execution run of an executing restore as the state holds it (queued when the test made the restore itself). */
function executionRunOf(state: RestoreState, restore: Restore): OperationRun {
  const id = restore.execute_run_id ?? `r-execute-${restore.id}`;
  return state.runs[id] ?? executeRun(restore);
}

/**
 * What executing a restore's plan does when every write succeeds: its creates created, its updates
 * updated, its deletes deleted (an undo), the objects the typed secret values made writable
 * created or updated (by whether the target has them), and everything else left alone with why.
 */
export function plannedOutcomes(state: RestoreState, restoreId: RestoreId): RestoreItemOutcome[] {
  const restore = state.restores.find((r) => r.id === restoreId);
  if (restore === undefined || restore.plan === null) throw new Error(`Restore ${restoreId} has no plan`);
  const unlocked = new Set(state.unlocked[restoreId] ?? []);
  return restore.plan.items.map((item) => {
    if (item.action === "create") return outcomeOf(item, "created");
    if (item.action === "update") return outcomeOf(item, "updated");
    if (item.action === "delete") return outcomeOf(item, "deleted");
    if (unlocked.has(item.source_version_id)) {
      return outcomeOf(item, item.target_external_id === null ? "created" : "updated");
    }
    return outcomeOf(item, "skipped", {
      message: item.action === "skip" ? "Identical: nothing to write." : "Left alone: it has a conflict.",
    });
  });
}

/**
 * Ends an executing restore as its run would with these outcomes (those of its plan by default, see `plannedOutcomes`): executed (execute_failed when
 * every write failed), its run succeeded — partially when one write failed, failed when none
 * succeeded — with the run's counters. Returns the completed run (to emit as a run event).
 */
export function finishExecution(
  state: RestoreState,
  restoreId: RestoreId,
  outcomes: RestoreItemOutcome[] = plannedOutcomes(state, restoreId),
) {
  const before = executing(state, restoreId);
  const completedAt = at(NOW + 120_000);
  const tally = (kind: RestoreItemOutcome["outcome"]) => outcomes.filter((o) => o.outcome === kind).length;
  const [created, updated, deleted, skipped, failed] = [
    tally("created"),
    tally("updated"),
    tally("deleted"),
    tally("skipped"),
    tally("failed"),
  ];
  const written = created + updated + deleted;
  const status = written === 0 && failed > 0 ? "execute_failed" : "executed";
  replace(state, { ...before, status, outcomes, executed_at: completedAt });
  const run: OperationRun = {
    ...executionRunOf(state, before),
    status: "completed",
    outcome: failed === 0 ? "succeeded" : written > 0 ? "partially_succeeded" : "failed",
    started_at: at(NOW + 60_000),
    completed_at: completedAt,
    summary_counts: {
      total: written + failed,
      processed: written + failed,
      created,
      updated,
      deleted,
      skipped,
      failed,
    },
    failure_summary: outcomes
      .filter((o) => o.outcome === "failed")
      .map((o) => {
        const reason = o.reason ?? "graph.server_error";
        return { code: reason, reason_code: reason, message: o.message ?? "" };
      }),
  };
  if (before.execute_run_id !== null) state.runs[before.execute_run_id] = run;
  return run;
}

/**
 * Ends an executing restore as its run does when the target changed since the preview: nothing
 * written, the restore outdated, its run blocked (`restore.preview_outdated`). Returns the run.
 */
export function outdateExecution(state: RestoreState, restoreId: RestoreId): OperationRun {
  const before = executing(state, restoreId);
  const completedAt = at(NOW + 90_000);
  replace(state, { ...before, status: "outdated" });
  const run: OperationRun = {
    ...executionRunOf(state, before),
    status: "completed",
    outcome: "blocked",
    started_at: at(NOW + 60_000),
    completed_at: completedAt,
    context: {
      inputs: { restore_id: before.id, dry_run: false },
      reason_code: "restore.preview_outdated",
    },
  };
  if (before.execute_run_id !== null) state.runs[before.execute_run_id] = run;
  return run;
}

/** The preview run of a restore as the state holds it (queued when the test made the restore itself). */
function runOf(state: RestoreState, restore: Restore): OperationRun {
  const id = restore.preview_run_id ?? `r-${restore.id}`;
  return state.runs[id] ?? previewRun(restore);
}

/**
 * Ends a planning restore's preview as its run would: previewed with `plan` (by default, for a
 * remediation what its baseline's content would change — see `baselinePlan` — and for an undo
 * what undoing would — see `undoPlan`), its run succeeded with the plan's counts. Returns the
 * completed run (to emit as a run event).
 */
export function finishPreview(
  state: RestoreState,
  restoreId: RestoreId,
  plan: RestorePlan = defaultPlan(state, restoreId),
): OperationRun {
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
    const previewed = state.restores.find((r) => r.preview_run_id === id);
    const executed = state.restores.find((r) => r.execute_run_id === id);
    const result =
      run.status !== "completed"
        ? null
        : executed !== undefined
          ? executionResult(executed)
          : previewed !== undefined
            ? previewResult(previewed)
            : null;
    return runDetail(run, { tenant_name: run.tenant_id === null ? null : nameOf(state, run.tenant_id), result });
  };
  return {
    getRun: vi.fn(async ({ run_id }) => state.runs[run_id] ?? fallback(run_id)),
    runDetail: vi.fn(async ({ run_id }) => detail(run_id)),
  };
}
