import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { BackupSet, Tenant, WorkspaceSummary } from "../../bindings/types";
import { backupSet, backupSetItem, compliancePolicyItem } from "../../test/backupFixtures";
import { backupState, fakeBackups } from "../../test/fakeBackups";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeRestores, type RestoreState, restoreState } from "../../test/fakeRestores";
import { demoTenants, run, tenant, workspaceSummary } from "../../test/fixtures";
import { importedBackupSet } from "../../test/importFixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "../tenant/TenantPage";
import { NewRestorePage } from "./NewRestorePage";

/** A fourth tenant of the workspace, active: a target for a promote. */
const tailspin = tenant({ id: "t-tailspin", display_name: "Tailspin Toys", created_at: "2026-11-21T10:00:00.000Z" });
const tenants: Tenant[] = [...demoTenants, tailspin];

/** Newest first: a complete set holding seven versions, one still capturing and one that failed. */
function sets(): BackupSet[] {
  return [
    backupSet({ id: "bs-3", run_id: "r-backup-3", item_count: 7, new_versions: 1 }),
    backupSet({
      id: "bs-2",
      run_id: "r-backup-2",
      status: "capturing",
      item_count: 0,
      new_versions: 0,
      created_at: "2026-11-21T02:00:00.000Z",
      completed_at: null,
    }),
    backupSet({
      id: "bs-1",
      run_id: "r-backup-1",
      status: "failed",
      item_count: 0,
      new_versions: 0,
      missing: [{ object_type: "*", whole_type: true, objects: [], reason: "backup.set.producer_ended" }],
      created_at: "2026-11-20T02:00:00.000Z",
    }),
  ];
}

function restoresWithSets(): RestoreState {
  const backups = backupState({
    tenants,
    sets: sets(),
    items: { "bs-3": [...[0, 1, 2, 3, 4, 5].map((index) => backupSetItem(index)), compliancePolicyItem(1)] },
  });
  return restoreState({ tenants, backups, groups: { "t-contoso": ["g-1", "g-2"], "t-tailspin": [] } });
}

function renderFromBackups(
  state: RestoreState,
  {
    workspace = workspaceSummary(),
    route = "/tenants/t-contoso?tab=backups&set=bs-3",
  }: { workspace?: WorkspaceSummary; route?: string } = {},
) {
  const commands = fakeCommands({
    ...fakeBackups(state.backups ?? backupState()),
    ...fakeRestores(state),
    listTenants: vi.fn(async () => tenants),
    listSchedules: vi.fn(async () => []),
    // The preview runs started here stay queued: their intent toasts are not replaced by how they ended.
    getRun: vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id, type: "restore.execute" })),
  });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="/tenants/:tenantId/restore/new" element={<NewRestorePage />} />
      <Route path="/restores/:restoreId" element={<p data-testid="restore-page-stub" />} />
    </Routes>,
    { commands, workspace, route },
  );
}

const drawer = () => within(screen.getByTestId("backup-set-drawer"));
const wizard = () => within(screen.getByTestId("restore-wizard"));
const target = (id: string) => {
  const found = screen.getAllByTestId("restore-target-option").find((option) => option.dataset.tenantId === id);
  if (found === undefined) throw new Error(`No target ${id}`);
  return found;
};

describe("Starting a restore preview", () => {
  it("previews the whole set onto its own tenant from the backup set's drawer", async () => {
    const state = restoresWithSets();
    const { commands } = renderFromBackups(state);
    await screen.findByTestId("backup-set-detail");
    await userEvent.click(drawer().getByRole("link", { name: "Preview restore…" }));

    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso/restore/new"));
    expect(screen.getByTestId("location-search")).toHaveTextContent("?set=bs-3");
    const summary = await screen.findByTestId("restore-set-summary");
    expect(summary).toHaveTextContent(/^Backup of Contoso Pharma taken .+ agoCompleteIt holds 7 versions\.$/);
    expect(wizard().getByRole("radio", { name: "Everything the set holds (7 versions)" })).toBeChecked();

    await userEvent.click(wizard().getByRole("button", { name: "Next: where to restore it" }));
    await waitFor(() => expect(target("t-contoso")).toBeChecked());
    expect(screen.getAllByTestId("restore-target-option").map((option) => option.dataset.tenantId)).toEqual([
      "t-contoso",
      "t-adatum",
      "t-fabrikam",
      "t-tailspin",
    ]);
    // Only active tenants can be read, so only they can be previewed onto.
    expect(screen.getByRole("radio", { name: /Fabrikam Logistics/ })).toHaveAccessibleDescription(
      "Paused: reactivate it to preview a restore onto it.",
    );
    expect(target("t-fabrikam")).toBeDisabled();
    expect(target("t-tailspin")).toBeEnabled();
    expect(screen.queryByTestId("restore-promote-note")).not.toBeInTheDocument();
    expect(screen.getByTestId("restore-summary")).toHaveTextContent(
      "Preview restoring the whole backup (7 versions) of Contoso Pharma onto Contoso Pharma. The preview reads Contoso Pharma through Microsoft Graph and changes nothing.",
    );

    await userEvent.click(wizard().getByRole("button", { name: "Preview" }));
    expect(commands.previewRestore).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      source: { kind: "backup_set", backup_set_id: "bs-3" },
    });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(toast).toHaveTextContent("Restore preview of Contoso Pharma queued");
    expect(within(toast).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-restore-new-1");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
    expect(state.restores.map((restore) => restore.status)).toEqual(["planning"]);
  });

  it("previews chosen versions onto another tenant of the workspace, saying it is a promote", async () => {
    const { commands } = renderFromBackups(restoresWithSets(), {
      route: "/tenants/t-contoso/restore/new?set=bs-3",
    });
    await screen.findByTestId("restore-set-summary");
    const next = () => wizard().getByRole("button", { name: "Next: where to restore it" });
    await userEvent.click(wizard().getByRole("radio", { name: "Only the versions I choose" }));
    expect(next()).toBeDisabled();
    expect(screen.getByTestId("restore-versions-chosen")).toHaveTextContent("0 of 7 chosen");

    await userEvent.click(screen.getByRole("combobox", { name: "Type" }));
    await userEvent.click(await screen.findByRole("option", { name: "Settings catalog policy (3)" }));
    await waitFor(() => expect(screen.getAllByTestId("restore-version")).toHaveLength(3));
    await userEvent.click(screen.getByRole("button", { name: "Choose the 3 shown" }));
    await userEvent.click(screen.getByRole("checkbox", { name: /WIN - SC - Policy 002/ }));
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "Policy 00");
    expect(screen.getByTestId("restore-versions-chosen")).toHaveTextContent("2 of 7 chosen");
    expect(next()).toBeEnabled();

    await userEvent.click(next());
    await userEvent.click(await screen.findByRole("radio", { name: /Tailspin Toys/ }));
    expect(screen.getByTestId("restore-promote-note")).toHaveTextContent(
      "The versions of Contoso Pharma are previewed onto Tailspin Toys.",
    );
    expect(screen.getByTestId("restore-summary")).toHaveTextContent(
      "Preview restoring 2 versions chosen from the backup of Contoso Pharma onto Tailspin Toys.",
    );
    await userEvent.click(wizard().getByRole("button", { name: "Preview" }));
    expect(commands.previewRestore).toHaveBeenCalledWith({
      tenant_id: "t-tailspin",
      source: { kind: "versions", version_ids: ["v-backup-0", "v-backup-4"] },
    });
    expect(await screen.findByTestId("intent-toast")).toHaveTextContent("Restore preview of Tailspin Toys queued");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
  });

  it("shows the backend's refusal beside the button, and stays", async () => {
    const state = restoresWithSets();
    renderFromBackups(state, { route: "/tenants/t-contoso/restore/new?set=bs-3" });
    await screen.findByTestId("restore-set-summary");
    // Meanwhile the set went away (retention pruned it).
    if (state.backups !== null) state.backups.sets = state.backups.sets.filter((set) => set.id !== "bs-3");
    await userEvent.click(wizard().getByRole("button", { name: "Next: where to restore it" }));
    await userEvent.click(wizard().getByRole("button", { name: "Preview" }));
    expect(await screen.findByTestId("restore-start-error")).toHaveTextContent(
      "The preview was not startedBackup set was not found.",
    );
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso/restore/new");
    expect(screen.queryByTestId("intent-toast")).not.toBeInTheDocument();
  });

  it("names an imported set by its tool and says which files it lacks", async () => {
    const backups = backupState({
      tenants,
      sets: [importedBackupSet()],
      items: { "bs-imported": [backupSetItem(0), backupSetItem(1)] },
    });
    renderFromBackups(restoreState({ tenants, backups }), { route: "/tenants/t-contoso/restore/new?set=bs-imported" });
    const summary = await screen.findByTestId("restore-set-summary");
    expect(summary).toHaveTextContent(/^IntuneCD backup of Contoso Pharma imported .+ agoPartial/);
    expect(screen.getByTestId("restore-set-partial")).toHaveTextContent(
      "Partial: 2 files not imported. Only the versions it holds can be previewed.",
    );
  });

  it("offers no preview of a set still capturing or one that failed", async () => {
    renderFromBackups(restoresWithSets(), { route: "/tenants/t-contoso?tab=backups&set=bs-2" });
    expect(await screen.findByTestId("backup-set-detail")).toHaveAttribute("data-status", "capturing");
    expect(drawer().queryByRole("link", { name: "Preview restore…" })).not.toBeInTheDocument();

    const { unmount } = renderFromBackups(restoresWithSets(), { route: "/tenants/t-contoso/restore/new?set=bs-1" });
    expect(await screen.findByTestId("new-restore-unusable")).toHaveTextContent(
      "This backup failedA failed backup holds no versions to restore. Choose another backup set.",
    );
    unmount();
  });

  it("offers a member who may not restore onto tenants no Preview restore", async () => {
    const operator = workspaceSummary({}, { role: "operator", capabilities: ["tenant.view", "tenant.sync"] });
    renderFromBackups(restoresWithSets(), { workspace: operator });
    expect(await screen.findByTestId("backup-set-detail")).toHaveAttribute("data-status", "complete");
    expect(drawer().queryByRole("link", { name: "Preview restore…" })).not.toBeInTheDocument();
    expect(drawer().queryByTestId("preview-restore")).not.toBeInTheDocument();
  });

  it("tells a member who may not restore why the page offers nothing", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] });
    const { commands } = renderFromBackups(restoresWithSets(), {
      workspace: viewer,
      route: "/tenants/t-contoso/restore/new?set=bs-3",
    });
    expect(await screen.findByTestId("new-restore-forbidden")).toHaveTextContent(
      "Restore previews are not available to you",
    );
    expect(screen.queryByTestId("restore-wizard")).not.toBeInTheDocument();
    expect(commands.getBackupSet).not.toHaveBeenCalled();
  });
});
