import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { fakeCommands } from "../../test/fakeCommands";
import { groups, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { groupKind } from "./GroupsTab";
import { scopeLabel } from "./principals";
import { TenantPage } from "./TenantPage";

function renderTab(tab: string, commands = fakeCommands()) {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: `/tenants/t-contoso?tab=${tab}` },
  );
}

describe("Groups tab", () => {
  it("lists groups with their kind and membership rule", async () => {
    const { commands } = renderTab("groups");
    const rows = await screen.findAllByTestId("group-row");
    expect(commands.listGroups).toHaveBeenCalledWith({ tenant_id: "t-contoso", offset: 0, limit: 50 });
    expect(rows[0]).toHaveTextContent("All Windows devices");
    expect(rows[0]).toHaveTextContent("Security");
    expect(rows[0]).toHaveTextContent("Dynamic");
    expect(rows[0]).toHaveTextContent('(device.deviceOSType -eq "Windows")');
    expect(rows[1]).toHaveTextContent("Microsoft 365");
    expect(rows[1]).toHaveTextContent("Assigned");
    expect(screen.getByTestId("groups-total")).toHaveTextContent("2 groups");
  });

  it("searches on the server and pages through many groups", async () => {
    const listGroups = vi.fn(async ({ offset }: { offset: number }) => ({
      items: groups.map((g) => ({ ...g, group_id: `${g.group_id}-${offset}` })),
      total: 120,
    }));
    const { commands } = renderTab("groups", fakeCommands({ listGroups }));
    await screen.findAllByTestId("group-row");
    await userEvent.click(screen.getByRole("button", { name: "3" }));
    await waitFor(() =>
      expect(commands.listGroups).toHaveBeenLastCalledWith({ tenant_id: "t-contoso", offset: 100, limit: 50 }),
    );

    await userEvent.type(screen.getByRole("textbox", { name: "Search groups" }), "pilot");
    await waitFor(() =>
      expect(commands.listGroups).toHaveBeenLastCalledWith({
        tenant_id: "t-contoso",
        offset: 0,
        limit: 50,
        search: "pilot",
      }),
    );
  });

  it("opens searching for the group a link names", async () => {
    const { commands } = renderTab("groups&group=Defender%20pilots");
    await screen.findAllByTestId("group-row");
    expect(screen.getByRole("textbox", { name: "Search groups" })).toHaveValue("Defender pilots");
    expect(commands.listGroups).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      offset: 0,
      limit: 50,
      search: "Defender pilots",
    });
    expect(commands.listGroups).toHaveBeenCalledTimes(1);
  });

  it("offers Sync groups before the first group sync", async () => {
    const { commands } = renderTab(
      "groups",
      fakeCommands({ listGroups: vi.fn(async () => ({ items: [], total: 0 })) }),
    );
    const empty = await screen.findByTestId("groups-empty");
    await userEvent.click(within(empty).getByRole("button", { name: "Sync groups" }));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "groups" });
  });

  it("names group kinds as Entra does", () => {
    const base = groups[0] as (typeof groups)[number];
    expect(groupKind({ ...base, security_enabled: true, mail_enabled: true, group_types: [] })).toBe(
      "Mail-enabled security",
    );
    expect(groupKind({ ...base, security_enabled: false, mail_enabled: true, group_types: [] })).toBe("Distribution");
  });
});

describe("Directory roles tab", () => {
  it("lists roles with holders first and shows who holds them, with scope", async () => {
    renderTab("roles");
    const rows = await screen.findAllByTestId("role-row");
    // Only roles with holders by default.
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("Global Administrator"),
      expect.stringContaining("Helpdesk Operators (custom)"),
    ]);
    expect(rows[0]).toHaveTextContent("Built-in2");
    expect(rows[1]).toHaveTextContent("Custom1");

    await userEvent.click(screen.getByRole("button", { name: "Show holders of Global Administrator" }));
    const holders = within(screen.getByRole("table", { name: "Holders of Global Administrator" }));
    expect(holders.getByText("Ada Admin")).toBeInTheDocument();
    expect(holders.getByText("Service principal")).toBeInTheDocument();
    expect(holders.getAllByText("Whole directory")).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "Show holders of Helpdesk Operators (custom)" }));
    const custom = within(screen.getByRole("table", { name: "Holders of Helpdesk Operators (custom)" }));
    expect(custom.getByText("p-3")).toBeInTheDocument();
    expect(custom.getByText("Administrative unit au-1")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("switch", { name: "Only roles with holders" }));
    expect(screen.getAllByTestId("role-row")).toHaveLength(3);
  });

  it("offers Sync roles before the first role sync", async () => {
    renderTab("roles", fakeCommands({ listDirectoryRoles: vi.fn(async () => ({ definitions: [], assignments: [] })) }));
    expect(await screen.findByTestId("roles-empty")).toHaveTextContent("No directory roles synced yet");
  });

  it("reads scopes", () => {
    expect(scopeLabel("/")).toBe("Whole directory");
    expect(scopeLabel("/3f0c")).toBe("/3f0c");
  });
});

describe("RBAC report tab", () => {
  it("sums up the facts and lists findings with their severity and the privileged holders", async () => {
    renderTab("rbac");
    expect(await screen.findByTestId("rbac-global-admins")).toHaveTextContent("2");
    expect(screen.getByTestId("rbac-privileged")).toHaveTextContent("2");
    expect(screen.getByTestId("rbac-custom-roles")).toHaveTextContent("1");

    const findings = screen.getAllByTestId("rbac-finding");
    expect(findings[0]).toHaveTextContent("High");
    expect(findings[0]).toHaveTextContent("A service principal holds Global Administrator");
    expect(findings[0]).toHaveTextContent("Backup Automation");
    expect(
      within(findings[0] as HTMLElement)
        .getByText("High")
        .closest("[data-tone]"),
    ).toHaveAttribute("data-tone", "danger");
    expect(findings[1]).toHaveTextContent("Info");

    const holders = within(screen.getByTestId("privileged-holders"));
    expect(holders.getByText("Ada Admin")).toBeInTheDocument();
    expect(holders.getByText("Service principal")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-roles");
  });

  it("offers Sync roles before the first report", async () => {
    const { commands } = renderTab("rbac", fakeCommands({ rbacReport: vi.fn(async () => null) }));
    const empty = await screen.findByTestId("rbac-empty");
    expect(empty).toHaveTextContent("Run Sync roles");
    await userEvent.click(within(empty).getByRole("button", { name: "Sync roles" }));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "roles" });
  });
});
