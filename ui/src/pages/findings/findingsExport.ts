import type { FindingSummary, TenantId } from "../../bindings/types";
import { type ExportColumn, exportDate } from "../../components/export";
import { present } from "../../vocabulary";
import type { PolicyTypes } from "../baselines/policyTypes";

/** The findings table's columns as an export writes them (keys as in `findingColumns`). */
export function findingExportColumns(
  types: Pick<PolicyTypes, "label">,
  tenantNames: ReadonlyMap<TenantId, string>,
): ExportColumn<FindingSummary>[] {
  return [
    { key: "severity", title: "Severity", text: (row) => present("severity", row.severity).label },
    { key: "subject", title: "Policy", text: (row) => row.display_name },
    { key: "kind", title: "Kind", text: (row) => present("finding_kind", row.kind).label },
    { key: "status", title: "Status", text: (row) => present("finding_status", row.status).label },
    { key: "type", title: "Type", text: (row) => types.label(row.policy_type) },
    { key: "tenant", title: "Tenant", text: (row) => tenantNames.get(row.tenant_id) ?? "Tenant" },
    { key: "last", title: "Last seen", text: (row) => exportDate(row.last_seen_at) },
    { key: "first", title: "First seen", text: (row) => exportDate(row.first_seen_at) },
  ];
}
