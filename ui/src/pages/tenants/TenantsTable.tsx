import { Table, Text, UnstyledButton } from "@mantine/core";
import { type SortingState, useTable } from "@tanstack/react-table";
import { useState } from "react";
import type { TenantId } from "../../bindings/types";
import { HEADER_HEIGHT } from "../../components/layout";
import { TABLE_HEAD_HEIGHT, useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualSpacer } from "../../components/VirtualSpacer";
import { RowControlsTabbable } from "./cells";
import { type TenantRow, tenantColumnSpecs, tenantColumns, tenantFeatures } from "./columns";
import { ariaSort, SortIcon } from "./SortIcon";
import classes from "./TenantsTable.module.css";

const OVERSCAN = 8;
/** The two header rows when the "Last sync" heading sits over its columns. */
const GROUP_HEAD_HEIGHT = 24;
const LEAF_HEAD_HEIGHT = 34;

/** Each column's width but the name's, which takes what the others leave. */
const columnWidths: Record<string, number | undefined> = Object.fromEntries(
  tenantColumnSpecs.map((spec) => [spec.key, spec.required === true ? undefined : spec.minWidth]),
);

type TenantsTableProps = {
  rows: TenantRow[];
  search: string;
  /** Whether a column (by id) is shown: the operator's choice, fitted to the width. */
  isShown: (columnId: string) => boolean;
  onOpen: (tenantId: TenantId) => void;
};

const getRowId = (row: TenantRow) => row.tenant.id;

/**
 * The workspace's tenants in one table that renders only the rows on screen (it stays fast with
 * hundreds of tenants). Keyboard: the table is one tab stop; arrows, Page Up/Down, Home and End
 * move the highlighted row, Enter opens its tenant, and Tab reaches the highlighted row's copy
 * button.
 */
export function TenantsTable({ rows: data, search, isShown, onOpen }: TenantsTableProps) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "name", desc: false }]);
  const table = useTable({
    features: tenantFeatures,
    columns: tenantColumns,
    data,
    getRowId,
    state: {
      sorting,
      globalFilter: search,
      columnVisibility: Object.fromEntries(tenantColumnSpecs.map((column) => [column.key, isShown(column.key)])),
    },
    onSortingChange: setSorting,
    globalFilterFn: "includesString",
  });
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
      // Keys pressed on a button or a header belong to it; the table moves only its own highlight.
      onKeyDown={(event) => event.target === event.currentTarget && onKeyDown(event, openAt)}
      data-testid="tenants-table"
    >
      <colgroup>
        {leafColumns.map((column) => (
          <col key={column.id} style={{ width: columnWidths[column.id] }} />
        ))}
      </colgroup>
      <Table.Thead>
        {headerGroups.map((group, groupIndex) => (
          <Table.Tr key={group.id} aria-rowindex={groupIndex + 1}>
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
              if (!header.column.getCanSort()) {
                return (
                  <Table.Th key={header.id} rowSpan={header.rowSpan} className={classes.leafHeader} style={{ height }}>
                    <table.FlexRender header={header} />
                  </Table.Th>
                );
              }
              return (
                <Table.Th
                  key={header.id}
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
                </Table.Th>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody ref={bodyRef}>
        <VirtualSpacer height={paddingTop} colSpan={leafColumns.length} />
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (row === undefined) return null;
          const isActive = virtualRow.index === activeIndex;
          return (
            <Table.Tr
              key={row.id}
              id={rowId(virtualRow.index)}
              className={classes.row}
              aria-rowindex={virtualRow.index + headerGroups.length + 1}
              aria-selected={isActive}
              data-active={isActive || undefined}
              data-testid="tenant-row"
              data-tenant-id={row.original.tenant.id}
              onClick={() => {
                setActive(virtualRow.index);
                onOpen(row.original.tenant.id);
              }}
            >
              <RowControlsTabbable value={isActive}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id} data-column={cell.column.id}>
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </RowControlsTabbable>
            </Table.Tr>
          );
        })}
        <VirtualSpacer height={paddingBottom} colSpan={leafColumns.length} />
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={leafColumns.length}>
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
