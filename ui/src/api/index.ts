export {
  useAddTenant,
  useCreateDemoWorkspace,
  useSetTenantStatus,
  useStartSync,
  useSyncAll,
  useUpdateTenant,
  useVerifyConnection,
} from "./mutations";
export {
  useAppInfo,
  useDirectoryRoles,
  useGroups,
  useInventoryCounts,
  useInventoryObject,
  useInventoryPages,
  useLastSyncs,
  useObjectTypes,
  useRbacReport,
  useRun,
  useRuns,
  useTenant,
  useTenants,
  useVersionDiff,
  useWorkspaces,
} from "./queries";
export { createQueryClient } from "./queryClient";
export { queryKeys, type InventoryQuery } from "./queryKeys";
export { runPollInterval } from "./runPolling";
