export {
  markedRead,
  useAddTenant,
  useCreateDemoWorkspace,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useSetTenantStatus,
  useStartSync,
  useSyncAll,
  useUpdateTenant,
  useVerifyConnection,
} from "./mutations";
export { clearLiveRuns, isLater, noteLiveRun, reconcilePage, reconcileRun } from "./liveRuns";
export { isModalOpen, usePollGate, type PollGate } from "./pollGate";
export {
  useAppInfo,
  useDirectoryRoles,
  useGroups,
  useInventoryCounts,
  useInventoryObject,
  useInventoryPages,
  useLastSyncs,
  useMembers,
  useObjectTypes,
  useRbacReport,
  useTenant,
  useTenants,
  useVersionDiff,
  useWorkspaces,
} from "./queries";
export { createQueryClient } from "./queryClient";
export { queryKeys, type AuditQuery, type InventoryQuery, type RunQuery } from "./queryKeys";
export {
  ACTIVE_RUNS_FILTER,
  ACTIVE_RUNS_LIMIT,
  AUDIT_PAGE_SIZE,
  useActiveRuns,
  useActiveRunsData,
  useAuditLog,
  useNotifications,
  useRunDetail,
  useRunIndexPages,
  useRuns,
  useRunsActivitySince,
  useRunsOverview,
} from "./runQueries";
export { IDLE, isActiveStatus, pollInterval, POLL_MS, trackActivity, type Activity, type PollInput } from "./runPolling";
