import { useCallback } from "react";
import { useCompareAllAssigned, useStartBaselineCapture, useStartBaselineCompare } from "../api";
import type { ApiError, BaselineProfile, TenantId } from "../bindings/types";
import { useRunWatch } from "./RunWatch";
import { type RunNoun, showIntentToast, showStartAllToast, showStartError } from "./toasts";

const COMPARE_NOUN: RunNoun = { one: "compare", many: "compares" };

/** Captures a profile's source tenant: intent toast, then a watch that reports how it ended. */
export function useBaselineCapture() {
  const capture = useStartBaselineCapture();
  const watch = useRunWatch();
  const start = useCallback(
    (profile: BaselineProfile, sourceName: string | null) =>
      capture.mutateAsync(profile.id).then(
        (response) => {
          showIntentToast(response);
          const tenantNames: Record<TenantId, string> =
            profile.source_tenant_id !== null && sourceName !== null ? { [profile.source_tenant_id]: sourceName } : {};
          watch({ runs: [response.run], tenantNames });
        },
        (error: ApiError) => showStartError(`Capture of ${profile.name} was not started`, error.message),
      ),
    [capture.mutateAsync, watch],
  );
  return { start, isPending: capture.isPending };
}

/** Compares one tenant against its baseline: intent toast, then a watch. */
export function useTenantCompare() {
  const compare = useStartBaselineCompare();
  const watch = useRunWatch();
  const start = useCallback(
    (tenant: { id: TenantId; display_name: string }) =>
      compare.mutateAsync({ tenant_id: tenant.id }).then(
        (response) => {
          showIntentToast(response);
          watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
        },
        (error: ApiError) => showStartError(`Compare of ${tenant.display_name} was not started`, error.message),
      ),
    [compare.mutateAsync, watch],
  );
  return { start, isPending: compare.isPending };
}

/** Compares every tenant assigned to a profile: one summary toast, one summary at the end. */
export function useCompareAll() {
  const compareAll = useCompareAllAssigned();
  const watch = useRunWatch();
  const start = useCallback(
    (profile: BaselineProfile) =>
      compareAll.mutateAsync(profile.id).then(
        (response) => {
          const label = `Compare of ${profile.name}'s tenants`;
          showStartAllToast({
            title: label,
            response,
            noun: COMPARE_NOUN,
            nothing: `No tenant is assigned to ${profile.name}.`,
            "data-testid": "compare-all-toast",
          });
          watch({
            runs: response.started.map((s) => s.start.run),
            tenantNames: Object.fromEntries(response.started.map((s) => [s.tenant_id, s.display_name])),
            batchLabel: label,
          });
        },
        (error: ApiError) => showStartError(`Compare of ${profile.name}'s tenants was not started`, error.message),
      ),
    [compareAll.mutateAsync, watch],
  );
  return { start, isPending: compareAll.isPending };
}
