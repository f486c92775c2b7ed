import type { OperationRun, OperationType, RunOutcome, SyncKind } from "../bindings/types";
import { present } from "../vocabulary";
import { isCancelled } from "./cancellation";

export const SYNC_KINDS: readonly SyncKind[] = ["inventory", "policies", "groups", "roles"];

/** The button that starts a sync of this kind. */
export function syncActionLabel(kind: SyncKind): string {
  switch (kind) {
    case "inventory":
      return "Sync inventory";
    case "policies":
      return "Sync policies";
    case "groups":
      return "Sync groups";
    case "roles":
      return "Sync roles";
  }
}

/** The short column / menu name of a sync kind. */
export function syncKindLabel(kind: SyncKind): string {
  switch (kind) {
    case "inventory":
      return "Inventory";
    case "policies":
      return "Policies";
    case "groups":
      return "Groups";
    case "roles":
      return "Roles";
  }
}

/** The operation type a sync of this kind runs as. */
export function syncOperationType(kind: SyncKind): OperationType {
  switch (kind) {
    case "inventory":
      return "inventory_sync";
    case "policies":
      return "policy.sync";
    case "groups":
      return "entra_group_sync";
    case "roles":
      return "directory_role_definitions.sync";
  }
}

/** What a sync of this kind is called as a run (the operation type's vocabulary label). */
export function syncRunLabel(kind: SyncKind): string {
  return present("operation_type", syncOperationType(kind)).label;
}

/** "succeeded", "partially succeeded", … as the end of a sentence about a finished run. */
export function outcomeVerb(outcome: RunOutcome): string {
  switch (outcome) {
    case "succeeded":
      return "succeeded";
    case "partially_succeeded":
      return "partially succeeded";
    case "blocked":
      return "was blocked";
    case "failed":
      return "failed";
    case "pending":
      return "has not finished";
  }
}

/** Whether the run is a restore's read-only preview: `restore.execute` with `dry_run` in its inputs. */
export function isRestorePreview(run: Pick<OperationRun, "type" | "context">): boolean {
  if (run.type !== "restore.execute") return false;
  const { context } = run;
  if (context === null || typeof context !== "object" || Array.isArray(context)) return false;
  const inputs = context.inputs;
  if (inputs === null || inputs === undefined || typeof inputs !== "object" || Array.isArray(inputs)) return false;
  return inputs.dry_run === true;
}

/** The label of a run preview restores, which writes nothing (the vocabulary's "Restore" names the work itself). */
export const RESTORE_PREVIEW_LABEL = "Restore preview";

/**
 * What a run is called: its operation type's label, except that a restore's read-only preview is
 * a "Restore preview" — never "Restore", which would say that something was written.
 */
export function runTypeLabel(run: Pick<OperationRun, "type" | "context">): string {
  return isRestorePreview(run) ? RESTORE_PREVIEW_LABEL : present("operation_type", run.type).label;
}

/** "Inventory sync of Contoso succeeded"; "… was cancelled" when an operator stopped it. */
export function completionSentence(run: OperationRun, tenantName: string | null): string {
  const what = runTypeLabel(run);
  const ending = isCancelled(run) ? "was cancelled" : outcomeVerb(run.outcome);
  return `${what}${tenantName === null ? "" : ` of ${tenantName}`} ${ending}`;
}
