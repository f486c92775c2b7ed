import { screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { OperationRun, RunResult } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { objectTypes, run, runDetail, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { RunPage } from "./RunPage";

const result: RunResult = {
  kind: "inventory_sync",
  selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
  types: {
    settings_catalog: { listed: 40, read: 38, failed: 2, pages: 1, complete: false },
    compliance_policy: { listed: 9, read: 0, failed: 0, pages: 0, complete: false, error: "graph.server_error" },
  },
};

/** Two settings catalog policies unreachable; the compliance listing broke off, written last. */
const failed: OperationRun = run({
  status: "completed",
  outcome: "partially_succeeded",
  started_at: "2026-11-22T10:00:01.000Z",
  completed_at: "2026-11-22T10:00:05.000Z",
  stale_at: null,
  failure_summary: [
    {
      code: "graph.unreachable",
      reason_code: "graph.unreachable",
      message: "Settings catalog policy 'Edge' (sc-1): Microsoft Graph could not be reached.",
    },
    {
      code: "graph.unreachable",
      reason_code: "graph.unreachable",
      message: "Settings catalog policy 'Defender' (sc-2): Microsoft Graph could not be reached.",
    },
    {
      code: "graph.server_error",
      reason_code: "graph.server_error",
      message: "Compliance policy: the list could not be read to the end (503).",
    },
  ],
  context: { result },
});

describe("RunPage headline", () => {
  it("leads with the run headline, not the reason of whichever failure was stored last", async () => {
    const commands = fakeCommands({
      runDetail: vi.fn(async () =>
        runDetail(failed, {
          result,
          // The backend explained the last entry's reason.
          reason: {
            code: "graph.server_error",
            label: "Microsoft Graph error",
            explanation: "Microsoft Graph answered with a server error.",
            actionability: "retryable_transient",
            next_steps: "Run it again later.",
          },
        }),
      ),
      listObjectTypes: vi.fn(async () => objectTypes),
    });
    renderApp(
      <Routes>
        <Route path="/runs/:runId" element={<RunPage />} />
        <Route path="*" element={null} />
      </Routes>,
      { commands, workspace: workspaceSummary(), route: "/runs/r-1" },
    );

    const panel = await screen.findByTestId("run-reason");
    expect(within(panel).getByTestId("run-headline")).toHaveTextContent("Microsoft unreachable");
    expect(await within(panel).findByTestId("run-headline-scope")).toHaveTextContent(
      "Settings catalog policy · 2 of 3 failures have this reason",
    );
    // The backend's words for another reason are not this headline's.
    expect(within(panel).queryByTestId("run-reason-explanation")).not.toBeInTheDocument();
    expect(panel).not.toHaveTextContent("graph.unreachable");
    // Every failure is still listed, and a broken listing is said in words.
    expect(within(screen.getByTestId("run-failures")).getAllByRole("row")).toHaveLength(3);
    const errors = screen.getAllByTestId("completeness-error");
    expect(errors.map((error) => error.textContent)).toEqual(["Microsoft Graph error"]);
  });
});
