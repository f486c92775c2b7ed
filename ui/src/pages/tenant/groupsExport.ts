import type { DirectoryGroup } from "../../bindings/types";
import { type ExportColumn, exportDate } from "../../components/export";
import { groupKind, isDynamic } from "./groupWords";

/** The groups table as an export writes it: each cell's words, the membership rule in a column of its own. */
export const groupExportColumns: readonly ExportColumn<DirectoryGroup>[] = [
  {
    key: "name",
    title: "Name",
    text: (group) => (group.removed_at === null ? group.display_name : `${group.display_name} (removed)`),
  },
  { key: "description", title: "Description", text: (group) => group.description ?? group.mail ?? "" },
  { key: "type", title: "Type", text: groupKind },
  { key: "membership", title: "Membership", text: (group) => (isDynamic(group) ? "Dynamic" : "Assigned") },
  {
    key: "rule",
    title: "Membership rule",
    text: (group) => (isDynamic(group) ? (group.membership_rule ?? "") : ""),
  },
  { key: "last_seen", title: "Last seen", text: (group) => exportDate(group.last_seen_at) },
];
