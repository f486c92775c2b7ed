import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { WorkspaceOverview } from "../../bindings/types";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { deferred, fakeCommands } from "../../test/fakeCommands";
import { dayOutcomes, run, tenant, tenantOverview, workspaceOverview, workspaceSummary } from "../../test/fixtures";
import { observedWidth } from "../../test/layout";
import { renderApp } from "../../test/render";
import { readView as readRuns } from "../operations/operationsView";
import { OverviewPage } from "./OverviewPage";

function renderOverview(commands = fakeCommands(), { route = "/", workspace = workspaceSummary() } = {}) {
  return renderApp(
    <Routes>
      <Route path="/" element={<OverviewPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route },
  );
}

const rowsShown = () => screen.getAllByTestId("overview-row");
const rowNames = () => rowsShown().map((row) => within(row).getByTestId("overview-tenant-link").textContent);
const cell = (row: HTMLElement, column: string) => row.querySelector(`[data-column="${column}"]`) as HTMLElement;
const search = () => new URLSearchParams(screen.getByTestId("location-search").textContent ?? "");

/** `count` tenants named "Tenant 001"…, worst first as the backend sends them. */
function manyTenants(count: number): WorkspaceOverview {
  return workspaceOverview({
    tenants: Array.from({ length: count }, (_, index) =>
      tenantOverview(tenant({ id: `t-${index}`, display_name: `Tenant ${String(index + 1).padStart(3, "0")}` }), {
        attention: count - index,
      }),
    ),
  });
}

describe("OverviewPage", () => {
  it("shows its shape while the overview loads, then asks for it in the operator's time zone", async () => {
    const pending = deferred<WorkspaceOverview>();
    const commands = fakeCommands({ workspaceOverview: vi.fn(() => pending.promise) });
    renderOverview(commands);
    expect(screen.getByTestId("overview-loading")).toHaveAttribute("aria-busy", "true");
    expect(commands.workspaceOverview).toHaveBeenCalledWith({
      workspace_id: "w1",
      utc_offset_minutes: -new Date().getTimezoneOffset() || 0,
    });
    await act(async () => pending.resolve(workspaceOverview()));
    expect(await screen.findAllByTestId("overview-row")).toHaveLength(2);
    expect(screen.queryByTestId("overview-loading")).not.toBeInTheDocument();
  });

  it("heads the page with the figures that need a look, each opening its list", async () => {
    renderOverview();
    await screen.findAllByTestId("overview-row");
    expect(screen.getByTestId("headline-attention-value")).toHaveTextContent("2");
    expect(screen.getByTestId("headline-attention")).toHaveTextContent("of 2 tenants");
    expect(screen.getByTestId("headline-failed-value")).toHaveTextContent("2");
    expect(screen.getByTestId("headline-stale-value")).toHaveTextContent("1");
    expect(screen.getByTestId("headline-findings-value")).toHaveTextContent("6");
    expect(screen.getByTestId("headline-findings")).toHaveTextContent("1 critical · 2 high");

    expect(
      readRuns(new URLSearchParams(screen.getByTestId("headline-stale").getAttribute("href")?.split("?")[1])),
    ).toMatchObject({
      tab: "likely_stale",
      tenants: [],
    });
    expect(screen.getByTestId("headline-failed").getAttribute("href")).toMatch(/^\/operations\?tab=failed&from=/);
    expect(screen.getByTestId("headline-findings")).toHaveAttribute("href", "/findings?status=open");
    // How "needing attention" is counted is one hover away.
    await userEvent.hover(screen.getByRole("button", { name: "About “Tenants needing attention”" }));
    expect(await screen.findByRole("tooltip")).toHaveTextContent("a refused connection outweighs everything");
  });

  it("charts the runs of each day by outcome, with a legend of totals and a description for screen readers", async () => {
    renderOverview();
    const chart = await screen.findByTestId("runs-per-day");
    expect(chart).toHaveTextContent("Last 30 days · 52 runs");
    const legend = within(screen.getByRole("list", { name: "Outcomes" }));
    expect(legend.getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Succeeded40",
      "Partially succeeded10",
      "Failed2",
      "Blocked0",
    ]);
    const figure = screen.getByRole("figure", { name: "Runs per day" });
    expect(figure).toHaveAccessibleDescription(expect.stringContaining("52 runs in all, 40 succeeded"));
    const table = within(screen.getByRole("table", { name: "Runs per day by outcome" }));
    // A header row and one row per day, oldest first.
    expect(table.getAllByRole("row")).toHaveLength(31);
  });

  it("says so when nothing ran in the 30 days", async () => {
    renderOverview(
      fakeCommands({ workspaceOverview: vi.fn(async () => workspaceOverview({ days: dayOutcomes(30) })) }),
    );
    expect(await screen.findByTestId("runs-per-day-empty")).toHaveTextContent("No runs in the last 30 days");
    expect(screen.queryByRole("figure")).not.toBeInTheDocument();
    expect(screen.getAllByTestId("overview-row")).toHaveLength(2);
  });

  it("lists each tenant with its connection, last syncs, failures, stuck runs and open findings", async () => {
    renderOverview();
    const [contoso, fabrikam] = (await screen.findAllByTestId("overview-row")) as [HTMLElement, HTMLElement];
    expect(within(contoso).getByTestId("overview-tenant-link")).toHaveAttribute("href", "/tenants/t-contoso");
    // One compact line per tenant: the domain is in the name's title.
    expect(screen.getByTestId("overview-table").style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(`${TABLE_ROW_HEIGHT}px`);
    expect(within(contoso).getByTestId("overview-tenant-link").getAttribute("title")).toMatch(/^Contoso Pharma · /);
    expect(cell(contoso, "name").querySelector(".mantine-Stack-root")).toBeNull();
    expect(cell(contoso, "connection")).toHaveTextContent("Not verified");
    expect(within(cell(contoso, "sync_inventory")).getByTestId("last-sync")).toHaveAttribute(
      "data-outcome",
      "succeeded",
    );
    expect(within(cell(contoso, "sync_policies")).getByTestId("last-sync")).toHaveAttribute("data-outcome", "failed");
    expect(cell(contoso, "sync_groups")).toHaveTextContent("Never");
    expect(cell(contoso, "sync_roles")).toHaveTextContent("Never");

    const failed = within(cell(contoso, "failed")).getByRole("link", {
      name: "2 failed runs of Contoso Pharma in the last 7 days",
    });
    expect(readRuns(new URLSearchParams(failed.getAttribute("href")?.split("?")[1]))).toMatchObject({
      tab: "failed",
      tenants: ["t-contoso"],
    });
    expect(
      within(cell(contoso, "stale")).getByRole("link", { name: "1 likely stale run of Contoso Pharma" }),
    ).toHaveAttribute("href", "/operations?tab=likely_stale&tenant=t-contoso");
    const findings = within(cell(contoso, "findings")).getAllByRole("link");
    expect(
      findings.map((link) => [link.textContent, link.getAttribute("aria-label"), link.getAttribute("href")]),
    ).toEqual([
      ["C 1", "1 open critical finding of Contoso Pharma", "/findings?severity=critical&status=open&tenant=t-contoso"],
      ["H 2", "2 open high findings of Contoso Pharma", "/findings?severity=high&status=open&tenant=t-contoso"],
      ["L 3", "3 open low findings of Contoso Pharma", "/findings?severity=low&status=open&tenant=t-contoso"],
    ]);
    expect(contoso).toHaveAttribute("data-alert", "warning");

    // Fabrikam: paused, quiet, nothing to open.
    expect(cell(fabrikam, "name")).toHaveTextContent("Paused");
    expect(within(cell(fabrikam, "failed")).queryByRole("link")).not.toBeInTheDocument();
    expect(cell(fabrikam, "failed")).toHaveTextContent("0");
    expect(cell(fabrikam, "findings")).toHaveTextContent("None open");
    expect(fabrikam).not.toHaveAttribute("data-alert");
  });

  it("keeps run counts plain for a member who may not open Operations", async () => {
    renderOverview(fakeCommands(), {
      workspace: workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }),
    });
    const [contoso] = (await screen.findAllByTestId("overview-row")) as [HTMLElement];
    expect(cell(contoso, "failed")).toHaveTextContent("2");
    expect(within(cell(contoso, "failed")).queryByRole("link")).not.toBeInTheDocument();
    expect(within(cell(contoso, "stale")).queryByRole("link")).not.toBeInTheDocument();
    expect(screen.getByTestId("headline-stale")).not.toHaveAttribute("href");
  });

  it("marks a refused connection, which puts the tenant on top", async () => {
    const refused = tenant({
      id: "t-refused",
      display_name: "Refused Co",
      connection_check: { state: "failed", checked_at: "2026-11-22T09:00:00.000Z", reason_code: "provider.bad_secret" },
    });
    const overview = workspaceOverview();
    renderOverview(
      fakeCommands({
        workspaceOverview: vi.fn(async () => ({
          ...overview,
          tenants: [tenantOverview(refused, { attention: 1000 }), ...overview.tenants],
        })),
      }),
    );
    const [first] = (await screen.findAllByTestId("overview-row")) as [HTMLElement];
    expect(first).toHaveAttribute("data-alert", "danger");
    expect(cell(first, "connection")).toHaveTextContent("Connection failed");
  });

  it("marks a secret that ends soon and one that has ended, and says how that ranks", async () => {
    const connection = (expires_at: string) => ({
      client_id: "9f8e7d6c-0000-4000-8000-00000000c1d1",
      credential_kind: "client_secret" as const,
      credential_ref: "tenant:t:1",
      credential_updated_at: null,
      credential_expiry: { expires_at, source: "app_registration" as const },
    });
    const ended = tenant({
      id: "t-ended",
      display_name: "Ended Co",
      connection: connection("2026-11-01T23:59:59.000Z"),
    });
    const soon = tenant({ id: "t-soon", display_name: "Soon Co", connection: connection("2026-12-04T23:59:59.000Z") });
    renderOverview(
      fakeCommands({
        workspaceOverview: vi.fn(async () =>
          workspaceOverview({
            tenants: [
              tenantOverview(ended, { credential_warning: { state: "expired" }, attention: 500 }),
              tenantOverview(soon, { credential_warning: { state: "expires_soon", days: 12 }, attention: 50 }),
            ],
          }),
        ),
      }),
    );
    const [first, second] = (await screen.findAllByTestId("overview-row")) as [HTMLElement, HTMLElement];
    expect(first).toHaveAttribute("data-alert", "danger");
    expect(
      within(cell(first, "connection")).getByRole("img", { name: "Client secret has ended (2026-11-01)" }),
    ).toHaveAttribute("data-state", "expired");
    expect(second).toHaveAttribute("data-alert", "warning");
    const key = within(cell(second, "connection")).getByRole("img", {
      name: "Client secret ends in 12 days (2026-12-04)",
    });
    await userEvent.hover(key);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(
      "Client secret ends in 12 days (2026-12-04): create a new secret and update the tenant's connection.",
    );
    await userEvent.unhover(key);

    await userEvent.hover(screen.getByRole("button", { name: "How worst first ranks tenants" }));
    expect(await screen.findByRole("tooltip", { name: /Worst first/ })).toHaveTextContent(
      "then a secret or certificate that has ended",
    );
  });

  it("orders worst first until a header is pressed, keeps the order in the address, and goes back", async () => {
    const commands = fakeCommands({
      workspaceOverview: vi.fn(async () =>
        workspaceOverview({
          tenants: [
            tenantOverview(tenant({ id: "t-b", display_name: "Bravo" }), { attention: 50, failed_runs_7d: 1 }),
            tenantOverview(tenant({ id: "t-c", display_name: "Charlie" }), { attention: 30, failed_runs_7d: 4 }),
            tenantOverview(tenant({ id: "t-a", display_name: "Alpha" }), { attention: 0 }),
          ],
        }),
      ),
    });
    renderOverview(commands);
    await screen.findAllByTestId("overview-row");
    expect(rowNames()).toEqual(["Bravo", "Charlie", "Alpha"]);
    expect(screen.getByTestId("overview-order")).toHaveTextContent("Order: Worst first");
    expect(screen.queryByTestId("overview-worst-first")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Tenant" }));
    expect(rowNames()).toEqual(["Alpha", "Bravo", "Charlie"]);
    expect(screen.getByTestId("overview-sort-name")).toHaveAttribute("aria-sort", "ascending");
    expect(search().get("sort")).toBe("name");
    await userEvent.click(screen.getByRole("button", { name: "Tenant" }));
    expect(rowNames()).toEqual(["Charlie", "Bravo", "Alpha"]);
    expect(screen.getByTestId("overview-sort-name")).toHaveAttribute("aria-sort", "descending");

    await userEvent.click(screen.getByRole("button", { name: "Failed runs" }));
    expect(rowNames()).toEqual(["Charlie", "Bravo", "Alpha"]);
    expect(screen.getByTestId("overview-order")).toHaveTextContent("Order: Failed runs, most first");
    expect(screen.getByTestId("overview-sort-name")).toHaveAttribute("aria-sort", "none");

    await userEvent.click(screen.getByTestId("overview-worst-first"));
    expect(rowNames()).toEqual(["Bravo", "Charlie", "Alpha"]);
    expect(search().get("sort")).toBeNull();
  });

  it("opens in the order the address asks for", async () => {
    renderOverview(fakeCommands(), { route: "/?sort=name&dir=desc" });
    await screen.findAllByTestId("overview-row");
    expect(rowNames()).toEqual(["Fabrikam Logistics", "Contoso Pharma"]);
  });

  it("finds tenants by name and says when none matches", async () => {
    renderOverview();
    await screen.findAllByTestId("overview-row");
    await userEvent.type(screen.getByRole("textbox", { name: "Search tenants" }), "fabri");
    expect(rowNames()).toEqual(["Fabrikam Logistics"]);
    await userEvent.type(screen.getByRole("textbox", { name: "Search tenants" }), "zzz");
    expect(screen.queryAllByTestId("overview-row")).toHaveLength(0);
    expect(screen.getByTestId("overview-no-match")).toHaveTextContent("No tenant matches “fabrizzz”.");
  });

  it("moves through the tenants with the keyboard, opens one with Enter, and Tab reaches its links", async () => {
    renderOverview();
    await screen.findAllByTestId("overview-row");
    const grid = screen.getByRole("grid", { name: "Tenants at a glance" });
    act(() => grid.focus());
    expect(grid).toHaveAttribute("aria-activedescendant", "overview-row-0");
    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "overview-row-1");

    // Only the highlighted row's links are in the tab order.
    const [contoso, fabrikam] = rowsShown() as [HTMLElement, HTMLElement];
    expect(within(fabrikam).getByTestId("overview-tenant-link")).toHaveAttribute("tabindex", "0");
    expect(within(contoso).getByTestId("overview-tenant-link")).toHaveAttribute("tabindex", "-1");
    // After the sort buttons of the header, Tab reaches the highlighted tenant, not every row.
    act(() => screen.getByRole("button", { name: "Last sync: Roles" }).focus());
    await userEvent.tab();
    expect(within(fabrikam).getByTestId("overview-tenant-link")).toHaveFocus();
    // Keys pressed on a link are the link's: the table's highlight does not move.

    await userEvent.keyboard("{ArrowUp}");
    expect(grid).toHaveAttribute("aria-activedescendant", "overview-row-1");
    act(() => grid.focus());
    await userEvent.keyboard("{Home}{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso");
  });

  it("opens a tenant on a click in its row, and a count's list on a click on the count", async () => {
    renderOverview();
    const [contoso] = (await screen.findAllByTestId("overview-row")) as [HTMLElement];
    await userEvent.click(within(cell(contoso, "stale")).getByRole("link"));
    expect(screen.getByTestId("location")).toHaveTextContent("/operations");
    expect(screen.getByTestId("location-search")).toHaveTextContent("?tab=likely_stale&tenant=t-contoso");
  });

  it("opens the tenant when its row is clicked", async () => {
    renderOverview();
    const [, fabrikam] = (await screen.findAllByTestId("overview-row")) as [HTMLElement, HTMLElement];
    await userEvent.click(cell(fabrikam, "connection"));
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-fabrikam");
  });

  it("renders only the rows on screen of a workspace with 500 tenants", async () => {
    renderOverview(fakeCommands({ workspaceOverview: vi.fn(async () => manyTenants(500)) }));
    await screen.findAllByTestId("overview-row");
    const grid = screen.getByRole("grid", { name: "Tenants at a glance" });
    // Two header rows and every tenant, of which only a window is in the document.
    expect(grid).toHaveAttribute("aria-rowcount", "502");
    expect(rowsShown().length).toBeLessThan(60);
    expect(screen.getByTestId("headline-attention")).toHaveTextContent("of 500 tenants");

    expect(rowNames()[0]).toBe("Tenant 001");
    expect(rowNames()).not.toContain("Tenant 500");
  });

  it("lets the last syncs give way first on a narrow table, and the chooser bring them back", async () => {
    observedWidth(860);
    renderOverview();
    await screen.findAllByTestId("overview-row");
    const headers = () =>
      within(screen.getByRole("grid"))
        .getAllByRole("columnheader")
        .map((th) => th.textContent);
    await waitFor(() =>
      expect(headers()).toEqual([
        "Tenant",
        "Connection",
        "Last sync",
        "Failed 7 d",
        "Stale",
        "Open findings",
        "Inventory",
        "Policies",
      ]),
    );
    await userEvent.click(screen.getByRole("button", { name: /Choose columns of Tenants at a glance \(2 hidden\)/ }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Connection" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Open findings" }));
    expect(headers()).toEqual([
      "Tenant",
      "Last sync",
      "Failed 7 d",
      "Stale",
      "Inventory",
      "Policies",
      "Groups",
      "Roles",
    ]);
  });

  it("points an empty workspace to Add tenant", async () => {
    renderOverview(fakeCommands({ workspaceOverview: vi.fn(async () => workspaceOverview({ tenants: [] })) }));
    const empty = await screen.findByTestId("overview-empty");
    expect(empty).toHaveTextContent("Northwind MSP (demo) has no customer tenants yet");
    expect(screen.queryByTestId("headlines")).not.toBeInTheDocument();
    await userEvent.click(within(empty).getByRole("button", { name: "Add tenant" }));
    expect(await screen.findByRole("dialog", { name: "Add tenant" })).toBeInTheDocument();
  });

  it("tells a member entitled to no tenants who can help, without offering Add tenant", async () => {
    renderOverview(fakeCommands({ workspaceOverview: vi.fn(async () => workspaceOverview({ tenants: [] })) }), {
      workspace: workspaceSummary({}, { role: "operator", all_tenants: false, capabilities: ["tenant.view"] }),
    });
    const empty = await screen.findByTestId("overview-empty");
    expect(empty).toHaveTextContent("You are not entitled to any tenants in this workspace");
    expect(within(empty).queryByRole("button")).not.toBeInTheDocument();
  });

  it("shows a failure with Retry, and the overview once it answers", async () => {
    let fail = true;
    const commands = fakeCommands({
      workspaceOverview: vi.fn(async () => {
        if (fail) throw { code: "storage_unavailable", message: "The database is not reachable." };
        return workspaceOverview();
      }),
    });
    renderOverview(commands);
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveTextContent("The overview could not be loaded");
    expect(error).toHaveTextContent("The database is not reachable.");
    fail = false;
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await screen.findAllByTestId("overview-row")).toHaveLength(2);
  });

  it("says how fresh the figures are and reads them again on Refresh", async () => {
    const commands = fakeCommands();
    renderOverview(commands);
    await screen.findAllByTestId("overview-row");
    expect(screen.getByTestId("overview-updated")).toHaveAttribute("datetime", "2026-11-22T10:00:00.000Z");
    await userEvent.click(screen.getByRole("button", { name: "Refresh the overview" }));
    await waitFor(() => expect(commands.workspaceOverview).toHaveBeenCalledTimes(2));
  });

  it("reads the overview again when a run completes", async () => {
    const { commands, platform } = renderOverview();
    await screen.findAllByTestId("overview-row");
    await waitFor(() => expect(platform.listeners()).toBe(1));
    platform.emitRuns([
      "completed",
      run({ status: "completed", outcome: "failed", completed_at: "2026-11-22T10:01:00.000Z" }),
    ]);
    await waitFor(() => expect(commands.workspaceOverview).toHaveBeenCalledTimes(2));
  });
});
