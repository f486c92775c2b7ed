import { useLocalStorage } from "@mantine/hooks";
import { useCallback, useMemo } from "react";
import {
  clampWidth,
  columnWidthsStorageKey,
  type ResizeBounds,
  resizeBounds,
  resizeEdge,
  storedWidths,
} from "./columnWidths";
import { type ColumnSpec, fitColumns } from "./fitColumns";

/** A column as the chooser lists it. */
export type ColumnChoice = ColumnSpec & {
  /** The operator wants it (a required column always is). */
  chosen: boolean;
  /** Chosen, but left out because the table is too narrow for it now. */
  squeezed: boolean;
};

/** What a column's resize handle needs: where it sits, the width now, its bounds and the setters. */
export type ColumnResizer = {
  key: string;
  title: string;
  /** The header edge that is dragged (see `resizeEdge`). */
  edge: "start" | "end";
  /** The width the operator gave it, else its fixed width; none while it shares the rest. */
  width: number | undefined;
  bounds: ResizeBounds;
  /** Resizes it, within the bounds. */
  setWidth: (width: number) => void;
  /** Back to its own width. */
  reset: () => void;
};

export type ColumnVisibility = {
  /** Whether a column is shown now. */
  isShown: (key: string) => boolean;
  /** The width a column is rendered at, px: resized or fixed; none for a column that takes the rest. */
  widthOf: (key: string) => number | undefined;
  /** The resize handle's part of a shown column; none for the key column (it takes the rest). */
  resizer: (key: string) => ColumnResizer | null;
  /** Every column, in order, for the chooser. */
  choices: ColumnChoice[];
  setChosen: (key: string, chosen: boolean) => void;
  /** Back to every column chosen. */
  reset: () => void;
  /** Whether any column was resized. */
  resized: boolean;
  /** Every column back to its own width. */
  resetWidths: () => void;
};

/** What a table needs to lay out its columns. */
export type ColumnLayout = Pick<ColumnVisibility, "isShown" | "widthOf" | "resizer">;

/** Where a table's hidden columns are remembered. */
export function columnsStorageKey(tableId: string): string {
  return `tenantatlas.columns.${tableId}`;
}

/**
 * Which of a table's columns are shown, and how wide: those the operator has not hidden
 * (remembered per table; what is stored is the hidden columns, so a column added later shows by
 * default), less the least important while the table is too narrow for them (`width`, px; 0
 * when not measured yet), each at the width the operator resized it to (remembered per table
 * beside the hidden columns) or its own. The required key column can never be hidden and takes
 * the width the others leave.
 */
export function useColumnVisibility(tableId: string, columns: readonly ColumnSpec[], width: number): ColumnVisibility {
  const [stored, setStored] = useLocalStorage<string[]>({
    key: columnsStorageKey(tableId),
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const [storedSizes, setStoredSizes] = useLocalStorage<Record<string, number>>({
    key: columnWidthsStorageKey(tableId),
    defaultValue: {},
    getInitialValueInEffect: false,
  });
  const hidden = useMemo(() => {
    const hideable = new Set(columns.filter((column) => column.required !== true).map((column) => column.key));
    return new Set((Array.isArray(stored) ? stored : []).filter((key) => hideable.has(key)));
  }, [stored, columns]);
  const widths = useMemo(() => storedWidths(storedSizes, columns), [storedSizes, columns]);
  const { shown, squeezed } = useMemo(
    () => fitColumns(columns, hidden, width, widths),
    [columns, hidden, width, widths],
  );

  const setChosen = useCallback(
    (key: string, chosen: boolean) => {
      const column = columns.find((candidate) => candidate.key === key);
      if (column === undefined || column.required === true) return;
      setStored((current) => {
        const rest = (Array.isArray(current) ? current : []).filter((hiddenKey) => hiddenKey !== key);
        return chosen ? rest : [...rest, key];
      });
    },
    [columns, setStored],
  );
  const reset = useCallback(() => setStored([]), [setStored]);

  const forget = useCallback(
    (key: string) =>
      setStoredSizes((current) => {
        const { [key]: _, ...rest } = storedWidths(current, columns);
        return rest;
      }),
    [columns, setStoredSizes],
  );
  const resetWidths = useCallback(() => setStoredSizes({}), [setStoredSizes]);

  const choices = useMemo(
    () =>
      columns.map((column) => ({
        ...column,
        chosen: column.required === true || !hidden.has(column.key),
        squeezed: squeezed.has(column.key),
      })),
    [columns, hidden, squeezed],
  );
  const isShown = useCallback((key: string) => shown.has(key), [shown]);
  const widthOf = useCallback(
    (key: string) => widths[key] ?? columns.find((column) => column.key === key)?.width,
    [widths, columns],
  );
  const resizer = useCallback(
    (key: string): ColumnResizer | null => {
      const column = columns.find((candidate) => candidate.key === key);
      // The edge between shown columns: resizing what is not shown would change nothing visible.
      const visible = columns.filter((candidate) => shown.has(candidate.key));
      const edge = resizeEdge(visible, key);
      if (column === undefined || edge === null) return null;
      const bounds = resizeBounds(columns, shown, widths, width, key);
      return {
        key,
        title: column.title,
        edge,
        width: widths[key] ?? column.width,
        bounds,
        setWidth: (next: number) =>
          setStoredSizes((current) => ({ ...storedWidths(current, columns), [key]: clampWidth(next, bounds) })),
        reset: () => forget(key),
      };
    },
    [columns, shown, widths, width, setStoredSizes, forget],
  );
  return {
    isShown,
    widthOf,
    resizer,
    choices,
    setChosen,
    reset,
    resized: Object.keys(widths).length > 0,
    resetWidths,
  };
}
