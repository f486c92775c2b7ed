import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { ListRunsRequest, RunsOverview } from "../../bindings/types";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { fakeCommands, runIndex } from "../../test/fakeCommands";
import { reconciledRun, run, runListPage, runRow, workspaceSummary } from "../../test/fixtures";
import { observedWidth } from "../../test/layout";
import { renderApp } from "../../test/render";
import { contentWidth } from "../../test/windowSizes";
import { OperationsPage } from "./OperationsPage";
import { readView, toQuery, writeView } from "./operationsView";

function renderOperations(commands = fakeCommands(), route = "/operations") {
  return renderApp(
    <Routes>
      <Route path="/operations" element={<OperationsPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

/** The index requests (the progress widget's own list is asked for elsewhere). */
const indexCalls = (commands: ReturnType<typeof fakeCommands>) =>
  vi
    .mocked(commands.listRuns)
    .mock.calls.map(([request]) => request)
    .filter((request) => request.filter.limit === 100);
const lastFilter = (commands: ReturnType<typeof fakeCommands>) =>
  (indexCalls(commands).at(-1) as ListRunsRequest).filter;

const rows = [
  runRow(
    {
      id: "r-stuck-0000",
      status: "running",
      started_at: "2026-11-22T09:00:00.000Z",
      stale_at: "2026-11-22T09:30:00.000Z",
      summary_counts: { processed: 3, total: 12 },
    },
    { tenant_name: "Contoso Pharma" },
  ),
  runRow(reconciledRun({ id: "r-reconciled" })),
  runRow({
    id: "r-workspace",
    type: "tenant.review_pack.generate",
    tenant_id: null,
    initiator_user_id: null,
    status: "completed",
    outcome: "succeeded",
    started_at: "2026-11-22T08:00:00.000Z",
    completed_at: "2026-11-22T08:01:12.000Z",
  }),
];

const overview: RunsOverview = {
  active: 4,
  likely_stale: 3,
  likely_stale_by_type: [
    { type: "inventory_sync", count: 2 },
    { type: "policy.sync", count: 1 },
  ],
  reconciled: 5,
  reconciled_by_type: [{ type: "entra_group_sync", count: 5 }],
};

describe("Operations index", () => {
  it("asks for the first 100 runs of the workspace, newest first, on the All tab", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    expect(indexCalls(commands)[0]).toEqual({
      workspace_id: "w1",
      filter: {
        tab: "all",
        types: [],
        statuses: [],
        outcomes: [],
        freshness: [],
        tenants: [],
        initiators: [],
        direction: "desc",
        offset: 0,
        limit: 100,
      },
    });
    expect(screen.getByTestId("runs-total")).toHaveTextContent("3 runs");
    expect(screen.getByRole("grid", { name: "Runs" })).toHaveAttribute("aria-rowcount", "4");
  });

  it.each([
    ["Active", "active"],
    ["Likely stale", "likely_stale"],
    ["Failed", "failed"],
  ] as const)("the %s tab asks for tab %s and keeps it in the address", async (label, tab) => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    await userEvent.click(screen.getByRole("tab", { name: new RegExp(`^${label}`) }));
    await waitFor(() => expect(lastFilter(commands).tab).toBe(tab));
    expect(lastFilter(commands).offset).toBe(0);
    expect(screen.getByTestId("location").textContent).toBe("/operations");
  });

  it("sends every filter from the address, dates as local days", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(
      commands,
      "/operations?tab=failed&type=inventory_sync&type=policy.sync&status=completed&outcome=failed&fresh=reconciled_failed&tenant=t-contoso&by=u1&from=2026-11-01&until=2026-11-20&q=contoso&dir=asc",
    );
    await waitFor(() => expect(indexCalls(commands)).toHaveLength(1));
    expect(lastFilter(commands)).toEqual({
      tab: "failed",
      types: ["inventory_sync", "policy.sync"],
      statuses: ["completed"],
      outcomes: ["failed"],
      freshness: ["reconciled_failed"],
      tenants: ["t-contoso"],
      initiators: ["u1"],
      created_from: new Date("2026-11-01T00:00:00").toISOString(),
      created_until: new Date("2026-11-21T00:00:00").toISOString(),
      search: "contoso",
      direction: "asc",
      offset: 0,
      limit: 100,
    });
    expect(screen.getByRole("textbox", { name: "Search runs" })).toHaveValue("contoso");
  });

  it("filters by operation type from the picker", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    await userEvent.click(screen.getByRole("combobox", { name: "Operation" }));
    await userEvent.click(await screen.findByRole("option", { name: "Policy sync" }));
    await waitFor(() => expect(lastFilter(commands).types).toEqual(["policy.sync"]));
    expect(screen.getByTestId("location")).toHaveTextContent("/operations");
  });

  it("offers only the operation types a command starts, not the declared future ones", async () => {
    renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    await screen.findAllByTestId("run-row");
    await userEvent.click(screen.getByRole("combobox", { name: "Operation" }));
    await screen.findByRole("option", { name: "Inventory sync" });
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Inventory sync",
      "Policy sync",
      "Group sync",
      "Directory role sync",
      "Baseline capture",
      "Baseline compare",
      "Backup",
      "Restore",
      "Evidence snapshot",
      "Review composition",
      "Review pack generation",
    ]);
    expect(screen.queryByRole("option", { name: "Single policy sync" })).not.toBeInTheDocument();
  });

  it("filters by backups like any other operation", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    await userEvent.click(screen.getByRole("combobox", { name: "Operation" }));
    await userEvent.click(await screen.findByRole("option", { name: "Backup" }));
    await waitFor(() => expect(lastFilter(commands).types).toEqual(["backup_schedule_run"]));
  });

  it("drops an operation type nothing starts from the address", () => {
    const view = readView(
      new URLSearchParams("type=restore.execute&type=policy.sync&type=backup_schedule_run&type=policy.sync_one"),
    );
    expect(view.types).toEqual(["restore.execute", "policy.sync", "backup_schedule_run"]);
    expect(readView(new URLSearchParams("type=tenant.review_pack.generate&type=tenant.review.compose")).types).toEqual([
      "tenant.review_pack.generate",
      "tenant.review.compose",
    ]);
  });

  it("filters by any member of the workspace as the initiator", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    await userEvent.click(screen.getByRole("combobox", { name: "Started by" }));
    expect(await screen.findByRole("option", { name: "Started by me" })).toBeInTheDocument();
    await userEvent.click(await screen.findByRole("option", { name: "Started by Grace Hopper" }));
    await waitFor(() => expect(lastFilter(commands).initiators).toEqual(["u2"]));
  });

  it("debounces the search: one request for a typed id", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    await userEvent.type(screen.getByRole("textbox", { name: "Search runs" }), "r-stuck");
    await waitFor(() => expect(lastFilter(commands).search).toBe("r-stuck"));
    // Polling may repeat a request on a slow machine; what matters is that no partial text was sent.
    const searched = indexCalls(commands).map((request) => request.filter.search);
    expect(searched.filter((search, i) => i === 0 || search !== searched[i - 1])).toEqual([undefined, "r-stuck"]);
  });

  it("toggles the order by creation time", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    renderOperations(commands);
    await screen.findAllByTestId("run-row");
    expect(screen.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(screen.getByTestId("runs-direction"));
    await waitFor(() => expect(lastFilter(commands).direction).toBe("asc"));
    expect(screen.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "ascending");
  });

  it("says 10,000+ when the backend stopped counting", async () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      runRow({ id: `r-${i}`, status: "completed", outcome: "succeeded" }),
    );
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(many, { total: 10_000, capped: true })) });
    renderOperations(commands);
    expect(await screen.findByTestId("runs-total")).toHaveTextContent("10,000+ runs");
    expect(screen.getByTestId("runs-total")).toHaveTextContent("narrow the filters");
    expect(screen.getAllByTestId("run-row").length).toBeLessThan(60);
  });

  it("fits the columns to a narrow table: progress, then the creation time give way; the operation never does", async () => {
    observedWidth(700);
    renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    await screen.findAllByTestId("run-row");
    const titles = () =>
      within(screen.getByTestId("runs-table"))
        .getAllByRole("columnheader")
        .map((th) => th.textContent);
    await waitFor(() => expect(titles()).toEqual(["Operation", "Scope", "Status", "Created"]));

    await userEvent.click(screen.getByRole("button", { name: "Choose columns of Runs (1 hidden)" }));
    expect(await screen.findByRole("checkbox", { name: "Operation" })).toBeDisabled();
    expect(screen.getByRole("checkbox", { name: "Progress" })).toHaveAccessibleDescription(
      "Hidden while the window is this narrow",
    );
    await userEvent.click(screen.getByRole("checkbox", { name: "Scope" }));
    // Scope hidden by choice leaves room for progress again.
    expect(titles()).toEqual(["Operation", "Status", "Created", "Progress"]);
  });

  it("shows every column at the default 1280×800 window and at 1024×700", async () => {
    for (const width of [1280, 1024]) {
      observedWidth(contentWidth(width));
      const { unmount } = renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
      await screen.findAllByTestId("run-row");
      expect(
        within(screen.getByTestId("runs-table"))
          .getAllByRole("columnheader")
          .map((th) => th.textContent),
      ).toEqual(["Operation", "Scope", "Status", "Created", "Progress"]);
      unmount();
    }
  });

  it("resizes a column from the keyboard, remembers it, and fits the rest around it in a narrower window", async () => {
    const titles = () =>
      within(screen.getByTestId("runs-table"))
        .getAllByRole("columnheader")
        .map((th) => th.textContent);
    observedWidth(contentWidth(1280));
    const { unmount } = renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    await screen.findAllByTestId("run-row");
    // Right of the operation (which takes the rest), Status is resized by its left edge.
    const handle = screen.getByRole("separator", { name: "Resize Status" });
    act(() => handle.focus());
    await userEvent.keyboard("{ArrowLeft}");
    expect(handle).toHaveAttribute("aria-valuenow", "226");
    // As wide as the 985 px the page leaves allows: the others keep their room.
    await userEvent.keyboard("{End}");
    expect(handle).toHaveAttribute("aria-valuenow", "415");
    expect(titles()).toEqual(["Operation", "Scope", "Status", "Created", "Progress"]);
    unmount();

    // At 1024 px the widened column still counts: progress, the least important, gives way.
    observedWidth(contentWidth(1024));
    renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    await screen.findAllByTestId("run-row");
    await waitFor(() => expect(titles()).toEqual(["Operation", "Scope", "Status", "Created"]));
    await userEvent.click(screen.getByRole("button", { name: "Choose columns of Runs (1 hidden)" }));
    await userEvent.click(await screen.findByRole("button", { name: "Reset column widths" }));
    expect(titles()).toEqual(["Operation", "Scope", "Status", "Created", "Progress"]);
    expect(screen.getByRole("separator", { name: "Resize Status" })).toHaveAttribute("aria-valuenow", "210");
  });

  it("saves the view under a name, tab and order included, and applies it again", async () => {
    renderOperations(
      fakeCommands({ listRuns: vi.fn(runIndex(rows)) }),
      "/operations?tab=failed&type=policy.sync&dir=asc",
    );
    await screen.findAllByTestId("run-row");
    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Runs" }));
    const panel = await screen.findByTestId("saved-filters-panel");
    await userEvent.type(
      within(panel).getByRole("textbox", { name: "Save the current filters as" }),
      "Failed policy syncs",
    );
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));
    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Runs: Failed policy syncs" }));

    await userEvent.click(screen.getByTestId("runs-tab-all"));
    await userEvent.click(screen.getByTestId("runs-clear"));
    await waitFor(() => expect(screen.getByTestId("location-search")).toHaveTextContent("?dir=asc"));
    expect(screen.getByRole("button", { name: "Saved filters of Runs" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Runs" }));
    await userEvent.click(await screen.findByRole("button", { name: "Apply Failed policy syncs" }));
    expect(screen.getByTestId("location-search")).toHaveTextContent("?tab=failed&type=policy.sync&dir=asc");
    expect(screen.getByTestId("runs-tab-failed")).toHaveAttribute("aria-selected", "true");
  });

  it("shows each run's state as one badge, one line per cell, with who started it and how long it took on hover", async () => {
    renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    const [stuck, reconciled, workspaceRun] = (await screen.findAllByTestId("run-row")) as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    const cell = (row: HTMLElement, column: string) => row.querySelector(`[data-column=${column}]`) as HTMLElement;
    const state = (row: HTMLElement) => within(cell(row, "state")).getByTestId("run-state");
    const badges = (row: HTMLElement) => cell(row, "state").querySelectorAll(".mantine-Badge-root");

    expect(screen.getByTestId("runs-table").style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(`${TABLE_ROW_HEIGHT}px`);

    expect(cell(stuck, "type")).toHaveTextContent("Inventory sync");
    expect(cell(stuck, "tenant")).toHaveTextContent("Contoso Pharma");
    expect(cell(stuck, "tenant")).toHaveAttribute("title", "Contoso Pharma · Started by Ada Lovelace");
    // Running and likely stale: one badge in the warning tone, with the marker beside it.
    expect(badges(stuck)).toHaveLength(1);
    expect(badges(stuck)[0]).toHaveTextContent("Running");
    expect(state(stuck)).toHaveAttribute("data-state", "running_stale");
    expect(state(stuck)).toHaveAttribute("data-tone", "warning");
    expect(within(state(stuck)).getByTestId("run-state-marker")).toHaveTextContent("likely stale");
    // The three facts stay there for assistive technology and on hover.
    expect(state(stuck)).toHaveAttribute("title", "Status: Running · Outcome: Pending · Freshness: Likely stale");
    expect(cell(stuck, "progress")).toHaveTextContent("25%");
    expect(stuck).toHaveAttribute("data-stale", "true");

    // Reconciled: the outcome, marked as ended by the engine.
    expect(badges(reconciled)).toHaveLength(1);
    expect(badges(reconciled)[0]).toHaveTextContent("Failed");
    expect(state(reconciled)).toHaveAttribute("data-tone", "danger");
    expect(within(state(reconciled)).getByTestId("run-state-marker")).toHaveTextContent("ended by the engine");
    expect(state(reconciled)).toHaveTextContent("Freshness: Reconciled failed");

    expect(cell(workspaceRun, "type")).toHaveTextContent("Review pack generation");
    expect(cell(workspaceRun, "tenant")).toHaveTextContent("Workspace");
    expect(cell(workspaceRun, "tenant")).toHaveAttribute("title", "Workspace · Started by the system");
    expect(within(cell(workspaceRun, "created")).getByText(/ago$/)).toHaveAttribute(
      "title",
      expect.stringMatching(/ · took 1 min 12 s$/),
    );
    // Completed normally: just the outcome, no marker.
    expect(badges(workspaceRun)).toHaveLength(1);
    expect(badges(workspaceRun)[0]).toHaveTextContent("Succeeded");
    expect(within(state(workspaceRun)).queryByTestId("run-state-marker")).not.toBeInTheDocument();
    for (const row of [stuck, reconciled, workspaceRun]) {
      expect(row.querySelector(".mantine-Stack-root")).toBeNull();
    }
  });

  it("moves through the rows with the keyboard and opens one with Enter", async () => {
    renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    await screen.findAllByTestId("run-row");
    const grid = screen.getByRole("grid", { name: "Runs" });
    act(() => grid.focus());
    expect(grid).toHaveAttribute("aria-activedescendant", "run-row-0");
    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "run-row-1");
    await userEvent.keyboard("{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-reconciled");
  });

  it("opens a run on click", async () => {
    renderOperations(fakeCommands({ listRuns: vi.fn(runIndex(rows)) }));
    await userEvent.click((await screen.findAllByTestId("run-row"))[2] as HTMLElement);
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-workspace");
  });

  it("heads the page with likely stale and reconciled counts and the most affected types", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)), runsOverview: vi.fn(async () => overview) });
    renderOperations(commands);
    expect(await screen.findByTestId("overview-stale-count")).toHaveTextContent("3");
    expect(screen.getByTestId("overview-stale-detail")).toHaveTextContent("Inventory sync 2 · Policy sync 1");
    expect(screen.getByTestId("overview-reconciled-count")).toHaveTextContent("5");
    expect(screen.getByTestId("overview-reconciled-detail")).toHaveTextContent("Group sync 5");
    expect(screen.getByTestId("overview-active-count")).toHaveTextContent("4");
    expect(screen.getByTestId("runs-tab-count-likely_stale")).toHaveTextContent("3");
    expect(commands.runsOverview).toHaveBeenCalledWith({ workspace_id: "w1" });

    await userEvent.click(screen.getByTestId("overview-reconciled"));
    await waitFor(() => expect(lastFilter(commands).freshness).toEqual(["reconciled_failed"]));
    expect(lastFilter(commands).created_from).toBeDefined();
    await userEvent.click(screen.getByTestId("overview-stale"));
    await waitFor(() => expect(lastFilter(commands).tab).toBe("likely_stale"));
    expect(lastFilter(commands).freshness).toEqual([]);
  });

  it("tells an empty workspace apart from filters that match nothing", async () => {
    const commands = fakeCommands();
    renderOperations(commands);
    expect(await screen.findByTestId("runs-empty")).toHaveTextContent("No runs yet");

    const filtered = fakeCommands({ listRuns: vi.fn(async () => runListPage([])) });
    renderOperations(filtered, "/operations?q=nothing");
    const noMatch = await screen.findByTestId("runs-no-match");
    expect(noMatch).toHaveTextContent("No runs match");
    vi.mocked(filtered.listRuns).mockImplementation(runIndex(rows));
    await userEvent.click(within(noMatch).getByRole("button", { name: "Clear filters" }));
    expect(await screen.findAllByTestId("run-row")).toHaveLength(3);
  });

  it("re-reads the index when a run is created", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex(rows)) });
    const { platform } = renderOperations(commands);
    await screen.findAllByTestId("run-row");
    const before = indexCalls(commands).length;
    platform.emitRuns(["created", run({ id: "r-new", created_at: new Date().toISOString() })]);
    await waitFor(() => expect(indexCalls(commands).length).toBeGreaterThan(before));
  });
});

describe("operations view in the address", () => {
  it("round-trips and leaves defaults out", () => {
    const view = readView(
      new URLSearchParams("tab=active&type=inventory_sync&fresh=likely_stale&from=2026-11-01&dir=asc&q=x"),
    );
    expect(writeView(new URLSearchParams(), view).toString()).toBe(
      "tab=active&type=inventory_sync&fresh=likely_stale&from=2026-11-01&q=x&dir=asc",
    );
    expect(writeView(new URLSearchParams(), readView(new URLSearchParams())).toString()).toBe("");
  });

  it("ignores values it does not know", () => {
    const view = readView(new URLSearchParams("tab=bogus&type=nope&status=done&fresh=unknown&from=yesterday"));
    expect(toQuery(view)).toEqual({
      tab: "all",
      types: [],
      statuses: [],
      outcomes: [],
      freshness: [],
      tenants: [],
      initiators: [],
      direction: "desc",
    });
  });
});
