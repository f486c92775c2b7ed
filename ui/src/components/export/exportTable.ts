import type { Timestamp } from "../../bindings/types";
import type { ColumnChoice } from "../columns";
import { dayjs } from "../dates";

/** One column of a table as an export writes it: its title and each row's cell as text. */
export type ExportColumn<Row> = {
  /** The column's key, the same the table and its column chooser use. */
  key: string;
  title: string;
  /** The cell as the table shows it, in words: vocabulary labels, absolute dates (`exportDate`). */
  text: (row: Row) => string;
};

/** A table as the export command takes it: column titles and each row's cell texts, in order. */
export type ExportTable = { columns: string[]; rows: string[][] };

/**
 * A table's rows as text, only the columns `include` keeps (all by default), in the table's
 * column order.
 */
export function toExportTable<Row>(
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
  include: (key: string) => boolean = () => true,
): ExportTable {
  const kept = columns.filter((column) => include(column.key));
  return {
    columns: kept.map((column) => column.title),
    rows: rows.map((row) => kept.map((column) => column.text(row))),
  };
}

/**
 * The columns the operator chose in a table's column chooser: hidden ones are left out of an
 * export; those only squeezed out by a narrow window stay in (the operator wants them).
 */
export function chosenColumns(choices: readonly Pick<ColumnChoice, "key" | "chosen">[]): (key: string) => boolean {
  const chosen = new Set(choices.filter((choice) => choice.chosen).map((choice) => choice.key));
  return (key) => chosen.has(key);
}

/**
 * A moment as an export writes it: local time, to the second, sortable ("2026-12-05 10:15:00"),
 * never "3 min ago". Malformed values are written as received.
 */
export function exportDate(value: Timestamp | null | undefined): string {
  if (value === null || value === undefined) return "";
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD HH:mm:ss") : value;
}
