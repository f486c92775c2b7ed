import type { DirectoryRoleAssignment, DirectoryRoleDefinition } from "../../bindings/types";
import type { ExportColumn } from "../../components/export";
import { principalTypeLabel, scopeLabel } from "./principals";

/** A role definition with the assignments that hold it: one row of the roles table. */
export type RoleRow = { definition: DirectoryRoleDefinition; assignments: DirectoryRoleAssignment[] };

/** "Ada Lovelace (User)", "Helpdesk (Group, Administrative unit Sales)": one holder in words. */
export function holderText(assignment: DirectoryRoleAssignment): string {
  const name = assignment.principal_display_name ?? assignment.principal_id;
  const scope = assignment.directory_scope_id === "/" ? "" : `, ${scopeLabel(assignment.directory_scope_id)}`;
  return `${name} (${principalTypeLabel(assignment.principal_type)}${scope})`;
}

/** The roles table as an export writes it; the holders the table unfolds are listed in one cell. */
export const roleExportColumns: readonly ExportColumn<RoleRow>[] = [
  { key: "role", title: "Role", text: (row) => row.definition.display_name },
  { key: "description", title: "Description", text: (row) => row.definition.description ?? "" },
  { key: "kind", title: "Kind", text: (row) => (row.definition.is_built_in ? "Built-in" : "Custom") },
  { key: "state", title: "State", text: (row) => (row.definition.is_enabled ? "Enabled" : "Disabled") },
  { key: "holders", title: "Holders", text: (row) => String(row.assignments.length) },
  { key: "held_by", title: "Held by", text: (row) => row.assignments.map(holderText).join("; ") },
];
