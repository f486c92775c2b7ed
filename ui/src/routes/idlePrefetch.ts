import type { QueryClient } from "@tanstack/react-query";
import { queryKeys, runIndexPageQuery, runsOverviewQuery } from "../api";
import type { WorkspaceId } from "../bindings/types";
import { RUN_PAGE_SIZE, readView, toQuery } from "../pages/operations/operationsView";
import type { Commands } from "../platform";

/**
 * What the window reads once it is idle, besides the pages' code, so that the first visit of
 * Operations (what an operator opens most after the home page) shows its data at once: the
 * run counts, the first page of its default view, and the names its rows and filters use. Only
 * what is not cached yet; the page refreshes it on its usual schedule (its pages go stale after
 * 5 s, are shown meanwhile, and run events update them).
 */
export async function prefetchFirstVisits(client: QueryClient, commands: Commands, workspaceId: WorkspaceId) {
  const query = toQuery(readView(new URLSearchParams()));
  const reads = [
    runsOverviewQuery(commands, workspaceId),
    runIndexPageQuery(commands, workspaceId, query, 0, RUN_PAGE_SIZE),
    { queryKey: queryKeys.tenants(workspaceId), queryFn: () => commands.listTenants({ workspace_id: workspaceId }) },
    { queryKey: queryKeys.members(workspaceId), queryFn: () => commands.listMembers({ workspace_id: workspaceId }) },
  ];
  for (const read of reads) {
    if (client.getQueryState(read.queryKey) !== undefined) continue;
    // A read that fails here is read again, and its error shown, by the page that needs it.
    await client.prefetchQuery(read as Parameters<QueryClient["prefetchQuery"]>[0]);
  }
}
