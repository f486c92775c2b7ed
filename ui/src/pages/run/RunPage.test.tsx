import { act, screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runPollInterval } from "../../api";
import type { OperationRun } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { run, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { RunPage } from "./RunPage";
import { summaryLine, typeCompleteness } from "./runDetails";

function renderRun(getRun: (request: { run_id: string }) => Promise<OperationRun>) {
  const commands = fakeCommands({ getRun: vi.fn(getRun) });
  renderApp(
    <Routes>
      <Route path="/runs/:runId" element={<RunPage />} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: "/runs/r-1" },
  );
  return commands;
}

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

const completed = run({
  status: "completed",
  outcome: "partially_succeeded",
  started_at: "2026-11-22T10:00:01.000Z",
  completed_at: "2026-11-22T10:00:04.500Z",
  summary_counts: { total: 20, processed: 20, items: 118, failed: 2, deleted: 1 },
  failure_summary: [
    { code: "graph.server_error", reason_code: "graph.server_error", message: "Compliance policy 'Ring 1' (c-1): the service answered 503." },
  ],
  context: {
    selection: {},
    result: {
      types: {
        settings_catalog: { listed: 40, read: 40, failed: 0, pages: 1, complete: true },
        compliance_policy: { listed: 9, read: 7, failed: 2, pages: 1, complete: false, error: "graph.server_error" },
      },
    },
  },
});

describe("RunPage", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:00.500Z"), shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls every second while the run is active and stops once it is completed", async () => {
    const answers: OperationRun[] = [
      run(),
      run({ status: "running", started_at: "2026-11-22T10:00:01.000Z", summary_counts: { total: 20, processed: 5 } }),
      completed,
    ];
    const commands = renderRun(async () => answers.shift() ?? completed);

    await flush();
    expect(commands.getRun).toHaveBeenCalledTimes(1);
    expect(commands.getRun).toHaveBeenCalledWith({ run_id: "r-1" });
    expect(screen.getByTestId("run-status")).toHaveTextContent("Queued");
    expect(screen.getByTestId("run-outcome")).toHaveTextContent("Pending");
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Waiting for a worker to pick it up.");

    await flush(1_000);
    expect(commands.getRun).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId("run-status")).toHaveTextContent("Running");
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Processed 5 of 20");
    expect(screen.getByRole("progressbar", { name: "25% processed" })).toBeInTheDocument();

    await flush(1_000);
    expect(commands.getRun).toHaveBeenCalledTimes(3);
    expect(screen.getByTestId("run-status")).toHaveTextContent("Completed");
    expect(screen.getByTestId("run-outcome")).toHaveTextContent("Partially succeeded");
    expect(screen.queryByTestId("run-progress-bar")).not.toBeInTheDocument();

    // Completed is final: nothing more is asked.
    await flush(60_000);
    expect(commands.getRun).toHaveBeenCalledTimes(3);
  });

  it("shows the counts, the failures and how completely each type was read", async () => {
    renderRun(async () => completed);
    await flush();

    expect(screen.getByTestId("run-title")).toHaveTextContent("Inventory sync");
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Processed 20 of 20 · Failed 2 · Removed 1 · Objects 118");
    expect(screen.getByRole("rowheader", { name: "Duration" }).closest("tr")).toHaveTextContent("4 s");

    const failures = screen.getByTestId("run-failures");
    expect(failures).toHaveTextContent("graph.server_error");
    expect(failures).toHaveTextContent("Compliance policy 'Ring 1' (c-1): the service answered 503.");

    const rows = within(screen.getByTestId("run-completeness")).getAllByTestId("completeness-row");
    // Incomplete types first, named from the object catalog.
    expect(rows[0]).toHaveTextContent("Compliance policy");
    expect(rows[0]).toHaveTextContent("Incomplete");
    expect(rows[0]).toHaveTextContent("graph.server_error");
    expect(rows[1]).toHaveTextContent("Settings catalog policy");
    expect(rows[1]).toHaveTextContent("Complete");
    expect(screen.getByText("1 of 2 types incomplete")).toBeInTheDocument();
  });

  it("says when an active run has gone quiet for too long", async () => {
    renderRun(async () =>
      run({ status: "running", started_at: "2026-11-22T09:40:00.000Z", stale_at: "2026-11-22T09:50:00.000Z" }),
    );
    await flush();
    expect(screen.getByText("Likely stale")).toBeInTheDocument();
    expect(screen.getByText("This run looks stuck")).toBeInTheDocument();
  });

  it("explains a run that cannot be loaded, and stops asking", async () => {
    const commands = renderRun(async () => {
      throw { code: "not_found", message: "Run was not found." };
    });
    await flush();
    expect(screen.getByTestId("error-state")).toHaveTextContent("Run was not found.");
    await flush(10_000);
    expect(commands.getRun).toHaveBeenCalledTimes(1);
  });
});

describe("runPollInterval", () => {
  const active = { data: run({ status: "running" }), status: "success" as const };
  it("is fast at first, then slower, and stops at completion or on an error", () => {
    expect(runPollInterval(active, 0, 5_000)).toBe(1_000);
    expect(runPollInterval(active, 0, 30_000)).toBe(5_000);
    expect(runPollInterval(active, 0, 120_000)).toBe(10_000);
    expect(runPollInterval({ data: completed, status: "success" }, 0, 5_000)).toBe(false);
    expect(runPollInterval({ data: undefined, status: "error" }, 0, 5_000)).toBe(false);
  });
});

describe("run details", () => {
  it("ignores a context without a well-formed result", () => {
    expect(typeCompleteness(run({ context: { result: { types: { x: { complete: "yes" } } } } }))).toEqual([]);
    expect(typeCompleteness(run({ context: null }))).toEqual([]);
  });

  it("names unknown counters as they are", () => {
    expect(summaryLine({ items: 3, custom_thing: 2 })).toBe("Objects 3 · custom thing 2");
  });
});
