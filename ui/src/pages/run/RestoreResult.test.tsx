import { screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { OperationRun, RunResult } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { runDetail, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { previewRun, restoreRecord } from "../../test/restoreFixtures";
import { RunPage } from "./RunPage";

function renderRestoreRun(result: RunResult, overrides: Partial<OperationRun> = {}) {
  const previewed = previewRun(restoreRecord(), {
    status: "completed",
    outcome: "succeeded",
    started_at: "2026-11-22T09:30:01.000Z",
    completed_at: "2026-11-22T09:30:40.000Z",
    summary_counts: { total: 3, processed: 3, items: 69 },
    ...overrides,
  });
  renderApp(
    <Routes>
      <Route path="/runs/:runId" element={<RunPage />} />
      <Route path="*" element={null} />
    </Routes>,
    {
      commands: fakeCommands({ runDetail: vi.fn(async () => runDetail(previewed, { result })) }),
      workspace: workspaceSummary(),
      route: "/runs/r-restore-1",
    },
  );
}

describe("A restore preview run's page", () => {
  it("calls it a restore preview, shows what the plan would do and links to the restore", async () => {
    renderRestoreRun({
      kind: "restore",
      restore_id: "restore-1",
      dry_run: true,
      restore_status: "previewed",
      counts: { create: 2, update: 3, skip: 60, conflict: 4, delete: 0 },
    });
    const result = within(await screen.findByTestId("restore-result"));
    expect(screen.getByTestId("run-title")).toHaveTextContent("Restore preview · Contoso Pharma");
    expect(result.getByTestId("restore-status")).toHaveTextContent("Previewed");
    expect(result.getByTestId("restore-result-counts")).toHaveTextContent(
      "2 to create, 3 to update, 60 identical, 4 cannot be restored as they are.",
    );
    expect(result.getByRole("link", { name: "The restore preview and its plan" })).toHaveAttribute(
      "href",
      "/restores/restore-1",
    );
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Read 3 types of the tenant and planned 69 versions.");
    expect(
      within(screen.getByTestId("run-related")).getByRole("link", { name: "Backups of Contoso Pharma" }),
    ).toHaveAttribute("href", "/tenants/t-contoso?tab=backups");
  });

  it("says when a preview ended without a plan", async () => {
    renderRestoreRun(
      {
        kind: "restore",
        restore_id: "restore-1",
        dry_run: true,
        restore_status: "preview_failed",
        counts: { create: 0, update: 0, skip: 0, conflict: 0, delete: 0 },
      },
      { outcome: "failed", summary_counts: { total: 3, processed: 1 }, context: { reason_code: "graph.throttled" } },
    );
    const result = within(await screen.findByTestId("restore-result"));
    expect(result.getByTestId("restore-status")).toHaveTextContent("Preview failed");
    expect(result.getByTestId("restore-result-counts")).toHaveTextContent("The preview ended without a plan.");
    expect(result.getByRole("link", { name: "The restore preview and its plan" })).toHaveAttribute(
      "href",
      "/restores/restore-1",
    );
  });

  it("calls an execution a restore and says what it wrote, from its run's counters", async () => {
    renderRestoreRun(
      {
        kind: "restore",
        restore_id: "restore-1",
        dry_run: false,
        restore_status: "executed",
        counts: { create: 2, update: 3, skip: 60, conflict: 4, delete: 0 },
      },
      {
        id: "r-execute-1",
        context: { inputs: { restore_id: "restore-1", dry_run: false } },
        outcome: "partially_succeeded",
        summary_counts: { total: 5, processed: 5, created: 2, updated: 2, skipped: 64, failed: 1 },
      },
    );
    const result = within(await screen.findByTestId("restore-result"));
    expect(screen.getByTestId("run-title")).toHaveTextContent("Restore · Contoso Pharma");
    expect(screen.getByTestId("run-title")).not.toHaveTextContent("preview");
    expect(result.getByRole("heading", { name: "Restore" })).toBeInTheDocument();
    expect(result.getByTestId("restore-status")).toHaveTextContent("Restored");
    expect(result.getByTestId("restore-result-counts")).toHaveTextContent(
      "2 created, 2 updated, 64 left alone, 1 failed.",
    );
    expect(result.getByRole("link", { name: "The restore and what it did" })).toHaveAttribute(
      "href",
      "/restores/restore-1",
    );
    expect(screen.getByTestId("run-summary")).toHaveTextContent(
      "Wrote 4 of 5 changes (2 created, 2 updated); 1 failed",
    );
  });

  it("counts what undoing a restore deleted", async () => {
    renderRestoreRun(
      {
        kind: "restore",
        restore_id: "restore-1",
        dry_run: false,
        restore_status: "executed",
        counts: { create: 0, update: 1, skip: 0, conflict: 0, delete: 2 },
      },
      {
        id: "r-execute-1",
        context: { inputs: { restore_id: "restore-1", dry_run: false } },
        summary_counts: { total: 3, processed: 3, created: 0, updated: 1, deleted: 2, skipped: 0, failed: 0 },
      },
    );
    const result = within(await screen.findByTestId("restore-result"));
    expect(result.getByTestId("restore-result-counts")).toHaveTextContent("1 updated, 2 deleted.");
    expect(screen.getByTestId("run-summary")).toHaveTextContent(
      "Wrote 3 of 3 changes (0 created, 1 updated, 2 deleted)",
    );
  });

  it("says an execution that found the target changed wrote nothing", async () => {
    renderRestoreRun(
      {
        kind: "restore",
        restore_id: "restore-1",
        dry_run: false,
        restore_status: "outdated",
        counts: { create: 2, update: 3, skip: 60, conflict: 4, delete: 0 },
      },
      {
        context: { inputs: { restore_id: "restore-1", dry_run: false }, reason_code: "restore.preview_outdated" },
        outcome: "blocked",
        summary_counts: {},
      },
    );
    const result = within(await screen.findByTestId("restore-result"));
    expect(result.getByTestId("restore-result-counts")).toHaveTextContent(
      "Nothing was written: the tenant changed since the preview.",
    );
    expect(screen.getByTestId("run-summary")).toHaveTextContent("Nothing was written: preview out of date.");
  });
});
