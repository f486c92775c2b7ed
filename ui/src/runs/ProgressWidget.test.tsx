import { Drawer, getDefaultZIndex, Modal } from "@mantine/core";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OperationRun, RunListRow } from "../bindings/types";
import { fakeCommands, runIndex } from "../test/fakeCommands";
import { fakePlatform } from "../test/fakePlatform";
import { run, runRow, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { PROGRESS_WIDGET_Z_INDEX, ProgressWidget } from "./ProgressWidget";

const NOW = new Date("2026-11-22T10:01:00.000Z");

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

/** The widget over a backend whose active runs are `rows` (the test changes them as runs change). */
function renderWidget(initial: RunListRow[] = [], total?: number) {
  const backend = { rows: initial };
  const commands = fakeCommands({ listRuns: vi.fn((request) => runIndex(backend.rows, { total })(request)) });
  const platform = fakePlatform();
  const result = renderApp(
    <>
      <ProgressWidget workspaceId="w1" />
      <Routes>
        <Route path="*" element={null} />
      </Routes>
    </>,
    { commands, platform, workspace: workspaceSummary() },
  );
  return { ...result, backend, platform };
}

const running = (processed: number, overrides: Partial<OperationRun> = {}) =>
  run({
    status: "running",
    started_at: "2026-11-22T10:00:00.000Z",
    heartbeat_at: NOW.toISOString(),
    stale_at: "2026-11-22T10:20:00.000Z",
    summary_counts: { processed, total: 100 },
    ...overrides,
  });

describe("ProgressWidget", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is absent while nothing is active and asks for the 20 newest active runs", async () => {
    const { commands, platform } = renderWidget();
    await flush();
    expect(screen.queryByTestId("progress-widget")).not.toBeInTheDocument();
    expect(commands.listRuns).toHaveBeenCalledWith({
      workspace_id: "w1",
      filter: {
        tab: "active",
        types: [],
        statuses: [],
        outcomes: [],
        freshness: [],
        tenants: [],
        initiators: [],
        direction: "desc",
        offset: 0,
        limit: 20,
      },
    });
    expect(platform.setWindowProgress).not.toHaveBeenCalled();
    // Nothing active: the slow 30 s poll, not the fast one.
    await flush(10_000);
    expect(commands.listRuns).toHaveBeenCalledTimes(1);
    await flush(20_000);
    expect(commands.listRuns).toHaveBeenCalledTimes(2);
  });

  it("shows a run as its events arrive, with progress, rate and time left, and mirrors it on the taskbar", async () => {
    const { backend, platform } = renderWidget();
    await flush();

    const queued = run({ created_at: NOW.toISOString() });
    backend.rows = [runRow(queued)];
    platform.emitRuns(["created", queued]);
    const row = await screen.findByTestId("widget-run");
    expect(row).toHaveTextContent("Inventory sync");
    expect(row).toHaveTextContent("Contoso Pharma");
    expect(within(row).getByTestId("widget-run-detail")).toHaveTextContent("Waiting for a worker");
    expect(screen.getByTestId("progress-widget-count")).toHaveTextContent("1");
    expect(platform.setWindowProgress).toHaveBeenLastCalledWith({ status: "indeterminate" });

    backend.rows = [runRow(running(10))];
    platform.emitRuns(["progress", running(10)]);
    await flush();
    expect(within(row).getByTestId("widget-run-detail")).toHaveTextContent(/^10 of 100$/);
    expect(within(row).getByRole("progressbar", { name: "10% processed" })).toBeInTheDocument();

    await flush(10_000);
    backend.rows = [runRow(running(30))];
    platform.emitRuns(["progress", running(30)]);
    await flush();
    expect(within(row).getByTestId("widget-run-detail")).toHaveTextContent("30 of 100 · 2/s · about 35 s left");
    expect(row).toHaveTextContent("30%");
    expect(within(row).getByTestId("widget-run-elapsed")).toHaveTextContent("1 min 10 s");
    expect(platform.setWindowProgress).toHaveBeenLastCalledWith({ status: "normal", percent: 30 });

    // Completed: gone from the widget, and from the taskbar.
    backend.rows = [];
    platform.emitRuns(["completed", running(100, { status: "completed", outcome: "succeeded" })]);
    await flush();
    expect(screen.queryByTestId("progress-widget")).not.toBeInTheDocument();
    expect(platform.setWindowProgress).toHaveBeenLastCalledWith({ status: "none" });
  });

  it("shows a likely-stale run as such, in the warning tone, without an animated bar", async () => {
    renderWidget([
      runRow(
        running(12, { id: "r-stuck", heartbeat_at: "2026-11-22T09:40:00.000Z", stale_at: "2026-11-22T09:55:00.000Z" }),
      ),
      runRow(
        run({ id: "r-fresh", status: "running", started_at: NOW.toISOString(), stale_at: "2026-11-22T10:20:00.000Z" }),
      ),
    ]);
    await flush();
    const [stuck, fresh] = screen.getAllByTestId("widget-run") as [HTMLElement, HTMLElement];

    expect(stuck).toHaveAttribute("data-stale", "true");
    const badge = within(stuck).getByText("Likely stale").closest("[data-tone]");
    expect(badge).toHaveAttribute("data-tone", "warning");
    const stuckBar = within(stuck).getByRole("progressbar", { name: "Likely stale" });
    expect(stuckBar).not.toHaveAttribute("data-animated");
    expect(stuckBar).not.toHaveAttribute("data-striped");
    expect(within(stuck).getByTestId("widget-run-detail")).toHaveTextContent("No sign of progress since 21 min ago");
    expect(screen.getByTestId("progress-widget-stale")).toHaveTextContent("1 likely stale");

    // A live run without counts yet does move.
    expect(fresh).not.toHaveAttribute("data-stale");
    expect(within(fresh).getByRole("progressbar", { name: "In progress" })).toHaveAttribute("data-animated", "true");
  });

  it("floats over the page but under dialogs, menus and toasts", async () => {
    renderWidget([runRow(running(10))]);
    await flush();
    const affix = screen.getByTestId("progress-widget").closest(".mantine-Affix-root") as HTMLElement;
    const zIndex = Number(affix.style.getPropertyValue("--affix-z-index"));
    expect(zIndex).toBe(PROGRESS_WIDGET_Z_INDEX);
    expect(zIndex).toBeGreaterThan(getDefaultZIndex("app"));
    expect(zIndex).toBeLessThan(getDefaultZIndex("modal"));
  });

  it("is covered by an open modal or drawer: both sit, with their overlays, above the widget", async () => {
    const commands = fakeCommands({ listRuns: vi.fn(runIndex([runRow(running(10))])) });
    renderApp(
      <>
        <ProgressWidget workspaceId="w1" />
        <Modal opened onClose={() => undefined} title="Add tenant">
          A dialog
        </Modal>
        <Drawer opened onClose={() => undefined} title="Finding">
          A drawer
        </Drawer>
      </>,
      { commands, workspace: workspaceSummary() },
    );
    await flush();
    const widget = Number(
      (screen.getByTestId("progress-widget").closest(".mantine-Affix-root") as HTMLElement).style.getPropertyValue(
        "--affix-z-index",
      ),
    );
    const layers = [
      ...Array.from(document.querySelectorAll<HTMLElement>(".mantine-Modal-root, .mantine-Drawer-root"), (root) =>
        Number(root.style.getPropertyValue("--mb-z-index")),
      ),
      ...Array.from(
        document.querySelectorAll<HTMLElement>(".mantine-Modal-overlay, .mantine-Drawer-overlay"),
        (overlay) => Number(overlay.style.getPropertyValue("--overlay-z-index")),
      ),
    ];
    expect(layers).toHaveLength(4);
    for (const layer of layers) expect(widget).toBeLessThan(layer);
    // Still above the page and the app frame's header and navigation.
    expect(widget).toBeGreaterThan(getDefaultZIndex("app"));
  });

  it("opens the run on click", async () => {
    renderWidget([runRow(running(10, { id: "r-42" }))]);
    await flush();
    await userEvent.click(screen.getByTestId("widget-run"));
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-42");
  });

  it("collapses to a pill with the count and the overall percentage, and remembers it", async () => {
    renderWidget([runRow(running(10, { id: "a" })), runRow(running(50, { id: "b" }))]);
    await flush();
    await userEvent.click(screen.getByRole("button", { name: "Collapse active runs" }));
    const pill = screen.getByTestId("progress-widget-toggle");
    expect(pill).toHaveTextContent("2 active · 30%");
    expect(screen.queryByTestId("widget-run")).not.toBeInTheDocument();
    expect(window.localStorage.getItem("tenantatlas.progress-widget.collapsed")).toBe("true");
    await userEvent.click(pill);
    expect(screen.getAllByTestId("widget-run")).toHaveLength(2);
  });

  it("says how many more there are beyond the 20 listed", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => runRow(running(i, { id: `r-${i}` })));
    renderWidget(rows, 26);
    await flush();
    expect(screen.getByTestId("progress-widget")).toHaveTextContent("Showing the newest 20 of 26");
    expect(screen.getByRole("link", { name: "Open Operations" })).toHaveAttribute("href", "/operations?tab=active");
  });
});
