import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WorkspaceSummary } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeReviews, finishEvidence, finishReview, type ReviewState, reviewState } from "../../test/fakeReviews";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { evidenceSnapshot, tenantReview } from "../../test/reviewFixtures";
import { TenantPage } from "./TenantPage";

/** The runs started here stay queued: their intent toasts are not replaced by how they ended. */
const pendingRun = () => vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id }));

function renderCard(state: ReviewState, { workspace = workspaceSummary() }: { workspace?: WorkspaceSummary } = {}) {
  const commands = fakeCommands({ ...fakeReviews(state), getRun: pendingRun() });
  const result = renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="/tenants/:tenantId/review" element={<p data-testid="customer-review-page-stub" />} />
      <Route path="/runs/:runId" element={<p data-testid="run-page-stub" />} />
    </Routes>,
    { commands, workspace, route: "/tenants/t-contoso?tab=details" },
  );
  return { ...result, commands };
}

const card = () => within(screen.getByTestId("customer-review-card"));
const gate = () => screen.getByTestId("review-gate");
const snapshotLine = () => screen.getByTestId("evidence-snapshot");

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

describe("The customer review card", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sits above the review pack card on the Details tab", async () => {
    renderCard(reviewState());
    const review = await screen.findByTestId("customer-review-card");
    const pack = await screen.findByTestId("review-pack-card");
    expect(review).toHaveAttribute("id", "customer-review");
    expect(review.compareDocumentPosition(pack) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("without evidence says the next step and generates an evidence snapshot with its toast", async () => {
    const state = reviewState();
    const { commands } = renderCard(state);
    await waitFor(() => expect(gate()).toHaveAttribute("data-state", "not_ready"));
    expect(gate()).toHaveTextContent("No evidence snapshot");
    expect(gate()).toHaveTextContent("No complete evidence snapshot exists for the tenant.");
    expect(screen.getByTestId("review-next-step")).toHaveTextContent(
      "Next step: Generate an evidence snapshot, then compose the review.",
    );
    expect(snapshotLine()).toHaveTextContent("No evidence snapshot yet.");
    expect(card().queryByRole("button", { name: "Compose review" })).not.toBeInTheDocument();
    expect(screen.getByTestId("review-none")).toHaveTextContent("No review yet.");

    await userEvent.click(card().getByRole("button", { name: "Generate evidence snapshot" }));
    expect(commands.generateEvidenceSnapshot).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(toast).toHaveTextContent("Evidence snapshot of Contoso Pharma queued");
    expect(within(toast).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-evidence-new-1");
    // The card follows the snapshot being taken at once.
    await waitFor(() => expect(snapshotLine()).toHaveAttribute("data-state", "building"));
    expect(snapshotLine()).toHaveTextContent("Building");
    expect(state.snapshots).toHaveLength(1);
  });

  it("offers a fresh snapshot when the evidence is too old, and shows the newest one's open findings", async () => {
    const old = evidenceSnapshot({
      created_at: "2026-11-01T09:00:00.000Z",
      completed_at: "2026-11-01T09:01:00.000Z",
    });
    renderCard(reviewState({ snapshots: [old] }));
    await waitFor(() => expect(gate()).toHaveAttribute("data-reason", "review.evidence_stale"));
    expect(gate()).toHaveTextContent("Evidence too old");
    expect(screen.getByTestId("review-next-step")).toHaveTextContent(
      "Generate a fresh evidence snapshot, then compose the review.",
    );
    expect(card().getByRole("button", { name: "Generate evidence snapshot" })).toBeInTheDocument();
    expect(snapshotLine()).toHaveAttribute("data-state", "complete");
    expect(snapshotLine()).toHaveTextContent(/Complete\s*Taken .+ ago/);
    expect(screen.getByTestId("evidence-findings")).toHaveTextContent("Open findings: 1 critical, 2 high, 3 medium");
  });

  it("without a synced inventory points to the page's sync button instead of a snapshot", async () => {
    renderCard(reviewState({ unsynced: ["t-contoso"] }));
    await waitFor(() => expect(gate()).toHaveAttribute("data-reason", "review.no_sync"));
    expect(gate()).toHaveTextContent("The tenant has no completed inventory sync, so there is nothing to review.");
    expect(screen.getByTestId("review-sync-hint")).toHaveTextContent(
      "Use Sync inventory at the top of this page; once it has completed, generate an evidence snapshot here.",
    );
    expect(screen.getByTestId("sync-inventory")).toBeInTheDocument();
    expect(card().queryByRole("button", { name: "Generate evidence snapshot" })).not.toBeInTheDocument();
    expect(card().queryByRole("button", { name: "Compose review" })).not.toBeInTheDocument();
  });

  it("says why the newest snapshot is incomplete, in words, with its run", async () => {
    renderCard(reviewState({ snapshots: [evidenceSnapshot({ state: "incomplete" })] }));
    await waitFor(() => expect(snapshotLine()).toHaveAttribute("data-state", "incomplete"));
    expect(snapshotLine()).toHaveTextContent("Incomplete");
    expect(screen.getByTestId("evidence-failure")).toHaveTextContent("Evidence capture ended unfinished");
    expect(snapshotLine()).not.toHaveTextContent("evidence.snapshot.producer_ended");
    expect(within(snapshotLine()).getByRole("link", { name: "See why in its run" })).toHaveAttribute(
      "href",
      "/runs/r-evidence-1",
    );
  });

  it("when ready composes a review with its toast and shows it once its run completes", async () => {
    const state = reviewState({ snapshots: [evidenceSnapshot()] });
    const { commands, platform } = renderCard(state);
    await waitFor(() => expect(gate()).toHaveAttribute("data-state", "ready"));
    expect(gate()).toHaveTextContent(/Ready to compose from the evidence taken .+ ago\./);
    expect(card().queryByRole("button", { name: "Generate evidence snapshot" })).not.toBeInTheDocument();

    await userEvent.click(card().getByRole("button", { name: "Compose review" }));
    expect(commands.composeReview).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(toast).toHaveTextContent("Review of Contoso Pharma queued");
    expect(within(toast).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-review-new-1");
    expect(screen.getByTestId("review-none")).toBeInTheDocument();

    finishReview(state, "t-contoso");
    platform.emitRuns([
      "completed",
      run({
        id: "r-review-new-1",
        type: "tenant.review.compose",
        status: "completed",
        outcome: "succeeded",
        completed_at: "2026-11-22T10:02:00.000Z",
      }),
    ]);
    expect(await screen.findByTestId("review")).toBeInTheDocument();
    expect(screen.queryByTestId("review-none")).not.toBeInTheDocument();
  });

  it("says why a review was not started when the backend refuses it", async () => {
    const state = reviewState({ snapshots: [evidenceSnapshot()] });
    renderCard(state);
    await waitFor(() => expect(gate()).toHaveAttribute("data-state", "ready"));
    // The inventory went away in between: the backend's gate refuses.
    state.unsynced = ["t-contoso"];
    await userEvent.click(card().getByRole("button", { name: "Compose review" }));
    expect(await screen.findByText("Review of Contoso Pharma was not started")).toBeInTheDocument();
    expect(
      screen.getByText(
        "The tenant has no completed inventory sync, so there is nothing to review. Sync the tenant's inventory, generate an evidence snapshot, then compose the review.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("intent-toast")).not.toBeInTheDocument();
  });

  it("sums up a composed review: its sections' status and its actions, most urgent first", async () => {
    renderCard(reviewState({ snapshots: [evidenceSnapshot()], reviews: [tenantReview()] }));
    const review = await screen.findByTestId("review");
    const sections = within(review).getAllByTestId("review-section");
    expect(sections.map((section) => section.getAttribute("data-key"))).toEqual([
      "configuration",
      "drift",
      "privileged_access",
      "operations",
    ]);
    const drift = within(sections[1] as HTMLElement);
    expect(drift.getByText("Drift from baseline")).toBeInTheDocument();
    expect(drift.getByText("Critical")).toBeInTheDocument();
    expect(
      drift.getByText("6 settings differ from the baseline, 1 of them critical and open for more than 14 days."),
    ).toBeInTheDocument();
    expect(within(sections[0] as HTMLElement).getByText("Good")).toBeInTheDocument();
    expect(within(sections[2] as HTMLElement).getByText("Needs attention")).toBeInTheDocument();
    expect(within(sections[3] as HTMLElement).getByText("No data")).toBeInTheDocument();
    // The card stays compact: the sections' facts and the highlights are on the customer review page.
    expect(review.querySelectorAll("dt, dd")).toHaveLength(0);
    expect(screen.queryByTestId("review-highlights")).not.toBeInTheDocument();

    const actions = within(review).getAllByTestId("review-action");
    expect(actions.map((action) => action.getAttribute("data-priority"))).toEqual(["critical", "attention"]);
    expect(actions[0]).toHaveTextContent(
      /^Critical\s*Restore the critical setting that drifted from the baseline\. \(Drift from baseline\)$/,
    );
    expect(actions[1]).toHaveTextContent(
      /^Needs attention\s*Name an owner for the 2 unowned role holders\. \(Privileged access\)$/,
    );
  });

  it("links to the tenant's customer review page, for members who may change it and for viewers", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "review_pack.view"] });
    for (const workspace of [workspaceSummary(), viewer]) {
      const { unmount } = renderCard(reviewState({ snapshots: [evidenceSnapshot()] }), { workspace });
      const found = await screen.findByTestId("customer-review-card");
      const open = within(found).getByRole("link", { name: "Open customer review" });
      expect(open).toHaveAttribute("href", "/tenants/t-contoso/review");
      await userEvent.click(open);
      expect(await screen.findByTestId("customer-review-page-stub")).toBeInTheDocument();
      expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso/review");
      unmount();
    }
  });

  it("saves the operator's note and shows the backend's refusal under the field", async () => {
    const state = reviewState({ snapshots: [evidenceSnapshot()], reviews: [tenantReview({ note: "First draft" })] });
    const { commands } = renderCard(state);
    const note = await screen.findByRole("textbox", { name: /Note for the customer/ });
    const save = card().getByRole("button", { name: "Save note" });
    expect(note).toHaveValue("First draft");
    expect(save).toBeDisabled();

    await userEvent.clear(note);
    await userEvent.type(note, "Agreed to fix the drift by Friday.  ");
    expect(save).toBeEnabled();
    await userEvent.click(save);
    expect(commands.updateReviewNote).toHaveBeenCalledWith({
      review_id: "rev-1",
      note: "Agreed to fix the drift by Friday.  ",
    });
    // The saved (trimmed) note is what the field holds now; nothing is left to save.
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Note for the customer/ })).toHaveValue(
        "Agreed to fix the drift by Friday.",
      ),
    );
    expect(card().getByRole("button", { name: "Save note" })).toBeDisabled();
    expect(state.reviews[0]?.note).toBe("Agreed to fix the drift by Friday.");

    const field = screen.getByRole("textbox", { name: /Note for the customer/ });
    await userEvent.click(field);
    await userEvent.paste("x".repeat(10_001));
    await userEvent.click(card().getByRole("button", { name: "Save note" }));
    expect(await screen.findByText("A note holds at most 10000 characters.")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(state.reviews[0]?.note).toBe("Agreed to fix the drift by Friday.");
    // Editing again clears the refusal.
    await userEvent.type(field, "{Backspace}");
    expect(screen.queryByText("A note holds at most 10000 characters.")).not.toBeInTheDocument();
  });

  it("refreshes every 10 s while the snapshot is being taken, then offers to compose", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:00.000Z"), shouldAdvanceTime: true });
    const state = reviewState({ snapshots: [evidenceSnapshot({ state: "building" })] });
    const { commands } = renderCard(state);
    await flush();
    expect(snapshotLine()).toHaveAttribute("data-state", "building");
    expect(commands.listEvidenceSnapshots).toHaveBeenCalledTimes(1);

    await flush(9_000);
    expect(commands.listEvidenceSnapshots).toHaveBeenCalledTimes(1);
    finishEvidence(state, "ev-1", "complete");
    await flush(1_000);
    expect(commands.listEvidenceSnapshots).toHaveBeenCalledTimes(2);
    expect(snapshotLine()).toHaveAttribute("data-state", "complete");
    expect(gate()).toHaveAttribute("data-state", "ready");

    // A complete snapshot does not change by itself: nothing more is asked.
    await flush(60_000);
    expect(commands.listEvidenceSnapshots).toHaveBeenCalledTimes(2);
  });

  it("reads the card again at once when an evidence run of the tenant starts", async () => {
    const state = reviewState();
    const { commands, platform } = renderCard(state);
    await waitFor(() => expect(snapshotLine()).toHaveAttribute("data-state", "none"));
    expect(commands.listEvidenceSnapshots).toHaveBeenCalledTimes(1);

    // Another window asked for the snapshot; its run starts taking it here.
    state.snapshots = [evidenceSnapshot({ state: "building", run_id: "r-evidence-9" })];
    platform.emitRuns([
      "updated",
      run({ id: "r-evidence-9", type: "tenant.evidence.snapshot.generate", status: "running", outcome: "pending" }),
    ]);
    await waitFor(() => expect(snapshotLine()).toHaveAttribute("data-state", "building"));
    expect(commands.listEvidenceSnapshots).toHaveBeenCalledTimes(2);
  });

  it("offers viewers nothing to start or save, and shows the note read-only", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "review_pack.view"] });
    const { commands } = renderCard(
      reviewState({ reviews: [tenantReview({ note: "Agreed to fix the drift by Friday." })] }),
      { workspace: viewer },
    );
    await screen.findByTestId("review");
    expect(gate()).toHaveAttribute("data-reason", "review.no_evidence");
    expect(card().queryAllByRole("button")).toHaveLength(0);
    expect(card().queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.getByTestId("review-note-read-only")).toHaveTextContent("Agreed to fix the drift by Friday.");
    expect(commands.generateEvidenceSnapshot).not.toHaveBeenCalled();
  });

  it("is not shown to members who may not view review packs", async () => {
    const stranger = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] });
    const { commands } = renderCard(reviewState(), { workspace: stranger });
    await screen.findByTestId("permissions-card");
    expect(screen.queryByTestId("customer-review-card")).not.toBeInTheDocument();
    expect(commands.reviewReadiness).not.toHaveBeenCalled();
  });
});
