import { Table, Text, UnstyledButton } from "@mantine/core";
import { type SortingState, useTable } from "@tanstack/react-table";
import { type KeyboardEvent, useState } from "react";
import type { TenantId } from "../../bindings/types";
import { HEADER_HEIGHT } from "../../components/layout";
import { type TenantRow, tenantColumnSpecs, tenantColumns, tenantFeatures } from "./columns";
import { ariaSort, SortIcon } from "./SortIcon";
import classes from "./TenantsTable.module.css";

type TenantsTableProps = {
  rows: TenantRow[];
  search: string;
  /** Whether a column (by id) is shown: the operator's choice, fitted to the width. */
  isShown: (columnId: string) => boolean;
  onOpen: (tenantId: TenantId) => void;
};

const getRowId = (row: TenantRow) => row.tenant.id;

export function TenantsTable({ rows: data, search, isShown, onOpen }: TenantsTableProps) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "name", desc: false }]);
  // Roving tab stop: Tab enters the table once, arrow keys move within it.
  const [focusIndex, setFocusIndex] = useState(0);
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
  const tabStop = Math.min(focusIndex, rows.length - 1);

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, tenantId: TenantId) => {
    // Keys pressed on controls inside the row (the copy button) are theirs.
    if (event.target !== event.currentTarget) return;
    const target = rowTarget(event);
    if (target !== undefined) {
      event.preventDefault();
      target?.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      onOpen(tenantId);
    }
  };

  return (
    <Table stickyHeader stickyHeaderOffset={HEADER_HEIGHT} highlightOnHover verticalSpacing={6} aria-label="Tenants">
      <Table.Thead>
        {table.getHeaderGroups().map((group) => (
          <Table.Tr key={group.id}>
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
              const direction = header.column.getIsSorted();
              if (!header.column.getCanSort()) {
                return (
                  <Table.Th key={header.id} rowSpan={header.rowSpan} className={classes.leafHeader}>
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
                >
                  <UnstyledButton className={classes.sortButton} onClick={header.column.getToggleSortingHandler()}>
                    <table.FlexRender header={header} />
                    <SortIcon direction={direction} />
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr
            key={row.id}
            className={classes.row}
            data-testid="tenant-row"
            tabIndex={index === tabStop ? 0 : -1}
            onFocus={() => setFocusIndex(index)}
            onClick={() => onOpen(row.original.tenant.id)}
            onKeyDown={(event) => onRowKeyDown(event, row.original.tenant.id)}
          >
            {row.getVisibleCells().map((cell) => (
              <Table.Td key={cell.id}>
                <table.FlexRender cell={cell} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={table.getVisibleLeafColumns().length}>
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

/** The row a navigation key moves to: undefined if not a navigation key, null at an edge. */
function rowTarget(event: KeyboardEvent<HTMLTableRowElement>): HTMLElement | null | undefined {
  const row = event.currentTarget;
  const body = row.parentElement;
  const pick = (element: Element | null | undefined) => (element instanceof HTMLElement ? element : null);
  switch (event.key) {
    case "ArrowDown":
      return pick(row.nextElementSibling);
    case "ArrowUp":
      return pick(row.previousElementSibling);
    case "Home":
      return pick(body?.firstElementChild);
    case "End":
      return pick(body?.lastElementChild);
    default:
      return undefined;
  }
}
