import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Tenant } from "../bindings/types";
import { deferred, fakeCommands } from "../test/fakeCommands";
import { demoTenants, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { TenantsPage } from "./TenantsPage";

const names = () => screen.getAllByTestId("tenant-row").map((row) => within(row).getAllByRole("cell")[0]?.textContent);

function renderPage(commands = fakeCommands(), workspace = workspaceSummary()) {
  return renderApp(<TenantsPage />, { commands, workspace, route: "/tenants" });
}

describe("TenantsPage", () => {
  it("lists the workspace's tenants with vocabulary statuses", async () => {
    const { commands } = renderPage();
    const rows = await screen.findAllByTestId("tenant-row");

    expect(commands.listTenants).toHaveBeenCalledWith({ workspace_id: "w1" });
    expect(rows).toHaveLength(3);
    expect(screen.getByTestId("tenant-count")).toHaveTextContent("3");
    expect(names()).toEqual(["Adatum Legal", "Contoso PharmaSimulated", "Fabrikam LogisticsSimulated"]);

    const contoso = rows.find((row) => row.textContent?.includes("Contoso"));
    expect(contoso).toBeDefined();
    const cells = within(contoso as HTMLElement);
    expect(cells.getByText("Active")).toBeInTheDocument();
    expect(cells.getByText("3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11")).toBeInTheDocument();
    expect(cells.getByText("Client secret")).toBeInTheDocument();
    expect(cells.getByRole("button", { name: "Copy directory tenant ID" })).toBeInTheDocument();
    expect(screen.getAllByText("Not connected")).toHaveLength(2);
    expect(screen.getByText("Paused")).toBeInTheDocument();
    expect(screen.getByText("Archived")).toBeInTheDocument();
    expect(screen.getAllByTestId("simulated-badge")).toHaveLength(2);
  });

  it("shows skeleton rows while loading", async () => {
    const pending = deferred<Tenant[]>();
    renderPage(fakeCommands({ listTenants: vi.fn(() => pending.promise) }));
    expect(screen.getByTestId("tenants-loading")).toBeInTheDocument();
    pending.resolve(demoTenants);
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(3);
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
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(3);
  });

  it("filters by name, domain and directory id", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    const search = screen.getByRole("textbox", { name: "Search tenants" });

    await userEvent.type(search, "fabrikam.onmicrosoft");
    expect(names()).toEqual(["Fabrikam LogisticsSimulated"]);

    await userEvent.clear(search);
    await userEvent.type(search, "5E6F7A8B");
    expect(names()).toEqual(["Adatum Legal"]);

    await userEvent.clear(search);
    await userEvent.type(search, "contoso ph");
    expect(names()).toEqual(["Contoso PharmaSimulated"]);

    await userEvent.clear(search);
    await userEvent.type(search, "Paused"); // status is not searched
    expect(screen.queryAllByTestId("tenant-row")).toHaveLength(0);
    expect(screen.getByTestId("tenants-no-match")).toHaveTextContent("No tenant matches “Paused”.");
  });

  it("sorts by clicking headers and reports it with aria-sort", async () => {
    renderPage();
    await screen.findAllByTestId("tenant-row");
    const header = (name: string) => screen.getByRole("columnheader", { name });

    expect(header("Name")).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(within(header("Name")).getByRole("button"));
    expect(header("Name")).toHaveAttribute("aria-sort", "descending");
    expect(names()).toEqual(["Fabrikam LogisticsSimulated", "Contoso PharmaSimulated", "Adatum Legal"]);

    // "Added" starts newest first.
    await userEvent.click(within(header("Added")).getByRole("button"));
    expect(header("Added")).toHaveAttribute("aria-sort", "descending");
    expect(header("Name")).toHaveAttribute("aria-sort", "none");
    expect(names()).toEqual(["Contoso PharmaSimulated", "Adatum Legal", "Fabrikam LogisticsSimulated"]);

    await userEvent.click(within(header("Added")).getByRole("button"));
    expect(header("Added")).toHaveAttribute("aria-sort", "ascending");
    expect(names()).toEqual(["Fabrikam LogisticsSimulated", "Adatum Legal", "Contoso PharmaSimulated"]);
  });

  it("explains an empty workspace", async () => {
    renderPage(fakeCommands({ listTenants: vi.fn(async () => []) }));
    expect(await screen.findByTestId("tenants-empty")).toHaveTextContent("This workspace has no tenants yet.");
    expect(screen.queryByRole("textbox", { name: "Search tenants" })).not.toBeInTheDocument();
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("explains missing entitlements when the membership does not cover all tenants", async () => {
    renderPage(fakeCommands({ listTenants: vi.fn(async () => []) }), workspaceSummary({}, { all_tenants: false, role: "operator" }));
    expect(await screen.findByTestId("tenants-empty")).toHaveTextContent(
      "You are not entitled to any tenants in this workspace. A workspace owner can grant access.",
    );
  });

  it("moves between rows with the arrow keys and opens the details drawer on Enter", async () => {
    const { commands } = renderPage();
    const rows = await screen.findAllByTestId("tenant-row");
    const [first, second] = rows;

    // Tab order: search box, the six sort buttons, then the table's single row tab stop.
    await userEvent.tab();
    expect(screen.getByRole("textbox", { name: "Search tenants" })).toHaveFocus();
    for (let i = 0; i < 7; i++) await userEvent.tab();
    expect(first).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(second).toHaveFocus();
    await userEvent.keyboard("{ArrowUp}");
    expect(first).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{Enter}");

    const details = await screen.findByTestId("tenant-details");
    expect(commands.getTenant).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    expect(screen.getByRole("dialog")).toHaveTextContent("Contoso Pharma");
    const drawer = within(details);
    expect(drawer.getByRole("rowheader", { name: "Directory tenant ID" })).toBeInTheDocument();
    expect(drawer.getByText("tenantatlas/t-contoso")).toBeInTheDocument();
    expect(drawer.getByText("Client secret")).toBeInTheDocument();
    expect(drawer.getByText("Northwind MSP (demo)")).toBeInTheDocument();
    expect(drawer.getByText("t-contoso")).toBeInTheDocument();
  });

  it("opens the drawer on click and shows a failed load", async () => {
    const commands = fakeCommands({
      getTenant: vi.fn(async () => {
        throw { code: "not_found", message: "This tenant no longer exists or you may no longer see it." };
      }),
    });
    renderPage(commands);
    const rows = await screen.findAllByTestId("tenant-row");
    await userEvent.click(rows[0] as HTMLElement);
    await waitFor(() =>
      expect(screen.getByRole("dialog")).toHaveTextContent("This tenant no longer exists or you may no longer see it."),
    );
  });

  it("copies the directory id without opening the row", async () => {
    const { commands } = renderPage();
    const rows = await screen.findAllByTestId("tenant-row");
    await userEvent.click(within(rows[0] as HTMLElement).getByRole("button", { name: "Copy directory tenant ID" }));
    expect(commands.getTenant).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
