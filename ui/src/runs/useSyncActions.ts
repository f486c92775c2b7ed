import { useCallback } from "react";
import { useStartSync, useSyncAll } from "../api";
import type { ApiError, SyncKind, Tenant, WorkspaceId } from "../bindings/types";
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

/** Starts a sync of every tenant of the workspace: one toast for all of them, from start to end. */
export function useWorkspaceSync(workspaceId: WorkspaceId) {
  const syncAll = useSyncAll();
  const watch = useRunWatch();
  const start = useCallback(
    (kind: SyncKind) =>
      syncAll.mutateAsync({ workspace_id: workspaceId, kind }).then(
        (response) => {
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
    [syncAll.mutateAsync, watch, workspaceId],
  );
  return { start, isPending: syncAll.isPending };
}
