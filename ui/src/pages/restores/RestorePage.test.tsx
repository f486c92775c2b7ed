import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Commands } from "../../bindings/commands";
import type { WorkspaceSummary } from "../../bindings/types";
import { backupSet } from "../../test/backupFixtures";
import { backupState, fakeBackups } from "../../test/fakeBackups";
import { fakeCommands } from "../../test/fakeCommands";
import {
  failPreview,
  fakeRestores,
  finishPreview,
  type RestoreState,
  restoreRunCommands,
  restoreState,
} from "../../test/fakeRestores";
import { run, runDetail, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { contosoPlan, planningRestore, previewRun, restoreRecord } from "../../test/restoreFixtures";
import { RestorePage } from "./RestorePage";

/** Contoso's backup bs-1, restorable: the source every restore here was asked for. */
function withBackups(initial: Partial<RestoreState> = {}): RestoreState {
  return restoreState({ backups: backupState({ sets: [backupSet()] }), ...initial });
}

function renderRestore(
  state: RestoreState,
  {
    route = "/restores/restore-1",
    workspace = workspaceSummary(),
    overrides = {},
  }: { route?: string; workspace?: WorkspaceSummary; overrides?: Partial<Commands> } = {},
) {
  const commands = fakeCommands({
    ...fakeBackups(state.backups ?? backupState()),
    ...fakeRestores(state),
    ...restoreRunCommands(state, (id) =>
      run({ id, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:00:05.000Z" }),
    ),
    ...overrides,
  });
  return renderApp(
    <Routes>
      <Route path="/restores/:restoreId" element={<RestorePage />} />
      <Route path="*" element={<p data-testid="elsewhere" />} />
    </Routes>,
    { commands, workspace, route },
  );
}

const rows = () => screen.getAllByTestId("plan-row");
const actionsShown = () => [...new Set(rows().map((row) => row.dataset.action))];
const count = (action: string) => {
  const found = screen.getAllByTestId("plan-count").find((card) => card.dataset.action === action);
  if (found === undefined) throw new Error(`No count for ${action}`);
  return within(found).getByTestId("plan-count-value").textContent;
};
const drawer = () => within(screen.getByTestId("plan-item-drawer"));
const groupRow = (id: string) => {
  const found = screen.getAllByTestId("group-row").find((row) => row.dataset.groupId === id);
  if (found === undefined) throw new Error(`No group row ${id}`);
  return within(found);
};
const viewer = workspaceSummary({}, { role: "operator", capabilities: ["tenant.view", "tenant.sync"] });

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

describe("A restore preview's page", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("says what is restored onto which tenant, and shows the plan's counts as big numbers", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }));
    expect(await screen.findByTestId("restore-page")).toHaveAttribute("data-status", "previewed");
    expect(screen.getByTestId("restore-status")).toHaveTextContent("Previewed");
    expect(screen.getByTestId("restore-source-tenant")).toHaveTextContent("Contoso Pharma");
    expect(screen.getByTestId("restore-target-tenant")).toHaveTextContent("Contoso Pharma");
    expect(screen.queryByTestId("restore-promote")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId("restore-facts")).toHaveTextContent(
        /^See what restoring the backup of Contoso Pharma taken .+ ago onto Contoso Pharma would change\. Asked .+ ago by you · previewed .+ ago\.$/,
      ),
    );
    expect(await screen.findByTestId("restore-source-set")).toHaveAttribute(
      "href",
      "/tenants/t-contoso?tab=backups&set=bs-1",
    );

    expect(count("create")).toBe("2");
    expect(count("update")).toBe("3");
    expect(count("skip")).toBe("60");
    expect(count("conflict")).toBe("4");
    expect(screen.getByTestId("plan-counts")).toHaveTextContent(
      "2To create3To update4Cannot restore as they are60Identical",
    );
    // A group without a target (HR laptops) keeps an object from being written: Execute waits for the mapping.
    expect(screen.getByRole("button", { name: "Execute restore…" })).toBeDisabled();
  });

  it("hides identical objects by default and lists them when asked", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }));
    await screen.findByTestId("plan-table");
    expect(rows()).toHaveLength(9);
    expect(actionsShown()).toEqual(["conflict", "create", "update"]);
    expect(screen.getByTestId("plan-shown")).toHaveTextContent("9 of 69");

    await userEvent.click(screen.getByRole("switch", { name: "Show identical (60)" }));
    await waitFor(() => expect(screen.getByTestId("plan-shown")).toHaveTextContent("69"));
    expect(screen.getByTestId("plan-shown")).not.toHaveTextContent("of 69");
    expect(actionsShown()).toContain("skip");
    expect(screen.getByTestId("location-search")).toHaveTextContent("identical=1");
    const identical = rows().find((row) => row.dataset.action === "skip") as HTMLElement;
    expect(within(identical).getByTestId("plan-action")).toHaveTextContent("Identical");
    expect(within(identical).getByTestId("plan-row-changes")).toHaveTextContent("Identical in Contoso Pharma");
  });

  it("filters the plan by action and by type, and says what each object would change", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }));
    await screen.findByTestId("plan-table");

    await userEvent.click(screen.getByRole("combobox", { name: "Action" }));
    await userEvent.click(await screen.findByRole("option", { name: "Update (3)" }));
    await waitFor(() => expect(actionsShown()).toEqual(["update"]));
    expect(rows()).toHaveLength(3);
    expect(screen.getByTestId("location-search")).toHaveTextContent("action=update");
    const changes = rows().map((row) => within(row).getByTestId("plan-row-changes").textContent);
    // By type, then name: the device configuration first.
    expect(changes).toEqual([
      "Changes displayName, omaSettings, roleScopeTagIds and 1 more · +1 group −1 group",
      "Changes description, settings",
      "−1 group",
    ]);
    expect(within(rows()[0] as HTMLElement).getByTestId("plan-action")).toHaveTextContent("Update");

    await userEvent.click(screen.getByRole("combobox", { name: "Type" }));
    await userEvent.click(await screen.findByRole("option", { name: "Device configuration (34)" }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rows()[0] as HTMLElement).getByTestId("plan-row-type")).toHaveTextContent("Device configuration");

    // A count narrows the table to its action too; a second press shows every action again.
    await userEvent.click(screen.getByRole("combobox", { name: "Type" }));
    await userEvent.click(await screen.findByRole("option", { name: "All types (3)" }));
    await userEvent.click(screen.getByRole("button", { name: "To create: 2" }));
    await waitFor(() => expect(actionsShown()).toEqual(["create"]));
    expect(rows().map((row) => within(row).getByTestId("plan-row-changes").textContent)).toEqual([
      "New in Contoso Pharma · +2 groups",
      "New in Contoso Pharma · +1 group",
    ]);
    await userEvent.click(screen.getByRole("button", { name: "To create: 2, shown alone" }));
    await waitFor(() => expect(rows()).toHaveLength(9));
  });

  it("explains a conflict in words with its next step, in the item's drawer", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }));
    await screen.findByTestId("plan-table");
    const conflicts = rows().filter((row) => row.dataset.action === "conflict");
    expect(conflicts.map((row) => within(row).getByTestId("plan-row-changes").textContent)).toEqual([
      "2 secret settings were never stored",
      "Changed in Contoso Pharma since its last sync",
      "2 objects in Contoso Pharma share its name",
      "1 group has no target group",
    ]);

    await userEvent.click(conflicts[1] as HTMLElement);
    expect(await drawer().findByTestId("plan-item-detail")).toHaveAttribute("data-action", "conflict");
    expect(screen.getByTestId("location-search")).toHaveTextContent("item=v-backup-65");
    expect(drawer().getByTestId("plan-item-title")).toHaveTextContent("WIN - SC - Policy 065");
    const conflict = within(drawer().getByTestId("plan-item-conflict"));
    expect(conflict.getByText("Changed since the last sync")).toBeInTheDocument();
    expect(conflict.getByTestId("plan-item-conflict-text")).toHaveTextContent(
      "The object in Contoso Pharma is no longer what its last policy sync captured: someone changed it since, and overwriting it would lose a change nobody has reviewed.",
    );
    expect(conflict.getByTestId("plan-item-conflict-next")).toHaveTextContent(
      "Next: Sync the policies of Contoso Pharma, check what changed, then preview again.",
    );
    expect(drawer().getByTestId("plan-item-conflict")).not.toHaveTextContent("changed_since_sync");
    expect(
      drawer()
        .getAllByTestId("plan-item-field")
        .map((field) => field.textContent),
    ).toEqual(["settings"]);
    // The version it would write, on its object's page.
    expect(await drawer().findByRole("link", { name: "This version in the object's history" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-65?tab=versions&compare=v-backup-65",
    );

    await userEvent.click(drawer().getByRole("button", { name: "Close" }));
    await userEvent.click(conflicts[0] as HTMLElement);
    expect(await drawer().findByTestId("plan-item-conflict-text")).toHaveTextContent(
      "These settings' values were never stored, so they cannot be restored as they are: passwordRequired, scheduledActionsForRule.passcode.",
    );
    // Its only conflict: typing the values at execution writes it.
    expect(drawer().getByTestId("plan-item-conflict-next")).toHaveTextContent(
      "Next: Type their values when you execute the restore to write it with them; without them it is left alone.",
    );
  });

  it("names the groups an object's assignments would gain and lose", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }), { route: "/restores/restore-1?item=v-backup-3" });
    const detail = await screen.findByTestId("plan-item-detail");
    expect(detail).toHaveAttribute("data-action", "update");
    expect(drawer().getByTestId("plan-item-action")).toHaveTextContent(
      "It is in Contoso Pharma with other settings: restoring would overwrite them with this version's.",
    );
    expect(drawer().getByTestId("plan-item-added")).toHaveTextContent("Finance team");
    expect(drawer().getByTestId("plan-item-removed")).toHaveTextContent("Group g-9");
    expect(await drawer().findByRole("link", { name: "The object's page" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-3",
    );
  });

  it("compares an object it would overwrite with the target's newest synced version, on request", async () => {
    const { commands } = renderRestore(withBackups({ restores: [restoreRecord()] }), {
      route: "/restores/restore-1?item=v-backup-2",
    });
    await screen.findByTestId("plan-item-detail");
    expect(commands.diffVersions).not.toHaveBeenCalled();
    await userEvent.click(drawer().getByRole("button", { name: "Compare with Contoso Pharma setting by setting" }));
    expect(await drawer().findByTestId("version-diff")).toHaveTextContent("Contoso Pharma now → this version");
    expect(commands.getInventoryObject).toHaveBeenCalledWith({ tenant_id: "t-contoso", item_id: "item-2" });
    expect(commands.diffVersions).toHaveBeenCalledWith({ tenant_id: "t-contoso", before: "v-2", after: "v-backup-2" });
  });

  it("moves through the plan with the keyboard and opens the highlighted object with Enter", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }));
    const grid = await screen.findByRole("grid", { name: "Restore plan" });
    act(() => grid.focus());
    await userEvent.keyboard("{ArrowDown}{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "plan-row-2");
    await userEvent.keyboard("{Enter}");
    expect(await drawer().findByTestId("plan-item-title")).toHaveTextContent("WIN - SC - Policy 067");
    expect(screen.getByTestId("location-search")).toHaveTextContent("item=v-backup-67");
  });

  it("shows the group mapping and starts a new preview with a changed mapping", async () => {
    const state = withBackups({ restores: [restoreRecord()] });
    const { commands } = renderRestore(state);
    await screen.findByTestId("group-mapping");
    expect(screen.getAllByTestId("group-row").map((row) => row.dataset.groupId)).toEqual([
      "g-hr",
      "g-1",
      "g-old",
      "g-2",
    ]);
    expect(groupRow("g-hr").getByTestId("group-unresolved")).toHaveTextContent("No target group");
    expect(groupRow("g-1").getByTestId("group-automatic")).toHaveTextContent("Same group");
    expect(groupRow("g-old").getByTestId("group-skipped")).toHaveTextContent("Skipped");
    expect(screen.queryByTestId("preview-with-groups")).not.toBeInTheDocument();

    // A conflict leads to the mapping.
    await userEvent.click(rows().find((row) => row.dataset.versionId === "v-backup-66") as HTMLElement);
    await userEvent.click(await drawer().findByRole("button", { name: "Go to the group mapping" }));
    await waitFor(() => expect(screen.queryByTestId("plan-item-detail")).not.toBeInTheDocument());

    await userEvent.click(groupRow("g-hr").getByRole("button", { name: "Change the target group of HR laptops" }));
    const picker = within(await screen.findByRole("dialog", { name: "Where the assignments to “HR laptops” go" }));
    await userEvent.click(await picker.findByRole("button", { name: /Finance team/ }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(groupRow("g-hr").getByTestId("group-target")).toHaveTextContent("Finance teamNot previewed yet");

    await userEvent.click(screen.getByRole("button", { name: "Preview again with these groups" }));
    expect(commands.previewRestore).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      source: { kind: "backup_set", backup_set_id: "bs-1" },
      group_overrides: { "g-old": { kind: "skip" }, "g-hr": { kind: "to", group_id: "g-2" } },
    });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveTextContent("Restore preview of Contoso Pharma queued");
    expect(await screen.findByTestId("restore-planning")).toBeInTheDocument();
  });

  it("skips a group's assignments, or takes a change back, before previewing again", async () => {
    const { commands } = renderRestore(withBackups({ restores: [restoreRecord()] }));
    await screen.findByTestId("group-mapping");
    await userEvent.click(
      groupRow("g-1").getByRole("button", { name: "Change the target group of All Windows devices" }),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Skip its assignments" }));
    expect(groupRow("g-1").getByTestId("group-target")).toHaveTextContent("SkippedNot previewed yet");
    // The override the preview was asked with can go back to the automatic choice.
    await userEvent.click(groupRow("g-old").getByRole("button", { name: "Change the target group of Contractors" }));
    await userEvent.click(await screen.findByRole("button", { name: "Use the automatic choice" }));
    expect(screen.getByTestId("group-mapping-pending")).toHaveTextContent("2 groups changed");
    await userEvent.click(groupRow("g-1").getByRole("button", { name: "Undo" }));
    expect(screen.getByTestId("group-mapping-pending")).toHaveTextContent("1 group changed");

    await userEvent.click(screen.getByRole("button", { name: "Preview again with these groups" }));
    expect(commands.previewRestore).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      source: { kind: "backup_set", backup_set_id: "bs-1" },
      group_overrides: {},
    });
  });

  it("shows why a new preview was refused beside the button that asked for it", async () => {
    // The backup set is gone: the backend refuses the source before storing anything.
    const state = restoreState({ restores: [restoreRecord()], backups: backupState() });
    renderRestore(state);
    await userEvent.click(await screen.findByRole("button", { name: "Preview again" }));
    expect(await screen.findByTestId("preview-again-error")).toHaveTextContent(
      "The preview was not startedBackup set was not found.",
    );
    expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-1");
    expect(screen.queryByTestId("intent-toast")).not.toBeInTheDocument();
  });

  it("offers a member who may not restore the plan, but no way to preview again", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }), { workspace: viewer });
    await screen.findByTestId("group-mapping");
    expect(screen.queryByRole("button", { name: "Preview again" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("group-change")).not.toBeInTheDocument();
    expect(rows()).toHaveLength(9);
  });

  it("follows a planning preview's run, reading it every 5 s until the plan is stored", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:10.000Z"), shouldAdvanceTime: true });
    const restore = planningRestore();
    const state = withBackups({
      restores: [restore],
      runs: {
        "r-restore-1": previewRun(restore, {
          status: "running",
          started_at: "2026-11-22T09:30:01.000Z",
          summary_counts: { total: 3, processed: 1 },
        }),
      },
    });
    const { commands } = renderRestore(state);
    await flush();
    expect(screen.getByTestId("restore-page")).toHaveAttribute("data-status", "planning");
    expect(screen.getByTestId("restore-status")).toHaveTextContent("Planning");
    expect(screen.getByTestId("restore-planning")).toHaveTextContent("Reading Contoso Pharma to plan the restore");
    expect(screen.getByTestId("restore-progress-words")).toHaveTextContent("Read 1 of 3 types so far.");
    expect(within(screen.getByTestId("restore-planning")).getByRole("link", { name: "View the run" })).toHaveAttribute(
      "href",
      "/runs/r-restore-1",
    );
    expect(screen.queryByRole("button", { name: "Preview again" })).not.toBeInTheDocument();
    const first = vi.mocked(commands.getRestore).mock.calls.length;

    await flush(5_000);
    expect(vi.mocked(commands.getRestore).mock.calls.length).toBe(first + 1);
    finishPreview(state, "restore-1", contosoPlan());
    await flush(5_000);
    expect(screen.getByTestId("restore-page")).toHaveAttribute("data-status", "previewed");
    expect(count("create")).toBe("2");
    const settled = vi.mocked(commands.getRestore).mock.calls.length;
    await flush(60_000);
    expect(vi.mocked(commands.getRestore).mock.calls.length).toBe(settled);
  });

  it("shows the plan as soon as the preview's run says it has ended", async () => {
    const restore = planningRestore();
    const state = withBackups({ restores: [restore] });
    const { platform } = renderRestore(state);
    expect(await screen.findByTestId("restore-planning")).toBeInTheDocument();
    const done = finishPreview(state, "restore-1", contosoPlan());
    platform.emitRuns(["completed", done]);
    await waitFor(() => expect(screen.getByTestId("restore-page")).toHaveAttribute("data-status", "previewed"));
    expect(count("conflict")).toBe("4");
  });

  it("says why a preview failed, in the run's words, with the next step", async () => {
    const state = withBackups({ restores: [planningRestore()] });
    const ended = failPreview(state, "restore-1", "graph.forbidden", "Reading Compliance policy was refused (403).");
    renderRestore(state, {
      overrides: {
        runDetail: vi.fn(async () =>
          runDetail(ended, {
            reason: {
              code: "graph.forbidden",
              label: "Access denied",
              explanation: "Microsoft Graph refused the request: the app registration lacks a permission.",
              actionability: "prerequisite_missing",
              next_steps: "Grant the missing permission with admin consent, then try again.",
            },
          }),
        ),
      },
    });
    expect(await screen.findByTestId("restore-page")).toHaveAttribute("data-status", "preview_failed");
    const failed = within(screen.getByTestId("restore-failed"));
    expect(failed.getByText("The preview failed")).toBeInTheDocument();
    expect(await failed.findByTestId("restore-failed-reason")).toHaveTextContent(
      /^Access denied\. Microsoft Graph refused the request: the app registration lacks a permission\.$/,
    );
    expect(failed.getByTestId("restore-failed-reason")).toHaveAttribute("data-reason-code", "graph.forbidden");
    expect(failed.getByTestId("restore-failed-detail")).toHaveTextContent(
      "Reading Compliance policy was refused (403).",
    );
    expect(failed.getByTestId("restore-failed-next")).toHaveTextContent(
      "Next: Grant the missing permission with admin consent, then try again.",
    );
    expect(failed.getByRole("link", { name: "View the run" })).toHaveAttribute("href", "/runs/r-restore-1");
    expect(screen.queryByTestId("plan-counts")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preview again" })).toBeInTheDocument();
  });

  it("says a preview is out of date, keeps its plan and offers to preview again", async () => {
    const { commands } = renderRestore(withBackups({ restores: [restoreRecord({ status: "outdated" })] }));
    expect(await screen.findByTestId("restore-outdated")).toHaveTextContent(
      "Contoso Pharma changed since it was previewed, so the plan below may no longer be what restoring would do. Nothing was written to Contoso Pharma.",
    );
    expect(screen.getByTestId("restore-status")).toHaveTextContent("Out of date");
    expect(count("update")).toBe("3");
    await userEvent.click(screen.getByRole("button", { name: "Preview again" }));
    expect(commands.previewRestore).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      source: { kind: "backup_set", backup_set_id: "bs-1" },
      group_overrides: { "g-old": { kind: "skip" } },
    });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
  });

  it("marks a promote to another tenant", async () => {
    renderRestore(
      withBackups({
        restores: [restoreRecord({ tenant_id: "t-fabrikam", source_tenant_id: "t-contoso" })],
      }),
    );
    expect(await screen.findByTestId("restore-promote")).toHaveTextContent("Promote to another tenant");
    expect(screen.getByTestId("restore-target-tenant")).toHaveTextContent("Fabrikam Logistics");
    expect(screen.getByTestId("group-mapping")).toHaveTextContent(
      "The groups of Contoso Pharma the versions are assigned to, and the group of Fabrikam Logistics each assignment would go to.",
    );
  });

  it("says when a restore cannot be found", async () => {
    renderRestore(withBackups(), { route: "/restores/restore-9" });
    expect(await screen.findByTestId("error-state")).toHaveTextContent(
      "This restore preview could not be loadedRestore was not found.",
    );
  });
});
