import type { QueryClient } from "@tanstack/react-query";
import type { OperationRun } from "../bindings/types";

/**
 * Whether a query holds baseline or findings data: profiles, snapshots, a tenant's baseline,
 * findings lists and single findings, and the overview's open findings (see `queryKeys`).
 */
function isBaselineQuery(queryKey: readonly unknown[]): boolean {
  const [root, , area] = queryKey;
  if (root === "baselines" || root === "baseline-snapshots" || root === "findings") return true;
  if (root === "workspaces") return area === "baselines" || area === "findings" || area === "overview";
  return root === "tenants" && area === "baseline";
}

/**
 * Re-reads everything baselines and findings show. A change to one profile moves readiness,
 * assignments and open-finding counts on several screens at once; the lists are short, so
 * refreshing them all is simpler than tracking which one moved.
 */
export function refreshBaselines(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => isBaselineQuery(query.queryKey) });
}

/** Whether a run's completion changes baseline data (a snapshot, findings, readiness). */
export function isBaselineRun(run: OperationRun): boolean {
  return run.type === "baseline_capture" || run.type === "baseline_compare";
}
