import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import type { OperationRun, RunDetail, RunId } from "../bindings/types";
import { useCommands } from "../platform";
import { isBaselineRun, refreshBaselines } from "./baselineCache";
import { noteLiveRun } from "./liveRuns";
import { queryKeys } from "./queryKeys";
import "./register";

/**
 * What a cancel or a retry changed, on every screen: the run's own record and page, the
 * workspace's run lists and counts, its audit log (both are audited) and — when a run ended
 * (cancelled while queued, or a retry refused at once) — what a completed run changes: last
 * syncs, the overview, the inbox, the tenant, baselines.
 */
export function refreshAfterRunAction(queryClient: QueryClient, run: OperationRun): void {
  // A poll answered before this must not put the older state back.
  noteLiveRun(run);
  queryClient.setQueryData<OperationRun>(queryKeys.run(run.id), (kept) => (kept === undefined ? kept : run));
  queryClient.setQueryData<RunDetail>(queryKeys.runDetail(run.id), (kept) =>
    kept === undefined ? kept : { ...kept, run },
  );
  // The reason and the freshness are the backend's to say.
  void queryClient.invalidateQueries({ queryKey: queryKeys.runDetail(run.id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.workspaceRuns(run.workspace_id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.audit(run.workspace_id) });
  if (run.status !== "completed") return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(run.workspace_id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.workspaceOverview(run.workspace_id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  if (run.tenant_id !== null) void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(run.tenant_id) });
  if (isBaselineRun(run)) void refreshBaselines(queryClient);
}

/** Cancels a queued run at once, or asks a running one to stop at its next checkpoint. */
export function useCancelRun() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: RunId) => commands.cancelRun({ run_id: runId }),
    onSuccess: (response) => refreshAfterRunAction(queryClient, response.run),
  });
}

/** Starts a run that did not succeed again, with the same inputs; answers like any start. */
export function useRetryRun() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: RunId) => commands.retryRun({ run_id: runId }),
    onSuccess: (response) => refreshAfterRunAction(queryClient, response.run),
  });
}
