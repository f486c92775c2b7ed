export { currentFreshness, isLikelyStale, runFreshness } from "./freshness";
export { completionSentence, outcomeVerb, SYNC_KINDS, syncActionLabel, syncKindLabel, syncRunLabel } from "./labels";
export { ProgressWidget, toastClassNames } from "./ProgressWidget";
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
export { RunWatchProvider, useRunWatch } from "./RunWatch";
export { applyRunEvents } from "./runEvents";
export {
  intentTitle,
  type RunNoun,
  showIntentToast,
  showStartAllToast,
  showStartError,
  showSyncAllToast,
  startAllSummary,
  syncAllSummary,
} from "./toasts";
export { useBaselineCapture, useCompareAll, useTenantCompare } from "./useBaselineActions";
export { useTenantSync, useWorkspaceSync } from "./useSyncActions";
