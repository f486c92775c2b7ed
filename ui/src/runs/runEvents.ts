import type { QueryClient } from "@tanstack/react-query";
import {
  ACTIVE_RUNS_LIMIT,
  isBackupRun,
  isBaselineRun,
  isRestoreRun,
  isReviewPackRun,
  isReviewRun,
  noteLiveRun,
  queryKeys,
  refreshBackups,
  refreshBaselines,
  refreshCustomerReview,
  refreshRestores,
  refreshReviewPacks,
} from "../api";
import type {
  AppInfo,
  ChangeKind,
  OperationRun,
  RunDetail,
  RunEvent,
  RunEventBatch,
  RunListPage,
  RunListRow,
  Tenant,
  WorkspaceId,
  WorkspaceOverview,
} from "../bindings/types";
import { currentFreshness } from "./freshness";
import { recordProgress } from "./progress";

/** The newer of two states of one run: a completed run never goes back. */
function newer(kept: OperationRun, incoming: OperationRun): OperationRun {
  return kept.status === "completed" && incoming.status !== "completed" ? kept : incoming;
}

/** The names the list shows for a run, from what the cache already knows. */
function rowFor(queryClient: QueryClient, run: OperationRun): { row: RunListRow; complete: boolean } {
  let tenantName: string | null = null;
  if (run.tenant_id !== null) {
    const tenants = queryClient.getQueryData<Tenant[]>(queryKeys.tenants(run.workspace_id));
    // The overview (the home page) lists the tenants too, so a run started while it is on screen is named.
    const overview = queryClient.getQueryData<WorkspaceOverview>(queryKeys.workspaceOverview(run.workspace_id));
    tenantName =
      tenants?.find((tenant) => tenant.id === run.tenant_id)?.display_name ??
      overview?.tenants.find((row) => row.tenant.id === run.tenant_id)?.tenant.display_name ??
      queryClient.getQueryData<Tenant>(queryKeys.tenant(run.tenant_id))?.display_name ??
      null;
  }
  let initiatorName: string | null = null;
  if (run.initiator_user_id !== null) {
    const me = queryClient.getQueryData<AppInfo>(queryKeys.appInfo)?.user;
    if (me?.id === run.initiator_user_id) initiatorName = me.display_name;
  }
  const complete =
    (run.tenant_id === null || tenantName !== null) && (run.initiator_user_id === null || initiatorName !== null);
  return { row: { run, tenant_name: tenantName, initiator_name: initiatorName }, complete };
}

/**
 * The widget's active list after one event: a new active run is added (newest first), a
 * changed one replaced in place, a completed one removed. Returns whether the list must be
 * read again (names it cannot fill in, or a gap left below the first 20).
 */
function patchActiveRuns(queryClient: QueryClient, { kind, run }: RunEvent): boolean {
  let refetch = false;
  queryClient.setQueryData<RunListPage>(queryKeys.activeRuns(run.workspace_id), (page) => {
    if (page === undefined) return page;
    const at = page.items.findIndex((row) => row.run.id === run.id);
    if (run.status === "completed") {
      if (at === -1) return page;
      const items = page.items.filter((row) => row.run.id !== run.id);
      const total = Math.max(items.length, page.total - 1);
      refetch = total > items.length;
      return { ...page, items, total };
    }
    if (at !== -1) {
      const items = [...page.items];
      const kept = items[at] as RunListRow;
      items[at] = { ...kept, run: newer(kept.run, run) };
      return { ...page, items };
    }
    // Unknown and active: new (created), or missed while the list was being read.
    const listedAll = page.total <= page.items.length;
    if (kind !== "created" && !listedAll) return page;
    const { row, complete } = rowFor(queryClient, run);
    refetch = !complete;
    const items = [row, ...page.items]
      .sort((a, b) => b.run.created_at.localeCompare(a.run.created_at))
      .slice(0, ACTIVE_RUNS_LIMIT);
    return { ...page, items, total: page.total + 1 };
  });
  return refetch;
}

/** Whether a query shows a tenant as such: a workspace's tenant list and overview, one tenant's record. */
function isTenantQuery(queryKey: readonly unknown[]): boolean {
  const [root, , area] = queryKey;
  if (root === "workspaces") return area === "tenants" || area === "overview";
  return root === "tenants" && queryKey.length === 2;
}

/** Whether a query shows review packs: a workspace's packs and pack settings, a tenant's newest pack. */
function isPackQuery([root, , area]: readonly unknown[]): boolean {
  if (root === "workspaces") return area === "review-packs" || area === "review-pack-settings";
  return root === "tenants" && area === "review-pack";
}

/** Whether a query shows who belongs to a workspace: the Members page and the filters' member list. */
function isMemberQuery([root, , area]: readonly unknown[]): boolean {
  return root === "workspaces" && (area === "member-directory" || area === "members");
}

/**
 * Re-reads what another workstation or process changed besides runs (team mode's change feed),
 * in every workspace, as the kinds do not say which: tenants re-read the tenant lists, tenants
 * and the overview; findings everything baselines and findings show (the overview's open
 * findings too); packs the review pack lists, settings and tenants' newest packs; memberships
 * the Members page, the filters' member list and the workspace list (the operator's own role
 * and tenants may be what changed); workspaces the workspace list. Runs come as events.
 */
function applyChanges(queryClient: QueryClient, changes: readonly ChangeKind[]): void {
  const kinds = new Set(changes);
  if (kinds.has("tenant")) {
    void queryClient.invalidateQueries(
      { predicate: (query) => isTenantQuery(query.queryKey) },
      { cancelRefetch: false },
    );
  }
  if (kinds.has("finding")) void refreshBaselines(queryClient);
  if (kinds.has("pack")) void queryClient.invalidateQueries({ predicate: (query) => isPackQuery(query.queryKey) });
  if (kinds.has("member")) void queryClient.invalidateQueries({ predicate: (query) => isMemberQuery(query.queryKey) });
  if (kinds.has("member") || kinds.has("workspace"))
    void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true });
}

/**
 * Applies one batch of live run changes to the query cache (SPEC §3.6: updates are pushed):
 * the run's own record and detail, the progress widget's list and the index rows in place;
 * lists whose membership may change are re-read; a completed run refreshes what it changed
 * (the tenant's data, last syncs, the overview, baselines and findings, the inbox, the audit log);
 * a review pack run's every change refreshes its pack, an evidence or compose run's its tenant's
 * review card, a backup run's its tenant's backup sets, a restore run's its restore. A lagged
 * batch means changes were missed: every run query is read again. What other processes changed
 * besides runs (`changes`) is read again too (see `applyChanges`).
 */
export function applyRunEvents(queryClient: QueryClient, batch: RunEventBatch, now: number): void {
  const reread = new Set<WorkspaceId>();
  const activeReread = new Set<WorkspaceId>();
  const overview = new Set<WorkspaceId>();
  let inbox = false;
  for (const event of batch.events) {
    const { kind, run } = event;
    noteLiveRun(run);
    recordProgress(run, now);
    queryClient.setQueryData<OperationRun>(queryKeys.run(run.id), (kept) =>
      kept === undefined ? kept : newer(kept, run),
    );
    queryClient.setQueryData<RunDetail>(queryKeys.runDetail(run.id), (kept) => {
      if (kept === undefined) return kept;
      const next = newer(kept.run, run);
      return { ...kept, run: next, freshness: currentFreshness(kept.freshness, next, now) };
    });
    if (patchActiveRuns(queryClient, event)) activeReread.add(run.workspace_id);
    queryClient.setQueriesData<RunListPage>({ queryKey: queryKeys.runIndex(run.workspace_id) }, (page) => {
      if (page === undefined || !page.items.some((row) => row.run.id === run.id)) return page;
      return {
        ...page,
        items: page.items.map((row) => (row.run.id === run.id ? { ...row, run: newer(row.run, run) } : row)),
      };
    });
    // Progress changes counts only; any other change may move the run between tabs and filters.
    if (kind !== "progress") reread.add(run.workspace_id);
    // A pack's status follows its run's: started, it is generating; completed, ready or failed.
    if (kind !== "progress" && isReviewPackRun(run)) void refreshReviewPacks(queryClient, run);
    // An evidence snapshot is taken, or a review composed, by its run: the tenant's review card follows it.
    if (kind !== "progress" && isReviewRun(run)) void refreshCustomerReview(queryClient, run);
    // A backup set is captured by its run: the tenant's Backups tab follows it (started, finished).
    if (kind !== "progress" && isBackupRun(run)) void refreshBackups(queryClient, run);
    // A restore is planned by its run: its page and the target's restore previews follow it.
    if (kind !== "progress" && isRestoreRun(run)) void refreshRestores(queryClient, run);
    if (kind === "completed") {
      inbox = true;
      // The reason and the final freshness are the backend's to say.
      void queryClient.invalidateQueries({ queryKey: queryKeys.runDetail(run.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(run.workspace_id) });
      overview.add(run.workspace_id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(run.workspace_id) });
      if (run.tenant_id !== null) void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(run.tenant_id) });
      // A capture changes its profile's snapshots and readiness; a compare its tenant's findings.
      if (isBaselineRun(run)) void refreshBaselines(queryClient);
    }
  }
  for (const workspaceId of reread) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.runIndex(workspaceId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.runsOverview(workspaceId) });
  }
  for (const workspaceId of activeReread)
    void queryClient.invalidateQueries({ queryKey: queryKeys.activeRuns(workspaceId) });
  // The overview reads every tenant of the workspace: a read already under way is let finish
  // rather than restarted, so a stream of completions (a "Sync all") cannot keep it from ever
  // answering; the next completion or the poll brings what it missed.
  for (const workspaceId of overview)
    void queryClient.invalidateQueries(
      { queryKey: queryKeys.workspaceOverview(workspaceId) },
      { cancelRefetch: false },
    );
  if (inbox) void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  if (batch.changes.length > 0) applyChanges(queryClient, batch.changes);
  if (batch.lagged) {
    void queryClient.invalidateQueries({
      predicate: (query) => {
        const [root, , area] = query.queryKey;
        return root === "runs" || (root === "workspaces" && (area === "runs" || area === "overview"));
      },
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  }
}
