import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import type {
  BaselineProfileId,
  BaselineSnapshotId,
  FindingId,
  OperationRun,
  OperationType,
  PolicyVersionId,
  RunOutcome,
  Tenant,
  TenantId,
  WorkspaceId,
} from "../bindings/types";
import { useCommands } from "../platform";
import { usePollGate } from "./pollGate";
import { ALL_RUNS, type FindingQuery, type InventoryQuery, queryKeys } from "./queryKeys";
import { pollInterval } from "./runPolling";
import "./register";

export function useAppInfo() {
  const commands = useCommands();
  // What the app is and where its data lives does not change while it runs.
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => commands.appInfo(), staleTime: Infinity });
}

export function useWorkspaces() {
  const commands = useCommands();
  return useQuery({ queryKey: queryKeys.workspaces, queryFn: () => commands.listWorkspaces() });
}

export function useTenants(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.tenants(workspaceId),
    queryFn: () => commands.listTenants({ workspace_id: workspaceId }),
  });
}

/** The workspace's members by name: who may have started a run or written an audit entry. */
export function useMembers(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.members(workspaceId),
    queryFn: () => commands.listMembers({ workspace_id: workspaceId }),
  });
}

/** The newest completed sync of each kind for every tenant of the workspace. */
export function useLastSyncs(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.lastSyncs(workspaceId),
    queryFn: () => commands.listLastSyncs({ workspace_id: workspaceId }),
  });
}

/** A sync whose newest run is wanted: its type, and how and when it ended (from `useLastSyncs`). */
export type LastRunWanted = { type: OperationType; outcome: RunOutcome; completedAt: string };

/**
 * The tenant's newest completed run of each wanted type with that outcome (null when none is
 * visible), read once per ending: a newer ending of the type is a new query, and a completed
 * run never changes.
 */
export function useTenantLastRuns(tenant: Tenant, wanted: readonly LastRunWanted[]) {
  const commands = useCommands();
  return useQueries({
    queries: wanted.map(({ type, outcome, completedAt }) => ({
      queryKey: queryKeys.tenantLastRun(tenant.id, type, completedAt),
      queryFn: async (): Promise<OperationRun | null> => {
        const page = await commands.listRuns({
          workspace_id: tenant.workspace_id,
          filter: {
            ...ALL_RUNS,
            types: [type],
            statuses: ["completed"],
            outcomes: [outcome],
            tenants: [tenant.id],
            offset: 0,
            limit: 1,
          },
        });
        return page.items[0]?.run ?? null;
      },
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
}

/** The operator's time zone as minutes east of UTC (the backend's days start at its midnight). */
export function utcOffsetMinutes(at: Date = new Date()): number {
  // getTimezoneOffset is minutes *west* of UTC; `|| 0` turns UTC's -0 into 0.
  return -at.getTimezoneOffset() || 0;
}

/**
 * The home page: every visible tenant at a glance, worst first, and the runs per day of the last
 * 30 days. Run completions and tenant changes refresh it at once; the slow poll notices what only
 * time changes (a run turning likely stale, a sync growing old) and other workstations' work.
 */
export function useWorkspaceOverview(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.workspaceOverview(workspaceId),
    queryFn: () => commands.workspaceOverview({ workspace_id: workspaceId, utc_offset_minutes: utcOffsetMinutes() }),
    // Coming back to the home page shows what was read and does not read it again at once: run
    // events and polling already refresh it, and the read scans the last 30 days of runs.
    staleTime: 30_000,
    refetchInterval: (query) =>
      pollInterval({ now: Date.now(), activeSince: null, ...gate, failed: query.state.status === "error" }),
  });
}

/** What an app registration must be granted, by feature. Fixed per build, so read once. */
export function usePermissionGuide() {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.permissionGuide,
    queryFn: () => commands.permissionGuide(),
    staleTime: Infinity,
  });
}

/** Per feature, whether a tenant's granted permissions suffice, as its last verify found them. */
export function usePermissionReport(tenantId: TenantId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.permissionReport(tenantId),
    queryFn: () => commands.permissionReport({ tenant_id: tenantId }),
  });
}

/** One tenant; disabled while `tenantId` is null (nothing selected). */
export function useTenant(tenantId: TenantId | null) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.tenant(tenantId ?? ""),
    queryFn: () => commands.getTenant({ tenant_id: tenantId ?? "" }),
    enabled: tenantId !== null,
  });
}

/** The object types of the catalog: labels and categories for filters. They never change. */
export function useObjectTypes() {
  const commands = useCommands();
  return useQuery({ queryKey: queryKeys.objectTypes, queryFn: () => commands.listObjectTypes(), staleTime: Infinity });
}

export function useInventoryCounts(tenantId: TenantId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.inventoryCounts(tenantId),
    queryFn: () => commands.inventoryCounts({ tenant_id: tenantId }),
  });
}

/**
 * Pages of one inventory query, fetched by position: `pages` are the page numbers in view, so
 * jumping to the end of a long list loads only the rows shown there.
 */
export function useInventoryPages(
  tenantId: TenantId,
  query: InventoryQuery,
  pages: readonly number[],
  pageSize: number,
) {
  const commands = useCommands();
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.inventoryPage(tenantId, query, page * pageSize, pageSize),
      queryFn: () =>
        commands.listInventory({ tenant_id: tenantId, filter: { ...query, offset: page * pageSize, limit: pageSize } }),
      // Rows change only through a sync, whose completion invalidates them; scrolling back to a
      // page already seen must not ask again.
      staleTime: 60_000,
    })),
  });
}

/**
 * The first `limit` objects of a tenant's inventory whose name contains `search` (removed ones
 * left out), by name; disabled while `search` is null. Kept with the inventory's pages, so a
 * finished sync refreshes them.
 */
export function useInventorySearch(tenantId: TenantId | null, search: string | null, limit: number) {
  const commands = useCommands();
  const query: InventoryQuery = {
    object_types: [],
    platform: null,
    search,
    include_removed: false,
    sort: { key: "display_name", direction: "asc" },
  };
  return useQuery({
    queryKey: queryKeys.inventoryPage(tenantId ?? "", query, 0, limit),
    queryFn: () => commands.listInventory({ tenant_id: tenantId ?? "", filter: { ...query, offset: 0, limit } }),
    enabled: tenantId !== null && search !== null,
    staleTime: 60_000,
  });
}

/** One object with its configuration and versions; `enabled: false` while there is none to read. */
export function useInventoryObject(tenantId: TenantId, itemId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.inventoryObject(tenantId, itemId),
    queryFn: () => commands.getInventoryObject({ tenant_id: tenantId, item_id: itemId }),
    enabled,
  });
}

/** The difference of two versions; versions are immutable, so it never goes stale. */
export function useVersionDiff(tenantId: TenantId, pair: { before: PolicyVersionId; after: PolicyVersionId } | null) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.versionDiff(tenantId, pair?.before ?? "", pair?.after ?? ""),
    queryFn: () => commands.diffVersions({ tenant_id: tenantId, before: pair?.before ?? "", after: pair?.after ?? "" }),
    enabled: pair !== null,
    staleTime: Infinity,
  });
}

export function useGroups(tenantId: TenantId, search: string, offset: number, limit: number) {
  const commands = useCommands();
  const term = search.trim();
  return useQuery({
    queryKey: queryKeys.groups(tenantId, term, offset, limit),
    queryFn: () =>
      commands.listGroups({ tenant_id: tenantId, offset, limit, ...(term === "" ? {} : { search: term }) }),
    // Paging and typing keep the current rows on screen until the next ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useDirectoryRoles(tenantId: TenantId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.directoryRoles(tenantId),
    queryFn: () => commands.listDirectoryRoles({ tenant_id: tenantId }),
  });
}

export function useRbacReport(tenantId: TenantId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.rbacReport(tenantId),
    queryFn: () => commands.rbacReport({ tenant_id: tenantId }),
  });
}

/**
 * The workspace's baseline profiles with readiness and open findings; `enabled: false` for
 * members who may not view baselines (the list would only be refused).
 */
export function useBaselineProfiles(workspaceId: WorkspaceId, { enabled = true }: { enabled?: boolean } = {}) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.baselineProfiles(workspaceId),
    queryFn: () => commands.listBaselineProfiles({ workspace_id: workspaceId }),
    enabled,
  });
}

/** One profile with its assignments, readiness and snapshots (newest first). */
export function useBaselineProfile(profileId: BaselineProfileId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.baselineProfile(profileId),
    queryFn: () => commands.getBaselineProfile({ profile_id: profileId }),
  });
}

/** One snapshot with its items; disabled while `snapshotId` is null (nothing opened). */
export function useBaselineSnapshot(snapshotId: BaselineSnapshotId | null) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.baselineSnapshot(snapshotId ?? ""),
    queryFn: () => commands.getBaselineSnapshot({ snapshot_id: snapshotId ?? "" }),
    enabled: snapshotId !== null,
  });
}

/** A tenant against its baseline: profile, readiness, why a compare would be refused, last compare. */
export function useTenantBaseline(tenantId: TenantId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.tenantBaseline(tenantId),
    queryFn: () => commands.getTenantBaseline({ tenant_id: tenantId }),
  });
}

/** Pages of one findings query, fetched by position (`pages` are the page numbers in view). */
export function useFindingsPages(
  workspaceId: WorkspaceId,
  query: FindingQuery,
  pages: readonly number[],
  pageSize: number,
) {
  const commands = useCommands();
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.findingsPage(workspaceId, query, page * pageSize, pageSize),
      queryFn: () =>
        commands.listFindings({
          workspace_id: workspaceId,
          filter: { ...query, offset: page * pageSize, limit: pageSize },
        }),
      // Findings change through compares and acknowledgements, both of which refresh them.
      staleTime: 30_000,
    })),
  });
}

/** One finding with its evidence and history; disabled while `findingId` is null. */
export function useFinding(findingId: FindingId | null) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.finding(findingId ?? ""),
    queryFn: () => commands.getFinding({ finding_id: findingId ?? "" }),
    enabled: findingId !== null,
  });
}
