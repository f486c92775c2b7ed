import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { columnWidthsStorageKey } from "./columnWidths";
import type { ColumnSpec } from "./fitColumns";
import { columnsStorageKey, useColumnVisibility } from "./useColumnVisibility";

// 670 px in all.
const COLUMNS: ColumnSpec[] = [
  { key: "name", title: "Name", minWidth: 200, required: true },
  { key: "status", title: "Status", minWidth: 100, priority: 3 },
  { key: "directory", title: "Directory ID", minWidth: 120, priority: 1 },
  { key: "connection", title: "Connection", minWidth: 150, priority: 2 },
  { key: "synced", title: "Last sync", minWidth: 100, priority: 2 },
];

function render(width: number, tableId = "tenants") {
  return renderHook(({ width: current }) => useColumnVisibility(tableId, COLUMNS, current), {
    initialProps: { width },
  });
}

const shown = (result: { current: ReturnType<typeof useColumnVisibility> }) =>
  COLUMNS.map((column) => column.key).filter((key) => result.current.isShown(key));

describe("useColumnVisibility", () => {
  it("shows every column while the table is wide enough, or not measured yet", () => {
    expect(shown(render(0).result)).toEqual(["name", "status", "directory", "connection", "synced"]);
    expect(shown(render(670).result)).toEqual(["name", "status", "directory", "connection", "synced"]);
  });

  it("drops the least important columns first as the table narrows, the rightmost of equals first", () => {
    const { result, rerender } = render(600);
    expect(shown(result)).toEqual(["name", "status", "connection", "synced"]);
    rerender({ width: 500 });
    expect(shown(result)).toEqual(["name", "status", "connection"]);
    rerender({ width: 300 });
    expect(shown(result)).toEqual(["name", "status"]);
    rerender({ width: 1200 });
    expect(shown(result)).toEqual(["name", "status", "directory", "connection", "synced"]);
  });

  it("never drops the key column, even when it alone does not fit", () => {
    const { result } = render(100);
    expect(shown(result)).toEqual(["name"]);
  });

  it("still lists columns dropped for width, as chosen but squeezed", () => {
    const { result } = render(500);
    const directory = result.current.choices.find((column) => column.key === "directory");
    expect(directory).toMatchObject({ chosen: true, squeezed: true });
    expect(result.current.choices.map((column) => column.key)).toEqual([
      "name",
      "status",
      "directory",
      "connection",
      "synced",
    ]);
  });

  it("remembers hidden columns per table, and a hidden column frees room for the others", () => {
    const { result, unmount } = render(540);
    expect(shown(result)).toEqual(["name", "status", "connection"]);
    act(() => result.current.setChosen("status", false));
    expect(shown(result)).toEqual(["name", "connection", "synced"]);
    expect(JSON.parse(window.localStorage.getItem(columnsStorageKey("tenants")) ?? "null")).toEqual(["status"]);
    unmount();

    // A new window (or a later visit) finds the choice; another table has its own.
    expect(shown(render(1200).result)).toEqual(["name", "directory", "connection", "synced"]);
    expect(shown(render(1200, "operations").result)).toEqual(["name", "status", "directory", "connection", "synced"]);

    const again = render(1200).result;
    act(() => again.current.setChosen("status", true));
    expect(shown(again)).toEqual(["name", "status", "directory", "connection", "synced"]);
    act(() => again.current.setChosen("directory", false));
    act(() => again.current.setChosen("synced", false));
    act(() => again.current.reset());
    expect(shown(again)).toEqual(["name", "status", "directory", "connection", "synced"]);
  });

  it("cannot hide the key column, whatever is asked or stored", () => {
    window.localStorage.setItem(columnsStorageKey("tenants"), JSON.stringify(["name", "directory"]));
    const { result } = render(1200);
    expect(shown(result)).toEqual(["name", "status", "connection", "synced"]);
    act(() => result.current.setChosen("name", false));
    expect(result.current.isShown("name")).toBe(true);
    expect(result.current.choices[0]).toMatchObject({ key: "name", chosen: true, required: true });
  });
});

describe("useColumnVisibility widths", () => {
  // The key column takes the rest; the others have their own widths.
  const SIZED: ColumnSpec[] = [
    { key: "name", title: "Name", minWidth: 200, required: true },
    { key: "status", title: "Status", minWidth: 100, width: 100, priority: 3 },
    { key: "connection", title: "Connection", minWidth: 150, width: 150, priority: 2 },
    { key: "synced", title: "Last sync", minWidth: 100, width: 100, priority: 1 },
  ];
  const renderSized = (width: number, tableId = "tenants") =>
    renderHook(({ width: current }) => useColumnVisibility(tableId, SIZED, current), { initialProps: { width } });
  const shownSized = (result: { current: ReturnType<typeof useColumnVisibility> }) =>
    SIZED.map((column) => column.key).filter((key) => result.current.isShown(key));

  it("renders each column at its own width, and the key column at none (it takes the rest)", () => {
    const { result } = renderSized(1000);
    expect(SIZED.map((column) => result.current.widthOf(column.key))).toEqual([undefined, 100, 150, 100]);
    expect(result.current.resizer("name")).toBeNull();
    expect(result.current.resizer("status")).toMatchObject({
      edge: "start",
      width: 100,
      bounds: { min: 100, max: 550 },
    });
    expect(result.current.resized).toBe(false);
  });

  it("remembers a resized width per table beside the hidden columns, within the room there is", () => {
    const { result, unmount } = renderSized(700);
    act(() => result.current.resizer("connection")?.setWidth(190));
    expect(result.current.widthOf("connection")).toBe(190);
    expect(JSON.parse(window.localStorage.getItem(columnWidthsStorageKey("tenants")) ?? "null")).toEqual({
      connection: 190,
    });
    // Wider than the room the others leave: as wide as that.
    act(() => result.current.resizer("connection")?.setWidth(900));
    expect(result.current.widthOf("connection")).toBe(300);
    // Narrower than its minimum: its minimum.
    act(() => result.current.resizer("connection")?.setWidth(20));
    expect(result.current.widthOf("connection")).toBe(150);
    act(() => result.current.resizer("status")?.setWidth(160));
    unmount();

    const again = renderSized(700).result;
    expect(again.current.widthOf("status")).toBe(160);
    expect(again.current.resized).toBe(true);
    expect(renderSized(700, "operations").result.current.widthOf("status")).toBe(100);
  });

  it("lets the least important columns give way to a resized one when the window narrows", () => {
    window.localStorage.setItem(columnWidthsStorageKey("tenants"), JSON.stringify({ status: 250 }));
    const { result, rerender } = renderSized(700);
    expect(shownSized(result)).toEqual(["name", "status", "connection", "synced"]);
    rerender({ width: 600 });
    expect(shownSized(result)).toEqual(["name", "status", "connection"]);
    rerender({ width: 500 });
    expect(shownSized(result)).toEqual(["name", "status"]);
  });

  it("puts one column or every column back to its own width", () => {
    const { result } = renderSized(1000);
    act(() => result.current.resizer("status")?.setWidth(140));
    act(() => result.current.resizer("synced")?.setWidth(140));
    act(() => result.current.resizer("status")?.reset());
    expect(result.current.widthOf("status")).toBe(100);
    expect(result.current.widthOf("synced")).toBe(140);
    act(() => result.current.resetWidths());
    expect(result.current.widthOf("synced")).toBe(100);
    expect(result.current.resized).toBe(false);
  });
});
