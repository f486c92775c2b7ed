import { screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { backupSet } from "../../test/backupFixtures";
import { backupState, fakeBackups } from "../../test/fakeBackups";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeRestores, type RestoreState, restoreState } from "../../test/fakeRestores";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { planningRestore, restoreRecord, undoRestore } from "../../test/restoreFixtures";
import { TenantPage } from "../tenant/TenantPage";

function renderBackupsTab(state: RestoreState) {
  const commands = fakeCommands({
    ...fakeBackups(backupState({ sets: [backupSet()] })),
    ...fakeRestores(state),
    listSchedules: vi.fn(async () => []),
    getRun: vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id })),
  });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: "/tenants/t-contoso?tab=backups" },
  );
}

const row = (id: string) => {
  const found = screen.getAllByTestId("restore-preview-row").find((r) => r.dataset.restoreId === id);
  if (found === undefined) throw new Error(`No restore preview ${id}`);
  return within(found);
};

describe("The restore previews on the Backups tab", () => {
  it("lists the previews onto the tenant, newest first, with status, what they restore, their counts and a link", async () => {
    renderBackupsTab(
      restoreState({
        restores: [
          restoreRecord(),
          planningRestore({ id: "restore-2", created_at: "2026-11-22T09:50:00.000Z" }),
          restoreRecord({
            id: "restore-3",
            source: { kind: "versions", version_ids: ["v-fab-1", "v-fab-2"] },
            source_tenant_id: "t-fabrikam",
            status: "preview_failed",
            plan: null,
            created_at: "2026-11-21T09:00:00.000Z",
          }),
          // Onto another tenant: not listed here.
          restoreRecord({ id: "restore-4", tenant_id: "t-fabrikam" }),
        ],
      }),
    );
    const section = within(await screen.findByTestId("restore-previews"));
    expect(section.getByText("Restore previews")).toBeInTheDocument();
    expect(section.getAllByTestId("restore-preview-row").map((r) => r.dataset.restoreId)).toEqual([
      "restore-2",
      "restore-1",
      "restore-3",
    ]);

    expect(row("restore-1").getByTestId("restore-status")).toHaveTextContent("Previewed");
    expect(row("restore-1").getByTestId("restore-preview-result")).toHaveTextContent(
      "2 to create, 3 to update, 60 identical, 4 cannot be restored as they are",
    );
    // The set it restores, as the tab lists it: when it was taken.
    expect(row("restore-1").getByRole("link", { name: /^Backup of .*2026/ })).toHaveAttribute(
      "href",
      "/restores/restore-1",
    );

    expect(row("restore-2").getByTestId("restore-status")).toHaveTextContent("Planning");
    expect(row("restore-2").getByTestId("restore-preview-result")).toHaveTextContent("Reading the tenant…");

    expect(row("restore-3").getByTestId("restore-status")).toHaveTextContent("Preview failed");
    await waitFor(() =>
      expect(row("restore-3").getByRole("link", { name: "2 chosen versions of Fabrikam Logistics" })).toHaveAttribute(
        "href",
        "/restores/restore-3",
      ),
    );
  });

  it("names a remediation by the baseline content it restores, not by the baseline's source tenant", async () => {
    renderBackupsTab(
      restoreState({
        restores: [
          restoreRecord({
            id: "restore-5",
            source: {
              kind: "baseline",
              snapshot_id: "s-1",
              subject_keys: ["settings_catalog:a", "settings_catalog:b"],
            },
            source_tenant_id: "t-fabrikam",
          }),
        ],
      }),
    );
    await screen.findByTestId("restore-previews");
    expect(row("restore-5").getByRole("link", { name: "Baseline content (2 subjects)" })).toHaveAttribute(
      "href",
      "/restores/restore-5",
    );
  });

  it("names an undo by the restore it undoes, and counts what it would delete", async () => {
    renderBackupsTab(
      restoreState({
        restores: [undoRestore({ source: { kind: "undo", restore_id: "3f2a9c1e-7b6d-4c1a-9e2f-0a1b2c3d4e5f" } })],
      }),
    );
    await screen.findByTestId("restore-previews");
    expect(row("restore-undo-1").getByRole("link", { name: "Undo of restore 3f2a9c1e" })).toHaveAttribute(
      "href",
      "/restores/restore-undo-1",
    );
    expect(row("restore-undo-1").getByTestId("restore-preview-result")).toHaveTextContent("2 to update, 2 to delete");
  });

  it("shows nothing while the tenant has no restore preview", async () => {
    const { commands } = renderBackupsTab(restoreState());
    await screen.findByTestId("backup-sets-table");
    await waitFor(() => expect(commands.listRestores).toHaveBeenCalledWith({ tenant_id: "t-contoso" }));
    expect(screen.queryByTestId("restore-previews")).not.toBeInTheDocument();
    expect(screen.queryByText("Restore previews")).not.toBeInTheDocument();
  });
});
