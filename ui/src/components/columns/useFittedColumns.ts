import { useElementWidth } from "../useElementWidth";
import type { ColumnSpec } from "./fitColumns";
import { type ColumnVisibility, useColumnVisibility } from "./useColumnVisibility";

/**
 * `useColumnVisibility` for a table as wide as the element `ref` is put on (the table's
 * container). `reserved` is width taken by columns outside the specs, such as a selection
 * checkbox column.
 */
export function useFittedColumns(
  tableId: string,
  columns: readonly ColumnSpec[],
  { reserved = 0 }: { reserved?: number } = {},
): ColumnVisibility & { ref: (element: HTMLDivElement | null) => void } {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  // 0 means not measured yet (every chosen column shows); a measured width stays above 0.
  const available = width > 0 ? Math.max(1, width - reserved) : 0;
  return { ref, ...useColumnVisibility(tableId, columns, available) };
}
