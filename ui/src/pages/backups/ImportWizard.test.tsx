import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { BaselineProfile, ImportReport, WorkspaceSummary } from "../../bindings/types";
import { backupSet } from "../../test/backupFixtures";
import { baselineProfile } from "../../test/baselineFixtures";
import { type BackupState, backupState, fakeBackups } from "../../test/fakeBackups";
import { baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { deferred, fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
import {
  INTUNE_MANAGEMENT_FOLDER,
  INTUNECD_FOLDER,
  intuneCdFolder,
  intuneManagementFolder,
  UNUSABLE_FOLDER,
} from "../../test/importFixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "../tenant/TenantPage";

function renderBackups(state: BackupState, workspace: WorkspaceSummary = workspaceSummary()) {
  // The baseline profiles listed are those the import can make a snapshot for.
  const commands = fakeCommands({
    ...fakeBaselines(baselineState({ profiles: state.profiles })),
    ...fakeBackups(state),
  });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    { commands, workspace, route: "/tenants/t-contoso?tab=backups" },
  );
}

const wizard = () => within(screen.getByRole("dialog", { name: "Import a backup into Contoso Pharma" }));

/** Opens the wizard from the Backups tab once the sets are listed (or the tab says there are none). */
async function openWizard() {
  await userEvent.click(await screen.findByRole("button", { name: "Import…" }));
  return within(await screen.findByRole("dialog", { name: "Import a backup into Contoso Pharma" }));
}

/** Types a path into the wizard's folder field and presses Enter. */
async function typeFolder(path: string) {
  const input = wizard().getByRole("textbox", { name: /Backup folder/ });
  await userEvent.clear(input);
  await userEvent.type(input, `${path}{Enter}`);
}

const oneSet = () => backupState({ sets: [backupSet({ id: "bs-3", run_id: "r-backup-3" })] });

describe("Importing another tool's backup", () => {
  it("chooses a folder, previews what it holds and imports it, then opens the imported set", async () => {
    const state = oneSet();
    const { commands, platform } = renderBackups(state);
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    expect(dialog.getByTestId("import-folder-step")).toHaveTextContent(
      "an IntuneCD backup folder (JSON or YAML) or an IntuneManagement export folder",
    );
    expect(dialog.getByRole("button", { name: "Preview" })).toBeDisabled();

    // Choosing a folder in the system's dialog previews it at once.
    platform.answerDialogs({ folder: INTUNECD_FOLDER });
    await userEvent.click(dialog.getByRole("button", { name: "Choose folder…" }));
    const preview = await dialog.findByTestId("import-preview");
    expect(commands.previewImport).toHaveBeenCalledWith({ tenant_id: "t-contoso", folder: INTUNECD_FOLDER });
    expect(preview).toHaveAttribute("data-tool", "IntuneCD");
    expect(within(preview).getByTestId("import-folder")).toHaveTextContent(INTUNECD_FOLDER);
    expect(within(preview).getByTestId("import-objects")).toHaveTextContent(
      "12 objects, 2 of them older versions from the archive",
    );
    expect(within(preview).getByTestId("import-matched")).toHaveTextContent(
      "9 match objects Contoso Pharma already has; 3 are new to TenantAtlas.",
    );
    expect(within(preview).getByTestId("import-files")).toHaveTextContent(
      "14 object files read, 3 files holding no object (scripts, reports)",
    );
    expect(
      within(preview)
        .getAllByTestId("import-type-row")
        .map((row) => row.textContent),
    ).toEqual(["App protection policy (iOS)20", "Device configuration41", "Settings catalog policy61"]);
    // Partial, said plainly, with every file not imported named with why.
    expect(within(preview).getByTestId("import-partial")).toHaveTextContent(
      "2 files of the folder cannot be imported, so the set will be marked partial.",
    );
    const skipped = within(preview).getAllByTestId("import-skipped-file");
    expect(skipped.map((item) => item.textContent)).toEqual([
      "Device Configurations/Kiosk profile.json is not valid JSON: EOF while parsing an object at line 12 column 0",
      "Settings Catalog/Custom policy.json claims @odata.type '#microsoft.graph.customPolicy', which is no object type TenantAtlas knows",
    ]);
    // What IntuneCD's format leaves out, folded until asked for.
    await userEvent.click(within(preview).getByRole("button", { name: "Not carried by IntuneCD (1)" }));
    expect(within(preview).getByTestId("import-not-carried-type")).toHaveTextContent(
      "App protection policy (iOS): apps (the targeted apps)",
    );
    // Nothing written by a preview.
    expect(commands.importBackup).not.toHaveBeenCalled();
    expect(state.sets).toHaveLength(1);

    await userEvent.click(dialog.getByRole("button", { name: "Import 12 objects" }));
    expect(commands.importBackup).toHaveBeenCalledWith({ tenant_id: "t-contoso", folder: INTUNECD_FOLDER });
    const toast = await screen.findByTestId("import-toast");
    expect(toast).toHaveAttribute("data-already-imported", "false");
    expect(toast).toHaveAttribute("data-status", "partial");
    expect(screen.getByText("IntuneCD backup imported into Contoso Pharma")).toBeInTheDocument();
    expect(toast).toHaveTextContent("12 objects: 9 new versions, 3 unchanged.");
    expect(toast).toHaveTextContent("2 files were not imported, so the set is marked partial.");

    // The dialog closes, the list shows the new set and its drawer opens.
    await waitFor(() => expect(screen.queryByRole("dialog", { name: /Import a backup/ })).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId("location-search")).toHaveTextContent("set=bs-imported-1"));
    expect(await screen.findByTestId("backup-set-origin")).toHaveAttribute("data-tool", "IntuneCD");
  });

  it("previews a typed path with Enter, goes back keeping it, and says when a folder was imported before", async () => {
    const { commands } = renderBackups(oneSet());
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    await typeFolder(INTUNE_MANAGEMENT_FOLDER);
    const preview = await dialog.findByTestId("import-preview");
    expect(preview).toHaveAttribute("data-tool", "IntuneManagement");
    // Whole: no partial warning and no folded notes.
    expect(dialog.queryByTestId("import-partial")).not.toBeInTheDocument();
    expect(dialog.queryByTestId("import-notes")).not.toBeInTheDocument();

    await userEvent.click(dialog.getByRole("button", { name: "Back" }));
    expect(dialog.getByRole("textbox", { name: /Backup folder/ })).toHaveValue(INTUNE_MANAGEMENT_FOLDER);
    await userEvent.click(dialog.getByRole("button", { name: "Preview" }));
    await userEvent.click(await dialog.findByRole("button", { name: "Import 5 objects" }));
    expect(await screen.findByTestId("import-toast")).toHaveTextContent("5 objects: 5 new versions, 0 unchanged.");
    await waitFor(() => expect(screen.getByTestId("location-search")).toHaveTextContent("set=bs-imported-1"));

    // The same folder again: information, not success, and the earlier set opens.
    await userEvent.click(
      within(await screen.findByTestId("backup-set-drawer")).getByRole("button", { name: "Close" }),
    );
    await waitFor(() => expect(screen.getByTestId("location-search")).not.toHaveTextContent("set="));
    await openWizard();
    await typeFolder(INTUNE_MANAGEMENT_FOLDER);
    await userEvent.click(await wizard().findByRole("button", { name: "Import 5 objects" }));
    await waitFor(() =>
      expect(screen.getAllByTestId("import-toast").some((toast) => toast.dataset.alreadyImported === "true")).toBe(
        true,
      ),
    );
    expect(screen.getByText("This folder was imported before; nothing new was stored.")).toBeInTheDocument();
    expect(screen.getByText("IntuneManagement backup already imported into Contoso Pharma")).toBeInTheDocument();
    expect(commands.importBackup).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.getByTestId("location-search")).toHaveTextContent("set=bs-imported-1"));
    expect(screen.getAllByTestId("backup-row")).toHaveLength(2);
  });

  it("shows the backend's words for a folder it cannot import and stays on the first step", async () => {
    const { commands } = renderBackups(oneSet());
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();

    await typeFolder("backups/contoso");
    expect(await dialog.findByRole("alert")).toHaveTextContent("Choose the backup folder to import (a full path).");

    await typeFolder("/home/ann/Documents");
    await waitFor(() =>
      expect(dialog.getByTestId("import-error")).toHaveTextContent(
        "/home/ann/Documents is neither an IntuneCD backup (folders such as 'Settings Catalog' or 'Device Configurations') nor an IntuneManagement export",
      ),
    );
    expect(dialog.getByTestId("import-error")).toHaveTextContent("This folder cannot be imported");
    expect(dialog.getByTestId("import-folder-step")).toBeInTheDocument();
    expect(dialog.queryByTestId("import-preview")).not.toBeInTheDocument();
    expect(dialog.getByRole("textbox", { name: /Backup folder/ })).toHaveValue("/home/ann/Documents");
    expect(commands.previewImport).toHaveBeenCalledTimes(2);
    expect(commands.importBackup).not.toHaveBeenCalled();

    // A folder that previews clears the message.
    await typeFolder(INTUNECD_FOLDER);
    expect(await dialog.findByTestId("import-preview")).toBeInTheDocument();
    expect(dialog.queryByTestId("import-error")).not.toBeInTheDocument();
  });

  it("does nothing when the folder dialog is cancelled", async () => {
    const { commands, platform } = renderBackups(oneSet());
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    platform.answerDialogs({ folder: null });
    await userEvent.click(dialog.getByRole("button", { name: "Choose folder…" }));
    await waitFor(() => expect(platform.chooseFolder).toHaveBeenCalledTimes(1));
    expect(commands.previewImport).not.toHaveBeenCalled();
    expect(dialog.getByRole("textbox", { name: /Backup folder/ })).toHaveValue("");
  });

  it("lists the names with no match in the tenant, with how many there are when the list is cut short", async () => {
    const state = oneSet();
    state.folders[INTUNECD_FOLDER] = intuneCdFolder({ unresolved_total: 250 });
    renderBackups(state);
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    await typeFolder(INTUNECD_FOLDER);
    await dialog.findByTestId("import-preview");

    const toggle = dialog.getByRole("button", { name: "Names with no match in this tenant (250)" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(dialog.queryByTestId("import-unresolved-name")).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const section = within(dialog.getByTestId("import-unresolved"));
    expect(section.getAllByTestId("import-unresolved-name").map((name) => name.textContent)).toEqual([
      "Pilot - Berlin devices",
      "Scope tag: Munich",
    ]);
    expect(section.getByTestId("import-unresolved-more")).toHaveTextContent("Showing 2 of 250 names.");
    expect(dialog.getByTestId("import-unresolved")).toHaveTextContent(
      "If they exist in the tenant, sync its groups first, then preview again.",
    );
  });

  it("offers no import of a folder with nothing to import", async () => {
    renderBackups(oneSet());
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    await typeFolder(UNUSABLE_FOLDER);
    expect(await dialog.findByTestId("import-nothing")).toHaveTextContent("Nothing in this folder can be imported");
    expect(dialog.getByTestId("import-skipped-file")).toHaveTextContent(
      "Notes/readme.json holds a list, not one object",
    );
    expect(dialog.getByRole("button", { name: "Import 0 objects" })).toBeDisabled();
  });

  it("shows the import running, cannot be closed meanwhile, and keeps the preview when the import is refused", async () => {
    const { commands } = renderBackups(oneSet());
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    await typeFolder(INTUNECD_FOLDER);
    await dialog.findByTestId("import-preview");

    const answer = deferred<ImportReport>();
    vi.mocked(commands.importBackup).mockImplementationOnce(() => answer.promise);
    const button = dialog.getByRole("button", { name: "Import 12 objects" });
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute("data-loading", "true"));
    expect(dialog.getByRole("button", { name: "Back" })).toBeDisabled();
    expect(dialog.queryByRole("button", { name: "Close" })).not.toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.getByRole("dialog", { name: /Import a backup/ })).toBeInTheDocument();

    act(() => answer.reject({ code: "storage_unavailable", message: "The database is not reachable." }));
    expect(await dialog.findByTestId("import-failed")).toHaveTextContent("The database is not reachable.");
    expect(dialog.getByTestId("import-preview")).toBeInTheDocument();
    expect(screen.queryByTestId("import-toast")).not.toBeInTheDocument();
    expect(dialog.getByRole("button", { name: "Close" })).toBeInTheDocument();
  });

  it("offers the import when the tenant has no backup yet, and not to a viewer", async () => {
    const { unmount } = renderBackups(backupState());
    const empty = await screen.findByTestId("backups-empty");
    expect(empty).toHaveTextContent("or import a backup IntuneCD or IntuneManagement made.");
    await userEvent.click(within(empty).getByRole("button", { name: "Import…" }));
    expect(await screen.findByRole("dialog", { name: "Import a backup into Contoso Pharma" })).toBeInTheDocument();
    unmount();

    renderBackups(oneSet(), workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }));
    await screen.findByTestId("backup-sets-table");
    expect(screen.queryByRole("button", { name: "Import…" })).not.toBeInTheDocument();
  });
});

/** Contoso's profiles: two a snapshot from its import can be made for, and four it cannot. */
function profiles(): BaselineProfile[] {
  return [
    baselineProfile({ id: "p-win", name: "Windows standard" }),
    baselineProfile({ id: "p-pilot", name: "Pilot ring", status: "draft" }),
    baselineProfile({ id: "p-meta", name: "Fingerprints only", capture_mode: "meta" }),
    baselineProfile({ id: "p-fab", name: "Fabrikam standard", source_tenant_id: "t-fabrikam" }),
    baselineProfile({ id: "p-old", name: "Old standard", status: "archived" }),
    baselineProfile({ id: "p-other", name: "Other workspace", workspace_id: "w2" }),
  ];
}

describe("A baseline snapshot from an import", () => {
  it("offers only this tenant's full-content profiles, sends the one chosen and names the snapshot made", async () => {
    const state = backupState({ sets: [backupSet({ id: "bs-3", run_id: "r-backup-3" })], profiles: profiles() });
    state.folders[INTUNE_MANAGEMENT_FOLDER] = intuneManagementFolder({ declared_objects: 5 });
    const { commands } = renderBackups(state);
    await screen.findByTestId("backup-sets-table");
    const dialog = await openWizard();
    await typeFolder(INTUNE_MANAGEMENT_FOLDER);

    const section = within(await dialog.findByTestId("import-snapshot"));
    expect(dialog.getByTestId("import-snapshot")).toHaveAttribute("data-rule", "exact_count");
    expect(section.getByText("Baseline snapshot (optional)")).toBeInTheDocument();
    expect(section.getByText("Complete")).toBeInTheDocument();
    expect(section.getByText("Exact count proof")).toBeInTheDocument();
    expect(section.getByTestId("import-snapshot-proof")).toHaveTextContent(
      "IntuneManagement states 5 objects and all 5 were read.",
    );

    // None by default; the list holds only the eligible profiles.
    const select = await section.findByRole("combobox", { name: "Make a baseline snapshot for" });
    await waitFor(() => expect(select).toBeEnabled());
    expect(select).toHaveValue("");
    await userEvent.click(select);
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["Pilot ring", "Windows standard"]);
    await userEvent.click(screen.getByRole("option", { name: "Windows standard" }));
    expect(select).toHaveValue("Windows standard");
    expect(section.getByText("The snapshot becomes the profile's current baseline.")).toBeInTheDocument();

    await userEvent.click(dialog.getByRole("button", { name: "Import 5 objects" }));
    expect(commands.importBackup).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      folder: INTUNE_MANAGEMENT_FOLDER,
      baseline_profile_id: "p-win",
    });
    const outcome = await screen.findByTestId("import-toast-snapshot");
    expect(outcome).toHaveAttribute("data-state", "complete");
    expect(outcome).toHaveTextContent("Baseline snapshot for Windows standard: complete (exact count proof), 5 items.");
    expect(state.profiles.find((profile) => profile.id === "p-win")?.current_snapshot_id).toBe(state.snapshots[0]?.id);
  });

  it("says plainly when the snapshot is kept but not used for compare", async () => {
    const state = backupState({ profiles: profiles() });
    const { commands } = renderBackups(state);
    const dialog = await openWizard();
    await typeFolder(INTUNE_MANAGEMENT_FOLDER);

    const section = within(await dialog.findByTestId("import-snapshot"));
    expect(section.getByText("Incomplete")).toBeInTheDocument();
    expect(section.getByText("No proof: recapture before compare")).toBeInTheDocument();
    expect(section.getByTestId("import-snapshot-proof")).toHaveTextContent(
      "The backup does not state how many objects it holds, so a snapshot from it is kept but not used for compare; capture the baseline from the tenant before comparing.",
    );
    const select = await section.findByRole("combobox", { name: "Make a baseline snapshot for" });
    await waitFor(() => expect(select).toBeEnabled());
    await userEvent.click(select);
    await userEvent.click(await screen.findByRole("option", { name: "Pilot ring" }));
    expect(
      section.getByText("The snapshot is kept for the record; it never becomes the profile's current baseline."),
    ).toBeInTheDocument();

    await userEvent.click(dialog.getByRole("button", { name: "Import 5 objects" }));
    expect(commands.importBackup).toHaveBeenCalledWith(expect.objectContaining({ baseline_profile_id: "p-pilot" }));
    expect(await screen.findByTestId("import-toast-snapshot")).toHaveTextContent(
      "Baseline snapshot for Pilot ring: incomplete — no proof: recapture before compare.",
    );
    expect(screen.getByTestId("import-toast")).toHaveAttribute("data-status", "complete");
    expect(state.snapshots[0]).toMatchObject({
      state: "incomplete",
      failure_reason: "baseline.snapshot.imported_without_proof",
    });
  });

  it("imports without a snapshot when none is chosen, and says why none can be when no profile fits", async () => {
    const state = backupState({
      profiles: profiles().filter((profile) => profile.id !== "p-win" && profile.id !== "p-pilot"),
    });
    const { commands } = renderBackups(state);
    const dialog = await openWizard();
    await typeFolder(INTUNECD_FOLDER);

    const section = within(await dialog.findByTestId("import-snapshot"));
    expect(await section.findByTestId("import-snapshot-none")).toHaveTextContent(
      "No full-content baseline profile captures this tenant.",
    );
    expect(section.queryByRole("combobox", { name: "Make a baseline snapshot for" })).not.toBeInTheDocument();
    expect(section.getByTestId("import-snapshot-proof")).toHaveTextContent(
      "2 files were not imported, so a snapshot from it is kept but not used for compare.",
    );

    await userEvent.click(dialog.getByRole("button", { name: "Import 12 objects" }));
    expect(commands.importBackup).toHaveBeenCalledWith({ tenant_id: "t-contoso", folder: INTUNECD_FOLDER });
    expect(await screen.findByTestId("import-toast")).toBeInTheDocument();
    expect(screen.queryByTestId("import-toast-snapshot")).not.toBeInTheDocument();
  });

  it("shows what a snapshot would be but offers no profile to a member who may not manage baselines", async () => {
    const { commands } = renderBackups(
      backupState({ profiles: profiles() }),
      workspaceSummary(
        {},
        { role: "operator", capabilities: ["tenant.view", "tenant.sync", "workspace.baselines.view"] },
      ),
    );
    const dialog = await openWizard();
    await typeFolder(INTUNE_MANAGEMENT_FOLDER);
    const section = within(await dialog.findByTestId("import-snapshot"));
    expect(section.getByText("No proof: recapture before compare")).toBeInTheDocument();
    expect(section.queryByRole("combobox", { name: "Make a baseline snapshot for" })).not.toBeInTheDocument();
    expect(section.queryByTestId("import-snapshot-none")).not.toBeInTheDocument();
    expect(commands.listBaselineProfiles).not.toHaveBeenCalled();
  });
});
