import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { SearchResults } from "../../bindings/types";
import { deferred, fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { SearchPage } from "./SearchPage";

const FOUND: SearchResults = {
  objects: [
    {
      tenant_id: "t-contoso",
      tenant_name: "Contoso Pharma",
      item_id: "item-1",
      object_type: "settings_catalog",
      type_label: "Settings catalog policy",
      display_name: "WIN - Defender baseline",
    },
    {
      tenant_id: "t-fabrikam",
      tenant_name: "Fabrikam Logistics",
      item_id: "item-2",
      object_type: "compliance_policy",
      type_label: "Compliance policy",
      display_name: "Defender required",
    },
  ],
  settings: [
    {
      tenant_id: "t-contoso",
      tenant_name: "Contoso Pharma",
      setting_name: "Defender cloud block level",
      definition_id: "device_vendor_msft_policy_config_defender_cloudblocklevel",
      item_id: "item-1",
      policy_name: "WIN - Defender baseline",
    },
  ],
  groups: [
    { tenant_id: "t-fabrikam", tenant_name: "Fabrikam Logistics", group_id: "g-1", display_name: "Defender pilots" },
  ],
  truncated: false,
};

function renderSearch(commands = fakeCommands(), route = "/search") {
  return renderApp(
    <Routes>
      <Route path="/search" element={<SearchPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

const input = () => screen.getByRole("textbox", { name: "Search every tenant" });

describe("SearchPage", () => {
  it("explains itself before anything is typed, and waits for two characters", async () => {
    const { commands } = renderSearch();
    expect(await screen.findByTestId("search-intro")).toHaveTextContent("Search every tenant at once");
    expect(input()).toHaveFocus();
    await userEvent.type(input(), "d");
    expect(await screen.findByTestId("search-too-short")).toHaveTextContent("Type at least 2 characters");
    // Long enough for the debounce to have passed: a single character is never searched.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(commands.searchWorkspace).not.toHaveBeenCalled();
  });

  it("searches every tenant once typing pauses, and keeps the words in the address", async () => {
    const { commands } = renderSearch(fakeCommands({ searchWorkspace: vi.fn(async () => FOUND) }));
    await userEvent.type(input(), "defender");
    expect(await screen.findByTestId("search-count")).toHaveTextContent("4 results for “defender”");
    expect(commands.searchWorkspace).toHaveBeenCalledTimes(1);
    expect(commands.searchWorkspace).toHaveBeenCalledWith({ workspace_id: "w1", query: "defender" });
    expect(screen.getByTestId("location-search")).toHaveTextContent("?q=defender");
  });

  it("groups results by kind, each a link to where it lives", async () => {
    renderSearch(fakeCommands({ searchWorkspace: vi.fn(async () => FOUND) }), "/search?q=defender");
    const objects = await screen.findByRole("region", { name: "Policies & objects" });
    expect(
      within(objects)
        .getAllByTestId("search-object")
        .map((row) => row.textContent),
    ).toEqual([
      "WIN - Defender baselineSettings catalog policyContoso Pharma",
      "Defender requiredCompliance policyFabrikam Logistics",
    ]);
    expect(within(objects).getByRole("link", { name: "WIN - Defender baseline" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-1",
    );
    // The words searched for are marked in each name.
    expect(within(objects).getAllByText("Defender", { selector: "mark" })).toHaveLength(2);

    const settings = screen.getByRole("region", { name: "Settings" });
    const setting = within(settings).getByRole("link", {
      name: "Defender cloud block level in WIN - Defender baseline (Contoso Pharma)",
    });
    expect(setting).toHaveTextContent("WIN - Defender baseline");
    expect(setting).toHaveAttribute("href", "/tenants/t-contoso/objects/item-1?setting=Defender+cloud+block+level");

    const groups = screen.getByRole("region", { name: "Groups" });
    expect(within(groups).getByRole("link", { name: "Defender pilots" })).toHaveAttribute(
      "href",
      "/tenants/t-fabrikam?tab=groups&group=Defender+pilots",
    );
    expect(within(groups).getByTestId("search-group")).toHaveTextContent("Fabrikam Logistics");
    expect(screen.queryByTestId("search-truncated")).not.toBeInTheDocument();
  });

  it("moves from the box into the results with ↓ and through them with ↑ and ↓", async () => {
    renderSearch(fakeCommands({ searchWorkspace: vi.fn(async () => FOUND) }), "/search?q=defender");
    await screen.findByTestId("search-results");
    const links = screen.getAllByRole("link");
    expect(links).toHaveLength(4);
    await userEvent.click(input());
    await userEvent.keyboard("{ArrowDown}");
    expect(links[0]).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}");
    expect(links[2]).toHaveFocus();
    await userEvent.keyboard("{End}");
    expect(links[3]).toHaveFocus();
    await userEvent.keyboard("{Home}{ArrowUp}");
    expect(input()).toHaveFocus();

    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso/objects/item-1");
  });

  it("says when there are more results than shown", async () => {
    renderSearch(fakeCommands({ searchWorkspace: vi.fn(async () => ({ ...FOUND, truncated: true })) }), "/search?q=de");
    expect(await screen.findByTestId("search-truncated")).toHaveTextContent(
      "More results than shown — refine the search",
    );
  });

  it("says when nothing matches", async () => {
    renderSearch(fakeCommands(), "/search?q=zzz");
    expect(await screen.findByTestId("search-empty")).toHaveTextContent("Nothing found for “zzz”");
  });

  it("shows a failed search with Retry", async () => {
    const searchWorkspace = vi
      .fn()
      .mockRejectedValueOnce({ code: "busy", message: "The database is busy." })
      .mockResolvedValueOnce(FOUND);
    renderSearch(fakeCommands({ searchWorkspace }), "/search?q=defender");
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveTextContent("The database is busy.");
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("search-results")).toBeInTheDocument();
  });

  it("shows a placeholder while the first answer is on its way, and the last results while the next are", async () => {
    const first = deferred<SearchResults>();
    const second = deferred<SearchResults>();
    const searchWorkspace = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    renderSearch(fakeCommands({ searchWorkspace }), "/search?q=defender");
    expect(await screen.findByTestId("search-loading")).toBeInTheDocument();
    first.resolve(FOUND);
    expect(await screen.findByTestId("search-results")).not.toHaveAttribute("aria-busy");

    await userEvent.type(input(), " pilots");
    await waitFor(() => expect(screen.getByTestId("search-results")).toHaveAttribute("aria-busy", "true"));
    expect(screen.getByLabelText("Searching")).toBeInTheDocument();
    second.resolve({ ...FOUND, objects: [], settings: [] });
    await waitFor(() => expect(screen.getByTestId("search-count")).toHaveTextContent("1 result for “defender pilots”"));
  });

  it("says when the workspace has no tenant to search", async () => {
    renderSearch(fakeCommands({ listTenants: vi.fn(async () => []) }));
    expect(await screen.findByTestId("search-no-tenants")).toHaveTextContent("No tenants to search");
  });
});
