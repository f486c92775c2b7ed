import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { ScheduleView } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { scheduleView, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "./TenantPage";

function renderTenant(schedules: ScheduleView[] | Error, workspace = workspaceSummary()) {
  const listSchedules = vi.fn(async () => {
    if (schedules instanceof Error) throw { code: "internal", message: schedules.message };
    return schedules;
  });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="/schedules" element={<p data-testid="schedules-route" />} />
    </Routes>,
    { commands: fakeCommands({ listSchedules }), workspace, route: "/tenants/t-contoso" },
  );
}

describe("A tenant's scheduled syncs in its header", () => {
  it("names each schedule that syncs the tenant with its next start, and links to them", async () => {
    renderTenant([
      scheduleView({ id: "s-contoso" }),
      scheduleView({ id: "s-all", tenant_id: null, enabled: false }, { kind: "policies", tenant_name: null }),
      scheduleView({ id: "s-fabrikam", tenant_id: "t-fabrikam" }, { tenant_name: "Fabrikam Logistics" }),
    ]);
    const section = await screen.findByTestId("tenant-schedules");
    const entries = within(section).getAllByTestId("tenant-schedule");
    // Every tenant's schedule first, then the tenant's own; never another tenant's.
    expect(entries.map((entry) => entry.textContent)).toEqual([
      "Policies (all tenants)paused·",
      expect.stringMatching(/^Inventorynext Mon 2026-11-23 03:00 CET \(.+\)$/),
    ]);
    await userEvent.click(within(section).getByRole("link", { name: "Schedules" }));
    expect(await screen.findByTestId("schedules-route")).toBeInTheDocument();
    expect(screen.getByTestId("location-search")).toHaveTextContent("?tenant=t-contoso");
  });

  it("names a backup schedule as a backup, after the syncs", async () => {
    renderTenant([
      scheduleView(
        { id: "s-backup", operation: "backup_schedule_run" },
        { kind: "backup", retention: { keep_last: 7 } },
      ),
      scheduleView({ id: "s-contoso" }),
    ]);
    const section = await screen.findByTestId("tenant-schedules");
    expect(
      within(section)
        .getAllByTestId("tenant-schedule")
        .map((entry) => entry.textContent),
    ).toEqual([
      expect.stringMatching(/^Inventorynext .+·$/),
      expect.stringMatching(/^Backupnext Mon 2026-11-23 03:00 CET \(.+\)$/),
    ]);
  });

  it("offers a first schedule to a member who may sync, and only says none to others", async () => {
    const { unmount } = renderTenant([]);
    const section = await screen.findByTestId("tenant-schedules");
    expect(section).toHaveTextContent("Scheduled:none");
    expect(within(section).getByRole("link", { name: "Schedule a sync" })).toHaveAttribute(
      "href",
      "/schedules?tenant=t-contoso&new",
    );
    unmount();

    renderTenant([], workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }));
    const readonly = await screen.findByTestId("tenant-schedules");
    expect(readonly).toHaveTextContent("Scheduled:none");
    expect(within(readonly).queryByRole("link")).not.toBeInTheDocument();
  });

  it("says when the schedules could not be read", async () => {
    renderTenant(new Error("The database is locked."));
    expect(await screen.findByTestId("tenant-schedules")).toHaveTextContent(
      "Scheduled syncs could not be loaded: The database is locked.",
    );
  });
});
