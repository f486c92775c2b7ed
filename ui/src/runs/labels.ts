import type { OperationRun, RunOutcome, SyncKind } from "../bindings/types";
import { present } from "../vocabulary";

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

/** What a sync of this kind is called as a run (the operation type's vocabulary label). */
export function syncRunLabel(kind: SyncKind): string {
  switch (kind) {
    case "inventory":
      return present("operation_type", "inventory_sync").label;
    case "policies":
      return present("operation_type", "policy.sync").label;
    case "groups":
      return present("operation_type", "entra_group_sync").label;
    case "roles":
      return present("operation_type", "directory_role_definitions.sync").label;
  }
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

/** "Inventory sync of Contoso succeeded". */
export function completionSentence(run: OperationRun, tenantName: string | null): string {
  const what = present("operation_type", run.type).label;
  return `${what}${tenantName === null ? "" : ` of ${tenantName}`} ${outcomeVerb(run.outcome)}`;
}
