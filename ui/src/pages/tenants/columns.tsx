import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
} from "@tanstack/react-table";
import type { LastSync, SyncKind, Tenant } from "../../bindings/types";
import type { ColumnSpec } from "../../components/columns";
import { SYNC_KINDS, syncKindLabel } from "../../runs";
import { present, StatusBadge } from "../../vocabulary";
import { ConnectionCell, DirectoryId, LastSyncCell, TenantName } from "./cells";

/** Width of a last-sync column, px: the same as on the overview, which shows the same cells. */
const LAST_SYNC_WIDTH = 96;

/** A tenant with the newest completed sync of each kind. */
export type TenantRow = { tenant: Tenant; syncs: Partial<Record<SyncKind, LastSync>> };

// Module scope on purpose: TanStack Table recomputes its models whenever these change identity.
export const tenantFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { text: sortFn_text, basic: sortFn_basic },
});

const column = createColumnHelper<typeof tenantFeatures, TenantRow>();

function lastSyncColumn(kind: SyncKind) {
  return column.accessor((row) => (row.syncs[kind] === undefined ? 0 : Date.parse(row.syncs[kind].completed_at)), {
    id: `sync_${kind}`,
    header: syncKindLabel(kind),
    sortFn: "basic",
    sortDescFirst: true,
    enableGlobalFilter: false,
    cell: ({ row }) => <LastSyncCell sync={row.original.syncs[kind]} />,
  });
}

// The search box matches name, primary domain and directory id only; the other columns opt out.
export const tenantColumns = column.columns([
  // Name first, so the column sorts by name; the domain and directory id are there to be searched.
  column.accessor(
    (row) => `${row.tenant.display_name} ${row.tenant.primary_domain ?? ""} ${row.tenant.directory_tenant_id}`,
    {
      id: "name",
      header: "Name",
      sortFn: "text",
      cell: ({ row }) => <TenantName tenant={row.original.tenant} />,
    },
  ),
  column.accessor((row) => row.tenant.directory_tenant_id, {
    id: "directory",
    header: "Directory ID",
    enableSorting: false,
    enableGlobalFilter: false,
    cell: ({ row }) => <DirectoryId value={row.original.tenant.directory_tenant_id} short />,
  }),
  column.accessor((row) => present("tenant_status", row.tenant.status).label, {
    id: "status",
    header: "Status",
    sortFn: "text",
    enableGlobalFilter: false,
    cell: ({ row }) => <StatusBadge domain="tenant_status" code={row.original.tenant.status} />,
  }),
  column.accessor((row) => present("connection_state", row.tenant.connection_check.state).label, {
    id: "connection",
    header: "Connection",
    sortFn: "text",
    enableGlobalFilter: false,
    cell: ({ row }) => <ConnectionCell tenant={row.original.tenant} />,
  }),
  column.group({
    id: "last_sync",
    header: "Last sync",
    columns: column.columns([
      lastSyncColumn("inventory"),
      lastSyncColumn("policies"),
      lastSyncColumn("groups"),
      lastSyncColumn("roles"),
    ]),
  }),
]);

/**
 * The columns for the chooser and for narrow windows (ids as above): the name always shows and
 * takes the width the others leave; the directory id gives way first (it is searchable and on
 * the tenant's page), then connection and status, and the last syncs, the point of this table,
 * last. Widths are what each needs to stay legible (a last sync: its icon and "12 min ago").
 */
export const tenantColumnSpecs: readonly ColumnSpec[] = [
  { key: "name", title: "Name", minWidth: 220, required: true },
  { key: "directory", title: "Directory ID", minWidth: 130, width: 130, priority: 1 },
  { key: "status", title: "Status", minWidth: 110, width: 110, priority: 3 },
  { key: "connection", title: "Connection", minWidth: 150, width: 150, priority: 2 },
  ...SYNC_KINDS.map((kind, at) => ({
    key: `sync_${kind}`,
    title: `Last sync: ${syncKindLabel(kind)}`,
    minWidth: LAST_SYNC_WIDTH,
    width: LAST_SYNC_WIDTH,
    // Inventory matters most, then policies, groups and roles.
    priority: 7 - at,
  })),
];

/** Column titles for the loading skeleton, which has no rows to build a table from. */
export const tenantColumnTitles: Record<string, string> = {
  name: "Name",
  directory: "Directory ID",
  status: "Status",
  connection: "Connection",
  sync_inventory: "Inventory",
  sync_policies: "Policies",
  sync_groups: "Groups",
  sync_roles: "Roles",
};
