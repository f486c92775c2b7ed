import { type SortingState, useTable } from "@tanstack/react-table";
import { useState } from "react";
import type { ColumnLayout } from "../../components/columns";
import { type TenantRow, tenantColumnSpecs, tenantColumns, tenantFeatures } from "./columns";

const getRowId = (row: TenantRow) => row.tenant.id;

/**
 * The tenants table's model: the rows the search matches, in the order the operator sorted
 * them, with the chosen columns. Held by the page, so what the table shows is also what an
 * export writes.
 */
export function useTenantsTable(data: TenantRow[], search: string, layout: Pick<ColumnLayout, "isShown">) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "name", desc: false }]);
  const table = useTable({
    features: tenantFeatures,
    columns: tenantColumns,
    data,
    getRowId,
    state: {
      sorting,
      globalFilter: search,
      columnVisibility: Object.fromEntries(tenantColumnSpecs.map((column) => [column.key, layout.isShown(column.key)])),
    },
    onSortingChange: setSorting,
    globalFilterFn: "includesString",
  });
  return { table, sorting };
}

/** What `useTenantsTable` holds. */
export type TenantsTableModel = ReturnType<typeof useTenantsTable>;

/** The rows the table shows now, in its order. */
export function shownTenantRows({ table }: TenantsTableModel): TenantRow[] {
  return table.getRowModel().rows.map((row) => row.original);
}
