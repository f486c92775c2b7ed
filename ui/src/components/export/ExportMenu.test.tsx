import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { deferred, fakeCommands } from "../../test/fakeCommands";
import { workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { ExportMenu } from "./ExportMenu";
import type { GatheredTable, GatherTable } from "./useTableExport";

const table: GatheredTable = {
  columns: ["Name", "Status"],
  rows: [
    ["Contoso Pharma", "Active"],
    ["Fabrikam Logistics", "Paused"],
  ],
  truncated: false,
};

function renderMenu(
  gather: GatherTable,
  commands = fakeCommands(),
  selected: { count: number; gather: GatherTable } | null = null,
) {
  return renderApp(
    <ExportMenu workspaceId="w1" name="tenants" noun={["tenant", "tenants"]} gather={gather} selected={selected} />,
    { commands, workspace: workspaceSummary() },
  );
}

async function choose(item: string) {
  await userEvent.click(screen.getByRole("button", { name: "Export tenants" }));
  await userEvent.click(await screen.findByRole("menuitem", { name: item }));
}

describe("ExportMenu", () => {
  it("gathers the rows, writes them in the chosen format and says where the file went", async () => {
    const { commands } = renderMenu(async () => table);
    await choose("JSON");
    const saved = await screen.findByTestId("export-saved");
    expect(commands.exportTable).toHaveBeenCalledWith({
      workspace_id: "w1",
      name: "tenants",
      format: "json",
      columns: ["Name", "Status"],
      rows: table.rows,
    });
    expect(screen.getByText("Saved tenants-2026-11-22-100000.json")).toBeInTheDocument();
    expect(saved).toHaveTextContent("2 tenants, saved to:");
    expect(within(saved).getByTestId("export-path")).toHaveTextContent(
      "/home/ann/Downloads/tenants-2026-11-22-100000.json",
    );
    expect(screen.queryByTestId("export-capped")).not.toBeInTheDocument();
  });

  it("shows how far the gathering is while it reads, and the button stays busy", async () => {
    const rows = deferred<GatheredTable>();
    let report: ((gathered: number, total: number | null) => void) | undefined;
    renderMenu(async (progress) => {
      report = progress;
      return rows.promise;
    });
    await choose("CSV");
    expect(await screen.findByText("Exporting tenants")).toBeInTheDocument();
    report?.(500, 1_200);
    expect(await screen.findByText(`Gathered 500 of ${(1_200).toLocaleString()} tenants…`)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export tenants" })).toHaveAttribute("data-loading", "true");
    rows.resolve(table);
    expect(await screen.findByTestId("export-saved")).toHaveAttribute("data-format", "csv");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Export tenants" })).not.toHaveAttribute("data-loading"),
    );
  });

  it("says why nothing was written, in the backend's words", async () => {
    const commands = fakeCommands({
      exportTable: vi.fn(async () => {
        throw {
          code: "unavailable",
          message: "The export could not be written to /home/ann/Downloads (disk full); nothing was saved.",
        };
      }),
    });
    renderMenu(async () => table, commands);
    await choose("CSV");
    expect(await screen.findByTestId("export-error")).toHaveTextContent(
      "The export could not be written to /home/ann/Downloads (disk full); nothing was saved.",
    );
    expect(screen.getByText("The tenants were not exported")).toBeInTheDocument();
  });

  it("reports a failed read while gathering the same way", async () => {
    const commands = fakeCommands();
    renderMenu(async () => {
      throw { code: "forbidden", message: "You may not view this workspace." };
    }, commands);
    await choose("CSV");
    expect(await screen.findByTestId("export-error")).toHaveTextContent("You may not view this workspace.");
    expect(commands.exportTable).not.toHaveBeenCalled();
  });

  it("offers the selected rows only while some are selected", async () => {
    const only = vi.fn(async (): Promise<GatheredTable> => ({ ...table, rows: [["Contoso Pharma", "Active"]] }));
    const { commands } = renderMenu(async () => table, fakeCommands(), { count: 1, gather: only });
    await userEvent.click(screen.getByRole("button", { name: "Export tenants" }));
    expect(await screen.findByText("Export selected (1 tenant)")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("menuitem", { name: "Export selected as CSV" }));
    await screen.findByTestId("export-saved");
    expect(only).toHaveBeenCalled();
    expect(vi.mocked(commands.exportTable).mock.calls[0]?.[0].rows).toEqual([["Contoso Pharma", "Active"]]);
  });
});
