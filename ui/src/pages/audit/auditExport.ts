import type { AuditRow } from "../../bindings/types";
import type { ExportColumn } from "../../components/export";
import { exportDate } from "../../components/export";
import { actorName, areaLabel } from "./auditView";

/** The audit log's columns as an export writes them: what the table shows, the time exact. */
export const auditExportColumns: readonly ExportColumn<AuditRow>[] = [
  { key: "when", title: "When", text: (row) => exportDate(row.entry.created_at) },
  { key: "area", title: "Area", text: (row) => areaLabel(row.entry.action) },
  { key: "summary", title: "What happened", text: (row) => row.entry.summary },
  { key: "by", title: "By", text: actorName },
  { key: "tenant", title: "Tenant", text: (row) => row.tenant_name ?? "" },
];
