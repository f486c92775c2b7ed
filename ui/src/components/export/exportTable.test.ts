import { describe, expect, it } from "vitest";
import { chosenColumns, type ExportColumn, exportDate, toExportTable } from "./exportTable";

type Row = { name: string; count: number; at: string | null };

const columns: ExportColumn<Row>[] = [
  { key: "name", title: "Name", text: (row) => row.name },
  { key: "count", title: "Objects", text: (row) => row.count.toLocaleString() },
  { key: "at", title: "Last seen", text: (row) => exportDate(row.at) },
];

/** A local moment as the backend sends it (UTC, milliseconds). */
const local = (...parts: [number, number, number, number, number, number]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]).toISOString();

describe("toExportTable", () => {
  const rows: Row[] = [
    { name: "Contoso", count: 1200, at: local(2026, 12, 5, 10, 15, 0) },
    { name: "Fabrikam", count: 3, at: null },
  ];

  it("turns rows into their cell texts under the column titles, in column and row order", () => {
    expect(toExportTable(columns, rows)).toEqual({
      columns: ["Name", "Objects", "Last seen"],
      rows: [
        ["Contoso", (1200).toLocaleString(), "2026-12-05 10:15:00"],
        ["Fabrikam", "3", ""],
      ],
    });
  });

  it("leaves out the columns the operator hid in the chooser, and keeps those only squeezed out", () => {
    const include = chosenColumns([
      { key: "name", chosen: true },
      { key: "count", chosen: false },
      { key: "at", chosen: true },
    ]);
    expect(toExportTable(columns, rows, include)).toEqual({
      columns: ["Name", "Last seen"],
      rows: [
        ["Contoso", "2026-12-05 10:15:00"],
        ["Fabrikam", ""],
      ],
    });
  });

  it("writes a header and no rows for an empty table", () => {
    expect(toExportTable(columns, [])).toEqual({ columns: ["Name", "Objects", "Last seen"], rows: [] });
  });
});

describe("exportDate", () => {
  it("writes a moment in local time to the second, sortable, never relative", () => {
    expect(exportDate(local(2026, 1, 2, 3, 4, 5))).toBe("2026-01-02 03:04:05");
  });

  it("writes nothing for no date and a malformed one as received", () => {
    expect(exportDate(null)).toBe("");
    expect(exportDate(undefined)).toBe("");
    expect(exportDate("yesterday-ish")).toBe("yesterday-ish");
  });
});
