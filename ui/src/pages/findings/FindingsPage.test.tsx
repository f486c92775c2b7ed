import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { Commands } from "../../bindings/commands";
import type { FindingFilter } from "../../bindings/types";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { baselineProfile, baselineSnapshot, finding } from "../../test/baselineFixtures";
import { type BaselineState, baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeRestores, restoreRunCommands, restoreState } from "../../test/fakeRestores";
import { run, workspaceSummary } from "../../test/fixtures";
import { observedWidth } from "../../test/layout";
import { renderApp } from "../../test/render";
import { FindingsPage } from "./FindingsPage";
import { readView, writeView } from "./findingsView";

function renderFindings(state: BaselineState, route = "/findings", workspace = workspaceSummary()) {
  // The restore backend sees the same findings, for remediations.
  const restores = restoreState({ baselines: state });
  const commands = fakeCommands({
    ...fakeBaselines(state),
    ...fakeRestores(restores),
    ...restoreRunCommands(restores, (id) => run({ id, status: "completed", outcome: "succeeded" })),
  });
  const result = renderApp(
    <Routes>
      <Route path="/findings" element={<FindingsPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route },
  );
  return { ...result, commands };
}

const lastFilter = (commands: Commands): FindingFilter => {
  const [request] = vi.mocked(commands.listFindings).mock.lastCall ?? [];
  if (request === undefined) throw new Error("listFindings was not called");
  return request.filter;
};

/** Drift across two tenants: every severity, kind and status once or more. */
function drift(): BaselineState {
  return baselineState({
    profiles: [baselineProfile()],
    assignments: { "t-contoso": "p-1", "t-fabrikam": "p-1" },
    findings: [
      finding({ id: "f-crit", display_name: "WIN - BitLocker", severity: "critical", kind: "missing" }),
      finding({ id: "f-high", display_name: "WIN - Defender", severity: "high" }),
      finding({
        id: "f-ack",
        display_name: "WIN - Edge",
        severity: "medium",
        status: "acknowledged",
        tenant_id: "t-fabrikam",
        acknowledged_by: "u1",
        acknowledged_at: "2026-11-21T09:00:00.000Z",
        ack_note: "Customer keeps Edge defaults.",
      }),
      finding({
        id: "f-low",
        display_name: "iOS - Passcode",
        severity: "low",
        kind: "unexpected",
        policy_type: "compliance_policy",
        tenant_id: "t-fabrikam",
      }),
      finding({ id: "f-resolved", display_name: "WIN - Firewall", severity: "high", status: "resolved" }),
    ],
  });
}

describe("FindingsPage", () => {
  it("lists open and acknowledged drift by default, most severe first, with names and times", async () => {
    const { commands } = renderFindings(drift());
    const rows = await screen.findAllByTestId("finding-row");
    expect(lastFilter(commands)).toEqual({
      tenants: [],
      statuses: ["open", "acknowledged"],
      severities: [],
      kinds: [],
      policy_types: [],
      profiles: [],
      offset: 0,
      limit: 200,
    });
    expect(rows.map((row) => row.getAttribute("data-finding-id"))).toEqual(["f-crit", "f-high", "f-ack", "f-low"]);
    const [critical, , acknowledged, low] = rows as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(critical).toHaveTextContent("Critical");
    expect(critical).toHaveTextContent("Missing");
    expect(critical).toHaveTextContent("Open");
    expect(critical).toHaveTextContent("WIN - BitLocker");
    expect(critical).toHaveTextContent("Settings catalog policy");
    expect(within(critical).getByTestId("finding-tenant")).toHaveTextContent("Contoso Pharma");
    expect(within(critical).getAllByRole("time")).toHaveLength(2);
    expect(acknowledged).toHaveTextContent("Acknowledged");
    expect(low).toHaveTextContent("Unexpected");
    expect(low).toHaveTextContent("Compliance policy");
    expect(within(low).getByTestId("finding-tenant")).toHaveTextContent("Fabrikam Logistics");
    expect(screen.getByTestId("findings-total")).toHaveTextContent("4 findings");
    expect(screen.queryByTestId("findings-clear")).not.toBeInTheDocument();
    // Compact rows, as tall as the table lays them out.
    expect(screen.getByTestId("findings-table").style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(`${TABLE_ROW_HEIGHT}px`);
  });

  it("keeps the policy's name readable on a narrow table: first seen, type and last seen give way", async () => {
    // 900 px, less the selection column.
    observedWidth(900);
    renderFindings(drift());
    await screen.findAllByTestId("finding-row");
    const titles = () =>
      within(screen.getByTestId("findings-table"))
        .getAllByRole("columnheader")
        .map((th) => th.textContent)
        .filter((title) => title !== "");
    await waitFor(() => expect(titles()).toEqual(["Severity", "Policy", "Kind", "Status", "Tenant"]));
    await userEvent.click(screen.getByRole("button", { name: "Choose columns of Findings (3 hidden)" }));
    expect(await screen.findByRole("checkbox", { name: "Policy" })).toBeDisabled();
    expect(screen.getByRole("checkbox", { name: "Type" })).toHaveAccessibleDescription(
      "Hidden while the window is this narrow",
    );
  });

  it("counts by severity beside the list, and filters by a severity from its bar", async () => {
    const { commands } = renderFindings(drift());
    await screen.findAllByTestId("finding-row");
    expect(screen.getByTestId("severity-count-critical")).toHaveTextContent("1");
    expect(screen.getByTestId("severity-count-high")).toHaveTextContent("1");
    expect(screen.getByTestId("severity-count-medium")).toHaveTextContent("1");
    expect(screen.getByTestId("severity-count-low")).toHaveTextContent("1");
    expect(screen.getByTestId("severity-count-info")).toHaveTextContent("0");

    const high = screen.getByRole("button", { name: "High: 1 finding" });
    expect(high).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(high);
    await waitFor(() => expect(lastFilter(commands).severities).toEqual(["high"]));
    expect(screen.getByTestId("location-search")).toHaveTextContent("?severity=high");
    expect((await screen.findAllByTestId("finding-row")).map((row) => row.getAttribute("data-finding-id"))).toEqual([
      "f-high",
    ]);
    expect(screen.getByRole("button", { name: "High: 1 finding" })).toHaveAttribute("aria-pressed", "true");
    // The other severities stay counted, so the chart still shows the whole picture.
    expect(screen.getByTestId("severity-count-critical")).toHaveTextContent("1");
    expect(screen.getByTestId("findings-total")).toHaveTextContent("1 finding match");

    await userEvent.click(screen.getByRole("button", { name: "High: 1 finding" }));
    await waitFor(() => expect(screen.getAllByTestId("finding-row")).toHaveLength(4));
    expect(screen.getByRole("button", { name: "High: 1 finding" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByTestId("location-search")).toBeEmptyDOMElement();
  });

  it("filters by kind and status, shows resolved drift on request, and clears back to the default", async () => {
    const { commands } = renderFindings(drift());
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("combobox", { name: "Status" }));
    await userEvent.click(await screen.findByRole("option", { name: "Resolved" }));
    await waitFor(() => expect(lastFilter(commands).statuses).toEqual(["open", "acknowledged", "resolved"]));
    expect(await screen.findByText("WIN - Firewall")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("combobox", { name: "Kind" }));
    await userEvent.click(await screen.findByRole("option", { name: "Unexpected" }));
    await waitFor(() => expect(lastFilter(commands).kinds).toEqual(["unexpected"]));
    await waitFor(() =>
      expect(screen.getAllByTestId("finding-row").map((row) => row.getAttribute("data-finding-id"))).toEqual(["f-low"]),
    );

    await userEvent.click(screen.getByTestId("findings-clear"));
    // Back to the first query (answered from the cache): open and acknowledged, any kind.
    await waitFor(() =>
      expect(screen.getAllByTestId("finding-row").map((row) => row.getAttribute("data-finding-id"))).toEqual([
        "f-crit",
        "f-high",
        "f-ack",
        "f-low",
      ]),
    );
  });

  it("searches by name once typing pauses", async () => {
    const { commands } = renderFindings(drift());
    await screen.findAllByTestId("finding-row");
    await userEvent.type(screen.getByRole("textbox", { name: "Search findings" }), "edge");
    await waitFor(() => expect(lastFilter(commands).search).toBe("edge"));
    expect(vi.mocked(commands.listFindings).mock.calls.filter(([r]) => r.filter.search !== undefined)).toHaveLength(1);
    await waitFor(() =>
      expect(screen.getAllByTestId("finding-row").map((row) => row.getAttribute("data-finding-id"))).toEqual(["f-ack"]),
    );
  });

  it("saves the filters under a name and applies them again later, the search box included", async () => {
    const { commands } = renderFindings(drift(), "/findings?kind=unexpected&q=passcode");
    await waitFor(() =>
      expect(screen.getAllByTestId("finding-row").map((row) => row.getAttribute("data-finding-id"))).toEqual(["f-low"]),
    );
    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Findings" }));
    const panel = await screen.findByTestId("saved-filters-panel");
    await userEvent.type(within(panel).getByRole("textbox", { name: "Save the current filters as" }), "iOS extras");
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));
    await userEvent.keyboard("{Escape}");

    await userEvent.click(screen.getByTestId("findings-clear"));
    await waitFor(() => expect(screen.getAllByTestId("finding-row")).toHaveLength(4));
    expect(screen.getByRole("textbox", { name: "Search findings" })).toHaveValue("");

    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Findings" }));
    await userEvent.click(await screen.findByRole("button", { name: "Apply iOS extras" }));
    // The first query again (answered from the cache).
    await waitFor(() =>
      expect(screen.getAllByTestId("finding-row").map((row) => row.getAttribute("data-finding-id"))).toEqual(["f-low"]),
    );
    expect(lastFilter(commands)).toMatchObject({ kinds: [] });
    expect(screen.getByRole("textbox", { name: "Search findings" })).toHaveValue("passcode");
    expect(screen.getByRole("button", { name: "Saved filters of Findings: iOS extras" })).toBeInTheDocument();
  });

  it("says when nothing has drifted at all", async () => {
    renderFindings(baselineState());
    const empty = await screen.findByTestId("findings-empty");
    expect(empty).toHaveTextContent("No drift found");
    expect(empty).toHaveTextContent("Compare tenants against a baseline");
    expect(within(empty).getByRole("link", { name: "Go to baselines" })).toHaveAttribute("href", "/baselines");
  });

  it("says when no finding matches the filters, and clears them", async () => {
    const { commands } = renderFindings(drift(), "/findings?kind=drifted&severity=info");
    const none = await screen.findByTestId("findings-no-match");
    expect(none).toHaveTextContent("No findings match these filters");
    await userEvent.click(within(none).getByRole("button", { name: "Clear filters" }));
    await screen.findAllByTestId("finding-row");
    expect(lastFilter(commands)).toMatchObject({ kinds: [], severities: [] });
  });

  it("acknowledges selected findings only with a note, and reports the ones skipped", async () => {
    const state = drift();
    const { commands } = renderFindings(state);
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - BitLocker" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - Edge" }));
    expect(screen.getByTestId("findings-bulk")).toHaveTextContent("2 selected");
    await userEvent.click(screen.getByTestId("acknowledge-selected"));

    const dialog = within(await screen.findByRole("dialog", { name: "Acknowledge 2 findings" }));
    await userEvent.click(dialog.getByRole("button", { name: "Acknowledge" }));
    expect(dialog.getByText("Say why this drift is accepted: the note is required.")).toBeInTheDocument();
    expect(commands.acknowledgeFindings).not.toHaveBeenCalled();

    await userEvent.type(dialog.getByRole("textbox", { name: /Note/ }), "  Approved exception, ticket 4711 ");
    await userEvent.click(dialog.getByRole("button", { name: "Acknowledge" }));
    expect(commands.acknowledgeFindings).toHaveBeenCalledWith({
      finding_ids: ["f-crit", "f-ack"],
      note: "Approved exception, ticket 4711",
    });
    const skipped = await dialog.findByTestId("ack-skipped");
    expect(skipped).toHaveTextContent("WIN - Edge is acknowledged, not open.");
    expect(dialog.getByTestId("ack-result")).toHaveTextContent("1 finding was acknowledged; 1 was skipped");
    expect(await screen.findByText("1 finding acknowledged")).toBeInTheDocument();
    expect(state.findings.find((f) => f.id === "f-crit")?.status).toBe("acknowledged");

    await userEvent.click(dialog.getByRole("button", { name: "Done" }));
    await waitFor(() =>
      expect(
        within(screen.getAllByTestId("finding-row")[0] as HTMLElement).getByText("Acknowledged"),
      ).toBeInTheDocument(),
    );
    // The acknowledged one leaves the selection; the skipped one stays selected.
    expect(screen.getByTestId("findings-bulk")).toHaveTextContent("1 selected");
  });

  it("offers no selection to members who may not acknowledge", async () => {
    const viewer = workspaceSummary(
      {},
      { role: "readonly", capabilities: ["tenant.view", "workspace.baselines.view"] },
    );
    renderFindings(drift(), "/findings", viewer);
    await screen.findAllByTestId("finding-row");
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
  });

  it("moves through the rows with the keyboard, selects with Space and opens with Enter", async () => {
    renderFindings(drift());
    await screen.findAllByTestId("finding-row");
    const grid = screen.getByRole("grid", { name: "Findings" });
    act(() => grid.focus());
    expect(grid).toHaveAttribute("aria-activedescendant", "finding-row-0");
    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "finding-row-1");
    await userEvent.keyboard(" ");
    expect(screen.getByRole("checkbox", { name: "Select WIN - Defender" })).toBeChecked();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("finding-title")).toHaveTextContent("WIN - Defender");
  });
});

/** `drift()` with Windows standard captured in full content: its findings can be remediated from it. */
function remediable(): BaselineState {
  const state = drift();
  state.profiles = [baselineProfile({ current_snapshot_id: "s-1" })];
  state.snapshots = [baselineSnapshot()];
  return state;
}

describe("Remediating selected findings", () => {
  it("previews restoring the baseline's content for the selection and opens the restore", async () => {
    const { commands } = renderFindings(remediable());
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - BitLocker" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - Defender" }));
    await userEvent.click(
      within(screen.getByTestId("findings-bulk")).getByRole("button", { name: "Remediate selected…" }),
    );

    const dialog = within(await screen.findByRole("dialog", { name: "Remediate from the baseline?" }));
    expect(dialog.getByTestId("remediate-what")).toHaveTextContent(
      "Preview restoring the baseline's content for 2 findings onto Contoso Pharma. Nothing is written until you review the plan and execute it.",
    );
    expect(
      within(dialog.getByRole("list", { name: "Findings to remediate" }))
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["WIN - BitLocker", "WIN - Defender"]);
    await userEvent.click(dialog.getByRole("button", { name: "Preview remediation" }));
    expect(commands.remediateFindings).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      finding_ids: ["f-crit", "f-high"],
    });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/restores/restore-new-1"));
  });

  it("says why a selection cannot be remediated, and opens nothing", async () => {
    const { commands } = renderFindings(remediable());
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - Defender" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - Edge" }));
    const button = () =>
      within(screen.getByTestId("findings-bulk")).getByRole("button", { name: "Remediate selected…" });
    expect(button()).toHaveAttribute("aria-disabled", "true");
    expect(button()).toHaveAccessibleDescription(
      "The findings are of more than one tenant: remediate those of one tenant at a time.",
    );
    // Keyboard users reach it and read why in the tooltip too.
    act(() => button().focus());
    expect(await screen.findByRole("tooltip")).toHaveTextContent("The findings are of more than one tenant");
    await userEvent.click(button());
    expect(screen.queryByRole("dialog", { name: "Remediate from the baseline?" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - Edge" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select iOS - Passcode" }));
    expect(button()).toHaveAccessibleDescription(
      "1 selected finding is unexpected: in the tenant but not in the baseline, and a restore writes only what the baseline holds. Deselect it to remediate the others.",
    );
    await userEvent.click(screen.getByRole("checkbox", { name: "Select iOS - Passcode" }));
    expect(button()).not.toHaveAttribute("aria-disabled");
    expect(commands.remediateFindings).not.toHaveBeenCalled();
  });

  it("lets a member who may restore but not acknowledge select findings to remediate", async () => {
    const restorer = workspaceSummary(
      {},
      { role: "operator", capabilities: ["tenant.view", "workspace.baselines.view", "tenant.restore.execute"] },
    );
    renderFindings(remediable(), "/findings", restorer);
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - BitLocker" }));
    const bulk = within(screen.getByTestId("findings-bulk"));
    expect(bulk.getByRole("button", { name: "Remediate selected…" })).toBeEnabled();
    expect(bulk.queryByRole("button", { name: "Acknowledge selected" })).not.toBeInTheDocument();
  });

  it("offers no remediation to a member who may acknowledge but not restore", async () => {
    const triager = workspaceSummary(
      {},
      { role: "operator", capabilities: ["tenant.view", "workspace.baselines.view", "tenant.findings.manage"] },
    );
    renderFindings(remediable(), "/findings", triager);
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select WIN - BitLocker" }));
    const bulk = within(screen.getByTestId("findings-bulk"));
    expect(bulk.getByRole("button", { name: "Acknowledge selected" })).toBeInTheDocument();
    expect(bulk.queryByRole("button", { name: "Remediate selected…" })).not.toBeInTheDocument();
  });
});

describe("findings view", () => {
  it("keeps the default statuses out of the address and writes every status as any", () => {
    const view = readView(new URLSearchParams());
    expect(view.statuses).toEqual(["open", "acknowledged"]);
    expect(writeView(new URLSearchParams(), view).toString()).toBe("");
    const any = writeView(new URLSearchParams(), { ...view, statuses: [] });
    expect(any.toString()).toBe("status=any");
    expect(readView(any).statuses).toEqual([]);
    expect(readView(new URLSearchParams("status=resolved&severity=bogus&severity=high"))).toMatchObject({
      statuses: ["resolved"],
      severities: ["high"],
    });
  });
});
