import { useLocalStorage } from "@mantine/hooks";
import { useCallback, useMemo } from "react";
import { type ColumnSpec, fitColumns } from "./fitColumns";

/** A column as the chooser lists it. */
export type ColumnChoice = ColumnSpec & {
  /** The operator wants it (a required column always is). */
  chosen: boolean;
  /** Chosen, but left out because the table is too narrow for it now. */
  squeezed: boolean;
};

export type ColumnVisibility = {
  /** Whether a column is shown now. */
  isShown: (key: string) => boolean;
  /** Every column, in order, for the chooser. */
  choices: ColumnChoice[];
  setChosen: (key: string, chosen: boolean) => void;
  /** Back to every column chosen. */
  reset: () => void;
};

/** Where a table's hidden columns are remembered. */
export function columnsStorageKey(tableId: string): string {
  return `tenantatlas.columns.${tableId}`;
}

/**
 * Which of a table's columns are shown: those the operator has not hidden (remembered per table;
 * what is stored is the hidden columns, so a column added later shows by default), less the least
 * important while the table is too narrow for them (`width`, px; 0 when not measured yet).
 * The required key column can never be hidden.
 */
export function useColumnVisibility(tableId: string, columns: readonly ColumnSpec[], width: number): ColumnVisibility {
  const [stored, setStored] = useLocalStorage<string[]>({
    key: columnsStorageKey(tableId),
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const hidden = useMemo(() => {
    const hideable = new Set(columns.filter((column) => column.required !== true).map((column) => column.key));
    return new Set((Array.isArray(stored) ? stored : []).filter((key) => hideable.has(key)));
  }, [stored, columns]);
  const { shown, squeezed } = useMemo(() => fitColumns(columns, hidden, width), [columns, hidden, width]);

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
  return { isShown, choices, setChosen, reset };
}
