import { useVersionDiff } from "../../api";
import type { PolicyVersionSummary } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { DiffSkeleton } from "./DiffSkeleton";
import { DiffView } from "./DiffView";

type VersionDiffProps = { tenantId: string; before: PolicyVersionSummary; after: PolicyVersionSummary };

/** Two versions of one object side by side, setting by setting; unchanged rows only on request. */
export function VersionDiff({ tenantId, before, after }: VersionDiffProps) {
  const diff = useVersionDiff(tenantId, { before: before.id, after: after.id });
  const title = `v${before.version_number} → v${after.version_number}`;

  if (diff.isPending) return <DiffSkeleton />;
  if (diff.isError) {
    return (
      <ErrorState
        title={`${title} could not be compared`}
        message={diff.error.message}
        onRetry={() => void diff.refetch()}
        retrying={diff.isFetching}
      />
    );
  }
  return (
    <DiffView
      diff={diff.data.diff}
      title={`Changes ${title}`}
      beforeLabel={`v${before.version_number}`}
      afterLabel={`v${after.version_number}`}
      noun="versions"
    />
  );
}
