import type { KeyboardEvent } from "react";

/** Marks an element (a link, a button) that ↑ and ↓ move between inside its list. */
export const ARROW_ITEM = { "data-arrow-item": "" } as const;

/** The marked items of `container`, in document order. */
function arrowItems(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>("[data-arrow-item]")];
}

/** Moves focus to the first marked item of `container`; false when it has none. */
export function focusFirstItem(container: HTMLElement | null): boolean {
  const first = container === null ? undefined : arrowItems(container)[0];
  first?.focus();
  return first !== undefined;
}

/**
 * ↑/↓ on a marked item inside `container` (a list of results with links and buttons) move focus
 * to the previous or next one; Home/End to the first or last. ↑ on the first item returns to
 * `above` (the search box the list belongs to) when there is one. Other keys are left alone.
 */
export function onArrowKeys(
  event: KeyboardEvent<HTMLElement>,
  container: HTMLElement | null,
  above?: HTMLElement | null,
): void {
  if (container === null || event.altKey || event.ctrlKey || event.metaKey) return;
  const items = arrowItems(container);
  const index = items.indexOf(event.target as HTMLElement);
  if (index === -1) return;
  const next = target(event.key, items, index, above ?? null);
  if (next === null) return;
  event.preventDefault();
  next.focus();
}

/** Where a key moves focus from the item at `index`, or null when the key is not a move. */
function target(key: string, items: HTMLElement[], index: number, above: HTMLElement | null): HTMLElement | null {
  switch (key) {
    case "ArrowDown":
      return items[Math.min(index + 1, items.length - 1)] ?? null;
    case "ArrowUp":
      return index === 0 ? (above ?? items[0] ?? null) : (items[index - 1] ?? null);
    case "Home":
      return items[0] ?? null;
    case "End":
      return items[items.length - 1] ?? null;
    default:
      return null;
  }
}
