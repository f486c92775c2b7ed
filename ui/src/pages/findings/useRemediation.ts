import { useBaselineProfiles } from "../../api";
import type { WorkspaceId } from "../../bindings/types";
import { useCan } from "../../workspace";
import { type RemediableFinding, type Remediation, remediation } from "./remediation";

/**
 * Whether the member may remediate findings (restore onto tenants) and, if so, whether these can
 * be remediated together (see `remediation`); null when the member may not, so nothing is offered.
 * The baseline profiles are read (from the cache the findings list shares) for members who may
 * see baselines, to tell a profile without content to restore before asking.
 */
export function useRemediation(workspaceId: WorkspaceId, findings: readonly RemediableFinding[]): Remediation | null {
  const can = useCan(workspaceId);
  const canRestore = can("tenant.restore.execute");
  const profiles = useBaselineProfiles(workspaceId, { enabled: canRestore && can("workspace.baselines.view") });
  if (!canRestore) return null;
  return remediation(findings, (id) => profiles.data?.find((view) => view.profile.id === id));
}
