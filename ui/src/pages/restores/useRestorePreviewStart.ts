import { useNavigate } from "react-router";
import { usePreviewRestore } from "../../api";
import type { PreviewRestoreRequest, RestorePreviewStarted, WorkspaceId } from "../../bindings/types";
import { toastRunStarted, useRunWatch } from "../../runs";
import { restorePath } from "./restoreLinks";

/**
 * Asking for a restore preview: the intent toast and a watch that keeps it current until its run
 * ends, then the new restore's page. A refusal (invalid input, not found, forbidden) is not
 * toasted: it stays in `error` for the form that asked to show beside its button.
 */
export function useRestorePreviewStart(workspaceId: WorkspaceId) {
  const preview = usePreviewRestore(workspaceId);
  const watch = useRunWatch();
  const navigate = useNavigate();
  const start = (request: PreviewRestoreRequest, targetName: string): Promise<RestorePreviewStarted | null> =>
    preview.mutateAsync(request).then(
      (started) => {
        toastRunStarted(started.start);
        watch({ runs: [started.start.run], tenantNames: { [request.tenant_id]: targetName } });
        navigate(restorePath(started.restore.id));
        return started;
      },
      () => null,
    );
  return { start, isPending: preview.isPending, error: preview.error, reset: preview.reset };
}
