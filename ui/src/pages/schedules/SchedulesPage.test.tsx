import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { CreateScheduleRequest, ScheduleView, UpdateScheduleRequest } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { scheduleView, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { SchedulesPage } from "./SchedulesPage";

const contosoNightly = scheduleView({ id: "s-contoso" });
const everyTenantWeekdays = scheduleView(
  {
    id: "s-all",
    tenant_id: null,
    operation: "policy.sync",
    cron: "0 6 * * 1-5",
    time_zone: "America/New_York",
    last_run_at: null,
  },
  {
    kind: "policies",
    tenant_name: null,
    upcoming_local: ["Mon 2026-11-23 06:00 EST", "Tue 2026-11-24 06:00 EST", "Wed 2026-11-25 06:00 EST"],
  },
);
const fabrikamPaused = scheduleView(
  {
    id: "s-fabrikam",
    tenant_id: "t-fabrikam",
    operation: "entra_group_sync",
    cron: "15 4 1 * 2",
    enabled: false,
    next_run_at: null,
  },
  { kind: "groups", tenant_name: "Fabrikam Logistics" },
);

/**
 * The schedule commands over one list, as the backend keeps it: a change is read back by the
 * next listing. Creating answers with Contoso's name (or none for every tenant) and three starts.
 */
function scheduleBackend(initial: ScheduleView[] = [contosoNightly, fabrikamPaused, everyTenantWeekdays]) {
  let list = [...initial];
  return {
    listSchedules: vi.fn(async () => list),
    createSchedule: vi.fn(async (request: CreateScheduleRequest): Promise<ScheduleView> => {
      const created = scheduleView(
        { id: "s-new", tenant_id: request.tenant_id ?? null, cron: request.cron, time_zone: request.time_zone },
        {
          kind: request.kind,
          retention: request.retention ?? null,
          tenant_name: request.tenant_id === undefined ? null : "Contoso Pharma",
        },
      );
      list = [...list, created];
      return created;
    }),
    updateSchedule: vi.fn(async (request: UpdateScheduleRequest): Promise<ScheduleView> => {
      const current = list.find((view) => view.schedule.id === request.schedule_id);
      if (current === undefined) throw { code: "not_found", message: "Schedule was not found." };
      const schedule = {
        ...current.schedule,
        ...(request.cron === undefined ? {} : { cron: request.cron }),
        ...(request.time_zone === undefined ? {} : { time_zone: request.time_zone }),
        ...(request.enabled === undefined ? {} : { enabled: request.enabled }),
      };
      const updated = scheduleView(schedule, {
        kind: current.kind,
        retention: request.retention ?? current.retention,
        tenant_name: current.tenant_name,
      });
      list = list.map((view) => (view.schedule.id === schedule.id ? updated : view));
      return updated;
    }),
    deleteSchedule: vi.fn(async ({ schedule_id }: { schedule_id: string }) => {
      list = list.filter((view) => view.schedule.id !== schedule_id);
      return list;
    }),
  };
}

function renderSchedules(
  overrides: Parameters<typeof fakeCommands>[0] = {},
  { route = "/schedules", workspace = workspaceSummary() } = {},
) {
  return renderApp(<SchedulesPage />, {
    commands: fakeCommands({ ...scheduleBackend(), ...overrides }),
    workspace,
    route,
  });
}

const rows = () => screen.getAllByTestId("schedule-row");
const row = (name: string) => screen.getByRole("listitem", { name });

describe("Schedules page", () => {
  it("lists every schedule with what it syncs, when, its next starts and its last start", async () => {
    renderSchedules();
    await screen.findByTestId("schedule-list");
    expect(screen.getByTestId("schedule-count")).toHaveTextContent("3");
    // Schedules of every tenant first, then by tenant.
    expect(rows().map((element) => element.getAttribute("data-schedule-id"))).toEqual([
      "s-all",
      "s-contoso",
      "s-fabrikam",
    ]);

    const everyTenant = within(row("Policy sync of all active tenants"));
    expect(everyTenant.getByTestId("schedule-target")).toHaveTextContent("All active tenants");
    expect(everyTenant.getByTestId("schedule-when")).toHaveTextContent("Weekdays at 06:000 6 * * 1-5America/New_York");
    expect(everyTenant.getByRole("list", { name: "Next starts" })).toHaveTextContent(
      "Mon 2026-11-23 06:00 ESTTue 2026-11-24 06:00 ESTWed 2026-11-25 06:00 EST",
    );
    expect(everyTenant.getByTestId("schedule-last-run")).toHaveTextContent("Not started yet");

    const contoso = within(row("Inventory sync of Contoso Pharma"));
    expect(contoso.getByRole("link", { name: "Contoso Pharma" })).toHaveAttribute("href", "/tenants/t-contoso");
    expect(contoso.getByTestId("schedule-when")).toHaveTextContent("Every day at 03:000 3 * * *Europe/Berlin");
    expect(contoso.getByTestId("schedule-last-run")).toHaveTextContent(/^Last started .+ ago$/);
    expect(contoso.getByRole("switch", { name: "Run Inventory sync of Contoso Pharma on schedule" })).toBeChecked();

    // Not simple enough for words: the expression speaks for itself. Paused: no starts.
    const fabrikam = within(row("Group sync of Fabrikam Logistics"));
    expect(fabrikam.getByTestId("schedule-when")).toHaveTextContent("Custom times15 4 1 * 2Europe/Berlin");
    expect(fabrikam.getByTestId("schedule-paused")).toHaveTextContent("Paused");
    expect(fabrikam.getByTestId("schedule-upcoming")).toHaveTextContent("Paused: nothing starts until it is resumed.");
    // Fabrikam itself is paused: its schedule is skipped.
    expect(await fabrikam.findByTestId("schedule-tenant-inactive")).toHaveTextContent("Tenant paused");
    expect(fabrikam.getByRole("switch")).not.toBeChecked();
  });

  it("explains an empty workspace and offers the first schedule", async () => {
    renderSchedules({ listSchedules: vi.fn(async () => []) });
    const empty = await screen.findByTestId("schedules-empty");
    expect(empty).toHaveTextContent("No scheduled syncs yet");
    await userEvent.click(within(empty).getByRole("button", { name: "New schedule" }));
    expect(await screen.findByRole("dialog", { name: "New schedule" })).toBeInTheDocument();
  });

  it("shows members who may not sync the schedules, but nothing to change them", async () => {
    renderSchedules({}, { workspace: workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }) });
    await screen.findByTestId("schedule-list");
    expect(screen.queryByTestId("new-schedule")).not.toBeInTheDocument();
    expect(screen.queryByRole("switch")).not.toBeInTheDocument();
    expect(screen.queryByTestId("schedule-edit")).not.toBeInTheDocument();
    expect(screen.queryByTestId("schedule-delete")).not.toBeInTheDocument();
  });

  it("says when the schedules cannot be read, and reads them again on Retry", async () => {
    let fail = true;
    const listSchedules = vi.fn(async () => {
      if (fail) throw { code: "storage_unavailable", message: "The database is not reachable." };
      return [contosoNightly];
    });
    renderSchedules({ listSchedules });
    expect(await screen.findByTestId("error-state")).toHaveTextContent("The database is not reachable.");
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("schedule-list")).toBeInTheDocument();
  });

  it("creates a schedule from a preset in the operator's time zone, and lists it", async () => {
    const { commands } = renderSchedules();
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));

    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect((dialog.getByRole("combobox", { name: /Time zone/ }) as HTMLInputElement).value).toContain(
      own.replaceAll("_", " "),
    );
    await userEvent.click(dialog.getByRole("combobox", { name: "Tenant" }));
    await userEvent.click(await screen.findByRole("option", { name: "Contoso Pharma" }));
    await userEvent.click(dialog.getByRole("radio", { name: "Policies" }));
    expect(
      dialog.getByText("Each start queues a Policy sync, as the tenant's “Sync policies” button does."),
    ).toBeInTheDocument();

    await userEvent.click(dialog.getByRole("radio", { name: "Weekdays at 06:00" }));
    const cron = dialog.getByRole("textbox", { name: /Cron expression/ });
    expect(cron).toHaveValue("0 6 * * 1-5");
    expect(dialog.getByText(/^Weekdays at 06:00, .+ time\.$/)).toBeInTheDocument();
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));

    expect(commands.createSchedule).toHaveBeenCalledWith({
      workspace_id: "w1",
      tenant_id: "t-contoso",
      kind: "policies",
      cron: "0 6 * * 1-5",
      time_zone: own,
    });
    expect(await screen.findByText("Schedule created")).toBeInTheDocument();
    expect(screen.getByText(/Policy sync of Contoso Pharma · next start Mon 2026-11-23 03:00 CET/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "New schedule" })).not.toBeInTheDocument());
    expect(screen.getAllByTestId("schedule-row").map((element) => element.getAttribute("data-schedule-id"))).toContain(
      "s-new",
    );
  });

  it("takes a written expression and a zone found by name, for every tenant, and shows a refusal on its field", async () => {
    const createSchedule = vi.fn(async () => {
      throw {
        code: "invalid_input",
        message: "The schedule is not usable: it would start more often than every 15 minutes.",
      };
    });
    const { commands } = renderSchedules({ createSchedule });
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    expect(dialog.getByRole("combobox", { name: "Tenant" })).toHaveValue("All active tenants");

    const cron = dialog.getByRole("textbox", { name: /Cron expression/ });
    await userEvent.clear(cron);
    await userEvent.type(cron, "*/5 * * * *");
    // No preset is this expression any more.
    for (const preset of dialog.getAllByRole("radio", { name: /at|Every/ })) expect(preset).not.toBeChecked();

    const zone = dialog.getByRole("combobox", { name: /Time zone/ });
    await userEvent.clear(zone);
    await userEvent.type(zone, "new york");
    await userEvent.click(await screen.findByRole("option", { name: /^America\/New York/ }));
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));

    expect(commands.createSchedule).toHaveBeenCalledWith({
      workspace_id: "w1",
      kind: "inventory",
      cron: "*/5 * * * *",
      time_zone: "America/New_York",
    });
    // The refusal is about the expression: it stands under it, which gets the focus; the form stays.
    expect(
      await dialog.findByText("The schedule is not usable: it would start more often than every 15 minutes."),
    ).toBeInTheDocument();
    expect(cron).toHaveAttribute("aria-invalid", "true");
    expect(cron).toHaveFocus();
    expect(dialog.queryByTestId("schedule-form-error")).not.toBeInTheDocument();
    await userEvent.type(cron, "{Backspace}");
    expect(cron).not.toHaveAttribute("aria-invalid");
  });

  it("shows a refusal that is about no field at the top of the form", async () => {
    const createSchedule = vi.fn(async () => {
      throw { code: "forbidden", message: "You may not schedule syncs of Contoso Pharma." };
    });
    renderSchedules({ createSchedule });
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));
    expect(await dialog.findByTestId("schedule-form-error")).toHaveTextContent(
      "The schedule was not createdYou may not schedule syncs of Contoso Pharma.",
    );
  });

  it("asks for an expression before anything is sent", async () => {
    const { commands } = renderSchedules();
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await userEvent.clear(dialog.getByRole("textbox", { name: /Cron expression/ }));
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));
    expect(
      dialog.getByText("Enter when the schedule starts: choose a preset or write a cron expression."),
    ).toBeInTheDocument();
    expect(commands.createSchedule).not.toHaveBeenCalled();
  });

  it("pauses and resumes a schedule with its switch", async () => {
    const { commands } = renderSchedules();
    await screen.findByTestId("schedule-list");
    await userEvent.click(screen.getByRole("switch", { name: "Run Inventory sync of Contoso Pharma on schedule" }));
    expect(commands.updateSchedule).toHaveBeenCalledWith({ schedule_id: "s-contoso", enabled: false });
    expect(await screen.findByText("Schedule paused")).toBeInTheDocument();
    const contoso = within(row("Inventory sync of Contoso Pharma"));
    await waitFor(() => expect(contoso.getByTestId("schedule-paused")).toBeInTheDocument());

    await userEvent.click(contoso.getByRole("switch"));
    expect(commands.updateSchedule).toHaveBeenLastCalledWith({ schedule_id: "s-contoso", enabled: true });
    expect(await screen.findByText("Schedule resumed")).toBeInTheDocument();
  });

  it("says when a pause is refused and leaves the switch as it was", async () => {
    const updateSchedule = vi.fn(async () => {
      throw { code: "forbidden", message: "You may not schedule this tenant's syncs." };
    });
    renderSchedules({ updateSchedule });
    await screen.findByTestId("schedule-list");
    const toggle = screen.getByRole("switch", { name: "Run Inventory sync of Contoso Pharma on schedule" });
    await userEvent.click(toggle);
    expect(await screen.findByText("The schedule was not changed")).toBeInTheDocument();
    expect(toggle).toBeChecked();
  });

  it("edits when a schedule starts and sends only what changed", async () => {
    const { commands } = renderSchedules();
    await screen.findByTestId("schedule-list");
    await userEvent.click(screen.getByRole("button", { name: "Edit Inventory sync of Contoso Pharma" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Edit schedule" }));
    expect(dialog.getByTestId("schedule-form-subject")).toHaveTextContent("Inventory sync of Contoso Pharma");
    // What it syncs stays: only the times change.
    expect(dialog.queryByRole("combobox", { name: "Tenant" })).not.toBeInTheDocument();
    expect(dialog.getByRole("radio", { name: "Every day at 03:00" })).toBeChecked();

    await userEvent.click(dialog.getByRole("radio", { name: "Sunday at 02:00" }));
    await userEvent.click(dialog.getByRole("button", { name: "Save" }));
    expect(commands.updateSchedule).toHaveBeenCalledWith({ schedule_id: "s-contoso", cron: "0 2 * * 0" });
    expect(await screen.findByText("Schedule saved")).toBeInTheDocument();
    await waitFor(() =>
      expect(within(row("Inventory sync of Contoso Pharma")).getByTestId("schedule-when")).toHaveTextContent(
        "Every Sunday at 02:00",
      ),
    );
  });

  it("deletes a schedule only once confirmed", async () => {
    const { commands } = renderSchedules();
    await screen.findByTestId("schedule-list");

    await userEvent.click(screen.getByRole("button", { name: "Delete Inventory sync of Contoso Pharma" }));
    let dialog = await screen.findByRole("dialog", { name: "Delete this schedule?" });
    expect(dialog).toHaveTextContent(
      "Inventory sync of Contoso Pharma, every day at 03:00 (Europe/Berlin), will no longer start.",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(commands.deleteSchedule).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Delete this schedule?" })).not.toBeInTheDocument(),
    );

    await userEvent.click(screen.getByRole("button", { name: "Delete Inventory sync of Contoso Pharma" }));
    dialog = await screen.findByRole("dialog", { name: "Delete this schedule?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete schedule" }));
    expect(commands.deleteSchedule).toHaveBeenCalledWith({ schedule_id: "s-contoso" });
    expect(await screen.findByText("Schedule deleted")).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole("listitem", { name: "Inventory sync of Contoso Pharma" })).not.toBeInTheDocument();
  });

  it("narrows the list to one tenant's schedules and opens the form for it from the address", async () => {
    renderSchedules({}, { route: "/schedules?tenant=t-contoso&new" });
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await waitFor(() => expect(dialog.getByRole("combobox", { name: "Tenant" })).toHaveValue("Contoso Pharma"));
    await userEvent.click(dialog.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByTestId("location-search")).toHaveTextContent("?tenant=t-contoso"));

    // Contoso's own schedule and the one of every tenant; not Fabrikam's.
    expect(rows().map((element) => element.getAttribute("data-schedule-id"))).toEqual(["s-all", "s-contoso"]);
    await userEvent.click(screen.getByRole("combobox", { name: "Tenant" }));
    await userEvent.click(await screen.findByRole("option", { name: "Fabrikam Logistics" }));
    expect(screen.getByTestId("location-search")).toHaveTextContent("?tenant=t-fabrikam");
    expect(rows().map((element) => element.getAttribute("data-schedule-id"))).toEqual(["s-all", "s-fabrikam"]);
  });

  it("shows which backups a backup schedule keeps, in words", async () => {
    const keepsSeven = scheduleView(
      { id: "s-backup", operation: "backup_schedule_run", cron: "0 2 * * *" },
      { kind: "backup", retention: { keep_last: 7 } },
    );
    const keepsMonth = scheduleView(
      { id: "s-backup-fab", tenant_id: "t-fabrikam", operation: "backup_schedule_run" },
      { kind: "backup", tenant_name: "Fabrikam Logistics", retention: { keep_last: 1, keep_days: 30 } },
    );
    const keepsAll = scheduleView(
      { id: "s-backup-all", tenant_id: null, operation: "backup_schedule_run" },
      { kind: "backup", tenant_name: null, retention: null },
    );
    renderSchedules({ listSchedules: vi.fn(async () => [contosoNightly, keepsSeven, keepsMonth, keepsAll]) });
    await screen.findByTestId("schedule-list");
    // Backups after the syncs of the same tenant.
    expect(rows().map((element) => element.getAttribute("data-schedule-id"))).toEqual([
      "s-backup-all",
      "s-contoso",
      "s-backup",
      "s-backup-fab",
    ]);
    expect(within(row("Backup of Contoso Pharma")).getByTestId("schedule-retention")).toHaveTextContent(
      "Keeps the newest 7 backups",
    );
    expect(within(row("Backup of Fabrikam Logistics")).getByTestId("schedule-retention")).toHaveTextContent(
      "Keeps the newest backup and every backup younger than 30 days",
    );
    expect(within(row("Backup of all active tenants")).getByTestId("schedule-retention")).toHaveTextContent(
      "Keeps every backup",
    );
    // A sync keeps nothing: no retention line.
    expect(within(row("Inventory sync of Contoso Pharma")).queryByTestId("schedule-retention")).not.toBeInTheDocument();
  });

  it("creates a backup schedule with the backups it keeps", async () => {
    const { commands } = renderSchedules();
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    expect(dialog.queryByTestId("schedule-retention-fields")).not.toBeInTheDocument();
    await userEvent.click(dialog.getByRole("combobox", { name: "Tenant" }));
    await userEvent.click(await screen.findByRole("option", { name: "Contoso Pharma" }));
    await userEvent.click(dialog.getByRole("radio", { name: "Backup" }));

    const keepLast = dialog.getByRole("textbox", { name: /Keep the newest/ });
    expect(keepLast).toHaveValue("14");
    await userEvent.clear(keepLast);
    await userEvent.type(keepLast, "7");
    await userEvent.type(dialog.getByRole("textbox", { name: /Also keep every backup younger than/ }), "30");
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));

    expect(commands.createSchedule).toHaveBeenCalledWith({
      workspace_id: "w1",
      tenant_id: "t-contoso",
      kind: "backup",
      cron: "0 3 * * *",
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      retention: { keep_last: 7, keep_days: 30 },
    });
    expect(await screen.findByText("Schedule created")).toBeInTheDocument();
    await waitFor(() =>
      expect(within(row("Backup of Contoso Pharma")).getByTestId("schedule-retention")).toHaveTextContent(
        "Keeps the newest 7 backups and every backup younger than 30 days",
      ),
    );
  });

  it("refuses to keep 0 backups on the field itself, before anything is sent", async () => {
    const { commands } = renderSchedules();
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await userEvent.click(dialog.getByRole("radio", { name: "Backup" }));
    const keepLast = dialog.getByRole("textbox", { name: /Keep the newest/ });
    await userEvent.clear(keepLast);
    await userEvent.type(keepLast, "0");
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));

    expect(dialog.getByText("Keep at least 1 backup: keeping 0 would delete every backup.")).toBeInTheDocument();
    expect(keepLast).toHaveAttribute("aria-invalid", "true");
    expect(keepLast).toHaveFocus();
    expect(commands.createSchedule).not.toHaveBeenCalled();

    // Emptied: a new backup schedule needs a number too.
    await userEvent.clear(keepLast);
    expect(keepLast).not.toHaveAttribute("aria-invalid");
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));
    expect(dialog.getByText("Enter how many backups to keep: 1 or more.")).toBeInTheDocument();
    expect(commands.createSchedule).not.toHaveBeenCalled();
  });

  it("sends no retention for a sync, even after Backup was chosen and left", async () => {
    const { commands } = renderSchedules();
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await userEvent.click(dialog.getByRole("radio", { name: "Backup" }));
    await userEvent.click(dialog.getByRole("radio", { name: "Groups" }));
    expect(dialog.queryByTestId("schedule-retention-fields")).not.toBeInTheDocument();
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));
    await waitFor(() => expect(commands.createSchedule).toHaveBeenCalled());
    expect(vi.mocked(commands.createSchedule).mock.calls[0]?.[0]).not.toHaveProperty("retention");
    expect(vi.mocked(commands.createSchedule).mock.calls[0]?.[0]).toMatchObject({ kind: "groups" });
  });

  it("changes which backups a backup schedule keeps, sending only that", async () => {
    const backup = scheduleView(
      { id: "s-backup", operation: "backup_schedule_run" },
      { kind: "backup", retention: { keep_last: 7, keep_days: 30 } },
    );
    const { commands } = renderSchedules(scheduleBackend([backup]));
    await screen.findByTestId("schedule-list");
    await userEvent.click(screen.getByRole("button", { name: "Edit Backup of Contoso Pharma" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Edit schedule" }));
    expect(dialog.getByTestId("schedule-form-subject")).toHaveTextContent(
      "Backup of Contoso Pharma · To back up another tenant, create a new schedule.",
    );
    const keepLast = dialog.getByRole("textbox", { name: /Keep the newest/ });
    expect(keepLast).toHaveValue("7");
    const keepDays = dialog.getByRole("textbox", { name: /Also keep every backup younger than/ });
    expect(keepDays).toHaveValue("30");
    await userEvent.clear(keepLast);
    await userEvent.type(keepLast, "21");
    await userEvent.clear(keepDays);
    await userEvent.click(dialog.getByRole("button", { name: "Save" }));

    expect(commands.updateSchedule).toHaveBeenCalledWith({ schedule_id: "s-backup", retention: { keep_last: 21 } });
    await waitFor(() =>
      expect(within(row("Backup of Contoso Pharma")).getByTestId("schedule-retention")).toHaveTextContent(
        "Keeps the newest 21 backups",
      ),
    );
  });

  it("puts the backend's refusal of a retention on its field", async () => {
    const createSchedule = vi.fn(async () => {
      throw {
        code: "invalid_input",
        message: "The retention is not usable: keep at most 10000 backup sets by count.",
      };
    });
    renderSchedules({ createSchedule });
    await userEvent.click(await screen.findByTestId("new-schedule"));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await userEvent.click(dialog.getByRole("radio", { name: "Backup" }));
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));
    expect(
      await dialog.findByText("The retention is not usable: keep at most 10000 backup sets by count."),
    ).toBeInTheDocument();
    expect(dialog.getByRole("textbox", { name: /Keep the newest/ })).toHaveFocus();
    expect(dialog.queryByTestId("schedule-form-error")).not.toBeInTheDocument();
  });
});
