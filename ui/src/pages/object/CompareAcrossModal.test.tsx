import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { GetInventoryObjectRequest, InventoryObjectDetail, ListInventoryRequest } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { demoTenants, inventoryItem, objectDetail, policyVersion, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { ObjectPage } from "./ObjectPage";

const FABRIKAM_ITEMS = [
  inventoryItem(10, { id: "f-other", tenant_id: "t-fabrikam", display_name: "Another Defender policy" }),
  inventoryItem(11, { id: "f-same", tenant_id: "t-fabrikam", display_name: "win - sc - defender - all devices" }),
  inventoryItem(12, { id: "f-new", tenant_id: "t-fabrikam", display_name: "Never synced" }),
];

/** Contoso's object on the page; Fabrikam's objects with one version each, except the one never synced. */
function getInventoryObject({ tenant_id, item_id }: GetInventoryObjectRequest): Promise<InventoryObjectDetail> {
  if (tenant_id === "t-contoso") return Promise.resolve(objectDetail());
  const item = FABRIKAM_ITEMS.find((candidate) => candidate.id === item_id) ?? FABRIKAM_ITEMS[0];
  const versions =
    item_id === "f-new"
      ? []
      : [policyVersion(2, { id: `${item_id}-v2`, tenant_id }), policyVersion(1, { id: `${item_id}-v1`, tenant_id })];
  return Promise.resolve(objectDetail({ item: { ...(item ?? inventoryItem(0)) }, versions }));
}

function renderCompare(overrides: Parameters<typeof fakeCommands>[0] = {}) {
  const commands = fakeCommands({
    getInventoryObject: vi.fn(getInventoryObject),
    listInventory: vi.fn(async ({ filter }: ListInventoryRequest) => {
      const items = FABRIKAM_ITEMS.filter(
        (item) => filter.search === null || item.display_name.toLowerCase().includes(filter.search.toLowerCase()),
      );
      return { items, total: items.length };
    }),
    ...overrides,
  });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId/objects/:itemId" element={<ObjectPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: "/tenants/t-contoso/objects/item-0" },
  );
}

async function openCompare() {
  await userEvent.click(await screen.findByRole("button", { name: "Compare with another tenant…" }));
  return screen.findByRole("dialog", { name: "Compare with another tenant" });
}

async function chooseTenant(dialog: HTMLElement, name: string) {
  await userEvent.click(within(dialog).getByRole("combobox", { name: "Tenant" }));
  await userEvent.click(await screen.findByRole("option", { name }));
}

describe("Compare with another tenant", () => {
  it("lists the workspace's other tenants, then the objects of the same type there, the same name first", async () => {
    const { commands } = renderCompare();
    const dialog = await openCompare();
    expect(dialog).toHaveTextContent("assignments, scope tags and names belong to one tenant and are left out");
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Tenant" }));
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["Adatum Legal", "Fabrikam Logistics"]);
    await userEvent.click(screen.getByRole("option", { name: "Fabrikam Logistics" }));

    const list = await within(dialog).findByRole("list", { name: "Settings catalog policy in Fabrikam Logistics" });
    expect(commands.listInventory).toHaveBeenCalledWith({
      tenant_id: "t-fabrikam",
      filter: expect.objectContaining({ object_types: ["settings_catalog"], search: null, include_removed: false }),
    });
    const objects = within(list).getAllByRole("button");
    expect(objects.map((object) => object.textContent)).toEqual([
      "win - sc - defender - all devicesSame name",
      "Another Defender policy",
      "Never synced",
    ]);

    await userEvent.type(within(dialog).getByRole("textbox", { name: /Settings catalog policy in/ }), "never");
    await waitFor(() => expect(within(dialog).getAllByTestId("compare-object")).toHaveLength(1));
    expect(commands.listInventory).toHaveBeenLastCalledWith({
      tenant_id: "t-fabrikam",
      filter: expect.objectContaining({ search: "never" }),
    });
  });

  it("compares the newest versions side by side, says what is left out, and compares other versions on request", async () => {
    const { commands } = renderCompare();
    const dialog = await openCompare();
    await chooseTenant(dialog, "Fabrikam Logistics");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Another Defender policy" }));

    const comparison = await within(dialog).findByTestId("version-diff");
    expect(commands.compareAcross).toHaveBeenCalledWith({
      left: { tenant_id: "t-contoso", version_id: "v-2" },
      right: { tenant_id: "t-fabrikam", version_id: "f-other-v2" },
    });
    expect(
      within(comparison).getByRole("heading", { name: "Contoso Pharma v2 ↔ Fabrikam Logistics v2" }),
    ).toBeInTheDocument();
    const table = within(comparison).getByRole("table", { name: "Contoso Pharma v2 ↔ Fabrikam Logistics v2" });
    expect(within(table).getByRole("columnheader", { name: "Contoso Pharma v2" })).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: "Fabrikam Logistics v2" })).toBeInTheDocument();
    expect(screen.getByTestId("compare-note")).toHaveTextContent(
      "assignments, scope tags and names are left out because they belong to one tenant",
    );

    await userEvent.click(within(dialog).getByRole("combobox", { name: "Fabrikam Logistics version" }));
    await userEvent.click(await screen.findByRole("option", { name: /^v1 · captured/ }));
    await waitFor(() =>
      expect(commands.compareAcross).toHaveBeenLastCalledWith({
        left: { tenant_id: "t-contoso", version_id: "v-2" },
        right: { tenant_id: "t-fabrikam", version_id: "f-other-v1" },
      }),
    );

    // Back to the list, the tenant still chosen.
    await userEvent.click(within(dialog).getByRole("button", { name: "Choose another object" }));
    expect(await within(dialog).findAllByTestId("compare-object")).toHaveLength(3);
  });

  it("explains an object of the other tenant that has no version yet", async () => {
    const { commands } = renderCompare();
    const dialog = await openCompare();
    await chooseTenant(dialog, "Fabrikam Logistics");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Never synced" }));
    expect(await within(dialog).findByTestId("compare-no-versions")).toHaveTextContent(
      "Never synced has no captured version in Fabrikam Logistics yet",
    );
    expect(commands.compareAcross).not.toHaveBeenCalled();
  });

  it("shows the backend's refusal in its words, without a Retry that could not help", async () => {
    const compareAcross = vi
      .fn()
      .mockRejectedValue({ code: "invalid_input", message: "The two policies are of different types." });
    renderCompare({ compareAcross });
    const dialog = await openCompare();
    await chooseTenant(dialog, "Fabrikam Logistics");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Another Defender policy" }));
    const error = await within(dialog).findByTestId("error-state");
    expect(error).toHaveTextContent("The two policies are of different types.");
    expect(within(error).queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  });

  it("moves from the filter into the list with ↓ and through it with the arrow keys", async () => {
    renderCompare();
    const dialog = await openCompare();
    await chooseTenant(dialog, "Fabrikam Logistics");
    const objects = await within(dialog).findAllByTestId("compare-object");
    const filter = within(dialog).getByRole("textbox", { name: /Settings catalog policy in/ });
    await userEvent.click(filter);
    await userEvent.keyboard("{ArrowDown}");
    expect(objects[0]).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(objects[2]).toHaveFocus();
    await userEvent.keyboard("{Home}");
    expect(objects[0]).toHaveFocus();
    await userEvent.keyboard("{ArrowUp}");
    expect(filter).toHaveFocus();
  });

  it("says when there is no other tenant to compare with", async () => {
    renderCompare({ listTenants: vi.fn(async () => demoTenants.slice(0, 1)) });
    const dialog = await openCompare();
    expect(await within(dialog).findByTestId("compare-no-tenants")).toHaveTextContent(
      "there is no other tenant to compare with",
    );
  });
});
