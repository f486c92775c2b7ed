export {
  backupPollInterval,
  isBackupRun,
  objectKey,
  refreshBackups,
  useBackUpAll,
  useBackUpNow,
  useBackupSet,
  useBackupSets,
  useInventoryObjectIds,
} from "./backupQueries";
export { isBaselineRun, refreshBaselines } from "./baselineCache";
export { useTenantChanges } from "./changeQueries";
export { useCompareAcross, useObjectsOfType, useWorkspaceSearch } from "./crossTenantQueries";
export { useExportBackupFolder, useExportDocumentation, useExportPolicyVersion } from "./exports";
export { importMutationKey, useImportBackup, usePreviewImport } from "./importQueries";
export { type ListPage, type PageReader, useListReaders } from "./listReaders";
export { clearLiveRuns, isLater, noteLiveRun, reconcilePage, reconcileRun } from "./liveRuns";
export {
  useAddMember,
  useMemberDirectory,
  useRemoveMember,
  useRenameWorkspace,
  useSetMemberRole,
  useSetMemberTenants,
  withMember,
  withWorkspace,
} from "./memberQueries";
export {
  markedRead,
  useAcknowledgeFindings,
  useAddTenant,
  useAssignBaseline,
  useCompareAllAssigned,
  useCreateBaselineProfile,
  useCreateDemoWorkspace,
  useCreateWorkspace,
  useHoldCredential,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useReopenFinding,
  useSetBaselineProfileStatus,
  useSetTenantStatus,
  useStartBaselineCapture,
  useStartBaselineCompare,
  useStartSync,
  useSyncAll,
  useUnassignBaseline,
  useUpdateBaselineProfile,
  useUpdateTenant,
  useVerifyConnection,
  verifyMutationKey,
} from "./mutations";
export {
  isPackInProgress,
  isReviewPackRun,
  type PackCheck,
  packPollInterval,
  refreshReviewPacks,
  useGenerateReviewPack,
  useLatestReviewPack,
  usePackVerification,
  useReviewPackPages,
  useReviewPackSettings,
  useSaveReviewPack,
  useUpdateReviewPackSettings,
} from "./packQueries";
export { isModalOpen, type PollGate, usePollGate } from "./pollGate";
export {
  type LastRunWanted,
  useAppInfo,
  useBaselineProfile,
  useBaselineProfiles,
  useBaselineSnapshot,
  useDirectoryRoles,
  useFinding,
  useFindingsPages,
  useGroups,
  useInventoryCounts,
  useInventoryObject,
  useInventoryPages,
  useInventorySearch,
  useLastSyncs,
  useMembers,
  useObjectTypes,
  usePermissionGuide,
  usePermissionReport,
  useRbacReport,
  useTenant,
  useTenantBaseline,
  useTenantLastRuns,
  useTenants,
  useVersionDiff,
  useWorkspaceOverview,
  useWorkspaces,
  utcOffsetMinutes,
} from "./queries";
export { createQueryClient } from "./queryClient";
export { type AuditQuery, type FindingQuery, type InventoryQuery, queryKeys, type RunQuery } from "./queryKeys";
export {
  type ExecuteRestoreInput,
  isRestoreInProgress,
  isRestoreRun,
  refreshRestores,
  restorePollInterval,
  useExecuteRestore,
  usePreviewRestore,
  usePreviewUndo,
  useRemediateFindings,
  useRestore,
  useTenantRestores,
} from "./restoreQueries";
export {
  type CustomerReview,
  isReviewRun,
  refreshCustomerReview,
  useComposeReview,
  useCustomerReview,
  useGenerateEvidenceSnapshot,
  useUpdateReviewNote,
} from "./reviewQueries";
export { useCancelRun, useRetryRun } from "./runActions";
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
  runIndexPageQuery,
  runsOverviewQuery,
  useActiveRuns,
  useActiveRunsData,
  useAuditLog,
  useNotifications,
  useRunChanges,
  useRunDetail,
  useRunIndexPages,
  useRunSearch,
  useRuns,
  useRunsActivitySince,
  useRunsOverview,
} from "./runQueries";
export {
  useCreateSchedule,
  useDeleteSchedule,
  useSchedules,
  useUpdateSchedule,
} from "./scheduleQueries";
export { useExportTable } from "./tableExport";
export {
  UPDATE_CHECK_AFTER_MS,
  useAvailableUpdate,
  useCheckForUpdate,
  useDiagnostics,
  useInstalledUpdate,
  useInstallUpdate,
  useSessionUpdateCheck,
  useSetUpdateUrl,
} from "./updateQueries";
