import { Table } from "@mantine/core";
import { act, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderWithMantine } from "../../test/render";
import { ResizableTh } from "./ColumnResizeHandle";
import { columnWidthsStorageKey, RESIZE_STEP } from "./columnWidths";
import type { ColumnSpec } from "./fitColumns";
import { useColumnVisibility } from "./useColumnVisibility";

const COLUMNS: ColumnSpec[] = [
  { key: "severity", title: "Severity", minWidth: 100, width: 100, priority: 2 },
  { key: "name", title: "Name", minWidth: 200, required: true },
  { key: "status", title: "Status", minWidth: 100, width: 120, priority: 1 },
];

function Harness({ onTableKey }: { onTableKey: () => void }) {
  const layout = useColumnVisibility("harness", COLUMNS, 800);
  return (
    <Table onKeyDown={onTableKey}>
      <Table.Thead>
        <Table.Tr>
          {COLUMNS.map((column) => (
            <ResizableTh key={column.key} resizer={layout.resizer(column.key)} w={layout.widthOf(column.key)}>
              {column.title}
            </ResizableTh>
          ))}
        </Table.Tr>
      </Table.Thead>
    </Table>
  );
}

function renderHarness() {
  const onTableKey = vi.fn();
  renderWithMantine(<Harness onTableKey={onTableKey} />);
  const handle = (name: string) => screen.getByRole("separator", { name: `Resize ${name}` });
  const stored = () => JSON.parse(window.localStorage.getItem(columnWidthsStorageKey("harness")) ?? "{}");
  return { onTableKey, handle, stored };
}

describe("ColumnResizeHandle", () => {
  it("is a focusable splitter on each column but the key column, named after it, saying its width", () => {
    const { handle } = renderHarness();
    expect(screen.queryByRole("separator", { name: "Resize Name" })).not.toBeInTheDocument();
    expect(handle("Status")).toHaveAttribute("tabindex", "0");
    expect(handle("Status")).toHaveAttribute("aria-orientation", "vertical");
    expect(handle("Status")).toHaveAttribute("aria-valuenow", "120");
    expect(handle("Status")).toHaveAttribute("aria-valuemin", "100");
    // The header keeps its own name: the handle's label does not join it.
    expect(screen.getByRole("columnheader", { name: "Status" })).toContainElement(handle("Status"));
  });

  it("moves the edge it sits on with the arrows, further with Shift, to the bounds with Home and End", async () => {
    const { handle, stored, onTableKey } = renderHarness();
    // Right of the key column, the column is resized by its left edge: Left widens it.
    act(() => handle("Status").focus());
    await userEvent.keyboard("{ArrowLeft}");
    expect(stored()).toEqual({ status: 120 + RESIZE_STEP });
    expect(handle("Status")).toHaveAttribute("aria-valuenow", String(120 + RESIZE_STEP));
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(stored()).toEqual({ status: 120 - RESIZE_STEP });
    await userEvent.keyboard("{Shift>}{ArrowLeft}{/Shift}");
    expect(stored()).toEqual({ status: 120 - RESIZE_STEP + 4 * RESIZE_STEP });
    // 800 px: the others take 100 + 200 (the name's minimum), so Status may have 500.
    await userEvent.keyboard("{End}");
    expect(stored()).toEqual({ status: 500 });
    await userEvent.keyboard("{Home}");
    expect(stored()).toEqual({ status: 100 });

    // Left of the key column, by its right edge: Right widens it.
    act(() => handle("Severity").focus());
    await userEvent.keyboard("{ArrowRight}");
    expect(stored()).toMatchObject({ severity: 100 + RESIZE_STEP });
    // Never below the minimum.
    await userEvent.keyboard("{ArrowLeft}{ArrowLeft}{ArrowLeft}");
    expect(stored()).toMatchObject({ severity: 100 });
    // The keys were the handle's: the table's grid never saw them.
    expect(onTableKey).not.toHaveBeenCalled();
  });

  it("follows the pointer while dragged, and stops when it is let go", () => {
    const { handle, stored } = renderHarness();
    fireEvent.pointerDown(handle("Status"), { button: 0, clientX: 500, pointerId: 1 });
    expect(handle("Status")).toHaveAttribute("data-dragging", "true");
    fireEvent.pointerMove(window, { clientX: 470, pointerId: 1 });
    expect(stored()).toEqual({ status: 150 });
    fireEvent.pointerMove(window, { clientX: 460, pointerId: 1 });
    expect(stored()).toEqual({ status: 160 });
    fireEvent.pointerUp(window, { clientX: 460, pointerId: 1 });
    expect(handle("Status")).not.toHaveAttribute("data-dragging");
    fireEvent.pointerMove(window, { clientX: 300, pointerId: 1 });
    expect(stored()).toEqual({ status: 160 });

    // Dragged by its right edge, a column left of the key column grows to the right.
    fireEvent.pointerDown(handle("Severity"), { button: 0, clientX: 100, pointerId: 2 });
    fireEvent.pointerMove(window, { clientX: 130, pointerId: 2 });
    fireEvent.pointerUp(window, { pointerId: 2 });
    expect(stored()).toEqual({ status: 160, severity: 130 });
  });

  it("puts the column back to its own width on a double-click", async () => {
    const { handle, stored } = renderHarness();
    act(() => handle("Status").focus());
    await userEvent.keyboard("{ArrowLeft}");
    expect(stored()).toEqual({ status: 136 });
    await userEvent.dblClick(handle("Status"));
    expect(stored()).toEqual({});
    expect(handle("Status")).toHaveAttribute("aria-valuenow", "120");
  });
});
