import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { baselineProfile, baselineSnapshot, finding } from "../../test/baselineFixtures";
import { baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { BaselinesPage } from "./BaselinesPage";
import { ProfilePage } from "./ProfilePage";

function renderBaselines(commands = fakeCommands(), workspace = workspaceSummary()) {
  return renderApp(
    <Routes>
      <Route path="/baselines" element={<BaselinesPage />} />
      <Route path="/baselines/:profileId" element={<ProfilePage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route: "/baselines" },
  );
}

describe("BaselinesPage", () => {
  it("explains what a baseline is when there is none, with the one next step", async () => {
    renderBaselines();
    const empty = await screen.findByTestId("profiles-empty");
    expect(empty).toHaveTextContent("No baseline profiles yet");
    expect(empty).toHaveTextContent("A baseline is what good looks like");
    expect(within(empty).getByRole("button", { name: "New baseline profile" })).toBeInTheDocument();
  });

  it("offers no creation to members who may only view baselines", async () => {
    const viewer = workspaceSummary(
      {},
      { role: "readonly", capabilities: ["tenant.view", "workspace.baselines.view"] },
    );
    renderBaselines(fakeCommands(), viewer);
    const empty = await screen.findByTestId("profiles-empty");
    expect(empty).toHaveTextContent("A workspace manager can create the first profile.");
    expect(screen.queryByRole("button", { name: "New baseline profile" })).not.toBeInTheDocument();
  });

  it("creates a draft profile from the empty state and opens it", async () => {
    const state = baselineState();
    const commands = fakeCommands(fakeBaselines(state));
    renderBaselines(commands);
    await userEvent.click(await screen.findByRole("button", { name: "New baseline profile" }));
    const dialog = within(await screen.findByRole("dialog", { name: "New baseline profile" }));

    // Each mode says what it records.
    expect(dialog.getByText(/drift shows setting-by-setting evidence/)).toBeInTheDocument();
    await userEvent.click(dialog.getByText("Metadata"));
    expect(dialog.getByText(/drift shows that a policy differs, not which settings/)).toBeInTheDocument();

    // The name is required before anything is sent.
    await userEvent.click(dialog.getByRole("button", { name: "Create profile" }));
    expect(dialog.getByText("Enter a name for the profile.")).toBeInTheDocument();
    expect(commands.createBaselineProfile).not.toHaveBeenCalled();

    await userEvent.type(dialog.getByRole("textbox", { name: /Name/ }), "  Windows standard ");
    await userEvent.click(dialog.getByRole("combobox", { name: "Scope" }));
    await userEvent.click(await screen.findByRole("option", { name: "Compliance policy" }));
    await userEvent.click(dialog.getByRole("combobox", { name: "Source tenant" }));
    // Archived tenants are no source.
    expect(screen.queryByRole("option", { name: /Adatum Legal/ })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("option", { name: "Contoso Pharma" }));
    await userEvent.click(dialog.getByRole("button", { name: "Create profile" }));

    await waitFor(() =>
      expect(commands.createBaselineProfile).toHaveBeenCalledWith({
        workspace_id: "w1",
        name: "Windows standard",
        description: "",
        capture_mode: "meta",
        scope: ["compliance_policy"],
        source_tenant_id: "t-contoso",
      }),
    );
    expect(await screen.findByTestId("profile-page")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(`/baselines/${state.profiles[0]?.id}`);
    expect(screen.getByTestId("profile-name")).toHaveTextContent("Windows standard");
  });

  it("shows the backend's refusal inside the form, keeping what was typed", async () => {
    const state = baselineState({ profiles: [baselineProfile({ name: "Windows standard" })] });
    const commands = fakeCommands(fakeBaselines(state));
    renderBaselines(commands);
    await userEvent.click(await screen.findByRole("button", { name: "New baseline profile" }));
    const dialog = within(await screen.findByRole("dialog", { name: "New baseline profile" }));
    await userEvent.type(dialog.getByRole("textbox", { name: /Name/ }), "Windows standard");
    await userEvent.click(dialog.getByRole("button", { name: "Create profile" }));

    const error = await dialog.findByTestId("profile-form-error");
    expect(error).toHaveTextContent("The profile was not created");
    expect(error).toHaveTextContent("A baseline profile named Windows standard already exists.");
    expect(dialog.getByRole("textbox", { name: /Name/ })).toHaveValue("Windows standard");
    expect(state.profiles).toHaveLength(1);
  });

  it("lists profiles with status, scope, snapshot age, assignments, open findings and readiness", async () => {
    const current = baselineSnapshot({ id: "s-1", completed_at: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const state = baselineState({
      profiles: [
        baselineProfile({ id: "p-1", current_snapshot_id: "s-1", scope: [] }),
        baselineProfile({
          id: "p-2",
          name: "Compliance core",
          status: "draft",
          capture_mode: "meta",
          scope: ["compliance_policy", "device_configuration", "settings_catalog"],
          source_tenant_id: null,
        }),
      ],
      snapshots: [current],
      assignments: { "t-contoso": "p-1", "t-fabrikam": "p-1" },
      findings: [finding({ id: "f-1" }), finding({ id: "f-2", status: "acknowledged" })],
    });
    renderBaselines(fakeCommands(fakeBaselines(state)));

    const rows = await screen.findAllByTestId("profile-row");
    expect(rows.map((row) => row.getAttribute("data-profile-id"))).toEqual(["p-2", "p-1"]);
    const [draft, active] = rows as [HTMLElement, HTMLElement];

    expect(active).toHaveTextContent("Windows standard");
    expect(active).toHaveTextContent("Active");
    expect(active).toHaveTextContent("Full content");
    expect(active).toHaveTextContent("Contoso Pharma");
    expect(within(active).getByTestId("profile-scope")).toHaveTextContent("All policy types");
    expect(within(active).getByTestId("profile-current")).toHaveTextContent("3 d ago");
    expect(within(active).getByTestId("profile-assigned")).toHaveTextContent("2");
    expect(within(active).getByTestId("profile-open-findings")).toHaveTextContent("1");
    expect(within(active).getByTestId("readiness")).toHaveTextContent("Ready to compare");

    expect(draft).toHaveTextContent("Draft");
    expect(draft).toHaveTextContent("Metadata");
    expect(draft).toHaveTextContent("Not chosen");
    expect(within(draft).getByTestId("profile-scope")).toHaveTextContent("3 policy types");
    expect(within(draft).getByTestId("profile-current")).toHaveTextContent("No snapshot yet");
    const readiness = within(draft).getByTestId("readiness");
    // The reason's words, never its code.
    expect(readiness).toHaveTextContent("Baseline not active for compare");
    expect(readiness).toHaveTextContent("Activate the profile, or assign the tenant to an active one.");
    expect(readiness).not.toHaveTextContent("baseline.compare");

    await userEvent.click(draft);
    expect(screen.getByTestId("location")).toHaveTextContent("/baselines/p-2");
  });

  it("says a first capture is under way instead of asking for one", async () => {
    const state = baselineState({
      profiles: [baselineProfile({ id: "p-1", current_snapshot_id: null })],
      snapshots: [
        baselineSnapshot({ id: "s-1", profile_id: "p-1", state: "building", proof: null, completed_at: null }),
      ],
    });
    renderBaselines(fakeCommands(fakeBaselines(state)));
    const readiness = await screen.findByTestId("readiness");
    expect(readiness).toHaveTextContent("Building");
    expect(readiness).toHaveTextContent("The first capture is under way");
    expect(readiness).not.toHaveTextContent("Capture the profile's source tenant");
  });

  it("explains a list that cannot be loaded", async () => {
    const commands = fakeCommands({
      listBaselineProfiles: vi.fn(async () => {
        throw { code: "forbidden", message: "You may not view baselines in this workspace." };
      }),
    });
    renderBaselines(commands);
    expect(await screen.findByTestId("error-state")).toHaveTextContent("You may not view baselines in this workspace.");
  });
});
