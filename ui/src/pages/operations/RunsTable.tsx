import { Table, UnstyledButton } from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { type RunQuery, useRunIndexPages } from "../../api";
import type { RunListPage, RunListRow, SortDirection } from "../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh } from "../../components/columns";
import { useNow } from "../../components/useNow";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import { runFreshness } from "../../runs";
import { ariaSort, SortIcon } from "../tenants/SortIcon";
import { OperationCell, ProgressCell, RunStateCell, ScopeCell, TimingCell } from "./cells";
import { RUN_PAGE_SIZE } from "./operationsView";
import classes from "./RunsTable.module.css";

const OVERSCAN = 8;

type Column = ColumnSpec & { render: (row: RunListRow, now: number) => ReactNode };

// One line per cell: the run's state is one badge (runState), who started a run and how long it
// took are in the hover titles of its scope and creation time. Operation and scope take the
// width the others leave. On narrower tables progress gives way first (the widget and the run
// page show it too), then the creation time, then the scope; the operation always shows.
const COLUMNS: Column[] = [
  { key: "type", title: "Operation", minWidth: 190, required: true, render: (row) => <OperationCell run={row.run} /> },
  { key: "scope", title: "Scope", minWidth: 170, priority: 5, render: (row) => <ScopeCell row={row} /> },
  {
    key: "state",
    title: "Status",
    width: 210,
    minWidth: 210,
    priority: 6,
    render: (row, now) => <RunStateCell run={row.run} now={now} />,
  },
  {
    key: "created",
    title: "Created",
    width: 110,
    minWidth: 110,
    priority: 4,
    render: (row, now) => <TimingCell run={row.run} now={now} />,
  },
  {
    key: "progress",
    title: "Progress",
    width: 100,
    minWidth: 100,
    priority: 2,
    render: (row, now) => <ProgressCell run={row.run} now={now} />,
  },
];

/** The runs table's columns, for the column chooser and for fitting them to the width. */
export const RUN_COLUMNS: readonly ColumnSpec[] = COLUMNS;

type RunsTableProps = {
  workspaceId: string;
  query: RunQuery;
  /** The first page: its total sizes the list. Fetched by the page so it can tell "no runs". */
  first: RunListPage;
  activeSince: number | null;
  /** Which columns show and how wide: the operator's choice, fitted to the width (see RUN_COLUMNS). */
  layout: ColumnLayout;
  onOpen: (row: RunListRow) => void;
  onToggleDirection: () => void;
};

/**
 * The operations index as one long table that renders only the rows on screen (the page
 * scrolls, the header stays), fetching 100-run pages by position as they come into view.
 * Keyboard: the table is one tab stop; arrows, Page Up/Down, Home and End move the highlighted
 * row, Enter opens its run.
 */
export function RunsTable({
  workspaceId,
  query,
  first,
  activeSince,
  layout,
  onOpen,
  onToggleDirection,
}: RunsTableProps) {
  const total = first.total;
  const now = useNow(5_000).getTime();
  const columns = COLUMNS.filter((column) => layout.isShown(column.key));
  const grid = useVirtualGrid({ total, overscan: OVERSCAN, resetKey: JSON.stringify(query) });

  // Page 0 is the page's own query (and polls there); this table asks for the others in view.
  const pageNumbers = useMemo(() => {
    const pages = new Set<number>();
    for (const row of grid.virtualRows) {
      const page = Math.floor(row.index / RUN_PAGE_SIZE);
      if (page > 0) pages.add(page);
    }
    return [...pages].sort((a, b) => a - b);
  }, [grid.virtualRows]);
  const pages = useRunIndexPages(workspaceId, query, pageNumbers, RUN_PAGE_SIZE, activeSince);
  const loaded = new Map<number, RunListPage>([[0, first]]);
  pageNumbers.forEach((page, i) => {
    const data = pages[i]?.data;
    if (data !== undefined) loaded.set(page, data);
  });
  const rowAt = (index: number): RunListRow | undefined =>
    loaded.get(Math.floor(index / RUN_PAGE_SIZE))?.items[index % RUN_PAGE_SIZE];

  return (
    <VirtualGridTable
      grid={grid}
      rowAt={rowAt}
      rowKey={(row) => row.run.id}
      label="Runs"
      testId="runs-table"
      rowTestId="run-row"
      classes={classes}
      head={columns.map((column) =>
        column.key === "created" ? (
          <ResizableTh
            key={column.key}
            w={layout.widthOf(column.key)}
            resizer={layout.resizer(column.key)}
            aria-sort={ariaSort(query.direction)}
          >
            <UnstyledButton
              className={classes.sortButton}
              onClick={onToggleDirection}
              onKeyDown={(event) => event.stopPropagation()}
              aria-label={`Created, ${direction(query.direction)}: show ${direction(query.direction === "desc" ? "asc" : "desc")}`}
              data-testid="runs-sort-created"
            >
              {column.title}
              <SortIcon direction={query.direction} />
            </UnstyledButton>
          </ResizableTh>
        ) : (
          <ResizableTh key={column.key} w={layout.widthOf(column.key)} resizer={layout.resizer(column.key)}>
            {column.title}
          </ResizableTh>
        ),
      )}
      columnCount={columns.length}
      cells={(row) =>
        columns.map((column) => (
          <Table.Td key={column.key} data-column={column.key}>
            {column.render(row, now)}
          </Table.Td>
        ))
      }
      rowData={(row) => {
        const freshness = runFreshness(row.run, now);
        return {
          "data-stale": freshness === "likely_stale" || undefined,
          "data-reconciled": freshness === "reconciled_failed" || undefined,
          "data-run-id": row.run.id,
        };
      }}
      onOpen={onOpen}
      clickOpens
    />
  );
}

function direction(value: SortDirection): string {
  return value === "desc" ? "newest first" : "oldest first";
}
