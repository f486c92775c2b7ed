import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { fakeCommands, fakeInbox } from "../test/fakeCommands";
import { notification, run, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { InboxButton } from "./InboxButton";

function renderInbox(commands = fakeCommands()) {
  return renderApp(
    <>
      <InboxButton />
      <Routes>
        <Route path="*" element={null} />
      </Routes>
    </>,
    { commands, workspace: workspaceSummary() },
  );
}

const entries = [
  notification({
    id: "n-new",
    run_id: "r-7",
    tone: "danger",
    title: "Policy sync for Contoso Pharma: failed",
    body: "Microsoft Graph answered 503.",
  }),
  notification({ id: "n-2", run_id: "r-2", title: "Inventory sync for Fabrikam Logistics: succeeded" }),
  notification({
    id: "n-old",
    run_id: "r-1",
    read_at: "2026-11-22T09:00:00.000Z",
    title: "Group sync for Contoso Pharma: succeeded",
  }),
];

describe("Inbox", () => {
  it("shows the inbox of the workspace on screen", async () => {
    const commands = fakeCommands(fakeInbox(entries));
    renderInbox(commands);
    await screen.findByRole("button", { name: "Notifications (2 unread)" });
    expect(commands.listNotifications).toHaveBeenCalledWith({ workspace_id: "w1" });
  });

  it("opens a Sync all summary as the Operations page filtered to its runs", async () => {
    const summary = notification({
      id: "n-batch",
      run_id: "r-9",
      batch_id: "b-1",
      tone: "warning",
      title: "Inventory sync of all tenants finished: 47 succeeded, 3 failed",
      body: "50 runs; each is listed on the Operations page.",
    });
    const batch = {
      id: "b-1",
      workspace_id: "w1",
      user_id: "u1",
      operation_type: "inventory_sync" as const,
      label: "Inventory sync of all tenants",
      total: 50,
      done: 50,
      succeeded: 47,
      partially_succeeded: 0,
      failed: 3,
      created_at: "2026-11-22T10:00:00.000Z",
      notified_at: "2026-11-22T10:02:00.000Z",
    };
    renderInbox(fakeCommands(fakeInbox([summary], [batch])));
    await userEvent.click(await screen.findByTestId("inbox-button"));
    await userEvent.click((await screen.findAllByTestId("inbox-item"))[0] as HTMLElement);
    expect(screen.getByTestId("location")).toHaveTextContent("/operations");
    const location = screen.getByTestId("location-search").textContent ?? "";
    expect(location).toContain("type=inventory_sync");
    expect(location).toContain("by=u1");
    expect(location).toMatch(/from=2026-11-2[12]/);
  });

  it("shows the unread count on the bell", async () => {
    renderInbox(fakeCommands(fakeInbox(entries)));
    expect(await screen.findByRole("button", { name: "Notifications (2 unread)" })).toBeInTheDocument();
    expect(screen.getByTestId("inbox-unread")).toHaveTextContent("2");
  });

  it("lists entries with tone, title, body, time and an unread marker", async () => {
    renderInbox(fakeCommands(fakeInbox(entries)));
    await userEvent.click(await screen.findByTestId("inbox-button"));
    const items = await screen.findAllByTestId("inbox-item");
    expect(items).toHaveLength(3);
    const [failed, , read] = items as [HTMLElement, HTMLElement, HTMLElement];
    expect(failed).toHaveAttribute("data-unread", "true");
    expect(failed).toHaveAccessibleName("Unread: Policy sync for Contoso Pharma: failed");
    expect(failed).toHaveTextContent("Microsoft Graph answered 503.");
    expect(failed.querySelector("[data-tone]")).toHaveAttribute("data-tone", "danger");
    expect(within(failed).getByText(/ago$/).tagName).toBe("TIME");
    expect(read).not.toHaveAttribute("data-unread");
  });

  it("marks an entry read and opens its run on click", async () => {
    const commands = fakeCommands(fakeInbox(entries));
    renderInbox(commands);
    await userEvent.click(await screen.findByTestId("inbox-button"));
    await userEvent.click((await screen.findAllByTestId("inbox-item"))[0] as HTMLElement);

    expect(commands.markNotificationRead).toHaveBeenCalledWith({ id: "n-new", workspace_id: "w1" });
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-7");
    expect(await screen.findByRole("button", { name: "Notifications (1 unread)" })).toBeInTheDocument();
    expect(screen.queryByTestId("inbox")).not.toBeInTheDocument();
  });

  it("opening a read entry does not mark it again", async () => {
    const commands = fakeCommands(fakeInbox(entries));
    renderInbox(commands);
    await userEvent.click(await screen.findByTestId("inbox-button"));
    await userEvent.click((await screen.findAllByTestId("inbox-item"))[2] as HTMLElement);
    expect(commands.markNotificationRead).not.toHaveBeenCalled();
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-1");
  });

  it("marks everything read", async () => {
    const commands = fakeCommands(fakeInbox(entries));
    renderInbox(commands);
    await userEvent.click(await screen.findByTestId("inbox-button"));
    await userEvent.click(await screen.findByTestId("inbox-mark-all"));
    expect(commands.markAllNotificationsRead).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId("inbox-button")).toHaveAccessibleName("Notifications"));
    for (const item of screen.getAllByTestId("inbox-item")) expect(item).not.toHaveAttribute("data-unread");
    expect(screen.getByTestId("inbox-mark-all")).toBeDisabled();
  });

  it("puts the entry back when marking it read fails", async () => {
    const commands = fakeCommands({
      ...fakeInbox(entries),
      markNotificationRead: vi.fn(async () => {
        throw { code: "storage_unavailable", message: "The database is unreachable." };
      }),
    });
    renderInbox(commands);
    await userEvent.click(await screen.findByTestId("inbox-button"));
    await userEvent.click((await screen.findAllByTestId("inbox-item"))[0] as HTMLElement);
    expect(await screen.findByText("The notification was not marked read")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Notifications (2 unread)" })).toBeInTheDocument();
  });

  it("is refreshed when a run completes", async () => {
    const inbox = fakeInbox([]);
    const { platform } = renderInbox(fakeCommands(inbox));
    await screen.findByRole("button", { name: "Notifications" });
    expect(inbox.listNotifications).toHaveBeenCalledTimes(1);

    inbox.listNotifications.mockResolvedValueOnce({ items: [notification()], unread: 1, batches: [] });
    platform.emitRuns(["completed", run({ status: "completed", outcome: "succeeded" })]);
    expect(await screen.findByRole("button", { name: "Notifications (1 unread)" })).toBeInTheDocument();
  });

  it("says so when there is nothing yet", async () => {
    renderInbox();
    await userEvent.click(await screen.findByTestId("inbox-button"));
    expect(await screen.findByTestId("inbox-empty")).toHaveTextContent("No notifications yet");
    expect(screen.getByTestId("inbox-mark-all")).toBeDisabled();
  });
});
