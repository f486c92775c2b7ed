import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  EvidenceSnapshot,
  OperationRun,
  ReviewReadiness,
  Tenant,
  TenantId,
  TenantReview,
  UpdateReviewNoteRequest,
} from "../bindings/types";
import { useCommands } from "../platform";
import { packPollInterval } from "./packQueries";
import { usePollGate } from "./pollGate";
import { queryKeys } from "./queryKeys";
import "./register";

/**
 * What the tenant's customer review card and page show, read together so they never mix two
 * moments.
 */
export type CustomerReview = {
  /** Every evidence snapshot of the tenant, newest first, each with its content when complete. */
  snapshots: EvidenceSnapshot[];
  /** The newest evidence snapshot, in whatever state; null before the first. */
  snapshot: EvidenceSnapshot | null;
  readiness: ReviewReadiness;
  /** The newest composed review; null before the first. */
  review: TenantReview | null;
};

/** Whether a run's changes change the customer review (an evidence snapshot or a review). */
export function isReviewRun(run: OperationRun): boolean {
  return run.type === "tenant.evidence.snapshot.generate" || run.type === "tenant.review.compose";
}

/** Re-reads the customer review (card and page) of the run's tenant. */
export function refreshCustomerReview(queryClient: QueryClient, run: OperationRun): Promise<void> {
  return run.tenant_id === null
    ? Promise.resolve()
    : queryClient.invalidateQueries({ queryKey: queryKeys.customerReview(run.tenant_id) });
}

/**
 * The tenant's evidence snapshots, review readiness and newest review. Read again every
 * 10 s while the snapshot is being taken (paused as packs pause), and at once when an evidence
 * or compose run of the tenant starts or ends (run events, and the run watch's refresh of the
 * tenant when a run this window started completes).
 */
export function useCustomerReview(tenantId: TenantId) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.customerReview(tenantId),
    queryFn: async (): Promise<CustomerReview> => {
      const request = { tenant_id: tenantId };
      const [snapshots, readiness, review] = await Promise.all([
        commands.listEvidenceSnapshots(request),
        commands.reviewReadiness(request),
        commands.latestReview(request),
      ]);
      return { snapshots, snapshot: snapshots[0] ?? null, readiness, review };
    },
    refetchInterval: (query) =>
      packPollInterval({
        inProgress: query.state.data?.snapshot?.state === "building",
        ...gate,
        failed: query.state.status === "error",
      }),
  });
}

function useReviewStart(tenant: Pick<Tenant, "id" | "workspace_id">, start: "evidence" | "compose") {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      start === "evidence"
        ? commands.generateEvidenceSnapshot({ tenant_id: tenant.id })
        : commands.composeReview({ tenant_id: tenant.id }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.customerReview(tenant.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(tenant.workspace_id) }),
      ]),
  });
}

/** Queues an evidence snapshot of the tenant (or answers that one is being taken). */
export function useGenerateEvidenceSnapshot(tenant: Pick<Tenant, "id" | "workspace_id">) {
  return useReviewStart(tenant, "evidence");
}

/** Queues a review of the tenant from its newest complete evidence; refused while not ready. */
export function useComposeReview(tenant: Pick<Tenant, "id" | "workspace_id">) {
  return useReviewStart(tenant, "compose");
}

/** Replaces the review's note for the customer; the answer replaces the review shown. */
export function useUpdateReviewNote(tenant: Pick<Tenant, "id" | "workspace_id">) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateReviewNoteRequest) => commands.updateReviewNote(request),
    onSuccess: (review) => {
      queryClient.setQueryData<CustomerReview>(queryKeys.customerReview(tenant.id), (kept) =>
        kept === undefined || kept.review?.id !== review.id ? kept : { ...kept, review },
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(tenant.workspace_id) });
    },
  });
}
