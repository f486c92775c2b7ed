import type { TenantId, WorkspaceId } from "../../bindings/types";
import type { ColumnChoice } from "../../components/columns";
import { chosenColumns, ExportMenu, toExportTable } from "../../components/export";
import { tenantExportColumns } from "./tenantExport";
import { shownTenantRows, type TenantsTableModel } from "./useTenantsTable";

type TenantsExportMenuProps = {
  workspaceId: WorkspaceId;
  /** The table as it shows now: searched, sorted. */
  model: TenantsTableModel;
  /** The column chooser's choices: hidden columns are not exported. */
  choices: readonly ColumnChoice[];
  /** The tenants picked in the table: offered as "Export selected". */
  selected: ReadonlySet<TenantId>;
};

/** Exports the tenants the table shows (search, archived choice, order), or only the selected ones. */
export function TenantsExportMenu({ workspaceId, model, choices, selected }: TenantsExportMenuProps) {
  const gather = (only: ReadonlySet<TenantId> | null) => async () => {
    const rows = shownTenantRows(model).filter((row) => only === null || only.has(row.tenant.id));
    return { ...toExportTable(tenantExportColumns, rows, chosenColumns(choices)), truncated: false };
  };
  return (
    <ExportMenu
      workspaceId={workspaceId}
      name="tenants"
      noun={["tenant", "tenants"]}
      gather={gather(null)}
      selected={selected.size > 0 ? { count: selected.size, gather: gather(selected) } : null}
      data-testid="tenants-export"
    />
  );
}
