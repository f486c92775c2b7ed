import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/render";
import { SavedFiltersMenu } from "./SavedFiltersMenu";
import { savedFiltersStorageKey } from "./savedFilters";

const NAMES = ["type", "q"];
const stored = () => JSON.parse(window.localStorage.getItem(savedFiltersStorageKey("runs")) ?? "null");
const address = () => screen.getByTestId("location-search").textContent;

function renderMenu(route: string) {
  return renderApp(<SavedFiltersMenu tableId="runs" table="Runs" params={NAMES} />, { route });
}

async function openPanel() {
  await userEvent.click(screen.getByTestId("saved-filters"));
  return screen.findByTestId("saved-filters-panel");
}

describe("SavedFiltersMenu", () => {
  it("saves the filters in the address under a name, and says it is the one applied", async () => {
    renderMenu("/operations?type=inventory_sync&q=contoso&finding=f-1");
    const panel = await openPanel();
    expect(within(panel).getByTestId("saved-filters-none")).toBeInTheDocument();
    await userEvent.type(within(panel).getByRole("textbox", { name: "Save the current filters as" }), "Contoso syncs");
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));

    // Only the page's filters are kept, not what else the address holds.
    expect(stored()).toEqual([{ name: "Contoso syncs", query: "type=inventory_sync&q=contoso" }]);
    expect(within(panel).getByRole("button", { name: "Apply Contoso syncs" })).toHaveAttribute("aria-current", "true");
    expect(screen.getByTestId("saved-filters")).toHaveAccessibleName("Saved filters of Runs: Contoso syncs");
  });

  it("applies a saved filter, keeping the rest of the address", async () => {
    window.localStorage.setItem(
      savedFiltersStorageKey("runs"),
      JSON.stringify([{ name: "Failed policies", query: "type=policy.sync&q=failed" }]),
    );
    renderMenu("/operations?type=inventory_sync&tab=drift");
    expect(screen.getByTestId("saved-filters")).toHaveAccessibleName("Saved filters of Runs");
    const panel = await openPanel();
    await userEvent.click(within(panel).getByRole("button", { name: "Apply Failed policies" }));
    expect(address()).toBe("?tab=drift&type=policy.sync&q=failed");
    expect(screen.queryByTestId("saved-filters-panel")).not.toBeInTheDocument();
    expect(screen.getByTestId("saved-filters")).toHaveAccessibleName("Saved filters of Runs: Failed policies");
  });

  it("deletes one with Undo until the panel closes", async () => {
    window.localStorage.setItem(
      savedFiltersStorageKey("runs"),
      JSON.stringify([
        { name: "A", query: "q=a" },
        { name: "B", query: "q=b" },
      ]),
    );
    renderMenu("/operations");
    let panel = await openPanel();
    await userEvent.click(within(panel).getByRole("button", { name: "Delete A" }));
    expect(stored()).toEqual([{ name: "B", query: "q=b" }]);
    expect(within(panel).getByTestId("saved-filter-deleted")).toHaveTextContent("Deleted “A”.");
    // Focus moves to Undo, so it is one key away; then back to the filter it put back.
    expect(within(panel).getByRole("button", { name: "Undo" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(stored()).toEqual([
      { name: "A", query: "q=a" },
      { name: "B", query: "q=b" },
    ]);
    expect(within(panel).getByRole("button", { name: "Apply A" })).toHaveFocus();

    await userEvent.click(within(panel).getByRole("button", { name: "Delete B" }));
    await userEvent.keyboard("{Escape}");
    panel = await openPanel();
    expect(within(panel).queryByRole("button", { name: "Undo" })).not.toBeInTheDocument();
    expect(within(panel).getAllByTestId("saved-filter")).toHaveLength(1);
    expect(stored()).toEqual([{ name: "A", query: "q=a" }]);
  });

  it("replaces a filter saved under the same name, and says so first", async () => {
    window.localStorage.setItem(savedFiltersStorageKey("runs"), JSON.stringify([{ name: "Mine", query: "q=old" }]));
    renderMenu("/operations?q=new");
    const panel = await openPanel();
    const name = within(panel).getByRole("textbox", { name: "Save the current filters as" });
    await userEvent.type(name, "mine");
    expect(name).toHaveAccessibleDescription("Replaces the saved “Mine”.");
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));
    expect(stored()).toEqual([{ name: "mine", query: "q=new" }]);
  });

  it("has nothing to save while no filter is set", async () => {
    renderMenu("/operations?finding=f-1");
    const panel = await openPanel();
    const name = within(panel).getByRole("textbox", { name: "Save the current filters as" });
    expect(name).toBeDisabled();
    expect(name).toHaveAccessibleDescription("No filter is set: there is nothing to save.");
    expect(within(panel).getByRole("button", { name: "Save" })).toBeDisabled();
  });
});
