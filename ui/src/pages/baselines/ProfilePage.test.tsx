import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { Commands } from "../../bindings/commands";
import { baselineProfile, baselineSnapshot, snapshotItem } from "../../test/baselineFixtures";
import { type BaselineState, baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { ProfilePage } from "./ProfilePage";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function renderProfile(state: BaselineState, route = "/baselines/p-1", overrides: Partial<Commands> = {}) {
  const commands = fakeCommands({ ...fakeBaselines(state), ...overrides });
  const result = renderApp(
    <Routes>
      <Route path="/baselines/:profileId" element={<ProfilePage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
  return { ...result, commands };
}

/** Runs started here stay queued: the test looks at what starting did. */
function stayQueued(): Partial<Commands> {
  return { getRun: vi.fn(async ({ run_id }) => run({ id: run_id })) };
}

/** An active profile whose current snapshot is 3 days old and whose latest capture failed 10 minutes ago. */
function failedRecapture(): BaselineState {
  return baselineState({
    profiles: [baselineProfile({ current_snapshot_id: "s-1" })],
    snapshots: [
      baselineSnapshot({ id: "s-0", created_at: minutesAgo(10 * 24 * 60), completed_at: minutesAgo(10 * 24 * 60) }),
      baselineSnapshot({ id: "s-1", created_at: minutesAgo(3 * 24 * 60 + 2), completed_at: minutesAgo(3 * 24 * 60) }),
      baselineSnapshot({
        id: "s-2",
        state: "incomplete",
        producer_run_id: "r-capture-2",
        created_at: minutesAgo(12),
        failed_at: minutesAgo(10),
        ambiguous: [{ subject_key: "settings_catalog:edge", display_name: "Edge", count: 2 }],
      }),
    ],
    items: {
      "s-1": [
        snapshotItem(),
        snapshotItem({
          subject_key: "compliance_policy:ios",
          policy_type: "compliance_policy",
          display_name: "iOS compliance",
          platform: "ios",
          settings: null,
        }),
      ],
    },
    assignments: { "t-contoso": "p-1" },
  });
}

describe("ProfilePage", () => {
  it("tells the current snapshot apart from a failed latest attempt, with the next step", async () => {
    renderProfile(failedRecapture());
    const callout = await screen.findByTestId("readiness-callout");
    expect(callout).toHaveTextContent("Ready to compare");
    expect(screen.getByTestId("readiness-current")).toHaveTextContent("Current: complete, 3 d ago · 1,204 items");
    expect(screen.getByTestId("readiness-latest")).toHaveTextContent(
      "Latest attempt: incomplete, 10 min ago — Capture failed",
    );
    expect(screen.getByTestId("readiness-next")).toHaveTextContent(
      "Next step: Compare the assigned tenants against the current snapshot.",
    );
    expect(callout).not.toHaveTextContent("baseline.snapshot");
  });

  it("says why a profile without a complete snapshot cannot compare", async () => {
    renderProfile(baselineState({ profiles: [baselineProfile()] }));
    const callout = await screen.findByTestId("readiness-callout");
    expect(callout).toHaveAttribute("data-ready", "false");
    expect(callout).toHaveTextContent("No complete baseline yet");
    expect(screen.getByTestId("readiness-current")).toHaveTextContent("Current: no complete snapshot yet");
    expect(screen.queryByTestId("readiness-latest")).not.toBeInTheDocument();
    expect(screen.getByTestId("readiness-next")).toHaveTextContent(
      "Capture the profile's source tenant, then compare.",
    );
    expect(screen.getByTestId("snapshots-empty")).toBeInTheDocument();
  });

  it("lists snapshots with their lifecycle: current, superseded, incomplete with why, and the producing run", async () => {
    renderProfile(failedRecapture());
    const rows = await screen.findAllByTestId("snapshot-row");
    expect(rows.map((row) => row.getAttribute("data-snapshot-id"))).toEqual(["s-2", "s-1", "s-0"]);
    const [failed, current, older] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(failed).getByTestId("snapshot-lifecycle")).toHaveAttribute("data-lifecycle", "incomplete");
    expect(within(failed).getByTestId("snapshot-failure")).toHaveTextContent("Capture failed");
    expect(within(failed).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-capture-2");
    expect(within(current).getByTestId("snapshot-lifecycle")).toHaveAttribute("data-lifecycle", "complete");
    expect(within(current).getByTestId("snapshot-current")).toHaveTextContent("Current");
    expect(within(current).getByTestId("open-snapshot")).toHaveTextContent("1,204");
    expect(within(older).getByTestId("snapshot-lifecycle")).toHaveAttribute("data-lifecycle", "superseded");
    expect(older).toHaveTextContent("Superseded");
    expect(within(older).queryByTestId("snapshot-current")).not.toBeInTheDocument();
  });

  it("opens a snapshot's items and what it set aside", async () => {
    renderProfile(failedRecapture());
    await userEvent.click(
      within((await screen.findAllByTestId("snapshot-row"))[1] as HTMLElement).getByTestId("open-snapshot"),
    );
    const drawer = within(await screen.findByTestId("snapshot-detail"));
    const items = await drawer.findAllByTestId("snapshot-item");
    expect(items.map((item) => item.textContent)).toEqual([
      "iOS complianceCompliance policyiOS—",
      "WIN - DefenderSettings catalog policyWindows14",
    ]);
    expect(screen.getByTestId("location")).toHaveTextContent("/baselines/p-1");

    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    await userEvent.click((await screen.findAllByTestId("snapshot-row"))[0] as HTMLElement);
    const subjects = await screen.findByTestId("ambiguous-subjects");
    expect(subjects).toHaveTextContent("Names must be unique to compare");
    expect(within(subjects).getByTestId("ambiguous-subject")).toHaveTextContent(
      "2 policies named “Edge” (Settings catalog policy)",
    );
    expect(screen.getByTestId("snapshot-drawer-failure")).toHaveTextContent("Incomplete: Capture failed");
  });

  it("says which snapshots were made from an imported backup, with the rule that decided each", async () => {
    renderProfile(
      baselineState({
        profiles: [baselineProfile({ current_snapshot_id: "s-imported" })],
        snapshots: [
          baselineSnapshot({
            id: "s-unproven",
            state: "incomplete",
            producer_run_id: null,
            proof_rule: "no_proof",
            failure_reason: "baseline.snapshot.imported_without_proof",
            created_at: minutesAgo(5),
            failed_at: minutesAgo(5),
          }),
          baselineSnapshot({
            id: "s-imported",
            producer_run_id: null,
            proof_rule: "exact_count",
            proof: { expected_items: 12, persisted_items: 12, was_empty_capture: false },
            created_at: minutesAgo(60),
            completed_at: minutesAgo(60),
          }),
          baselineSnapshot({ id: "s-captured", created_at: minutesAgo(600), completed_at: minutesAgo(600) }),
        ],
      }),
    );
    const [unproven, imported, captured] = (await screen.findAllByTestId("snapshot-row")) as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(within(imported).getByTestId("snapshot-imported")).toHaveTextContent(
      "Made from an imported backupExact count proof",
    );
    expect(within(imported).getByTestId("snapshot-current")).toBeInTheDocument();
    // An incomplete one keeps its reason.
    expect(within(unproven).getByTestId("snapshot-imported")).toHaveAttribute("data-rule", "no_proof");
    expect(within(unproven).getByTestId("snapshot-imported")).toHaveTextContent("No proof: recapture before compare");
    expect(within(unproven).getByTestId("snapshot-failure")).toHaveTextContent("Imported without proof");
    expect(within(captured).queryByTestId("snapshot-imported")).not.toBeInTheDocument();
    expect(screen.getByTestId("readiness-current")).toHaveTextContent(
      "· 12 items · made from an imported backup (exact count proof)",
    );
    expect(screen.getByTestId("readiness-latest")).toHaveTextContent(
      "— Imported without proof · made from an imported backup (no proof: recapture before compare)",
    );

    await userEvent.click(unproven);
    const drawer = within(await screen.findByTestId("snapshot-detail"));
    expect(drawer.getByTestId("snapshot-imported")).toHaveTextContent(
      "Made from an imported backupNo proof: recapture before compare",
    );
    expect(drawer.getByTestId("snapshot-drawer-failure")).toHaveTextContent("Incomplete: Imported without proof");
    expect(drawer.queryByRole("link", { name: "View capture run" })).not.toBeInTheDocument();
  });

  it("asks before archiving, saying what archiving means, and archives only when confirmed", async () => {
    const state = failedRecapture();
    const { commands } = renderProfile(state);
    await userEvent.click(await screen.findByRole("button", { name: "More profile actions" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Archive…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Archive Windows standard?" }));
    expect(dialog.getByText(/will no longer capture or compare/)).toBeInTheDocument();
    expect(dialog.getByText(/snapshots, findings and history are kept/)).toBeInTheDocument();
    expect(dialog.getByText(/The tenant assigned to it can no longer be compared/)).toBeInTheDocument();

    await userEvent.click(dialog.getByRole("button", { name: "Cancel" }));
    expect(commands.setBaselineProfileStatus).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "More profile actions" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Archive…" }));
    await userEvent.click(await screen.findByRole("button", { name: "Archive Windows standard" }));
    expect(commands.setBaselineProfileStatus).toHaveBeenCalledWith({ profile_id: "p-1", status: "archived" });
    expect(await screen.findByText("Profile archived")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("profile-name").nextSibling).toHaveTextContent("Archived"));
    // Archived profiles are kept as they were: no more edits or captures.
    expect(screen.queryByTestId("edit-profile")).not.toBeInTheDocument();
    expect(screen.getByTestId("capture-now")).toHaveAttribute("aria-disabled", "true");
  });

  it("activates a draft and only then captures, with the intent toast", async () => {
    const state = baselineState({ profiles: [baselineProfile({ status: "draft" })] });
    const { commands } = renderProfile(state, undefined, stayQueued());
    const capture = await screen.findByTestId("capture-now");
    expect(capture).toHaveAttribute("aria-disabled", "true");
    expect(capture).toHaveAttribute("aria-description", "Activate the profile to capture.");
    await userEvent.click(capture);
    expect(commands.startBaselineCapture).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId("activate-profile"));
    await waitFor(() => expect(screen.getByTestId("capture-now")).not.toHaveAttribute("aria-disabled"));
    expect(state.profiles[0]?.status).toBe("active");
    await userEvent.click(screen.getByTestId("capture-now"));
    expect(commands.startBaselineCapture).toHaveBeenCalledWith({ profile_id: "p-1" });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(toast).toHaveTextContent("Capture of Windows standard queued");
  });

  it("compares every assigned tenant with one summary toast", async () => {
    const state = failedRecapture();
    state.assignments["t-fabrikam"] = "p-1";
    const { commands } = renderProfile(state, undefined, stayQueued());
    await userEvent.click(await screen.findByTestId("compare-all"));
    expect(commands.compareAllAssigned).toHaveBeenCalledWith({ profile_id: "p-1" });
    expect(await screen.findByTestId("compare-all-toast")).toHaveTextContent(
      "2 compares queued, 0 already in progress, 0 skipped",
    );
  });

  it("assigns and unassigns tenants, showing a conflict in the backend's words", async () => {
    const state = failedRecapture();
    state.profiles.push(baselineProfile({ id: "p-2", name: "Compliance core" }));
    state.assignments["t-fabrikam"] = "p-2";
    const { commands } = renderProfile(state);
    const section = within(await screen.findByTestId("assignments"));
    await section.findByRole("link", { name: "Contoso Pharma" });
    const assigned = section.getAllByTestId("assigned-tenant");
    expect(assigned.map((row) => row.textContent)).toEqual(["Contoso PharmaActiveUnassign"]);
    expect(within(assigned[0] as HTMLElement).getByRole("link", { name: "Contoso Pharma" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso?tab=drift",
    );

    await userEvent.click(screen.getByRole("combobox", { name: "Assign tenant" }));
    // Archived tenants cannot be assigned; the assigned one is not offered again.
    expect(screen.queryByRole("option", { name: "Adatum Legal" })).not.toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Contoso Pharma" })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("option", { name: "Fabrikam Logistics" }));
    await userEvent.click(screen.getByTestId("assign-submit"));
    expect(await screen.findByTestId("assign-error")).toHaveTextContent(
      "Fabrikam Logistics is already assigned to Compliance core; unassign it there first.",
    );

    await userEvent.click(screen.getByRole("button", { name: "Unassign Contoso Pharma" }));
    expect(commands.unassignBaseline).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    expect(await screen.findByTestId("assignments-empty")).toBeInTheDocument();
  });

  it("edits the profile's severity rules", async () => {
    const state = failedRecapture();
    const { commands } = renderProfile(state);
    await userEvent.click(await screen.findByTestId("edit-profile"));
    const dialog = within(await screen.findByRole("dialog", { name: "Edit Windows standard" }));
    expect(dialog.getByTestId("no-severity-rules")).toBeInTheDocument();
    await userEvent.click(dialog.getByTestId("add-severity-rule"));
    await userEvent.click(dialog.getByRole("combobox", { name: "Rule 1 kind" }));
    await userEvent.click(await screen.findByRole("option", { name: "Missing" }));
    await userEvent.click(dialog.getByRole("combobox", { name: "Rule 1 severity" }));
    await userEvent.click(await screen.findByRole("option", { name: "Critical" }));
    await userEvent.click(dialog.getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(commands.updateBaselineProfile).toHaveBeenCalledWith(
        expect.objectContaining({ profile_id: "p-1", severity_rules: [{ kind: "missing", severity: "critical" }] }),
      ),
    );
    expect(await screen.findByText("Changes saved")).toBeInTheDocument();
    expect(state.profiles[0]?.severity_rules).toEqual([{ kind: "missing", severity: "critical" }]);
  });

  it("explains a profile that cannot be loaded", async () => {
    renderProfile(baselineState(), "/baselines/p-gone");
    expect(await screen.findByTestId("error-state")).toHaveTextContent("Baseline profile was not found.");
  });
});
