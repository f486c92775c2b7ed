import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WorkspaceSummary } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { advancePack, fakePacks, type PackState, packState } from "../../test/fakePacks";
import { type FakePlatform, fakePlatform } from "../../test/fakePlatform";
import { run, workspaceSummary } from "../../test/fixtures";
import { packSettings, reviewPack } from "../../test/packFixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "./TenantPage";

function renderCard(
  state: PackState,
  {
    workspace = workspaceSummary(),
    platform = fakePlatform(),
  }: { workspace?: WorkspaceSummary; platform?: FakePlatform } = {},
) {
  const commands = fakeCommands(fakePacks(state));
  const result = renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="/runs/:runId" element={<p data-testid="run-page-stub" />} />
    </Routes>,
    { commands, platform, workspace, route: "/tenants/t-contoso?tab=details" },
  );
  return { ...result, commands, platform };
}

const card = () => within(screen.getByTestId("review-pack-card"));
const status = () => screen.getByTestId("pack-status");

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

describe("The review pack card", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("says there is no pack yet and generates one with the workspace's defaults and the options chosen", async () => {
    const state = packState({
      settings: { w1: packSettings({ defaults: { include_pii: false, include_operations: true } }) },
    });
    const { commands } = renderCard(state);
    expect(await screen.findByTestId("review-pack-none")).toHaveTextContent("No review pack yet.");

    await userEvent.click(card().getByRole("button", { name: "Generate review pack" }));
    const dialog = await screen.findByRole("dialog", { name: "Generate a review pack" });
    // The workspace's defaults: pseudonyms, operations included.
    expect(await within(dialog).findByRole("checkbox", { name: /Include people's names/ })).not.toBeChecked();
    expect(within(dialog).getByRole("checkbox", { name: /Include operations/ })).toBeChecked();
    await userEvent.click(within(dialog).getByRole("checkbox", { name: /Include operations/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Generate review pack" }));

    expect(commands.generateReviewPack).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      include_pii: false,
      include_operations: false,
    });
    const toast = await screen.findByTestId("pack-request-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(screen.getByText("Review pack queued")).toBeInTheDocument();
    expect(within(toast).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-pack-new-1");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // The card follows the new pack at once.
    expect(status()).toHaveAttribute("data-status", "queued");
    expect(card().getByTestId("pack-options")).toHaveTextContent("People replaced by pseudonyms · Operations left out");
    expect(state.packs).toHaveLength(1);
  });

  it("says a pack of the same content is being made, then offers the ready one to save instead of a new one", async () => {
    const state = packState();
    const platform = fakePlatform();
    platform.answerDialogs({ save: "/home/ada/Desktop/Contoso for the meeting.zip" });
    const { commands } = renderCard(state, { platform });
    await screen.findByTestId("review-pack-none");
    const generate = async () => {
      await userEvent.click(card().getByRole("button", { name: "Generate review pack" }));
      const dialog = await screen.findByRole("dialog", { name: "Generate a review pack" });
      await userEvent.click(await within(dialog).findByRole("button", { name: "Generate review pack" }));
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    };

    await generate();
    expect(await screen.findByTestId("pack-request-toast")).toHaveAttribute("data-intent", "queued");

    // Asked again while it is being made: nothing new is queued.
    await generate();
    await waitFor(() =>
      expect(screen.getByTestId("pack-request-toast")).toHaveAttribute("data-intent", "already_queued"),
    );
    expect(screen.getByText("A review pack of this content is already being generated")).toBeInTheDocument();
    expect(within(screen.getByTestId("pack-request-toast")).getByRole("link", { name: "View run" })).toHaveAttribute(
      "href",
      "/runs/r-pack-new-1",
    );
    expect(state.packs).toHaveLength(1);

    advancePack(state, "pack-new-1", "generating");
    advancePack(state, "pack-new-1", "ready");
    await generate();
    await waitFor(() =>
      expect(screen.getByTestId("pack-request-toast")).toHaveAttribute("data-intent", "already_available"),
    );
    expect(screen.getByText("Review pack already available")).toBeInTheDocument();
    expect(state.packs).toHaveLength(1);
    expect(commands.generateReviewPack).toHaveBeenCalledTimes(3);
    // The card shows the ready pack the answer named.
    await waitFor(() => expect(status()).toHaveAttribute("data-status", "ready"));

    // The toast's own Save as… saves that pack, as the card's button would.
    await userEvent.click(screen.getByTestId("pack-toast-save"));
    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma review pack 2026-11-22.zip");
    await waitFor(() =>
      expect(commands.saveReviewPack).toHaveBeenCalledWith({
        pack_id: "pack-new-1",
        destination: "/home/ada/Desktop/Contoso for the meeting.zip",
      }),
    );
    expect(await screen.findByText("Review pack of Contoso Pharma saved")).toBeInTheDocument();
    expect(screen.getByTestId("pack-saved-path")).toHaveTextContent("/home/ada/Desktop/Contoso for the meeting.zip");
  });

  it("shows a ready pack's facts, saves it where the operator chooses and verifies the saved copy", async () => {
    const state = packState({ packs: [reviewPack()], signingKeys: {} });
    const platform = fakePlatform();
    const { commands } = renderCard(state, { platform });
    const ready = await screen.findByTestId("pack-ready");
    expect(status()).toHaveTextContent("Ready");
    expect(within(ready).getByTestId("pack-generated")).toHaveTextContent(/^Generated .+ ago$/);
    expect(within(ready).getByTestId("pack-size")).toHaveTextContent("48.2 kB, 11 files");
    expect(within(ready).getByTestId("pack-expires")).toHaveTextContent("Kept until 20 Feb 2027");
    expect(within(ready).getByTestId("pack-findings")).toHaveTextContent("Open findings: 1 critical, 2 high, 3 medium");
    expect(within(ready).getByTestId("pack-options")).toHaveTextContent(
      "People's names included · Operations of the last 30 days included",
    );

    // Cancelling the dialog saves nothing.
    await userEvent.click(within(ready).getByRole("button", { name: "Save as…" }));
    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma review pack 2026-11-22.zip");
    expect(commands.saveReviewPack).not.toHaveBeenCalled();

    platform.answerDialogs({ save: "/home/ada/Documents/Contoso Pharma review pack 2026-11-22.zip" });
    await userEvent.click(within(ready).getByRole("button", { name: "Save as…" }));
    const saved = await screen.findByTestId("pack-saved-toast");
    expect(saved).toHaveTextContent("48.2 kB, saved to:");
    expect(within(saved).getByTestId("pack-saved-path")).toHaveTextContent(
      "/home/ada/Documents/Contoso Pharma review pack 2026-11-22.zip",
    );

    await userEvent.click(within(saved).getByRole("button", { name: "Verify saved copy" }));
    const dialog = await screen.findByRole("dialog", { name: "Review pack check" });
    expect(await within(dialog).findByTestId("pack-verdict")).toHaveAttribute("data-intact", "true");
    expect(commands.verifyPackFile).toHaveBeenCalledWith({
      path: "/home/ada/Documents/Contoso Pharma review pack 2026-11-22.zip",
      workspace_id: "w1",
    });
    expect(within(dialog).getByTestId("pack-match")).toHaveTextContent(
      "This file is a copy of Contoso Pharma's pack you chose.",
    );
  });

  it("saves a ready pack into the Downloads folder without a dialog", async () => {
    const state = packState({ packs: [reviewPack()] });
    const platform = fakePlatform();
    const { commands } = renderCard(state, { platform });
    const ready = await screen.findByTestId("pack-ready");
    await userEvent.click(within(ready).getByRole("button", { name: "Save to Downloads" }));
    const saved = await screen.findByTestId("pack-saved-toast");
    expect(platform.chooseSaveFile).not.toHaveBeenCalled();
    expect(commands.saveReviewPack).toHaveBeenCalledWith({
      pack_id: reviewPack().id,
      destination: "/home/ada/Downloads/Contoso Pharma review pack 2026-11-22.zip",
    });
    expect(within(saved).getByTestId("pack-saved-path")).toHaveTextContent(
      "/home/ada/Downloads/Contoso Pharma review pack 2026-11-22.zip",
    );
  });

  it("names the computer that holds a pack made elsewhere, and packs anew one whose file was removed here", async () => {
    const state = packState({
      packs: [reviewPack({ fingerprint: "t-contoso:names:operations:0" })],
      lostFiles: ["pack-1"],
      madeElsewhere: { "pack-1": "reviews-laptop-7" },
    });
    renderCard(state);
    expect(await screen.findByTestId("pack-file-missing")).toHaveTextContent(
      "The pack's file is not in this computer's data folder.",
    );
    const generate = async () => {
      await userEvent.click(card().getByRole("button", { name: "Generate review pack" }));
      const dialog = await screen.findByRole("dialog", { name: "Generate a review pack" });
      await userEvent.click(await within(dialog).findByRole("button", { name: "Generate review pack" }));
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    };

    await generate();
    const toast = await screen.findByTestId("pack-request-toast");
    expect(toast).toHaveAttribute("data-intent", "already_available");
    expect(screen.getByText("Review pack already available on reviews-laptop-7")).toBeInTheDocument();
    expect(toast).toHaveTextContent("Its file is in the data folder of the computer that made it: save it there.");
    expect(screen.queryByTestId("pack-toast-save")).not.toBeInTheDocument();
    expect(state.packs).toHaveLength(1);

    // Made on this computer after all, its file removed by hand: retired, and made anew.
    state.madeElsewhere = {};
    await generate();
    await waitFor(() => expect(screen.getByTestId("pack-request-toast")).toHaveAttribute("data-intent", "queued"));
    expect(state.packs.map((p) => [p.id, p.status])).toEqual([
      ["pack-1", "expired"],
      ["pack-new-1", "queued"],
    ]);
    await waitFor(() => expect(status()).toHaveAttribute("data-status", "queued"));
  });

  it("says why a pack was not saved", async () => {
    const state = packState({ packs: [reviewPack()] });
    const platform = fakePlatform();
    platform.answerDialogs({ save: "relative/name.zip" });
    renderCard(state, { platform });
    await userEvent.click(await screen.findByRole("button", { name: "Save as…" }));
    expect(await screen.findByText("Review pack of Contoso Pharma was not saved")).toBeInTheDocument();
    expect(screen.getByText("Choose a file to save the pack as (a full path).")).toBeInTheDocument();
    expect(state.files).toEqual({});
  });

  it("refreshes every 10 s while the pack is queued or generating and stops once it is ready", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:00.000Z"), shouldAdvanceTime: true });
    const state = packState({ packs: [reviewPack({ status: "queued" })] });
    const { commands } = renderCard(state);
    await flush();
    expect(status()).toHaveAttribute("data-status", "queued");
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(1);

    await flush(9_000);
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(1);
    advancePack(state, "pack-1", "generating");
    await flush(1_000);
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(2);
    expect(status()).toHaveAttribute("data-status", "generating");

    advancePack(state, "pack-1", "ready");
    await flush(10_000);
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(3);
    expect(status()).toHaveAttribute("data-status", "ready");
    expect(card().getByRole("button", { name: "Save as…" })).toBeInTheDocument();

    // Ready does not change by itself: nothing more is asked.
    await flush(120_000);
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(3);
  });

  it("pauses its refresh while a modal is open", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:00.000Z"), shouldAdvanceTime: true });
    const state = packState({ packs: [reviewPack({ status: "generating" })] });
    const { commands } = renderCard(state);
    await flush();
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(1);
    const modal = document.createElement("div");
    modal.setAttribute("aria-modal", "true");
    await act(async () => document.body.append(modal));
    await flush(30_000);
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(1);
    await act(async () => modal.remove());
    await flush(10_000);
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(2);
  });

  it("reads the pack again at once when its run starts or ends", async () => {
    const state = packState({ packs: [reviewPack({ status: "queued" })] });
    const { commands, platform } = renderCard(state);
    await waitFor(() => expect(status()).toHaveAttribute("data-status", "queued"));
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(1);

    advancePack(state, "pack-1", "generating");
    platform.emitRuns([
      "updated",
      run({ id: "r-pack-1", type: "tenant.review_pack.generate", status: "running", outcome: "pending" }),
    ]);
    await waitFor(() => expect(status()).toHaveAttribute("data-status", "generating"));
    expect(commands.latestReviewPack).toHaveBeenCalledTimes(2);
  });

  it("takes the queued toast away once the pack is ready: it no longer says what is true", async () => {
    const state = packState();
    const { platform } = renderCard(state);
    await screen.findByTestId("review-pack-none");
    await userEvent.click(card().getByRole("button", { name: "Generate review pack" }));
    const dialog = await screen.findByRole("dialog", { name: "Generate a review pack" });
    await userEvent.click(await within(dialog).findByRole("button", { name: "Generate review pack" }));
    expect(await screen.findByTestId("pack-request-toast")).toHaveAttribute("data-intent", "queued");

    advancePack(state, "pack-new-1", "generating");
    platform.emitRuns([
      "updated",
      run({ id: "r-pack-new-1", type: "tenant.review_pack.generate", status: "running", outcome: "pending" }),
    ]);
    await waitFor(() => expect(status()).toHaveAttribute("data-status", "generating"));
    expect(screen.getByTestId("pack-request-toast")).toBeInTheDocument();

    advancePack(state, "pack-new-1", "ready");
    platform.emitRuns([
      "updated",
      run({ id: "r-pack-new-1", type: "tenant.review_pack.generate", status: "completed", outcome: "succeeded" }),
    ]);
    await waitFor(() => expect(status()).toHaveAttribute("data-status", "ready"));
    await waitFor(() => expect(screen.queryByTestId("pack-request-toast")).not.toBeInTheDocument());
  });

  it("sends a failed pack's reason to its run, and says where an expired pack's file is", async () => {
    const failed = packState({ packs: [reviewPack({ status: "failed" })] });
    const first = renderCard(failed);
    const reason = await screen.findByTestId("pack-failed");
    expect(reason).toHaveTextContent("could not be generated");
    expect(within(reason).getByRole("link", { name: "See why in its run" })).toHaveAttribute("href", "/runs/r-pack-1");
    expect(card().queryByRole("button", { name: "Save as…" })).not.toBeInTheDocument();
    first.unmount();

    const expired = packState({
      packs: [reviewPack({ status: "expired" })],
      settings: { w1: packSettings({ grace_days: 30 }) },
    });
    const second = renderCard(expired);
    await waitFor(() =>
      expect(screen.getByTestId("pack-expired")).toHaveTextContent(
        /expired on 20 Feb 2027 and can no longer be saved\. Its file is kept until 22 Mar 2027, then deleted\./,
      ),
    );
    second.unmount();

    const deleted = packState({
      packs: [reviewPack({ status: "expired", file_deleted_at: "2027-03-22T03:00:00.000Z" })],
    });
    renderCard(deleted);
    expect(await screen.findByTestId("pack-expired")).toHaveTextContent("Its file was deleted on 22 Mar 2027.");
  });

  it("offers nothing to generate to members who may only view packs", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "review_pack.view"] });
    renderCard(packState({ packs: [reviewPack()] }), { workspace: viewer });
    await screen.findByTestId("pack-ready");
    expect(card().queryByRole("button", { name: "Generate review pack" })).not.toBeInTheDocument();
    // Saving a ready pack is for every member who may see it.
    expect(card().getByRole("button", { name: "Save as…" })).toBeInTheDocument();
  });

  it("is not shown to members who may not view packs", async () => {
    const stranger = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] });
    const { commands } = renderCard(packState({ packs: [reviewPack()] }), { workspace: stranger });
    await screen.findByTestId("permissions-card");
    expect(screen.queryByTestId("review-pack-card")).not.toBeInTheDocument();
    expect(commands.latestReviewPack).not.toHaveBeenCalled();
  });
});
