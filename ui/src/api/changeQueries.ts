import { useInfiniteQuery } from "@tanstack/react-query";
import type { TenantChangesPage, TenantId, Timestamp } from "../bindings/types";
import { useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

/**
 * A tenant's syncs that changed its configuration, newest first, a page at a time ("Load older
 * changes" asks for the page before the oldest one shown). Lives under the tenant, so a finished
 * sync of it refreshes the feed.
 */
export function useTenantChanges(tenantId: TenantId) {
  const commands = useCommands();
  return useInfiniteQuery({
    queryKey: queryKeys.tenantChanges(tenantId),
    queryFn: ({ pageParam }): Promise<TenantChangesPage> =>
      commands.tenantChanges(pageParam === null ? { tenant_id: tenantId } : { tenant_id: tenantId, before: pageParam }),
    initialPageParam: null as Timestamp | null,
    getNextPageParam: (last) => last.next_before ?? undefined,
  });
}
