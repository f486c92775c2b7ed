import { Table, Text, Tooltip, UnstyledButton } from "@mantine/core";
import type { TenantId, TenantOverview } from "../../bindings/types";
import { type ColumnLayout, type ColumnResizer, ResizableTh } from "../../components/columns";
import { HEADER_HEIGHT } from "../../components/layout";
import { TABLE_HEAD_HEIGHT, useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualSpacer } from "../../components/VirtualSpacer";
import { ariaSort, SortIcon } from "../tenants/SortIcon";
import type { CellContext } from "./cells";
import { OVERVIEW_COLUMNS, type OverviewColumn } from "./columns";
import classes from "./OverviewTable.module.css";
import type { OverviewSort, OverviewSortKey } from "./overviewView";

const OVERSCAN = 8;
/** The two header rows when the "Last sync" heading sits over its columns. */
const GROUP_HEAD_HEIGHT = 24;
const LEAF_HEAD_HEIGHT = 34;

type OverviewTableProps = {
  rows: readonly TenantOverview[];
  sort: OverviewSort;
  onSort: (key: OverviewSortKey) => void;
  /** Which columns show and how wide: the operator's choice, fitted to the width (see OVERVIEW_COLUMNS). */
  layout: ColumnLayout;
  onOpen: (tenantId: TenantId) => void;
  /** A new value is a new list (another order or search): the highlight goes back to the top. */
  resetKey: string;
  search: string;
  context: Omit<CellContext, "tabbable">;
};

/**
 * Every tenant of the overview in one table that renders only the rows on screen (it stays fast
 * with hundreds of tenants). Keyboard: the table is one tab stop; arrows, Page Up/Down, Home and
 * End move the highlighted row, Enter opens its tenant, and Tab reaches the highlighted row's
 * links (its stale runs, failed runs, findings).
 */
export function OverviewTable({ rows, sort, onSort, layout, onOpen, resetKey, search, context }: OverviewTableProps) {
  const columns = OVERVIEW_COLUMNS.filter((column) => layout.isShown(column.key));
  const grouped = columns.filter((column) => column.group !== undefined);
  const headHeight = grouped.length > 0 ? GROUP_HEAD_HEIGHT + LEAF_HEAD_HEIGHT : TABLE_HEAD_HEIGHT;
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
    if (row !== undefined) onOpen(row.tenant.id);
    return row !== undefined;
  };

  const header = (column: OverviewColumn, rowSpan?: number) => (
    <SortableHeader
      key={column.key}
      column={column}
      sort={sort}
      onSort={onSort}
      rowSpan={rowSpan}
      height={grouped.length > 0 ? LEAF_HEAD_HEIGHT : TABLE_HEAD_HEIGHT}
      width={layout.widthOf(column.key)}
      resizer={layout.resizer(column.key)}
    />
  );

  return (
    <Table
      className={classes.table}
      style={tableStyle}
      layout="fixed"
      stickyHeader
      stickyHeaderOffset={HEADER_HEIGHT}
      highlightOnHover
      role="grid"
      aria-label="Tenants at a glance"
      aria-rowcount={rows.length + (grouped.length > 0 ? 2 : 1)}
      aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      // Keys pressed on a link or a header belong to it; the table moves only its own highlight.
      onKeyDown={(event) => event.target === event.currentTarget && onKeyDown(event, openAt)}
      data-testid="overview-table"
    >
      {/* Fixed layout takes widths from the first header row, where "Last sync" spans its
          columns: the widths are given here instead, and the name takes the rest. */}
      <colgroup>
        {columns.map((column) => {
          const width = layout.widthOf(column.key);
          return <col key={column.key} style={width === undefined ? undefined : { width }} />;
        })}
      </colgroup>
      <Table.Thead>
        {grouped.length === 0 ? (
          <Table.Tr aria-rowindex={1}>{columns.map((column) => header(column))}</Table.Tr>
        ) : (
          <>
            <Table.Tr aria-rowindex={1}>
              {columns.map((column) => {
                if (column.group === undefined) return header(column, 2);
                if (column !== grouped[0]) return null;
                return (
                  <Table.Th key="last_sync" colSpan={grouped.length} className={classes.groupHeader}>
                    Last sync
                  </Table.Th>
                );
              })}
            </Table.Tr>
            <Table.Tr aria-rowindex={2}>{grouped.map((column) => header(column))}</Table.Tr>
          </>
        )}
      </Table.Thead>
      <Table.Tbody ref={bodyRef}>
        <VirtualSpacer height={paddingTop} colSpan={columns.length} />
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (row === undefined) return null;
          const isActive = virtualRow.index === activeIndex;
          const cellContext: CellContext = { ...context, tabbable: isActive };
          return (
            <Table.Tr
              key={row.tenant.id}
              id={rowId(virtualRow.index)}
              className={classes.row}
              aria-rowindex={virtualRow.index + (grouped.length > 0 ? 3 : 2)}
              aria-selected={isActive}
              data-active={isActive || undefined}
              data-alert={alertOf(row)}
              data-testid="overview-row"
              data-tenant-id={row.tenant.id}
              onClick={() => {
                setActive(virtualRow.index);
                onOpen(row.tenant.id);
              }}
            >
              {columns.map((column) => (
                <Table.Td key={column.key} data-column={column.key}>
                  {column.render(row, cellContext)}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
        <VirtualSpacer height={paddingBottom} colSpan={columns.length} />
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={columns.length}>
              <Text size="sm" c="dimmed" ta="center" py="md" data-testid="overview-no-match">
                No tenant matches “{search.trim()}”.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

type SortableHeaderProps = {
  column: OverviewColumn;
  sort: OverviewSort;
  onSort: (key: OverviewSortKey) => void;
  rowSpan: number | undefined;
  height: number;
  width: number | undefined;
  resizer: ColumnResizer | null;
};

function SortableHeader({ column, sort, onSort, rowSpan, height, width, resizer }: SortableHeaderProps) {
  const direction = sort.key === column.key ? sort.direction : false;
  const title = column.header ?? column.title;
  return (
    <ResizableTh
      w={width}
      resizer={resizer}
      rowSpan={rowSpan}
      aria-sort={ariaSort(direction)}
      className={classes.leafHeader}
      style={{ height }}
      data-testid={`overview-sort-${column.key}`}
    >
      <Tooltip label={column.description} openDelay={400} withinPortal>
        <UnstyledButton
          className={classes.sortButton}
          onClick={() => onSort(column.key)}
          onKeyDown={(event) => event.stopPropagation()}
          aria-label={column.title}
        >
          {title}
          <SortIcon direction={direction} />
        </UnstyledButton>
      </Tooltip>
    </ResizableTh>
  );
}

/**
 * The row's edge: red for a refused connection or a credential that has ended, yellow for runs
 * likely stuck or a credential ending within 30 days.
 */
function alertOf(row: TenantOverview): "danger" | "warning" | undefined {
  if (row.tenant.connection_check.state === "failed") return "danger";
  if (row.credential_warning?.state === "expired") return "danger";
  if (row.likely_stale_runs > 0) return "warning";
  if (row.credential_warning?.state === "expires_soon") return "warning";
  return undefined;
}

function rowId(index: number): string {
  return `overview-row-${index}`;
}
