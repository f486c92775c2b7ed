export { CANCELLED_REASON, CANCELLING_LABEL, isCancelled, isCancelling } from "./cancellation";
export { currentFreshness, isLikelyStale, runFreshness } from "./freshness";
export {
  completionSentence,
  isRestorePreview,
  outcomeVerb,
  RESTORE_PREVIEW_LABEL,
  runTypeLabel,
  SYNC_KINDS,
  syncActionLabel,
  syncKindLabel,
  syncOperationType,
  syncRunLabel,
} from "./labels";
export { PROGRESS_WIDGET_Z_INDEX, ProgressWidget } from "./ProgressWidget";
export {
  aggregateProgress,
  clearProgressHistory,
  formatElapsed,
  formatRate,
  formatRemaining,
  progressEstimate,
  recordProgress,
  runProgress,
} from "./progress";
export { RunEventsBridge, useRunEvents } from "./RunEventsBridge";
export { RunLink } from "./RunLink";
export { RunStateBadge } from "./RunStateBadge";
export { RunWatchProvider, useRunWatch } from "./RunWatch";
export { cancelConsequence, isCancellable, isRetryable, startCapability } from "./runActions";
export { applyRunEvents } from "./runEvents";
export {
  type HeadlineContext,
  type HeadlineSource,
  type RunHeadline,
  reasonWords,
  runHeadline,
  UNKNOWN_CONNECTION_REASON,
  UNKNOWN_RUN_REASON,
} from "./runHeadline";
export { type Cancellation, RECONCILED_MARKER, type RunState, runState, runStateOf } from "./runState";
export { inSentence, runSummary } from "./runSummary";
export {
  runToastId,
  TOAST_MS,
  toastBatchFinished,
  toastBatchStarted,
  toastRunCancel,
  toastRunChanged,
  toastRunStarted,
  toastStartRefused,
} from "./runToasts";
export { intentTitle, type RunNoun, SYNC_NOUN, startAllSummary, syncAllSummary } from "./toastWording";
export { useTenantBackup, useWorkspaceBackup } from "./useBackupActions";
export { useBaselineCapture, useCompareAll, useTenantCompare } from "./useBaselineActions";
export { useCancelRunAction, useRetryRunAction } from "./useRunActions";
export { useTenantSync, useWorkspaceSync } from "./useSyncActions";
