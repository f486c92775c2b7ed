import { useComposeReview, useGenerateEvidenceSnapshot } from "../../api";
import type { ApiError, StartRunResponse, Tenant } from "../../bindings/types";
import { toastRunStarted, toastStartRefused, useRunWatch } from "../../runs";

/**
 * Starting an evidence snapshot or a review of the tenant: the intent toast (or why it was not
 * started), then a watch that keeps it current until its run ends.
 */
export function useReviewStarts(tenant: Tenant) {
  const evidence = useGenerateEvidenceSnapshot(tenant);
  const compose = useComposeReview(tenant);
  const watch = useRunWatch();
  const follow = (response: StartRunResponse) => {
    toastRunStarted(response);
    watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
  };
  return {
    generate: () =>
      void evidence
        .mutateAsync()
        .then(follow, (error: ApiError) =>
          toastStartRefused(`Evidence snapshot of ${tenant.display_name} was not started`, error.message),
        ),
    compose: () =>
      void compose
        .mutateAsync()
        .then(follow, (error: ApiError) =>
          toastStartRefused(`Review of ${tenant.display_name} was not started`, error.message),
        ),
    generating: evidence.isPending,
    composing: compose.isPending,
  };
}

export type ReviewStarts = ReturnType<typeof useReviewStarts>;
