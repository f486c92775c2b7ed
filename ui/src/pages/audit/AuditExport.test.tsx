import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { exportDate } from "../../components/export";
import { auditLog, fakeCommands } from "../../test/fakeCommands";
import { auditRow, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { AuditPage } from "./AuditPage";

describe("Audit log export", () => {
  it("writes every entry the filters match, not only the pages loaded", async () => {
    const rows = Array.from({ length: 620 }, (_, i) =>
      auditRow(
        i === 0
          ? {
              id: "a-0",
              actor: { kind: "system" },
              action: "operation_run.completed",
              tenant_id: null,
              summary: "Sync ended",
            }
          : { id: `a-${i}` },
      ),
    );
    const commands = fakeCommands({ listAudit: vi.fn(auditLog(rows)) });
    renderApp(
      <Routes>
        <Route path="/audit" element={<AuditPage />} />
      </Routes>,
      { commands, workspace: workspaceSummary(), route: "/audit?area=tenant" },
    );
    await screen.findAllByTestId("audit-row");
    await userEvent.click(screen.getByRole("button", { name: "Export entries" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "CSV" }));
    const saved = await screen.findByTestId("export-saved");

    const reads = vi
      .mocked(commands.listAudit)
      .mock.calls.map(([request]) => request.filter)
      .filter((filter) => filter.limit === 500);
    expect(reads).toEqual([
      { action: "tenant", offset: 0, limit: 500 },
      { action: "tenant", offset: 500, limit: 500 },
    ]);
    const request = vi.mocked(commands.exportTable).mock.calls[0]?.[0];
    expect(request?.name).toBe("audit-log");
    expect(request?.columns).toEqual(["When", "Area", "What happened", "By", "Tenant"]);
    expect(request?.rows).toHaveLength(620);
    expect(request?.rows.slice(0, 2)).toEqual([
      [exportDate(rows[0]?.entry.created_at), "Operation runs", "Sync ended", "System", ""],
      [
        exportDate(rows[1]?.entry.created_at),
        "Tenants",
        "Added tenant Contoso Pharma (simulated)",
        "Ada Lovelace",
        "Contoso Pharma",
      ],
    ]);
    expect(saved).toHaveTextContent("620 entries, saved to:");
  });
});
