import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { baselineProfile, baselineSnapshot, finding } from "../../test/baselineFixtures";
import { type BaselineState, baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "./TenantPage";

function renderDrift(state: BaselineState, tenantId = "t-contoso") {
  const commands = fakeCommands({
    ...fakeBaselines(state),
    // Runs started here stay queued: the test looks at what starting did.
    getRun: vi.fn(async ({ run_id }) => run({ id: run_id })),
  });
  const result = renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: `/tenants/${tenantId}?tab=drift` },
  );
  return { ...result, commands };
}

/** Contoso assigned to an active profile with a complete snapshot, compared yesterday, with drift. */
function ready(): BaselineState {
  return baselineState({
    profiles: [baselineProfile({ current_snapshot_id: "s-1" })],
    snapshots: [baselineSnapshot({ id: "s-1" })],
    assignments: { "t-contoso": "p-1", "t-fabrikam": "p-1" },
    lastCompares: {
      "t-contoso": run({
        id: "r-compare-9",
        type: "baseline_compare",
        status: "completed",
        outcome: "succeeded",
        completed_at: new Date(Date.now() - 86_400_000).toISOString(),
      }),
    },
    findings: [
      finding({ id: "f-1", display_name: "WIN - Defender" }),
      finding({ id: "f-2", display_name: "WIN - Edge", tenant_id: "t-fabrikam" }),
    ],
  });
}

describe("Drift tab", () => {
  it("explains a tenant without a baseline, with the step that fixes it", async () => {
    const { commands } = renderDrift(baselineState());
    const blocked = await screen.findByTestId("drift-blocked");
    expect(blocked).toHaveTextContent("No baseline assigned");
    expect(screen.getByTestId("drift-next-step")).toHaveTextContent(
      "Contoso Pharma is not assigned to a baseline profile. Assign the tenant to a baseline profile, then compare.",
    );
    expect(blocked).not.toHaveTextContent("baseline.compare");
    expect(within(blocked).getByRole("link", { name: "Go to baselines" })).toHaveAttribute("href", "/baselines");
    expect(screen.getByTestId("drift-profile")).toHaveTextContent("None assigned");
    expect(screen.getByTestId("drift-last-compare")).toHaveTextContent("Never compared");

    // Compare now says up front that it would be refused.
    const compare = screen.getByTestId("compare-now");
    expect(compare).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(compare);
    expect(commands.startBaselineCompare).not.toHaveBeenCalled();
    expect(await screen.findByTestId("findings-empty")).toHaveTextContent(
      "No open or acknowledged drift for Contoso Pharma",
    );
  });

  it("points a tenant whose profile cannot compare to that profile", async () => {
    renderDrift(baselineState({ profiles: [baselineProfile()], assignments: { "t-contoso": "p-1" } }));
    const blocked = await screen.findByTestId("drift-blocked");
    expect(blocked).toHaveTextContent("No complete baseline yet");
    expect(screen.getByTestId("drift-next-step")).toHaveTextContent(
      "Windows standard: Capture the profile's source tenant, then compare.",
    );
    expect(within(blocked).getByRole("link", { name: "Open Windows standard" })).toHaveAttribute(
      "href",
      "/baselines/p-1",
    );
  });

  it("shows the baseline and last compare, compares now with the intent toast, and lists only this tenant's findings", async () => {
    const { commands } = renderDrift(ready());
    expect(await screen.findByTestId("drift-profile")).toHaveAttribute("href", "/baselines/p-1");
    const last = screen.getByTestId("drift-last-compare");
    expect(last).toHaveTextContent("1 d ago");
    expect(last).toHaveTextContent("Succeeded");
    expect(within(last).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-compare-9");
    expect(screen.getByTestId("drift-ready")).toHaveTextContent("Compare the tenant to see its drift.");

    const rows = await screen.findAllByTestId("finding-row");
    expect(rows.map((row) => row.getAttribute("data-finding-id"))).toEqual(["f-1"]);
    expect(vi.mocked(commands.listFindings).mock.lastCall?.[0].filter.tenants).toEqual(["t-contoso"]);
    // Every row is this tenant's: no tenant column, no tenant filter.
    expect(screen.queryByTestId("finding-tenant")).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Tenant" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId("compare-now"));
    expect(commands.startBaselineCompare).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(toast).toHaveTextContent("Baseline compare of Contoso Pharma queued");
  });

  it("keeps the tenant out of the address while filtering", async () => {
    renderDrift(ready());
    await screen.findAllByTestId("finding-row");
    await userEvent.click(screen.getByRole("button", { name: "High: 1 finding" }));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "High: 1 finding" })).toHaveAttribute("aria-pressed", "true"),
    );
    expect(screen.getAllByTestId("finding-row")).toHaveLength(1);
    expect(screen.getByTestId("location-search")).toHaveTextContent(/^\?tab=drift&severity=high$/);
  });
});
