import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OperationRun, RunDetail, RunResult } from "../../bindings/types";
import { baselineProfile, baselineSnapshot } from "../../test/baselineFixtures";
import { type BaselineState, baselineState, fakeBaselines } from "../../test/fakeBaselines";
import { fakeCommands } from "../../test/fakeCommands";
import { fakePlatform } from "../../test/fakePlatform";
import { reconciledRun, run, runDetail, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { compareSentence, findingChangesSentence } from "./BaselineResult";
import { RunPage } from "./RunPage";
import { counterRows, formatSeconds, typeCompleteness } from "./runDetails";

function renderRun(answer: (request: { run_id: string }) => Promise<RunDetail>, route = "/runs/r-1") {
  const commands = fakeCommands({ runDetail: vi.fn(answer) });
  const platform = fakePlatform();
  renderApp(
    <Routes>
      <Route path="/runs/:runId" element={<RunPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, platform, workspace: workspaceSummary(), route },
  );
  return { commands, platform };
}

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

const completedResult: RunResult = {
  kind: "inventory_sync",
  selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
  types: {
    settings_catalog: { listed: 40, read: 40, failed: 0, pages: 1, complete: true },
    compliance_policy: { listed: 9, read: 7, failed: 2, pages: 1, complete: false, error: "graph.server_error" },
  },
};

const completed = run({
  status: "completed",
  outcome: "partially_succeeded",
  started_at: "2026-11-22T10:00:01.000Z",
  completed_at: "2026-11-22T10:00:04.500Z",
  stale_at: null,
  summary_counts: { total: 20, processed: 20, items: 118, failed: 2, deleted: 1 },
  failure_summary: [
    {
      code: "graph.server_error",
      reason_code: "graph.server_error",
      message: "Compliance policy 'Ring 1' (c-1): the service answered 503.",
    },
  ],
  context: { inputs: {}, result: completedResult },
});

/** The badges of the run's header: one, saying its state. */
const badges = () =>
  [...screen.getByTestId("run-badges").querySelectorAll(".mantine-Badge-root")].map((badge) => badge.textContent);

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
    const { commands } = renderRun(async () => runDetail(answers.shift() ?? completed));

    await flush();
    expect(commands.runDetail).toHaveBeenCalledTimes(1);
    expect(commands.runDetail).toHaveBeenCalledWith({ run_id: "r-1" });
    // One badge says the state; status, outcome and freshness follow as small print.
    expect(badges()).toEqual(["Queued"]);
    expect(screen.getByTestId("run-status")).toHaveTextContent("Queued");
    expect(screen.getByTestId("run-outcome")).toHaveTextContent("Pending");
    expect(screen.getByTestId("run-freshness")).toHaveTextContent("Active");
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Waiting for a worker to pick it up.");

    await flush(1_000);
    expect(commands.runDetail).toHaveBeenCalledTimes(2);
    expect(badges()).toEqual(["Running"]);
    expect(screen.getByTestId("run-status")).toHaveTextContent("Running");
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Read 5 of 20 types so far.");
    expect(screen.getByRole("progressbar", { name: "25% processed" })).toBeInTheDocument();

    await flush(1_000);
    expect(commands.runDetail).toHaveBeenCalledTimes(3);
    expect(badges()).toEqual(["Partially succeeded"]);
    expect(screen.getByTestId("run-state")).toHaveAttribute("data-tone", "warning");
    expect(screen.getByTestId("run-status")).toHaveTextContent("Completed");
    expect(screen.getByTestId("run-outcome")).toHaveTextContent("Partially succeeded");
    expect(screen.queryByTestId("run-progress-bar")).not.toBeInTheDocument();

    // Completed is final: nothing more is asked.
    await flush(60_000);
    expect(commands.runDetail).toHaveBeenCalledTimes(3);
  });

  it("pauses polling while a modal is open", async () => {
    const { commands } = renderRun(async () => runDetail(run({ status: "running" })));
    await flush();
    const modal = document.createElement("div");
    modal.setAttribute("aria-modal", "true");
    await act(async () => document.body.append(modal));
    await flush(5_000);
    expect(commands.runDetail).toHaveBeenCalledTimes(1);
    await act(async () => modal.remove());
    await flush(1_000);
    expect(commands.runDetail).toHaveBeenCalledTimes(2);
  });

  it("follows the run live from its events, with rate and time left", async () => {
    const { platform } = renderRun(async () =>
      runDetail(run({ status: "running", started_at: "2026-11-22T10:00:00.000Z" })),
    );
    await flush();
    const progressed = (processed: number) =>
      run({
        status: "running",
        started_at: "2026-11-22T10:00:00.000Z",
        heartbeat_at: new Date().toISOString(),
        summary_counts: { processed, total: 100 },
      });
    platform.emitRuns(["progress", progressed(10)]);
    await flush(5_000);
    platform.emitRuns(["progress", progressed(60)]);
    await flush();
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Read 60 of 100 types so far.");
    // 50 more in 5 s (give or take the milliseconds the fake clock lets through).
    expect(screen.getByTestId("run-rate")).toHaveTextContent(/^(9\.9|10)\/s · about 5 s left$/);
  });

  it("reads a reconciled run as Reconciled failed, with when, why and by which source", async () => {
    renderRun(async () => runDetail(reconciledRun()), "/runs/r-stale");
    await flush();

    expect(badges()).toEqual(["Failed"]);
    expect(screen.getByTestId("run-state")).toHaveAttribute("data-tone", "danger");
    expect(screen.getByTestId("run-state-marker")).toHaveTextContent("ended by the engine");
    const freshness = within(screen.getByTestId("run-freshness")).getByText("Reconciled failed");
    expect(freshness.closest("[data-tone]")).toHaveAttribute("data-tone", "danger");
    expect(screen.getByTestId("run-status")).toHaveTextContent("Completed");
    expect(screen.getByTestId("run-outcome")).toHaveTextContent("Failed");

    const lifecycle = screen.getByTestId("run-lifecycle");
    expect(lifecycle).toHaveTextContent("Reconciled automatically");
    expect(within(lifecycle).getByText(/ago$/).tagName).toBe("TIME");
    expect(screen.getByTestId("run-reconciliation-source")).toHaveTextContent("Scheduled reconciler");
    expect(screen.getByTestId("run-reconciliation-reason")).toHaveTextContent("Stopped responding");
    expect(lifecycle).not.toHaveTextContent("run.stale_running");

    const reason = screen.getByTestId("run-reason");
    expect(reason).toHaveTextContent("Stopped responding");
    expect(screen.getByTestId("run-reason-explanation")).toHaveTextContent(
      "the worker running it most likely closed or crashed",
    );
    expect(screen.getByTestId("run-reason-next")).toHaveTextContent("Start the operation again.");
    // Codes are diagnostics: only inside the collapsed section and the failure's small print.
    expect(reason).not.toHaveTextContent("run.stale_running");
  });

  it("says when a run ended normally", async () => {
    renderRun(async () => runDetail(completed, { result: completedResult }));
    await flush();
    expect(screen.getByTestId("run-lifecycle")).toHaveTextContent("Ended normally");
    expect(screen.getByTestId("run-lifecycle")).toHaveTextContent("partially succeeded");
    expect(screen.getByTestId("run-freshness")).toHaveTextContent("Ended normally");
    // Ended normally needs no marker beside the outcome.
    expect(badges()).toEqual(["Partially succeeded"]);
    expect(screen.queryByTestId("run-state-marker")).not.toBeInTheDocument();
  });

  it("shows identity, timing against the expected duration, counts, failures and completeness", async () => {
    renderRun(async () => runDetail(completed, { result: completedResult }));
    await flush();

    expect(screen.getByTestId("run-title")).toHaveTextContent("Inventory sync · Contoso Pharma");
    // The counters in words under the header; the figures themselves collapsed below.
    expect(screen.getByTestId("run-summary")).toHaveTextContent(
      "Read 118 objects; 1 no longer in the tenant; 2 could not be read: Microsoft Graph error.",
    );
    const counters = screen.getByTestId("run-counters");
    expect(counters).not.toHaveAttribute("open");
    expect(within(counters).getByRole("table", { hidden: true, name: "Counters" })).not.toBeVisible();
    await userEvent.click(within(counters).getByText("Counters"));
    expect(counters).toHaveAttribute("open");
    expect(
      within(counters)
        .getAllByTestId("run-counter")
        .map((row) => row.textContent),
    ).toEqual(["Total20", "Processed20", "Failed2", "Removed1", "Objects118"]);
    const fact = (name: string) => screen.getByRole("rowheader", { name }).closest("tr") as HTMLElement;
    expect(fact("Duration")).toHaveTextContent("4 s");
    expect(fact("Expected duration")).toHaveTextContent("Up to 4 min");
    expect(fact("Started by")).toHaveTextContent("You (Ada Lovelace)");
    expect(within(fact("Run ID")).getByRole("button", { name: "Copy run ID" })).toBeInTheDocument();
    expect(within(fact("Tenant")).getByRole("link", { name: "Contoso Pharma" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso",
    );

    const failures = screen.getByTestId("run-failures");
    expect(failures).toHaveTextContent("Compliance policy 'Ring 1' (c-1): the service answered 503.");

    const rows = within(screen.getByTestId("run-completeness")).getAllByTestId("completeness-row");
    expect(rows[0]).toHaveTextContent("Compliance policy");
    expect(rows[0]).toHaveTextContent("Incomplete");
    expect(rows[1]).toHaveTextContent("Settings catalog policy");
    expect(screen.getByText("1 of 2 types incomplete")).toBeInTheDocument();

    const related = screen.getByTestId("run-related");
    expect(within(related).getByRole("link", { name: "Inventory of Contoso Pharma" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso",
    );
  });

  it("titles each completeness column by what it holds, never two columns alike", async () => {
    renderRun(async () => runDetail(completed, { result: completedResult }));
    await flush();
    const table = screen.getByTestId("run-completeness");
    const titles = within(table)
      .getAllByRole("columnheader")
      .map((header) => header.textContent);
    expect(titles).toEqual(["Type", "Completeness", "Listed", "Objects read", "Failed", "Pages"]);
    expect(new Set(titles).size).toBe(titles.length);
    const [incomplete] = within(table).getAllByTestId("completeness-row");
    // Listed 9, read 7 of them, 2 failed, in 1 page.
    expect(
      within(incomplete as HTMLElement)
        .getAllByRole("cell")
        .slice(1)
        .map((cell) => cell.textContent),
    ).toEqual(["Incomplete", "9", "7", "2", "1"]);
  });

  it("keeps diagnostics collapsed until asked, then shows codes and the context", async () => {
    renderRun(async () => runDetail(reconciledRun()), "/runs/r-stale");
    await flush();
    const diagnostics = screen.getByTestId("run-diagnostics");
    const toggle = within(diagnostics).getByRole("button", { name: "Diagnostics" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(diagnostics).toHaveTextContent("run.stale_running");
    expect(diagnostics).toHaveTextContent("scheduled_reconciler");
    expect(screen.getByTestId("run-context-json")).toHaveTextContent('"lease_owner": "worker-7"');
  });

  it("says when an active run has gone quiet for too long, without animating", async () => {
    renderRun(async () =>
      runDetail(
        run({
          status: "running",
          started_at: "2026-11-22T09:40:00.000Z",
          heartbeat_at: "2026-11-22T09:41:00.000Z",
          stale_at: "2026-11-22T09:50:00.000Z",
        }),
      ),
    );
    await flush();
    expect(
      within(screen.getByTestId("run-freshness")).getByText("Likely stale").closest("[data-tone]"),
    ).toHaveAttribute("data-tone", "warning");
    expect(badges()).toEqual(["Running"]);
    expect(screen.getByTestId("run-state")).toHaveAttribute("data-tone", "warning");
    expect(screen.getByTestId("run-state-marker")).toHaveTextContent("likely stale");
    expect(screen.getByTestId("run-lifecycle")).toHaveTextContent("has shown no sign of progress since");
    expect(screen.getByTestId("run-progress-bar")).not.toHaveAttribute("data-animated");
  });

  it("turns likely stale by itself once stale_at passes", async () => {
    renderRun(async () =>
      runDetail(
        run({ status: "running", started_at: "2026-11-22T10:00:00.000Z", stale_at: "2026-11-22T10:00:03.000Z" }),
      ),
    );
    await flush();
    expect(screen.getByTestId("run-freshness")).toHaveTextContent("Active");
    const modal = document.createElement("div");
    modal.setAttribute("aria-modal", "true");
    // Even with polling paused the page notices.
    await act(async () => document.body.append(modal));
    await flush(4_000);
    expect(screen.getByTestId("run-freshness")).toHaveTextContent("Likely stale");
    modal.remove();
  });

  it("sends a review pack run's reader to the tenant's review pack, without a completeness table", async () => {
    const packRun = run({
      type: "tenant.review_pack.generate",
      status: "completed",
      outcome: "succeeded",
      completed_at: "2026-11-22T10:00:05.000Z",
    });
    renderRun(async () =>
      runDetail(packRun, {
        result: { kind: "review_pack", pack_id: "pack-1", pack_status: "ready", files: 11, file_size: 48_213 },
      }),
    );
    await flush();
    expect(
      within(screen.getByTestId("run-related")).getByRole("link", { name: "Review pack of Contoso Pharma" }),
    ).toHaveAttribute("href", "/tenants/t-contoso?tab=details");
    expect(
      typeCompleteness({ kind: "review_pack", pack_id: "pack-1", pack_status: "ready", files: 11, file_size: 1 }),
    ).toEqual([]);
  });

  it("explains a run that cannot be loaded, and stops asking", async () => {
    const { commands } = renderRun(async () => {
      throw { code: "not_found", message: "Run was not found." };
    });
    await flush();
    expect(screen.getByTestId("error-state")).toHaveTextContent("Run was not found.");
    await flush(10_000);
    expect(commands.runDetail).toHaveBeenCalledTimes(1);
  });
});

describe("run details", () => {
  it("lists completeness only for work that reads object types", () => {
    expect(typeCompleteness(null)).toEqual([]);
    expect(
      typeCompleteness({ kind: "policy_sync_one", object_type: "settings_catalog", external_id: "x", captured: true }),
    ).toEqual([]);
    expect(typeCompleteness(completedResult).map((row) => [row.type, row.complete])).toEqual([
      ["settings_catalog", true],
      ["compliance_policy", false],
    ]);
  });

  it("lists the counters in the engine's order, in the vocabulary's words, unknown ones as they are", () => {
    expect(counterRows({ custom_thing: 2, items: 3, failed: 0, total: 4 })).toEqual([
      { key: "total", label: "Total", value: 4 },
      { key: "failed", label: "Failed", value: 0 },
      { key: "items", label: "Objects", value: 3 },
      { key: "custom_thing", label: "custom thing", value: 2 },
    ]);
  });

  it("words policy lengths", () => {
    expect(formatSeconds(240)).toBe("4 min");
    expect(formatSeconds(90)).toBe("1 min 30 s");
    expect(formatSeconds(5400)).toBe("1 h 30 min");
  });
});

describe("RunPage baseline results", () => {
  function renderBaselineRun(result: RunResult, state: BaselineState, overrides: Partial<OperationRun> = {}) {
    const ended = run({
      id: "r-1",
      type: result.kind === "baseline_capture" ? "baseline_capture" : "baseline_compare",
      status: "completed",
      outcome: "succeeded",
      started_at: "2026-11-22T10:00:01.000Z",
      completed_at: "2026-11-22T10:00:30.000Z",
      stale_at: null,
      ...overrides,
    });
    const commands = fakeCommands({
      ...fakeBaselines(state),
      runDetail: vi.fn(async () => runDetail(ended, { result })),
    });
    renderApp(
      <Routes>
        <Route path="/runs/:runId" element={<RunPage />} />
        <Route path="*" element={null} />
      </Routes>,
      { commands, workspace: workspaceSummary(), route: "/runs/r-1" },
    );
  }

  const capture = (overrides: Partial<Extract<RunResult, { kind: "baseline_capture" }>> = {}): RunResult => ({
    kind: "baseline_capture",
    profile_id: "p-1",
    capture_mode: "full_content",
    snapshot_id: "s-1",
    snapshot_state: "complete",
    reused: false,
    items: 1204,
    ambiguous: [],
    types: {},
    ...overrides,
  });
  const snapshots = baselineState({
    profiles: [baselineProfile({ current_snapshot_id: "s-1" })],
    snapshots: [baselineSnapshot({ id: "s-1" }), baselineSnapshot({ id: "s-2", state: "incomplete" })],
  });

  it("says what the capture left behind: a complete snapshot, linked to its profile", async () => {
    renderBaselineRun(capture(), snapshots);
    const truth = await screen.findByTestId("capture-truth");
    await waitFor(() => expect(truth).toHaveTextContent("Snapshot complete, 1,204 items."));
    expect(truth).toHaveTextContent("Full content capture · the profile's current snapshot");
    expect(screen.getByTestId("capture-profile-link")).toHaveAttribute("href", "/baselines/p-1");
    expect(screen.getByTestId("capture-profile-link")).toHaveTextContent("Windows standard");
    expect(screen.getByTestId("capture-snapshot-link")).toHaveAttribute("href", "/baselines/p-1?snapshot=s-1");
  });

  it("tells a reused snapshot apart from a new one", async () => {
    renderBaselineRun(capture({ reused: true }), snapshots);
    await waitFor(() =>
      expect(screen.getByTestId("capture-truth")).toHaveTextContent("An identical snapshot was reused (1,204 items)"),
    );
  });

  it("keeps the snapshot's truth separate from the run's: an incomplete snapshot with why, and the gaps", async () => {
    renderBaselineRun(
      capture({
        snapshot_id: "s-2",
        items: 900,
        ambiguous: [{ subject_key: "settings_catalog:edge", display_name: "Edge", count: 2 }],
      }),
      snapshots,
      { outcome: "partially_succeeded" },
    );
    const truth = await screen.findByTestId("capture-truth");
    await waitFor(() => expect(truth).toHaveAttribute("data-tone", "danger"));
    expect(truth).toHaveTextContent("Snapshot incomplete — Capture failed.");
    expect(truth).toHaveTextContent("the previous complete snapshot stays in use");
    expect(truth).not.toHaveTextContent("baseline.snapshot");
    expect(screen.getByTestId("run-outcome")).toHaveTextContent("Partially succeeded");
    expect(screen.getByTestId("ambiguous-subject")).toHaveTextContent(
      "2 policies named “Edge” (Settings catalog policy)",
    );
  });

  it("says when a capture stopped before any snapshot existed", async () => {
    renderBaselineRun(capture({ snapshot_id: null, items: 0 }), snapshots, { outcome: "failed" });
    expect(await screen.findByTestId("capture-truth")).toHaveTextContent(
      "No snapshot was written: the capture stopped before one existed.",
    );
    expect(screen.queryByTestId("capture-snapshot-link")).not.toBeInTheDocument();
  });

  it("words a compare: counts, finding changes, coverage by type, shared names and the way to the drift", async () => {
    renderBaselineRun(
      {
        kind: "baseline_compare",
        profile_id: "p-1",
        snapshot_id: "s-1",
        matched: 1200,
        missing: 3,
        unexpected: 2,
        drifted: 5,
        ambiguous: [{ subject_key: "settings_catalog:edge", display_name: "Edge", count: 2 }],
        coverage: {
          settings_catalog: { coverage: "full", compared: 1180, gaps: 0 },
          compliance_policy: { coverage: "reference_only", compared: 30, gaps: 2 },
        },
        findings: { opened: 2, reopened: 1, resolved: 3, unchanged: 4 },
        types: {},
      },
      snapshots,
    );
    expect(await screen.findByTestId("compare-counts")).toHaveTextContent(
      "1,200 policies match the baseline · 3 missing · 2 unexpected · 5 drifted",
    );
    expect(screen.getByTestId("compare-findings")).toHaveTextContent(
      "Findings: 2 opened · 1 reopened · 3 resolved · 4 unchanged",
    );
    const coverage = await screen.findAllByTestId("coverage-row");
    expect(coverage.map((row) => row.textContent)).toEqual([
      "Compliance policyFingerprint only302",
      "Settings catalog policyFull1,1800",
    ]);
    expect(screen.getByTestId("ambiguous-subject")).toHaveTextContent("2 policies named “Edge”");
    expect(screen.getByTestId("compare-drift-link")).toHaveAttribute("href", "/tenants/t-contoso?tab=drift");
    expect(screen.getByTestId("compare-drift-link")).toHaveTextContent("Drift of Contoso Pharma");
    expect(
      within(screen.getByTestId("run-related")).getByRole("link", { name: "Drift of Contoso Pharma" }),
    ).toHaveAttribute("href", "/tenants/t-contoso?tab=drift");
  });

  it("words a compare that found nothing", () => {
    expect(findingChangesSentence({ opened: 0, reopened: 0, resolved: 0, unchanged: 0 })).toBe(
      "No findings: the tenant matches its baseline.",
    );
    expect(compareSentence({ matched: 1, missing: 0, unexpected: 0, drifted: 0 })).toBe(
      "1 policy matches the baseline · 0 missing · 0 unexpected · 0 drifted",
    );
  });
});
