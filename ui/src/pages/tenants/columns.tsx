import {
  columnFilteringFeature,
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
import type { Tenant } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { present, StatusBadge } from "../../vocabulary";
import { Connection, DirectoryId, PrimaryDomain, TenantName } from "./cells";

// Module scope on purpose: TanStack Table recomputes its models whenever these change identity.
export const tenantFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { text: sortFn_text, basic: sortFn_basic },
});

const column = createColumnHelper<typeof tenantFeatures, Tenant>();

// The search box matches name, primary domain and directory id only; the other columns opt out.
export const tenantColumns = column.columns([
  column.accessor("display_name", {
    id: "name",
    header: "Name",
    sortFn: "text",
    cell: ({ row }) => <TenantName tenant={row.original} />,
  }),
  column.accessor((tenant) => tenant.primary_domain ?? "", {
    id: "primary_domain",
    header: "Primary domain",
    sortFn: "text",
    cell: ({ row }) => <PrimaryDomain value={row.original.primary_domain} />,
  }),
  column.accessor("directory_tenant_id", {
    id: "directory_tenant_id",
    header: "Directory tenant ID",
    sortFn: "text",
    cell: ({ row }) => <DirectoryId value={row.original.directory_tenant_id} />,
  }),
  column.accessor((tenant) => present("tenant_status", tenant.status).label, {
    id: "status",
    header: "Status",
    sortFn: "text",
    enableGlobalFilter: false,
    cell: ({ row }) => <StatusBadge domain="tenant_status" code={row.original.status} />,
  }),
  column.accessor((tenant) => tenant.connection?.client_id ?? "", {
    id: "connection",
    header: "Connection",
    sortFn: "text",
    enableGlobalFilter: false,
    cell: ({ row }) => <Connection connection={row.original.connection} />,
  }),
  column.accessor((tenant) => Date.parse(tenant.created_at), {
    id: "created_at",
    header: "Added",
    sortFn: "basic",
    sortDescFirst: true,
    enableGlobalFilter: false,
    cell: ({ row }) => <RelativeTime value={row.original.created_at} size="sm" style={{ whiteSpace: "nowrap" }} />,
  }),
]);

/** Column titles for the loading skeleton, which has no rows to build a table from. */
export const tenantColumnTitles = ["Name", "Primary domain", "Directory tenant ID", "Status", "Connection", "Added"];
