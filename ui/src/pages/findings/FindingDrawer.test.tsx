import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../bindings/types";
import { baselineProfile, finding, historyEntry } from "../../test/baselineFixtures";
import { baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
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
