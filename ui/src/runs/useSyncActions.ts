import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { queryKeys, useStartSync, useSyncAll } from "../api";
import type { ApiError, SyncAllResponse, SyncKind, Tenant, TenantId, WorkspaceId } from "../bindings/types";
import { syncRunLabel } from "./labels";
import { useRunWatch } from "./RunWatch";
import { toastBatchStarted, toastRunStarted, toastStartRefused } from "./runToasts";
import { SYNC_NOUN } from "./toastWording";

/** Starts a sync of one tenant: its toast, then a watch that keeps the toast current until it ends. */
export function useTenantSync() {
  const startSync = useStartSync();
  const watch = useRunWatch();
  const start = useCallback(
    // mutateAsync, not mutate: each click gets its answer even when two starts overlap, and
    // the watch outlives the page that started it.
    (tenant: Tenant, kind: SyncKind) =>
      startSync.mutateAsync({ tenant_id: tenant.id, kind }).then(
        (response) => {
          toastRunStarted(response);
          watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
        },
        (error: ApiError) =>
          toastStartRefused(`${syncRunLabel(kind)} of ${tenant.display_name} was not started`, error.message),
      ),
    [startSync.mutateAsync, watch],
  );
  const pendingKind = startSync.isPending ? (startSync.variables?.kind ?? null) : null;
  return { start, pendingKind };
}

/**
 * The answer to "Sync all" without the tenants it skipped because they are archived: an archived
 * tenant is out of service, "all tenants" never meant it, so its refusal is no news to warn about.
 */
export function withoutArchived(response: SyncAllResponse, archived: ReadonlySet<TenantId>): SyncAllResponse {
  return { ...response, skipped: response.skipped.filter((skipped) => !archived.has(skipped.tenant_id)) };
}

/** Starts a sync of every tenant of the workspace: one toast for all of them, from start to end. */
export function useWorkspaceSync(workspaceId: WorkspaceId) {
  const syncAll = useSyncAll();
  const watch = useRunWatch();
  const queryClient = useQueryClient();
  const start = useCallback(
    (kind: SyncKind) =>
      syncAll.mutateAsync({ workspace_id: workspaceId, kind }).then(
        (answer) => {
          // The workspace's tenant list as the page shows it says which tenants are archived.
          const tenants = queryClient.getQueryData<Tenant[]>(queryKeys.tenants(workspaceId)) ?? [];
          const archived = new Set(tenants.filter((tenant) => tenant.status === "archived").map((tenant) => tenant.id));
          const response = withoutArchived(answer, archived);
          const batch = toastBatchStarted({
            title: `${syncRunLabel(kind)} of all tenants`,
            response,
            noun: SYNC_NOUN,
            nothing: "There are no tenants to sync in this workspace.",
            "data-testid": "sync-all-toast",
          });
          watch({
            runs: response.started.map((s) => s.start.run),
            tenantNames: Object.fromEntries(response.started.map((s) => [s.tenant_id, s.display_name])),
            batch,
          });
        },
        (error: ApiError) => toastStartRefused(`${syncRunLabel(kind)} of all tenants was not started`, error.message),
      ),
    [syncAll.mutateAsync, watch, workspaceId, queryClient],
  );
  return { start, isPending: syncAll.isPending };
}
