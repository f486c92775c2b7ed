import type { ReactNode } from "react";
import type { SyncKind, TenantOverview } from "../../bindings/types";
import type { ColumnSpec } from "../../components/columns";
import { SYNC_KINDS, syncKindLabel } from "../../runs";
import { LastSyncCell } from "../tenants/cells";
import {
  type CellContext,
  ConnectionWithExpiryCell,
  FailedRunsCell,
  FindingsCell,
  StaleRunsCell,
  TenantNameCell,
} from "./cells";
import type { OverviewSortKey } from "./overviewView";

export type OverviewColumn = ColumnSpec & {
  key: OverviewSortKey;
  /** Columns under one heading ("Last sync") share a header cell above their own. */
  group?: "last_sync";
  /** The header's text when it differs from the chooser's title (a column under a group heading). */
  header?: string;
  /** What the header says about the column on hover and to assistive technology. */
  description: string;
  render: (row: TenantOverview, context: CellContext) => ReactNode;
};

function lastSyncColumn(kind: SyncKind, priority: number): OverviewColumn {
  return {
    key: `sync_${kind}`,
    title: `Last sync: ${syncKindLabel(kind)}`,
    header: syncKindLabel(kind),
    group: "last_sync",
    description: `When the last ${syncKindLabel(kind).toLowerCase()} sync ended, and how`,
    width: 92,
    minWidth: 92,
    priority,
    render: (row) => <LastSyncCell sync={row.last_syncs.find((sync) => sync.kind === kind)} />,
  };
}

const SYNC_PRIORITY: Record<SyncKind, number> = { inventory: 5, policies: 4, groups: 3, roles: 2 };

/**
 * The overview's columns. The name always shows; on narrow tables the last syncs give way first
 * (roles, groups, policies, then inventory: the tenant's page has them all), then open findings,
 * the connection, failed runs, and likely-stale runs last, because stuck work blocks new work.
 */
export const OVERVIEW_COLUMNS: readonly OverviewColumn[] = [
  {
    key: "name",
    title: "Tenant",
    description: "The customer tenant: opens its page",
    minWidth: 190,
    required: true,
    render: (row, { tabbable }) => <TenantNameCell row={row} tabbable={tabbable} />,
  },
  {
    key: "connection",
    title: "Connection",
    description: "What the last connection check proved; a key when the secret or certificate ends within 30 days",
    width: 150,
    minWidth: 150,
    priority: 7,
    render: (row) => <ConnectionWithExpiryCell row={row} />,
  },
  ...SYNC_KINDS.map((kind) => lastSyncColumn(kind, SYNC_PRIORITY[kind])),
  {
    key: "failed",
    title: "Failed runs",
    header: "Failed 7 d",
    description: "Runs of the tenant that failed in the last 7 days",
    width: 92,
    minWidth: 92,
    priority: 8,
    render: (row, context) => <FailedRunsCell row={row} {...context} />,
  },
  {
    key: "stale",
    title: "Likely stale runs",
    header: "Stale",
    description: "Queued or running runs that have most likely stopped",
    width: 80,
    minWidth: 80,
    priority: 9,
    render: (row, context) => <StaleRunsCell row={row} {...context} />,
  },
  {
    key: "findings",
    title: "Open findings",
    header: "Open findings",
    description: "Open drift findings by severity, most severe first",
    width: 160,
    minWidth: 160,
    priority: 6,
    render: (row, { tabbable }) => <FindingsCell row={row} tabbable={tabbable} />,
  },
];
