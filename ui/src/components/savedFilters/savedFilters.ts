/**
 * A filter set the operator saved under a name: the page's filter parameters as they stand in
 * the address (`type=inventory_sync&outcome=failed`), so applying it is the same as following a
 * link, and a filter the page no longer knows is dropped by the page as any address's would be.
 */
export type SavedFilter = { name: string; query: string };

/** A filter just deleted, with where it stood, so it can be put back. */
export type DeletedFilter = { filter: SavedFilter; index: number };

/** Where a table's saved filters are remembered. */
export function savedFiltersStorageKey(tableId: string): string {
  return `tenantatlas.filters.${tableId}`;
}

/** The parameters among `names` in `params`, in that order: the filter set as it is saved. */
export function filterQuery(params: URLSearchParams, names: readonly string[]): string {
  const kept = new URLSearchParams();
  for (const name of names) for (const value of params.getAll(name)) kept.append(name, value);
  return kept.toString();
}

/** `params` with its filter parameters (`names`) replaced by a saved filter's, the rest kept. */
export function applyFilter(params: URLSearchParams, names: readonly string[], query: string): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of names) next.delete(name);
  for (const [name, value] of new URLSearchParams(query)) if (names.includes(name)) next.append(name, value);
  return next;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** The saved filters worth keeping from what was stored; anything malformed is dropped. */
export function storedFilters(stored: unknown): SavedFilter[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (entry): entry is SavedFilter =>
      typeof entry === "object" &&
      entry !== null &&
      typeof entry.name === "string" &&
      entry.name.trim() !== "" &&
      typeof entry.query === "string",
  );
}

/** The saved filter of this name (any case), if there is one. */
export function findFilter(filters: readonly SavedFilter[], name: string): SavedFilter | undefined {
  return filters.find((filter) => sameName(filter.name, name));
}

/** The list with `query` saved as `name`: a filter of the same name (any case) is replaced where it stands. */
export function saveFilter(filters: readonly SavedFilter[], name: string, query: string): SavedFilter[] {
  const saved = { name: name.trim(), query };
  const at = filters.findIndex((filter) => sameName(filter.name, name));
  return at === -1 ? [...filters, saved] : filters.map((filter, index) => (index === at ? saved : filter));
}

/** The list without the filter of this name, and what was deleted (none if it was not there). */
export function deleteFilter(
  filters: readonly SavedFilter[],
  name: string,
): { filters: SavedFilter[]; deleted: DeletedFilter | null } {
  const index = filters.findIndex((filter) => sameName(filter.name, name));
  const filter = filters[index];
  if (filter === undefined) return { filters: [...filters], deleted: null };
  return { filters: filters.filter((_, at) => at !== index), deleted: { filter, index } };
}

/** A deleted filter put back where it stood, unless one of its name was saved meanwhile. */
export function restoreFilter(filters: readonly SavedFilter[], { filter, index }: DeletedFilter): SavedFilter[] {
  if (findFilter(filters, filter.name) !== undefined) return [...filters];
  return [...filters.slice(0, index), filter, ...filters.slice(index)];
}
