import { describe, expect, it } from "vitest";
import type { BaselineProfileView } from "../../bindings/types";
import { baselineProfile } from "../../test/baselineFixtures";
import { snapshotOutcomeWords, snapshotProfiles, snapshotProofWords, snapshotUseWords } from "./importSnapshotWords";

const view = (overrides: Parameters<typeof baselineProfile>[0]): BaselineProfileView => ({
  profile: baselineProfile(overrides),
  assigned_tenants: [],
  readiness: { current: null, latest_attempt: null, blocked_by: null, next_step: "" },
  open_findings: 0,
});

const facts = { tool: "IntuneCD", objects: 12, archived: 2, skipped: [], declared_objects: undefined };
const skip = { path: "a.json", reason: "is not valid JSON" };

describe("The words of a snapshot from an import", () => {
  it("offers only full-content profiles of this tenant that are not archived, by name", () => {
    const views = [
      view({ id: "p-win", name: "Windows standard" }),
      view({ id: "p-draft", name: "Draft baseline", status: "draft" }),
      view({ id: "p-meta", name: "Fingerprints", capture_mode: "meta" }),
      view({ id: "p-other", name: "Fabrikam standard", source_tenant_id: "t-fabrikam" }),
      view({ id: "p-none", name: "No source yet", source_tenant_id: null }),
      view({ id: "p-old", name: "Archived", status: "archived" }),
    ];
    expect(snapshotProfiles(views, "t-contoso").map((profile) => profile.id)).toEqual(["p-draft", "p-win"]);
    expect(snapshotProfiles(views, "t-adatum")).toEqual([]);
  });

  it("says why a snapshot from the backup is or is not complete, by the rule that decided", () => {
    expect(snapshotProofWords({ ...facts, declared_objects: 10, snapshot_rule: "exact_count" })).toBe(
      "IntuneCD states 10 objects and all 10 were read.",
    );
    expect(snapshotProofWords({ ...facts, objects: 1, archived: 0, snapshot_rule: "exact_count" })).toBe(
      "IntuneCD states 1 object and it was read.",
    );
    expect(snapshotProofWords({ ...facts, objects: 0, archived: 0, snapshot_rule: "proven_empty" })).toBe(
      "IntuneCD states the backup holds no object, and none was read.",
    );
    expect(snapshotProofWords({ ...facts, snapshot_rule: "no_proof" })).toBe(
      "The backup does not state how many objects it holds, so a snapshot from it is kept but not used for compare; capture the baseline from the tenant before comparing.",
    );
    expect(snapshotProofWords({ ...facts, declared_objects: 14, snapshot_rule: "contradictory_evidence" })).toBe(
      "IntuneCD states 14 objects but 10 were read, so a snapshot from it is kept but not used for compare.",
    );
    expect(snapshotProofWords({ ...facts, skipped: [skip, skip], snapshot_rule: "contradictory_evidence" })).toBe(
      "2 files were not imported, so a snapshot from it is kept but not used for compare.",
    );
    expect(
      snapshotProofWords({ ...facts, declared_objects: 11, skipped: [skip], snapshot_rule: "contradictory_evidence" }),
    ).toBe(
      "IntuneCD states 11 objects but 10 were read, and 1 file was not imported, so a snapshot from it is kept but not used for compare.",
    );
  });

  it("says what the chosen profile does with the snapshot", () => {
    expect(snapshotUseWords("complete")).toBe("The snapshot becomes the profile's current baseline.");
    expect(snapshotUseWords("incomplete")).toBe(
      "The snapshot is kept for the record; it never becomes the profile's current baseline.",
    );
  });

  it("names the snapshot an import made, with its rule", () => {
    const made = { snapshot_id: "s-9", profile_id: "p-1", profile_name: "Windows standard", items: 123 };
    expect(snapshotOutcomeWords({ ...made, state: "complete", rule: "exact_count" })).toBe(
      "Baseline snapshot for Windows standard: complete (exact count proof), 123 items",
    );
    expect(snapshotOutcomeWords({ ...made, state: "incomplete", rule: "no_proof" })).toBe(
      "Baseline snapshot for Windows standard: incomplete — no proof: recapture before compare",
    );
  });
});
