/** One column of a table, as the column chooser and the width fitting see it. */
export type ColumnSpec = {
  key: string;
  title: string;
  /** The narrowest the column is still useful at, in px (its fixed width, if it has one). */
  minWidth: number;
  /** Its width as rendered, px, until the operator resizes it; none for a column that takes the rest. */
  width?: number;
  /**
   * How much the column matters: when the table is too narrow, the lowest gives way first
   * (ties: the rightmost first). Ignored for a required column.
   */
  priority?: number;
  /** The table's key column (the name): never hidden, by the operator or by width. */
  required?: boolean;
};

/** Widths the operator gave columns by resizing them, px, by column key. */
export type ColumnWidths = Readonly<Record<string, number>>;

const NONE: ColumnWidths = {};

/**
 * The room a column claims when the columns are fitted: the width the operator resized it to,
 * else its minimum (a column with a fixed width has it as its minimum; one that takes the rest
 * needs at least its minimum).
 */
export function countedWidth(column: ColumnSpec, widths: ColumnWidths = NONE): number {
  return widths[column.key] ?? column.minWidth;
}

/**
 * The columns shown in a table `width` px wide: the ones the operator has not hidden, less the
 * least important while they do not fit, each counted at its resized width if it has one.
 * Required columns always stay, even when they alone overflow. A width of 0 (not measured yet)
 * shows every chosen column.
 */
export function fitColumns(
  columns: readonly ColumnSpec[],
  hidden: ReadonlySet<string>,
  width: number,
  widths: ColumnWidths = NONE,
): { shown: Set<string>; squeezed: Set<string> } {
  const chosen = columns.filter((column) => column.required === true || !hidden.has(column.key));
  const shown = new Set(chosen.map((column) => column.key));
  const squeezed = new Set<string>();
  if (width <= 0) return { shown, squeezed };
  let needed = chosen.reduce((sum, column) => sum + countedWidth(column, widths), 0);
  // Least important first; among equals, the one further right.
  const givesWay = chosen
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.required !== true)
    .sort((a, b) => (a.column.priority ?? 0) - (b.column.priority ?? 0) || b.index - a.index);
  for (const { column } of givesWay) {
    if (needed <= width) break;
    shown.delete(column.key);
    squeezed.add(column.key);
    needed -= countedWidth(column, widths);
  }
  return { shown, squeezed };
}
