import type { RunChanges } from "../../bindings/types";

/** How a sync changed an object: the three lists of `RunChanges`. */
export type ChangeKind = "added" | "changed" | "removed";

/** In the order a feed reads them: what is new, what moved, what went. */
export const CHANGE_KINDS: readonly ChangeKind[] = ["added", "changed", "removed"];

/** Each kind's word and colour, as the run page's "What changed" shows them. */
export const CHANGE_KIND_STYLE: Record<ChangeKind, { label: string; color: string }> = {
  added: { label: "Added", color: "teal" },
  changed: { label: "Changed", color: "blue" },
  removed: { label: "Removed", color: "gray" },
};

/** How many objects of a kind a sync changed (exact, however many it lists). */
export function changeCount(changes: RunChanges, kind: ChangeKind): number {
  return changes[`${kind}_count` as const];
}

/** "3 added, 12 changed, 1 removed", leaving out kinds with none; "No change" when all are none. */
export function changeCountsSentence(changes: RunChanges): string {
  const parts = CHANGE_KINDS.filter((kind) => changeCount(changes, kind) > 0).map(
    (kind) => `${changeCount(changes, kind).toLocaleString()} ${kind}`,
  );
  return parts.length === 0 ? "No change" : parts.join(", ");
}
