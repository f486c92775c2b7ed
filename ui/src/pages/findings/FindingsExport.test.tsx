import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { exportDate } from "../../components/export";
import { baselineProfile, finding } from "../../test/baselineFixtures";
import { baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { FindingsPage } from "./FindingsPage";

const state = () =>
  baselineState({
    profiles: [baselineProfile()],
    assignments: { "t-contoso": "p-1", "t-fabrikam": "p-1" },
    findings: [
      finding({ id: "f-crit", display_name: "WIN - BitLocker", severity: "critical", kind: "missing" }),
      finding({ id: "f-high", display_name: "WIN - Defender", severity: "high", tenant_id: "t-fabrikam" }),
      finding({ id: "f-resolved", display_name: "WIN - Firewall", status: "resolved" }),
    ],
  });

function renderFindings(route = "/findings") {
  const commands = fakeCommands(fakeBaselines(state()));
  renderApp(
    <Routes>
      <Route path="/findings" element={<FindingsPage />} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
  return commands;
}

const sent = (commands: ReturnType<typeof fakeCommands>) => vi.mocked(commands.exportTable).mock.calls[0]?.[0];

describe("Findings export", () => {
  it("writes the findings the filters match, most severe first, in the vocabulary's words", async () => {
    const commands = renderFindings();
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("button", { name: "Export findings" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "CSV" }));
    await screen.findByTestId("export-saved");

    expect(sent(commands)?.name).toBe("findings");
    expect(sent(commands)?.columns).toEqual([
      "Severity",
      "Policy",
      "Kind",
      "Status",
      "Type",
      "Tenant",
      "Last seen",
      "First seen",
    ]);
    const seen = [exportDate("2026-11-22T09:00:00.000Z"), exportDate("2026-11-20T10:00:00.000Z")];
    // The resolved one is outside the default filter.
    expect(sent(commands)?.rows).toEqual([
      ["Critical", "WIN - BitLocker", "Missing", "Open", "Settings catalog policy", "Contoso Pharma", ...seen],
      ["High", "WIN - Defender", "Drifted", "Open", "Settings catalog policy", "Fabrikam Logistics", ...seen],
    ]);
  });

  it("exports only the selected findings when some are selected", async () => {
    const commands = renderFindings();
    const rows = await screen.findAllByTestId("finding-row");
    await userEvent.click(within(rows[1] as HTMLElement).getByRole("checkbox"));
    await userEvent.click(screen.getByRole("button", { name: "Export findings" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Export selected as JSON" }));
    await screen.findByTestId("export-saved");
    expect(sent(commands)?.format).toBe("json");
    expect(sent(commands)?.rows.map((row) => row[1])).toEqual(["WIN - Defender"]);
  });
});
