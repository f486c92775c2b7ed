import type { BaselineProfileId, BaselineProfileView, FindingId, FindingSummary, TenantId } from "../../bindings/types";

/** At most this many findings are remediated at once (the backend's limit). */
export const MAX_REMEDIATE = 1000;

/** What the rules read of a finding. */
export type RemediableFinding = Pick<
  FindingSummary,
  "id" | "tenant_id" | "profile_id" | "kind" | "status" | "display_name"
>;

/** Findings that can be remediated together, or why not — in words the operator can act on. */
export type Remediation =
  | { ok: true; tenantId: TenantId; profileId: BaselineProfileId; findingIds: FindingId[] }
  | { ok: false; why: string };

/** What the confirmation needs: onto which tenant, and which findings (their names shown). */
export type RemediationTarget = {
  tenantId: TenantId;
  tenantName: string;
  findings: Pick<FindingSummary, "id" | "display_name">[];
};

function refused(why: string): Remediation {
  return { ok: false, why };
}

/**
 * Whether `findings` can be remediated from their baseline together, as the backend's
 * `remediate_findings` decides: 1 to 1,000 findings, none resolved, none unexpected (the baseline
 * holds nothing to write for those), all of one tenant and one baseline profile. `profileOf`
 * gives the profile when the member may see baselines: one whose current snapshot is missing or
 * holds fingerprints only cannot be restored from. The backend checks again and has the last word.
 */
export function remediation(
  findings: readonly RemediableFinding[],
  profileOf: (id: BaselineProfileId) => BaselineProfileView | undefined,
): Remediation {
  const [first] = findings;
  if (first === undefined) return refused("Select findings to remediate.");
  const many = findings.length > 1;
  if (findings.length > MAX_REMEDIATE) {
    return refused(`Remediate at most ${MAX_REMEDIATE.toLocaleString()} findings at once: select fewer.`);
  }
  const resolved = findings.filter((f) => f.status === "resolved");
  if (resolved.length > 0) {
    return refused(
      many
        ? `${count(resolved, "selected finding is", "selected findings are")} resolved already, with nothing to remediate: deselect ${them(resolved)}.`
        : `“${first.display_name}” is resolved already: nothing to remediate.`,
    );
  }
  const unexpected = findings.filter((f) => f.kind === "unexpected");
  if (unexpected.length > 0) {
    return refused(
      many
        ? `${count(unexpected, "selected finding is", "selected findings are")} unexpected: in the tenant but not in the baseline, and a restore writes only what the baseline holds. Deselect ${them(unexpected)} to remediate the others.`
        : `“${first.display_name}” is in the tenant but not in the baseline: a restore writes only what the baseline holds. Delete it in the tenant, or add it to the baseline's source.`,
    );
  }
  if (findings.some((f) => f.tenant_id !== first.tenant_id)) {
    return refused("The findings are of more than one tenant: remediate those of one tenant at a time.");
  }
  if (findings.some((f) => f.profile_id !== first.profile_id)) {
    return refused("The findings come from more than one baseline: remediate those of one baseline at a time.");
  }
  const view = profileOf(first.profile_id);
  if (view !== undefined) {
    const current = view.readiness.current;
    if (current === null) return refused(`${view.profile.name} has no complete snapshot: capture it first.`);
    if (current.capture_mode !== "full_content") {
      return refused(
        `${view.profile.name} captures fingerprints only, not content: switch its capture mode to full content and capture it again to remediate from it.`,
      );
    }
  }
  return { ok: true, tenantId: first.tenant_id, profileId: first.profile_id, findingIds: findings.map((f) => f.id) };
}

function count(list: readonly unknown[], one: string, many: string): string {
  return `${list.length.toLocaleString()} ${list.length === 1 ? one : many}`;
}

function them(list: readonly unknown[]): string {
  return list.length === 1 ? "it" : "them";
}

/** "Preview restoring the baseline's content for 2 findings onto Contoso. Nothing is written until…" */
export function remediationSentence(findings: number, tenantName: string): string {
  return `Preview restoring the baseline's content for ${findings.toLocaleString()} ${findings === 1 ? "finding" : "findings"} onto ${tenantName}. Nothing is written until you review the plan and execute it.`;
}
