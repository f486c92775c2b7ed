/** One column of a table, as the column chooser and the width fitting see it. */
export type ColumnSpec = {
  key: string;
  title: string;
  /** The narrowest the column is still useful at, in px (its fixed width, if it has one). */
  minWidth: number;
  /**
   * How much the column matters: when the table is too narrow, the lowest gives way first
   * (ties: the rightmost first). Ignored for a required column.
   */
  priority?: number;
  /** The table's key column (the name): never hidden, by the operator or by width. */
  required?: boolean;
};

/**
 * The columns shown in a table `width` px wide: the ones the operator has not hidden, less the
 * least important while they do not fit. Required columns always stay, even when they alone
 * overflow. A width of 0 (not measured yet) shows every chosen column.
 */
export function fitColumns(
  columns: readonly ColumnSpec[],
  hidden: ReadonlySet<string>,
  width: number,
): { shown: Set<string>; squeezed: Set<string> } {
  const chosen = columns.filter((column) => column.required === true || !hidden.has(column.key));
  const shown = new Set(chosen.map((column) => column.key));
  const squeezed = new Set<string>();
  if (width <= 0) return { shown, squeezed };
  let needed = chosen.reduce((sum, column) => sum + column.minWidth, 0);
  // Least important first; among equals, the one further right.
  const givesWay = chosen
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.required !== true)
    .sort((a, b) => (a.column.priority ?? 0) - (b.column.priority ?? 0) || b.index - a.index);
  for (const { column } of givesWay) {
    if (needed <= width) break;
    shown.delete(column.key);
    squeezed.add(column.key);
    needed -= column.minWidth;
  }
  return { shown, squeezed };
}
