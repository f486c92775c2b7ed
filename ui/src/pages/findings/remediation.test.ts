import { describe, expect, it } from "vitest";
import type { BaselineProfileView } from "../../bindings/types";
import { baselineProfile, baselineSnapshot, finding } from "../../test/baselineFixtures";
import { MAX_REMEDIATE, remediation, remediationSentence } from "./remediation";

const drifted = finding({ id: "f-1", display_name: "WIN - Defender" });
const missing = finding({ id: "f-2", kind: "missing", display_name: "WIN - BitLocker" });

function profileView(snapshot: BaselineProfileView["readiness"]["current"]): BaselineProfileView {
  return {
    profile: baselineProfile({ current_snapshot_id: snapshot?.id ?? null }),
    assigned_tenants: ["t-contoso"],
    readiness: { current: snapshot, latest_attempt: null, blocked_by: null, next_step: "" },
    open_findings: 2,
  };
}

const unknown = () => undefined;

describe("which findings can be remediated together", () => {
  it("remediates missing and drifted findings of one tenant and one baseline", () => {
    expect(remediation([drifted, missing], unknown)).toEqual({
      ok: true,
      tenantId: "t-contoso",
      profileId: "p-1",
      findingIds: ["f-1", "f-2"],
    });
    // Acknowledged drift is still drift.
    expect(remediation([finding({ status: "acknowledged" })], unknown).ok).toBe(true);
  });

  it("refuses what the backend refuses, saying why and what to do", () => {
    expect(remediation([], unknown)).toEqual({ ok: false, why: "Select findings to remediate." });
    expect(remediation([finding({ kind: "unexpected" })], unknown)).toEqual({
      ok: false,
      why: "“WIN - Defender” is in the tenant but not in the baseline: a restore writes only what the baseline holds. Delete it in the tenant, or add it to the baseline's source.",
    });
    expect(remediation([drifted, finding({ id: "f-3", kind: "unexpected" })], unknown)).toEqual({
      ok: false,
      why: "1 selected finding is unexpected: in the tenant but not in the baseline, and a restore writes only what the baseline holds. Deselect it to remediate the others.",
    });
    expect(remediation([finding({ status: "resolved" })], unknown)).toEqual({
      ok: false,
      why: "“WIN - Defender” is resolved already: nothing to remediate.",
    });
    expect(remediation([drifted, finding({ id: "f-4", tenant_id: "t-fabrikam" })], unknown)).toEqual({
      ok: false,
      why: "The findings are of more than one tenant: remediate those of one tenant at a time.",
    });
    expect(remediation([drifted, finding({ id: "f-5", profile_id: "p-2" })], unknown)).toEqual({
      ok: false,
      why: "The findings come from more than one baseline: remediate those of one baseline at a time.",
    });
    const tooMany = Array.from({ length: MAX_REMEDIATE + 1 }, (_, i) => finding({ id: `f-${i}` }));
    expect(remediation(tooMany, unknown)).toEqual({
      ok: false,
      why: "Remediate at most 1,000 findings at once: select fewer.",
    });
    expect(remediation(tooMany.slice(1), unknown).ok).toBe(true);
  });

  it("tells a baseline without content to restore, when the profile is known", () => {
    expect(remediation([drifted], () => profileView(null))).toEqual({
      ok: false,
      why: "Windows standard has no complete snapshot: capture it first.",
    });
    expect(remediation([drifted], () => profileView(baselineSnapshot({ capture_mode: "meta" })))).toEqual({
      ok: false,
      why: "Windows standard captures fingerprints only, not content: switch its capture mode to full content and capture it again to remediate from it.",
    });
    expect(remediation([drifted], () => profileView(baselineSnapshot())).ok).toBe(true);
  });

  it("says what remediating does before anything is asked", () => {
    expect(remediationSentence(2, "Contoso Pharma")).toBe(
      "Preview restoring the baseline's content for 2 findings onto Contoso Pharma. Nothing is written until you review the plan and execute it.",
    );
    expect(remediationSentence(1, "Contoso Pharma")).toMatch(
      /^Preview restoring the baseline's content for 1 finding /,
    );
  });
});
