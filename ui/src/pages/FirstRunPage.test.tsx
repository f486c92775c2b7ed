import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { CreateDemoWorkspaceResponse, WorkspaceSummary } from "../bindings/types";
import { deferred, fakeCommands } from "../test/fakeCommands";
import { appInfo, demoTenants, grace, workspaceSummary } from "../test/fixtures";
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

  it("offers both ways in side by side: a workspace of one's own and the demo", () => {
    renderApp(<FirstRunPage appInfo={appInfo()} />);
    const own = screen.getByTestId("first-run-create");
    const demoChoice = screen.getByTestId("first-run-demo");
    expect(within(own).getByRole("heading", { name: "Create your workspace" })).toBeInTheDocument();
    expect(within(own).getByRole("textbox", { name: /Workspace name/ })).toBeInTheDocument();
    expect(within(own).getByRole("button", { name: "Create workspace" })).toBeInTheDocument();
    expect(within(demoChoice).getByRole("heading", { name: "Explore the demo" })).toBeInTheDocument();
    expect(within(demoChoice).getByRole("button", { name: "Create demo workspace" })).toBeInTheDocument();
  });

  it("offers no demo in a build without one, but still a workspace of one's own", () => {
    renderApp(<FirstRunPage appInfo={appInfo({ demo_available: false })} />);
    expect(screen.queryByTestId("create-demo-workspace")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create workspace" })).toBeInTheDocument();
    expect(screen.getByTestId("no-workspace")).toHaveTextContent("ask the owner of its workspace to add you");
  });

  it("welcomes a solo operator with the product, not with team membership", () => {
    renderApp(<FirstRunPage appInfo={appInfo()} />);
    expect(screen.getByRole("heading", { name: "Welcome to TenantAtlas" })).toBeInTheDocument();
    expect(screen.getByTestId("first-run")).toHaveTextContent("govern all of your customers' Microsoft 365 tenants");
    expect(screen.queryByTestId("first-run-team")).not.toBeInTheDocument();
    expect(screen.queryByText("You are not in a workspace yet")).not.toBeInTheDocument();
  });

  describe("in team mode (a shared PostgreSQL database)", () => {
    const team = (overrides: Parameters<typeof appInfo>[0] = {}) =>
      appInfo({ backend: "postgres", user: grace, ...overrides });

    it("says who the operator is signed in as and how an owner adds them, instead of the welcome", () => {
      renderApp(<FirstRunPage appInfo={team()} />);
      const explanation = screen.getByTestId("first-run-team");
      expect(within(explanation).getByRole("heading", { name: "You are not in a workspace yet" })).toBeInTheDocument();
      expect(explanation).toHaveTextContent(
        "You are signed in to the shared database as Grace Hopper (pg:grace). An owner of your team's workspace can add you on their Members page — once they do, it appears here by itself. You can also start a workspace of your own.",
      );
      expect(screen.queryByRole("heading", { name: "Welcome to TenantAtlas" })).not.toBeInTheDocument();
      expect(screen.getByTestId("first-run")).toHaveTextContent("Team · PostgreSQL");
    });

    it("names the operator by sign-in name when they have no display name", () => {
      renderApp(<FirstRunPage appInfo={team({ user: { ...grace, display_name: " " } })} />);
      expect(screen.getByTestId("first-run-team")).toHaveTextContent("signed in to the shared database as pg:grace.");
    });

    it("still offers a workspace of one's own, and the demo when the build has it", () => {
      renderApp(<FirstRunPage appInfo={team()} />);
      expect(
        within(screen.getByTestId("first-run-create")).getByRole("button", { name: "Create workspace" }),
      ).toBeInTheDocument();
      expect(screen.getByTestId("create-demo-workspace")).toBeInTheDocument();
    });

    it("leaves out the demo and the solo hint about joining a team in a build without a demo", () => {
      renderApp(<FirstRunPage appInfo={team({ demo_available: false })} />);
      expect(screen.getByRole("button", { name: "Create workspace" })).toBeInTheDocument();
      expect(screen.queryByTestId("create-demo-workspace")).not.toBeInTheDocument();
      expect(screen.queryByTestId("no-workspace")).not.toBeInTheDocument();
    });
  });

  describe("creating a workspace of one's own", () => {
    const nameField = () => screen.getByRole("textbox", { name: /Workspace name/ });
    const submit = () => userEvent.click(screen.getByRole("button", { name: "Create workspace" }));

    it("asks for a name of 1 to 100 characters before anything is sent", async () => {
      const { commands } = renderApp(<FirstRunPage appInfo={appInfo()} />);
      await userEvent.type(nameField(), "   ");
      await submit();
      expect(nameField()).toHaveAttribute("aria-invalid", "true");
      expect(nameField()).toHaveAccessibleDescription(expect.stringContaining("Enter a name for the workspace."));
      expect(nameField()).toHaveFocus();

      await userEvent.clear(nameField());
      await userEvent.click(nameField());
      await userEvent.paste("x".repeat(101));
      await submit();
      expect(nameField()).toHaveAccessibleDescription(expect.stringContaining("At most 100 characters (101 now)."));
      expect(commands.createWorkspace).not.toHaveBeenCalled();
    });

    it("creates it, stays busy meanwhile, then selects it, says so and opens the overview", async () => {
      const pending = deferred<WorkspaceSummary>();
      const commands = fakeCommands({ createWorkspace: vi.fn(() => pending.promise) });
      renderApp(<FirstRunPage appInfo={appInfo()} />, { commands, route: "/welcome" });
      await userEvent.type(nameField(), "  Northwind IT — managed customers ");
      await submit();

      expect(commands.createWorkspace).toHaveBeenCalledWith({ name: "Northwind IT — managed customers" });
      expect(screen.getByRole("button", { name: "Create workspace" })).toHaveAttribute("data-loading", "true");
      expect(nameField()).toBeDisabled();

      pending.resolve(workspaceSummary({ id: "w-own", name: "Northwind IT — managed customers" }));
      expect(await screen.findByText("Workspace created")).toBeInTheDocument();
      await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/));
      expect(JSON.parse(window.localStorage.getItem("tenantatlas.selected-workspace") ?? "null")).toBe("w-own");
    });

    it("shows the backend's refusal of the name under the field, and keeps what was typed", async () => {
      const commands = fakeCommands({
        createWorkspace: vi.fn(async () => {
          throw { code: "invalid_input", message: "name must not contain control characters" };
        }),
      });
      renderApp(<FirstRunPage appInfo={appInfo()} />, { commands, route: "/welcome" });
      await userEvent.type(nameField(), "Northwind");
      await submit();

      await waitFor(() => expect(nameField()).toHaveAttribute("aria-invalid", "true"));
      expect(nameField()).toHaveAccessibleDescription(
        expect.stringContaining("name must not contain control characters"),
      );
      expect(nameField()).toHaveValue("Northwind");
      expect(screen.queryByTestId("create-workspace-error")).not.toBeInTheDocument();
      expect(screen.getByTestId("location")).toHaveTextContent("/welcome");
      // Typing again clears the complaint.
      await userEvent.type(nameField(), " IT");
      expect(nameField()).not.toHaveAttribute("aria-invalid", "true");
    });

    it("says above the form when something other than the name failed", async () => {
      const commands = fakeCommands({
        createWorkspace: vi.fn(async () => {
          throw {
            code: "storage_unavailable",
            message: "The disk holding /home/ada/.local/share/tenantatlas is full.",
          };
        }),
      });
      renderApp(<FirstRunPage appInfo={appInfo()} />, { commands });
      await userEvent.type(nameField(), "Northwind IT");
      await submit();
      expect(await screen.findByTestId("create-workspace-error")).toHaveTextContent(
        "The disk holding /home/ada/.local/share/tenantatlas is full.",
      );
      expect(nameField()).not.toHaveAttribute("aria-invalid", "true");
      expect(screen.getByRole("button", { name: "Create workspace" })).toBeEnabled();
    });
  });

  it("creates the demo workspace, stays busy meanwhile, then notifies and opens the overview", async () => {
    const pending = deferred<CreateDemoWorkspaceResponse>();
    const commands = fakeCommands({ createDemoWorkspace: vi.fn(() => pending.promise) });
    renderApp(<FirstRunPage appInfo={appInfo()} />, { commands, route: "/welcome" });

    const button = screen.getByTestId("create-demo-workspace");
    await userEvent.click(button);
    expect(commands.createDemoWorkspace).toHaveBeenCalledTimes(1);
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("data-loading", "true");

    pending.resolve({ workspace: demo, created: true, tenants: demoTenants });
    expect(await screen.findByText("Demo workspace created")).toBeInTheDocument();
    // The router applies navigation in a transition, so it may land a frame later.
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/));
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
