import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import type { Commands } from "../../bindings/commands";
import type { WorkspaceSummary } from "../../bindings/types";
import { backupSet } from "../../test/backupFixtures";
import { backupState, fakeBackups } from "../../test/fakeBackups";
import { fakeCommands } from "../../test/fakeCommands";
import {
  fakeRestores,
  finishExecution,
  finishPreview,
  outdateExecution,
  type RestoreState,
  restoreRunCommands,
  restoreState,
} from "../../test/fakeRestores";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import {
  conflictItem,
  contosoOutcomes,
  contosoPlan,
  executablePlan,
  executedRestore,
  outcomeOf,
  planItem,
  planOf,
  restoreRecord,
  undoRestore,
} from "../../test/restoreFixtures";
import { RestorePage } from "./RestorePage";

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

const viewer = workspaceSummary({}, { role: "operator", capabilities: ["tenant.view", "tenant.sync"] });
const modal = () => within(screen.getByRole("dialog", { name: "Restore onto Contoso Pharma?" }));
const submitButton = () => modal().getByRole("button", { name: "Write 5 changes to Contoso Pharma" });

async function openConfirmation() {
  await userEvent.click(await screen.findByRole("button", { name: "Execute restore…" }));
  return modal();
}

describe("Executing a previewed restore", () => {
  it("says what it writes, and confirms only once the tenant's name and the number of changes are given", async () => {
    const state = withBackups({ restores: [restoreRecord({ plan: executablePlan() })] });
    const { commands, platform } = renderRestore(state);
    const dialog = await openConfirmation();
    expect(dialog.getByTestId("execute-restore-what")).toHaveTextContent(
      "Writes 5 changes to Contoso Pharma: creates 2 policies, updates 3.",
    );
    expect(dialog.getByTestId("execute-restore-undo")).toHaveTextContent(
      "Before each update the policy as it is now is kept, so this restore can be undone: undoing puts those back and deletes the policies it creates, unless someone changed them since.",
    );
    expect(dialog.getByTestId("execute-restore-what")).not.toHaveAttribute("data-deletes");
    expect(dialog.getByTestId("execute-restore-left-alone")).toHaveTextContent(
      "4 objects with conflicts and 60 identical ones are left alone.",
    );

    expect(submitButton()).toBeDisabled();
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), "Contoso");
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes, 5/ }), "5");
    // A name that is not exactly the tenant's keeps it disabled.
    expect(submitButton()).toBeDisabled();
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), " Pharma");
    expect(submitButton()).toBeEnabled();
    // So does a wrong number.
    await userEvent.clear(dialog.getByRole("textbox", { name: /Enter the number of changes/ }));
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes/ }), "4");
    expect(submitButton()).toBeDisabled();
    await userEvent.clear(dialog.getByRole("textbox", { name: /Enter the number of changes/ }));
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes/ }), "5");
    expect(commands.executeRestore).not.toHaveBeenCalled();

    await userEvent.click(submitButton());
    expect(commands.executeRestore).toHaveBeenCalledWith({
      restore_id: "restore-1",
      confirm_tenant: "Contoso Pharma",
      confirm_changes: 5,
    });
    expect(await screen.findByTestId("intent-toast")).toHaveTextContent("Restore of Contoso Pharma queued");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByTestId("restore-executing")).toHaveTextContent("Restoring onto Contoso Pharma");
    expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-1");
    expect(screen.getByTestId("restore-status")).toHaveTextContent("Restoring");
    expect(screen.queryByRole("button", { name: "Execute restore…" })).not.toBeInTheDocument();

    // Its run ends: the page shows what it did.
    const done = finishExecution(state, "restore-1", contosoOutcomes());
    platform.emitRuns(["completed", done]);
    expect(await screen.findByTestId("restore-outcomes")).toBeInTheDocument();
    expect(screen.getByTestId("restore-page")).toHaveAttribute("data-status", "executed");
  });

  it("disables Execute while a group without a target keeps objects from being written, and says why", async () => {
    renderRestore(withBackups({ restores: [restoreRecord()] }));
    const button = await screen.findByRole("button", { name: "Execute restore…" });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      "A group has no target group (HR laptops): choose one or skip its assignments in the group mapping, then preview again.",
    );
    expect(screen.getByTestId("execute-restore-blocked")).toHaveAttribute(
      "data-why",
      "A group has no target group (HR laptops): choose one or skip its assignments in the group mapping, then preview again.",
    );
  });

  it("offers no Execute to a member who may not restore", async () => {
    renderRestore(withBackups({ restores: [restoreRecord({ plan: executablePlan() })] }), { workspace: viewer });
    await screen.findByTestId("plan-table");
    expect(screen.queryByRole("button", { name: "Execute restore…" })).not.toBeInTheDocument();
  });

  it("offers no Execute for a plan that changes nothing", async () => {
    renderRestore(withBackups({ restores: [restoreRecord({ plan: planOf([planItem(0), planItem(1)]) })] }));
    await screen.findByTestId("restore-plan");
    expect(screen.getByRole("button", { name: "Preview again" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Execute restore…" })).not.toBeInTheDocument();
  });

  it("shows the backend's refusal inside the confirmation", async () => {
    const state = withBackups({ restores: [restoreRecord({ plan: executablePlan() })] });
    const { commands } = renderRestore(state);
    const dialog = await openConfirmation();
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), "Contoso Pharma");
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes/ }), "5");
    // Meanwhile another operator's execution found the target changed.
    state.restores = [restoreRecord({ plan: executablePlan(), status: "outdated" })];
    await userEvent.click(submitButton());
    expect(await dialog.findByTestId("execute-restore-error")).toHaveTextContent(
      "The restore was not startedOnly a previewed restore can be executed; this one is outdated. Preview it again.",
    );
    expect(commands.executeRestore).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    expect(screen.queryByTestId("intent-toast")).not.toBeInTheDocument();
  });

  it("says nothing was written when the target changed since the preview", async () => {
    const state = withBackups({ restores: [restoreRecord({ plan: executablePlan() })] });
    const { platform } = renderRestore(state);
    const dialog = await openConfirmation();
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), "Contoso Pharma");
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes/ }), "5");
    await userEvent.click(submitButton());
    await screen.findByTestId("restore-executing");

    const blocked = outdateExecution(state, "restore-1");
    platform.emitRuns(["completed", blocked]);
    const notice = await screen.findByTestId("restore-outdated");
    expect(notice).toHaveTextContent(
      "Contoso Pharma changed since it was previewed, so the restore stopped before writing anything: nothing was written to Contoso Pharma.",
    );
    expect(within(notice).getByRole("link", { name: "View the run" })).toHaveAttribute("href", "/runs/r-execute-new-1");
    expect(screen.getByRole("button", { name: "Preview again" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Execute restore…" })).not.toBeInTheDocument();
  });
});

/** The object of `contosoPlan()` whose only conflict is its two secret fields ("Compliance - Windows baseline 1"). */
const secretObject = () => within(modal().getByRole("group", { name: /Compliance - Windows baseline 1/ }));
const passwordField = () => secretObject().getByLabelText("passwordRequired");
const passcodeField = () => secretObject().getByLabelText("scheduledActionsForRule › passcode");

describe("Typing secret values when executing", () => {
  it("writes an object whose only conflict is its secret values once every field has one, counting it live", async () => {
    const state = withBackups({ restores: [restoreRecord({ plan: executablePlan() })] });
    const { commands, platform, queryClient } = renderRestore(state);
    const dialog = await openConfirmation();
    const section = within(dialog.getByRole("region", { name: "Secret values (1 object needs them)" }));
    expect(section.getByTestId("secret-values-privacy")).toHaveTextContent(
      "The values are used for this restore only: they are sent once with it and never stored.",
    );
    expect(section.getByText(/an object left without values stays skipped as a conflict/)).toBeInTheDocument();
    expect(secretObject().getByTestId("secret-object-state")).toHaveTextContent("Stays skipped");
    expect(passwordField()).toHaveAttribute("type", "password");
    expect(passcodeField()).toHaveAccessibleDescription("scheduledActionsForRule.passcode");

    // The number is entered first: it follows the values as they are typed.
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), "Contoso Pharma");
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes, 5/ }), "6");
    expect(dialog.getByText("The plan writes 5 changes.")).toBeInTheDocument();

    // One field of two: the object is refused until it has both, or none.
    await userEvent.type(passwordField(), "hunter2");
    expect(secretObject().getByTestId("secret-object-error")).toHaveTextContent(
      "Fill every field of this object, or none.",
    );
    expect(passcodeField()).toBeInvalid();
    expect(passwordField()).toBeValid();
    expect(modal().getByRole("button", { name: "Write 5 changes to Contoso Pharma" })).toBeDisabled();

    await userEvent.type(passcodeField(), "4711");
    expect(secretObject().queryByTestId("secret-object-error")).not.toBeInTheDocument();
    expect(secretObject().getByTestId("secret-object-state")).toHaveTextContent("Will be written");
    expect(dialog.getByTestId("execute-restore-what")).toHaveTextContent(
      "Writes 6 changes to Contoso Pharma: creates 2 policies, updates 3, writes 1 policy with the secret values you typed.",
    );
    expect(dialog.getByTestId("execute-restore-left-alone")).toHaveTextContent(
      "3 objects with conflicts and 60 identical ones are left alone.",
    );
    expect(dialog.getByRole("textbox", { name: /Enter the number of changes, 6/ })).toBeValid();
    await userEvent.click(modal().getByRole("button", { name: "Write 6 changes to Contoso Pharma" }));

    expect(commands.executeRestore).toHaveBeenCalledWith({
      restore_id: "restore-1",
      confirm_tenant: "Contoso Pharma",
      confirm_changes: 6,
      secrets: [
        { source_version_id: "v-backup-cp-1", field: "passwordRequired", value: "hunter2" },
        { source_version_id: "v-backup-cp-1", field: "scheduledActionsForRule.passcode", value: "4711" },
      ],
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // The values went with the call only: not in the address, the query cache or the mutations kept.
    const kept = JSON.stringify([
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.state.data),
      queryClient
        .getMutationCache()
        .getAll()
        .map((mutation) => mutation.state.variables),
    ]);
    expect(kept).not.toContain("hunter2");
    expect(kept).not.toContain("4711");
    expect(screen.getByTestId("location")).not.toHaveTextContent("hunter2");
    expect(state.unlocked["restore-1"]).toEqual(["v-backup-cp-1"]);

    // The object is written like the others.
    platform.emitRuns(["completed", finishExecution(state, "restore-1")]);
    const outcomes = within(await screen.findByTestId("restore-outcomes"));
    expect(outcomes.getByRole("button", { name: "Created: 3" })).toBeInTheDocument();
  });

  it("forgets the values when the confirmation is closed", async () => {
    renderRestore(withBackups({ restores: [restoreRecord({ plan: executablePlan() })] }));
    await openConfirmation();
    await userEvent.type(passwordField(), "hunter2");
    await userEvent.click(modal().getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await openConfirmation();
    expect(passwordField()).toHaveValue("");
    expect(secretObject().queryByTestId("secret-object-error")).not.toBeInTheDocument();
  });

  it("offers Execute for a plan only secret values can make write something, and says which objects they cannot help", async () => {
    const secretOnly = conflictItem(1, [{ kind: "secret_values", fields: ["omaSettings[0].value"] }]);
    const alsoChanged = conflictItem(3, [
      { kind: "changed_since_sync", synced: true },
      { kind: "secret_values", fields: ["wifi.preSharedKey"] },
    ]);
    const state = withBackups({ restores: [restoreRecord({ plan: planOf([planItem(0), secretOnly, alsoChanged]) })] });
    const { commands } = renderRestore(state);
    await openConfirmation();
    const dialog = within(screen.getByRole("dialog", { name: "Restore onto Contoso Pharma?" }));
    expect(dialog.getByTestId("secret-values-locked")).toHaveTextContent(
      "1 more object needs secret values but has other conflicts too: it stays skipped.",
    );
    expect(dialog.getAllByTestId("secret-object")).toHaveLength(1);
    // Nothing is written without the value: the confirmation waits for it.
    expect(dialog.getByTestId("execute-restore-what")).toHaveTextContent(
      "Writes nothing to Contoso Pharma until secret values are typed below.",
    );
    expect(dialog.getByRole("button", { name: "Write 0 changes to Contoso Pharma" })).toBeDisabled();

    const field = dialog.getByLabelText("OMA-URI setting, row 1 › value");
    expect(field).toHaveAccessibleDescription("omaSettings[0].value");
    await userEvent.type(field, "  s3cret ");
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), "Contoso Pharma");
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes, 1,/ }), "1");
    await userEvent.click(dialog.getByRole("button", { name: "Write 1 change to Contoso Pharma" }));
    // Sent as typed: a value's spaces may matter.
    expect(commands.executeRestore).toHaveBeenCalledWith(
      expect.objectContaining({
        confirm_changes: 1,
        secrets: [
          { source_version_id: secretOnly.source_version_id, field: "omaSettings[0].value", value: "  s3cret " },
        ],
      }),
    );
  });

  it("offers no secret values for a plan without objects that need them", async () => {
    renderRestore(withBackups({ restores: [restoreRecord({ plan: planOf([planItem(0, { action: "create" })]) })] }));
    const dialog = await openConfirmation();
    expect(dialog.queryByTestId("secret-values")).not.toBeInTheDocument();
  });
});

describe("An executed restore's page", () => {
  it("lists what it did to each object, failures first, and explains a failure", async () => {
    renderRestore(withBackups({ restores: [executedRestore()] }));
    const outcomes = within(await screen.findByTestId("restore-outcomes"));
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Restore");
    expect(screen.getByRole("heading", { level: 2 })).not.toHaveTextContent("preview");
    expect(screen.getByTestId("restore-status")).toHaveTextContent("Restored");
    expect(screen.queryByTestId("plan-counts")).not.toBeInTheDocument();
    expect(outcomes.getByTestId("outcome-counts")).toHaveTextContent("1Failed2Created2Updated64Left alone");

    expect(outcomes.getByTestId("outcomes-shown")).toHaveTextContent("69 · ↑ ↓ move");
    const rows = outcomes.getAllByTestId("outcome-row");
    expect(rows.map((row) => row.dataset.outcome).slice(0, 4)).toEqual(["failed", "created", "created", "updated"]);
    expect(within(rows[0] as HTMLElement).getByTestId("outcome-row-words")).toHaveTextContent(
      "Access denied: Microsoft Graph refused the write (403)",
    );
    const failed = contosoPlan().items[4];
    const failure = outcomes.getByTestId("restore-failure");
    expect(failure).toHaveTextContent(failed?.display_name ?? "?");
    expect(within(failure).getByTestId("restore-failure-why")).toHaveTextContent(
      "Access denied: Microsoft Graph refused the write (403): the app lacks DeviceManagementConfiguration.ReadWrite.All.",
    );
    expect(within(failure).getByTestId("restore-failure-why")).not.toHaveTextContent("graph.forbidden");
    expect(outcomes.getByRole("link", { name: "View the run" })).toHaveAttribute("href", "/runs/r-execute-1");
    // An updated object links to its page in the target.
    const updated = contosoPlan().items[2];
    expect(await outcomes.findByRole("link", { name: updated?.display_name ?? "?" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-2",
    );

    await userEvent.click(outcomes.getByRole("button", { name: "Created: 2" }));
    await waitFor(() => expect(outcomes.getAllByTestId("outcome-row")).toHaveLength(2));
    expect(outcomes.getAllByTestId("outcome-row").map((row) => row.dataset.outcome)).toEqual(["created", "created"]);
    expect(outcomes.getByTestId("outcomes-shown")).toHaveTextContent("2 of 69");
  });

  it("says every write failed when none succeeded", async () => {
    const items = [planItem(2, { action: "update" })];
    renderRestore(
      withBackups({
        restores: [
          executedRestore({
            status: "execute_failed",
            plan: planOf(items),
            outcomes: [outcomeOf(items[0] as never, "failed", { reason: "graph.throttled", message: "Throttled." })],
          }),
        ],
      }),
    );
    expect(await screen.findByTestId("restore-execute-failed")).toHaveTextContent(
      "No change could be written to Contoso Pharma: every write was refused.",
    );
    expect(screen.queryByRole("button", { name: "Undo this restore…" })).not.toBeInTheDocument();
  });

  it("previews undoing it, honestly, and opens the new preview", async () => {
    const { commands } = renderRestore(withBackups({ restores: [executedRestore()] }));
    await userEvent.click(await screen.findByRole("button", { name: "Undo this restore…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Undo this restore?" }));
    expect(dialog.getByTestId("undo-restore-what")).toHaveTextContent(
      "Previews putting back the 2 policies this restore overwrote in Contoso Pharma as they were before it, and deleting the 2 policies it created. A policy it created that someone has changed since is not deleted.",
    );
    expect(commands.previewUndo).not.toHaveBeenCalled();
    await userEvent.click(dialog.getByRole("button", { name: "Preview the undo" }));
    expect(commands.previewUndo).toHaveBeenCalledWith({ restore_id: "restore-1" });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
    expect(await screen.findByTestId("intent-toast")).toHaveTextContent("Restore preview of Contoso Pharma queued");
    expect(await screen.findByTestId("restore-planning")).toBeInTheDocument();
    expect(commands.previewRestore).not.toHaveBeenCalled();
  });

  it("says in words when typed secret values did not reach the process that ran the restore", async () => {
    const secretItem = contosoPlan().items[67];
    if (secretItem === undefined) throw new Error("contosoPlan() has no secret item");
    const updated = planItem(2, { action: "update" });
    const items = [secretItem, updated];
    renderRestore(
      withBackups({
        restores: [
          executedRestore({
            plan: planOf(items),
            outcomes: [
              outcomeOf(secretItem, "failed", {
                reason: "restore.secrets_unavailable",
                message:
                  "Its secret values were typed in another TenantAtlas process than the one that ran the restore; execute it again from one workstation.",
              }),
              outcomeOf(updated, "updated"),
            ],
          }),
        ],
      }),
    );
    const failure = await screen.findByTestId("restore-failure");
    expect(within(failure).getByTestId("restore-failure-why")).toHaveTextContent(
      "Secret values not at hand: Its secret values were typed in another TenantAtlas process than the one that ran the restore; execute it again from one workstation.",
    );
    expect(screen.getByTestId("restore-outcomes")).not.toHaveTextContent("restore.secrets_unavailable");
  });

  it("offers no undo to a member who may not restore", async () => {
    renderRestore(withBackups({ restores: [executedRestore()] }), { workspace: viewer });
    await screen.findByTestId("restore-outcomes");
    expect(screen.queryByRole("button", { name: "Undo this restore…" })).not.toBeInTheDocument();
  });
});

const outcomeCount = (outcome: string) => {
  const found = screen.getAllByTestId("outcome-count").find((card) => card.dataset.outcome === outcome);
  if (found === undefined) throw new Error(`No count for ${outcome}`);
  return within(found).getByTestId("outcome-count-value").textContent;
};

describe("Undoing a restore", () => {
  it("plans deleting what the restore created, beside putting back what it overwrote", async () => {
    const state = withBackups({ restores: [executedRestore()] });
    const { platform } = renderRestore(state);
    await userEvent.click(await screen.findByRole("button", { name: "Undo this restore…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Undo this restore?" }));
    await userEvent.click(dialog.getByRole("button", { name: "Preview the undo" }));
    expect(await screen.findByTestId("restore-planning")).toBeInTheDocument();
    platform.emitRuns(["completed", finishPreview(state, "restore-new-1")]);
    await waitFor(() => expect(screen.getByTestId("restore-page")).toHaveAttribute("data-status", "previewed"));

    // The restore it undoes, linked.
    expect(screen.getByTestId("restore-undo")).toHaveTextContent("Undo of a restore");
    expect(screen.getByTestId("restore-facts")).toHaveTextContent(
      /^See what undoing restore restore-1 would change in Contoso Pharma\. Asked/,
    );
    expect(screen.getByTestId("restore-source-undone")).toHaveAttribute("href", "/restores/restore-1");

    expect(screen.getByTestId("plan-counts")).toHaveTextContent(
      "0To create2To update2To delete0Cannot restore as they are0Identical",
    );
    const deletes = screen.getAllByTestId("plan-row").filter((row) => row.dataset.action === "delete");
    const created = contosoPlan().items.slice(0, 2);
    expect(deletes.map((row) => within(row).getByTestId("plan-row-name").textContent).sort()).toEqual(
      created.map((item) => item.display_name).sort(),
    );
    const first = within(deletes[0] as HTMLElement);
    expect(first.getByTestId("plan-action")).toHaveTextContent("Delete");
    expect(first.getByTestId("plan-row-changes")).toHaveTextContent(
      "Deletes it from Contoso Pharma · created by the undone restore",
    );

    // The action filter offers deletes.
    await userEvent.click(screen.getByRole("combobox", { name: "Action" }));
    await userEvent.click(await screen.findByRole("option", { name: "Delete (2)" }));
    await waitFor(() => expect(screen.getAllByTestId("plan-row")).toHaveLength(2));
    expect(screen.getByTestId("location-search")).toHaveTextContent("action=delete");

    // Its drawer says why, with nothing to compare: the object is as last stored.
    await userEvent.click(deletes[0] as HTMLElement);
    const drawer = within(await screen.findByTestId("plan-item-drawer"));
    expect(drawer.getByTestId("plan-item-action")).toHaveTextContent(
      "The restore being undone created it in Contoso Pharma, and nobody has changed it since: undoing would delete it",
    );
    expect(drawer.getByText("As last stored")).toBeInTheDocument();
    expect(drawer.queryByTestId("plan-item-fields")).not.toBeInTheDocument();
    expect(drawer.queryByTestId("plan-item-compare")).not.toBeInTheDocument();
  });

  it("says how many policies executing deletes, then shows them deleted", async () => {
    const state = withBackups({ restores: [executedRestore(), undoRestore()] });
    const { commands, platform } = renderRestore(state, { route: "/restores/restore-undo-1" });
    await userEvent.click(await screen.findByRole("button", { name: "Execute restore…" }));
    const dialog = modal();
    expect(dialog.getByTestId("execute-restore-what")).toHaveTextContent(
      "Writes 4 changes to Contoso Pharma: updates 2 policies, deletes 2 policies the undone restore had created.",
    );
    expect(dialog.getByTestId("execute-restore-what")).toHaveAttribute("data-deletes", "true");
    expect(dialog.getByTestId("execute-restore-undo")).toHaveTextContent(
      "Before each update and delete the policy as it is now is kept, so this restore can be undone.",
    );
    await userEvent.type(dialog.getByRole("textbox", { name: /Type the tenant's name/ }), "Contoso Pharma");
    await userEvent.type(dialog.getByRole("textbox", { name: /Enter the number of changes, 4,/ }), "4");
    await userEvent.click(dialog.getByRole("button", { name: "Write 4 changes to Contoso Pharma" }));
    expect(commands.executeRestore).toHaveBeenCalledWith({
      restore_id: "restore-undo-1",
      confirm_tenant: "Contoso Pharma",
      confirm_changes: 4,
    });
    expect(await screen.findByTestId("restore-executing")).toHaveTextContent(
      "keeping every policy it overwrites or deletes as it was",
    );

    platform.emitRuns(["completed", finishExecution(state, "restore-undo-1")]);
    const outcomes = within(await screen.findByTestId("restore-outcomes"));
    expect(screen.getByTestId("restore-facts")).toHaveTextContent(/^Undoing restore restore-1 on Contoso Pharma\./);
    expect(outcomes.getByTestId("outcome-counts")).toHaveTextContent("0Failed0Created2Updated2Deleted0Left alone");
    expect(outcomeCount("deleted")).toBe("2");
    await userEvent.click(outcomes.getByRole("button", { name: "Deleted: 2" }));
    await waitFor(() => expect(outcomes.getAllByTestId("outcome-row")).toHaveLength(2));
    const row = within(outcomes.getAllByTestId("outcome-row")[0] as HTMLElement);
    expect(row.getByTestId("outcome-badge")).toHaveTextContent("Deleted");
    expect(row.getByTestId("outcome-row-words")).toHaveTextContent(
      "Deleted from Contoso Pharma; the policy as it was is kept",
    );

    // What it deleted was kept first: undoing the undo creates it again.
    await userEvent.click(outcomes.getByRole("button", { name: "Undo this restore…" }));
    const undo = within(await screen.findByRole("dialog", { name: "Undo this restore?" }));
    expect(undo.getByTestId("undo-restore-what")).toHaveTextContent(
      "Previews putting back the 2 policies this restore overwrote in Contoso Pharma as they were before it, and creating again the 2 policies it deleted.",
    );
  });
});
