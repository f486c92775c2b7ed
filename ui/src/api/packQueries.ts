import { type QueryClient, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  GenerateReviewPackRequest,
  OperationRun,
  PackSettings,
  PackStatus,
  ReviewPackPage,
  ReviewPackView,
  SaveReviewPackRequest,
  Tenant,
  TenantId,
  WorkspaceId,
} from "../bindings/types";
import { useCommands } from "../platform";
import { usePollGate } from "./pollGate";
import { queryKeys } from "./queryKeys";
import { POLL_MS } from "./runPolling";
import "./register";

/** Whether a pack is still being made: the views showing it refresh until it is not. */
export function isPackInProgress(status: PackStatus): boolean {
  return status === "queued" || status === "generating";
}

type PackPollInput = {
  /** A pack shown is queued or generating. */
  inProgress: boolean;
  hidden: boolean;
  modalOpen: boolean;
  /** The last read failed: it is shown with Retry instead of being repeated. */
  failed: boolean;
};

/**
 * How long until a view of packs is read again, or false for not at all (SPEC §3.6): every 10 s
 * while a pack it shows is being made; paused while the window is hidden or a modal is open;
 * stopped once every pack shown is ready, failed or expired (none changes by itself for days),
 * and after a failed read. Run events of the generating run refresh it in between.
 */
export function packPollInterval({ inProgress, hidden, modalOpen, failed }: PackPollInput): number | false {
  if (!inProgress || failed || hidden || modalOpen) return false;
  return POLL_MS.slow;
}

/** Whether a run's changes change a review pack (its status follows the run's). */
export function isReviewPackRun(run: OperationRun): boolean {
  return run.type === "tenant.review_pack.generate";
}

/** Re-reads the packs a pack run changes: its tenant's newest pack and its workspace's list. */
export function refreshReviewPacks(queryClient: QueryClient, run: OperationRun): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.reviewPacks(run.workspace_id) }),
    run.tenant_id === null
      ? Promise.resolve()
      : queryClient.invalidateQueries({ queryKey: queryKeys.latestReviewPack(run.tenant_id) }),
  ]).then(() => undefined);
}

/** The tenant's newest review pack (null before its first), refreshed while it is being made. */
export function useLatestReviewPack(tenantId: TenantId) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.latestReviewPack(tenantId),
    queryFn: () => commands.latestReviewPack({ tenant_id: tenantId }),
    refetchInterval: (query) =>
      packPollInterval({
        inProgress: query.state.data != null && isPackInProgress(query.state.data.pack.status),
        ...gate,
        failed: query.state.status === "error",
      }),
  });
}

/**
 * Pages of the workspace's review packs (of one tenant when `tenantId` is set), newest first,
 * fetched by position: `pages` are the page numbers in view. A page refreshes while a pack on it
 * is being made.
 */
export function useReviewPackPages(
  workspaceId: WorkspaceId,
  tenantId: TenantId | null,
  pages: readonly number[],
  pageSize: number,
) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.reviewPackPage(workspaceId, tenantId, page * pageSize, pageSize),
      queryFn: () =>
        commands.listReviewPacks({
          workspace_id: workspaceId,
          ...(tenantId === null ? {} : { tenant_id: tenantId }),
          offset: page * pageSize,
          limit: pageSize,
        }),
      refetchInterval: (query: { state: { data: ReviewPackPage | undefined; status: string } }) =>
        packPollInterval({
          inProgress: (query.state.data?.items ?? []).some((view) => isPackInProgress(view.pack.status)),
          ...gate,
          failed: query.state.status === "error",
        }),
    })),
  });
}

/** The workspace's pack defaults, retention and signing key. */
export function useReviewPackSettings(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.reviewPackSettings(workspaceId),
    queryFn: () => commands.reviewPackSettings({ workspace_id: workspaceId }),
  });
}

/**
 * Asks for a tenant's review pack. A queued pack becomes the tenant's newest at once (its card
 * starts following it); the tenant's card, the workspace's list and its audit log are read again.
 */
export function useGenerateReviewPack(tenant: Pick<Tenant, "id" | "workspace_id">) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Omit<GenerateReviewPackRequest, "tenant_id">) =>
      commands.generateReviewPack({ tenant_id: tenant.id, ...request }),
    onSuccess: async (response) => {
      if (response.intent === "queued") {
        queryClient.setQueryData<ReviewPackView | null>(queryKeys.latestReviewPack(tenant.id), response.pack);
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.latestReviewPack(tenant.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.reviewPacks(tenant.workspace_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(tenant.workspace_id) }),
      ]);
    },
  });
}

/** Copies a ready pack to a file the operator chose; saving is audited. */
export function useSaveReviewPack(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveReviewPackRequest) => commands.saveReviewPack(request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  });
}

/** A pack file to check, against the workspace's key; `attempt` counts the checks asked for. */
export type PackCheck = { path: string; workspaceId: WorkspaceId; attempt: number };

/**
 * The verdict on a pack file; disabled while `check` is null. Each attempt reads the file
 * again (it may have changed on disk) and is forgotten once nothing shows it.
 */
export function usePackVerification(check: PackCheck | null) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.packVerification(check?.path ?? "", check?.workspaceId ?? "", check?.attempt ?? 0),
    queryFn: () => commands.verifyPackFile({ path: check?.path ?? "", workspace_id: check?.workspaceId ?? "" }),
    enabled: check !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
}

/** Changes the workspace's pack defaults and retention; the answer replaces the settings shown. */
export function useUpdateReviewPackSettings(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: PackSettings) => commands.updateReviewPackSettings({ workspace_id: workspaceId, settings }),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.reviewPackSettings(workspaceId), view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) });
    },
  });
}
