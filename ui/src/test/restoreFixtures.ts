import type {
  GroupChoice,
  OperationRun,
  PlanCounts,
  Restore,
  RestoreConflict,
  RestoreItemOutcome,
  RestorePlan,
  RestorePlanItem,
  RunResult,
} from "../bindings/types";
import { backupSetItem, compliancePolicyItem } from "./backupFixtures";
import { run } from "./fixtures";

/** What a plan's items count per action (as the backend's `PlanCounts::of`). */
export function countsOf(items: readonly RestorePlanItem[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, skip: 0, conflict: 0, delete: 0 };
  for (const item of items) counts[item.action] += 1;
  return counts;
}

/** A plan of these items and group choices, counted. */
export function planOf(items: RestorePlanItem[], groups: GroupChoice[] = []): RestorePlan {
  return { items, groups, counts: countsOf(items) };
}

/**
 * One object of a plan, named after the version of bs-1 at `index` (`backupSetItem(index)`):
 * identical in the target unless the overrides say otherwise.
 */
export function planItem(index: number, overrides: Partial<RestorePlanItem> = {}): RestorePlanItem {
  const version = backupSetItem(index);
  return {
    source_version_id: version.version_id,
    object_type: version.object_type,
    display_name: version.display_name,
    source_external_id: version.external_id,
    target_external_id: version.external_id,
    action: "skip",
    conflicts: [],
    changed_fields: [],
    assignments: { added: [], removed: [] },
    ...overrides,
  };
}

/** A conflict item: the object cannot be restored as it is, for these reasons. */
export function conflictItem(index: number, conflicts: RestoreConflict[], overrides: Partial<RestorePlanItem> = {}) {
  return planItem(index, { action: "conflict", conflicts, ...overrides });
}

/**
 * The groups of Contoso's plan: two mapped onto themselves (the same tenant), one the operator
 * skipped and one deleted from the tenant since the backup, with no group to take its place.
 */
export function contosoGroups(): GroupChoice[] {
  return [
    {
      source_group_id: "g-1",
      source_name: "All Windows devices",
      target: { kind: "mapped", group_id: "g-1", display_name: "All Windows devices", automatic: true },
    },
    {
      source_group_id: "g-2",
      source_name: "Finance team",
      target: { kind: "mapped", group_id: "g-2", display_name: "Finance team", automatic: true },
    },
    { source_group_id: "g-old", source_name: "Contractors", target: { kind: "skip" } },
    { source_group_id: "g-hr", source_name: "HR laptops", target: { kind: "unresolved" } },
  ];
}

/**
 * Restoring bs-1 onto Contoso itself: 2 objects to create (deleted since), 3 to update, 60
 * identical and 4 that cannot be restored as they are — one changed since the last sync, one
 * assigned to a group that no longer exists, one with a secret value never stored and one whose
 * name two objects share.
 */
export function contosoPlan(): RestorePlan {
  const items: RestorePlanItem[] = [
    planItem(0, { action: "create", target_external_id: null, assignments: { added: ["g-1"], removed: [] } }),
    planItem(1, { action: "create", target_external_id: null, assignments: { added: ["g-1", "g-2"], removed: [] } }),
    planItem(2, { action: "update", changed_fields: ["description", "settings"] }),
    planItem(3, {
      action: "update",
      changed_fields: ["displayName", "omaSettings", "roleScopeTagIds", "description"],
      assignments: { added: ["g-2"], removed: ["g-9"] },
    }),
    planItem(4, { action: "update", changed_fields: [], assignments: { added: [], removed: ["g-1"] } }),
    ...Array.from({ length: 60 }, (_, at) => planItem(5 + at)),
    conflictItem(65, [{ kind: "changed_since_sync", synced: true }], { changed_fields: ["settings"] }),
    conflictItem(66, [{ kind: "unresolved_groups", group_ids: ["g-hr"] }], { changed_fields: ["assignments"] }),
    {
      ...planItem(0),
      ...(() => {
        const policy = compliancePolicyItem(1);
        return {
          source_version_id: policy.version_id,
          object_type: policy.object_type,
          display_name: policy.display_name,
          source_external_id: policy.external_id,
        };
      })(),
      target_external_id: null,
      action: "conflict",
      conflicts: [{ kind: "secret_values", fields: ["passwordRequired", "scheduledActionsForRule.passcode"] }],
    },
    conflictItem(67, [{ kind: "name_collision", matches: 2 }], { target_external_id: null }),
  ];
  return planOf(items, contosoGroups());
}

/**
 * A restore of Contoso's backup set bs-1 onto Contoso itself, asked for by Ada (u1), previewed
 * with `contosoPlan()` by its run r-restore-1.
 */
export function restoreRecord(overrides: Partial<Restore> = {}): Restore {
  return {
    id: "restore-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    source: { kind: "backup_set", backup_set_id: "bs-1" },
    source_tenant_id: "t-contoso",
    group_overrides: { "g-old": { kind: "skip" } },
    status: "previewed",
    preview_run_id: "r-restore-1",
    execute_run_id: null,
    target_state_hash: "9f".repeat(32),
    plan: contosoPlan(),
    outcomes: null,
    created_by: "u1",
    created_at: "2026-11-22T09:30:00.000Z",
    previewed_at: "2026-11-22T09:30:40.000Z",
    executed_at: null,
    ...overrides,
  };
}

/** A restore still being planned: no plan, its run queued or running. */
export function planningRestore(overrides: Partial<Restore> = {}): Restore {
  return restoreRecord({
    status: "planning",
    target_state_hash: null,
    plan: null,
    previewed_at: null,
    ...overrides,
  });
}

/** The `restore.execute` run that previews `restore` (read-only), queued unless told otherwise. */
export function previewRun(
  restore: Pick<Restore, "id" | "tenant_id" | "preview_run_id">,
  overrides: Partial<OperationRun> = {},
) {
  return run({
    id: restore.preview_run_id ?? `r-${restore.id}`,
    type: "restore.execute",
    tenant_id: restore.tenant_id,
    context: { inputs: { restore_id: restore.id, dry_run: true } },
    ...overrides,
  });
}

/** What a preview run ended with, as its result. */
export function previewResult(restore: Pick<Restore, "id" | "status" | "plan">): RunResult {
  return {
    kind: "restore",
    restore_id: restore.id,
    dry_run: true,
    restore_status: restore.status,
    counts: restore.plan?.counts ?? { create: 0, update: 0, skip: 0, conflict: 0, delete: 0 },
  };
}

/** What executing did to one item of a plan: its outcome, with what the backend records for it. */
export function outcomeOf(
  item: RestorePlanItem,
  outcome: RestoreItemOutcome["outcome"],
  overrides: Partial<RestoreItemOutcome> = {},
): RestoreItemOutcome {
  return {
    source_version_id: item.source_version_id,
    object_type: item.object_type,
    display_name: item.display_name,
    outcome,
    target_external_id:
      outcome === "created" ? `new-${item.source_external_id}` : outcome === "failed" ? null : item.target_external_id,
    // The object as it was is kept before it is overwritten or deleted.
    pre_image_version_id: outcome === "updated" || outcome === "deleted" ? `v-pre-${item.source_version_id}` : null,
    message: null,
    reason: null,
    ...overrides,
  };
}

/**
 * Executing `contosoPlan()`: both creates written, two of the three updates written (each with
 * its pre-image kept), the third refused by Graph (403); every identical object and conflict
 * left alone, with why.
 */
export function contosoOutcomes(): RestoreItemOutcome[] {
  const plan = contosoPlan();
  return plan.items.map((item, index) => {
    if (item.action === "create") return outcomeOf(item, "created");
    if (item.action === "update") {
      return index === 4
        ? outcomeOf(item, "failed", {
            reason: "graph.forbidden",
            message:
              "Microsoft Graph refused the write (403): the app lacks DeviceManagementConfiguration.ReadWrite.All.",
          })
        : outcomeOf(item, "updated");
    }
    return outcomeOf(item, "skipped", {
      message: item.action === "skip" ? "Identical: nothing to write." : "Left alone: it has a conflict.",
    });
  });
}

/**
 * What previewing the undo of a restore with these outcomes plans, as the backend would find the
 * target unchanged since: each pre-image it kept written back (an update, or a create for an
 * object it deleted) and each object it created deleted.
 */
export function undoPlanOf(outcomes: readonly RestoreItemOutcome[]): RestorePlan {
  const items = outcomes.flatMap((outcome): RestorePlanItem[] => {
    const object = {
      object_type: outcome.object_type,
      display_name: outcome.display_name,
      conflicts: [],
      assignments: { added: [], removed: [] },
    };
    const id = outcome.target_external_id;
    if (outcome.pre_image_version_id !== null) {
      const deleted = outcome.outcome === "deleted";
      return [
        {
          ...object,
          source_version_id: outcome.pre_image_version_id,
          source_external_id: id ?? "",
          target_external_id: deleted ? null : id,
          action: deleted ? "create" : "update",
          changed_fields: deleted ? [] : ["settings"],
        },
      ];
    }
    if (outcome.outcome !== "created" || id === null) return [];
    return [
      {
        ...object,
        source_version_id: `v-stored-${id}`,
        source_external_id: id,
        target_external_id: id,
        action: "delete",
        changed_fields: [],
      },
    ];
  });
  return planOf(items);
}

/**
 * Undoing `executedRestore()` (restore-1) on Contoso: restore-undo-1, previewed by its run
 * r-restore-undo-1 with `undoPlanOf(contosoOutcomes())` — its 2 updates put back, its 2 creates
 * deleted.
 */
export function undoRestore(overrides: Partial<Restore> = {}): Restore {
  return restoreRecord({
    id: "restore-undo-1",
    source: { kind: "undo", restore_id: "restore-1" },
    group_overrides: {},
    preview_run_id: "r-restore-undo-1",
    plan: undoPlanOf(contosoOutcomes()),
    created_at: "2026-11-22T10:30:00.000Z",
    previewed_at: "2026-11-22T10:30:40.000Z",
    ...overrides,
  });
}

/** The `restore.execute` run that executes `restore` (it writes), queued unless told otherwise. */
export function executeRun(
  restore: Pick<Restore, "id" | "tenant_id" | "execute_run_id">,
  overrides: Partial<OperationRun> = {},
) {
  return run({
    id: restore.execute_run_id ?? `r-execute-${restore.id}`,
    type: "restore.execute",
    tenant_id: restore.tenant_id,
    context: { inputs: { restore_id: restore.id, dry_run: false } },
    ...overrides,
  });
}

/** `restoreRecord()` executed by its run r-execute-1 with `contosoOutcomes()`. */
export function executedRestore(overrides: Partial<Restore> = {}): Restore {
  return restoreRecord({
    status: "executed",
    execute_run_id: "r-execute-1",
    outcomes: contosoOutcomes(),
    executed_at: "2026-11-22T09:45:00.000Z",
    ...overrides,
  });
}

/** What an execution run ended with, as its result (the plan's counts, the restore's status). */
export function executionResult(restore: Pick<Restore, "id" | "status" | "plan">): RunResult {
  return {
    kind: "restore",
    restore_id: restore.id,
    dry_run: false,
    restore_status: restore.status,
    counts: restore.plan?.counts ?? { create: 0, update: 0, skip: 0, conflict: 0, delete: 0 },
  };
}

/**
 * `contosoPlan()` with HR laptops' assignments skipped: no group keeps an object from being
 * written, so it can be executed (5 changes: 2 creates, 3 updates).
 */
export function executablePlan(): RestorePlan {
  const plan = contosoPlan();
  return {
    ...plan,
    groups: plan.groups.map((choice) =>
      choice.source_group_id === "g-hr" ? { ...choice, target: { kind: "skip" } } : choice,
    ),
  };
}
