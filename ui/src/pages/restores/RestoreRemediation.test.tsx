import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import type { Restore, WorkspaceSummary } from "../../bindings/types";
import { baselineProfile, baselineSnapshot, finding } from "../../test/baselineFixtures";
import { type BaselineState, baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import {
  baselinePlan,
  fakeRestores,
  finishPreview,
  type RestoreState,
  restoreRunCommands,
  restoreState,
} from "../../test/fakeRestores";
import { demoTenants, run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { contosoGroups, planningRestore, planOf } from "../../test/restoreFixtures";
import { RestorePage } from "./RestorePage";

const SOURCE: Restore["source"] = {
  kind: "baseline",
  snapshot_id: "s-1",
  subject_keys: ["settings_catalog:win - bitlocker", "settings_catalog:win - defender"],
};

/**
 * Fabrikam drifted from Windows standard (captured from Contoso, full content): BitLocker is
 * missing, Defender configured differently; restore-1 remediates both and is being planned.
 */
function remediation(): { state: RestoreState; baselines: BaselineState } {
  const baselines = baselineState({
    profiles: [baselineProfile({ current_snapshot_id: "s-1" })],
    snapshots: [baselineSnapshot()],
    assignments: { "t-fabrikam": "p-1" },
    findings: [
      finding({ id: "f-1", tenant_id: "t-fabrikam" }),
      finding({
        id: "f-2",
        tenant_id: "t-fabrikam",
        kind: "missing",
        subject_key: "settings_catalog:win - bitlocker",
        display_name: "WIN - BitLocker",
      }),
    ],
  });
  const state = restoreState({
    // Fabrikam is active here, so a new preview of it is queued.
    tenants: demoTenants.map((t) => (t.id === "t-fabrikam" ? { ...t, status: "active" as const } : t)),
    baselines,
    groups: { "t-fabrikam": ["g-1", "g-2"] },
    restores: [
      planningRestore({ tenant_id: "t-fabrikam", source_tenant_id: "t-contoso", source: SOURCE, group_overrides: {} }),
    ],
  });
  return { state, baselines };
}

function renderRemediation(
  { state, baselines }: { state: RestoreState; baselines: BaselineState },
  workspace: WorkspaceSummary = workspaceSummary(),
) {
  const commands = fakeCommands({
    ...fakeBaselines(baselines),
    ...fakeRestores(state),
    ...restoreRunCommands(state, (id) =>
      run({ id, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:00:05.000Z" }),
    ),
  });
  return renderApp(
    <Routes>
      <Route path="/restores/:restoreId" element={<RestorePage />} />
      <Route path="*" element={<p data-testid="elsewhere" />} />
    </Routes>,
    { commands, workspace, route: "/restores/restore-1" },
  );
}

const count = (action: string) => {
  const found = screen.getAllByTestId("plan-count").find((card) => card.dataset.action === action);
  return found === undefined ? null : within(found).getByTestId("plan-count-value").textContent;
};

describe("A remediation's page (a restore from a baseline)", () => {
  it("says it restores the baseline's content for the findings' subjects, linked to the snapshot", async () => {
    const setup = remediation();
    finishPreview(setup.state, "restore-1");
    renderRemediation(setup);
    const source = await screen.findByTestId("restore-source-baseline");
    expect(source).toHaveTextContent("the baseline content of Windows standard (2 subjects)");
    expect(source).toHaveAttribute("href", "/baselines/p-1?snapshot=s-1");
    expect(screen.getByTestId("restore-facts")).toHaveTextContent(
      /^See what restoring the baseline content of Windows standard \(2 subjects\) onto Fabrikam Logistics would change\./,
    );
    expect(screen.getByTestId("restore-remediation")).toHaveTextContent("Drift remediation from the baseline");
    expect(screen.queryByTestId("restore-promote")).not.toBeInTheDocument();
    // It was asked for from the target's drift, not its backups.
    expect(screen.getByRole("link", { name: "Drift" })).toHaveAttribute("href", "/tenants/t-fabrikam?tab=drift");
    expect(screen.queryByRole("link", { name: "Backups" })).not.toBeInTheDocument();
    // The missing policy is created, the drifted one updated.
    expect(count("create")).toBe("1");
    expect(count("update")).toBe("1");
    expect(screen.getByRole("button", { name: "Execute restore…" })).toBeEnabled();
  });

  it("names the baseline's content without a link for members who may not see baselines", async () => {
    const setup = remediation();
    finishPreview(setup.state, "restore-1");
    const restorer = workspaceSummary(
      {},
      { role: "operator", capabilities: ["tenant.view", "tenant.restore.execute"] },
    );
    const { commands } = renderRemediation(setup, restorer);
    await waitFor(() =>
      expect(screen.getByTestId("restore-facts")).toHaveTextContent(
        /^See what restoring baseline content \(2 subjects\) onto Fabrikam Logistics would change\./,
      ),
    );
    expect(screen.queryByTestId("restore-source-baseline")).not.toBeInTheDocument();
    expect(commands.getBaselineSnapshot).not.toHaveBeenCalled();
  });

  it("previews again with other groups from the same baseline source", async () => {
    const setup = remediation();
    finishPreview(setup.state, "restore-1", planOf(baselinePlan(setup.state, "restore-1").items, contosoGroups()));
    const { commands } = renderRemediation(setup);
    const row = within(
      (await screen.findAllByTestId("group-row")).find((r) => r.dataset.groupId === "g-hr") as HTMLElement,
    );
    await userEvent.click(row.getByRole("button", { name: "Change the target group of HR laptops" }));
    const picker = within(await screen.findByRole("dialog", { name: "Where the assignments to “HR laptops” go" }));
    await userEvent.click(await picker.findByRole("button", { name: /Finance team/ }));
    await userEvent.click(screen.getByRole("button", { name: "Preview again with these groups" }));
    expect(commands.previewRestore).toHaveBeenCalledWith({
      tenant_id: "t-fabrikam",
      source: SOURCE,
      group_overrides: { "g-hr": { kind: "to", group_id: "g-2" } },
    });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
    expect(await screen.findByTestId("restore-planning")).toBeInTheDocument();
    expect(setup.state.restores.find((r) => r.id === "restore-new-1")?.source).toEqual(SOURCE);
    expect(await screen.findByTestId("restore-remediation")).toBeInTheDocument();
  });

  it("shows why a new preview was refused when the baseline can no longer be restored from", async () => {
    const setup = remediation();
    finishPreview(setup.state, "restore-1");
    // The profile switched to fingerprints only and captured again over the same snapshot.
    setup.baselines.snapshots = [baselineSnapshot({ capture_mode: "meta" })];
    renderRemediation(setup);
    await userEvent.click(await screen.findByRole("button", { name: "Preview again" }));
    expect(await screen.findByTestId("preview-again-error")).toHaveTextContent(
      "The baseline captures fingerprints only, not content: switch its capture mode to full content and capture it again to remediate from it.",
    );
    expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-1");
  });
});
