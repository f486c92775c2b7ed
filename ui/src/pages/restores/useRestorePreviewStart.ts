import { useNavigate } from "react-router";
import { usePreviewRestore, useRemediateFindings } from "../../api";
import type {
  PreviewRestoreRequest,
  RemediateFindingsRequest,
  RestorePreviewStarted,
  WorkspaceId,
} from "../../bindings/types";
import { toastRunStarted, useRunWatch } from "../../runs";
import { restorePath } from "./restoreLinks";

/**
 * What follows a preview that was asked for: the intent toast, a watch that keeps it current until
 * its run ends, then the new restore's page.
 */
function useFollowPreview() {
  const watch = useRunWatch();
  const navigate = useNavigate();
  return (started: RestorePreviewStarted, targetName: string): RestorePreviewStarted => {
    toastRunStarted(started.start);
    watch({ runs: [started.start.run], tenantNames: { [started.restore.tenant_id]: targetName } });
    navigate(restorePath(started.restore.id));
    return started;
  };
}

/**
 * Asking for a restore preview, followed to the new restore's page (see `useFollowPreview`). A
 * refusal (invalid input, not found, forbidden) is not toasted: it stays in `error` for the form
 * that asked to show beside its button.
 */
export function useRestorePreviewStart(workspaceId: WorkspaceId) {
  const preview = usePreviewRestore(workspaceId);
  const follow = useFollowPreview();
  const start = (request: PreviewRestoreRequest, targetName: string): Promise<RestorePreviewStarted | null> =>
    preview.mutateAsync(request).then(
      (started) => follow(started, targetName),
      () => null,
    );
  return { start, isPending: preview.isPending, error: preview.error, reset: preview.reset };
}

/**
 * Asking for the preview of remediating drift findings from their baseline, followed to the new
 * restore's page like any preview. A refusal stays in `error` for the dialog that asked.
 */
export function useRemediationStart(workspaceId: WorkspaceId) {
  const remediate = useRemediateFindings(workspaceId);
  const follow = useFollowPreview();
  const start = (request: RemediateFindingsRequest, targetName: string): Promise<RestorePreviewStarted | null> =>
    remediate.mutateAsync(request).then(
      (started) => follow(started, targetName),
      () => null,
    );
  return { start, isPending: remediate.isPending, error: remediate.error, reset: remediate.reset };
}
