import type { DirectoryGroup } from "../../bindings/types";

/** What kind of group it is, as Entra's admin centre names it. */
export function groupKind(group: DirectoryGroup): string {
  if (group.group_types.includes("Unified")) return "Microsoft 365";
  if (group.security_enabled && group.mail_enabled) return "Mail-enabled security";
  if (group.security_enabled) return "Security";
  if (group.mail_enabled) return "Distribution";
  return "Other";
}

/** Whether its members follow a rule rather than being assigned. */
export function isDynamic(group: DirectoryGroup): boolean {
  return group.group_types.includes("DynamicMembership");
}
