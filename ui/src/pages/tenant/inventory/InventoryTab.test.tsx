import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT } from "../../../components/useVirtualGrid";
import { fakeCommands } from "../../../test/fakeCommands";
import { inventoryItem, inventoryPage, workspaceSummary } from "../../../test/fixtures";
import { observedWidth } from "../../../test/layout";
import { renderApp } from "../../../test/render";
import { contentWidth } from "../../../test/windowSizes";
import { TenantPage } from "../TenantPage";
import { TYPE_LIST_GAP, TYPE_LIST_WIDTH } from "./InventoryTab";
import { readView, writeView } from "./inventoryView";

function renderInventory(commands = fakeCommands(), route = "/tenants/t-contoso") {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

function lastFilter(commands: ReturnType<typeof fakeCommands>) {
  const request = vi.mocked(commands.listInventory).mock.lastCall?.[0];
  if (request === undefined) throw new Error("listInventory was not called");
  return request.filter;
}

describe("Inventory tab", () => {
  it("renders only the rows in view and asks for the first page of 200", async () => {
    const commands = fakeCommands({ listInventory: vi.fn(inventoryPage(5_000)) });
    renderInventory(commands);
    const rows = await screen.findAllByTestId("inventory-row");

    expect(screen.getByTestId("inventory-total")).toHaveTextContent("5,000 objects");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole("grid", { name: "Inventory" })).toHaveAttribute("aria-rowcount", "5001");
    expect(commands.listInventory).toHaveBeenCalledTimes(1);
    expect(commands.listInventory).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      filter: {
        object_types: [],
        platform: null,
        search: null,
        include_removed: false,
        sort: { key: "display_name", direction: "asc" },
        offset: 0,
        limit: 200,
      },
    });
    expect(within(rows[0] as HTMLElement).getByText("WIN - SC - Policy 000")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("Settings catalog policy")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("Windows")).toBeInTheDocument();
  });

  it("gives the name the room on a narrow table: the platform, then last seen give way", async () => {
    observedWidth(500);
    renderInventory(fakeCommands({ listInventory: vi.fn(inventoryPage(20)) }));
    const rows = await screen.findAllByTestId("inventory-row");
    const grid = screen.getByRole("grid", { name: "Inventory" });
    await waitFor(() =>
      expect(
        within(grid)
          .getAllByRole("columnheader")
          .map((th) => th.textContent),
      ).toEqual(["Name", "Type"]),
    );
    expect(within(rows[0] as HTMLElement).getAllByRole("cell")).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "Choose columns of Inventory (2 hidden)" }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Type" }));
    // Without the type, the others fit again.
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Name", "Platform", "Last seen"]);
  });

  it("shows every column in compact rows beside the type list at the default 1280×800 window", async () => {
    // The width the table's container has there (what the column fitting measures).
    observedWidth(contentWidth(1280) - TYPE_LIST_WIDTH - TYPE_LIST_GAP);
    renderInventory(fakeCommands({ listInventory: vi.fn(inventoryPage(20)) }));
    await screen.findAllByTestId("inventory-row");
    const grid = screen.getByRole("grid", { name: "Inventory" });
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Name", "Type", "Platform", "Last seen"]);
    expect(grid.style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(`${TABLE_ROW_HEIGHT}px`);
  });

  it("fetches the page that scrolls into view, by position", async () => {
    // As in a browser: what is scrolled past moves up the viewport.
    vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(
      () => new DOMRect(0, -window.scrollY, 800, TABLE_ROW_HEIGHT),
    );
    const commands = fakeCommands({ listInventory: vi.fn(inventoryPage(5_000)) });
    renderInventory(commands);
    await screen.findAllByTestId("inventory-row");

    // Jump far down the list: only that page is asked for, not everything before it.
    const scrollTo = (y: number) =>
      act(() => {
        Object.defineProperty(window, "scrollY", { value: y, configurable: true });
        Object.defineProperty(window, "pageYOffset", { value: y, configurable: true });
        fireEvent.scroll(window);
      });
    scrollTo(TABLE_ROW_HEIGHT * 3_000);
    await waitFor(() =>
      expect(screen.getAllByTestId("inventory-name").some((n) => n.textContent === "WIN - SC - Policy 3000")).toBe(
        true,
      ),
    );
    const offsets = vi.mocked(commands.listInventory).mock.calls.map(([request]) => request.filter.offset);
    expect(offsets).toContain(3_000);
    expect(offsets).not.toContain(1_000);
    scrollTo(0);
  });

  it("shows the counts per type and filters by them, by platform, by name and by removal", async () => {
    const commands = fakeCommands();
    renderInventory(commands);
    await screen.findAllByTestId("inventory-row");

    const types = within(screen.getByTestId("type-list"));
    expect(types.getByTestId("type-count-settings_catalog")).toHaveTextContent("40");
    expect(types.getByTestId("type-count-device_configuration")).toHaveTextContent("25");
    expect(types.getByText("1 other type has no objects in this tenant.")).toBeInTheDocument();

    await userEvent.click(types.getByRole("checkbox", { name: /Settings catalog policy/ }));
    await waitFor(() => expect(lastFilter(commands).object_types).toEqual(["settings_catalog"]));
    await userEvent.click(types.getByRole("checkbox", { name: /Compliance policy/ }));
    await waitFor(() => expect(lastFilter(commands).object_types).toEqual(["settings_catalog", "compliance_policy"]));

    await userEvent.click(screen.getByRole("combobox", { name: "Platform" }));
    await userEvent.click(await screen.findByRole("option", { name: "macOS" }));
    await waitFor(() => expect(lastFilter(commands).platform).toBe("macos"));

    await userEvent.type(screen.getByRole("textbox", { name: "Search inventory" }), "defender");
    await waitFor(() => expect(lastFilter(commands).search).toBe("defender"));

    await userEvent.click(screen.getByRole("switch", { name: "Include removed" }));
    await waitFor(() =>
      expect(lastFilter(commands)).toEqual({
        object_types: ["settings_catalog", "compliance_policy"],
        platform: "macos",
        search: "defender",
        include_removed: true,
        sort: { key: "display_name", direction: "asc" },
        offset: 0,
        limit: 200,
      }),
    );
    // With removed objects included, the counts include them.
    expect(types.getByTestId("type-count-settings_catalog")).toHaveTextContent("42");
  });

  it("applies a saved filter, the search box included, and stays on the tab", async () => {
    window.localStorage.setItem(
      "tenantatlas.filters.inventory",
      JSON.stringify([{ name: "Mac defender", query: "type=settings_catalog&platform=macos&q=defender" }]),
    );
    const commands = fakeCommands();
    renderInventory(commands, "/tenants/t-contoso?tab=inventory");
    await screen.findAllByTestId("inventory-row");
    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Inventory" }));
    await userEvent.click(await screen.findByRole("button", { name: "Apply Mac defender" }));
    await waitFor(() =>
      expect(lastFilter(commands)).toMatchObject({
        object_types: ["settings_catalog"],
        platform: "macos",
        search: "defender",
      }),
    );
    expect(screen.getByRole("textbox", { name: "Search inventory" })).toHaveValue("defender");
    expect(screen.getByTestId("location-search")).toHaveTextContent(
      "?tab=inventory&type=settings_catalog&platform=macos&q=defender",
    );
  });

  it("debounces the search: one request for a typed word", async () => {
    const commands = fakeCommands();
    renderInventory(commands);
    await screen.findAllByTestId("inventory-row");
    await userEvent.type(screen.getByRole("textbox", { name: "Search inventory" }), "firewall");
    await waitFor(() => expect(lastFilter(commands).search).toBe("firewall"));
    const searches = vi.mocked(commands.listInventory).mock.calls.map(([request]) => request.filter.search);
    expect(searches).toEqual([null, "firewall"]);
  });

  it("sorts by name, type and last seen on the server", async () => {
    const commands = fakeCommands();
    renderInventory(commands);
    await screen.findAllByTestId("inventory-row");
    const header = (name: string) => screen.getByRole("columnheader", { name });

    expect(header("Name")).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(within(header("Last seen")).getByRole("button"));
    await waitFor(() => expect(lastFilter(commands).sort).toEqual({ key: "last_seen_at", direction: "desc" }));
    expect(header("Last seen")).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(within(header("Type")).getByRole("button"));
    await waitFor(() => expect(lastFilter(commands).sort).toEqual({ key: "object_type", direction: "asc" }));
    await userEvent.click(within(header("Type")).getByRole("button"));
    await waitFor(() => expect(lastFilter(commands).sort).toEqual({ key: "object_type", direction: "desc" }));
    // Platform has no server-side order, so it offers none.
    expect(within(header("Platform")).queryByRole("button")).not.toBeInTheDocument();
  });

  it("moves the highlighted row with the keyboard and opens it with Enter", async () => {
    renderInventory();
    await screen.findAllByTestId("inventory-row");
    const grid = screen.getByRole("grid", { name: "Inventory" });
    act(() => grid.focus());

    expect(grid).toHaveAttribute("aria-activedescendant", "inventory-row-0");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "inventory-row-2");
    await userEvent.keyboard("{ArrowUp}");
    expect(grid).toHaveAttribute("aria-activedescendant", "inventory-row-1");
    expect(document.getElementById("inventory-row-1")).toHaveAttribute("aria-selected", "true");
    await userEvent.keyboard("{Home}{Enter}");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso/objects/item-0"));
  });

  it("marks removed objects", async () => {
    const listInventory = vi.fn(async () => ({
      items: [inventoryItem(0, { removed_at: "2026-11-22T08:00:00.000Z" })],
      total: 1,
    }));
    renderInventory(fakeCommands({ listInventory }));
    const [row] = await screen.findAllByTestId("inventory-row");
    expect(row).toHaveAttribute("data-removed", "true");
    expect(within(row as HTMLElement).getByText("Removed")).toBeInTheDocument();
  });

  it("before the first sync, offers Sync inventory instead of an empty table", async () => {
    const commands = fakeCommands({ inventoryCounts: vi.fn(async () => []) });
    renderInventory(commands);
    const empty = await screen.findByTestId("inventory-empty");
    expect(empty).toHaveTextContent("No inventory yet");
    expect(commands.listInventory).not.toHaveBeenCalled();
    await userEvent.click(within(empty).getByRole("button", { name: "Sync inventory" }));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "inventory" });
  });

  it("tells a filter that matches nothing apart from an empty inventory", async () => {
    const commands = fakeCommands({ listInventory: vi.fn(async () => ({ items: [], total: 0 })) });
    renderInventory(commands, "/tenants/t-contoso?q=nothing");
    const empty = await screen.findByTestId("inventory-no-match");
    expect(empty).toHaveTextContent("No objects match these filters");
    expect(screen.queryByTestId("inventory-empty")).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Search inventory" })).toHaveValue("nothing");

    vi.mocked(commands.listInventory).mockImplementation(inventoryPage(3));
    await userEvent.click(within(empty).getByRole("button", { name: "Clear filters" }));
    expect(await screen.findAllByTestId("inventory-row")).toHaveLength(3);
    expect(screen.getByRole("textbox", { name: "Search inventory" })).toHaveValue("");
  });

  it("keeps its filters in the address so Back returns to them", () => {
    const params = writeView(new URLSearchParams("tab=inventory"), {
      object_types: ["settings_catalog", "compliance_policy"],
      platform: "windows",
      search: "bitlocker",
      include_removed: true,
      sort: { key: "last_seen_at", direction: "desc" },
    });
    expect(params.toString()).toBe(
      "tab=inventory&type=settings_catalog&type=compliance_policy&platform=windows&q=bitlocker&removed=1&sort=last_seen_at&dir=desc",
    );
    expect(readView(params)).toEqual({
      object_types: ["settings_catalog", "compliance_policy"],
      platform: "windows",
      search: "bitlocker",
      include_removed: true,
      sort: { key: "last_seen_at", direction: "desc" },
    });
    expect(readView(new URLSearchParams("sort=bogus"))).toMatchObject({
      sort: { key: "display_name", direction: "asc" },
    });
  });
});
