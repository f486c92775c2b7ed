import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { WorkspaceSummary } from "./bindings/types";
import { deferred, fakeCommands } from "./test/fakeCommands";
import { type FakePlatform, fakePlatform } from "./test/fakePlatform";
import { appInfo, grace, run, workspaceOverview as workspaceOverviewFixture, workspaceSummary } from "./test/fixtures";
import { renderApp } from "./test/render";

describe("App", () => {
  it("shows only the startup error when app_info fails", async () => {
    const commands = fakeCommands({
      appInfo: vi.fn(async () => {
        throw { code: "storage_unavailable", message: "PostgreSQL at db.example:5432 refused the connection." };
      }),
    });
    renderApp(<App />, { commands });

    const screenEl = await screen.findByTestId("startup-error");
    expect(screenEl).toHaveTextContent("TenantAtlas cannot start");
    expect(screenEl).toHaveTextContent("PostgreSQL at db.example:5432 refused the connection.");
    expect(commands.listWorkspaces).not.toHaveBeenCalled();
    expect(screen.queryByTestId("first-run")).not.toBeInTheDocument();
  });

  it("shows the first-run page when the operator has no workspace", async () => {
    const commands = fakeCommands({ listWorkspaces: vi.fn(async () => []) });
    renderApp(<App />, { commands });
    expect(await screen.findByTestId("first-run")).toBeInTheDocument();
    expect(screen.queryByTestId("workspace-switcher")).not.toBeInTheDocument();
  });

  it("moves from first run to the overview of the new demo workspace", async () => {
    const demo = workspaceSummary({ id: "w-demo" });
    let created = false;
    const commands = fakeCommands({
      listWorkspaces: vi.fn(async () => (created ? [demo] : [])),
      createDemoWorkspace: vi.fn(async () => {
        created = true;
        return { workspace: demo, created: true, tenants: [] };
      }),
    });
    renderApp(<App />, { commands });
    (await screen.findByTestId("create-demo-workspace")).click();

    expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
    expect(await screen.findAllByTestId("overview-row")).toHaveLength(2);
    expect(commands.workspaceOverview).toHaveBeenCalledWith({
      workspace_id: "w-demo",
      utc_offset_minutes: -new Date().getTimezoneOffset() || 0,
    });
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
  });

  it("moves from first run to the overview of a workspace of the operator's own", async () => {
    const own = workspaceSummary({ id: "w-own", name: "Northwind IT" });
    let created = false;
    const commands = fakeCommands({
      listWorkspaces: vi.fn(async () => (created ? [own] : [])),
      createWorkspace: vi.fn(async () => {
        created = true;
        return own;
      }),
    });
    renderApp(<App />, { commands });
    await userEvent.type(await screen.findByRole("textbox", { name: /Workspace name/ }), "Northwind IT");
    await userEvent.click(screen.getByRole("button", { name: "Create workspace" }));

    expect(await screen.findByTestId("overview-page")).toHaveTextContent("Northwind IT");
    expect(commands.createWorkspace).toHaveBeenCalledWith({ name: "Northwind IT" });
    expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Northwind IT");
    await waitFor(() =>
      expect(commands.workspaceOverview).toHaveBeenCalledWith(expect.objectContaining({ workspace_id: "w-own" })),
    );
  });

  it("opens on the overview inside the frame with user, storage, the inbox and the monitoring pages", async () => {
    const commands = fakeCommands({ appInfo: vi.fn(async () => appInfo({ backend: "postgres" })) });
    renderApp(<App />, { commands });

    expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
    expect(screen.getByTestId("current-user")).toHaveTextContent("Ada Lovelace");
    expect(screen.getByTestId("storage-badge")).toHaveTextContent("Team · PostgreSQL");
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
    // Nothing is active: no progress widget.
    expect(screen.queryByTestId("progress-widget")).not.toBeInTheDocument();

    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual([
      "Search",
      "Overview",
      "Tenants",
      "Baselines",
      "Findings",
      "Review packs",
      "Operations",
      "Schedules",
      "Members",
      "Audit log",
    ]);
    expect(within(nav).getByRole("link", { name: "Overview" })).toHaveAttribute("data-active", "true");
  });

  it("leaves out the pages a member may not see", async () => {
    const readonly = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] });
    const commands = fakeCommands({ listWorkspaces: vi.fn(async () => [readonly]) });
    renderApp(<App />, { commands });
    await screen.findByTestId("overview-page");
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Search", "Overview", "Tenants", "Findings", "Schedules", "Members"]);
    expect(commands.listRuns).not.toHaveBeenCalled();
    expect(commands.listBaselineProfiles).not.toHaveBeenCalled();
  });

  it("shows the active runs beside Operations and in the widget, live from the shell's events", async () => {
    const platform = fakePlatform();
    renderApp(<App />, { platform });
    await screen.findAllByTestId("overview-row");
    await waitFor(() => expect(platform.listeners()).toBe(1));
    platform.emitRuns([
      "created",
      run({
        id: "r-live",
        created_at: new Date().toISOString(),
        stale_at: new Date(Date.now() + 300_000).toISOString(),
      }),
    ]);
    expect(await screen.findByTestId("nav-active-count")).toHaveTextContent("1");
    expect(await screen.findByTestId("widget-run")).toHaveTextContent("Inventory sync");
  });

  it("remembers the selected workspace and falls back to the first", async () => {
    const first = workspaceSummary({ id: "w1", name: "Alpha MSP" });
    const second = workspaceSummary({ id: "w2", name: "Beta MSP" });
    window.localStorage.setItem("tenantatlas.selected-workspace", JSON.stringify("w2"));
    const commands = fakeCommands({ listWorkspaces: vi.fn(async () => [first, second]) });
    renderApp(<App />, { commands });

    expect(await screen.findByTestId("workspace-switcher")).toHaveTextContent("Beta MSP");
    await waitFor(() =>
      expect(commands.workspaceOverview).toHaveBeenCalledWith(expect.objectContaining({ workspace_id: "w2" })),
    );
    expect(commands.workspaceOverview).not.toHaveBeenCalledWith(expect.objectContaining({ workspace_id: "w1" }));
  });

  describe("in team mode, without a workspace yet", () => {
    const teamInfo = () => appInfo({ backend: "postgres", user: grace });

    it("explains how to be added and opens the workspace by itself once an owner adds the operator", async () => {
      const team = workspaceSummary({ id: "w-team", name: "Contoso Managed Services" });
      let added = false;
      const platform = fakePlatform();
      const commands = fakeCommands({
        appInfo: vi.fn(async () => teamInfo()),
        listWorkspaces: vi.fn(async () => (added ? [team] : [])),
      });
      renderApp(<App />, { commands, platform });

      expect(await screen.findByTestId("first-run-team")).toHaveTextContent(
        "You are signed in to the shared database as Grace Hopper",
      );
      await waitFor(() => expect(platform.listeners()).toBe(1));

      // An owner adds Grace on another workstation: the change feed says memberships changed.
      added = true;
      platform.emit({ events: [], lagged: false, changes: ["member"] });

      expect(await screen.findByTestId("overview-page")).toHaveTextContent("Contoso Managed Services");
      expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Contoso Managed Services");
      expect(screen.queryByTestId("first-run")).not.toBeInTheDocument();
      // Being added is no loss: nothing to say.
      expect(screen.queryByText(/You no longer have access/)).not.toBeInTheDocument();
    });
  });

  describe("losing access to the workspace on screen", () => {
    const alpha = workspaceSummary({ id: "w1", name: "Alpha MSP" });
    const beta = workspaceSummary({ id: "w2", name: "Beta MSP" });
    const membershipsChanged = (platform: FakePlatform) =>
      platform.emit({ events: [], lagged: false, changes: ["member"] });

    it("switches to a workspace the operator still has, opens its overview and says so once", async () => {
      let removed = false;
      const platform = fakePlatform();
      const commands = fakeCommands({
        appInfo: vi.fn(async () => appInfo({ backend: "postgres" })),
        listWorkspaces: vi.fn(async () => (removed ? [beta] : [alpha, beta])),
      });
      renderApp(<App />, { commands, platform, route: "/tenants" });
      expect(await screen.findByTestId("tenants-page")).toBeInTheDocument();
      expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Alpha MSP");
      await waitFor(() => expect(platform.listeners()).toBe(1));

      // Removed as a member on another workstation.
      removed = true;
      membershipsChanged(platform);

      expect(await screen.findByText("You no longer have access to Alpha MSP")).toBeInTheDocument();
      expect(screen.getByText("Now showing Beta MSP.")).toBeInTheDocument();
      await waitFor(() => expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Beta MSP"));
      await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/));
      expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
      expect(JSON.parse(window.localStorage.getItem("tenantatlas.selected-workspace") ?? "null")).toBe("w2");

      // Later changes say nothing more about it.
      membershipsChanged(platform);
      await waitFor(() => expect(commands.listWorkspaces).toHaveBeenCalledTimes(3));
      expect(screen.getAllByText("You no longer have access to Alpha MSP")).toHaveLength(1);
      expect(screen.queryByTestId("error-state")).not.toBeInTheDocument();
    });

    it("shows the first run when it was the operator's only workspace", async () => {
      let removed = false;
      const platform = fakePlatform();
      const commands = fakeCommands({
        appInfo: vi.fn(async () => appInfo({ backend: "postgres", user: grace })),
        listWorkspaces: vi.fn(async () => (removed ? [] : [alpha])),
      });
      renderApp(<App />, { commands, platform });
      expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
      await waitFor(() => expect(platform.listeners()).toBe(1));

      removed = true;
      membershipsChanged(platform);

      expect(await screen.findByTestId("first-run-team")).toHaveTextContent("You are not in a workspace yet");
      expect(screen.getByText("You no longer have access to Alpha MSP")).toBeInTheDocument();
      expect(screen.getByText("You are not a member of any workspace now.")).toBeInTheDocument();
      expect(screen.queryByTestId("workspace-switcher")).not.toBeInTheDocument();
      expect(JSON.parse(window.localStorage.getItem("tenantatlas.selected-workspace") ?? "null")).toBeNull();
    });

    it("switches away at once when a command for it is refused with 'Workspace was not found'", async () => {
      let removed = false;
      const reread = deferred<WorkspaceSummary[]>();
      const commands = fakeCommands({
        listWorkspaces: vi.fn(() => (removed ? reread.promise : Promise.resolve([alpha, beta]))),
        workspaceOverview: vi.fn(async ({ workspace_id }) => {
          if (workspace_id === "w1" && removed) throw { code: "not_found", message: "Workspace was not found" };
          return workspaceOverviewFixture();
        }),
      });
      const { queryClient } = renderApp(<App />, { commands });
      expect(await screen.findAllByTestId("overview-row")).toHaveLength(2);
      expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Alpha MSP");

      // Nothing told this workstation of the removal: the next read of Alpha is refused.
      removed = true;
      await act(() => queryClient.invalidateQueries({ queryKey: ["workspaces", "w1", "overview"] }));

      // Switched before the workspace list is read again: no page is left showing the refusal.
      expect(await screen.findByText("You no longer have access to Alpha MSP")).toBeInTheDocument();
      await waitFor(() => expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Beta MSP"));
      expect(commands.listWorkspaces).toHaveBeenCalledTimes(2);
      await waitFor(() =>
        expect(commands.workspaceOverview).toHaveBeenCalledWith(expect.objectContaining({ workspace_id: "w2" })),
      );
      expect(await screen.findAllByTestId("overview-row")).toHaveLength(2);
      expect(screen.queryByTestId("error-state")).not.toBeInTheDocument();

      // The list read again agrees: nothing more is said.
      await act(async () => reread.resolve([beta]));
      expect(screen.getByTestId("workspace-switcher")).toHaveTextContent("Beta MSP");
      expect(screen.getAllByText("You no longer have access to Alpha MSP")).toHaveLength(1);
    });

    it("passes over a remembered workspace that is already gone at startup", async () => {
      window.localStorage.setItem("tenantatlas.selected-workspace", JSON.stringify("w-gone"));
      const commands = fakeCommands({ listWorkspaces: vi.fn(async () => [alpha, beta]) });
      renderApp(<App />, { commands });
      expect(await screen.findByTestId("workspace-switcher")).toHaveTextContent("Alpha MSP");
      expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
      expect(screen.queryByText(/You no longer have access/)).not.toBeInTheDocument();
    });
  });

  it("sends an unknown address (an old bookmark) to the overview", async () => {
    renderApp(<App />, { route: "/no-such-page" });
    expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
  });

  it.each([
    ["/tenants", "tenants-page"],
    ["/tenants/t-contoso", "tenant-page"],
    ["/tenants/t-contoso/objects/item-0", "object-page"],
    ["/runs/r-1", "run-page"],
    ["/operations", "operations-page"],
    ["/audit", "audit-page"],
    ["/baselines", "baselines-page"],
    ["/findings", "findings-page"],
    ["/review-packs", "packs-page"],
    ["/search", "search-page"],
    ["/schedules", "schedules-page"],
    ["/about", "about-page"],
  ])("opens %s inside the frame", async (route, page) => {
    renderApp(<App />, { route });
    expect(await screen.findByTestId(page)).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(route);
  });

  it("opens About from the operator's menu, and a saved update address is the app's from then on", async () => {
    const { commands } = renderApp(<App />);
    await screen.findByTestId("overview-page");
    await userEvent.click(screen.getByRole("button", { name: "Ada Lovelace, account menu" }));
    await userEvent.click(await screen.findByTestId("open-about"));
    expect(await screen.findByTestId("about-version")).toHaveTextContent("TenantAtlas 0.1.0");

    const url = "https://updates.example.com/latest.json";
    await userEvent.type(screen.getByTestId("update-url-input"), url);
    await userEvent.click(screen.getByTestId("update-url-save"));
    await waitFor(() => expect(screen.getByTestId("update-check")).toBeEnabled());
    // The app's facts were replaced, not read again.
    expect(commands.appInfo).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("update-setting")).toHaveTextContent(url);
  });
});
