export { currentFreshness, isLikelyStale, runFreshness } from "./freshness";
export { completionSentence, outcomeVerb, SYNC_KINDS, syncActionLabel, syncKindLabel, syncRunLabel } from "./labels";
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
export { ProgressWidget, toastClassNames } from "./ProgressWidget";
export { applyRunEvents } from "./runEvents";
export { RunEventsBridge, useRunEvents } from "./RunEventsBridge";
export { RunLink } from "./RunLink";
export { RunWatchProvider, useRunWatch } from "./RunWatch";
export { intentTitle, showIntentToast, showSyncAllToast, syncAllSummary } from "./toasts";
export { useTenantSync, useWorkspaceSync } from "./useSyncActions";
