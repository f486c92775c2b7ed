import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { exportDate } from "../../components/export";
import { fakeCommands } from "../../test/fakeCommands";
import { demoTenants, groups, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { DirectoryRolesTab } from "./DirectoryRolesTab";
import { GroupsTab } from "./GroupsTab";
import { RbacReportTab } from "./RbacReportTab";

const contoso = demoTenants[0] as (typeof demoTenants)[number];

function render(ui: ReactElement, commands = fakeCommands()) {
  renderApp(ui, { commands, workspace: workspaceSummary() });
  return commands;
}

/** Exports one table; `nth` says how many exports there will have been, so each waits for its own toast. */
async function exportFrom(button: string, item = "CSV", nth = 1) {
  await userEvent.click(screen.getByRole("button", { name: button }));
  await userEvent.click(await screen.findByRole("menuitem", { name: item }));
  await waitFor(() => expect(screen.getAllByTestId("export-saved")).toHaveLength(nth));
}

const sent = (commands: ReturnType<typeof fakeCommands>) => vi.mocked(commands.exportTable).mock.calls[0]?.[0];

describe("Directory exports", () => {
  it("writes every group the search matches, the membership rule in its own column", async () => {
    const listGroups = vi.fn(async ({ offset, limit }: { offset: number; limit: number }) => ({
      items: offset === 0 ? groups.slice(0, Math.min(limit, groups.length)) : [],
      total: groups.length,
    }));
    const commands = render(<GroupsTab tenant={contoso} />, fakeCommands({ listGroups }));
    await screen.findAllByTestId("group-row");
    await exportFrom("Export groups");

    expect(listGroups).toHaveBeenCalledWith({ tenant_id: "t-contoso", offset: 0, limit: 500 });
    expect(sent(commands)).toMatchObject({
      name: "Contoso Pharma-groups",
      columns: ["Name", "Description", "Type", "Membership", "Membership rule", "Last seen"],
      rows: [
        [
          "All Windows devices",
          "Every corporate Windows device",
          "Security",
          "Dynamic",
          '(device.deviceOSType -eq "Windows")',
          exportDate(groups[0]?.last_seen_at),
        ],
        ["Finance team", "finance@contoso.com", "Microsoft 365", "Assigned", "", exportDate(groups[1]?.last_seen_at)],
      ],
    });
  });

  it("writes the roles the tab shows, with who holds them", async () => {
    const commands = render(<DirectoryRolesTab tenant={contoso} />);
    await screen.findAllByTestId("role-row");
    await exportFrom("Export roles");
    // Only roles with holders, as the switch shows them by default.
    expect(sent(commands)?.rows).toEqual([
      [
        "Global Administrator",
        "Can manage all aspects of Microsoft Entra ID.",
        "Built-in",
        "Enabled",
        "2",
        "Ada Admin (User); Backup Automation (Service principal)",
      ],
      ["Helpdesk Operators (custom)", "", "Custom", "Enabled", "1", "p-3 (Group, Administrative unit au-1)"],
    ]);
  });

  it("writes each table of the RBAC report on its own", async () => {
    const commands = render(<RbacReportTab tenant={contoso} />);
    await screen.findByTestId("rbac-report");
    await exportFrom("Export findings", "JSON");
    expect(sent(commands)).toMatchObject({
      name: "Contoso Pharma-rbac-findings",
      format: "json",
      columns: ["Severity", "Finding", "Detail", "Concerns"],
      rows: [
        [
          "High",
          "A service principal holds Global Administrator",
          "Applications with Global Administrator can change anything in the directory.",
          "Backup Automation",
        ],
        ["Info", "1 custom role is defined", "Review custom roles regularly.", "Helpdesk Operators (custom)"],
      ],
    });

    await exportFrom("Export holders", "CSV", 2);
    expect(vi.mocked(commands.exportTable).mock.calls[1]?.[0]).toMatchObject({
      name: "Contoso Pharma-privileged-role-holders",
      columns: ["Principal", "Kind", "Privileged roles"],
      rows: [
        ["Ada Admin", "User", "Global Administrator"],
        ["Backup Automation", "Service principal", "Global Administrator"],
      ],
    });
  });
});
