import type { CustomRole, PrivilegedHolder, RbacFinding } from "../../bindings/types";
import type { ExportColumn } from "../../components/export";
import { present } from "../../vocabulary";
import { principalTypeLabel } from "./principals";

/** The RBAC report's findings as an export writes them. */
export const rbacFindingColumns: readonly ExportColumn<RbacFinding>[] = [
  { key: "severity", title: "Severity", text: (finding) => present("severity", finding.severity).label },
  { key: "title", title: "Finding", text: (finding) => finding.title },
  { key: "detail", title: "Detail", text: (finding) => finding.detail },
  { key: "subjects", title: "Concerns", text: (finding) => finding.subjects.join("; ") },
];

/** The privileged role holders table as an export writes it. */
export const privilegedHolderColumns: readonly ExportColumn<PrivilegedHolder>[] = [
  { key: "principal", title: "Principal", text: (holder) => holder.display_name ?? holder.principal_id },
  { key: "kind", title: "Kind", text: (holder) => principalTypeLabel(holder.principal_type) },
  { key: "roles", title: "Privileged roles", text: (holder) => holder.roles.join("; ") },
];

/** The custom roles table as an export writes it. */
export const customRoleColumns: readonly ExportColumn<CustomRole>[] = [
  { key: "role", title: "Role", text: (role) => role.display_name },
  { key: "description", title: "Description", text: (role) => role.description ?? "" },
  { key: "state", title: "State", text: (role) => (role.enabled ? "Enabled" : "Disabled") },
  { key: "holders", title: "Holders", text: (role) => String(role.holder_count) },
];
