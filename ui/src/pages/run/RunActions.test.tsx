import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { CancelRunResponse, OperationRun, WorkspaceSummary } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { run, runDetail, startResponse, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { RunPage } from "./RunPage";

const FRESH = "2099-01-01T00:00:00.000Z";

const queued = run({ id: "r-1", stale_at: FRESH });
const running = run({
  id: "r-1",
  status: "running",
  started_at: "2026-11-22T10:00:01.000Z",
  heartbeat_at: "2026-11-22T10:00:02.000Z",
  stale_at: FRESH,
  summary_counts: { total: 20, processed: 5 },
});
const failed = run({
  id: "r-1",
  status: "completed",
  outcome: "failed",
  started_at: "2026-11-22T10:00:01.000Z",
  completed_at: "2026-11-22T10:00:04.000Z",
  stale_at: null,
  context: { reason_code: "graph.unreachable" },
});

/** The run page over a backend whose run is `initial` until a cancel changes it. */
function renderRun(
  initial: OperationRun,
  {
    workspace = workspaceSummary(),
    overrides = {},
  }: { workspace?: WorkspaceSummary; overrides?: Parameters<typeof fakeCommands>[0] } = {},
) {
  let current = initial;
  const commands = fakeCommands({
    runDetail: vi.fn(async () => runDetail(current)),
    ...overrides,
  });
  const cancelled = vi.mocked(commands.cancelRun).getMockImplementation();
  if (overrides.cancelRun === undefined && cancelled !== undefined) {
    vi.mocked(commands.cancelRun).mockImplementation(async (request) => {
      const answer = await cancelled(request);
      current = answer.run;
      return answer;
    });
  }
  const setRun = (next: OperationRun) => {
    current = next;
  };
  renderApp(
    <Routes>
      <Route path="/runs/:runId" element={<RunPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route: `/runs/${initial.id}` },
  );
  return { commands, setRun };
}

const stateBadge = () => screen.getByTestId("run-badges").querySelector("[data-testid='run-state']");

describe("Run page actions", () => {
  it("cancels a queued run after saying it will never start, then reads Cancelled", async () => {
    const { commands } = renderRun(queued);
    await userEvent.click(await screen.findByRole("button", { name: "Cancel run" }));
    const dialog = await screen.findByRole("dialog", { name: "Cancel this inventory sync?" });
    expect(within(dialog).getByTestId("cancel-run-consequence")).toHaveTextContent(
      "It has not started yet: it is cancelled at once and never starts.",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel run" }));

    expect(commands.cancelRun).toHaveBeenCalledWith({ run_id: "r-1" });
    const toast = await screen.findByTestId("cancel-toast");
    expect(toast).toHaveAttribute("data-effect", "cancelled");
    expect(toast).toHaveTextContent("Inventory sync cancelled before it started");
    // The page shows the cancelled run: its own state, not a failure, and Retry.
    await waitFor(() => expect(stateBadge()).toHaveAttribute("data-state", "cancelled"));
    expect(stateBadge()).toHaveTextContent("Cancelled");
    expect(screen.getByTestId("run-headline")).toHaveTextContent("Cancelled");
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Cancelled before it started; nothing was read.");
    expect(screen.getByTestId("run-lifecycle")).toHaveTextContent("An operator cancelled this run before it started");
    expect(screen.queryByRole("button", { name: "Cancel run" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("asks a running run to stop at its next checkpoint and shows it cancelling until it does", async () => {
    const stopping: CancelRunResponse = {
      effect: "stopping",
      message: "Inventory sync stops at its next checkpoint",
      run: { ...running, cancel_requested_at: "2026-11-22T10:00:03.000Z", cancel_requested_by: "u1" },
    };
    const { commands, setRun } = renderRun(running, {
      overrides: {
        cancelRun: vi.fn(async () => {
          setRun(stopping.run);
          return stopping;
        }),
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Cancel run" }));
    expect(await screen.findByTestId("cancel-run-consequence")).toHaveTextContent(
      "It stops at its next checkpoint. What it has already stored is kept; the rest is not read.",
    );
    await userEvent.click(screen.getByTestId("cancel-run-confirmed"));

    expect(commands.cancelRun).toHaveBeenCalledWith({ run_id: "r-1" });
    expect(await screen.findByTestId("cancel-toast")).toHaveTextContent("Inventory sync stops at its next checkpoint");
    await waitFor(() => expect(stateBadge()).toHaveTextContent("Cancelling…"));
    expect(stateBadge()).toHaveAttribute("data-state", "running_cancelling");
    expect(screen.getByTestId("run-lifecycle")).toHaveTextContent(
      "the run stops at its next checkpoint and keeps what it has already stored",
    );
    // Asked once is enough; nothing to retry while it still runs.
    expect(screen.queryByRole("button", { name: "Cancel run" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  });

  it("keeps the run when the confirmation is dismissed", async () => {
    const { commands } = renderRun(queued);
    await userEvent.click(await screen.findByRole("button", { name: "Cancel run" }));
    await userEvent.click(await screen.findByRole("button", { name: "Keep it" }));
    expect(commands.cancelRun).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("says why a cancel was refused, in the backend's words", async () => {
    renderRun(running, {
      overrides: {
        cancelRun: vi.fn(async () => {
          throw { code: "conflict", message: "This run ended before it could be cancelled." };
        }),
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Cancel run" }));
    await userEvent.click(await screen.findByTestId("cancel-run-confirmed"));
    expect(await screen.findByText("Inventory sync of Contoso Pharma was not cancelled")).toBeInTheDocument();
    expect(screen.getByText("This run ended before it could be cancelled.")).toBeInTheDocument();
  });

  it.each(["failed", "blocked", "partially_succeeded"] as const)(
    "retries a %s run and opens the new run",
    async (outcome) => {
      const retried = startResponse("queued", "Inventory sync of Contoso Pharma queued", { id: "r-2" });
      // The new run reads back queued, so its toast still says what starting did.
      const { commands } = renderRun(
        { ...failed, outcome },
        { overrides: { retryRun: vi.fn(async () => retried), getRun: vi.fn(async () => retried.run) } },
      );
      expect(screen.queryByRole("button", { name: "Cancel run" })).not.toBeInTheDocument();
      await userEvent.click(await screen.findByRole("button", { name: "Retry" }));
      expect(commands.retryRun).toHaveBeenCalledWith({ run_id: "r-1" });
      await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-2"));
      expect(await screen.findByTestId("intent-toast")).toHaveTextContent("Inventory sync of Contoso Pharma queued");
    },
  );

  it.each([
    ["already_active", "Inventory sync of Contoso Pharma is already in progress"],
    ["blocked", "Contoso Pharma is paused: resume it to sync."],
  ] as const)("stays on the run when the retry is %s, with the backend's message", async (intent, message) => {
    const answer = startResponse(intent, message, { id: "r-other" });
    renderRun(failed, { overrides: { retryRun: vi.fn(async () => answer), getRun: vi.fn(async () => answer.run) } });
    await userEvent.click(await screen.findByRole("button", { name: "Retry" }));
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", intent);
    expect(toast).toHaveTextContent(message);
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-1");
  });

  it("says why a retry was refused", async () => {
    renderRun(failed, {
      overrides: {
        retryRun: vi.fn(async () => {
          throw { code: "conflict", message: "This run has not ended yet." };
        }),
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Retry" }));
    expect(await screen.findByText("Inventory sync of Contoso Pharma was not retried")).toBeInTheDocument();
    expect(screen.getByText("This run has not ended yet.")).toBeInTheDocument();
  });

  it("offers nothing to retry on a run that succeeded", async () => {
    renderRun(
      run({
        id: "r-1",
        status: "completed",
        outcome: "succeeded",
        completed_at: "2026-11-22T10:00:04.000Z",
        stale_at: null,
      }),
    );
    await screen.findByTestId("run-page");
    expect(screen.queryByTestId("run-actions")).not.toBeInTheDocument();
  });

  it("offers neither action to an operator who may not start that work", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "operations.view"] });
    renderRun(queued, { workspace: viewer });
    await screen.findByTestId("run-page");
    expect(screen.queryByRole("button", { name: "Cancel run" })).not.toBeInTheDocument();

    // A capture is the baseline managers' work, whoever may sync.
    const syncer = workspaceSummary(
      {},
      { role: "operator", capabilities: ["tenant.view", "tenant.sync", "operations.view"] },
    );
    renderRun({ ...failed, id: "r-capture", type: "baseline_capture" }, { workspace: syncer });
    await screen.findAllByTestId("run-page");
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  });
});
