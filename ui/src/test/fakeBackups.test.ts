import { describe, expect, it } from "vitest";
import { baselineProfile } from "./baselineFixtures";
import { backupState, fakeBackups } from "./fakeBackups";
import { INTUNE_MANAGEMENT_FOLDER, INTUNECD_FOLDER, intuneManagementFolder, UNUSABLE_FOLDER } from "./importFixtures";

describe("The fake import", () => {
  it("previews a folder without writing anything", async () => {
    const state = backupState();
    const report = await fakeBackups(state).previewImport({ tenant_id: "t-contoso", folder: ` ${INTUNECD_FOLDER} ` });
    expect(report).toMatchObject({
      tenant_id: "t-contoso",
      tool: "IntuneCD",
      folder: INTUNECD_FOLDER,
      objects: 12,
      archived: 2,
      matched: 9,
      already_imported: false,
      // Two files were not imported: a snapshot from it would not be proven whole.
      snapshot_rule: "contradictory_evidence",
      snapshot_state: "incomplete",
    });
    expect(report.backup_set_id).toBeUndefined();
    expect(state.sets).toEqual([]);
  });

  it("says a folder is proven whole only by the count its tool declares", async () => {
    const state = backupState();
    const commands = fakeBackups(state);
    const unproven = await commands.previewImport({ tenant_id: "t-contoso", folder: INTUNE_MANAGEMENT_FOLDER });
    expect(unproven).toMatchObject({ snapshot_rule: "no_proof", snapshot_state: "incomplete" });
    state.folders[INTUNE_MANAGEMENT_FOLDER] = intuneManagementFolder({ declared_objects: 5 });
    const proven = await commands.previewImport({ tenant_id: "t-contoso", folder: INTUNE_MANAGEMENT_FOLDER });
    expect(proven).toMatchObject({ declared_objects: 5, snapshot_rule: "exact_count", snapshot_state: "complete" });
  });

  it("imports a folder once per tenant, then answers that it was imported before", async () => {
    const state = backupState();
    const commands = fakeBackups(state);
    const first = await commands.importBackup({ tenant_id: "t-contoso", folder: INTUNE_MANAGEMENT_FOLDER });
    expect(first).toMatchObject({ status: "complete", new_versions: 5, unchanged: 0, already_imported: false });
    expect(state.sets).toHaveLength(1);
    expect(state.sets[0]).toMatchObject({ id: first.backup_set_id, run_id: null, item_count: 5 });
    expect(state.sets[0]?.origin?.folder).toBe(INTUNE_MANAGEMENT_FOLDER);

    const again = await commands.importBackup({ tenant_id: "t-contoso", folder: INTUNE_MANAGEMENT_FOLDER });
    expect(again).toMatchObject({ backup_set_id: first.backup_set_id, already_imported: true, unchanged: 5 });
    expect(state.sets).toHaveLength(1);

    const partial = await commands.importBackup({ tenant_id: "t-contoso", folder: INTUNECD_FOLDER });
    expect(partial).toMatchObject({ status: "partial", new_versions: 9, unchanged: 3 });
    expect(state.sets.find((set) => set.id === partial.backup_set_id)?.item_count).toBe(10);
  });

  it("refuses, as the backend does, a path that is not full, a folder of neither tool and one with nothing to import", async () => {
    const commands = fakeBackups(backupState());
    await expect(commands.previewImport({ tenant_id: "t-contoso", folder: "backups" })).rejects.toEqual({
      code: "invalid_input",
      message: "Choose the backup folder to import (a full path).",
    });
    await expect(commands.previewImport({ tenant_id: "t-contoso", folder: "C:\\Backups\\x" })).rejects.toMatchObject({
      message: expect.stringContaining("is neither an IntuneCD backup"),
    });
    await expect(commands.importBackup({ tenant_id: "t-contoso", folder: UNUSABLE_FOLDER })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining(`Nothing in ${UNUSABLE_FOLDER} can be imported`),
    });
  });

  it("makes a baseline snapshot of the given profile: complete and current when proven, kept otherwise", async () => {
    const state = backupState({
      profiles: [baselineProfile({ id: "p-1", name: "Windows standard", scope: ["settings_catalog"] })],
    });
    state.folders[INTUNE_MANAGEMENT_FOLDER] = intuneManagementFolder({ declared_objects: 5 });
    const commands = fakeBackups(state);
    const proven = await commands.importBackup({
      tenant_id: "t-contoso",
      folder: INTUNE_MANAGEMENT_FOLDER,
      baseline_profile_id: "p-1",
    });
    expect(proven.snapshot).toMatchObject({
      profile_id: "p-1",
      profile_name: "Windows standard",
      state: "complete",
      rule: "exact_count",
      items: 5,
    });
    expect(state.snapshots[0]).toMatchObject({ state: "complete", proof_rule: "exact_count", failure_reason: null });
    expect(state.profiles[0]?.current_snapshot_id).toBe(proven.snapshot?.snapshot_id);

    // Two files not imported: kept, failed as imported without proof, never current; only the
    // profile's scope (settings catalog: 5 current objects) is in it.
    const kept = await commands.importBackup({
      tenant_id: "t-contoso",
      folder: INTUNECD_FOLDER,
      baseline_profile_id: "p-1",
    });
    expect(kept.snapshot).toMatchObject({ state: "incomplete", rule: "contradictory_evidence", items: 5 });
    expect(state.snapshots[1]).toMatchObject({
      state: "incomplete",
      proof_rule: "contradictory_evidence",
      failure_reason: "baseline.snapshot.imported_without_proof",
    });
    expect(state.profiles[0]?.current_snapshot_id).toBe(proven.snapshot?.snapshot_id);

    // A folder imported before makes no snapshot; without a profile, none is made.
    const again = await commands.importBackup({
      tenant_id: "t-contoso",
      folder: INTUNECD_FOLDER,
      baseline_profile_id: "p-1",
    });
    expect(again.snapshot).toBeUndefined();
    expect(state.snapshots).toHaveLength(2);
  });

  it("refuses, as the backend does, a profile of names only, of another tenant or unknown, also in a preview", async () => {
    const state = backupState({
      profiles: [
        baselineProfile({ id: "p-meta", name: "Fingerprints", capture_mode: "meta" }),
        baselineProfile({ id: "p-fab", name: "Fabrikam standard", source_tenant_id: "t-fabrikam" }),
      ],
    });
    const commands = fakeBackups(state);
    const request = { tenant_id: "t-contoso", folder: INTUNE_MANAGEMENT_FOLDER };
    await expect(commands.importBackup({ ...request, baseline_profile_id: "p-meta" })).rejects.toEqual({
      code: "invalid_input",
      message:
        "The baseline profile 'Fingerprints' captures names and fingerprints only; a snapshot from an import holds full content, so choose a full-content profile.",
    });
    await expect(commands.previewImport({ ...request, baseline_profile_id: "p-fab" })).rejects.toEqual({
      code: "invalid_input",
      message:
        "The baseline profile 'Fabrikam standard' captures another tenant; a snapshot from this import can only be made for a profile whose source tenant is Contoso Pharma.",
    });
    await expect(commands.importBackup({ ...request, baseline_profile_id: "p-gone" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(state.sets).toEqual([]);
    expect(state.snapshots).toEqual([]);
  });
});
