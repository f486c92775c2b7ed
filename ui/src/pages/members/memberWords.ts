import type { MemberView, Role, Tenant } from "../../bindings/types";
import { present } from "../../vocabulary";

/** The roles a member can have, most powerful first, as the role select offers them. */
export const ROLES = ["owner", "manager", "operator", "readonly"] as const satisfies readonly Role[];

/** The role select's options, labelled by the vocabulary. */
export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: present("role", role).label }));

/** "Grace Hopper": how a member is named in buttons, dialogs and toasts. */
export function memberName(member: MemberView): string {
  return member.user.display_name.trim() === "" ? member.user.login : member.user.display_name;
}

/** What a member's tenants cell says, and the names behind it (for the hover). */
export type TenantSummary = { text: string; names: string[] };

/**
 * "All tenants", "Contoso Pharma" (one chosen), "2 of 5 tenants", "No tenants": which of the
 * workspace's tenants a member sees. `tenants` is the workspace's tenant list as the operator sees
 * it (undefined while it loads); `seesAll` says whether that is every tenant, so the count of all
 * can be told. Tenants the operator cannot see are counted but not named.
 */
export function tenantSummary(
  member: MemberView,
  tenants: readonly Tenant[] | undefined,
  seesAll: boolean,
): TenantSummary {
  if (member.all_tenants) return { text: "All tenants", names: [] };
  const chosen = member.tenant_ids.length;
  if (chosen === 0) return { text: "No tenants", names: [] };
  const byId = new Map((tenants ?? []).map((tenant) => [tenant.id, tenant.display_name]));
  const known = member.tenant_ids
    .map((id) => byId.get(id))
    .filter((name): name is string => name !== undefined)
    .sort((a, b) => a.localeCompare(b));
  const hidden = chosen - known.length;
  const names =
    tenants === undefined || hidden === 0
      ? known
      : [...known, hidden === 1 ? "1 tenant you cannot see" : `${hidden} tenants you cannot see`];
  const [only] = known;
  if (chosen === 1 && only !== undefined) return { text: only, names };
  const counted = chosen === 1 ? "1 tenant" : `${chosen} tenants`;
  if (tenants === undefined || !seesAll) return { text: counted, names };
  return { text: `${chosen} of ${tenants.length} ${tenants.length === 1 ? "tenant" : "tenants"}`, names };
}
