import { Skeleton, Table } from "@mantine/core";
import type { Key, KeyboardEvent, ReactNode } from "react";
import { HEADER_HEIGHT } from "./layout";
import { slots } from "./slots";
import { TABLE_HEAD_HEIGHT, type useVirtualGrid } from "./useVirtualGrid";
import { VirtualSpacer } from "./VirtualSpacer";

/** What `useVirtualGrid` returns: the virtualiser's window onto the list and the highlighted row. */
export type VirtualGrid = ReturnType<typeof useVirtualGrid>;

/** A row's own `data-*` attributes (its id, status, whether it is open…), for styles and tests. */
export type RowData = { [name: `data-${string}`]: string | number | boolean | undefined };

type VirtualGridTableProps<Row> = {
  /**
   * The table's `useVirtualGrid`. The table calls the hook itself, not this component: a paged
   * table needs the rows in view before rendering, to fetch the pages they are on.
   */
  grid: VirtualGrid;
  /** The row at a position in the list, or undefined while its page loads (a skeleton row stands in). */
  rowAt: (index: number) => Row | undefined;
  rowKey: (row: Row, index: number) => Key;
  /** The grid's accessible name. */
  label: string;
  testId: string;
  /**
   * A row's data-testid, say "plan-row". It also names the rows' ids (`plan-row-3`, which the
   * grid's aria-activedescendant points at) and the loading rows' testid (`plan-row-loading`).
   */
  rowTestId: string;
  /** The table's CSS module: `.table` and `.row`, whose height comes from ROW_HEIGHT_VAR. */
  classes: { readonly table?: string; readonly row?: string };
  /** The cells of the one header row. */
  head: ReactNode;
  /** Cells in a row: what the spacer rows span and a loading row fills. */
  columnCount: number;
  /** A loaded row's cells; `active` while it is the highlighted row (its controls join the tab order). */
  cells: (row: Row, active: boolean) => ReactNode;
  rowData?: (row: Row) => RowData;
  /** A loading row's cells, when not one short skeleton per cell. */
  loadingCells?: ReactNode;
  /**
   * Opens a row: what Enter does to the highlighted one. Returning false says this row has
   * nothing to open, and leaves the key alone; any other result is ignored.
   */
  onOpen: (row: Row) => unknown;
  /** A click on a row opens it too; otherwise a click only highlights it. */
  clickOpens?: boolean;
  /**
   * For a table whose rows are picked with checkboxes: whether a row is picked. The grid is then
   * multi-selectable and aria-selected tells the picked rows, not the highlighted one.
   */
  isSelected?: (row: Row) => boolean;
  /** Keys the table handles before the grid does (Space selects); true when it took the key. */
  onKey?: (event: KeyboardEvent<HTMLTableElement>, activeRow: Row | undefined) => boolean;
};

/**
 * The shell of the app's long tables: a focusable ARIA grid under a sticky header that renders
 * only the rows on screen (spacer rows stand for the others) and moves one highlighted row with
 * the keyboard (see useVirtualGrid). The table supplies its columns, cells and what opening a row
 * does; the rows' roles, indices, ids and states are the same everywhere.
 */
export function VirtualGridTable<Row>({
  grid,
  rowAt,
  rowKey,
  label,
  testId,
  rowTestId,
  classes,
  head,
  columnCount,
  cells,
  rowData,
  loadingCells,
  onOpen,
  clickOpens = false,
  isSelected,
  onKey,
}: VirtualGridTableProps<Row>) {
  const { activeIndex, setActive } = grid;
  const rowId = (index: number) => `${rowTestId}-${index}`;

  const keyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    // Keys pressed on a row's link or a header's button belong to it; the grid takes only its own.
    if (event.target !== event.currentTarget) return;
    if (onKey?.(event, rowAt(activeIndex))) return;
    grid.onKeyDown(event, (index) => {
      const row = rowAt(index);
      return row !== undefined && onOpen(row) !== false;
    });
  };

  return (
    <Table
      className={classes.table}
      style={grid.tableStyle}
      layout="fixed"
      stickyHeader
      stickyHeaderOffset={HEADER_HEIGHT}
      highlightOnHover
      role="grid"
      aria-label={label}
      aria-rowcount={grid.total + 1}
      aria-multiselectable={isSelected !== undefined || undefined}
      aria-activedescendant={grid.activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={keyDown}
      data-testid={testId}
    >
      <Table.Thead>
        <Table.Tr aria-rowindex={1} style={{ height: TABLE_HEAD_HEIGHT }}>
          {head}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={grid.bodyRef}>
        <VirtualSpacer height={grid.paddingTop} colSpan={columnCount} />
        {grid.virtualRows.map(({ index, key }) => {
          const row = rowAt(index);
          // aria-rowindex counts from 1, and the header row is the first.
          if (row === undefined) {
            return (
              <Table.Tr
                key={key}
                className={classes.row}
                aria-rowindex={index + 2}
                data-testid={`${rowTestId}-loading`}
              >
                {loadingCells ??
                  slots(columnCount).map((cell) => (
                    <Table.Td key={cell}>
                      <Skeleton height={12} radius="sm" width="70%" />
                    </Table.Td>
                  ))}
              </Table.Tr>
            );
          }
          const active = index === activeIndex;
          const selected = isSelected?.(row);
          return (
            <Table.Tr
              key={rowKey(row, index)}
              id={rowId(index)}
              className={classes.row}
              aria-rowindex={index + 2}
              aria-selected={selected ?? active}
              data-active={active || undefined}
              data-selected={selected || undefined}
              data-testid={rowTestId}
              {...rowData?.(row)}
              onClick={() => {
                setActive(index);
                if (clickOpens) onOpen(row);
              }}
            >
              {cells(row, active)}
            </Table.Tr>
          );
        })}
        <VirtualSpacer height={grid.paddingBottom} colSpan={columnCount} />
      </Table.Tbody>
    </Table>
  );
}
