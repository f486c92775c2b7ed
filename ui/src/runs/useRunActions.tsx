import { useCallback } from "react";
import { useNavigate } from "react-router";
import { useCancelRun, useRetryRun } from "../api";
import type { ApiError, OperationRun } from "../bindings/types";
import { useRunWatch } from "./RunWatch";
import { toastRunCancel, toastRunStarted, toastStartRefused } from "./runToasts";
import { runWork } from "./toastWording";

/**
 * Cancels a run: the backend's sentence in the run's own toast ("… cancelled before it started",
 * "… stops at its next checkpoint"), or why it could not be.
 */
export function useCancelRunAction() {
  const cancel = useCancelRun();
  const start = useCallback(
    (run: OperationRun, tenantName: string | null) =>
      cancel
        .mutateAsync(run.id)
        .then(toastRunCancel, (error: ApiError) =>
          toastStartRefused(`${runWork(run, tenantName)} was not cancelled`, error.message),
        ),
    [cancel.mutateAsync],
  );
  return { cancel: start, isPending: cancel.isPending };
}

/**
 * Retries a run: a new run with the same inputs. Queued, it opens the new run's page; already in
 * progress or blocked, its toast says so (with a link to that run). The new run is watched
 * like any other start, so its toast follows it to the end.
 */
export function useRetryRunAction() {
  const retry = useRetryRun();
  const watch = useRunWatch();
  const navigate = useNavigate();
  const start = useCallback(
    (run: OperationRun, tenantName: string | null) =>
      retry.mutateAsync(run.id).then(
        (response) => {
          toastRunStarted(response);
          const tenantId = response.run.tenant_id;
          watch({
            runs: [response.run],
            tenantNames: tenantId === null || tenantName === null ? {} : { [tenantId]: tenantName },
          });
          if (response.intent === "queued") navigate(`/runs/${response.run.id}`);
        },
        (error: ApiError) => toastStartRefused(`${runWork(run, tenantName)} was not retried`, error.message),
      ),
    [retry.mutateAsync, watch, navigate],
  );
  return { retry: start, isPending: retry.isPending };
}
