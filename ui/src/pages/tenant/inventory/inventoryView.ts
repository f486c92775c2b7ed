import type { InventoryQuery } from "../../../api";
import type { InventorySort, InventorySortKey } from "../../../bindings/types";

/** The inventory table's filters and order, as kept in the address (so Back restores them). */
export type InventoryView = InventoryQuery;

export const DEFAULT_SORT: InventorySort = { key: "display_name", direction: "asc" };

const SORT_KEYS: readonly InventorySortKey[] = ["display_name", "object_type", "last_seen_at"];

function isSortKey(value: string | null): value is InventorySortKey {
  return SORT_KEYS.some((key) => key === value);
}

export function readView(params: URLSearchParams): InventoryView {
  const key = params.get("sort");
  const direction = params.get("dir");
  return {
    object_types: params.getAll("type"),
    platform: params.get("platform"),
    search: params.get("q"),
    include_removed: params.get("removed") === "1",
    sort: isSortKey(key)
      ? { key, direction: direction === "desc" ? "desc" : direction === "asc" ? "asc" : defaultDirection(key) }
      : DEFAULT_SORT,
  };
}

/** The address parameters the view is kept in: what a saved filter holds. */
export const VIEW_PARAMS: readonly string[] = ["type", "platform", "q", "removed", "sort", "dir"];

/** Writes the view into `params`, leaving out defaults so the address stays short. */
export function writeView(params: URLSearchParams, view: InventoryView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of VIEW_PARAMS) next.delete(name);
  for (const type of view.object_types) next.append("type", type);
  if (view.platform !== null) next.set("platform", view.platform);
  if (view.search !== null && view.search.trim() !== "") next.set("q", view.search);
  if (view.include_removed) next.set("removed", "1");
  if (view.sort.key !== DEFAULT_SORT.key || view.sort.direction !== DEFAULT_SORT.direction) {
    next.set("sort", view.sort.key);
    next.set("dir", view.sort.direction);
  }
  return next;
}

/** Newest first for times, A→Z for text. */
export function defaultDirection(key: InventorySortKey): "asc" | "desc" {
  return key === "last_seen_at" ? "desc" : "asc";
}

/** Clicking a column: the same column flips, another starts in its natural direction. */
export function nextSort(current: InventorySort, key: InventorySortKey): InventorySort {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: defaultDirection(key) };
}

/** Whether anything narrows the rows (the order does not). */
export function isFiltered(view: InventoryView): boolean {
  return (
    view.object_types.length > 0 || view.platform !== null || (view.search ?? "").trim() !== "" || view.include_removed
  );
}

export const PLATFORMS: { value: string; label: string }[] = [
  { value: "windows", label: "Windows" },
  { value: "macos", label: "macOS" },
  { value: "ios", label: "iOS" },
  { value: "android", label: "Android" },
  { value: "linux", label: "Linux" },
];

/** "windows,macos" → "Windows, macOS"; an unknown platform is shown as stored. */
export function platformLabel(value: string | null): string | null {
  if (value === null || value.trim() === "") return null;
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => PLATFORMS.find((p) => p.value === part.toLowerCase())?.label ?? part)
    .join(", ");
}

const CATEGORY_LABELS: Record<string, string> = {
  configuration: "Configuration",
  compliance: "Compliance",
  scripts: "Scripts",
  apps: "Apps",
  enrollment: "Enrollment",
  updates: "Updates",
  foundations: "Foundations",
  conditional_access: "Conditional Access",
  directory: "Directory",
  connectors: "Connectors and tokens",
};

export function categoryLabel(code: string): string {
  return CATEGORY_LABELS[code] ?? code.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}
