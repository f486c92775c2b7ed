import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BackupFolderExport, BackupSet, ExportedFile, ScheduleView, WorkspaceSummary } from "../../bindings/types";
import { backupSet, backupSetItem, compliancePolicyItem } from "../../test/backupFixtures";
import { type BackupState, backupState, fakeBackups, finishBackup } from "../../test/fakeBackups";
import { deferred, fakeCommands } from "../../test/fakeCommands";
import { run, scheduleView, workspaceSummary } from "../../test/fixtures";
import { observedWidth } from "../../test/layout";
import { renderApp } from "../../test/render";
import { contentWidth } from "../../test/windowSizes";
import { TenantPage } from "../tenant/TenantPage";

/** Every night at 02:00, keeping the newest 7 and every backup of the last 30 days. */
const nightly = scheduleView(
  { id: "s-backup", operation: "backup_schedule_run", cron: "0 2 * * *", time_zone: "Europe/Berlin" },
  {
    kind: "backup",
    retention: { keep_last: 7, keep_days: 30 },
    upcoming_local: ["Mon 2026-11-23 02:00 CET", "Tue 2026-11-24 02:00 CET", "Wed 2026-11-25 02:00 CET"],
  },
);
/** Every tenant on Sundays, keeping every backup. */
const weekly = scheduleView(
  { id: "s-backup-all", tenant_id: null, operation: "backup_schedule_run", cron: "0 4 * * 0" },
  { kind: "backup", tenant_name: null, retention: null },
);
/** Not a backup: not listed on the Backups tab. */
const inventory = scheduleView({ id: "s-inventory" });

/** Newest first: a scheduled complete set, Grace's partial one, and one of Ada's that failed. */
function threeSets(): BackupSet[] {
  return [
    backupSet({ id: "bs-3", run_id: "r-backup-3", schedule_id: "s-backup", initiated_by: null }),
    backupSet({
      id: "bs-2",
      run_id: "r-backup-2",
      initiated_by: "u2",
      status: "partial",
      item_count: 188,
      new_versions: 0,
      types: {
        settings_catalog: { listed: 120, read: 120, failed: 0, pages: 1, complete: true },
        device_configuration: { listed: 70, read: 68, failed: 2, pages: 1, complete: false },
        compliance_policy: { listed: 0, read: 0, failed: 0, pages: 0, complete: false, error: "graph.throttled" },
      },
      missing: [
        {
          object_type: "device_configuration",
          whole_type: false,
          objects: ["dc-17-ext", "dc-23-ext"],
          reason: "graph.server_error",
        },
        { object_type: "compliance_policy", whole_type: true, objects: [], reason: "graph.throttled" },
      ],
      created_at: "2026-11-21T02:00:00.000Z",
      completed_at: "2026-11-21T02:04:00.000Z",
    }),
    backupSet({
      id: "bs-1",
      run_id: "r-backup-1",
      status: "failed",
      item_count: 0,
      new_versions: 0,
      types: {},
      missing: [{ object_type: "*", whole_type: true, objects: [], reason: "backup.set.producer_ended" }],
      created_at: "2026-11-20T02:00:00.000Z",
      completed_at: "2026-11-20T02:00:30.000Z",
    }),
  ];
}

function renderBackups(
  state: BackupState,
  {
    workspace = workspaceSummary(),
    schedules = [nightly, weekly, inventory],
    route = "/tenants/t-contoso?tab=backups",
  }: { workspace?: WorkspaceSummary; schedules?: ScheduleView[]; route?: string } = {},
) {
  const commands = fakeCommands({
    ...fakeBackups(state),
    listSchedules: vi.fn(async () => schedules),
    // The runs started here stay queued: their intent toasts are not replaced by how they ended.
    getRun: vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id, type: "backup_schedule_run" })),
  });
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="/tenants/:tenantId/objects/:itemId" element={<p data-testid="object-page-stub" />} />
      <Route path="/runs/:runId" element={<p data-testid="run-page-stub" />} />
    </Routes>,
    { commands, workspace, route },
  );
}

const rows = () => screen.getAllByTestId("backup-row");
const rowOf = (id: string) => {
  const found = rows().find((row) => row.getAttribute("data-set-id") === id);
  if (found === undefined) throw new Error(`No row for ${id}`);
  return within(found);
};
const drawer = () => within(screen.getByTestId("backup-set-drawer"));
const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] });

/** Lets `ms` pass, then lets the answers it triggered arrive and render. */
async function flush(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(0));
}

describe("The tenant's Backups tab", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lists the backup sets newest first with their status, counts, who made them and their run", async () => {
    renderBackups(backupState({ sets: threeSets() }));
    await screen.findByTestId("backup-sets-table");
    expect(screen.getByRole("tab", { name: "Backups" })).toHaveAttribute("aria-selected", "true");
    expect(rows().map((row) => row.getAttribute("data-set-id"))).toEqual(["bs-3", "bs-2", "bs-1"]);
    expect(screen.getByTestId("backup-count")).toHaveTextContent("3");

    const complete = rowOf("bs-3");
    expect(complete.getByTestId("backup-status")).toHaveTextContent("Complete");
    expect(complete.getByTestId("backup-status")).toHaveAttribute("data-status", "complete");
    expect(complete.getByTestId("backup-row-versions")).toHaveTextContent("70");
    expect(complete.getByTestId("backup-row-new")).toHaveTextContent("12 new, 58 unchanged");
    expect(complete.getByTestId("backup-row-made-by")).toHaveTextContent("Scheduled");
    expect(complete.getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-backup-3");
    expect(complete.queryByTestId("backup-row-missing")).not.toBeInTheDocument();
    // Relative, with the exact time on hover.
    expect(complete.getByTestId("backup-row-taken").tagName).toBe("TIME");
    expect(complete.getByTestId("backup-row-taken")).toHaveAttribute("datetime", "2026-11-22T02:00:00.000Z");
    expect(complete.getByTestId("backup-row-taken")).toHaveTextContent(/ago$/);

    // What a partial set lacks, in words (the codes never show).
    const partial = rowOf("bs-2");
    expect(partial.getByTestId("backup-status")).toHaveTextContent("Partial");
    expect(partial.getByTestId("backup-row-missing")).toHaveTextContent(
      "2 Device configuration objects not read; Compliance policy not read whole",
    );
    expect(partial.getByTestId("backup-row-new")).toHaveTextContent("0 new, 188 unchanged");
    await waitFor(() => expect(partial.getByTestId("backup-row-made-by")).toHaveTextContent("Grace Hopper"));

    const failed = rowOf("bs-1");
    expect(failed.getByTestId("backup-status")).toHaveTextContent("Failed");
    expect(failed.getByTestId("backup-row-missing")).toHaveTextContent("Ended before it finished");
    await waitFor(() => expect(failed.getByTestId("backup-row-made-by")).toHaveTextContent("You"));
  });

  it("shows every column at the default 1280×800 window and at 1024×700, dropping the run link first when narrower", async () => {
    const titles = () =>
      within(screen.getByTestId("backup-sets-table"))
        .getAllByRole("columnheader")
        .map((th) => th.textContent);
    for (const width of [1280, 1024]) {
      observedWidth(contentWidth(width));
      const { unmount } = renderBackups(backupState({ sets: threeSets() }));
      await screen.findByTestId("backup-sets-table");
      expect(titles()).toEqual(["Taken", "Status", "Versions held", "New versions", "Made by", "Run"]);
      unmount();
    }
    observedWidth(contentWidth(960));
    renderBackups(backupState({ sets: threeSets() }));
    await screen.findByTestId("backup-sets-table");
    await waitFor(() => expect(titles()).toEqual(["Taken", "Status", "Versions held", "New versions", "Made by"]));
  });

  it("shows a capturing set in blue with a spinner and no counts yet", async () => {
    renderBackups(
      backupState({ sets: [backupSet({ status: "capturing", item_count: 0, new_versions: 0, completed_at: null })] }),
    );
    const row = within(await screen.findByTestId("backup-row"));
    expect(row.getByTestId("backup-status")).toHaveTextContent("Capturing");
    expect(row.getByTestId("backup-capturing")).toBeInTheDocument();
    expect(row.getAllByLabelText("Still capturing")).toHaveLength(2);
  });

  it("opens a set in a drawer with what it lacks and why, its completeness per type and its versions", async () => {
    const sets = threeSets();
    const state = backupState({
      sets,
      items: {
        // Six objects the inventory lists (two of them new in this set) and one it no longer does.
        "bs-2": [...[0, 1, 2, 3, 4, 5].map((index) => backupSetItem(index)), compliancePolicyItem(1)],
      },
    });
    const { commands } = renderBackups(state);
    await screen.findByTestId("backup-sets-table");
    await userEvent.click(rows()[1] as HTMLElement);

    expect(await drawer().findByTestId("backup-set-detail")).toHaveAttribute("data-status", "partial");
    expect(commands.getBackupSet).toHaveBeenCalledWith({ backup_set_id: "bs-2" });
    expect(screen.getByTestId("location-search")).toHaveTextContent("?tab=backups&set=bs-2");
    expect(drawer().getByTestId("backup-set-title")).toHaveTextContent("Backup of Contoso Pharma");

    const missing = drawer().getByTestId("backup-set-missing");
    expect(missing).toHaveTextContent("This set is not the whole tenant");
    const gaps = drawer().getAllByTestId("backup-gap");
    expect(gaps[0]).toHaveTextContent(
      "Device configuration: 2 objects were listed but could not be read, so the set does not hold them. Reason: Microsoft Graph error.",
    );
    expect(gaps[0]).toHaveTextContent("Not read: dc-17-ext, dc-23-ext");
    expect(gaps[1]).toHaveTextContent(
      "Compliance policy: the listing broke off, so the set holds none or only some of its objects. Reason: Throttled by Microsoft.",
    );
    expect(missing).not.toHaveTextContent("graph.");

    // Incomplete types first.
    const types = drawer().getAllByTestId("backup-type-row");
    expect(types.map((row) => row.getAttribute("data-complete"))).toEqual(["false", "false", "true"]);
    expect(types[0]).toHaveTextContent("Compliance policy000No · Throttled by Microsoft");
    expect(types[1]).toHaveTextContent("Device configuration70682No");
    expect(types[2]).toHaveTextContent("Settings catalog policy1201200Yes");

    // The versions, by type, each linked to its object when the inventory lists it.
    const items = drawer().getByTestId("backup-set-items");
    expect(
      within(items)
        .getAllByTestId("backup-item-group")
        .map((group) => group.dataset.type),
    ).toEqual(["compliance_policy", "device_configuration", "settings_catalog"]);
    const policy0 = await within(items).findByRole("link", { name: "WIN - SC - Policy 000" });
    expect(policy0).toHaveAttribute("href", "/tenants/t-contoso/objects/item-0");
    expect(within(items).getByRole("link", { name: "WIN - SC - Policy 003" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-3",
    );
    // Not in the inventory: named, not linked.
    expect(within(items).getByText("Compliance - Windows baseline 1")).toBeInTheDocument();
    expect(within(items).queryByRole("link", { name: "Compliance - Windows baseline 1" })).not.toBeInTheDocument();
    const fresh = within(items)
      .getAllByTestId("backup-item")
      .filter((item) => within(item).queryByTestId("backup-item-new") !== null);
    expect(fresh.map((item) => item.dataset.versionId)).toEqual(["v-backup-0"]);

    // Narrowed to one type.
    await userEvent.click(within(items).getByRole("combobox", { name: "Type" }));
    await userEvent.click(await screen.findByRole("option", { name: "Settings catalog policy (3)" }));
    expect(within(items).getAllByTestId("backup-item")).toHaveLength(3);

    await userEvent.click(drawer().getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.getByTestId("location-search")).toHaveTextContent("?tab=backups"));
    expect(screen.getByTestId("location-search")).not.toHaveTextContent("set=");
  });

  it("opens the highlighted set with Enter, and a set named in the address at once", async () => {
    renderBackups(backupState({ sets: threeSets() }), { route: "/tenants/t-contoso?tab=backups&set=bs-1" });
    expect(await screen.findByTestId("backup-set-detail")).toHaveAttribute("data-status", "failed");
    expect(drawer().getByTestId("backup-set-missing")).toHaveTextContent("Nothing usable was captured");
    expect(drawer().getByTestId("backup-gap")).toHaveTextContent(
      "The backup ended before it finished, so the set may lack any type it had not read yet. Reason: Backup ended unfinished.",
    );
    expect(drawer().getByTestId("backup-set-no-items")).toHaveTextContent("This set holds no versions.");
    await userEvent.click(drawer().getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByTestId("backup-set-detail")).not.toBeInTheDocument());

    const grid = screen.getByRole("grid", { name: "Backup sets" });
    act(() => grid.focus());
    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "backup-row-1");
    await userEvent.keyboard("{Enter}");
    expect(await drawer().findByTestId("backup-set-detail")).toHaveAttribute("data-status", "partial");
    expect(screen.getByTestId("location-search")).toHaveTextContent("set=bs-2");
  });

  it("backs the tenant up now with the intent toast, and shows the set being captured", async () => {
    const state = backupState({ sets: threeSets() });
    const { commands } = renderBackups(state);
    await screen.findByTestId("backup-sets-table");
    await userEvent.click(screen.getByRole("button", { name: "Back up now" }));

    expect(commands.backUpNow).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const toast = await screen.findByTestId("intent-toast");
    expect(toast).toHaveAttribute("data-intent", "queued");
    expect(toast).toHaveTextContent("Backup of Contoso Pharma queued");
    expect(within(toast).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-backup-new-1");
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows()[0]).toHaveAttribute("data-status", "capturing");

    // Again while it runs: the backend answers with the backup already running.
    await userEvent.click(screen.getByRole("button", { name: "Back up now" }));
    await waitFor(() =>
      expect(screen.getAllByTestId("intent-toast").some((t) => t.dataset.intent === "already_active")).toBe(true),
    );
    expect(screen.getByText("Backup of Contoso Pharma is already running")).toBeInTheDocument();
  });

  it("says why a paused tenant is not backed up", async () => {
    const state = backupState({ sets: [backupSet({ tenant_id: "t-fabrikam" })] });
    const { commands } = renderBackups(state, { route: "/tenants/t-fabrikam?tab=backups" });
    await screen.findByTestId("backup-sets-table");
    const button = screen.getByRole("button", { name: "Back up now" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(button);
    expect(commands.backUpNow).not.toHaveBeenCalled();
  });

  it("offers a viewer the backups but neither Back up now nor scheduling", async () => {
    renderBackups(backupState({ sets: threeSets() }), { workspace: viewer });
    await screen.findByTestId("backup-sets-table");
    expect(rows()).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Back up now" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Schedule backups…" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("schedule-edit")).not.toBeInTheDocument();
  });

  it("explains a backup set when there is none yet and offers both ways to one", async () => {
    const { commands } = renderBackups(backupState());
    const empty = await screen.findByTestId("backups-empty");
    expect(empty).toHaveTextContent("No backups yet");
    expect(empty).toHaveTextContent(
      "A backup set holds the version every policy of Contoso Pharma had at one moment, and keeps those versions unchanged for as long as the set is kept.",
    );
    expect(empty).not.toHaveTextContent(/restor/i);
    await userEvent.click(within(empty).getByRole("button", { name: "Back up now" }));
    expect(commands.backUpNow).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    expect(await screen.findByTestId("backup-sets-table")).toBeInTheDocument();
  });

  it("tells a viewer with no backups who can make one, without buttons", async () => {
    renderBackups(backupState(), { workspace: viewer });
    const empty = await screen.findByTestId("backups-empty");
    expect(empty).toHaveTextContent("A member who may sync tenants can back it up.");
    expect(within(empty).queryByRole("button")).not.toBeInTheDocument();
  });

  it("lists the tenant's backup schedules and those of every tenant, with retention and next starts", async () => {
    renderBackups(backupState({ sets: threeSets() }));
    const section = within(await screen.findByTestId("backup-schedules"));
    const listed = await section.findAllByTestId("schedule-row");
    expect(listed.map((row) => row.getAttribute("data-schedule-id"))).toEqual(["s-backup-all", "s-backup"]);
    const all = within(section.getByRole("listitem", { name: "Backup of all active tenants" }));
    expect(all.getByTestId("schedule-target")).toHaveTextContent("All active tenants");
    expect(all.getByTestId("schedule-retention")).toHaveTextContent("Keeps every backup");
    const own = within(section.getByRole("listitem", { name: "Backup of Contoso Pharma" }));
    expect(own.getByTestId("schedule-retention")).toHaveTextContent(
      "Keeps the newest 7 backups and every backup younger than 30 days",
    );
    expect(own.getByRole("list", { name: "Next starts" })).toHaveTextContent(
      "Mon 2026-11-23 02:00 CETTue 2026-11-24 02:00 CETWed 2026-11-25 02:00 CET",
    );
  });

  it("says when no schedule backs the tenant up", async () => {
    renderBackups(backupState({ sets: threeSets() }), { schedules: [inventory] });
    expect(await screen.findByTestId("backup-schedules-none")).toHaveTextContent(
      "No schedule backs up Contoso Pharma: it is backed up only when someone clicks Back up now.",
    );
  });

  it("schedules backups of the tenant from the tab, with a retention", async () => {
    const createSchedule = vi.fn(async () => nightly);
    const state = backupState({ sets: threeSets() });
    const commands = fakeCommands({
      ...fakeBackups(state),
      listSchedules: vi.fn(async () => []),
      createSchedule,
    });
    renderApp(
      <Routes>
        <Route path="/tenants/:tenantId" element={<TenantPage />} />
      </Routes>,
      { commands, workspace: workspaceSummary(), route: "/tenants/t-contoso?tab=backups" },
    );
    await screen.findByTestId("backup-sets-table");
    await userEvent.click(screen.getByRole("button", { name: "Schedule backups…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "New schedule" }));
    await waitFor(() => expect(dialog.getByRole("combobox", { name: "Tenant" })).toHaveValue("Contoso Pharma"));
    expect(dialog.getByRole("radio", { name: "Backup" })).toBeChecked();
    expect(dialog.getByRole("textbox", { name: /Keep the newest/ })).toHaveValue("14");
    await userEvent.click(dialog.getByRole("button", { name: "Create schedule" }));
    expect(createSchedule).toHaveBeenCalledWith({
      workspace_id: "w1",
      tenant_id: "t-contoso",
      kind: "backup",
      cron: "0 3 * * *",
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      retention: { keep_last: 14 },
    });
  });

  it("reads the sets again when a backup run of the tenant starts, and when it ends", async () => {
    const state = backupState({ sets: threeSets() });
    const { platform } = renderBackups(state);
    await screen.findByTestId("backup-sets-table");
    expect(rows()).toHaveLength(3);

    // A schedule starts a backup elsewhere: its run's first change brings the set being captured.
    state.sets = [
      ...state.sets,
      backupSet({
        id: "bs-4",
        run_id: "r-backup-4",
        schedule_id: "s-backup",
        initiated_by: null,
        status: "capturing",
        item_count: 0,
        new_versions: 0,
        created_at: "2026-11-22T10:00:00.000Z",
        completed_at: null,
      }),
    ];
    const backupRun = run({ id: "r-backup-4", type: "backup_schedule_run", initiator_user_id: null });
    platform.emitRuns(["updated", { ...backupRun, status: "running", started_at: "2026-11-22T10:00:01.000Z" }]);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows()[0]).toHaveAttribute("data-status", "capturing");

    // A sync's run changes nothing here.
    finishBackup(state, "bs-4", "complete", [backupSetItem(0), backupSetItem(1)]);
    platform.emitRuns(["updated", run({ id: "r-sync", type: "policy.sync", status: "running" })]);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(rows()[0]).toHaveAttribute("data-status", "capturing");

    platform.emitRuns([
      "completed",
      { ...backupRun, status: "completed", outcome: "succeeded", completed_at: "2026-11-22T10:03:00.000Z" },
    ]);
    await waitFor(() => expect(rows()[0]).toHaveAttribute("data-status", "complete"));
    expect(within(rows()[0] as HTMLElement).getByTestId("backup-row-new")).toHaveTextContent("1 new, 1 unchanged");
  });

  it("reads a capturing set again every 5 s and stops once it is finished", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:00.000Z"), shouldAdvanceTime: true });
    const state = backupState({
      sets: [backupSet({ id: "bs-9", status: "capturing", item_count: 0, new_versions: 0, completed_at: null })],
    });
    const { commands } = renderBackups(state);
    await flush();
    expect(rows()[0]).toHaveAttribute("data-status", "capturing");
    const first = vi.mocked(commands.listBackupSets).mock.calls.length;

    await flush(5_000);
    expect(vi.mocked(commands.listBackupSets).mock.calls.length).toBe(first + 1);
    finishBackup(state, "bs-9", "partial", [backupSetItem(0)]);
    await flush(5_000);
    expect(rows()[0]).toHaveAttribute("data-status", "partial");
    const settled = vi.mocked(commands.listBackupSets).mock.calls.length;
    await flush(60_000);
    expect(vi.mocked(commands.listBackupSets).mock.calls.length).toBe(settled);
  });
});

describe("Exporting a tenant's configuration as a folder", () => {
  const folder = "/home/ada/git/contoso-config";
  const setDrawer = { route: "/tenants/t-contoso?tab=backups&set=bs-3" };

  it("exports a backup set into the folder chosen and says what it wrote", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    expect(drawer().getByTestId("backup-set-detail")).toHaveTextContent("The folder can be kept in git");
    platform.answerDialogs({ folder });
    await userEvent.click(drawer().getByRole("button", { name: "Export as folder…" }));

    expect(platform.chooseFolder).toHaveBeenCalledTimes(1);
    expect(commands.exportBackupFolder).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      backup_set_id: "bs-3",
      destination: folder,
    });
    const toast = await screen.findByTestId("folder-export-toast");
    expect(screen.getByText("Backup of Contoso Pharma exported")).toBeInTheDocument();
    expect(toast).toHaveTextContent("Exported 70 objects to:");
    expect(within(toast).getByTestId("folder-export-path")).toHaveTextContent(folder);
    expect(within(toast).getByTestId("folder-export-changes")).toHaveTextContent(
      "72 files written, 0 unchanged, 0 removed.",
    );
  });

  it("says when the folder was already up to date", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    vi.mocked(commands.exportBackupFolder).mockResolvedValueOnce({
      path: folder,
      objects: 70,
      written: 0,
      unchanged: 72,
      removed: 0,
    });
    platform.answerDialogs({ folder });
    await userEvent.click(drawer().getByRole("button", { name: "Export as folder…" }));
    const toast = await screen.findByTestId("folder-export-toast");
    expect(toast).toHaveAttribute("data-up-to-date", "true");
    expect(screen.getByText("Backup of Contoso Pharma: already up to date")).toBeInTheDocument();
    expect(within(toast).getByTestId("folder-export-changes")).toHaveTextContent(
      "The folder was already up to date: no file changed.",
    );
  });

  it("shows the export running and does not start it twice", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    let finish: (result: BackupFolderExport) => void = () => {};
    vi.mocked(commands.exportBackupFolder).mockImplementationOnce(
      () => new Promise<BackupFolderExport>((resolve) => (finish = resolve)),
    );
    platform.answerDialogs({ folder });
    const button = drawer().getByTestId("export-set-folder");
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute("data-loading", "true"));
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(commands.exportBackupFolder).toHaveBeenCalledTimes(1);

    act(() => finish({ path: folder, objects: 70, written: 3, unchanged: 69, removed: 1 }));
    expect(await screen.findByTestId("folder-export-changes")).toHaveTextContent(
      "3 files written, 69 unchanged, 1 removed.",
    );
    await waitFor(() => expect(button).not.toHaveAttribute("data-loading"));
  });

  it("does nothing when the folder dialog is cancelled", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    platform.answerDialogs({ folder: null });
    await userEvent.click(drawer().getByRole("button", { name: "Export as folder…" }));
    await waitFor(() => expect(platform.chooseFolder).toHaveBeenCalledTimes(1));
    expect(commands.exportBackupFolder).not.toHaveBeenCalled();
    expect(screen.queryByTestId("folder-export-toast")).not.toBeInTheDocument();
    expect(screen.queryByText(/was not exported/)).not.toBeInTheDocument();
  });

  it("shows the backend's words when it refuses the folder", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    const refusal =
      "/home/ada/Documents is not empty and is not a TenantAtlas export folder; choose an empty folder or one a previous export wrote";
    vi.mocked(commands.exportBackupFolder).mockRejectedValueOnce({ code: "invalid_input", message: refusal });
    platform.answerDialogs({ folder: "/home/ada/Documents" });
    await userEvent.click(drawer().getByRole("button", { name: "Export as folder…" }));
    expect(await screen.findByText("Backup of Contoso Pharma was not exported")).toBeInTheDocument();
    expect(screen.getByText(refusal)).toBeInTheDocument();
    expect(screen.queryByTestId("folder-export-toast")).not.toBeInTheDocument();
  });

  it("offers no export or document of a set still capturing or holding nothing", async () => {
    const capturing = backupSet({
      id: "bs-9",
      status: "capturing",
      item_count: 0,
      new_versions: 0,
      completed_at: null,
    });
    renderBackups(backupState({ sets: [capturing, ...threeSets()] }), {
      route: "/tenants/t-contoso?tab=backups&set=bs-9",
    });
    const exportActions = () =>
      ["Export as folder…", "Document this set…"].filter((name) => drawer().queryByRole("button", { name }));
    expect(await screen.findByTestId("backup-set-detail")).toHaveAttribute("data-status", "capturing");
    expect(exportActions()).toEqual([]);
    await userEvent.click(rowOf("bs-1").getByTestId("backup-status"));
    await waitFor(() => expect(drawer().getByTestId("backup-set-detail")).toHaveAttribute("data-status", "failed"));
    expect(exportActions()).toEqual([]);
  });

  it("exports the latest configuration from the tab's Export menu without a set, for a viewer too", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), { workspace: viewer });
    await screen.findByTestId("backup-sets-table");
    platform.answerDialogs({ folder });
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    const item = await screen.findByRole("menuitem", { name: "Folder for git…" });
    expect(item).toHaveAccessibleDescription("One JSON file per object; exporting again rewrites only what changed");
    await userEvent.click(item);

    await waitFor(() => expect(commands.exportBackupFolder).toHaveBeenCalledTimes(1));
    const [request] = vi.mocked(commands.exportBackupFolder).mock.calls[0] ?? [];
    expect(request).toEqual({ tenant_id: "t-contoso", destination: folder });
    expect(request).not.toHaveProperty("backup_set_id");
    expect(await screen.findByText("Latest configuration of Contoso Pharma exported")).toBeInTheDocument();
    expect(screen.getByTestId("folder-export-changes")).toHaveTextContent("72 files written, 0 unchanged, 0 removed.");
  });

  it("shows the tab's export running on the Export menu and does not start it twice", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }));
    await screen.findByTestId("backup-sets-table");
    let finish: (result: BackupFolderExport) => void = () => {};
    vi.mocked(commands.exportBackupFolder).mockImplementationOnce(
      () => new Promise<BackupFolderExport>((resolve) => (finish = resolve)),
    );
    platform.answerDialogs({ folder });
    const button = screen.getByRole("button", { name: "Export…" });
    await userEvent.click(button);
    await userEvent.click(await screen.findByRole("menuitem", { name: "Folder for git…" }));
    await waitFor(() => expect(button).toHaveAttribute("data-loading", "true"));
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(commands.exportBackupFolder).toHaveBeenCalledTimes(1);

    act(() => finish({ path: folder, objects: 70, written: 3, unchanged: 69, removed: 1 }));
    expect(await screen.findByTestId("folder-export-changes")).toHaveTextContent(
      "3 files written, 69 unchanged, 1 removed.",
    );
    await waitFor(() => expect(button).not.toHaveAttribute("data-loading"));
  });

  it("does nothing when the folder dialog of the tab's Export menu is cancelled", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }));
    await screen.findByTestId("backup-sets-table");
    platform.answerDialogs({ folder: null });
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Folder for git…" }));
    await waitFor(() => expect(platform.chooseFolder).toHaveBeenCalledTimes(1));
    expect(commands.exportBackupFolder).not.toHaveBeenCalled();
    expect(screen.queryByTestId("folder-export-toast")).not.toBeInTheDocument();
    expect(screen.queryByText(/was not exported/)).not.toBeInTheDocument();
  });
});

describe("Documenting a tenant's configuration", () => {
  const setDrawer = { route: "/tenants/t-contoso?tab=backups&set=bs-3" };
  const saved = (name: string) => `/home/ada/Documents/${name}`;
  // Only the clock is fake: the suggested name carries today's local date.
  const today = () => vi.useFakeTimers({ toFake: ["Date"], now: new Date(2026, 11, 5, 10, 0) });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Opens the button's format menu and picks one. */
  async function choose(button: HTMLElement, format: string) {
    await userEvent.click(button);
    await userEvent.click(await screen.findByRole("menuitem", { name: format }));
  }

  it("documents a backup set in the format chosen, in the file chosen, and says where it went", async () => {
    today();
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    expect(drawer().getByTestId("backup-set-detail")).toHaveTextContent("Word to hand to a customer");
    platform.answerDialogs({ save: saved("Contoso Pharma configuration 2026-12-05.docx") });
    await userEvent.click(drawer().getByRole("button", { name: "Document this set…" }));
    // Word first: the document MSP customers expect.
    expect((await screen.findAllByRole("menuitem")).map((item) => item.textContent)).toEqual([
      "Word document (.docx)",
      "Web page (.html)",
      "Markdown (.md)",
      "CSV, one row per setting (.csv)",
    ]);
    await userEvent.click(screen.getByRole("menuitem", { name: "Word document (.docx)" }));

    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma configuration 2026-12-05.docx");
    await waitFor(() =>
      expect(commands.exportDocumentation).toHaveBeenCalledWith({
        tenant_id: "t-contoso",
        backup_set_id: "bs-3",
        format: "docx",
        destination: saved("Contoso Pharma configuration 2026-12-05.docx"),
      }),
    );
    expect(
      await screen.findByText("Documented Contoso Pharma in Contoso Pharma configuration 2026-12-05.docx"),
    ).toBeInTheDocument();
    const toast = screen.getByTestId("export-toast");
    expect(toast).toHaveTextContent("48 kB, saved to:");
    expect(within(toast).getByTestId("export-path")).toHaveTextContent(
      saved("Contoso Pharma configuration 2026-12-05.docx"),
    );
    expect(within(toast).getByRole("button", { name: "Copy the file's path" })).toBeInTheDocument();
  });

  it("documents the latest configuration from the tab's Export menu without a set, for a viewer too", async () => {
    today();
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), { workspace: viewer });
    await screen.findByTestId("backup-sets-table");
    platform.answerDialogs({ save: saved("contoso.md") });
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    // The folder first, then the document formats under their label, Word first.
    const menu = await screen.findByRole("menu");
    expect(within(menu).getByText("Document for people")).toBeInTheDocument();
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((item) => item.getAttribute("aria-label") ?? item.textContent),
    ).toEqual([
      "Folder for git…",
      "Word document (.docx)",
      "Web page (.html)",
      "Markdown (.md)",
      "CSV, one row per setting (.csv)",
    ]);
    await userEvent.click(within(menu).getByRole("menuitem", { name: "Markdown (.md)" }));

    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma configuration 2026-12-05.md");
    await waitFor(() => expect(commands.exportDocumentation).toHaveBeenCalledTimes(1));
    const [request] = vi.mocked(commands.exportDocumentation).mock.calls[0] ?? [];
    expect(request).toEqual({ tenant_id: "t-contoso", format: "markdown", destination: saved("contoso.md") });
    expect(request).not.toHaveProperty("backup_set_id");
    expect(await screen.findByText("Documented Contoso Pharma in contoso.md")).toBeInTheDocument();
  });

  it("offers the formats to the keyboard: arrows move, Enter chooses", async () => {
    today();
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    platform.answerDialogs({ save: saved("contoso.html") });
    drawer().getByRole("button", { name: "Document this set…" }).focus();
    await userEvent.keyboard("{Enter}");
    await screen.findByRole("menu");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");

    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma configuration 2026-12-05.html");
    await waitFor(() =>
      expect(commands.exportDocumentation).toHaveBeenCalledWith(expect.objectContaining({ format: "html" })),
    );
  });

  it("offers the tab's Export menu to the keyboard: arrows move past the folder, Enter chooses", async () => {
    today();
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }));
    await screen.findByTestId("backup-sets-table");
    platform.answerDialogs({ save: saved("contoso.html") });
    screen.getByRole("button", { name: "Export…" }).focus();
    await userEvent.keyboard("{Enter}");
    await screen.findByRole("menu");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{Enter}");

    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma configuration 2026-12-05.html");
    await waitFor(() =>
      expect(commands.exportDocumentation).toHaveBeenCalledWith(expect.objectContaining({ format: "html" })),
    );
    expect(platform.chooseFolder).not.toHaveBeenCalled();
  });

  it("shows the tab's document being written on the Export menu and does not start it twice", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }));
    await screen.findByTestId("backup-sets-table");
    const written = deferred<ExportedFile>();
    vi.mocked(commands.exportDocumentation).mockImplementationOnce(() => written.promise);
    platform.answerDialogs({ save: saved("contoso.csv") });
    const button = screen.getByRole("button", { name: "Export…" });
    await choose(button, "CSV, one row per setting (.csv)");
    await waitFor(() => expect(button).toHaveAttribute("data-loading", "true"));
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(commands.exportDocumentation).toHaveBeenCalledTimes(1);

    act(() => written.resolve({ path: saved("contoso.csv"), file_name: "contoso.csv", bytes: 2_048 }));
    expect(await screen.findByTestId("export-toast")).toBeInTheDocument();
    await waitFor(() => expect(button).not.toHaveAttribute("data-loading"));
  });

  it("shows the document being written and does not start it twice", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    const written = deferred<ExportedFile>();
    vi.mocked(commands.exportDocumentation).mockImplementationOnce(() => written.promise);
    platform.answerDialogs({ save: saved("contoso.csv") });
    const button = drawer().getByTestId("document-set");
    await choose(button, "CSV, one row per setting (.csv)");
    await waitFor(() => expect(button).toHaveAttribute("data-loading", "true"));
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(commands.exportDocumentation).toHaveBeenCalledTimes(1);
    expect(commands.exportDocumentation).toHaveBeenCalledWith(expect.objectContaining({ format: "csv" }));

    act(() => written.resolve({ path: saved("contoso.csv"), file_name: "contoso.csv", bytes: 2_048 }));
    expect(await screen.findByTestId("export-toast")).toHaveTextContent(`${(2).toLocaleString()} kB, saved to:`);
    await waitFor(() => expect(button).not.toHaveAttribute("data-loading"));
  });

  it("does nothing when the save dialog is cancelled", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), setDrawer);
    await screen.findByTestId("backup-set-detail");
    platform.answerDialogs({ save: null });
    await choose(drawer().getByRole("button", { name: "Document this set…" }), "Word document (.docx)");
    await waitFor(() => expect(platform.chooseSaveFile).toHaveBeenCalledTimes(1));
    expect(commands.exportDocumentation).not.toHaveBeenCalled();
    expect(screen.queryByTestId("export-toast")).not.toBeInTheDocument();
    expect(screen.queryByText(/was not exported/)).not.toBeInTheDocument();
  });

  it("shows the backend's words when there is nothing to document", async () => {
    const { commands, platform } = renderBackups(backupState({ sets: threeSets() }), { workspace: viewer });
    await screen.findByTestId("backup-sets-table");
    const refusal = "Nothing of Contoso Pharma is stored to document yet: sync its policies or back it up first.";
    vi.mocked(commands.exportDocumentation).mockRejectedValueOnce({ code: "invalid_input", message: refusal });
    platform.answerDialogs({ save: saved("contoso.docx") });
    await choose(screen.getByRole("button", { name: "Export…" }), "Word document (.docx)");
    expect(await screen.findByText("Documentation of Contoso Pharma was not exported")).toBeInTheDocument();
    expect(screen.getByText(refusal)).toBeInTheDocument();
    expect(screen.queryByTestId("export-toast")).not.toBeInTheDocument();
  });
});
