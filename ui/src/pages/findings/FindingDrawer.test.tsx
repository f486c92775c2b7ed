import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import type { Finding, WorkspaceSummary } from "../../bindings/types";
import { baselineProfile, baselineSnapshot, finding, historyEntry } from "../../test/baselineFixtures";
import { baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeRestores, restoreRunCommands, restoreState } from "../../test/fakeRestores";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { FindingsPage } from "./FindingsPage";

/** The Findings page with one finding's drawer open, as a link to it opens it. */
function openFinding(subject: Finding, history = [historyEntry()]) {
  const state = baselineState({
    profiles: [baselineProfile()],
    findings: [subject],
    history: { [subject.id]: history },
  });
  const commands = fakeCommands(fakeBaselines(state));
  renderApp(
    <Routes>
      <Route path="/findings" element={<FindingsPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: `/findings?finding=${subject.id}` },
  );
  return { state, commands };
}

/**
 * The Findings page with one finding's drawer open, its baseline (Windows standard) captured in
 * full content so it can be remediated, and the restore backend seeing the same findings.
 */
function openRemediable(subject: Finding, workspace: WorkspaceSummary = workspaceSummary()) {
  const state = baselineState({
    profiles: [baselineProfile({ current_snapshot_id: "s-1" })],
    snapshots: [baselineSnapshot()],
    findings: [subject],
  });
  const restores = restoreState({ baselines: state });
  const commands = fakeCommands({
    ...fakeBaselines(state),
    ...fakeRestores(restores),
    // The preview's run stays queued, as the fake restore backend started it.
    ...restoreRunCommands(restores, (id) => run({ id, status: "completed", outcome: "succeeded" })),
  });
  renderApp(
    <Routes>
      <Route path="/findings" element={<FindingsPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route: `/findings?finding=${subject.id}` },
  );
  return { state, restores, commands };
}

describe("FindingDrawer", () => {
  it("titles the finding and names its badges, tenant, baseline and times", async () => {
    openFinding(finding());
    await waitFor(() => expect(screen.getByTestId("finding-title")).toHaveTextContent("WIN - Defender"));
    const badges = screen.getByTestId("finding-badges");
    expect(badges).toHaveTextContent("High");
    expect(badges).toHaveTextContent("Drifted");
    expect(badges).toHaveTextContent("Open");
    expect(screen.getByTestId("finding-tenant-link")).toHaveAttribute("href", "/tenants/t-contoso?tab=drift");
    expect(screen.getByTestId("finding-tenant-link")).toHaveTextContent("Contoso Pharma");
    expect(screen.getByTestId("finding-profile-link")).toHaveAttribute("href", "/baselines/p-1");
    expect(screen.getByTestId("finding-profile-link")).toHaveTextContent("Windows standard");
    const facts = within(screen.getByRole("table", { name: "Finding" }));
    expect(facts.getByRole("rowheader", { name: "First seen" }).closest("tr")).toHaveTextContent("Compare run");
  });

  it("shows the settings that differ side by side, baseline against tenant", async () => {
    openFinding(finding());
    const evidence = await screen.findByTestId("finding-evidence");
    expect(evidence).toHaveTextContent("This policy is in both, configured differently.");
    const table = within(within(evidence).getByRole("table", { name: "Settings that differ" }));
    const [head] = table.getAllByRole("rowgroup") as [HTMLElement];
    expect(
      within(head)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Setting", "Baseline", "Tenant", "Change"]);
    const rows = table.getAllByTestId("diff-row");
    expect(rows.map((row) => row.getAttribute("data-change"))).toEqual(["changed", "removed"]);
    expect(rows[0]).toHaveTextContent("Cloud block levelHighDefaultChanged");
    expect(rows[1]).toHaveTextContent("Scan archivesYesNot setRemoved");
    expect(table.getByText("Defender")).toBeInTheDocument();
  });

  it("explains that a metadata baseline records no settings", async () => {
    openFinding(finding({ evidence: { rows: [], reference_only: true } }));
    const note = await screen.findByTestId("evidence-reference-only");
    expect(note).toHaveTextContent(
      "This baseline was captured in metadata mode: the configuration differs, but which settings is not recorded. Capture in full-content mode to see setting-level evidence.",
    );
    expect(screen.queryByTestId("diff-row")).not.toBeInTheDocument();
  });

  it("shows a missing policy's baseline settings, without a tenant side", async () => {
    openFinding(
      finding({
        kind: "missing",
        evidence: {
          rows: [
            { group: "General", name: "Require BitLocker", key: "bl", before: "Yes", after: null, change: "removed" },
          ],
          reference_only: false,
        },
      }),
    );
    const evidence = await screen.findByTestId("finding-evidence");
    expect(evidence).toHaveTextContent("This policy is in the baseline but not in the tenant.");
    const table = within(within(evidence).getByRole("table", { name: "Baseline settings" }));
    const [head] = table.getAllByRole("rowgroup") as [HTMLElement];
    expect(
      within(head)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Setting", "Baseline"]);
    expect(table.getByTestId("diff-row")).toHaveTextContent("Require BitLockerYes");
  });

  it("tells the history: compares by their run, operators by name with their note", async () => {
    openFinding(
      finding({
        status: "acknowledged",
        acknowledged_by: "u1",
        acknowledged_at: "2026-11-21T09:00:00.000Z",
        ack_note: "Stricter policy by contract.",
      }),
      [
        historyEntry(),
        historyEntry({
          action: "acknowledged",
          run_id: null,
          actor_user_id: "u1",
          actor_name: "Ada Lovelace",
          note: "Stricter policy by contract.",
          at: "2026-11-21T09:00:00.000Z",
        }),
      ],
    );
    const entries = await screen.findAllByTestId("history-entry");
    expect(entries.map((entry) => entry.getAttribute("data-action"))).toEqual(["opened", "acknowledged"]);
    const [opened, acknowledged] = entries as [HTMLElement, HTMLElement];
    expect(opened).toHaveTextContent("Opened");
    expect(within(opened).getByRole("link", { name: "Compare run" })).toHaveAttribute("href", "/runs/r-compare-1");
    expect(acknowledged).toHaveTextContent("Acknowledged");
    expect(acknowledged).toHaveTextContent("Ada Lovelace");
    expect(within(acknowledged).getByTestId("history-note")).toHaveTextContent("Stricter policy by contract.");

    const ack = screen.getByTestId("finding-acknowledgement");
    expect(ack).toHaveTextContent("Acknowledged by Ada Lovelace");
    expect(screen.getByTestId("finding-ack-note")).toHaveTextContent("Stricter policy by contract.");
  });

  it("acknowledges an open finding only with a note, then reopens it", async () => {
    const { state, commands } = openFinding(finding());
    const form = within(await screen.findByTestId("finding-ack-form"));
    await userEvent.click(form.getByRole("button", { name: "Acknowledge" }));
    expect(form.getByText("Say why this drift is accepted: the note is required.")).toBeInTheDocument();
    expect(commands.acknowledgeFindings).not.toHaveBeenCalled();

    await userEvent.type(form.getByRole("textbox", { name: /Note/ }), "Approved by the customer.");
    await userEvent.click(form.getByRole("button", { name: "Acknowledge" }));
    expect(commands.acknowledgeFindings).toHaveBeenCalledWith({
      finding_ids: ["f-1"],
      note: "Approved by the customer.",
    });
    expect(await screen.findByTestId("finding-acknowledgement")).toHaveTextContent("Approved by the customer.");
    expect(screen.getByTestId("finding-badges")).toHaveTextContent("Acknowledged");
    expect(screen.queryByTestId("finding-ack-form")).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId("reopen-finding"));
    expect(commands.reopenFinding).toHaveBeenCalledWith({ finding_id: "f-1" });
    expect(await screen.findByText("Finding reopened")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("finding-badges")).toHaveTextContent("Open"));
    expect(state.findings[0]?.status).toBe("open");
    expect(await screen.findByTestId("finding-ack-form")).toBeInTheDocument();
  });

  it("explains a finding that cannot be loaded", async () => {
    const commands = fakeCommands();
    renderApp(
      <Routes>
        <Route path="/findings" element={<FindingsPage />} />
      </Routes>,
      { commands, workspace: workspaceSummary(), route: "/findings?finding=f-gone" },
    );
    expect(await screen.findByTestId("error-state")).toHaveTextContent("Finding was not found.");
  });
});

describe("Remediating a finding from its drawer", () => {
  it("confirms what happens, starts the preview and opens the restore", async () => {
    const { commands, restores } = openRemediable(finding());
    const section = within(await screen.findByTestId("finding-remediate"));
    expect(section.getByTestId("finding-remediate-words")).toHaveTextContent(
      "Put the baseline's settings back onto Contoso Pharma. You see the plan first: nothing is written until you execute it.",
    );
    await userEvent.click(section.getByRole("button", { name: "Remediate…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Remediate from the baseline?" }));
    expect(dialog.getByTestId("remediate-what")).toHaveTextContent(
      "Preview restoring the baseline's content for 1 finding onto Contoso Pharma. Nothing is written until you review the plan and execute it.",
    );
    expect(dialog.getByRole("list", { name: "Findings to remediate" })).toHaveTextContent("WIN - Defender");
    expect(commands.remediateFindings).not.toHaveBeenCalled();
    // The confirming button has the focus: Enter starts the preview.
    expect(dialog.getByRole("button", { name: "Preview remediation" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");

    expect(commands.remediateFindings).toHaveBeenCalledWith({ tenant_id: "t-contoso", finding_ids: ["f-1"] });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
    expect(await screen.findByTestId("intent-toast")).toHaveTextContent("Restore preview of Contoso Pharma queued");
    expect(restores.restores[0]?.source).toEqual({
      kind: "baseline",
      snapshot_id: "s-1",
      subject_keys: ["settings_catalog:win - defender"],
    });
  });

  it("says a missing policy would be created", async () => {
    openRemediable(finding({ kind: "missing" }));
    expect(await screen.findByTestId("finding-remediate-words")).toHaveTextContent(
      "Create it in Contoso Pharma as the baseline holds it.",
    );
  });

  it("explains why an unexpected policy cannot be remediated, and offers nothing to confirm", async () => {
    const { commands } = openRemediable(finding({ kind: "unexpected" }));
    const button = await screen.findByRole("button", { name: "Remediate…" });
    const why =
      "“WIN - Defender” is in the tenant but not in the baseline: a restore writes only what the baseline holds. Delete it in the tenant, or add it to the baseline's source.";
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(button).toHaveAccessibleDescription(why);
    expect(screen.getByTestId("finding-remediate-words")).toHaveTextContent(why);
    await userEvent.click(button);
    expect(screen.queryByRole("dialog", { name: "Remediate from the baseline?" })).not.toBeInTheDocument();
    expect(commands.remediateFindings).not.toHaveBeenCalled();
  });

  it("shows the backend's refusal in the dialog", async () => {
    // A member who may restore but not see baselines: the UI cannot tell the baseline has no snapshot.
    const restorer = workspaceSummary(
      {},
      { role: "operator", capabilities: ["tenant.view", "tenant.restore.execute"] },
    );
    const subject = finding();
    const state = baselineState({ profiles: [baselineProfile()], findings: [subject] });
    const commands = fakeCommands({ ...fakeBaselines(state), ...fakeRestores(restoreState({ baselines: state })) });
    renderApp(
      <Routes>
        <Route path="/findings" element={<FindingsPage />} />
      </Routes>,
      { commands, workspace: restorer, route: "/findings?finding=f-1" },
    );
    await userEvent.click(await screen.findByRole("button", { name: "Remediate…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Remediate from the baseline?" }));
    await userEvent.click(dialog.getByRole("button", { name: "Preview remediation" }));
    expect(await dialog.findByTestId("remediate-error")).toHaveTextContent(
      "The preview was not startedThe baseline has no complete snapshot: capture it first.",
    );
    expect(screen.getByTestId("location")).toHaveTextContent("/findings");
    // Cancel closes it; the drawer stays.
    await userEvent.click(dialog.getByRole("button", { name: "Cancel" }));
    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Remediate from the baseline?" })).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId("finding-detail")).toBeInTheDocument();
  });

  it("offers no remediation to a member who may not restore", async () => {
    const triager = workspaceSummary(
      {},
      { role: "operator", capabilities: ["tenant.view", "workspace.baselines.view", "tenant.findings.manage"] },
    );
    openRemediable(finding(), triager);
    await screen.findByTestId("finding-detail");
    expect(screen.queryByTestId("finding-remediate")).not.toBeInTheDocument();
  });

  it("offers no remediation for resolved drift", async () => {
    openRemediable(finding({ status: "resolved", resolved_at: "2026-11-22T09:30:00.000Z" }));
    await screen.findByTestId("finding-detail");
    expect(screen.queryByTestId("finding-remediate")).not.toBeInTheDocument();
  });
});
