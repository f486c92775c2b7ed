import { describe, expect, it } from "vitest";
import { baselineProfile, baselineSnapshot, finding } from "./baselineFixtures";
import { baselineState } from "./fakeBaselines";
import {
  baselinePlan,
  fakeRestores,
  finishExecution,
  finishPreview,
  plannedOutcomes,
  restoreState,
} from "./fakeRestores";
import { conflictItem, contosoOutcomes, executedRestore, planItem, planOf, restoreRecord } from "./restoreFixtures";

/** Contoso drifted from Windows standard (full content, snapshot s-1): one policy missing, one drifted, one unexpected. */
function remediable() {
  const baselines = baselineState({
    profiles: [baselineProfile({ current_snapshot_id: "s-1" })],
    snapshots: [baselineSnapshot()],
    findings: [
      finding({ id: "f-drifted" }),
      finding({
        id: "f-missing",
        kind: "missing",
        subject_key: "settings_catalog:win - bitlocker",
        display_name: "WIN - BitLocker",
      }),
      finding({ id: "f-unexpected", kind: "unexpected", subject_key: "compliance_policy:ios", display_name: "iOS" }),
      finding({
        id: "f-resolved",
        status: "resolved",
        subject_key: "settings_catalog:win - edge",
        display_name: "Edge",
      }),
      finding({ id: "f-other", profile_id: "p-2", subject_key: "settings_catalog:x" }),
    ],
  });
  return restoreState({ baselines });
}

describe("the fake restore backend", () => {
  it("remediates findings as a restore of their baseline's content, planned per kind", async () => {
    const state = remediable();
    const started = await fakeRestores(state).remediateFindings({
      tenant_id: "t-contoso",
      finding_ids: ["f-drifted", "f-missing"],
    });
    expect(started.restore).toMatchObject({
      tenant_id: "t-contoso",
      source_tenant_id: "t-contoso",
      status: "planning",
      source: {
        kind: "baseline",
        snapshot_id: "s-1",
        subject_keys: ["settings_catalog:win - bitlocker", "settings_catalog:win - defender"],
      },
    });
    expect(started.start.intent).toBe("queued");
    expect(baselinePlan(state, started.restore.id).items.map((item) => [item.display_name, item.action])).toEqual([
      ["WIN - BitLocker", "create"],
      ["WIN - Defender", "update"],
    ]);
    finishPreview(state, started.restore.id);
    expect(state.restores[0]?.plan?.counts).toEqual({ create: 1, update: 1, skip: 0, conflict: 0, delete: 0 });
  });

  it("refuses findings the backend refuses, in its words", async () => {
    const { remediateFindings } = fakeRestores(remediable());
    const refusal = (finding_ids: string[], tenant_id = "t-contoso") =>
      remediateFindings({ tenant_id, finding_ids }).then(
        () => null,
        (error: { message: string }) => error.message,
      );
    expect(await refusal([])).toBe("Choose 1 to 1000 findings to remediate.");
    expect(await refusal(["f-unexpected"])).toMatch(/^'iOS' is in the tenant but not in the baseline/);
    expect(await refusal(["f-resolved"])).toBe("'Edge' is resolved already: nothing to remediate.");
    expect(await refusal(["f-drifted", "f-other"])).toBe(
      "The findings come from more than one baseline: remediate those of one baseline at a time.",
    );
    expect(await refusal(["f-drifted"], "t-fabrikam")).toBe("Finding was not found.");
    expect(await refusal(["f-gone"])).toBe("Finding was not found.");
  });

  it("refuses a baseline without a complete full-content snapshot", async () => {
    const state = remediable();
    if (state.baselines === null) throw new Error("no baselines");
    state.baselines.profiles = [baselineProfile()];
    await expect(
      fakeRestores(state).remediateFindings({ tenant_id: "t-contoso", finding_ids: ["f-drifted"] }),
    ).rejects.toMatchObject({ message: "The baseline has no complete snapshot: capture it first." });
    state.baselines.profiles = [baselineProfile({ current_snapshot_id: "s-1" })];
    state.baselines.snapshots = [baselineSnapshot({ capture_mode: "meta" })];
    await expect(
      fakeRestores(state).remediateFindings({ tenant_id: "t-contoso", finding_ids: ["f-drifted"] }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^The baseline captures fingerprints only/),
    });
  });

  it("executes objects whose only conflict is secret values once all of them are typed, never keeping them", async () => {
    const secret = conflictItem(1, [{ kind: "secret_values", fields: ["a", "b"] }], { target_external_id: null });
    const blocked = conflictItem(3, [
      { kind: "name_collision", matches: 2 },
      { kind: "secret_values", fields: ["c"] },
    ]);
    const plan = planOf([planItem(0, { action: "update" }), secret, blocked]);
    const state = restoreState({ restores: [restoreRecord({ plan })] });
    const { executeRestore } = fakeRestores(state);
    const request = { restore_id: "restore-1", confirm_tenant: "Contoso Pharma", confirm_changes: 2 };
    const value = (field: string, version = secret.source_version_id) => ({
      source_version_id: version,
      field,
      value: "s3cret",
    });
    await expect(executeRestore({ ...request, secrets: [value("a")] })).rejects.toMatchObject({
      message: "Give every secret value of 'WIN - SC - Policy 001' (missing: b), or none.",
    });
    await expect(
      executeRestore({ ...request, secrets: [value("c", blocked.source_version_id)] }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/has other conflicts that keep it from being written\.$/),
    });
    await expect(
      executeRestore({ ...request, secrets: [value("a"), { ...value("b"), value: " " }] }),
    ).rejects.toMatchObject({
      message: "The value for b of 'WIN - SC - Policy 001' must be 1 to 65536 characters.",
    });
    // Without the values, one change; the count must say so.
    await expect(executeRestore({ ...request, secrets: [] })).rejects.toMatchObject({
      message: "Confirm by typing the tenant's name (Contoso Pharma) and the number of changes (1).",
    });

    await executeRestore({ ...request, secrets: [value("a"), value("b")] });
    expect(state.unlocked["restore-1"]).toEqual([secret.source_version_id]);
    expect(JSON.stringify(state)).not.toContain("s3cret");
    expect(plannedOutcomes(state, "restore-1").map((outcome) => outcome.outcome)).toEqual([
      "updated",
      "created",
      "skipped",
    ]);
  });

  it("previews undoing a restore as an undo of it: its pre-images put back, what it created deleted", async () => {
    const state = restoreState({ restores: [executedRestore()] });
    const { previewUndo, previewRestore, executeRestore } = fakeRestores(state);
    const started = await previewUndo({ restore_id: "restore-1" });
    expect(started.restore).toMatchObject({
      tenant_id: "t-contoso",
      source_tenant_id: "t-contoso",
      source: { kind: "undo", restore_id: "restore-1" },
      status: "planning",
    });
    const id = started.restore.id;
    finishPreview(state, id);
    const plan = state.restores.find((r) => r.id === id)?.plan;
    expect(plan?.counts).toEqual({ create: 0, update: 2, skip: 0, conflict: 0, delete: 2 });
    const created = contosoOutcomes().filter((outcome) => outcome.outcome === "created");
    expect(plan?.items.filter((item) => item.action === "delete").map((item) => item.target_external_id)).toEqual(
      created.map((outcome) => outcome.target_external_id),
    );
    expect(plan?.items.filter((item) => item.action === "update").map((item) => item.source_version_id)).toEqual(
      contosoOutcomes().flatMap((outcome) => outcome.pre_image_version_id ?? []),
    );

    // Its deletes count among the changes confirmed, and are deleted.
    await executeRestore({ restore_id: id, confirm_tenant: "Contoso Pharma", confirm_changes: 4 });
    const run = finishExecution(state, id);
    const outcomes = state.restores.find((r) => r.id === id)?.outcomes ?? [];
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(["deleted", "deleted", "updated", "updated"]);
    expect(outcomes.every((outcome) => outcome.pre_image_version_id !== null)).toBe(true);
    expect(run.summary_counts).toMatchObject({ created: 0, updated: 2, deleted: 2, failed: 0 });

    // Previewed again, an undo is checked as the backend checks it.
    const again = await previewRestore({ tenant_id: "t-contoso", source: { kind: "undo", restore_id: "restore-1" } });
    expect(again.restore.source).toEqual({ kind: "undo", restore_id: "restore-1" });
    await expect(
      previewRestore({ tenant_id: "t-fabrikam", source: { kind: "undo", restore_id: "restore-1" } }),
    ).rejects.toMatchObject({ message: "A restore is undone on the tenant it wrote to." });
    await expect(
      previewRestore({ tenant_id: "t-contoso", source: { kind: "undo", restore_id: "restore-gone" } }),
    ).rejects.toMatchObject({ message: "Restore was not found." });
  });

  it("refuses to undo a restore that changed nothing", async () => {
    const skipped = contosoOutcomes().filter((outcome) => outcome.outcome === "skipped");
    const state = restoreState({ restores: [executedRestore({ outcomes: skipped })] });
    await expect(fakeRestores(state).previewUndo({ restore_id: "restore-1" })).rejects.toMatchObject({
      code: "invalid_input",
      message: "This restore changed nothing, so there is nothing to undo.",
    });
  });
});
