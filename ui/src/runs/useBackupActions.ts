import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { queryKeys, useBackUpAll, useBackUpNow } from "../api";
import type { ApiError, Tenant, WorkspaceId } from "../bindings/types";
import { useRunWatch } from "./RunWatch";
import { toastBatchStarted, toastRunStarted, toastStartRefused } from "./runToasts";
import type { RunNoun } from "./toastWording";
import { withoutArchived } from "./useSyncActions";

const BACKUP_NOUN: RunNoun = { one: "backup", many: "backups" };

/** Backs up one tenant now: the intent toast, then a watch that keeps it current until the run ends. */
export function useTenantBackup(tenant: Tenant) {
  const backUp = useBackUpNow(tenant);
  const watch = useRunWatch();
  const start = useCallback(
    () =>
      backUp.mutateAsync().then(
        (response) => {
          toastRunStarted(response);
          watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
        },
        (error: ApiError) => toastStartRefused(`Backup of ${tenant.display_name} was not started`, error.message),
      ),
    [backUp.mutateAsync, watch, tenant.id, tenant.display_name],
  );
  return { start, isPending: backUp.isPending };
}

/** Backs up every active tenant of the workspace: one toast for all of them, from start to end. */
export function useWorkspaceBackup(workspaceId: WorkspaceId) {
  const backUpAll = useBackUpAll(workspaceId);
  const watch = useRunWatch();
  const queryClient = useQueryClient();
  const start = useCallback(
    () =>
      backUpAll.mutateAsync().then(
        (answer) => {
          // Archived tenants are out of service: "all tenants" never meant them (as for Sync all).
          const tenants = queryClient.getQueryData<Tenant[]>(queryKeys.tenants(workspaceId)) ?? [];
          const archived = new Set(tenants.filter((tenant) => tenant.status === "archived").map((tenant) => tenant.id));
          const response = withoutArchived(answer, archived);
          const batch = toastBatchStarted({
            title: "Backup of all tenants",
            response,
            noun: BACKUP_NOUN,
            nothing: "There are no tenants to back up in this workspace.",
            "data-testid": "backup-all-toast",
          });
          watch({
            runs: response.started.map((s) => s.start.run),
            tenantNames: Object.fromEntries(response.started.map((s) => [s.tenant_id, s.display_name])),
            batch,
          });
        },
        (error: ApiError) => toastStartRefused("Backup of all tenants was not started", error.message),
      ),
    [backUpAll.mutateAsync, watch, workspaceId, queryClient],
  );
  return { start, isPending: backUpAll.isPending };
}
