import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { columnsStorageKey } from "../../../components/columns";
import { exportDate } from "../../../components/export";
import { fakeCommands } from "../../../test/fakeCommands";
import { demoTenants, inventoryItem, inventoryPage, workspaceSummary } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { InventoryTab } from "./InventoryTab";

const contoso = demoTenants[0] as (typeof demoTenants)[number];

describe("Inventory export", () => {
  it("reads every page of the current filter, 500 objects a request, and writes the chosen columns", async () => {
    window.localStorage.setItem(columnsStorageKey("inventory"), JSON.stringify(["platform"]));
    const commands = fakeCommands({ listInventory: vi.fn(inventoryPage(1_100)) });
    renderApp(<InventoryTab tenant={contoso} />, {
      commands,
      workspace: workspaceSummary(),
      route: "/tenants/t-contoso?q=win&sort=last_seen_at&dir=desc",
    });
    await screen.findAllByTestId("inventory-row");
    await userEvent.click(screen.getByRole("button", { name: "Export objects" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "CSV" }));
    const saved = await screen.findByTestId("export-saved");

    const reads = vi
      .mocked(commands.listInventory)
      .mock.calls.map(([request]) => request.filter)
      .filter((filter) => filter.limit === 500);
    expect(reads.map((filter) => filter.offset)).toEqual([0, 500, 1_000]);
    expect(reads[0]).toMatchObject({ search: "win", sort: { key: "last_seen_at", direction: "desc" } });

    const request = vi.mocked(commands.exportTable).mock.calls[0]?.[0];
    expect(request?.name).toBe("Contoso Pharma-inventory");
    expect(request?.columns).toEqual(["Name", "Type", "Last seen"]);
    expect(request?.rows).toHaveLength(1_100);
    const first = inventoryItem(0);
    expect(request?.rows[0]).toEqual([
      "WIN - SC - Policy 000",
      "Settings catalog policy",
      exportDate(first.last_seen_at),
    ]);
    expect(saved).toHaveTextContent(`${(1_100).toLocaleString()} objects, saved to:`);
  });
});
