import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  BackupSet,
  BackupSetDetail,
  BackupSetId,
  InventoryItemId,
  OperationRun,
  Tenant,
  TenantId,
  WorkspaceId,
} from "../bindings/types";
import { useCommands } from "../platform";
import { usePollGate } from "./pollGate";
import { queryKeys } from "./queryKeys";
import { POLL_MS } from "./runPolling";
import "./register";

/** Whether a run's changes change a tenant's backup sets (a set follows its backup run). */
export function isBackupRun(run: OperationRun): boolean {
  return run.type === "backup_schedule_run";
}

/** Re-reads the backup sets (list and every set shown) of the run's tenant. */
export function refreshBackups(queryClient: QueryClient, run: OperationRun): Promise<void> {
  return run.tenant_id === null
    ? Promise.resolve()
    : queryClient.invalidateQueries({ queryKey: queryKeys.backupSets(run.tenant_id) });
}

type BackupPollInput = {
  /** A set shown is still capturing. */
  capturing: boolean;
  hidden: boolean;
  modalOpen: boolean;
  /** The last read failed: it is shown with Retry instead of being repeated. */
  failed: boolean;
};

/**
 * How long until backups shown are read again, or false for not at all: every 5 s while a set
 * shown is capturing (its run's events refresh it in between); paused while the window is hidden
 * or a modal is open; stopped once every set shown has finished (a finished set never changes)
 * and after a failed read.
 */
export function backupPollInterval({ capturing, hidden, modalOpen, failed }: BackupPollInput): number | false {
  if (!capturing || failed || hidden || modalOpen) return false;
  return POLL_MS.medium;
}

/** The tenant's backup sets, newest first; read every 5 s while one is capturing. */
export function useBackupSets(tenantId: TenantId) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.backupSetList(tenantId),
    queryFn: () => commands.listBackupSets({ tenant_id: tenantId }),
    refetchInterval: (query) =>
      backupPollInterval({
        capturing: (query.state.data ?? []).some((set: BackupSet) => set.status === "capturing"),
        ...gate,
        failed: query.state.status === "error",
      }),
  });
}

/**
 * One set with the versions it holds; disabled while `setId` is null. Shown in a drawer (a modal
 * itself), so only a hidden window pauses its reading while it captures.
 */
export function useBackupSet(tenantId: TenantId, setId: BackupSetId | null) {
  const commands = useCommands();
  const gate = usePollGate();
  return useQuery({
    queryKey: queryKeys.backupSet(tenantId, setId ?? ""),
    queryFn: () => commands.getBackupSet({ backup_set_id: setId ?? "" }),
    enabled: setId !== null,
    refetchInterval: (query) =>
      backupPollInterval({
        capturing: (query.state.data as BackupSetDetail | undefined)?.set.status === "capturing",
        hidden: gate.hidden,
        modalOpen: false,
        failed: query.state.status === "error",
      }),
  });
}

/** The inventory reads at most this many objects per request; the lookup stops after 20 pages. */
const INVENTORY_PAGE = 500;
const INVENTORY_PAGES = 20;

/** The key of an object in the lookup: its catalog type and its id in Graph. */
export function objectKey(objectType: string, externalId: string): string {
  return `${objectType}\u0000${externalId}`;
}

/**
 * Where each object of `types` is in the tenant's inventory (removed ones included), by
 * `objectKey`: a version a backup set holds names its object by type and Graph id, and links to
 * the object's page only through this. Disabled while `enabled` is false or there is no type.
 */
export function useInventoryObjectIds(tenantId: TenantId, types: readonly string[], enabled: boolean) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.inventoryIds(tenantId, types),
    queryFn: async (): Promise<Record<string, InventoryItemId>> => {
      const found: Record<string, InventoryItemId> = {};
      for (let page = 0; page < INVENTORY_PAGES; page++) {
        const { items, total } = await commands.listInventory({
          tenant_id: tenantId,
          filter: {
            object_types: [...types],
            platform: null,
            search: null,
            include_removed: true,
            sort: { key: "display_name", direction: "asc" },
            offset: page * INVENTORY_PAGE,
            limit: INVENTORY_PAGE,
          },
        });
        for (const item of items) found[objectKey(item.object_type, item.external_id)] = item.id;
        if (items.length < INVENTORY_PAGE || (page + 1) * INVENTORY_PAGE >= total) break;
      }
      return found;
    },
    enabled: enabled && types.length > 0,
    staleTime: 60_000,
  });
}

/** Queues a backup of the tenant (or answers that one is running); its sets are read again. */
export function useBackUpNow(tenant: Pick<Tenant, "id" | "workspace_id">) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => commands.backUpNow({ tenant_id: tenant.id }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.backupSets(tenant.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(tenant.workspace_id) }),
      ]),
  });
}

/** Queues a backup of every active tenant of the workspace, as one batch. */
export function useBackUpAll(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => commands.backUpAll({ workspace_id: workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  });
}
