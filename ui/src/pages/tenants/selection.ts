/**
 * The ids from `anchor` to `id` in the order the rows are listed, both included: what a
 * Shift+click selects. Without an anchor still listed (none clicked yet, or it was filtered
 * away), only `id`.
 */
export function rangeBetween<Id extends string>(order: readonly Id[], anchor: Id | null, id: Id): Id[] {
  const to = order.indexOf(id);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  if (to === -1) return [];
  if (from === -1) return [id];
  return order.slice(Math.min(from, to), Math.max(from, to) + 1);
}

/** `selected` with `ids` turned on or off. */
export function withSelection<Id>(selected: ReadonlySet<Id>, ids: readonly Id[], on: boolean): Set<Id> {
  const next = new Set(selected);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}
