export { clearLiveRuns, isLater, noteLiveRun, reconcilePage, reconcileRun } from "./liveRuns";
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
export { isModalOpen, type PollGate, usePollGate } from "./pollGate";
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
export { type AuditQuery, type InventoryQuery, queryKeys, type RunQuery } from "./queryKeys";
export {
  type Activity,
  IDLE,
  isActiveStatus,
  POLL_MS,
  type PollInput,
  pollInterval,
  trackActivity,
} from "./runPolling";
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
