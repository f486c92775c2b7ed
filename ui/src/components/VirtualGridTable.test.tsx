import { Table } from "@mantine/core";
import { act, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ComponentProps, useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithMantine } from "../test/render";
import { useVirtualGrid } from "./useVirtualGrid";
import { VirtualGridTable } from "./VirtualGridTable";

type Fruit = { id: string; name: string };

const FRUITS: Fruit[] = ["Apple", "Banana", "Cherry", "Date", "Elder"].map((name) => ({
  id: name.toLowerCase(),
  name,
}));

type Props = Partial<ComponentProps<typeof VirtualGridTable<Fruit>>> & {
  rows?: (Fruit | undefined)[];
};

/** A table as the app's use it: it owns the grid and hands it to the shell. */
function Fruits({ rows = FRUITS, ...props }: Props) {
  const grid = useVirtualGrid({ total: rows.length, overscan: 5, resetKey: "fruits" });
  return (
    <VirtualGridTable
      grid={grid}
      rowAt={(index) => rows[index]}
      rowKey={(fruit) => fruit.id}
      label="Fruits"
      testId="fruit-table"
      rowTestId="fruit-row"
      classes={{ table: "table", row: "row" }}
      head={
        <>
          <Table.Th>Name</Table.Th>
          <Table.Th>Id</Table.Th>
        </>
      }
      columnCount={2}
      cells={(fruit, active) => (
        <>
          <Table.Td>
            <button type="button" tabIndex={active ? undefined : -1}>
              {fruit.name}
            </button>
          </Table.Td>
          <Table.Td>{fruit.id}</Table.Td>
        </>
      )}
      rowData={(fruit) => ({ "data-fruit": fruit.id })}
      onOpen={() => undefined}
      {...props}
    />
  );
}

/** Fruits picked with Space, as a table with checkboxes would; Date is picked from the start. */
function Picking() {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set(["date"]));
  return (
    <Fruits
      isSelected={(fruit) => picked.has(fruit.id)}
      onKey={(event, fruit) => {
        if (event.key !== " " || fruit === undefined) return false;
        event.preventDefault();
        setPicked(new Set([...picked, fruit.id]));
        return true;
      }}
    />
  );
}

const grid = () => screen.getByRole("grid", { name: "Fruits" });
const rows = () => screen.getAllByTestId("fruit-row");
const row = (name: string) => {
  const found = rows().find((candidate) => candidate.textContent?.includes(name));
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

/** Focuses the grid, as Tab would. */
function focusGrid() {
  act(() => grid().focus());
}

describe("VirtualGridTable", () => {
  // The grid scrolls the highlighted row into view; jsdom has no scrolling.
  beforeEach(() => {
    vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
  });

  it("renders an ARIA grid: one tab stop, the header as its first row, every row numbered after it", () => {
    renderWithMantine(<Fruits />);
    const table = grid();
    expect(table).toHaveAttribute("tabindex", "0");
    expect(table).toHaveAttribute("aria-rowcount", "6");
    expect(table).toHaveAttribute("data-testid", "fruit-table");
    expect(table).toHaveClass("table");
    expect(table).not.toHaveAttribute("aria-multiselectable");
    const [header] = within(table).getAllByRole("row");
    expect(header).toHaveAttribute("aria-rowindex", "1");
    expect(screen.getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Name", "Id"]);

    // The rows after the header are the list's, in order.
    expect(within(table).getAllByRole("row").slice(1)).toEqual(rows());
    expect(rows()).toHaveLength(5);
    rows().forEach((tr, index) => {
      expect(tr).toHaveAttribute("id", `fruit-row-${index}`);
      expect(tr).toHaveAttribute("aria-rowindex", String(index + 2));
      expect(tr).toHaveClass("row");
      expect(tr).toHaveAttribute("data-fruit", FRUITS[index]?.id);
      expect(tr).not.toHaveAttribute("data-selected");
    });
    // The first row starts highlighted: it alone is selected, active and has its controls tabbable.
    expect(table).toHaveAttribute("aria-activedescendant", "fruit-row-0");
    expect(rows().map((tr) => tr.getAttribute("aria-selected"))).toEqual(["true", "false", "false", "false", "false"]);
    expect(rows().map((tr) => tr.hasAttribute("data-active"))).toEqual([true, false, false, false, false]);
    expect(within(row("Apple")).getByRole("button")).not.toHaveAttribute("tabindex");
    expect(within(row("Banana")).getByRole("button")).toHaveAttribute("tabindex", "-1");
  });

  it("moves the highlight with the arrows, Home, End and Page Up/Down, never past either end", async () => {
    renderWithMantine(<Fruits />);
    focusGrid();
    const active = () => grid().getAttribute("aria-activedescendant");

    await userEvent.keyboard("{ArrowDown}");
    expect(active()).toBe("fruit-row-1");
    expect(row("Banana")).toHaveAttribute("aria-selected", "true");
    expect(row("Banana")).toHaveAttribute("data-active");
    expect(row("Apple")).toHaveAttribute("aria-selected", "false");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}");
    expect(active()).toBe("fruit-row-3");
    await userEvent.keyboard("{ArrowUp}");
    expect(active()).toBe("fruit-row-2");
    await userEvent.keyboard("{End}");
    expect(active()).toBe("fruit-row-4");
    await userEvent.keyboard("{ArrowDown}");
    expect(active()).toBe("fruit-row-4");
    await userEvent.keyboard("{Home}");
    expect(active()).toBe("fruit-row-0");
    await userEvent.keyboard("{ArrowUp}");
    expect(active()).toBe("fruit-row-0");
    // A page is more rows than the list has: Page Down goes to the last, Page Up back to the first.
    await userEvent.keyboard("{PageDown}");
    expect(active()).toBe("fruit-row-4");
    await userEvent.keyboard("{PageUp}");
    expect(active()).toBe("fruit-row-0");
  });

  it("opens the highlighted row with Enter, and leaves Enter alone for a row with nothing to open", async () => {
    const onOpen = vi.fn((fruit: Fruit) => (fruit.id === "cherry" ? false : undefined));
    renderWithMantine(<Fruits onOpen={onOpen} />);
    focusGrid();
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenLastCalledWith(FRUITS[1]);

    // The key is the row's when it opened it (default prevented), not when it had nothing to open.
    expect(fireEvent.keyDown(grid(), { key: "Enter" })).toBe(false);
    await userEvent.keyboard("{ArrowDown}");
    expect(fireEvent.keyDown(grid(), { key: "Enter" })).toBe(true);
    expect(onOpen).toHaveBeenLastCalledWith(FRUITS[2]);
  });

  it("leaves keys pressed on a control inside the table to that control", async () => {
    const onOpen = vi.fn();
    renderWithMantine(<Fruits onOpen={onOpen} />);
    const button = within(row("Apple")).getByRole("button");
    act(() => button.focus());
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(grid()).toHaveAttribute("aria-activedescendant", "fruit-row-0");
    expect(onOpen).not.toHaveBeenCalled();
  });

  it("highlights a clicked row, and opens it only when clicks open rows", async () => {
    const onOpen = vi.fn();
    const { unmount } = renderWithMantine(<Fruits onOpen={onOpen} />);
    await userEvent.click(within(row("Cherry")).getByText("cherry"));
    expect(grid()).toHaveAttribute("aria-activedescendant", "fruit-row-2");
    expect(onOpen).not.toHaveBeenCalled();
    unmount();

    renderWithMantine(<Fruits onOpen={onOpen} clickOpens />);
    await userEvent.click(within(row("Date")).getByText("date"));
    expect(grid()).toHaveAttribute("aria-activedescendant", "fruit-row-3");
    expect(onOpen).toHaveBeenCalledWith(FRUITS[3]);
  });

  it("stands a skeleton row in for a row still loading, which cannot be opened", async () => {
    const onOpen = vi.fn();
    renderWithMantine(<Fruits rows={[FRUITS[0], undefined, FRUITS[2]]} onOpen={onOpen} />);
    expect(rows()).toHaveLength(2);
    const loading = screen.getByTestId("fruit-row-loading");
    expect(loading).toHaveAttribute("aria-rowindex", "3");
    expect(loading).not.toHaveAttribute("id");
    expect(loading).not.toHaveAttribute("aria-selected");
    expect(loading.querySelectorAll("td")).toHaveLength(2);

    focusGrid();
    await userEvent.keyboard("{ArrowDown}");
    expect(fireEvent.keyDown(grid(), { key: "Enter" })).toBe(true);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it("tells picked rows by aria-selected in a multi-selectable grid, and lets the table take keys first", async () => {
    renderWithMantine(<Picking />);
    expect(grid()).toHaveAttribute("aria-multiselectable", "true");
    expect(rows().map((tr) => tr.getAttribute("aria-selected"))).toEqual(["false", "false", "false", "true", "false"]);
    expect(row("Date")).toHaveAttribute("data-selected");
    expect(row("Apple")).not.toHaveAttribute("data-selected");
    // The highlight is still shown, apart from the selection.
    expect(row("Apple")).toHaveAttribute("data-active");

    focusGrid();
    await userEvent.keyboard("{ArrowDown} ");
    expect(row("Banana")).toHaveAttribute("aria-selected", "true");
    expect(row("Banana")).toHaveAttribute("data-selected");
    expect(grid()).toHaveAttribute("aria-activedescendant", "fruit-row-1");
  });

  it("renders only the rows on screen of a long list, spacer rows standing for the rest", () => {
    const many = Array.from({ length: 2_000 }, (_, index) => ({ id: `f${index}`, name: `Fruit ${index}` }));
    renderWithMantine(<Fruits rows={many} />);
    expect(grid()).toHaveAttribute("aria-rowcount", "2001");
    const rendered = rows().length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    // The spacer after them is hidden from assistive technology and spans every column.
    const spacer = grid().querySelector("tbody > tr:last-child");
    expect(spacer).toHaveAttribute("aria-hidden", "true");
    expect(spacer?.querySelector("td")).toHaveAttribute("colspan", "2");
  });
});
