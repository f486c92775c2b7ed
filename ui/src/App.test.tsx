import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { fakeCommands } from "./test/fakeCommands";
import { appInfo, workspaceSummary } from "./test/fixtures";
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

  it("moves from first run to the tenants of the new demo workspace", async () => {
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

    expect(await screen.findByTestId("tenants-page")).toBeInTheDocument();
    expect(await screen.findAllByTestId("tenant-row")).toHaveLength(3);
    expect(commands.listTenants).toHaveBeenCalledWith({ workspace_id: "w-demo" });
  });

  it("opens on Tenants inside the frame with user, storage and an empty progress slot", async () => {
    const commands = fakeCommands({ appInfo: vi.fn(async () => appInfo({ backend: "postgres" })) });
    const { container } = renderApp(<App />, { commands });

    expect(await screen.findByTestId("tenants-page")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/tenants");
    expect(screen.getByTestId("current-user")).toHaveTextContent("Ada Lovelace");
    expect(screen.getByTestId("storage-badge")).toHaveTextContent("Team · PostgreSQL");
    const slot = container.ownerDocument.getElementById("progress-widget-slot");
    expect(slot).not.toBeNull();
    expect(slot).toBeEmptyDOMElement();

    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(["Tenants"]);
  });

  it("remembers the selected workspace and falls back to the first", async () => {
    const first = workspaceSummary({ id: "w1", name: "Alpha MSP" });
    const second = workspaceSummary({ id: "w2", name: "Beta MSP" });
    window.localStorage.setItem("tenantatlas.selected-workspace", JSON.stringify("w2"));
    const commands = fakeCommands({ listWorkspaces: vi.fn(async () => [first, second]) });
    renderApp(<App />, { commands });

    expect(await screen.findByTestId("workspace-switcher")).toHaveValue("Beta MSP");
    await waitFor(() => expect(commands.listTenants).toHaveBeenCalledWith({ workspace_id: "w2" }));
    expect(commands.listTenants).not.toHaveBeenCalledWith({ workspace_id: "w1" });
  });

  it.each([
    ["/tenants/t-contoso", "tenant-page"],
    ["/tenants/t-contoso/objects/item-0", "object-page"],
    ["/runs/r-1", "run-page"],
  ])("opens %s inside the frame", async (route, page) => {
    renderApp(<App />, { route });
    expect(await screen.findByTestId(page)).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(route);
  });
});
