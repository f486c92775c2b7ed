import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { LastSync } from "../bindings/types";
import { columnsStorageKey } from "../components/columns";
import { fakeCommands } from "../test/fakeCommands";
import { workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { TenantsPage } from "./TenantsPage";

/** A local moment as the backend sends it, and as an export writes it. */
const at = { sent: new Date(2026, 10, 22, 9, 5, 30).toISOString(), written: "2026-11-22 09:05:30" };

const syncs: LastSync[] = [
  { tenant_id: "t-contoso", kind: "inventory", outcome: "partially_succeeded", completed_at: at.sent },
];

function renderPage(route = "/tenants?archived=show", workspace = workspaceSummary()) {
  const commands = fakeCommands({ listLastSyncs: vi.fn(async () => syncs) });
  renderApp(<TenantsPage />, { commands, workspace, route });
  return commands;
}

async function exportAs(item: string) {
  await userEvent.click(screen.getByRole("button", { name: "Export tenants" }));
  await userEvent.click(await screen.findByRole("menuitem", { name: item }));
  return screen.findByTestId("export-saved");
}

const sent = (commands: ReturnType<typeof fakeCommands>) => vi.mocked(commands.exportTable).mock.calls[0]?.[0];

describe("TenantsPage export", () => {
  it("writes the rows as the table shows them: its order, its words, exact local times", async () => {
    const commands = renderPage();
    await screen.findAllByTestId("tenant-row");
    await screen.findByText(/ago$/);
    const saved = await exportAs("CSV");

    expect(sent(commands)).toEqual({
      workspace_id: "w1",
      name: "tenants",
      format: "csv",
      columns: [
        "Name",
        "Directory ID",
        "Status",
        "Connection",
        "Last sync: Inventory",
        "Last sync: Policies",
        "Last sync: Groups",
        "Last sync: Roles",
      ],
      rows: [
        [
          "Adatum Legal",
          "5e6f7a8b-2222-4d5e-9f0a-abcdefabcdef",
          "Archived",
          "Not connected",
          "Never",
          "Never",
          "Never",
          "Never",
        ],
        [
          "Contoso Pharma",
          "3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11",
          "Active",
          "Not verified",
          `${at.written} · Partially succeeded`,
          "Never",
          "Never",
          "Never",
        ],
        [
          "Fabrikam Logistics",
          "a7d2e9b4-1111-4c3d-8e9f-0123456789ab",
          "Paused",
          "Not verified",
          "Never",
          "Never",
          "Never",
          "Never",
        ],
      ],
    });
    expect(screen.getByText("Saved tenants-2026-11-22-100000.csv")).toBeInTheDocument();
    expect(saved).toHaveTextContent("3 tenants, saved to:");
    expect(within(saved).getByTestId("export-path")).toHaveTextContent(
      "/home/ann/Downloads/tenants-2026-11-22-100000.csv",
    );
  });

  it("respects the search, the archived switch, the sort order and the columns hidden in the chooser", async () => {
    window.localStorage.setItem(
      columnsStorageKey("tenants"),
      JSON.stringify(["directory", "sync_groups", "sync_roles"]),
    );
    const commands = renderPage("/tenants?archived=show&q=a");
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(within(screen.getByRole("columnheader", { name: "Name" })).getByRole("button"));
    await exportAs("JSON");

    expect(sent(commands)?.format).toBe("json");
    expect(sent(commands)?.columns).toEqual([
      "Name",
      "Status",
      "Connection",
      "Last sync: Inventory",
      "Last sync: Policies",
    ]);
    // "a" matches all three names; sorted Z→A now.
    expect(sent(commands)?.rows.map((row) => row[0])).toEqual(["Fabrikam Logistics", "Contoso Pharma", "Adatum Legal"]);
  });

  it("leaves out what the table does not list: archived tenants while hidden, names the search does not match", async () => {
    const commands = renderPage("/tenants?q=contoso");
    await screen.findAllByTestId("tenant-row");
    await exportAs("CSV");
    expect(sent(commands)?.rows.map((row) => row[0])).toEqual(["Contoso Pharma"]);
  });

  it("exports only the selected tenants when some are selected", async () => {
    const commands = renderPage();
    await screen.findAllByTestId("tenant-row");
    await userEvent.click(screen.getByRole("checkbox", { name: "Select Fabrikam Logistics" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select Adatum Legal" }));
    await userEvent.click(screen.getByRole("button", { name: "Export tenants" }));
    expect(await screen.findByText("Export selected (2 tenants)")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("menuitem", { name: "Export selected as CSV" }));
    const saved = await screen.findByTestId("export-saved");
    expect(sent(commands)?.rows.map((row) => row[0])).toEqual(["Adatum Legal", "Fabrikam Logistics"]);
    expect(saved).toHaveTextContent("2 tenants, saved to:");
  });

  it("offers no selected export to an operator who cannot select, but still the whole table", async () => {
    renderPage(
      "/tenants",
      workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "operations.view"] }),
    );
    await screen.findAllByTestId("tenant-row");
    expect(screen.queryByRole("checkbox", { name: /^Select / })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Export tenants" }));
    expect(await screen.findByRole("menuitem", { name: "CSV" })).toBeInTheDocument();
    expect(screen.queryByText(/^Export selected/)).not.toBeInTheDocument();
  });
});
