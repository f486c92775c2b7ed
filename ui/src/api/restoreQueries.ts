import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ExecuteRestoreRequest,
  OperationRun,
  PreviewRestoreRequest,
  RemediateFindingsRequest,
  Restore,
  RestoreId,
  RestoreStatus,
  RestoreView,
  SecretValueInput,
  TenantId,
  WorkspaceId,
} from "../bindings/types";
import { useCommands } from "../platform";
import { usePollGate } from "./pollGate";
import { queryKeys } from "./queryKeys";
import { POLL_MS } from "./runPolling";
import "./register";

/** Whether a run's changes change a restore (its preview or, later, its execution). */
export function isRestoreRun(run: OperationRun): boolean {
  return run.type === "restore.execute";
}

/** Re-reads every restore shown and the restores of the run's tenant (the restore's target). */
export function refreshRestores(queryClient: QueryClient, run: OperationRun): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.allRestores }),
    run.tenant_id === null
      ? Promise.resolve()
      : queryClient.invalidateQueries({ queryKey: queryKeys.tenantRestores(run.tenant_id) }),
  ]).then(() => undefined);
}

/** Whether a restore is still being worked on by its run (its plan or its execution). */
export function isRestoreInProgress(status: RestoreStatus): boolean {
  return status === "planning" || status === "executing";
}

type RestorePollInput = {
  /** A restore shown is still being planned. */
  inProgress: boolean;
  hidden: boolean;
  modalOpen: boolean;
  /** The last read failed: it is shown with Retry instead of being repeated. */
  failed: boolean;
};

/**
 * How long until restores shown are read again, or false for not at all: every 5 s while one is
 * being planned (its run's events refresh it in between); paused while the window is hidden or a
 * modal is open; stopped once none is in progress and after a failed read.
 */
export function restorePollInterval({ inProgress, hidden, modalOpen, failed }: RestorePollInput): number | false {
  if (!inProgress || failed || hidden || modalOpen) return false;
  return POLL_MS.medium;
}

/** The restores onto the tenant, newest first; read every 5 s while one is being planned. */
export function useTenantRestores(tenantId: TenantId) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.tenantRestores(tenantId),
    queryFn: () => commands.listRestores({ tenant_id: tenantId }),
    refetchInterval: (query) =>
      restorePollInterval({
        inProgress: (query.state.data ?? []).some((restore: Restore) => isRestoreInProgress(restore.status)),
        ...gate,
        failed: query.state.status === "error",
      }),
  });
}

/**
 * One restore with its plan and the names of its tenants; read every 5 s while it is being
 * planned or executed (or, with `awaitingRun`, while an execution asked for has not yet moved it
 * to executing: the backend does so when its run starts). Its page opens drawers (modals) over a finished plan only, so only a hidden window
 * pauses the reading while it plans.
 */
export function useRestore(restoreId: RestoreId, { awaitingRun = false }: { awaitingRun?: boolean } = {}) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.restore(restoreId),
    queryFn: () => commands.getRestore({ restore_id: restoreId }),
    refetchInterval: (query) =>
      restorePollInterval({
        inProgress:
          awaitingRun ||
          isRestoreInProgress((query.state.data as RestoreView | undefined)?.restore.status ?? "previewed"),
        hidden: gate.hidden,
        modalOpen: false,
        failed: query.state.status === "error",
      }),
  });
}

/** Asks for a restore preview; the target's restores and the audit log are read again. */
export function usePreviewRestore(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PreviewRestoreRequest) => commands.previewRestore(request),
    onSuccess: (started) => {
      queryClient.setQueryData<RestoreView>(queryKeys.restore(started.restore.id), (kept) =>
        kept === undefined ? kept : { ...kept, restore: started.restore },
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tenantRestores(started.restore.tenant_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
      ]);
    },
  });
}

/**
 * Starts the preview of remediating drift findings from their baseline (a new restore whose source
 * is the baseline's content for the findings' subjects); the target's restores and the audit log
 * are read again.
 */
export function useRemediateFindings(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RemediateFindingsRequest) => commands.remediateFindings(request),
    onSuccess: (started) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tenantRestores(started.restore.tenant_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
      ]),
  });
}

/** An execution as the confirmation asks for it: everything but secret values. */
export type ExecuteRestoreInput = Omit<ExecuteRestoreRequest, "secrets">;

/**
 * Executes a previewed restore, confirmed by the target's name and the number of changes. The
 * restore, the target's restores and the audit log are read again (the run's events follow it).
 *
 * Secret values typed for the execution are read from `secrets` only as the command is sent: they
 * are never the mutation's variables, so the query client never holds them, and the mutation is
 * forgotten as soon as nothing observes it (`gcTime: 0`). The caller keeps them in memory only.
 */
export function useExecuteRestore(workspaceId: WorkspaceId, secrets: () => SecretValueInput[] = () => []) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ExecuteRestoreInput) => {
      const typed = secrets();
      return commands.executeRestore(typed.length === 0 ? request : { ...request, secrets: typed });
    },
    gcTime: 0,
    onSuccess: (start, request) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.restore(request.restore_id) }),
        start.run.tenant_id === null
          ? Promise.resolve()
          : queryClient.invalidateQueries({ queryKey: queryKeys.tenantRestores(start.run.tenant_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
      ]),
  });
}

/**
 * Previews undoing an executed restore (its pre-images onto the same tenant): a new restore,
 * planned like any preview.
 */
export function usePreviewUndo(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (restoreId: RestoreId) => commands.previewUndo({ restore_id: restoreId }),
    onSuccess: (started) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tenantRestores(started.restore.tenant_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
      ]),
  });
}
