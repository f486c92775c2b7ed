import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { LastSync, SyncAllResponse, Tenant } from "../bindings/types";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT } from "../components/useVirtualGrid";
import { deferred, fakeCommands } from "../test/fakeCommands";
import { demoTenants, run, startResponse, tenant, workspaceSummary } from "../test/fixtures";
import { observedWidth } from "../test/layout";
import { renderApp } from "../test/render";
import { contentWidth } from "../test/windowSizes";
import { TenantsPage } from "./TenantsPage";
import { tenantColumnSpecs } from "./tenants/columns";

const names = () => screen.getAllByTestId("tenant-row-name").map((name) => name.textContent);

function renderPage(commands = fakeCommands(), workspace = workspaceSummary(), route = "/tenants") {
  return renderApp(<TenantsPage />, { commands, workspace, route });
}

/** The list with archived tenants shown (Adatum Legal is archived in the fixtures). */
const WITH_ARCHIVED = "/tenants?archived=show";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe("TenantsPage", () => {
  it("lists the workspace's tenants with status, connection and simulated markers", async () => {
    const { commands } = renderPage(fakeCommands(), workspaceSummary(), WITH_ARCHIVED);
    const rows = await screen.findAllByTestId("tenant-row");

    expect(commands.listTenants).toHaveBeenCalledWith({ workspace_id: "w1" });
    expect(commands.listLastSyncs).toHaveBeenCalledWith({ workspace_id: "w1" });
    expect(rows).toHaveLength(3);
    expect(names()).toEqual(["Adatum Legal", "Contoso Pharma", "Fabrikam Logistics"]);

    const contoso = within(rows.find((row) => row.textContent?.includes("Contoso")) as HTMLElement);
    expect(contoso.getByText("Active")).toBeInTheDocument();
    // One line per tenant: the primary domain is in the name's title.
    expect(contoso.getByTestId("tenant-row-name")).toHaveAttribute(
      "title",
      "Contoso Pharma · contoso-pharma.onmicrosoft.com",
    );
    expect(contoso.getByText("3c1f0c55…")).toBeInTheDocument();
    expect(contoso.getByText("Not verified")).toBeInTheDocument();
    expect(contoso.getByRole("button", { name: "Copy directory tenant ID" })).toBeInTheDocument();

    const adatum = within(rows.find((row) => row.textContent?.includes("Adatum")) as HTMLElement);
    expect(adatum.getByText("Not connected")).toBeInTheDocument();
    expect(adatum.getByTestId("tenant-row-name")).toHaveAttribute("title", "Adatum Legal · No domain recorded");
    expect(screen.getByText("Paused")).toBeInTheDocument();
    expect(screen.getByText("Archived")).toBeInTheDocument();
    // A flask marks a simulated tenant; the word is there for assistive technology.
    expect(screen.getAllByTestId("simulated-badge")).toHaveLength(2);
    expect(contoso.getByTestId("simulated-badge")).toHaveTextContent("Simulated");
  });

  it("keeps every row one compact line, as tall as the table lays it out", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    const table = screen.getByTestId("tenants-table");
    expect(table.style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(`${TABLE_ROW_HEIGHT}px`);
    for (const row of screen.getAllByTestId("tenant-row")) {
      // No cell stacks a second line under the first.
      expect(row.querySelector(".mantine-Stack-root")).toBeNull();
    }
  });

  it("hides archived tenants by default, never counts them, and shows them on request, kept in the address", async () => {
    renderPage();
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(2);
    expect(names()).toEqual(["Contoso Pharma", "Fabrikam Logistics"]);
    expect(screen.queryByText("Archived")).not.toBeInTheDocument();
    expect(screen.getByTestId("tenant-count")).toHaveTextContent("2");
    expect(screen.getByTestId("tenant-count")).toHaveAccessibleName("2 tenants");

    const toggle = screen.getByRole("switch", { name: "Show archived (1)" });
    expect(toggle).not.toBeChecked();
    await userEvent.click(toggle);
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(3);
    expect(names()).toEqual(["Adatum Legal", "Contoso Pharma", "Fabrikam Logistics"]);
    expect(screen.getByText("Archived")).toBeInTheDocument();
    expect(screen.getByTestId("tenant-count")).toHaveTextContent("2");
    expect(screen.getByTestId("location-search")).toHaveTextContent("?archived=show");

    await userEvent.click(screen.getByRole("switch", { name: "Show archived (1)" }));
    expect(screen.getAllByTestId("tenant-row")).toHaveLength(2);
    expect(screen.getByTestId("location-search")).toBeEmptyDOMElement();
  });

  it("shows archived tenants when the address asks for them", async () => {
    renderPage(fakeCommands(), workspaceSummary(), WITH_ARCHIVED);
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(3);
    expect(screen.getByRole("switch", { name: "Show archived (1)" })).toBeChecked();
  });

  it("offers no switch when no tenant is archived", async () => {
    renderPage(fakeCommands({ listTenants: vi.fn(async () => demoTenants.filter((t) => t.status !== "archived")) }));
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(2);
    expect(screen.queryByRole("switch", { name: /Show archived/ })).not.toBeInTheDocument();
  });

  it("says so when every tenant is archived, instead of an empty table or a Sync all", async () => {
    const archived = demoTenants.filter((t) => t.status === "archived");
    renderPage(fakeCommands({ listTenants: vi.fn(async () => archived) }));
    const empty = await screen.findByTestId("tenants-all-archived");
    expect(empty).toHaveTextContent("No tenants in service");
    expect(empty).toHaveTextContent("This workspace's only tenant is archived, and archived tenants are hidden.");
    expect(screen.getByTestId("tenant-count")).toHaveTextContent("0");
    expect(screen.queryByTestId("tenant-row")).not.toBeInTheDocument();
    expect(screen.queryByTestId("sync-all")).not.toBeInTheDocument();

    await userEvent.click(within(empty).getByRole("button", { name: "Show archived tenants" }));
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(1);
    expect(names()).toEqual(["Adatum Legal"]);
  });

  it("shows each kind's last sync with its outcome, and Never where none completed", async () => {
    const syncs: LastSync[] = [
      { tenant_id: "t-contoso", kind: "inventory", outcome: "succeeded", completed_at: minutesAgo(3) },
      { tenant_id: "t-contoso", kind: "policies", outcome: "partially_succeeded", completed_at: minutesAgo(120) },
      { tenant_id: "t-fabrikam", kind: "roles", outcome: "blocked", completed_at: minutesAgo(10) },
    ];
    renderPage(fakeCommands({ listLastSyncs: vi.fn(async () => syncs) }));
    const rows = await screen.findAllByTestId("tenant-row");
    const contoso = rows.find((row) => row.textContent?.includes("Contoso")) as HTMLElement;
    await waitFor(() => expect(within(contoso).getByText("3 min ago")).toBeInTheDocument());

    const cells = within(contoso).getAllByTestId("last-sync");
    expect(cells.map((cell) => cell.dataset.outcome)).toEqual(["succeeded", "partially_succeeded", "never", "never"]);
    expect(within(contoso).getByRole("img", { name: "Partially succeeded" })).toBeInTheDocument();
    expect(within(contoso).getByText("2 h ago")).toBeInTheDocument();
    const fabrikam = rows.find((row) => row.textContent?.includes("Fabrikam")) as HTMLElement;
    expect(within(fabrikam).getByRole("img", { name: "Blocked" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Last sync" })).toBeInTheDocument();
  });

  it("shows skeleton rows while loading", async () => {
    const pending = deferred<Tenant[]>();
    renderPage(fakeCommands({ listTenants: vi.fn(() => pending.promise) }));
    expect(screen.getByTestId("tenants-loading")).toBeInTheDocument();
    pending.resolve(demoTenants);
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(2);
  });

  it("shows the error with a working Retry", async () => {
    const listTenants = vi
      .fn<() => Promise<Tenant[]>>()
      .mockRejectedValueOnce({ code: "storage_unavailable", message: "The database is locked by another process." })
      .mockResolvedValueOnce(demoTenants);
    renderPage(fakeCommands({ listTenants }));

    const error = await screen.findByTestId("error-state");
    expect(error).toHaveTextContent("The database is locked by another process.");
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(2);
  });

  it("filters by name, domain and directory id", async () => {
    renderPage(fakeCommands(), workspaceSummary(), WITH_ARCHIVED);
    await screen.findAllByTestId("tenant-row");
    const search = screen.getByRole("textbox", { name: "Search tenants" });

    await userEvent.type(search, "fabrikam.onmicrosoft");
    expect(names()).toEqual(["Fabrikam Logistics"]);

    await userEvent.clear(search);
    await userEvent.type(search, "5E6F7A8B");
    expect(names()).toEqual(["Adatum Legal"]);

    await userEvent.clear(search);
    await userEvent.type(search, "contoso ph");
    expect(names()).toEqual(["Contoso Pharma"]);

    await userEvent.clear(search);
    await userEvent.type(search, "Paused"); // status is not searched
    expect(screen.queryAllByTestId("tenant-row")).toHaveLength(0);
    expect(screen.getByTestId("tenants-no-match")).toHaveTextContent("No tenant matches “Paused”.");
  });

  it("sorts by clicking headers and reports it with aria-sort", async () => {
    const syncs: LastSync[] = [
      { tenant_id: "t-fabrikam", kind: "inventory", outcome: "succeeded", completed_at: minutesAgo(3) },
      { tenant_id: "t-adatum", kind: "inventory", outcome: "failed", completed_at: minutesAgo(60) },
    ];
    renderPage(fakeCommands({ listLastSyncs: vi.fn(async () => syncs) }), workspaceSummary(), WITH_ARCHIVED);
    await screen.findAllByTestId("tenant-row");
    await screen.findByText("3 min ago");
    const header = (name: string) => screen.getByRole("columnheader", { name });
    expect(header("Name")).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(within(header("Name")).getByRole("button"));
    expect(header("Name")).toHaveAttribute("aria-sort", "descending");
    expect(names()).toEqual(["Fabrikam Logistics", "Contoso Pharma", "Adatum Legal"]);

    // A last-sync column starts with the most recent sync.
    await userEvent.click(within(header("Inventory")).getByRole("button"));
    expect(header("Inventory")).toHaveAttribute("aria-sort", "descending");
    expect(header("Name")).toHaveAttribute("aria-sort", "none");
    expect(names()).toEqual(["Fabrikam Logistics", "Adatum Legal", "Contoso Pharma"]);

    await userEvent.click(within(header("Status")).getByRole("button"));
    expect(names()).toEqual(["Contoso Pharma", "Adatum Legal", "Fabrikam Logistics"]);
  });

  it("explains an empty workspace and offers to add a tenant", async () => {
    renderPage(fakeCommands({ listTenants: vi.fn(async () => []) }));
    const empty = await screen.findByTestId("tenants-empty");
    expect(empty).toHaveTextContent("This workspace has no tenants yet.");
    expect(screen.queryByRole("textbox", { name: "Search tenants" })).not.toBeInTheDocument();
    expect(within(empty).getByRole("button", { name: "Add tenant" })).toBeInTheDocument();
    expect(screen.queryByTestId("sync-all")).not.toBeInTheDocument();
  });

  it("explains missing entitlements when the membership does not cover all tenants", async () => {
    renderPage(
      fakeCommands({ listTenants: vi.fn(async () => []) }),
      workspaceSummary({}, { all_tenants: false, role: "operator", capabilities: ["tenant.view", "tenant.sync"] }),
    );
    expect(await screen.findByTestId("tenants-empty")).toHaveTextContent(
      "You are not entitled to any tenants in this workspace. A workspace owner can grant access.",
    );
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("offers neither Add tenant nor Sync all to a read-only member", async () => {
    renderPage(fakeCommands(), workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }));
    await screen.findAllByTestId("tenant-row");
    expect(screen.queryByTestId("add-tenant")).not.toBeInTheDocument();
    expect(screen.queryByTestId("sync-all")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Back up all" })).not.toBeInTheDocument();
  });

  it("moves through the tenants with the keyboard and opens one with Enter", async () => {
    renderPage(fakeCommands(), workspaceSummary(), WITH_ARCHIVED);
    await screen.findAllByTestId("tenant-row");
    const grid = screen.getByRole("grid", { name: "Tenants" });

    // One tab stop for the whole table: the rows are not, and only the highlighted row's copy
    // button is in the tab order.
    expect(grid).toHaveAttribute("tabindex", "0");
    expect(screen.getAllByTestId("tenant-row").map((row) => row.getAttribute("tabindex"))).toEqual([null, null, null]);
    const copyButtons = () => screen.getAllByRole("button", { name: "Copy directory tenant ID" });
    expect(copyButtons().map((button) => button.tabIndex)).toEqual([0, -1, -1]);

    act(() => grid.focus());
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-0");
    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-1");
    expect(screen.getAllByTestId("tenant-row")[1]).toHaveAttribute("aria-selected", "true");
    expect(copyButtons().map((button) => button.tabIndex)).toEqual([-1, 0, -1]);
    await userEvent.keyboard("{End}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-2");
    await userEvent.keyboard("{ArrowDown}"); // the last row stays highlighted
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-2");
    await userEvent.keyboard("{Home}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-0");
    await userEvent.keyboard("{PageDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-2");
    await userEvent.keyboard("{ArrowUp}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-1");

    // Keys pressed on a sort button are the button's: the highlight does not move.
    act(() =>
      within(screen.getByRole("columnheader", { name: "Name" }))
        .getByRole("button")
        .focus(),
    );
    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-1");

    act(() => grid.focus());
    await userEvent.keyboard("{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso");
  });

  it("is reached with Tab from the controls above it, then arrows move the highlight and Enter opens it", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    const grid = screen.getByRole("grid", { name: "Tenants" });
    act(() => screen.getByRole("textbox", { name: "Search tenants" }).focus());

    // Tab walks the page's controls (archived switch, columns, Sync all, Add tenant) into the table.
    for (let press = 0; press < 8 && document.activeElement !== grid; press++) await userEvent.tab();
    expect(grid).toHaveFocus();
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-0");

    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-1");
    await userEvent.keyboard("{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-fabrikam");
  });

  it("starts the highlight over at the top of a new order or search", async () => {
    renderPage(fakeCommands(), workspaceSummary(), WITH_ARCHIVED);
    await screen.findAllByTestId("tenant-row");
    const grid = screen.getByRole("grid", { name: "Tenants" });
    act(() => grid.focus());
    await userEvent.keyboard("{End}");
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-2");

    await userEvent.click(within(screen.getByRole("columnheader", { name: "Name" })).getByRole("button"));
    expect(names()).toEqual(["Fabrikam Logistics", "Contoso Pharma", "Adatum Legal"]);
    expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-0");
    act(() => grid.focus());
    await userEvent.keyboard("{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-fabrikam");
  });

  it("renders only the rows on screen of 500 tenants, and reaches the last with the keyboard", async () => {
    const many = Array.from({ length: 500 }, (_, index) =>
      tenant({ id: `t-${index}`, display_name: `Tenant ${String(index + 1).padStart(3, "0")}` }),
    );
    // jsdom lays nothing out: as in a browser, the page is as tall as its rows, what is scrolled
    // past moves up the viewport, and scrolling the window moves it.
    Object.defineProperty(document.documentElement, "scrollHeight", { value: 52 * 500 + 400, configurable: true });
    vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(
      () => new DOMRect(0, -window.scrollY, 800, 52),
    );
    const scrollWindow = (y: number) => {
      Object.defineProperty(window, "scrollY", { value: y, configurable: true });
      Object.defineProperty(window, "pageYOffset", { value: y, configurable: true });
    };
    // The position changes at once, the scroll event follows (as in a browser).
    vi.spyOn(window, "scrollTo").mockImplementation(((options: ScrollToOptions) => {
      scrollWindow(options.top ?? 0);
      setTimeout(() => fireEvent.scroll(window));
    }) as typeof window.scrollTo);
    try {
      renderPage(fakeCommands({ listTenants: vi.fn(async () => many) }));
      await screen.findAllByTestId("tenant-row");
      const grid = screen.getByRole("grid", { name: "Tenants" });

      // Two header rows and every tenant, of which only a window is in the document.
      expect(grid).toHaveAttribute("aria-rowcount", "502");
      expect(screen.getByTestId("tenant-count")).toHaveTextContent("500");
      expect(screen.getAllByTestId("tenant-row").length).toBeLessThan(60);
      expect(names()[0]).toBe("Tenant 001");
      expect(names()).not.toContain("Tenant 500");

      act(() => grid.focus());
      await userEvent.keyboard("{End}");
      await waitFor(() => expect(names()).toContain("Tenant 500"));
      expect(screen.getAllByTestId("tenant-row").length).toBeLessThan(60);
      expect(names()).not.toContain("Tenant 001");
      expect(grid).toHaveAttribute("aria-activedescendant", "tenant-row-499");
      expect(document.getElementById("tenant-row-499")).toHaveAttribute("aria-rowindex", "502");
      await userEvent.keyboard("{Enter}");
      expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-499");
    } finally {
      scrollWindow(0);
      Reflect.deleteProperty(document.documentElement, "scrollHeight");
    }
  });

  it("opens a tenant on click", async () => {
    renderPage();
    const rows = await screen.findAllByTestId("tenant-row");
    await userEvent.click(rows[1] as HTMLElement);
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-fabrikam");
  });

  it("copies the directory id without opening the row", async () => {
    renderPage();
    const rows = await screen.findAllByTestId("tenant-row");
    await userEvent.click(within(rows[0] as HTMLElement).getByRole("button", { name: "Copy directory tenant ID" }));
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/tenants$/);
  });

  it("syncs all tenants and sums up what was queued, already running and skipped, archived ones left out", async () => {
    const response: SyncAllResponse = {
      started: [
        {
          tenant_id: "t-contoso",
          display_name: "Contoso Pharma",
          start: startResponse("queued", "Inventory sync of Contoso Pharma queued", { id: "r-1" }),
        },
        {
          tenant_id: "t-x",
          display_name: "Xylo",
          start: startResponse("queued", "Inventory sync of Xylo queued", { id: "r-2" }),
        },
        {
          tenant_id: "t-y",
          display_name: "Yarrow",
          start: startResponse("already_active", "Inventory sync of Yarrow is already running", {
            id: "r-3",
            status: "running",
          }),
        },
      ],
      skipped: [
        {
          tenant_id: "t-fabrikam",
          display_name: "Fabrikam Logistics",
          reason: "Fabrikam Logistics is paused: reactivate it to sync.",
        },
        // Archived: out of service, so "all tenants" never meant it and the toast does not warn.
        { tenant_id: "t-adatum", display_name: "Adatum Legal", reason: "Adatum Legal is archived." },
      ],
    };
    // The runs stay queued until the test has read the start.
    let finished = false;
    const getRun = vi.fn(async ({ run_id }: { run_id: string }) =>
      run(finished ? { id: run_id, status: "completed", outcome: "succeeded" } : { id: run_id }),
    );
    const { commands } = renderPage(fakeCommands({ syncAll: vi.fn(async () => response), getRun }));
    await screen.findAllByTestId("tenant-row");

    await userEvent.click(screen.getByTestId("sync-all"));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Inventory" }));

    expect(commands.syncAll).toHaveBeenCalledWith({ workspace_id: "w1", kind: "inventory" });
    const toast = await screen.findByTestId("sync-all-toast");
    expect(toast).toHaveTextContent("2 syncs queued, 1 already in progress, 1 skipped");
    expect(toast).toHaveTextContent("Fabrikam Logistics is paused: reactivate it to sync.");
    expect(toast).not.toHaveTextContent("Adatum");
    expect(screen.getByText("Inventory sync of all tenants")).toBeInTheDocument();
    // The started runs are watched; their completion refreshes the last-sync columns.
    for (const id of ["r-1", "r-2", "r-3"]) {
      await waitFor(() => expect(commands.getRun).toHaveBeenCalledWith({ run_id: id }));
    }
    finished = true;
    expect(
      await screen.findByText("Inventory sync of all tenants finished", {}, { timeout: 3_000 }),
    ).toBeInTheDocument();
    // The same toast, changed in place: how they ended, still saying what was skipped.
    const done = screen.getByTestId("completion-toast");
    expect(done).toHaveTextContent("3 succeeded");
    expect(done).toHaveTextContent("Fabrikam Logistics is paused: reactivate it to sync.");
    expect(done).not.toHaveTextContent("Adatum");
    expect(screen.queryByTestId("sync-all-toast")).not.toBeInTheDocument();
    expect(document.querySelectorAll(".mantine-Notification-root")).toHaveLength(1);
    expect(vi.mocked(commands.listLastSyncs).mock.calls.length).toBeGreaterThan(2);
  });
});

describe("Back up all", () => {
  it("backs up every active tenant with one toast that names the tenants it skipped", async () => {
    const { commands } = renderPage(
      fakeCommands({ getRun: vi.fn(async ({ run_id }) => run({ id: run_id, type: "backup_schedule_run" })) }),
    );
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(screen.getByRole("button", { name: "Back up all" }));

    expect(commands.backUpAll).toHaveBeenCalledWith({ workspace_id: "w1" });
    const toast = await screen.findByTestId("backup-all-toast");
    expect(toast).toHaveTextContent("1 backup queued, 0 already in progress, 1 skipped");
    expect(toast).toHaveTextContent("Fabrikam Logistics is paused: reactivate it to back up.");
    // Archived: out of service, so "all tenants" never meant it.
    expect(toast).not.toHaveTextContent("Adatum");
    expect(screen.getByText("Backup of all tenants")).toBeInTheDocument();
    await waitFor(() => expect(commands.getRun).toHaveBeenCalledWith({ run_id: "r-backup-new-1" }));
  });

  it("says why nothing was backed up when the backend refuses", async () => {
    renderPage(
      fakeCommands({
        backUpAll: vi.fn(async () => {
          throw { code: "forbidden", message: "You may not back up tenants in this workspace." };
        }),
      }),
    );
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(screen.getByRole("button", { name: "Back up all" }));
    expect(await screen.findByText("Backup of all tenants was not started")).toBeInTheDocument();
    expect(screen.getByText("You may not back up tenants in this workspace.")).toBeInTheDocument();
  });
});

describe("TenantsPage columns", () => {
  // The titled columns: not the group heading over the last syncs, nor the selection column's.
  const headers = () =>
    screen
      .getAllByRole("columnheader")
      .map((header) => header.textContent)
      .filter((text) => text !== "Last sync" && text !== "");

  it("fits the default 1280×800 window without scrolling sideways", async () => {
    const room = contentWidth(1280);
    observedWidth(room);
    renderPage();
    await screen.findAllByTestId("tenant-row");
    await waitFor(() => expect(headers()).not.toContain("Directory ID"));
    expect(headers()).toEqual(["Name", "Status", "Connection", "Inventory", "Policies", "Groups", "Roles"]);
    // The fixed columns as rendered, and at least its minimum for the name, which takes the rest.
    const fixed = [...screen.getByTestId("tenants-table").querySelectorAll("col")].reduce(
      (sum, col) => sum + (Number.parseFloat(col.style.width) || 0),
      0,
    );
    const name = tenantColumnSpecs.find((column) => column.key === "name")?.minWidth ?? 0;
    expect(fixed + name).toBeLessThanOrEqual(room);
  });

  it("keeps the name and every last sync in view at 1024 px, dropping the directory id first", async () => {
    // 1024 px window, navigation collapsed to icons, page padding and a scrollbar: 913 px for the table.
    observedWidth(contentWidth(1024));
    renderPage();
    await screen.findAllByTestId("tenant-row");
    await waitFor(() => expect(headers()).not.toContain("Directory ID"));
    expect(headers()).toEqual(["Name", "Status", "Connection", "Inventory", "Policies", "Groups", "Roles"]);

    // Dropped for width, still listed, and said why.
    await userEvent.click(screen.getByRole("button", { name: /^Choose columns of Tenants/ }));
    const directory = await screen.findByRole("checkbox", { name: "Directory ID" });
    expect(directory).toBeChecked();
    expect(directory).toHaveAccessibleDescription("Hidden while the window is this narrow");
  });

  it("resizes a column by its edge from the keyboard, remembers it, and resets it with a double-click", async () => {
    observedWidth(contentWidth(1280));
    const { unmount } = renderPage();
    await screen.findAllByTestId("tenant-row");
    const widths = () =>
      [...screen.getByTestId("tenants-table").querySelectorAll("col")].map((col) => col.style.width || "rest");
    // The selection column, the name (it takes the rest), status, connection and the four last syncs.
    expect(widths()).toEqual(["44px", "rest", "110px", "150px", "96px", "96px", "96px", "96px"]);
    // The name has no handle: it gives and takes what the others do not use.
    expect(screen.queryByRole("separator", { name: "Resize Name" })).not.toBeInTheDocument();
    const handle = screen.getByRole("separator", { name: "Resize Last sync: Inventory" });
    act(() => handle.focus());
    await userEvent.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(widths()[4]).toBe("128px");
    // The keys were the handle's: the table's highlight and the page stay.
    expect(screen.getByRole("grid", { name: "Tenants" })).toHaveAttribute("aria-activedescendant", "tenant-row-0");
    unmount();

    renderPage();
    await screen.findAllByTestId("tenant-row");
    expect(widths()[4]).toBe("128px");
    await userEvent.dblClick(screen.getByRole("separator", { name: "Resize Last sync: Inventory" }));
    expect(widths()[4]).toBe("96px");
  });

  it("lets the operator hide columns, never the name, and remembers the choice", async () => {
    const { unmount } = renderPage();
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(screen.getByRole("button", { name: "Choose columns of Tenants" }));
    const name = await screen.findByRole("checkbox", { name: "Name" });
    expect(name).toBeChecked();
    expect(name).toBeDisabled();

    await userEvent.click(screen.getByRole("checkbox", { name: "Connection" }));
    expect(headers()).not.toContain("Connection");
    expect(screen.getByRole("button", { name: "Choose columns of Tenants (1 hidden)" })).toBeInTheDocument();
    unmount();

    renderPage();
    await screen.findAllByTestId("tenant-row");
    expect(headers()).toEqual(["Name", "Directory ID", "Status", "Inventory", "Policies", "Groups", "Roles"]);
    await userEvent.click(screen.getByRole("button", { name: "Choose columns of Tenants (1 hidden)" }));
    await userEvent.click(await screen.findByRole("button", { name: "Show all columns" }));
    expect(headers()).toContain("Connection");
  });
});
