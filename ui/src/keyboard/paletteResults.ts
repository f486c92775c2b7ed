import { matchPath } from "react-router";
import type { Tenant, TenantId } from "../bindings/types";
import type { NavEntry } from "../components/frame/navEntries";

/** At most this many tenants, objects and runs each. */
export const PALETTE_LIMIT = 8;

/** Objects and runs are searched on the backend only from this many typed characters on. */
export const MIN_REMOTE_SEARCH = 2;

/** How long typing must pause before objects and runs are searched. */
export const REMOTE_SEARCH_DEBOUNCE_MS = 250;

const fold = (text: string) => text.trim().toLocaleLowerCase();

/** The text to search objects and runs for, or null while it is too short to be worth a query. */
export function remoteSearch(text: string): string | null {
  const trimmed = text.trim();
  return trimmed.length >= MIN_REMOTE_SEARCH ? trimmed : null;
}

/**
 * The pages whose name (or another word for them, "runs" for Operations) contains the text,
 * those whose name starts with it first; every page for no text.
 */
export function matchPages(entries: readonly NavEntry[], text: string): NavEntry[] {
  const query = fold(text);
  if (query === "") return [...entries];
  const rank = (entry: NavEntry): number => {
    const label = entry.label.toLocaleLowerCase();
    if (label.startsWith(query)) return 0;
    if (label.includes(query)) return 1;
    return entry.keywords.some((word) => word.toLocaleLowerCase().includes(query)) ? 2 : -1;
  };
  return entries
    .map((entry, order) => ({ entry, order, rank: rank(entry) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ entry }) => entry);
}

/**
 * The tenants whose name or primary domain contains the text (none for no text): names that
 * start with it first, then other name matches, then domain matches; tenants in service before
 * archived ones; then by name. `shown` holds at most `limit`, `total` counts them all.
 */
export function matchTenants(
  tenants: readonly Tenant[],
  text: string,
  limit = PALETTE_LIMIT,
): { shown: Tenant[]; total: number } {
  const query = fold(text);
  if (query === "") return { shown: [], total: 0 };
  const rank = (tenant: Tenant): number => {
    const name = tenant.display_name.toLocaleLowerCase();
    if (name.startsWith(query)) return 0;
    if (name.includes(query)) return 1;
    return tenant.primary_domain?.toLocaleLowerCase().includes(query) ? 2 : -1;
  };
  const matching = tenants
    .map((tenant) => ({ tenant, rank: rank(tenant) }))
    .filter(({ rank }) => rank >= 0)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(a.tenant.status === "archived") - Number(b.tenant.status === "archived") ||
        a.tenant.display_name.localeCompare(b.tenant.display_name),
    )
    .map(({ tenant }) => tenant);
  return { shown: matching.slice(0, limit), total: matching.length };
}

/** The tenant whose pages are on screen (`/tenants/:tenantId…`), if any. */
export function tenantInView(pathname: string): TenantId | null {
  return (
    matchPath("/tenants/:tenantId/*", pathname)?.params.tenantId ??
    matchPath("/tenants/:tenantId", pathname)?.params.tenantId ??
    null
  );
}

/** "tenant, run or page": the kinds searched, as the end of "No … matches". */
export function kindsList(kinds: readonly string[]): string {
  if (kinds.length <= 1) return kinds.join("");
  return `${kinds.slice(0, -1).join(", ")} or ${kinds[kinds.length - 1]}`;
}
