import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { backupSet, backupSetItem } from "../../test/backupFixtures";
import { type BackupState, backupState, fakeBackups } from "../../test/fakeBackups";
import { fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
import {
  INTUNE_MANAGEMENT_FOLDER,
  importedBackupSet,
  intuneManagementFolder,
  originOf,
} from "../../test/importFixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "../tenant/TenantPage";

function renderBackups(state: BackupState, route = "/tenants/t-contoso?tab=backups") {
  const commands = fakeCommands({ ...fakeBackups(state) });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="/runs/:runId" element={<p data-testid="run-page-stub" />} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

const rowOf = (id: string) => {
  const found = screen.getAllByTestId("backup-row").find((row) => row.getAttribute("data-set-id") === id);
  if (found === undefined) throw new Error(`No row for ${id}`);
  return within(found);
};
const drawer = () => within(screen.getByTestId("backup-set-drawer"));

/** The partial IntuneCD import beside a backup the app captured. */
function withImport(): BackupState {
  return backupState({
    sets: [
      importedBackupSet(),
      backupSet({ id: "bs-3", run_id: "r-backup-3", created_at: "2026-11-21T02:00:00.000Z" }),
    ],
    items: {
      "bs-imported": [
        backupSetItem(0, { version_id: "v-imported-0", new_in_set: true }),
        backupSetItem(1, {
          version_id: "v-imported-1",
          object_type: "app_protection_ios",
          type_label: "App protection policy (iOS)",
          external_id: "T_ios-1",
          display_name: "iOS - Protect corporate data",
        }),
      ],
    },
  });
}

describe("An imported backup set", () => {
  it("is listed as imported from its tool, with the files it lacks and no run", async () => {
    renderBackups(withImport());
    await screen.findByTestId("backup-sets-table");
    const imported = rowOf("bs-imported");
    expect(imported.getByTestId("backup-row-made-by")).toHaveTextContent("Imported from IntuneCD");
    expect(imported.getByTestId("backup-status")).toHaveTextContent("Partial");
    expect(imported.getByTestId("backup-row-missing")).toHaveTextContent("2 files not imported");
    expect(imported.getByLabelText("Imported: no run")).toBeInTheDocument();
    expect(imported.queryByRole("link", { name: "View run" })).not.toBeInTheDocument();

    // A captured set still reads as before.
    const captured = rowOf("bs-3");
    await waitFor(() => expect(captured.getByTestId("backup-row-made-by")).toHaveTextContent("You"));
    expect(captured.getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-backup-3");
  });

  it("says in its drawer where it came from and what the import could not take over", async () => {
    renderBackups(withImport(), "/tenants/t-contoso?tab=backups&set=bs-imported");
    expect(await screen.findByTestId("backup-set-detail")).toHaveAttribute("data-status", "partial");
    expect(drawer().getByTestId("backup-set-title")).toHaveTextContent("IntuneCD backup of Contoso Pharma");

    const facts = within(drawer().getByRole("table", { name: "Backup set" }));
    expect(facts.getByRole("rowheader", { name: "Imported" })).toBeInTheDocument();
    expect(facts.queryByRole("rowheader", { name: "Taken" })).not.toBeInTheDocument();
    expect(facts.queryByRole("rowheader", { name: "Run" })).not.toBeInTheDocument();
    expect(facts.getByTestId("backup-set-source")).toHaveTextContent("Imported from IntuneCD");
    expect(facts.getByTestId("backup-set-folder")).toHaveTextContent("/home/ann/backups/contoso-intunecd");
    expect(facts.getByRole("button", { name: "Copy the folder's path" })).toBeInTheDocument();
    await waitFor(() => expect(facts.getByRole("row", { name: /Imported by/ })).toHaveTextContent("You"));

    const origin = within(drawer().getByTestId("backup-set-origin"));
    expect(origin.getByRole("heading", { name: "Imported from IntuneCD" })).toBeInTheDocument();
    expect(origin.getByTestId("backup-set-origin-counts")).toHaveTextContent(
      "Read 14 object files from the folder and imported 12 objects, 2 of them older versions from the archive.",
    );
    expect(origin.getByTestId("backup-set-origin-partial")).toHaveTextContent(
      "2 files were not imported, so the set lacks what they hold.",
    );
    expect(origin.getAllByTestId("import-skipped-file").map((file) => file.textContent)).toEqual([
      "Device Configurations/Kiosk profile.json is not valid JSON: EOF while parsing an object at line 12 column 0",
      "Settings Catalog/Custom policy.json claims @odata.type '#microsoft.graph.customPolicy', which is no object type TenantAtlas knows",
    ]);
    await userEvent.click(origin.getByRole("button", { name: "Not carried by IntuneCD (1)" }));
    expect(origin.getByTestId("import-not-carried-type")).toHaveTextContent(
      "App protection policy (iOS): apps (the targeted apps)",
    );
    await userEvent.click(origin.getByRole("button", { name: "Names with no match in this tenant (2)" }));
    expect(origin.getAllByTestId("import-unresolved-name").map((name) => name.textContent)).toEqual([
      "Pilot - Berlin devices",
      "Scope tag: Munich",
    ]);
    // After the import, syncing first no longer helps this set.
    expect(origin.getByTestId("import-unresolved")).not.toHaveTextContent("preview again");
    // A backup's gaps do not apply: the import says what it lacks.
    expect(drawer().queryByTestId("backup-set-missing")).not.toBeInTheDocument();
  });

  it("says when every file of the folder was imported", async () => {
    const folder = intuneManagementFolder();
    const state = backupState({
      sets: [
        importedBackupSet({
          status: "complete",
          item_count: 5,
          new_versions: 5,
          origin: { ...originOf(INTUNE_MANAGEMENT_FOLDER, folder), tool_version: "3.9.8" },
        }),
      ],
    });
    renderBackups(state, "/tenants/t-contoso?tab=backups&set=bs-imported");
    const origin = within(await screen.findByTestId("backup-set-origin"));
    expect(drawer().getByTestId("backup-set-title")).toHaveTextContent("IntuneManagement backup of Contoso Pharma");
    expect(drawer().getByTestId("backup-set-source")).toHaveTextContent("Imported from IntuneManagement 3.9.8");
    expect(origin.getByText("Every object file of the folder was imported.")).toBeInTheDocument();
    expect(origin.queryByTestId("backup-set-origin-partial")).not.toBeInTheDocument();
    expect(origin.queryByTestId("import-notes")).not.toBeInTheDocument();
  });
});
