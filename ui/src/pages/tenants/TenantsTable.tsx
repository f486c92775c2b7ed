import { Checkbox, Table, Text, UnstyledButton } from "@mantine/core";
import { type KeyboardEvent, useRef } from "react";
import type { TenantId } from "../../bindings/types";
import { type ColumnLayout, ResizableTh, SELECT_COLUMN_WIDTH } from "../../components/columns";
import { HEADER_HEIGHT } from "../../components/layout";
import { TABLE_HEAD_HEIGHT, useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualSpacer } from "../../components/VirtualSpacer";
import { RowControlsTabbable } from "./cells";
import { tenantColumnTitles } from "./columns";
import { ariaSort, SortIcon } from "./SortIcon";
import { rangeBetween } from "./selection";
import classes from "./TenantsTable.module.css";
import type { TenantsTableModel } from "./useTenantsTable";

const OVERSCAN = 8;
/** The two header rows when the "Last sync" heading sits over its columns. */
const GROUP_HEAD_HEIGHT = 24;
const LEAF_HEAD_HEIGHT = 34;

/** The tenants the operator picked for a bulk action, when they may act on any. */
export type TenantSelection = {
  selected: ReadonlySet<TenantId>;
  /** Turns these tenants' selection on or off. */
  onSelect: (ids: TenantId[], on: boolean) => void;
  onClear: () => void;
};

type TenantsTableProps = {
  /** The rows, their order and columns (`useTenantsTable`). */
  model: TenantsTableModel;
  search: string;
  /** Which columns (by id) show and how wide: the operator's choice, fitted to the width. */
  layout: ColumnLayout;
  /** Null when the operator may take no bulk action: no checkboxes. */
  selection: TenantSelection | null;
  onOpen: (tenantId: TenantId) => void;
};

/**
 * The workspace's tenants in one table that renders only the rows on screen (it stays fast with
 * hundreds of tenants). Keyboard: the table is one tab stop; arrows, Page Up/Down, Home and End
 * move the highlighted row, Enter opens its tenant, Space selects it, Escape clears the
 * selection, and Tab reaches the highlighted row's copy button. Shift+click on a checkbox
 * selects the rows between it and the one clicked before.
 */
export function TenantsTable({ model, search, layout, selection, onOpen }: TenantsTableProps) {
  const { table, sorting } = model;
  const rows = table.getRowModel().rows;
  const headerGroups = table.getHeaderGroups();
  const leafColumns = table.getVisibleLeafColumns();
  const grouped = headerGroups.length > 1;
  const headHeight = grouped ? GROUP_HEAD_HEIGHT + LEAF_HEAD_HEIGHT : TABLE_HEAD_HEIGHT;
  // Another order or search is another list: the highlight goes back to its top.
  const resetKey = `${sorting.map((sort) => `${sort.id}:${sort.desc ? "desc" : "asc"}`).join(",")}|${search}`;
  const {
    bodyRef,
    virtualRows,
    activeIndex,
    setActive,
    onKeyDown,
    activeRendered,
    paddingTop,
    paddingBottom,
    tableStyle,
  } = useVirtualGrid({ total: rows.length, overscan: OVERSCAN, resetKey, headHeight });

  const openAt = (index: number) => {
    const row = rows[index];
    if (row !== undefined) onOpen(row.original.tenant.id);
    return row !== undefined;
  };

  // Where a Shift+click range starts: the row whose selection changed last.
  const anchor = useRef<TenantId | null>(null);
  const order = rows.map((row) => row.id);
  const selectedListed = selection === null ? 0 : order.filter((id) => selection.selected.has(id)).length;
  const toggle = (id: TenantId, extend: boolean) => {
    if (selection === null) return;
    const on = !selection.selected.has(id);
    selection.onSelect(extend ? rangeBetween(order, anchor.current, id) : [id], on);
    anchor.current = id;
  };
  const keyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    // Keys pressed on a button, checkbox or header belong to it; the table handles only its own.
    if (event.target !== event.currentTarget) return;
    if (selection !== null && event.key === " ") {
      event.preventDefault();
      const row = rows[activeIndex];
      if (row !== undefined) toggle(row.id, event.shiftKey);
      return;
    }
    if (selection !== null && event.key === "Escape" && selection.selected.size > 0) {
      event.preventDefault();
      selection.onClear();
      return;
    }
    onKeyDown(event, openAt);
  };
  const span = leafColumns.length + (selection === null ? 0 : 1);

  return (
    <Table
      className={classes.table}
      style={tableStyle}
      layout="fixed"
      stickyHeader
      stickyHeaderOffset={HEADER_HEIGHT}
      highlightOnHover
      verticalSpacing={6}
      role="grid"
      aria-label="Tenants"
      aria-rowcount={rows.length + headerGroups.length}
      aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={keyDown}
      data-testid="tenants-table"
    >
      <colgroup>
        {selection !== null && <col style={{ width: SELECT_COLUMN_WIDTH }} />}
        {leafColumns.map((column) => (
          <col key={column.id} style={{ width: layout.widthOf(column.id) }} />
        ))}
      </colgroup>
      <Table.Thead>
        {headerGroups.map((group, groupIndex) => (
          <Table.Tr key={group.id} aria-rowindex={groupIndex + 1}>
            {selection !== null && groupIndex === 0 && (
              <Table.Th rowSpan={headerGroups.length} className={classes.selectHeader}>
                <Checkbox
                  size="xs"
                  aria-label="Select every listed tenant"
                  checked={selectedListed > 0 && selectedListed === order.length}
                  indeterminate={selectedListed > 0 && selectedListed < order.length}
                  onChange={(event) => selection.onSelect(order, event.currentTarget.checked)}
                  data-testid="select-all-tenants"
                />
              </Table.Th>
            )}
            {group.headers.map((header) => {
              // Columns outside the "Last sync" group span both header rows.
              if (header.rowSpan === 0) return null;
              if (!header.isPlaceholder && header.subHeaders.length > 0) {
                return (
                  <Table.Th key={header.id} colSpan={header.colSpan} className={classes.groupHeader}>
                    <table.FlexRender header={header} />
                  </Table.Th>
                );
              }
              const height = grouped ? LEAF_HEAD_HEIGHT : TABLE_HEAD_HEIGHT;
              const direction = header.column.getIsSorted();
              const resizer = layout.resizer(header.column.id);
              if (!header.column.getCanSort()) {
                return (
                  <ResizableTh
                    key={header.id}
                    resizer={resizer}
                    label={tenantColumnTitles[header.column.id]}
                    rowSpan={header.rowSpan}
                    className={classes.leafHeader}
                    style={{ height }}
                  >
                    <table.FlexRender header={header} />
                  </ResizableTh>
                );
              }
              return (
                <ResizableTh
                  key={header.id}
                  resizer={resizer}
                  label={tenantColumnTitles[header.column.id]}
                  rowSpan={header.rowSpan}
                  aria-sort={ariaSort(direction)}
                  className={classes.leafHeader}
                  style={{ height }}
                >
                  <UnstyledButton
                    className={classes.sortButton}
                    onClick={header.column.getToggleSortingHandler()}
                    onKeyDown={(event) => event.stopPropagation()}
                  >
                    <table.FlexRender header={header} />
                    <SortIcon direction={direction} />
                  </UnstyledButton>
                </ResizableTh>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody ref={bodyRef}>
        <VirtualSpacer height={paddingTop} colSpan={span} />
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (row === undefined) return null;
          const isActive = virtualRow.index === activeIndex;
          const isSelected = selection?.selected.has(row.id) ?? false;
          return (
            <Table.Tr
              key={row.id}
              id={rowId(virtualRow.index)}
              className={classes.row}
              aria-rowindex={virtualRow.index + headerGroups.length + 1}
              aria-selected={isActive}
              data-active={isActive || undefined}
              data-selected={isSelected || undefined}
              data-testid="tenant-row"
              data-tenant-id={row.original.tenant.id}
              onClick={() => {
                setActive(virtualRow.index);
                onOpen(row.original.tenant.id);
              }}
            >
              <RowControlsTabbable value={isActive}>
                {selection !== null && (
                  <Table.Td onClick={(event) => event.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      aria-label={`Select ${row.original.tenant.display_name}`}
                      checked={isSelected}
                      onChange={(event) => {
                        setActive(virtualRow.index);
                        toggle(row.id, (event.nativeEvent as MouseEvent).shiftKey === true);
                      }}
                      onKeyDown={(event) => event.stopPropagation()}
                      tabIndex={-1}
                      data-testid="select-tenant"
                    />
                  </Table.Td>
                )}
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id} data-column={cell.column.id}>
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </RowControlsTabbable>
            </Table.Tr>
          );
        })}
        <VirtualSpacer height={paddingBottom} colSpan={span} />
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={span}>
              <Text size="sm" c="dimmed" ta="center" py="md" data-testid="tenants-no-match">
                No tenant matches “{search}”.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

function rowId(index: number): string {
  return `tenant-row-${index}`;
}
