import { useCallback } from "react";
import { useStartSync, useSyncAll } from "../api";
import type { ApiError, SyncKind, Tenant, WorkspaceId } from "../bindings/types";
import { syncRunLabel } from "./labels";
import { useRunWatch } from "./RunWatch";
import { showIntentToast, showStartError, showSyncAllToast } from "./toasts";

/** Starts a sync of one tenant: intent toast, then a watch that reports how it ended. */
export function useTenantSync() {
  const startSync = useStartSync();
  const watch = useRunWatch();
  const start = useCallback(
    // mutateAsync, not mutate: each click gets its own toast even when two starts overlap, and
    // the watch outlives the page that started it.
    (tenant: Tenant, kind: SyncKind) =>
      startSync.mutateAsync({ tenant_id: tenant.id, kind }).then(
        (response) => {
          showIntentToast(response);
          watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
        },
        (error: ApiError) =>
          showStartError(`${syncRunLabel(kind)} of ${tenant.display_name} was not started`, error.message),
      ),
    [startSync.mutateAsync, watch],
  );
  const pendingKind = startSync.isPending ? (startSync.variables?.kind ?? null) : null;
  return { start, pendingKind };
}

/** Starts a sync of every tenant of the workspace: one summary toast, one summary at the end. */
export function useWorkspaceSync(workspaceId: WorkspaceId) {
  const syncAll = useSyncAll();
  const watch = useRunWatch();
  const start = useCallback(
    (kind: SyncKind) =>
      syncAll.mutateAsync({ workspace_id: workspaceId, kind }).then(
        (response) => {
          showSyncAllToast(kind, response);
          watch({
            runs: response.started.map((s) => s.start.run),
            tenantNames: Object.fromEntries(response.started.map((s) => [s.tenant_id, s.display_name])),
            batchLabel: `${syncRunLabel(kind)} of all tenants`,
          });
        },
        (error: ApiError) => showStartError(`${syncRunLabel(kind)} of all tenants was not started`, error.message),
      ),
    [syncAll.mutateAsync, watch, workspaceId],
  );
  return { start, isPending: syncAll.isPending };
}
