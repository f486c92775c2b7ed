import {
  keepPreviousData,
  useInfiniteQuery,
  usePrefetchQuery,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useRef, useState } from "react";
import type {
  AuditRow,
  OperationRun,
  Page,
  RunDetail,
  RunId,
  RunListFilter,
  RunListPage,
  WorkspaceId,
} from "../bindings/types";
import { type Commands, useCommands } from "../platform";
import { reconcileDetail, reconcilePage, reconcileRun } from "./liveRuns";
import { usePollGate } from "./pollGate";
import { ALL_RUNS, type AuditQuery, queryKeys, type RunQuery } from "./queryKeys";
import { type Activity, IDLE, pollInterval, trackActivity } from "./runPolling";
import "./register";

/** How many active runs the progress widget lists. */
export const ACTIVE_RUNS_LIMIT = 20;

export const ACTIVE_RUNS_FILTER: RunListFilter = {
  ...ALL_RUNS,
  tab: "active",
  offset: 0,
  limit: ACTIVE_RUNS_LIMIT,
};

async function readActiveRuns(commands: Commands, workspaceId: WorkspaceId): Promise<RunListPage> {
  const page = await commands.listRuns({ workspace_id: workspaceId, filter: ACTIVE_RUNS_FILTER });
  return reconcilePage(page, { activeOnly: true });
}

/**
 * One run's record (get_run), polled while it is active — fast at first, slower the longer it
 * is watched — and never again once it is completed. Run events update it in between.
 */
export function useRuns(runIds: readonly RunId[], watchedSince: number) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQueries({
    queries: runIds.map((runId) => ({
      queryKey: queryKeys.run(runId),
      queryFn: async (): Promise<OperationRun> => reconcileRun(await commands.getRun({ run_id: runId })),
      refetchInterval: (query: { state: { data: OperationRun | undefined; status: string } }) =>
        pollInterval({
          now: Date.now(),
          activeSince: watchedSince,
          ...gate,
          terminal: query.state.data?.status === "completed",
          failed: query.state.status === "error",
        }),
    })),
  });
}

/** Everything the run page shows, live while the run is active (events and polling). */
export function useRunDetail(runId: RunId) {
  const commands = useCommands();
  const gate = usePollGate();
  const [watchedSince] = useState(() => Date.now());
  return useQuery({
    queryKey: queryKeys.runDetail(runId),
    queryFn: async (): Promise<RunDetail> => reconcileDetail(await commands.runDetail({ run_id: runId })),
    refetchInterval: (query) =>
      pollInterval({
        now: Date.now(),
        activeSince: watchedSince,
        ...gate,
        terminal: query.state.data?.run.status === "completed",
        failed: query.state.status === "error",
      }),
  });
}

/**
 * The newest active runs of the workspace (the progress widget's list). Polled on the SPEC
 * §3.6 schedule: fast while new work has just appeared, 30 s while nothing is active.
 */
export function useActiveRuns(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const gate = usePollGate();
  const activity = useRef<Activity>(IDLE);
  return useQuery({
    queryKey: queryKeys.activeRuns(workspaceId),
    queryFn: () => readActiveRuns(commands, workspaceId),
    refetchInterval: (query) => {
      const ids = (query.state.data?.items ?? []).map((row) => row.run.id);
      activity.current = trackActivity(activity.current, ids, Date.now());
      // A list keeps its schedule after a failed read: the next one may well succeed.
      return pollInterval({ now: Date.now(), activeSince: activity.current.since, ...gate });
    },
  });
}

/**
 * The same list as `useActiveRuns` without a timer of its own, for everything besides the
 * widget that shows it (the navigation's count, other pages' polling): one list, polled once.
 */
export function useActiveRunsData(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.activeRuns(workspaceId),
    queryFn: () => readActiveRuns(commands, workspaceId),
  });
}

/**
 * When the workspace's current activity began (from the active runs list, which the progress
 * widget keeps fresh), for the other monitoring queries' polling.
 */
export function useRunsActivitySince(workspaceId: WorkspaceId): number | null {
  const active = useActiveRunsData(workspaceId);
  const activity = useRef<Activity>(IDLE);
  const ids = (active.data?.items ?? []).map((row) => row.run.id);
  activity.current = trackActivity(activity.current, ids, Date.now());
  return activity.current.since;
}

/** How the operations index header's counts are read (its hook and the idle prefetch). */
export function runsOverviewQuery(commands: Commands, workspaceId: WorkspaceId) {
  return {
    queryKey: queryKeys.runsOverview(workspaceId),
    queryFn: () => commands.runsOverview({ workspace_id: workspaceId }),
  };
}

/** How one page of an operations index query is read (its hook and the idle prefetch). */
export function runIndexPageQuery(
  commands: Commands,
  workspaceId: WorkspaceId,
  query: RunQuery,
  page: number,
  pageSize: number,
) {
  return {
    queryKey: queryKeys.runIndexPage(workspaceId, query, page * pageSize, pageSize),
    queryFn: async (): Promise<RunListPage> =>
      reconcilePage(
        await commands.listRuns({
          workspace_id: workspaceId,
          filter: { ...query, offset: page * pageSize, limit: pageSize },
        }),
      ),
  };
}

/** The operations index header: likely stale and reconciled counts. */
export function useRunsOverview(workspaceId: WorkspaceId, activeSince: number | null) {
  const commands = useCommands();
  const gate = usePollGate();
  const fetch = runsOverviewQuery(commands, workspaceId);
  // Asked while the page renders (see useRunIndexPages).
  usePrefetchQuery(fetch);
  return useQuery({
    ...fetch,
    refetchInterval: () => pollInterval({ now: Date.now(), activeSince, ...gate }),
  });
}

/** What a completed sync added, changed and found removed (it never changes afterwards). */
export function useRunChanges(runId: RunId, { enabled }: { enabled: boolean }) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.runChanges(runId),
    queryFn: () => commands.runChanges({ run_id: runId }),
    enabled,
    staleTime: Infinity,
  });
}

/**
 * Pages of one operations index query, fetched by position (`pages` are the page numbers in
 * view). Refreshed on the polling schedule and by run events.
 */
export function useRunIndexPages(
  workspaceId: WorkspaceId,
  query: RunQuery,
  pages: readonly number[],
  pageSize: number,
  activeSince: number | null,
  { poll = true }: { poll?: boolean } = {},
) {
  const commands = useCommands();
  const gate = usePollGate();
  const client = useQueryClient();
  const fetches = pages.map((page) => runIndexPageQuery(commands, workspaceId, query, page, pageSize));
  // A page not asked for yet is asked for while the page renders, not after it has been painted
  // (when a query's own fetch starts): the answer arrives while the rest of the page renders
  // (usePrefetchQuery's rule, for a list of pages; a no-op once the page is in the cache).
  for (const fetch of fetches) {
    if (client.getQueryState(fetch.queryKey) === undefined) void client.prefetchQuery(fetch);
  }
  return useQueries({
    queries: fetches.map((fetch) => ({
      ...fetch,
      // Scrolling back to a page just seen does not ask again; events and polling refresh it.
      staleTime: 5_000,
      refetchInterval: () => (poll ? pollInterval({ now: Date.now(), activeSince, ...gate }) : false),
    })),
  });
}

/**
 * The newest runs of the workspace whose id starts with `search` or whose tenant's name contains
 * it (the operations index's search, every tab), `limit` at most; disabled while `search` is
 * null. The rows sit with the index's pages, so run events update and refresh them too.
 */
export function useRunSearch(workspaceId: WorkspaceId, search: string | null, limit: number) {
  const commands = useCommands();
  const query: RunQuery = { ...ALL_RUNS, search: search ?? "" };
  return useQuery({
    queryKey: queryKeys.runIndexPage(workspaceId, query, 0, limit),
    queryFn: async (): Promise<RunListPage> =>
      reconcilePage(await commands.listRuns({ workspace_id: workspaceId, filter: { ...query, offset: 0, limit } })),
    enabled: search !== null,
    staleTime: 5_000,
  });
}

/**
 * The operator's inbox for the workspace on screen (null: every workspace). Refreshed when one
 * of their runs completes, and slowly otherwise.
 */
export function useNotifications(workspaceId: WorkspaceId | null) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.inbox(workspaceId),
    queryFn: () => commands.listNotifications({ workspace_id: workspaceId }),
    refetchInterval: () => pollInterval({ now: Date.now(), activeSince: null, ...gate }),
  });
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, a page at a time ("Load more"). */
export function useAuditLog(workspaceId: WorkspaceId, query: AuditQuery) {
  const commands = useCommands();
  return useInfiniteQuery({
    queryKey: queryKeys.auditQuery(workspaceId, query),
    queryFn: ({ pageParam }): Promise<Page<AuditRow>> =>
      commands.listAudit({
        workspace_id: workspaceId,
        filter: { ...query, offset: pageParam, limit: AUDIT_PAGE_SIZE },
      }),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const loaded = all.reduce((sum, page) => sum + page.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}
