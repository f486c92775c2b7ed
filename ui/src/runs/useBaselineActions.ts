import { useCallback } from "react";
import { useCompareAllAssigned, useStartBaselineCapture, useStartBaselineCompare } from "../api";
import type { ApiError, BaselineProfile, TenantId } from "../bindings/types";
import { useRunWatch } from "./RunWatch";
import { toastBatchStarted, toastRunStarted, toastStartRefused } from "./runToasts";
import type { RunNoun } from "./toastWording";

const COMPARE_NOUN: RunNoun = { one: "compare", many: "compares" };

/** Captures a profile's source tenant: its toast, then a watch that keeps the toast current until it ends. */
export function useBaselineCapture() {
  const capture = useStartBaselineCapture();
  const watch = useRunWatch();
  const start = useCallback(
    (profile: BaselineProfile, sourceName: string | null) =>
      capture.mutateAsync(profile.id).then(
        (response) => {
          toastRunStarted(response);
          const tenantNames: Record<TenantId, string> =
            profile.source_tenant_id !== null && sourceName !== null ? { [profile.source_tenant_id]: sourceName } : {};
          watch({ runs: [response.run], tenantNames });
        },
        (error: ApiError) => toastStartRefused(`Capture of ${profile.name} was not started`, error.message),
      ),
    [capture.mutateAsync, watch],
  );
  return { start, isPending: capture.isPending };
}

/** Compares one tenant against its baseline: its toast, then a watch. */
export function useTenantCompare() {
  const compare = useStartBaselineCompare();
  const watch = useRunWatch();
  const start = useCallback(
    (tenant: { id: TenantId; display_name: string }) =>
      compare.mutateAsync({ tenant_id: tenant.id }).then(
        (response) => {
          toastRunStarted(response);
          watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
        },
        (error: ApiError) => toastStartRefused(`Compare of ${tenant.display_name} was not started`, error.message),
      ),
    [compare.mutateAsync, watch],
  );
  return { start, isPending: compare.isPending };
}

/** Compares every tenant assigned to a profile: one toast for all of them, from start to end. */
export function useCompareAll() {
  const compareAll = useCompareAllAssigned();
  const watch = useRunWatch();
  const start = useCallback(
    (profile: BaselineProfile) =>
      compareAll.mutateAsync(profile.id).then(
        (response) => {
          const batch = toastBatchStarted({
            title: `Compare of ${profile.name}'s tenants`,
            response,
            noun: COMPARE_NOUN,
            nothing: `No tenant is assigned to ${profile.name}.`,
            "data-testid": "compare-all-toast",
          });
          watch({
            runs: response.started.map((s) => s.start.run),
            tenantNames: Object.fromEntries(response.started.map((s) => [s.tenant_id, s.display_name])),
            batch,
          });
        },
        (error: ApiError) => toastStartRefused(`Compare of ${profile.name}'s tenants was not started`, error.message),
      ),
    [compareAll.mutateAsync, watch],
  );
  return { start, isPending: compareAll.isPending };
}
