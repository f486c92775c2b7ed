export { completionSentence, outcomeVerb, SYNC_KINDS, syncActionLabel, syncKindLabel, syncRunLabel } from "./labels";
export { RunLink } from "./RunLink";
export { RunWatchProvider, useRunWatch } from "./RunWatch";
export { intentTitle, showIntentToast, showSyncAllToast, syncAllSummary } from "./toasts";
export { useTenantSync, useWorkspaceSync } from "./useSyncActions";
