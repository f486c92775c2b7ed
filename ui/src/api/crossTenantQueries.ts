import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { InventoryItem, Page, TenantId, VersionRef, WorkspaceId } from "../bindings/types";
import { useCommands } from "../platform";
import { type InventoryQuery, queryKeys } from "./queryKeys";
import "./register";

/**
 * Objects, settings and groups whose names contain `query`, in every tenant of the workspace the
 * operator may see (objects only with `objectsOnly`, which skips the settings search over stored
 * content: the palette's quick look); disabled while `query` is null (too short to search). While the next answer
 * is on its way the last one stays on screen, so typing does not blank the results.
 */
export function useWorkspaceSearch(
  workspaceId: WorkspaceId,
  query: string | null,
  { objectsOnly = false }: { objectsOnly?: boolean } = {},
) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.workspaceSearch(workspaceId, query ?? "", objectsOnly),
    queryFn: () =>
      commands.searchWorkspace({
        workspace_id: workspaceId,
        query: query ?? "",
        ...(objectsOnly ? { objects_only: true } : {}),
      }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    // Only syncs change what a search finds; coming back to the same words need not ask again at once.
    staleTime: 30_000,
  });
}

/**
 * The first `limit` objects of one type in a tenant, by name, whose name contains `search` (all
 * of them when null), removed ones left out; disabled while `tenantId` is null. Kept with the
 * tenant's inventory pages, so a finished sync refreshes them.
 */
export function useObjectsOfType(tenantId: TenantId | null, objectType: string, search: string | null, limit: number) {
  const commands = useCommands();
  const query: InventoryQuery = {
    object_types: [objectType],
    platform: null,
    search,
    include_removed: false,
    sort: { key: "display_name", direction: "asc" },
  };
  return useQuery({
    queryKey: queryKeys.inventoryPage(tenantId ?? "", query, 0, limit),
    queryFn: (): Promise<Page<InventoryItem>> =>
      commands.listInventory({ tenant_id: tenantId ?? "", filter: { ...query, offset: 0, limit } }),
    enabled: tenantId !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/**
 * Two policies of one type in different tenants, setting by setting (their configuration only);
 * disabled while `pair` is null. Versions never change, so neither does the answer.
 */
export function useCompareAcross(pair: { left: VersionRef; right: VersionRef } | null) {
  const commands = useCommands();
  const empty: VersionRef = { tenant_id: "", version_id: "" };
  return useQuery({
    queryKey: queryKeys.compareAcross(pair?.left ?? empty, pair?.right ?? empty),
    queryFn: () => commands.compareAcross({ left: pair?.left ?? empty, right: pair?.right ?? empty }),
    enabled: pair !== null,
    staleTime: Infinity,
  });
}
