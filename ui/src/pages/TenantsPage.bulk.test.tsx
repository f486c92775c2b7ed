import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { StartSyncRequest, Tenant } from "../bindings/types";
import { fakeCommands } from "../test/fakeCommands";
import { demoTenants, run, startResponse, tenant, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { TenantsPage } from "./TenantsPage";

/** Adatum Legal (archived), Contoso Pharma (active), Fabrikam Logistics (paused), by name. */
const WITH_ARCHIVED = "/tenants?archived=show";

function renderPage(commands = fakeCommands(), workspace = workspaceSummary(), route = WITH_ARCHIVED) {
  return renderApp(<TenantsPage />, { commands, workspace, route });
}

const checkbox = (name: string) => screen.getByRole("checkbox", { name: `Select ${name}` });
const bar = () => screen.getByTestId("tenants-bulk");

describe("TenantsPage selection", () => {
  it("selects with checkboxes, a range with Shift+click, every listed row from the header", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("tenant-row");
    expect(screen.queryByTestId("tenants-bulk")).not.toBeInTheDocument();

    await user.click(checkbox("Adatum Legal"));
    expect(within(bar()).getByTestId("bulk-count")).toHaveTextContent("1 tenant selected");
    const all = screen.getByRole("checkbox", { name: "Select every listed tenant" });
    expect(all).toHaveAttribute("data-indeterminate", "true");

    await user.keyboard("{Shift>}");
    await user.click(checkbox("Fabrikam Logistics"));
    await user.keyboard("{/Shift}");
    expect(within(bar()).getByTestId("bulk-count")).toHaveTextContent("3 tenants selected");
    expect(checkbox("Contoso Pharma")).toBeChecked();
    expect(all).toBeChecked();
    // Selecting never opens the tenant.
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/tenants$/);

    await user.click(all);
    expect(screen.queryByTestId("tenants-bulk")).not.toBeInTheDocument();
    await user.click(all);
    expect(within(bar()).getByTestId("bulk-count")).toHaveTextContent("3 tenants selected");
    await user.click(within(bar()).getByRole("button", { name: "Clear selection" }));
    expect(screen.queryByTestId("tenants-bulk")).not.toBeInTheDocument();
  });

  it("selects the highlighted row with Space and clears the selection with Escape", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    const grid = screen.getByRole("grid", { name: "Tenants" });
    act(() => grid.focus());
    await userEvent.keyboard(" ");
    await userEvent.keyboard("{ArrowDown} ");
    expect(checkbox("Adatum Legal")).toBeChecked();
    expect(checkbox("Contoso Pharma")).toBeChecked();
    expect(checkbox("Fabrikam Logistics")).not.toBeChecked();
    expect(within(bar()).getByTestId("bulk-count")).toHaveTextContent("2 tenants selected");
    // Space again takes the row out.
    await userEvent.keyboard(" ");
    expect(checkbox("Contoso Pharma")).not.toBeChecked();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("tenants-bulk")).not.toBeInTheDocument();
    // Enter still opens the highlighted tenant.
    await userEvent.keyboard("{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-contoso");
  });

  it("starts over with no selection when the search changes", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(checkbox("Contoso Pharma"));
    expect(bar()).toBeInTheDocument();
    await userEvent.type(screen.getByRole("textbox", { name: "Search tenants" }), "contoso");
    expect(screen.getByTestId("location-search")).toHaveTextContent("q=contoso");
    expect(screen.queryByTestId("tenants-bulk")).not.toBeInTheDocument();
  });

  it("offers only what the operator may do: sync without manage, nothing to select for a read-only member", async () => {
    const { unmount } = renderPage(
      fakeCommands(),
      workspaceSummary({}, { role: "operator", capabilities: ["tenant.view", "tenant.sync"] }),
    );
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(checkbox("Contoso Pharma"));
    expect(within(bar()).getByRole("button", { name: "Sync" })).toBeInTheDocument();
    expect(within(bar()).queryByRole("button", { name: "Pause" })).not.toBeInTheDocument();
    expect(within(bar()).queryByRole("button", { name: "Resume" })).not.toBeInTheDocument();
    unmount();

    renderPage(fakeCommands(), workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }));
    await screen.findAllByTestId("tenant-row");
    expect(screen.queryByRole("checkbox", { name: /^Select/ })).not.toBeInTheDocument();
  });
});

describe("TenantsPage bulk actions", () => {
  const northwind = tenant({ id: "t-northwind", display_name: "Northwind Traders" });
  const tenants: Tenant[] = [...demoTenants, northwind];

  it("syncs each selected active tenant, says archived ones cannot be synced, and sums up what was refused", async () => {
    const startSync = vi.fn(async ({ tenant_id }: StartSyncRequest) => {
      if (tenant_id === "t-northwind") throw { code: "forbidden", message: "You may not sync this tenant." };
      return startResponse("queued", `Policy sync of ${tenant_id} queued`, { id: `r-${tenant_id}`, tenant_id });
    });
    // The runs stay queued while the test reads the start's summary.
    const getRun = vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id }));
    const { commands } = renderPage(fakeCommands({ listTenants: vi.fn(async () => tenants), startSync, getRun }));
    await screen.findAllByTestId("tenant-row");
    for (const name of ["Adatum Legal", "Contoso Pharma", "Fabrikam Logistics", "Northwind Traders"]) {
      await userEvent.click(checkbox(name));
    }
    expect(within(bar()).getByTestId("bulk-archived-note")).toHaveTextContent(
      "1 selected tenant is archived: archived tenants cannot be synced.",
    );

    await userEvent.click(within(bar()).getByRole("button", { name: "Sync" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Policies" }));

    // One start per tenant that can sync; the archived and the paused one are never asked for.
    await waitFor(() => expect(startSync).toHaveBeenCalledTimes(2));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "policies" });
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-northwind", kind: "policies" });
    expect(commands.syncAll).not.toHaveBeenCalled();
    const toast = await screen.findByTestId("bulk-sync-toast");
    expect(screen.getByText("Policy sync of 4 tenants")).toBeInTheDocument();
    expect(toast).toHaveTextContent("1 sync queued, 0 already in progress, 3 skipped");
    expect(toast).toHaveTextContent("Adatum Legal is archived: archived tenants cannot be synced.");
    expect(toast).toHaveTextContent("Fabrikam Logistics is paused: resume it to sync.");
    expect(toast).toHaveTextContent("Northwind Traders: You may not sync this tenant.");
  });

  it("pauses the selected tenants after a confirmation naming how many, and says which were not changed", async () => {
    const setTenantStatus = vi.fn(async ({ tenant_id, status }: { tenant_id: string; status: Tenant["status"] }) => {
      if (tenant_id === "t-northwind") throw { code: "forbidden", message: "You may not manage this tenant." };
      return { ...(tenants.find((t) => t.id === tenant_id) as Tenant), status };
    });
    renderPage(fakeCommands({ listTenants: vi.fn(async () => tenants), setTenantStatus }));
    await screen.findAllByTestId("tenant-row");
    for (const name of ["Contoso Pharma", "Fabrikam Logistics", "Northwind Traders"]) {
      await userEvent.click(checkbox(name));
    }

    await userEvent.click(within(bar()).getByRole("button", { name: "Pause" }));
    const modal = await screen.findByRole("dialog", { name: "Pause 2 tenants?" });
    expect(within(modal).getByTestId("bulk-status-names")).toHaveTextContent("Contoso Pharma, Northwind Traders");
    expect(within(modal).getByTestId("bulk-status-left-out")).toHaveTextContent(
      "Fabrikam Logistics is already paused.",
    );
    expect(setTenantStatus).not.toHaveBeenCalled();
    await userEvent.click(within(modal).getByRole("button", { name: "Pause 2 tenants" }));

    await waitFor(() => expect(setTenantStatus).toHaveBeenCalledTimes(2));
    expect(setTenantStatus).toHaveBeenCalledWith({ tenant_id: "t-contoso", status: "paused" });
    expect(setTenantStatus).toHaveBeenCalledWith({ tenant_id: "t-northwind", status: "paused" });
    expect(await screen.findByText("1 tenant paused, 1 refused")).toBeInTheDocument();
    const toast = screen.getByTestId("bulk-status-toast");
    expect(toast).toHaveTextContent("2 tenants not changed:");
    expect(toast).toHaveTextContent("Fabrikam Logistics is already paused.");
    expect(toast).toHaveTextContent("Northwind Traders: You may not manage this tenant.");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Pause 2 tenants?" })).not.toBeInTheDocument());
  });

  it("resumes paused tenants only, leaves archived ones as they are, and can be cancelled", async () => {
    const { commands } = renderPage();
    await screen.findAllByTestId("tenant-row");
    for (const name of ["Adatum Legal", "Contoso Pharma", "Fabrikam Logistics"]) {
      await userEvent.click(checkbox(name));
    }
    await userEvent.click(within(bar()).getByRole("button", { name: "Resume" }));
    let modal = await screen.findByRole("dialog", { name: "Resume 1 tenant?" });
    expect(within(modal).getByTestId("bulk-status-left-out")).toHaveTextContent(
      "Adatum Legal is archived: reactivate it from its own page.",
    );
    await userEvent.click(within(modal).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(commands.setTenantStatus).not.toHaveBeenCalled();

    await userEvent.click(within(bar()).getByRole("button", { name: "Resume" }));
    modal = await screen.findByRole("dialog", { name: "Resume 1 tenant?" });
    await userEvent.click(within(modal).getByRole("button", { name: "Resume 1 tenant" }));
    await waitFor(() => expect(commands.setTenantStatus).toHaveBeenCalledTimes(1));
    expect(commands.setTenantStatus).toHaveBeenCalledWith({ tenant_id: "t-fabrikam", status: "active" });
    expect(await screen.findByText("1 tenant resumed")).toBeInTheDocument();
  });

  it("cannot pause when no selected tenant is active", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(checkbox("Fabrikam Logistics"));
    expect(within(bar()).getByRole("button", { name: "Pause" })).toBeDisabled();
    expect(within(bar()).getByRole("button", { name: "Sync" })).toBeDisabled();
    expect(within(bar()).getByRole("button", { name: "Resume" })).toBeEnabled();
  });
});

describe("TenantsPage saved filters", () => {
  it("saves the search and the archived choice under a name and applies them again", async () => {
    renderPage(fakeCommands(), workspaceSummary(), "/tenants?archived=show&q=legal");
    await screen.findAllByTestId("tenant-row");
    expect(screen.getAllByTestId("tenant-row-name").map((name) => name.textContent)).toEqual(["Adatum Legal"]);
    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Tenants" }));
    const panel = await screen.findByTestId("saved-filters-panel");
    await userEvent.type(within(panel).getByRole("textbox", { name: "Save the current filters as" }), "Legal");
    await userEvent.click(within(panel).getByRole("button", { name: "Save" }));
    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Tenants: Legal" }));

    await userEvent.clear(screen.getByRole("textbox", { name: "Search tenants" }));
    await userEvent.click(screen.getByRole("switch", { name: "Show archived (1)" }));
    expect(screen.getAllByTestId("tenant-row")).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "Saved filters of Tenants" }));
    await userEvent.click(await screen.findByRole("button", { name: "Apply Legal" }));
    expect(screen.getAllByTestId("tenant-row-name").map((name) => name.textContent)).toEqual(["Adatum Legal"]);
    expect(screen.getByRole("textbox", { name: "Search tenants" })).toHaveValue("legal");
    expect(screen.getByRole("switch", { name: "Show archived (1)" })).toBeChecked();
  });
});
