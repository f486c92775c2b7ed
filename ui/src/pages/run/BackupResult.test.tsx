import { screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { OperationRun, RunResult } from "../../bindings/types";
import { readWhole } from "../../test/backupFixtures";
import { fakeCommands } from "../../test/fakeCommands";
import { run, runDetail, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { RunPage } from "./RunPage";

function renderBackupRun(result: RunResult, overrides: Partial<OperationRun> = {}) {
  const backupRun = run({
    id: "r-backup-1",
    type: "backup_schedule_run",
    status: "completed",
    outcome: "succeeded",
    started_at: "2026-11-22T10:00:01.000Z",
    completed_at: "2026-11-22T10:03:00.000Z",
    summary_counts: { total: 2, processed: 2, items: 70, created: 12, skipped: 58, failed: 0 },
    ...overrides,
  });
  renderApp(
    <Routes>
      <Route path="/runs/:runId" element={<RunPage />} />
      <Route path="*" element={null} />
    </Routes>,
    {
      commands: fakeCommands({ runDetail: vi.fn(async () => runDetail(backupRun, { result })) }),
      workspace: workspaceSummary(),
      route: "/runs/r-backup-1",
    },
  );
}

const types = { settings_catalog: readWhole(40), device_configuration: readWhole(30) };

describe("A backup run's page", () => {
  it("shows its set's status, the versions it holds, what retention pruned and the way to the set", async () => {
    renderBackupRun({ kind: "backup", backup_set_id: "bs-7", set_status: "complete", types, pruned_sets: 2 });
    const result = within(await screen.findByTestId("backup-result"));
    expect(result.getByTestId("backup-status")).toHaveTextContent("Complete");
    expect(result.getByTestId("backup-result-held")).toHaveTextContent("70 versions: 12 new, 58 unchanged.");
    expect(result.getByTestId("backup-result-pruned")).toHaveTextContent(
      "Retention removed 2 older backup sets of Contoso Pharma.",
    );
    expect(result.getByRole("link", { name: "The backup set in the Backups of Contoso Pharma" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso?tab=backups&set=bs-7",
    );
    expect(screen.getByTestId("run-summary")).toHaveTextContent(
      "Backed up 70 policies: 12 new versions, 58 unchanged.",
    );
    expect(
      within(screen.getByTestId("run-related")).getByRole("link", { name: "Backups of Contoso Pharma" }),
    ).toHaveAttribute("href", "/tenants/t-contoso?tab=backups");
  });

  it("says when a backup stopped before it began a set, with no link and nothing pruned", async () => {
    renderBackupRun(
      { kind: "backup", backup_set_id: null, set_status: "failed", types: {}, pruned_sets: 0 },
      { outcome: "failed", summary_counts: {}, context: { reason_code: "graph.unauthorized" } },
    );
    const result = within(await screen.findByTestId("backup-result"));
    expect(result.getByTestId("backup-result-held")).toHaveTextContent(
      "No backup set was written: the backup stopped before it began one.",
    );
    expect(result.queryByTestId("backup-status")).not.toBeInTheDocument();
    expect(result.queryByTestId("backup-result-pruned")).not.toBeInTheDocument();
    expect(result.queryByRole("link")).not.toBeInTheDocument();
  });
});
