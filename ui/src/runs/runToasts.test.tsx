import { notifications } from "@mantine/notifications";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OperationRun } from "../bindings/types";
import { TOAST_LIMIT } from "../components/ToastHost";
import { fakeCommands } from "../test/fakeCommands";
import { fakePlatform } from "../test/fakePlatform";
import { demoTenants, run, startResponse, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { runToastId, TOAST_MS, toastRunChanged, toastRunStarted } from "./runToasts";
import { useTenantSync } from "./useSyncActions";

const contoso = demoTenants[0] as (typeof demoTenants)[number];

function StartSync() {
  const { start } = useTenantSync();
  return (
    <button type="button" onClick={() => void start(contoso, "inventory")}>
      Start
    </button>
  );
}

const toasts = () => [...document.querySelectorAll<HTMLElement>(".mantine-Notification-root")];

/** Lets `ms` pass under fake timers, then lets what it triggered render. */
async function pass(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  await act(() => vi.advanceTimersByTimeAsync(0));
}

describe("run toasts", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps one toast per run and changes it in place as the run's events arrive", async () => {
    // What the backend says about the run; events and polls agree.
    let current: OperationRun = run({ id: "r-7", created_at: new Date().toISOString() });
    const commands = fakeCommands({
      startSync: vi.fn(async () => startResponse("queued", "Inventory sync of Contoso Pharma queued", { id: "r-7" })),
      getRun: vi.fn(async () => current),
    });
    const platform = fakePlatform();
    renderApp(<StartSync />, { commands, platform, workspace: workspaceSummary() });
    await waitFor(() => expect(platform.listeners()).toBe(1));

    await userEvent.click(screen.getByRole("button", { name: "Start" }));
    const intent = await screen.findByTestId("intent-toast");
    expect(intent).toHaveAttribute("data-intent", "queued");
    await waitFor(() => expect(commands.getRun).toHaveBeenCalledWith({ run_id: "r-7" }));
    expect(toasts()).toHaveLength(1);
    expect(within(toasts()[0] as HTMLElement).getByText("Queued")).toBeInTheDocument();

    current = run({ id: "r-7", status: "running", started_at: new Date().toISOString() });
    platform.emitRuns(["updated", current]);
    expect(await screen.findByTestId("running-toast")).toHaveTextContent("Inventory sync of Contoso Pharma");
    expect(toasts()).toHaveLength(1);
    expect(within(toasts()[0] as HTMLElement).getByText("Running")).toBeInTheDocument();
    expect(screen.queryByTestId("intent-toast")).not.toBeInTheDocument();

    // Progress alone changes nothing a toast says.
    platform.emitRuns(["progress", { ...current, summary_counts: { processed: 5, total: 10 } }]);
    expect(toasts()).toHaveLength(1);

    current = run({ id: "r-7", status: "completed", outcome: "succeeded", completed_at: new Date().toISOString() });
    platform.emitRuns(["completed", current]);
    const done = await screen.findByTestId("completion-toast");
    expect(done).toHaveAttribute("data-outcome", "succeeded");
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]).toHaveAttribute("data-run-id", "r-7");
    expect(
      within(toasts()[0] as HTMLElement).getByText("Inventory sync of Contoso Pharma succeeded"),
    ).toBeInTheDocument();
    expect(within(done).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-7");
  });

  it("shows at most three at once; the next waits until one goes", async () => {
    renderApp(<div />);
    act(() => {
      for (const id of ["r-1", "r-2", "r-3", "r-4"]) {
        toastRunStarted(startResponse("queued", `Run ${id} queued`, { id }));
      }
    });
    expect(TOAST_LIMIT).toBe(3);
    expect(toasts()).toHaveLength(3);
    expect(screen.queryByText("Run r-4 queued")).not.toBeInTheDocument();

    act(() => {
      notifications.hide(runToastId("r-1"));
    });
    expect(await screen.findByText("Run r-4 queued")).toBeInTheDocument();
    // The hidden toast may still be leaving (its exit transition) when the next one enters.
    await waitFor(() => expect(toasts()).toHaveLength(3));
    expect(toasts().some((toast) => toast.dataset.runId === "r-1")).toBe(false);
  });

  it("sits in the bottom-left corner, clear of the progress widget's corner", async () => {
    renderApp(<div />);
    act(() => toastRunStarted(startResponse("queued", "Inventory sync of Contoso Pharma queued")));
    const toast = await screen.findByTestId("intent-toast");
    expect(toast.closest("[data-position]")).toHaveAttribute("data-position", "bottom-left");
  });

  it("lets a success go by itself after 5 s, with a fresh timer when an in-progress toast turns into it", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderApp(<div />);
    act(() => toastRunStarted(startResponse("queued", "Inventory sync of Contoso Pharma queued")));
    await pass(TOAST_MS.inProgress - 2_000);
    act(() => toastRunChanged(run({ status: "completed", outcome: "succeeded" }), "Contoso Pharma"));
    await pass(0);
    expect(screen.getByTestId("completion-toast")).toBeInTheDocument();

    // The in-progress timer would have closed it by now; the success gets its own 5 s.
    await pass(TOAST_MS.succeeded - 1_000);
    expect(screen.getByTestId("completion-toast")).toBeInTheDocument();
    await pass(2_000);
    expect(screen.queryByTestId("completion-toast")).not.toBeInTheDocument();
  });

  it("keeps a failure, and a blocked start, until dismissed", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderApp(<div />);
    act(() => {
      toastRunChanged(
        run({
          id: "r-failed",
          status: "completed",
          outcome: "failed",
          failure_summary: [{ code: "graph.forbidden", reason_code: "graph.forbidden", message: "Access denied" }],
        }),
        "Contoso Pharma",
      );
      toastRunStarted(
        startResponse("blocked", "Contoso Pharma is paused: reactivate it to sync.", { id: "r-blocked" }),
      );
    });
    await pass(10 * 60_000);
    expect(screen.getByTestId("completion-toast")).toHaveTextContent("Access denied");
    expect(screen.getByTestId("intent-toast")).toHaveAttribute("data-intent", "blocked");

    await userEvent.click(within(toasts()[0] as HTMLElement).getByRole("button"));
    await pass(1_000);
    expect(toasts()).toHaveLength(1);
  });

  it("does not bring a gone toast back just because its run started running", async () => {
    renderApp(<div />);
    act(() => toastRunChanged(run({ id: "r-9", status: "running" }), "Contoso Pharma"));
    expect(toasts()).toHaveLength(0);
  });
});
