import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { RunListFilter, RunListPage, RunListRow } from "../../bindings/types";
import { columnsStorageKey } from "../../components/columns";
import { fakeCommands, runIndex } from "../../test/fakeCommands";
import { runRow, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { OperationsPage } from "./OperationsPage";

function renderOperations(commands: ReturnType<typeof fakeCommands>, route = "/operations") {
  return renderApp(
    <Routes>
      <Route path="/operations" element={<OperationsPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

/** The export's reads: 500 runs a page (the index asks for 100, the progress widget for 20). */
const exportReads = (commands: ReturnType<typeof fakeCommands>) =>
  vi
    .mocked(commands.listRuns)
    .mock.calls.map(([request]) => request.filter)
    .filter((filter) => filter.limit === 500 || filter.limit === 1);

const sent = (commands: ReturnType<typeof fakeCommands>) => vi.mocked(commands.exportTable).mock.calls[0]?.[0];

async function exportAs(item: string) {
  await userEvent.click(await screen.findByRole("button", { name: "Export runs" }));
  await userEvent.click(await screen.findByRole("menuitem", { name: item }));
  return screen.findByTestId("export-saved", {}, { timeout: 20_000 });
}

/** A local moment as the backend sends it, and as an export writes it. */
const created = { sent: new Date(2026, 10, 22, 8, 0, 0).toISOString(), written: "2026-11-22 08:00:00" };

describe("Operations export", () => {
  it("writes every page of the current tab and filters, in the index's words", async () => {
    const rows: RunListRow[] = [
      runRow({
        id: "r-done",
        status: "completed",
        outcome: "succeeded",
        created_at: created.sent,
        completed_at: created.sent,
        summary_counts: { processed: 1200, total: 1200 },
      }),
      runRow({
        id: "r-cancelled",
        type: "policy.sync",
        status: "completed",
        outcome: "failed",
        created_at: created.sent,
        completed_at: created.sent,
        context: { reason_code: "run.cancelled" },
      }),
      runRow({
        id: "r-stopping",
        status: "running",
        created_at: created.sent,
        started_at: created.sent,
        stale_at: "2099-01-01T00:00:00.000Z",
        cancel_requested_at: created.sent,
        summary_counts: { processed: 3, total: 12 },
      }),
      runRow(
        { id: "r-stale", status: "running", created_at: created.sent, stale_at: "2026-11-22T08:30:00.000Z" },
        { tenant_name: "Fabrikam Logistics" },
      ),
      runRow({
        id: "r-workspace",
        type: "baseline_capture",
        tenant_id: null,
        status: "queued",
        created_at: created.sent,
        stale_at: "2099-01-01T00:00:00.000Z",
      }),
    ];
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands, "/operations?type=inventory_sync&dir=asc");
    await screen.findAllByTestId("run-row");
    await exportAs("CSV");

    const [read] = exportReads(commands);
    expect(read).toEqual<RunListFilter>({
      tab: "all",
      types: ["inventory_sync"],
      statuses: [],
      outcomes: [],
      freshness: [],
      tenants: [],
      initiators: [],
      direction: "asc",
      offset: 0,
      limit: 500,
    });
    expect(sent(commands)).toMatchObject({ workspace_id: "w1", name: "operations", format: "csv" });
    expect(sent(commands)?.columns).toEqual(["Operation", "Scope", "Status", "Created", "Progress"]);
    // The fake ignores the type filter; `dir=asc` reverses it.
    expect(sent(commands)?.rows).toEqual([
      ["Baseline capture", "Workspace", "Queued", created.written, ""],
      ["Inventory sync", "Fabrikam Logistics", "Running · likely stale", created.written, ""],
      ["Inventory sync", "Contoso Pharma", "Cancelling…", created.written, "25%"],
      ["Policy sync", "Contoso Pharma", "Cancelled", created.written, ""],
      [
        "Inventory sync",
        "Contoso Pharma",
        "Succeeded",
        created.written,
        `${(1200).toLocaleString()} of ${(1200).toLocaleString()}`,
      ],
    ]);
    expect(screen.getByText("Saved operations-2026-11-22-100000.csv")).toBeInTheDocument();
    expect(screen.queryByTestId("export-capped")).not.toBeInTheDocument();
  });

  it("reads 500 runs at a time until the filter has no more, and leaves out hidden columns", async () => {
    window.localStorage.setItem(columnsStorageKey("operations"), JSON.stringify(["progress", "scope"]));
    const rows = Array.from({ length: 1_234 }, (_, i) =>
      runRow({ id: `r-${i}`, status: "completed", outcome: "succeeded" }),
    );
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    const saved = await exportAs("JSON");

    expect(exportReads(commands).map((filter) => [filter.offset, filter.limit])).toEqual([
      [0, 500],
      [500, 500],
      [1_000, 500],
    ]);
    expect(sent(commands)?.format).toBe("json");
    expect(sent(commands)?.columns).toEqual(["Operation", "Status", "Created"]);
    expect(sent(commands)?.rows).toHaveLength(1_234);
    expect(saved).toHaveTextContent(`${(1_234).toLocaleString()} runs, saved to:`);
  });

  it("stops at 50,000 runs and says so when the filter matches more", async () => {
    // More runs than the index counts (it stops at 10,000) and than an export takes.
    const all = 60_000;
    const row = runRow({ status: "completed", outcome: "failed" });
    const listRuns = vi.fn(async ({ filter }: { filter: RunListFilter }): Promise<RunListPage> => {
      const count = Math.max(0, Math.min(filter.limit, all - filter.offset));
      const items = Array.from({ length: count }, (_, i) => ({
        ...row,
        run: { ...row.run, id: `r-${filter.offset + i}` },
      }));
      return { items, total: 10_000, total_capped: true };
    });
    const commands = fakeCommands({ listRuns });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    const saved = await exportAs("CSV");

    const reads = exportReads(commands);
    expect(reads).toHaveLength(101);
    expect(reads.at(-2)).toMatchObject({ offset: 49_500, limit: 500 });
    // One run past the cap tells whether there are more.
    expect(reads.at(-1)).toMatchObject({ offset: 50_000, limit: 1 });
    expect(sent(commands)?.rows).toHaveLength(50_000);
    expect(within(saved).getByTestId("export-capped")).toHaveTextContent(
      `Only the first ${(50_000).toLocaleString()} runs were exported: the filter matches more. Narrow it to export the rest.`,
    );
  }, 30_000);

  it("shows the export only when there are runs to export", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex([])) });
    renderOperations(commands);
    await screen.findByTestId("runs-empty");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Export runs" })).not.toBeInTheDocument());
  });
});
