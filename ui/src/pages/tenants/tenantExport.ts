import type { LastSync, Tenant } from "../../bindings/types";
import { type ExportColumn, exportDate } from "../../components/export";
import { SYNC_KINDS, syncKindLabel } from "../../runs";
import { present } from "../../vocabulary";
import type { TenantRow } from "./columns";

/** The connection cell in words: its state, or that the tenant has no app registration. */
export function connectionText(tenant: Tenant): string {
  if (!tenant.simulated && tenant.connection === null) return "Not connected";
  return present("connection_state", tenant.connection_check.state).label;
}

/** A last-sync cell in words: when it completed (local time) and how it ended, or "Never". */
export function lastSyncText(sync: LastSync | undefined): string {
  if (sync === undefined) return "Never";
  return `${exportDate(sync.completed_at)} · ${present("run_outcome", sync.outcome).label}`;
}

/** The tenants table's columns as an export writes them (keys as in `tenantColumnSpecs`). */
export const tenantExportColumns: readonly ExportColumn<TenantRow>[] = [
  { key: "name", title: "Name", text: (row) => row.tenant.display_name },
  { key: "directory", title: "Directory ID", text: (row) => row.tenant.directory_tenant_id },
  { key: "status", title: "Status", text: (row) => present("tenant_status", row.tenant.status).label },
  { key: "connection", title: "Connection", text: (row) => connectionText(row.tenant) },
  ...SYNC_KINDS.map((kind) => ({
    key: `sync_${kind}`,
    title: `Last sync: ${syncKindLabel(kind)}`,
    text: (row: TenantRow) => lastSyncText(row.syncs[kind]),
  })),
];
