/** The most rows a long table's export gathers; a filter that matches more is exported in part. */
export const EXPORT_ROW_CAP = 50_000;

/** Rows asked for per request while gathering (the list commands' largest page). */
export const EXPORT_PAGE_SIZE = 500;

/** One page of a list command's answer. */
export type GatheredPage<T> = {
  items: T[];
  /** How many rows the filter matches, when the command knows; null when it stopped counting. */
  total: number | null;
};

type GatherOptions<T> = {
  /** Reads `limit` rows from `offset` of the current filter. */
  fetchPage: (offset: number, limit: number) => Promise<GatheredPage<T>>;
  /** A row's identity: a row seen on two pages (the list moved while it was read) is kept once. */
  keyOf: (row: T) => string;
  /** Called after each page with the rows gathered so far and the total, when known. */
  onProgress?: (gathered: number, total: number | null) => void;
  cap?: number;
  pageSize?: number;
};

/** What gathering found: the rows, and whether the filter matches more than the cap allowed. */
export type Gathered<T> = { rows: T[]; truncated: boolean };

/**
 * Every row of a list command's current filter, page after page, up to `cap`. Whether more
 * match is told by the total when the command counted that far, and otherwise by asking for
 * one row past the cap.
 */
export async function gatherPages<T>({
  fetchPage,
  keyOf,
  onProgress,
  cap = EXPORT_ROW_CAP,
  pageSize = EXPORT_PAGE_SIZE,
}: GatherOptions<T>): Promise<Gathered<T>> {
  const rows: T[] = [];
  const seen = new Set<string>();
  let offset = 0;
  let total: number | null = null;
  while (rows.length < cap) {
    const limit = Math.min(pageSize, cap - rows.length);
    const page = await fetchPage(offset, limit);
    total = page.total;
    offset += page.items.length;
    for (const row of page.items) {
      const key = keyOf(row);
      if (seen.has(key) || rows.length >= cap) continue;
      seen.add(key);
      rows.push(row);
    }
    onProgress?.(rows.length, total === null ? null : Math.min(total, cap));
    if (page.items.length < limit || (total !== null && offset >= total)) return { rows, truncated: false };
  }
  if (total !== null && total > cap) return { rows, truncated: true };
  if (total !== null && total <= offset) return { rows, truncated: false };
  const beyond = await fetchPage(offset, 1);
  return { rows, truncated: beyond.items.length > 0 };
}
