import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Commands } from "../../bindings/commands";
import type { EvidenceSnapshot, WorkspaceSummary } from "../../bindings/types";
import { PageRoutes } from "../../routes/PageRoutes";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeReviews, finishEvidence, type ReviewState, reviewState } from "../../test/fakeReviews";
import { rbacReport, run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { evidenceContent, evidenceSnapshot, tenantReview } from "../../test/reviewFixtures";
import { CustomerReviewPage } from "./CustomerReviewPage";

/** The fake backend's clock (`fakeReviews`): relative times and the readiness gate read from it. */
const NOW = new Date("2026-11-22T10:00:00.000Z");
const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** The runs started here stay queued: their intent toasts are not replaced by how they ended. */
const pendingRun = () => vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id }));

type PageOptions = { workspace?: WorkspaceSummary; route?: string; overrides?: Partial<Commands> };

function renderPage(
  state: ReviewState,
  { workspace = workspaceSummary(), route = "/tenants/t-contoso/review", overrides = {} }: PageOptions = {},
) {
  const commands = fakeCommands({ ...fakeReviews(state), getRun: pendingRun(), ...overrides });
  const result = renderApp(
    <Routes>
      <Route path="/tenants/:tenantId/review" element={<CustomerReviewPage />} />
      <Route path="/tenants/:tenantId" element={<p data-testid="tenant-page-stub" />} />
      <Route path="/runs/:runId" element={<p data-testid="run-page-stub" />} />
    </Routes>,
    { commands, workspace, route },
  );
  return { ...result, commands };
}

/** Three snapshots, newest first: one being taken, one that failed, one complete (ev-1). */
function threeSnapshots(): EvidenceSnapshot[] {
  return [
    evidenceSnapshot({ id: "ev-3", state: "building", run_id: "r-evidence-3", created_at: "2026-11-22T09:50:00.000Z" }),
    evidenceSnapshot({
      id: "ev-2",
      state: "incomplete",
      run_id: "r-evidence-2",
      created_at: "2026-11-22T09:40:00.000Z",
      completed_at: "2026-11-22T09:41:00.000Z",
    }),
    evidenceSnapshot({ content_hash: HASH }),
  ];
}

const rows = () => screen.getAllByTestId("snapshot-row");
const content = () => screen.getByTestId("snapshot-content");
const table = () => screen.getByRole("grid", { name: "Evidence snapshots" });
const part = (testId: string) => within(screen.getByTestId(testId));
/** A table row's cells, as text. */
const cellTexts = (row: HTMLElement) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent);
const freshness = (name: string) => screen.getByTestId(name).querySelector('[data-testid="part-freshness"]');

describe("The customer review page", () => {
  beforeEach(() => {
    // Only the clock is fixed; timers run, so the page and user events behave as in the app.
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is reached at /tenants/:tenantId/review, with the tenant's name linking back to it", async () => {
    renderApp(<PageRoutes />, {
      commands: fakeCommands(fakeReviews(reviewState())),
      workspace: workspaceSummary(),
      route: "/tenants/t-contoso/review",
    });
    expect(await screen.findByTestId("customer-review-page")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Customer review" })).toBeInTheDocument();
    const back = screen.getByTestId("review-tenant-link");
    expect(back).toHaveTextContent("Contoso Pharma");
    expect(back).toHaveAttribute("href", "/tenants/t-contoso?tab=details");
  });

  it("lists every snapshot newest first and opens on the newest complete one", async () => {
    renderPage(reviewState({ snapshots: threeSnapshots() }));
    await screen.findByTestId("snapshot-table");
    expect(rows().map((row) => row.getAttribute("data-snapshot-id"))).toEqual(["ev-3", "ev-2", "ev-1"]);
    const [building, incomplete, complete] = rows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(building).toHaveTextContent("Building");
    expect(incomplete).toHaveTextContent("Incomplete");
    expect(complete).toHaveTextContent(/30 min ago\s*Complete/);
    // The hash in short form, the whole one on hover; snapshots without content have none.
    expect(within(complete).getByTestId("snapshot-hash")).toHaveTextContent(/^9f86d081884c$/);
    expect(within(complete).getByTestId("snapshot-hash")).toHaveAttribute("title", HASH);
    expect(within(building).queryByTestId("snapshot-hash")).not.toBeInTheDocument();
    expect(within(complete).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-evidence-1");

    expect(complete).toHaveAttribute("aria-selected", "true");
    expect(building).toHaveAttribute("aria-selected", "false");
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-1");
  });

  it("shows the selected snapshot's frozen content in full, with the freshness of each part", async () => {
    const frozen = evidenceContent({
      rbac: { report_id: "rep-1", produced_at: "2026-11-21T10:00:00.000Z", report: rbacReport.report },
      role_holders: [
        {
          role: "Global Administrator",
          principal_id: "p-1",
          principal_name: "Ada Admin",
          principal_type: "user",
          scope: "/",
        },
        {
          role: "Helpdesk Operators (custom)",
          principal_id: "p-9",
          principal_name: null,
          principal_type: null,
          scope: "/administrativeUnits/au-1",
        },
      ],
      operations: {
        total: 27,
        succeeded: 24,
        partially_succeeded: 1,
        failed: 2,
        blocked: 0,
        still_active: 0,
        recent_failures: [
          {
            run_id: "r-failed-1",
            operation: "inventory_sync",
            completed_at: "2026-11-21T10:00:00.000Z",
            reason: "run.stale_running",
          },
        ],
      },
      freshness: {
        inventory: "2026-11-22T09:00:00.000Z",
        policies: "2026-11-22T07:00:00.000Z",
        directory_roles: null,
        groups: null,
        drift: "2026-11-22T09:10:00.000Z",
        rbac_report: "2026-11-21T10:00:00.000Z",
      },
    });
    renderPage(reviewState({ snapshots: [evidenceSnapshot({ content: frozen, content_hash: HASH })] }));
    await screen.findByTestId("snapshot-content");
    expect(within(content()).getByText(HASH)).toBeInTheDocument();

    const inventory = part("evidence-inventory");
    // Types are named as the catalog names them, once it has arrived.
    await waitFor(() =>
      expect(inventory.getAllByTestId("inventory-type").map(cellTexts)).toEqual([
        ["Settings catalog policy", "640"],
        ["Device configuration", "564"],
      ]),
    );
    expect(inventory.getByTestId("inventory-total")).toHaveTextContent("1,204");
    expect(freshness("evidence-inventory")).toHaveTextContent("Synced 1 h ago");

    const findings = part("evidence-findings-part");
    expect(findings.getByTestId("findings-total")).toHaveTextContent("6 open");
    expect(
      findings.getAllByTestId("findings-severity").map((s) => [s.getAttribute("data-severity"), s.textContent]),
    ).toEqual([
      ["critical", "Critical1"],
      ["high", "High2"],
      ["medium", "Medium3"],
    ]);
    expect(findings.getByTestId("long-open-findings")).toHaveTextContent(
      "1 high or critical finding had been open for more than 14 days.",
    );
    expect(freshness("evidence-findings-part")).toHaveTextContent("Compared with the baseline 50 min ago");

    const rbac = part("evidence-rbac");
    expect(rbac.getByTestId("rbac-global-admins")).toHaveTextContent("2");
    expect(rbac.getByTestId("rbac-assignments")).toHaveTextContent("3");
    expect(rbac.getByText("A service principal holds Global Administrator")).toBeInTheDocument();
    expect(freshness("evidence-rbac")).toHaveTextContent("Produced 1 d ago");

    const holders = part("evidence-role-holders");
    expect(holders.getAllByTestId("role-holder").map(cellTexts)).toEqual([
      ["Global Administrator", "Ada Admin", "User", "Whole directory"],
      ["Helpdesk Operators (custom)", "p-9", "Unknown kind", "Administrative unit au-1"],
    ]);
    // Never synced is said as such, never as a time.
    expect(freshness("evidence-role-holders")).toHaveTextContent(/^Never synced$/);
    expect(freshness("evidence-role-holders")).toHaveAttribute("data-state", "never");

    const operations = part("evidence-operations");
    expect(operations.getByTestId("operation-counts")).toHaveTextContent(
      "Runs27Succeeded24Partially succeeded1Failed2Blocked0Still active0",
    );
    const failure = operations.getByTestId("recent-failure");
    expect(failure).toHaveTextContent(/Inventory sync\s*1 d ago\s*Stopped responding\s*View run/);
    expect(within(failure).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-failed-1");

    // Parts without facts of their own still say how fresh they were.
    const others = screen.getByTestId("other-freshness");
    expect(others).toHaveTextContent("PoliciesSynced 3 h ago");
    expect(others).toHaveTextContent("GroupsNever synced");
    expect(others).not.toHaveTextContent("Inventory");
  });

  it("says so where a part has no data, and never makes up a freshness the snapshot did not record", async () => {
    const empty = evidenceContent({
      inventory: [],
      open_findings: {},
      long_open_severe_findings: 0,
      rbac: null,
      role_holders: [],
      operations: {
        total: 0,
        succeeded: 0,
        partially_succeeded: 0,
        failed: 0,
        blocked: 0,
        still_active: 0,
        recent_failures: [],
      },
      freshness: { drift: null },
    });
    renderPage(reviewState({ snapshots: [evidenceSnapshot({ content: empty })] }));
    await screen.findByTestId("snapshot-content");
    expect(part("evidence-inventory").getByTestId("part-empty")).toHaveTextContent(
      "No configuration object was inventoried.",
    );
    expect(freshness("evidence-inventory")).toHaveAttribute("data-state", "not_recorded");
    expect(freshness("evidence-inventory")).toHaveTextContent("When its data was last updated was not recorded");
    expect(freshness("evidence-inventory")).not.toHaveTextContent(/ago|Synced/);
    expect(part("evidence-findings-part").getByTestId("part-empty")).toHaveTextContent("No drift finding was open.");
    expect(freshness("evidence-findings-part")).toHaveTextContent("Never compared with a baseline");
    expect(part("evidence-rbac").getByTestId("part-empty")).toHaveTextContent("No RBAC report had been produced");
    expect(part("evidence-role-holders").getByTestId("part-empty")).toHaveTextContent(
      "No directory role holder was recorded.",
    );
    expect(part("evidence-operations").getByTestId("part-empty")).toHaveTextContent(
      "No operation ran in the 30 days before the capture.",
    );
    expect(screen.queryByTestId("other-freshness")).not.toBeInTheDocument();
  });

  it("moves through the snapshots with the arrow keys and shows one on Enter or a click", async () => {
    renderPage(reviewState({ snapshots: threeSnapshots() }));
    await screen.findByTestId("snapshot-table");
    act(() => table().focus());
    expect(table()).toHaveFocus();
    const active = () => screen.getAllByTestId("snapshot-row").find((row) => row.hasAttribute("data-active"));
    expect(active()).toHaveAttribute("data-snapshot-id", "ev-1");
    expect(table()).toHaveAttribute("aria-activedescendant", active()?.id);

    // Arrows move the highlight only; what is shown stays until Enter.
    await userEvent.keyboard("{ArrowUp}");
    expect(active()).toHaveAttribute("data-snapshot-id", "ev-2");
    expect(table()).toHaveAttribute("aria-activedescendant", active()?.id);
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-1");
    await userEvent.keyboard("{Enter}");
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-2");
    expect(rows()[1]).toHaveAttribute("aria-selected", "true");
    expect(rows()[2]).toHaveAttribute("aria-selected", "false");
    // The address names the snapshot shown, so a link can open it.
    expect(screen.getByTestId("location-search")).toHaveTextContent("?snapshot=ev-2");

    await userEvent.keyboard("{Home}");
    expect(active()).toHaveAttribute("data-snapshot-id", "ev-3");
    await userEvent.keyboard("{ArrowUp}");
    expect(active()).toHaveAttribute("data-snapshot-id", "ev-3");
    await userEvent.keyboard("{End}{Enter}");
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-1");

    await userEvent.click(within(rows()[0] as HTMLElement).getByText("Building"));
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-3");
    expect(active()).toHaveAttribute("data-snapshot-id", "ev-3");
    expect(screen.getByTestId("snapshot-building")).toHaveTextContent("Being taken.");
  });

  it("says why an incomplete snapshot holds nothing, in words, with its run", async () => {
    renderPage(reviewState({ snapshots: threeSnapshots() }), { route: "/tenants/t-contoso/review?snapshot=ev-2" });
    const failed = (await screen.findAllByTestId("snapshot-row"))[1] as HTMLElement;
    expect(within(failed).getByTestId("snapshot-failure")).toHaveTextContent("Evidence capture ended unfinished");
    expect(within(rows()[2] as HTMLElement).queryByTestId("snapshot-failure")).not.toBeInTheDocument();

    // Opened by its address: the incomplete one is shown, not the newest complete one.
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-2");
    const why = screen.getByTestId("snapshot-incomplete");
    expect(why).toHaveTextContent("Evidence capture ended unfinished");
    expect(why).toHaveTextContent("An incomplete snapshot holds no evidence");
    expect(content()).not.toHaveTextContent("evidence.snapshot.producer_ended");
    expect(within(content()).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-evidence-2");
    expect(screen.queryByTestId("evidence-inventory")).not.toBeInTheDocument();
  });

  it("shows the newest review in full and links to the snapshot it came from", async () => {
    const older = evidenceSnapshot();
    const newer = evidenceSnapshot({
      id: "ev-2",
      run_id: "r-evidence-2",
      created_at: "2026-11-22T09:49:00.000Z",
      completed_at: "2026-11-22T09:50:00.000Z",
      content: evidenceContent({ captured_at: "2026-11-22T09:50:00.000Z" }),
    });
    renderPage(reviewState({ snapshots: [older, newer], reviews: [tenantReview({ note: "First draft" })] }));
    const review = within(await screen.findByTestId("newest-review"));
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-2");

    expect(
      review
        .getAllByTestId("review-section")
        .map((s) => [
          s.getAttribute("data-key"),
          within(s).getByText(/^(Good|Critical|Needs attention|No data)$/).textContent,
        ]),
    ).toEqual([
      ["configuration", "Good"],
      ["drift", "Critical"],
      ["privileged_access", "Needs attention"],
      ["operations", "No data"],
    ]);
    const drift = review.getAllByTestId("review-section")[1] as HTMLElement;
    expect(Array.from(drift.querySelectorAll("dt, dd"), (cell) => cell.textContent)).toEqual([
      "Open findings",
      "6",
      "Severe, open > 14 days",
      "1",
    ]);
    expect(review.getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "1,204 configuration objects are inventoried",
      "1 critical drift has been open for 21 days",
      expect.stringMatching(/^Critical\s*Restore the critical setting/),
      expect.stringMatching(/^Needs attention\s*Name an owner/),
    ]);
    expect(review.getByRole("textbox", { name: /Note for the customer/ })).toHaveValue("First draft");

    const source = review.getByTestId("review-source-link");
    expect(source).toHaveTextContent("evidence snapshot captured 30 min ago");
    await userEvent.click(source);
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-1");
    expect(rows()[1]).toHaveAttribute("aria-selected", "true");
  });

  it("saves the operator's note from the page", async () => {
    const state = reviewState({ snapshots: [evidenceSnapshot()], reviews: [tenantReview({ note: "First draft" })] });
    const { commands } = renderPage(state);
    const note = await screen.findByRole("textbox", { name: /Note for the customer/ });
    await userEvent.clear(note);
    await userEvent.type(note, "Agreed on Friday.");
    await userEvent.click(screen.getByRole("button", { name: "Save note" }));
    expect(commands.updateReviewNote).toHaveBeenCalledWith({ review_id: "rev-1", note: "Agreed on Friday." });
    await waitFor(() => expect(screen.getByRole("button", { name: "Save note" })).toBeDisabled());
    expect(state.reviews[0]?.note).toBe("Agreed on Friday.");
  });

  it("without snapshots explains what one is, generates one with its toast and lists it at once", async () => {
    const state = reviewState();
    const { commands, platform } = renderPage(state);
    const empty = await screen.findByTestId("snapshots-empty");
    expect(empty).toHaveTextContent("No evidence snapshot yet");
    expect(empty).toHaveTextContent(
      "An evidence snapshot freezes Contoso Pharma's evidence at one moment: configuration objects by type, open drift findings by severity",
    );
    expect(screen.queryByTestId("snapshot-table")).not.toBeInTheDocument();
    expect(screen.getByTestId("review-gate")).toHaveAttribute("data-reason", "review.no_evidence");
    expect(screen.getByTestId("review-next-step")).toHaveTextContent(
      "Next step: Generate an evidence snapshot, then compose the review.",
    );
    expect(screen.getByTestId("review-none")).toHaveTextContent(
      "No review yet. A review sums up Contoso Pharma's configuration",
    );
    expect(screen.getByTestId("review-none")).toHaveTextContent("Composing one needs a completed inventory sync");
    // The one next step is in the empty state; the header has nothing to compose from yet.
    expect(screen.getAllByRole("button", { name: "Generate evidence snapshot" })).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Compose review" })).not.toBeInTheDocument();

    await userEvent.click(within(empty).getByRole("button", { name: "Generate evidence snapshot" }));
    expect(commands.generateEvidenceSnapshot).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveTextContent("Evidence snapshot of Contoso Pharma queued");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveAttribute("data-state", "building");

    // Its run completes: the run event refreshes the page, which opens on the new snapshot.
    finishEvidence(state, "ev-new-1", "complete");
    platform.emitRuns([
      "completed",
      run({
        id: "r-evidence-new-1",
        type: "tenant.evidence.snapshot.generate",
        status: "completed",
        outcome: "succeeded",
      }),
    ]);
    await waitFor(() => expect(rows()[0]).toHaveAttribute("data-state", "complete"));
    expect(content()).toHaveAttribute("data-snapshot-id", "ev-new-1");
    expect(screen.getByTestId("review-gate")).toHaveAttribute("data-state", "ready");
    expect(screen.getByRole("button", { name: "Compose review" })).toBeEnabled();
  });

  it("without a synced inventory offers the inventory sync instead of a snapshot", async () => {
    renderPage(reviewState({ unsynced: ["t-contoso"] }));
    const empty = await screen.findByTestId("snapshots-empty");
    expect(empty).toHaveTextContent("It needs a completed inventory sync first.");
    expect(within(empty).getByRole("button", { name: "Sync inventory" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Generate evidence snapshot" })).not.toBeInTheDocument();
    expect(screen.getByTestId("review-sync-hint")).toHaveTextContent(
      "Use Sync inventory on Contoso Pharma's page; once it has completed, generate an evidence snapshot here.",
    );
  });

  it("composes a review from the header when the gate allows it, and not before", async () => {
    const stale = evidenceSnapshot({
      id: "ev-0",
      created_at: "2026-11-01T09:00:00.000Z",
      completed_at: "2026-11-01T09:01:00.000Z",
    });
    const state = reviewState({ snapshots: [stale] });
    const { commands } = renderPage(state);
    await waitFor(() =>
      expect(screen.getByTestId("review-gate")).toHaveAttribute("data-reason", "review.evidence_stale"),
    );
    const actions = within(screen.getByTestId("page-actions"));
    expect(actions.getByRole("button", { name: "Compose review" })).toBeDisabled();
    expect(actions.getByRole("button", { name: "Generate evidence snapshot" })).toBeEnabled();
    // The header carries the starts; the gate only says what is missing.
    expect(within(screen.getByTestId("review-gate")).queryByRole("button")).not.toBeInTheDocument();

    state.snapshots = [evidenceSnapshot(), stale];
    await userEvent.click(actions.getByRole("button", { name: "Generate evidence snapshot" }));
    await waitFor(() => expect(screen.getByTestId("review-gate")).toHaveAttribute("data-state", "ready"));
    await userEvent.click(actions.getByRole("button", { name: "Compose review" }));
    expect(commands.composeReview).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId("intent-toast")
          .some((toast) => toast.textContent?.includes("Review of Contoso Pharma queued")),
      ).toBe(true),
    );
  });

  it("lets viewers read everything but start nothing and change no note", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "review_pack.view"] });
    const { commands } = renderPage(
      reviewState({ snapshots: [evidenceSnapshot()], reviews: [tenantReview({ note: "Agreed on Friday." })] }),
      { workspace: viewer },
    );
    await screen.findByTestId("review");
    expect(screen.getByTestId("review-gate")).toHaveAttribute("data-state", "ready");
    expect(screen.getByTestId("snapshot-content")).toBeInTheDocument();
    expect(screen.queryByTestId("page-actions")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Compose review" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Generate evidence snapshot" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save note" })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.getByTestId("review-note-read-only")).toHaveTextContent("Agreed on Friday.");
    expect(commands.composeReview).not.toHaveBeenCalled();
  });

  it("tells viewers without snapshots who can take one", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "review_pack.view"] });
    renderPage(reviewState(), { workspace: viewer });
    const empty = await screen.findByTestId("snapshots-empty");
    expect(empty).toHaveTextContent("A member who may manage review packs can take one.");
    expect(within(empty).queryByRole("button")).not.toBeInTheDocument();
  });

  it("is not shown to members who may not view review packs", async () => {
    const stranger = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] });
    const { commands } = renderPage(reviewState({ snapshots: [evidenceSnapshot()] }), { workspace: stranger });
    expect(await screen.findByTestId("customer-review-forbidden")).toHaveTextContent(
      "Customer reviews are not shown to you",
    );
    expect(screen.queryByTestId("snapshot-table")).not.toBeInTheDocument();
    expect(commands.listEvidenceSnapshots).not.toHaveBeenCalled();
    expect(commands.reviewReadiness).not.toHaveBeenCalled();
  });

  it("shows a skeleton while the review loads", async () => {
    renderPage(reviewState(), { overrides: { reviewReadiness: vi.fn(() => new Promise<never>(() => {})) } });
    expect(await screen.findByTestId("customer-review-loading")).toHaveAttribute("aria-busy", "true");
  });
});
