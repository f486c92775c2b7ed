import { type ColumnSpec, type ColumnWidths, countedWidth } from "./fitColumns";

/** Width of a table's selection checkbox column, px (outside the column specs, reserved when fitting). */
export const SELECT_COLUMN_WIDTH = 44;

/** How far one press of Left or Right moves a column's edge, px (Shift: four times as far). */
export const RESIZE_STEP = 16;

/** No column is resized wider than this, px: past it a cell is mostly empty. */
export const MAX_COLUMN_WIDTH = 720;

/** Where a table's resized column widths are remembered: beside its hidden columns. */
export function columnWidthsStorageKey(tableId: string): string {
  return `tenantatlas.columns.${tableId}.widths`;
}

/**
 * The widths worth keeping from what was stored: whole px of known columns other than the key
 * column (which takes the rest), within the column's bounds. Anything else (a column since
 * removed, a hand-edited value) is dropped rather than trusted.
 */
export function storedWidths(stored: unknown, columns: readonly ColumnSpec[]): ColumnWidths {
  if (stored === null || typeof stored !== "object" || Array.isArray(stored)) return {};
  const values = stored as Record<string, unknown>;
  const kept: Record<string, number> = {};
  for (const column of columns) {
    const value = values[column.key];
    if (column.required === true || typeof value !== "number" || !Number.isFinite(value)) continue;
    kept[column.key] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(column.minWidth, value)));
  }
  return kept;
}

/**
 * Which edge of a column's header the operator drags. The key column takes the width the others
 * leave, so each boundary belongs to the column on its far side from the key column: a column
 * left of it is resized by its right edge ("end"), one right of it by its left edge ("start").
 * Either way the edge follows the pointer, and the key column gives or takes the difference.
 * None for the key column itself.
 */
export function resizeEdge(columns: readonly ColumnSpec[], key: string): "start" | "end" | null {
  const at = columns.findIndex((column) => column.key === key);
  const keyColumn = columns.findIndex((column) => column.required === true);
  if (at === -1 || at === keyColumn) return null;
  return keyColumn === -1 || at < keyColumn ? "end" : "start";
}

export type ResizeBounds = { min: number; max: number };

/**
 * How narrow and how wide a shown column may be made in a table `available` px wide: no narrower
 * than its minimum, no wider than the room the shown columns leave (so resizing never pushes a
 * column out), nor than MAX_COLUMN_WIDTH. Unmeasured (0), only the fixed bounds apply.
 */
export function resizeBounds(
  columns: readonly ColumnSpec[],
  shown: ReadonlySet<string>,
  widths: ColumnWidths,
  available: number,
  key: string,
): ResizeBounds {
  const column = columns.find((candidate) => candidate.key === key);
  if (column === undefined) return { min: 0, max: 0 };
  const min = column.minWidth;
  if (available <= 0) return { min, max: MAX_COLUMN_WIDTH };
  const needed = columns
    .filter((candidate) => shown.has(candidate.key))
    .reduce((sum, candidate) => sum + countedWidth(candidate, widths), 0);
  const room = countedWidth(column, widths) + Math.max(0, available - needed);
  return { min, max: Math.max(min, Math.min(MAX_COLUMN_WIDTH, room)) };
}

/** A width asked for, as whole px within the bounds. */
export function clampWidth(width: number, { min, max }: ResizeBounds): number {
  return Math.round(Math.min(max, Math.max(min, width)));
}
