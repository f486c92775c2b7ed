import { TextInput } from "@mantine/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type { Capability, RunListFilter, RunListPage } from "../bindings/types";
import { AppFrame } from "../components/AppFrame";
import { deferred, fakeCommands, runIndex } from "../test/fakeCommands";
import { appInfo, runRow, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";

const RUN_ID = "0193a4f2-7c1e-7b3a-9d2e-5f6a7b8c9d0e";

function renderFrame({
  route = "/",
  commands = {},
  capabilities,
}: {
  route?: string;
  commands?: Partial<Commands>;
  capabilities?: Capability[];
} = {}) {
  const user = userEvent.setup();
  const workspace = workspaceSummary({}, capabilities === undefined ? {} : { capabilities });
  const result = renderApp(
    <AppFrame appInfo={appInfo()}>
      <TextInput label="Filter the page" />
    </AppFrame>,
    { commands: fakeCommands(commands), workspace, route },
  );
  return { ...result, user };
}

const palette = () => screen.findByRole("dialog", { name: "Command palette" });
const paletteInput = () => screen.getByRole("combobox", { name: "Search tenants, objects, runs and pages" });
const location = () => screen.getByTestId("location");
/** The options of one group of results, by the group's title. */
const group = (title: string) => within(screen.getByRole("group", { name: title }));

/** The palette, opened with Ctrl+K, its search field focused. */
async function openWithKeyboard(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Control>}k{/Control}");
  await palette();
  await waitFor(() => expect(paletteInput()).toHaveFocus());
}

/** A listRuns that answers the palette's search with `rows` and everything else with none. */
function runSearch(rows: ReturnType<typeof runRow>[]) {
  const none = runIndex([]);
  return vi.fn(async (request: { workspace_id: string; filter: RunListFilter }) =>
    request.filter.search === undefined ? none(request) : { items: rows, total: rows.length, total_capped: false },
  );
}

describe("Command palette", () => {
  it("opens with Ctrl+K, finds a tenant by name and opens it with Enter", async () => {
    const { user } = renderFrame();
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();

    await openWithKeyboard(user);
    // Before anything is typed it lists the pages.
    expect(
      group("Pages")
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual([
      "Overview",
      "Tenants",
      "Baselines",
      "Findings",
      "Review packs",
      "Operations",
      "Schedules",
      "Members",
      "Audit log",
      "Search",
      "About TenantAtlas",
    ]);

    await user.keyboard("fabri");
    const fabrikam = await screen.findByRole("option", { name: /Fabrikam Logistics/ });
    expect(fabrikam).toHaveAttribute("aria-selected", "true");
    expect(paletteInput()).toHaveAttribute("aria-activedescendant", fabrikam.id);
    expect(screen.queryByRole("group", { name: "Pages" })).not.toBeInTheDocument();

    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent("/tenants/t-fabrikam");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument());
  });

  it("also opens with ⌘K and from the header button, and Esc closes it", async () => {
    const { user } = renderFrame();
    await user.keyboard("{Meta>}k{/Meta}");
    await palette();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument());

    await user.click(screen.getByTestId("open-command-palette"));
    await palette();
    await waitFor(() => expect(paletteInput()).toHaveFocus());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument());
    expect(location()).toHaveTextContent(/^\/$/);
  });

  it("opens from a text field too, and starts empty each time", async () => {
    const { user } = renderFrame();
    await user.click(screen.getByRole("textbox", { name: "Filter the page" }));
    await openWithKeyboard(user);
    await user.keyboard("contoso");
    expect(paletteInput()).toHaveValue("contoso");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument());

    await openWithKeyboard(user);
    expect(paletteInput()).toHaveValue("");
  });

  it("finds tenants by domain and marks archived and paused ones", async () => {
    const { user } = renderFrame();
    await openWithKeyboard(user);
    await user.keyboard("onmicrosoft");
    const tenants = group("Tenants").getAllByRole("option");
    // Contoso and Fabrikam by their domains; Adatum (archived) has none.
    expect(tenants.map((option) => option.textContent)).toEqual([
      "Contoso Pharmacontoso-pharma.onmicrosoft.com",
      "Fabrikam Logisticsfabrikam.onmicrosoft.comPaused",
    ]);

    await user.clear(paletteInput());
    await user.keyboard("adatum");
    const adatum = await screen.findByRole("option", { name: /Adatum Legal/ });
    expect(within(adatum).getByText("Archived")).toBeInTheDocument();
  });

  it("finds pages by name or another word for them, among those the member may open", async () => {
    const { user } = renderFrame({ capabilities: ["tenant.view", "operations.view"] });
    await openWithKeyboard(user);
    expect(
      group("Pages")
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual([
      "Overview",
      "Tenants",
      "Findings",
      "Operations",
      "Schedules",
      "Members",
      "Search",
      // Every member may open About.
      "About TenantAtlas",
    ]);

    await user.keyboard("audit");
    expect(await screen.findByTestId("palette-empty")).toHaveTextContent("No tenant, run or page matches “audit”.");

    await user.clear(paletteInput());
    await user.keyboard("runs");
    const operations = await screen.findByRole("option", { name: "Operations" });
    expect(operations).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent("/operations");

    await openWithKeyboard(user);
    await user.keyboard("updates");
    expect(await screen.findByRole("option", { name: "About TenantAtlas" })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent(/^\/about$/);
  });

  it("opens the Search page and the Schedules page, also by other words for them", async () => {
    const { user } = renderFrame();
    await openWithKeyboard(user);
    await user.keyboard("search");
    expect(
      group("Pages")
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Search"]);
    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent("/search");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument());

    await openWithKeyboard(user);
    await user.keyboard("cron");
    const schedules = await screen.findByRole("option", { name: "Schedules" });
    expect(schedules).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent("/schedules");
  });

  it("searches runs through the operations index, debounced, and opens one", async () => {
    const listRuns = runSearch([runRow({ id: RUN_ID, status: "completed", outcome: "failed" })]);
    const { user } = renderFrame({ commands: { listRuns } });
    await openWithKeyboard(user);
    await user.keyboard("0193a4");

    const run = await screen.findByRole("option", { name: /Inventory sync · Contoso Pharma/ });
    expect(run).toHaveTextContent("Failed");
    expect(run).toHaveTextContent("0193a4f2…");
    const searches = listRuns.mock.calls.filter(([request]) => request.filter.search !== undefined);
    // One request for the text once typing paused, not one per key.
    expect(searches).toHaveLength(1);
    expect(searches[0]?.[0]).toEqual({
      workspace_id: "w1",
      filter: expect.objectContaining({ tab: "all", search: "0193a4", offset: 0, limit: 8 }),
    });

    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent(`/runs/${RUN_ID}`);
  });

  it("groups tenants before runs, and the arrows move between them", async () => {
    const listRuns = runSearch([runRow({ id: RUN_ID })]);
    const { user } = renderFrame({ commands: { listRuns } });
    await openWithKeyboard(user);
    await user.keyboard("contoso");
    const run = await screen.findByRole("option", { name: /Inventory sync · Contoso Pharma/ });
    const tenant = group("Tenants").getByRole("option", { name: /Contoso Pharma/ });
    expect(tenant).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{ArrowDown}");
    expect(run).toHaveAttribute("aria-selected", "true");
    expect(tenant).toHaveAttribute("aria-selected", "false");
    await user.keyboard("{ArrowDown}");
    // Past the last result the highlight wraps to the first, and back.
    expect(tenant).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowUp}");
    expect(run).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{Enter}");
    expect(location()).toHaveTextContent(`/runs/${RUN_ID}`);
  });

  it("offers every matching run on the Operations page when there are more", async () => {
    const rows = Array.from({ length: 8 }, (_, i) => runRow({ id: `${RUN_ID.slice(0, -1)}${i}` }));
    const none = runIndex([]);
    const listRuns = vi.fn(async (request: { workspace_id: string; filter: RunListFilter }) =>
      request.filter.search === undefined ? none(request) : { items: rows, total: 10_000, total_capped: true },
    );
    const { user } = renderFrame({ commands: { listRuns } });
    await openWithKeyboard(user);
    await user.keyboard("contoso");
    await user.click(await screen.findByRole("option", { name: /All 10,000\+ matching runs/ }));
    expect(location()).toHaveTextContent("/operations");
    expect(screen.getByTestId("location-search")).toHaveTextContent("?q=contoso");
  });

  it("inside a tenant, finds its objects by name and opens one", async () => {
    const { user, commands } = renderFrame({ route: "/tenants/t-contoso" });
    await openWithKeyboard(user);
    await user.keyboard("Policy 00");

    const objects = await screen.findByRole("group", { name: "Objects in Contoso Pharma" });
    expect(commands.listInventory).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      filter: expect.objectContaining({ search: "Policy 00", include_removed: false, offset: 0, limit: 8 }),
    });
    const options = within(objects).getAllByRole("option");
    // Eight objects, and the way to all 70 in the inventory.
    expect(options).toHaveLength(9);
    expect(options[0]).toHaveTextContent("WIN - SC - Policy 000");
    expect(options[0]).toHaveTextContent("Settings catalog policy");
    expect(options[8]).toHaveTextContent("All 70 matching objects");

    await user.keyboard("{ArrowDown}{Enter}");
    expect(location()).toHaveTextContent("/tenants/t-contoso/objects/item-1");
  });

  it("outside a tenant searches every tenant's objects, and no runs for members who may not see them", async () => {
    const { user, commands } = renderFrame({ capabilities: ["tenant.view"] });
    await openWithKeyboard(user);
    await user.keyboard("nothing like it");
    expect(await screen.findByTestId("palette-empty")).toHaveTextContent(
      "No tenant or page matches “nothing like it”.",
    );
    expect(commands.listInventory).not.toHaveBeenCalled();
    expect(commands.searchWorkspace).toHaveBeenCalledWith(
      expect.objectContaining({ query: "nothing like it", objects_only: true }),
    );
    expect(commands.listRuns).not.toHaveBeenCalledWith(
      expect.objectContaining({ filter: expect.objectContaining({ search: expect.anything() }) }),
    );
  });

  it("finds a policy in every tenant at once and opens it", async () => {
    const searchWorkspace = vi.fn(async () => ({
      objects: [
        {
          tenant_id: "t-contoso",
          tenant_name: "Contoso Pharma",
          item_id: "item-7",
          object_type: "settings_catalog",
          type_label: "Settings catalog policy",
          display_name: "WIN - Defender baseline",
        },
        {
          tenant_id: "t-fabrikam",
          tenant_name: "Fabrikam",
          item_id: "item-9",
          object_type: "settings_catalog",
          type_label: "Settings catalog policy",
          display_name: "WIN - Defender baseline",
        },
      ],
      groups: [],
      settings: [],
      truncated: true,
    }));
    const { user } = renderFrame({ commands: { searchWorkspace } });
    await openWithKeyboard(user);
    await user.keyboard("defender");
    const found = await screen.findByRole("group", { name: "Objects in every tenant" });
    const options = within(found).getAllByRole("option");
    expect(options[0]).toHaveTextContent("Settings catalog policy · Contoso Pharma");
    expect(options[1]).toHaveTextContent("Fabrikam");
    expect(options[2]).toHaveTextContent("Search every tenant");
    await user.click(options[1] as HTMLElement);
    expect(location()).toHaveTextContent("/tenants/t-fabrikam/objects/item-9");
  });

  it("says when nothing matches, once the search is done, and shows it is searching before", async () => {
    const answer = deferred<RunListPage>();
    const none = runIndex([]);
    const listRuns = vi.fn((request: { workspace_id: string; filter: RunListFilter }) =>
      request.filter.search === undefined ? none(request) : answer.promise,
    );
    const listInventory = vi.fn(async () => ({ items: [], total: 0 }));
    const { user } = renderFrame({ route: "/tenants/t-contoso", commands: { listRuns, listInventory } });
    await openWithKeyboard(user);
    await user.keyboard("zzz");
    expect(screen.getByTestId("palette-searching")).toBeInTheDocument();
    await waitFor(() =>
      expect(listRuns).toHaveBeenCalledWith(
        expect.objectContaining({ filter: expect.objectContaining({ search: "zzz" }) }),
      ),
    );
    expect(screen.getByTestId("palette-searching")).toBeInTheDocument();
    expect(screen.queryByTestId("palette-empty")).not.toBeInTheDocument();

    answer.resolve({ items: [], total: 0, total_capped: false });
    expect(await screen.findByTestId("palette-empty")).toHaveTextContent(
      "No tenant, object, run or page matches “zzz”.",
    );
    expect(screen.queryByTestId("palette-searching")).not.toBeInTheDocument();
  });

  it("names a search that failed instead of showing nothing", async () => {
    const none = runIndex([]);
    const listRuns = vi.fn(async (request: { workspace_id: string; filter: RunListFilter }) => {
      if (request.filter.search !== undefined) throw { code: "internal", message: "The database is locked." };
      return none(request);
    });
    const { user } = renderFrame({ commands: { listRuns } });
    await openWithKeyboard(user);
    await user.keyboard("contoso");
    expect(await screen.findByText("Runs could not be searched: The database is locked.")).toBeInTheDocument();
  });
});
