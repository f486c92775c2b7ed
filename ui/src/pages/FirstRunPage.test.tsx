import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { CreateDemoWorkspaceResponse } from "../bindings/types";
import { deferred, fakeCommands } from "../test/fakeCommands";
import { appInfo, demoTenants, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { FirstRunPage } from "./FirstRunPage";

const demo = workspaceSummary({ id: "w-demo" });

describe("FirstRunPage", () => {
  it("explains the demo and where data is stored", () => {
    renderApp(<FirstRunPage appInfo={appInfo()} />);
    expect(screen.getByTestId("first-run")).toHaveTextContent("Northwind MSP (demo)");
    expect(screen.getByTestId("first-run")).toHaveTextContent("three simulated customer tenants");
    expect(screen.getByText("/home/ada/.local/share/tenantatlas")).toBeInTheDocument();
    expect(screen.getByTestId("first-run")).toHaveTextContent("Solo · SQLite");
  });

  it("offers no demo in a build without one, and says how to get a workspace", () => {
    renderApp(<FirstRunPage appInfo={appInfo({ demo_available: false })} />);
    expect(screen.queryByTestId("create-demo-workspace")).not.toBeInTheDocument();
    expect(screen.getByTestId("no-workspace")).toHaveTextContent("includes no demo");
  });

  it("creates the demo workspace, stays busy meanwhile, then notifies and opens Tenants", async () => {
    const pending = deferred<CreateDemoWorkspaceResponse>();
    const commands = fakeCommands({ createDemoWorkspace: vi.fn(() => pending.promise) });
    renderApp(<FirstRunPage appInfo={appInfo()} />, { commands });

    const button = screen.getByTestId("create-demo-workspace");
    await userEvent.click(button);
    expect(commands.createDemoWorkspace).toHaveBeenCalledTimes(1);
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("data-loading", "true");

    pending.resolve({ workspace: demo, created: true, tenants: demoTenants });
    expect(await screen.findByText("Demo workspace created")).toBeInTheDocument();
    // The router applies navigation in a transition, so it may land a frame later.
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/tenants"));
    expect(JSON.parse(window.localStorage.getItem("tenantatlas.selected-workspace") ?? "null")).toBe("w-demo");
  });

  it("says so when the demo workspace already existed", async () => {
    const commands = fakeCommands({
      createDemoWorkspace: vi.fn(async () => ({ workspace: demo, created: false, tenants: demoTenants })),
    });
    renderApp(<FirstRunPage appInfo={appInfo()} />, { commands });
    await userEvent.click(screen.getByTestId("create-demo-workspace"));
    expect(await screen.findByText("Demo workspace already exists")).toBeInTheDocument();
  });

  it("shows the backend's message when creation fails and stays on the page", async () => {
    const commands = fakeCommands({
      createDemoWorkspace: vi.fn(async () => {
        throw { code: "storage_unavailable", message: "The disk holding /home/ada/.local/share/tenantatlas is full." };
      }),
    });
    renderApp(<FirstRunPage appInfo={appInfo()} />, { commands, route: "/welcome" });
    await userEvent.click(screen.getByTestId("create-demo-workspace"));

    expect(await screen.findByTestId("create-demo-error")).toHaveTextContent(
      "The disk holding /home/ada/.local/share/tenantatlas is full.",
    );
    expect(screen.getByTestId("create-demo-workspace")).toBeEnabled();
    expect(screen.getByTestId("location")).toHaveTextContent("/welcome");
    expect(commands.listWorkspaces).not.toHaveBeenCalled();
  });
});
