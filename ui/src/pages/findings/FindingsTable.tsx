import { Checkbox, Table, Text } from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { type FindingQuery, useFindingsPages } from "../../api";
import type { FindingId, FindingSummary, FindingsPage, TenantId } from "../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh, SELECT_COLUMN_WIDTH } from "../../components/columns";
import { RelativeTime } from "../../components/RelativeTime";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import { StatusBadge } from "../../vocabulary";
import type { PolicyTypes } from "../baselines/policyTypes";
import classes from "./FindingsTable.module.css";

/** Rows fetched per request; the table asks only for the pages in view. */
export const FINDINGS_PAGE_SIZE = 200;
const OVERSCAN = 10;

type Names = { types: PolicyTypes; tenantNames: Map<TenantId, string> };

type Column = ColumnSpec & { render: (row: FindingSummary, names: Names) => ReactNode };

// The policy's name takes the width the others leave and always shows; the other columns give
// way on narrow tables (the drawer shows them), first seen first, then the type, last seen, the
// tenant and the kind, so the name keeps at least ~240 px.
const COLUMNS: Column[] = [
  {
    key: "severity",
    title: "Severity",
    width: 104,
    minWidth: 104,
    priority: 7,
    render: (row) => <StatusBadge domain="severity" code={row.severity} />,
  },
  {
    key: "subject",
    title: "Policy",
    minWidth: 240,
    required: true,
    render: (row) => (
      <Text size="sm" fw={500} truncate="end" title={row.display_name} data-testid="finding-subject">
        {row.display_name}
      </Text>
    ),
  },
  {
    key: "kind",
    title: "Kind",
    width: 124,
    minWidth: 124,
    priority: 5,
    render: (row) => <StatusBadge domain="finding_kind" code={row.kind} />,
  },
  {
    key: "status",
    title: "Status",
    width: 132,
    minWidth: 132,
    priority: 6,
    render: (row) => <StatusBadge domain="finding_status" code={row.status} />,
  },
  {
    key: "type",
    title: "Type",
    width: 176,
    minWidth: 176,
    priority: 2,
    render: (row, { types }) => (
      <Text size="sm" truncate="end" title={types.label(row.policy_type)}>
        {types.label(row.policy_type)}
      </Text>
    ),
  },
  {
    key: "tenant",
    title: "Tenant",
    width: 160,
    minWidth: 160,
    priority: 4,
    render: (row, { tenantNames }) => {
      const name = tenantNames.get(row.tenant_id) ?? "Tenant";
      return (
        <Text size="sm" truncate="end" title={name} data-testid="finding-tenant">
          {name}
        </Text>
      );
    },
  },
  {
    key: "last",
    title: "Last seen",
    width: 104,
    minWidth: 104,
    priority: 3,
    render: (row) => <RelativeTime value={row.last_seen_at} size="sm" />,
  },
  {
    key: "first",
    title: "First seen",
    width: 104,
    minWidth: 104,
    priority: 1,
    render: (row) => <RelativeTime value={row.first_seen_at} size="sm" />,
  },
];

const WITHOUT_TENANT = COLUMNS.filter((column) => column.key !== "tenant");

function tableColumns(showTenant: boolean): Column[] {
  return showTenant ? COLUMNS : WITHOUT_TENANT;
}

/**
 * The findings table's columns, for the chooser and for fitting them to the width: without the
 * tenant on a tenant's own page.
 */
export const findingColumns: (showTenant: boolean) => readonly ColumnSpec[] = tableColumns;

type FindingsTableProps = {
  workspaceId: string;
  query: FindingQuery;
  /** The first page: its total sizes the list. Fetched by the list so it can tell "no findings". */
  first: FindingsPage;
  types: PolicyTypes;
  tenantNames: Map<TenantId, string>;
  /** Off on a tenant's own page, where every row is that tenant's. */
  showTenant: boolean;
  /** Which columns show and how wide: the operator's choice, fitted to the width (see findingColumns). */
  layout: ColumnLayout;
  /** Null when the operator may neither acknowledge nor remediate: no checkboxes. */
  selection: { selected: ReadonlySet<FindingId>; onSelect: (rows: FindingSummary[], on: boolean) => void } | null;
  onOpen: (row: FindingSummary) => void;
};

/**
 * Findings as one long table that renders only the rows on screen (the page scrolls, the
 * header stays), fetching pages by position as they come into view. Keyboard: the table is one
 * tab stop; arrows, Page Up/Down, Home and End move the highlighted row, Space selects it,
 * Enter opens it.
 */
export function FindingsTable({
  workspaceId,
  query,
  first,
  types,
  tenantNames,
  showTenant,
  layout,
  selection,
  onOpen,
}: FindingsTableProps) {
  const total = first.page.total;
  const columns = tableColumns(showTenant).filter((column) => layout.isShown(column.key));
  const grid = useVirtualGrid({ total, overscan: OVERSCAN, resetKey: JSON.stringify(query) });

  // Page 0 is the list's own query; the others are asked for as they come into view.
  const pageNumbers = useMemo(() => {
    const pages = new Set<number>();
    for (const row of grid.virtualRows) {
      const page = Math.floor(row.index / FINDINGS_PAGE_SIZE);
      if (page > 0) pages.add(page);
    }
    return [...pages].sort((a, b) => a - b);
  }, [grid.virtualRows]);
  const pages = useFindingsPages(workspaceId, query, pageNumbers, FINDINGS_PAGE_SIZE);
  const loaded = new Map<number, FindingsPage>([[0, first]]);
  pageNumbers.forEach((page, i) => {
    const data = pages[i]?.data;
    if (data !== undefined) loaded.set(page, data);
  });
  const rowAt = (index: number): FindingSummary | undefined =>
    loaded.get(Math.floor(index / FINDINGS_PAGE_SIZE))?.page.items[index % FINDINGS_PAGE_SIZE];
  const loadedRows = [...loaded.values()].flatMap((page) => page.page.items);
  const selectedLoaded = selection === null ? 0 : loadedRows.filter((row) => selection.selected.has(row.id)).length;
  const names: Names = { types, tenantNames };

  return (
    <VirtualGridTable
      grid={grid}
      rowAt={rowAt}
      rowKey={(row) => row.id}
      label="Findings"
      testId="findings-table"
      rowTestId="finding-row"
      classes={classes}
      head={
        <>
          {selection !== null && (
            <Table.Th w={SELECT_COLUMN_WIDTH}>
              <Checkbox
                size="xs"
                aria-label="Select every loaded finding"
                checked={selectedLoaded > 0 && selectedLoaded === loadedRows.length}
                indeterminate={selectedLoaded > 0 && selectedLoaded < loadedRows.length}
                onChange={(event) => selection.onSelect(loadedRows, event.currentTarget.checked)}
                onKeyDown={(event) => event.stopPropagation()}
                data-testid="select-all-findings"
              />
            </Table.Th>
          )}
          {columns.map((column) => (
            <ResizableTh key={column.key} w={layout.widthOf(column.key)} resizer={layout.resizer(column.key)}>
              {column.title}
            </ResizableTh>
          ))}
        </>
      }
      columnCount={columns.length + (selection === null ? 0 : 1)}
      cells={(row) => (
        <>
          {selection !== null && (
            <Table.Td onClick={(event) => event.stopPropagation()}>
              <Checkbox
                size="xs"
                aria-label={`Select ${row.display_name}`}
                checked={selection.selected.has(row.id)}
                onChange={(event) => selection.onSelect([row], event.currentTarget.checked)}
                onKeyDown={(event) => event.stopPropagation()}
                tabIndex={-1}
                data-testid="select-finding"
              />
            </Table.Td>
          )}
          {columns.map((column) => (
            <Table.Td key={column.key} data-column={column.key}>
              {column.render(row, names)}
            </Table.Td>
          ))}
        </>
      )}
      rowData={(row) => ({ "data-finding-id": row.id, "data-kind": row.kind })}
      onOpen={onOpen}
      clickOpens
      isSelected={selection === null ? undefined : (row) => selection.selected.has(row.id)}
      onKey={(event, row) => {
        if (event.key !== " " || selection === null) return false;
        event.preventDefault();
        if (row !== undefined) selection.onSelect([row], !selection.selected.has(row.id));
        return true;
      }}
    />
  );
}
