import { describe, expect, it } from "vitest";
import { clampWidth, MAX_COLUMN_WIDTH, resizeBounds, resizeEdge, storedWidths } from "./columnWidths";
import { type ColumnSpec, fitColumns } from "./fitColumns";

// 660 px in all at their own widths; the name takes the rest.
const COLUMNS: ColumnSpec[] = [
  { key: "severity", title: "Severity", minWidth: 100, width: 100, priority: 4 },
  { key: "name", title: "Name", minWidth: 200, required: true },
  { key: "status", title: "Status", minWidth: 100, width: 100, priority: 3 },
  { key: "scope", title: "Scope", minWidth: 140, priority: 2 },
  { key: "synced", title: "Last sync", minWidth: 120, width: 120, priority: 1 },
];
const ALL = new Set(COLUMNS.map((column) => column.key));

describe("storedWidths", () => {
  it("keeps whole px of known columns within their bounds, never the key column's", () => {
    expect(storedWidths({ status: 150.4, synced: 10, scope: 5000, name: 400, gone: 300 }, COLUMNS)).toEqual({
      status: 150,
      synced: 120,
      scope: MAX_COLUMN_WIDTH,
    });
  });

  it("drops anything that is not a map of numbers", () => {
    expect(storedWidths(null, COLUMNS)).toEqual({});
    expect(storedWidths(["status"], COLUMNS)).toEqual({});
    expect(storedWidths("status", COLUMNS)).toEqual({});
    expect(storedWidths({ status: "150", synced: Number.NaN }, COLUMNS)).toEqual({});
  });
});

describe("resizeEdge", () => {
  it("gives each boundary to the column on the far side of the key column, none to the key column", () => {
    expect(COLUMNS.map((column) => resizeEdge(COLUMNS, column.key))).toEqual(["end", null, "start", "start", "start"]);
    expect(resizeEdge(COLUMNS, "gone")).toBeNull();
  });
});

describe("fitColumns with resized widths", () => {
  it("counts a resized column at its width, so the least important give way sooner", () => {
    expect([...fitColumns(COLUMNS, new Set(), 660).shown]).toEqual([...ALL]);
    const { shown, squeezed } = fitColumns(COLUMNS, new Set(), 660, { status: 180 });
    expect([...squeezed]).toEqual(["synced"]);
    expect(shown.has("status")).toBe(true);
    // Narrowed back below its own width, nothing gives way.
    expect([...fitColumns(COLUMNS, new Set(), 660, { scope: 140 }).shown]).toEqual([...ALL]);
  });
});

describe("resizeBounds", () => {
  it("lets a column grow by the room the shown columns leave, and shrink to its minimum", () => {
    expect(resizeBounds(COLUMNS, ALL, {}, 760, "status")).toEqual({ min: 100, max: 200 });
    // Room another column took is room this one cannot have.
    expect(resizeBounds(COLUMNS, ALL, { severity: 150 }, 760, "status")).toEqual({ min: 100, max: 150 });
    // A column sharing the rest counts at its minimum.
    expect(resizeBounds(COLUMNS, ALL, {}, 760, "scope")).toEqual({ min: 140, max: 240 });
  });

  it("never lets a column shrink below its minimum, nor grow when there is no room", () => {
    expect(resizeBounds(COLUMNS, ALL, {}, 600, "status")).toEqual({ min: 100, max: 100 });
  });

  it("has only the fixed bounds before the table is measured", () => {
    expect(resizeBounds(COLUMNS, ALL, {}, 0, "synced")).toEqual({ min: 120, max: MAX_COLUMN_WIDTH });
    expect(resizeBounds(COLUMNS, ALL, {}, 5000, "synced")).toEqual({ min: 120, max: MAX_COLUMN_WIDTH });
  });
});

describe("clampWidth", () => {
  it("keeps a width asked for within the bounds, in whole px", () => {
    expect(clampWidth(80, { min: 100, max: 200 })).toBe(100);
    expect(clampWidth(150.6, { min: 100, max: 200 })).toBe(151);
    expect(clampWidth(300, { min: 100, max: 200 })).toBe(200);
  });
});
