import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { auditLog, fakeCommands } from "../../test/fakeCommands";
import { auditRow, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { AuditPage } from "./AuditPage";

function renderAudit(commands = fakeCommands(), route = "/audit") {
  return renderApp(
    <Routes>
      <Route path="/audit" element={<AuditPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

function lastFilter(commands: ReturnType<typeof fakeCommands>) {
  const request = vi.mocked(commands.listAudit).mock.lastCall?.[0];
  if (request === undefined) throw new Error("listAudit was not called");
  return request.filter;
}

const entries = [
  auditRow({
    id: "a-run",
    action: "operation_run.completed",
    target_type: "operation_run",
    target_id: "r-9",
    summary: "Inventory sync for Contoso Pharma: failed",
    metadata: { type: "inventory_sync", outcome: "failed", reconciliation: { source: "scheduled_reconciler" } },
    created_at: "2026-11-22T09:30:00.000Z",
  }),
  auditRow({ id: "a-tenant" }),
  auditRow({
    id: "a-workspace",
    action: "workspace.created",
    target_type: "workspace",
    target_id: "w1",
    tenant_id: null,
    actor: { kind: "system" },
    summary: "Created workspace Northwind MSP (demo)",
  }),
];

describe("Audit log", () => {
  it("lists the newest 50 entries with what happened, who did it and the tenant", async () => {
    const commands = fakeCommands({ listAudit: vi.fn(auditLog(entries)) });
    renderAudit(commands);
    const rows = await screen.findAllByTestId("audit-row");
    expect(commands.listAudit).toHaveBeenCalledWith({ workspace_id: "w1", filter: { offset: 0, limit: 50 } });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Operation runs");
    expect(rows[0]).toHaveTextContent("Inventory sync for Contoso Pharma: failed");
    expect(rows[0]).toHaveTextContent("Ada Lovelace");
    expect(rows[0]).toHaveTextContent("Contoso Pharma");
    expect(rows[2]).toHaveTextContent("System");
    expect(screen.getByTestId("audit-shown")).toHaveTextContent("3 of 3 entries");
    expect(screen.queryByTestId("audit-load-more")).not.toBeInTheDocument();
  });

  it("sends the area, tenant, operator and dates as the filter", async () => {
    const commands = fakeCommands({ listAudit: vi.fn(auditLog(entries)) });
    renderAudit(commands, "/audit?from=2026-11-01&until=2026-11-02");
    await screen.findAllByTestId("audit-row");
    expect(lastFilter(commands)).toEqual({
      from: new Date("2026-11-01T00:00:00").toISOString(),
      until: new Date("2026-11-03T00:00:00").toISOString(),
      offset: 0,
      limit: 50,
    });

    await userEvent.click(screen.getByRole("combobox", { name: "Area" }));
    await userEvent.click(await screen.findByRole("option", { name: "Operation runs" }));
    await waitFor(() => expect(lastFilter(commands).action).toBe("operation_run"));

    await userEvent.click(screen.getByRole("combobox", { name: "Tenant" }));
    await userEvent.click(await screen.findByRole("option", { name: "Fabrikam Logistics" }));
    await waitFor(() => expect(lastFilter(commands).tenant).toBe("t-fabrikam"));

    await userEvent.click(screen.getByRole("combobox", { name: "Operator" }));
    await userEvent.click(await screen.findByRole("option", { name: "Ada Lovelace (you)" }));
    await waitFor(() =>
      expect(lastFilter(commands)).toEqual({
        action: "operation_run",
        tenant: "t-fabrikam",
        actor: "u1",
        from: new Date("2026-11-01T00:00:00").toISOString(),
        until: new Date("2026-11-03T00:00:00").toISOString(),
        offset: 0,
        limit: 50,
      }),
    );
  });

  it("loads more entries a page at a time", async () => {
    const many = Array.from({ length: 120 }, (_, i) => auditRow({ id: `a-${i}`, summary: `Entry ${i}` }));
    const commands = fakeCommands({ listAudit: vi.fn(auditLog(many)) });
    renderAudit(commands);
    expect(await screen.findAllByTestId("audit-row")).toHaveLength(50);
    expect(screen.getByTestId("audit-shown")).toHaveTextContent("50 of 120 entries");
    await userEvent.click(screen.getByTestId("audit-load-more"));
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(100));
    expect(lastFilter(commands)).toEqual({ offset: 50, limit: 50 });
    await userEvent.click(screen.getByTestId("audit-load-more"));
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(120));
    expect(screen.queryByTestId("audit-load-more")).not.toBeInTheDocument();
  });

  it("inspects an entry in a drawer that links to its run", async () => {
    renderAudit(fakeCommands({ listAudit: vi.fn(auditLog(entries)) }));
    await userEvent.click((await screen.findAllByTestId("audit-row"))[0] as HTMLElement);
    const entry = await screen.findByTestId("audit-entry");
    expect(within(entry).getByTestId("audit-entry-summary")).toHaveTextContent(
      "Inventory sync for Contoso Pharma: failed",
    );
    expect(entry).toHaveTextContent("operation_run.completed");
    expect(entry).toHaveTextContent("Operation run");
    expect(within(entry).getByTestId("audit-metadata")).toHaveTextContent('"source": "scheduled_reconciler"');
    expect(within(entry).getByTestId("audit-tenant-link")).toHaveAttribute("href", "/tenants/t-contoso");
    await userEvent.click(within(entry).getByTestId("audit-target-link"));
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-9");
  });

  it("links a tenant entry to the tenant; a workspace entry has no target page", async () => {
    renderAudit(fakeCommands({ listAudit: vi.fn(auditLog(entries)) }));
    const rows = await screen.findAllByTestId("audit-row");
    await userEvent.click(rows[1] as HTMLElement);
    expect(await screen.findByTestId("audit-target-link")).toHaveAttribute("href", "/tenants/t-contoso");
    expect(screen.getByTestId("audit-target-link")).toHaveTextContent("Open tenant");
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("audit-entry")).not.toBeInTheDocument());

    rows[2]?.focus();
    await userEvent.keyboard("{Enter}");
    const entry = await screen.findByTestId("audit-entry");
    expect(entry).toHaveTextContent("Workspace");
    expect(entry).toHaveTextContent("Northwind MSP (demo)");
    expect(entry).toHaveTextContent("System");
    expect(within(entry).queryByTestId("audit-target-link")).not.toBeInTheDocument();
  });

  it("tells an empty log apart from filters that match nothing", async () => {
    renderAudit();
    expect(await screen.findByTestId("audit-empty")).toHaveTextContent("Nothing recorded yet");
  });

  it("says when no entry matches and clears the filters", async () => {
    const commands = fakeCommands({ listAudit: vi.fn(auditLog([])) });
    renderAudit(commands, "/audit?area=tenant");
    const empty = await screen.findByTestId("audit-no-match");
    vi.mocked(commands.listAudit).mockImplementation(auditLog(entries));
    await userEvent.click(within(empty).getByRole("button", { name: "Clear filters" }));
    expect(await screen.findAllByTestId("audit-row")).toHaveLength(3);
    expect(lastFilter(commands)).toEqual({ offset: 0, limit: 50 });
  });
});
