import type { GroupOverride, PolicyVersionId, Restore, RestoreAction, RestorePlanItem } from "../../bindings/types";
import { ACTIONS } from "./restoreWords";

/** The plan table's filters and the item open in its drawer, as kept in the address (so Back restores them). */
export type PlanView = {
  /** One action, or every one (identical items only with `identical`). */
  action: RestoreAction | null;
  /** One catalog type, or every one. */
  type: string | null;
  /** Identical items are listed too when no action is chosen. */
  identical: boolean;
  /** The item open in the drawer, by the version it would write. */
  item: PolicyVersionId | null;
};

export const ACTION_PARAM = "action";
export const TYPE_PARAM = "type";
export const IDENTICAL_PARAM = "identical";
export const ITEM_PARAM = "item";

export function readPlanView(params: URLSearchParams): PlanView {
  const action = params.get(ACTION_PARAM);
  return {
    action: ACTIONS.find((known) => known === action) ?? null,
    type: params.get(TYPE_PARAM),
    identical: params.get(IDENTICAL_PARAM) === "1",
    item: params.get(ITEM_PARAM),
  };
}

/** The address parameters after a change of the view; the rest of the address stays. */
export function writePlanView(current: URLSearchParams, view: PlanView): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | null) => (value === null ? next.delete(key) : next.set(key, value));
  set(ACTION_PARAM, view.action);
  set(TYPE_PARAM, view.type);
  set(IDENTICAL_PARAM, view.identical ? "1" : null);
  set(ITEM_PARAM, view.item);
  return next;
}

/** Where an action's items come in the table: what needs a look first, identical last. */
const ORDER: Record<RestoreAction, number> = { conflict: 0, create: 1, update: 2, delete: 3, skip: 4 };

/**
 * The items the view shows, conflicts first, then what would be created, updated, deleted, and
 * what is identical; by type label and name within each. Without a chosen action identical items are
 * left out unless `identical` says to list them.
 */
export function shownItems(
  items: readonly RestorePlanItem[],
  view: Pick<PlanView, "action" | "type" | "identical">,
  typeLabel: (key: string) => string,
): RestorePlanItem[] {
  return items
    .filter(
      (item) =>
        (view.action === null ? view.identical || item.action !== "skip" : item.action === view.action) &&
        (view.type === null || item.object_type === view.type),
    )
    .sort(
      (a, b) =>
        ORDER[a.action] - ORDER[b.action] ||
        typeLabel(a.object_type).localeCompare(typeLabel(b.object_type)) ||
        a.display_name.localeCompare(b.display_name),
    );
}

/** The plan's types with how many items each, by label. */
export function planTypes(
  items: readonly RestorePlanItem[],
  typeLabel: (key: string) => string,
): { key: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.object_type, (counts.get(item.object_type) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, label: typeLabel(key), count }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** A change of one source group's mapping not yet previewed: its new choice (null: the automatic one again) and the group's name. */
export type PendingChoice = { override: GroupOverride | null; name: string | null };

/** The overrides a new preview is asked with: the restore's own, changed by the operator's pending choices. */
export function withPending(
  overrides: Restore["group_overrides"],
  pending: Record<string, PendingChoice>,
): Record<string, GroupOverride> {
  const next: Record<string, GroupOverride> = {};
  for (const [id, choice] of Object.entries(overrides)) if (choice !== undefined) next[id] = choice;
  for (const [id, change] of Object.entries(pending)) {
    if (change.override === null) delete next[id];
    else next[id] = change.override;
  }
  return next;
}
