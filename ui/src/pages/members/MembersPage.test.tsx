import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { queryKeys } from "../../api";
import type { WorkspaceSummary } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { fakeMembers, type MemberState, memberState } from "../../test/fakeMembers";
import { appInfo, memberDirectory, memberView, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { MembersPage } from "./MembersPage";

function renderMembers(state: MemberState = memberState(), workspace: WorkspaceSummary = workspaceSummary()) {
  const members = fakeMembers(state);
  const rendered = renderApp(<MembersPage />, {
    commands: fakeCommands({ ...members, listWorkspaces: vi.fn(async () => [state.workspace]) }),
    workspace,
    route: "/members",
  });
  return { ...rendered, state };
}

const row = (userId: string) => {
  const found = screen.getAllByTestId("member-row").find((element) => element.getAttribute("data-user-id") === userId);
  if (found === undefined) throw new Error(`No row for ${userId}`);
  return within(found);
};
const userIds = () => screen.getAllByTestId("member-row").map((element) => element.getAttribute("data-user-id"));

/** A readonly member of the workspace: sees the members, changes nothing. */
const readonlyWorkspace = workspaceSummary(
  {},
  { role: "readonly", capabilities: ["tenant.view", "review_pack.view"], all_tenants: true },
);

describe("Members page", () => {
  it("lists every member with their sign-in name, role, tenants and last activity, and marks the operator", async () => {
    renderMembers();
    await screen.findByTestId("members-table");
    expect(userIds()).toEqual(["u1", "u2", "u3"]);
    expect(screen.getByTestId("member-count")).toHaveTextContent("3");

    const ada = row("u1");
    expect(ada.getByTestId("member-row-name")).toHaveTextContent("Ada Lovelace");
    expect(ada.getByTestId("member-row-login")).toHaveTextContent("local:ada");
    expect(ada.getByTestId("member-row-you")).toHaveTextContent("You");
    expect(ada.getByRole("combobox", { name: "Role of Ada Lovelace" })).toHaveValue("Owner");
    expect(ada.getByTestId("member-row-tenants")).toHaveTextContent("All tenants");
    expect(ada.getByTestId("member-row-activity")).toHaveTextContent(/ago$/);

    const grace = row("u2");
    expect(grace.getByTestId("member-row-login")).toHaveTextContent("pg:grace");
    expect(grace.queryByTestId("member-row-you")).not.toBeInTheDocument();
    expect(grace.getByRole("combobox", { name: "Role of Grace Hopper" })).toHaveValue("Operator");
    // Two of the workspace's three tenants; their names on hover.
    const tenants = grace.getByTestId("member-row-tenants");
    expect(tenants).toHaveTextContent(/^2 of 3 tenants/);
    await userEvent.hover(tenants);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Contoso Pharma, Fabrikam Logistics");

    const alan = row("u3");
    expect(alan.getByRole("combobox", { name: "Role of Alan Turing" })).toHaveValue("Read-only");
    expect(alan.getByTestId("member-row-activity")).toHaveTextContent("No activity yet");

    // An owner in team mode adds members and renames the workspace.
    expect(screen.getByRole("button", { name: "Add member" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Rename workspace" })).toBeInTheDocument();
    expect(screen.queryByTestId("members-solo")).not.toBeInTheDocument();
    // Nobody removes themselves here.
    expect(ada.queryByRole("button", { name: "Remove Ada Lovelace…" })).not.toBeInTheDocument();
    expect(grace.getByRole("button", { name: "Remove Grace Hopper…" })).toBeInTheDocument();
  });

  it("moves through the members with the keyboard and opens a member's entries in the audit log with Enter", async () => {
    renderMembers();
    const table = await screen.findByRole("grid", { name: "Members" });
    table.focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(table).toHaveAttribute("aria-activedescendant", "member-row-1");
    // Only the highlighted row's controls are in the tab order.
    expect(row("u2").getByRole("button", { name: "Remove Grace Hopper…" })).not.toHaveAttribute("tabindex");
    expect(row("u3").getByRole("button", { name: "Remove Alan Turing…" })).toHaveAttribute("tabindex", "-1");
    await userEvent.keyboard("{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/audit");
    expect(screen.getByTestId("location-search")).toHaveTextContent("?actor=u2");
  });

  it("explains solo mode in one sentence and offers no Add button there", async () => {
    const solo = memberState({
      directory: memberDirectory({
        team_mode: false,
        members: [memberView(appInfo().user, { role: "owner", last_activity_at: null })],
      }),
    });
    renderMembers(solo);
    const note = await screen.findByTestId("members-solo");
    expect(note).toHaveTextContent(
      "Solo mode has one operator, you, so nobody can be added; team mode — a shared PostgreSQL database, set up with atlas team init — adds members who each sign in as themselves.",
    );
    expect(userIds()).toEqual(["u1"]);
    expect(screen.queryByRole("button", { name: "Add member" })).not.toBeInTheDocument();
    // The owner still renames the workspace.
    expect(screen.getByRole("button", { name: "Rename workspace" })).toBeInTheDocument();
  });

  it("shows the table read-only to a member who is not an owner", async () => {
    const state = memberState({
      directory: memberDirectory({
        may_manage: false,
        members: memberDirectory().members.map((member) => ({ ...member, is_you: member.user.id === "u3" })),
      }),
    });
    renderMembers(state, readonlyWorkspace);
    await screen.findByTestId("members-table");
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(row("u1").getByText("Owner")).toBeInTheDocument();
    expect(row("u3").getByTestId("member-row-you")).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: /Remove|Tenants…|Add member|Rename workspace/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId("members-read-only")).toHaveTextContent(
      "Only the workspace's owners change roles, tenants and members.",
    );
  });

  it("changes a role at once, and says in the backend's words why the last owner keeps theirs", async () => {
    const { commands } = renderMembers();
    await screen.findByTestId("members-table");

    await userEvent.click(row("u2").getByRole("combobox", { name: "Role of Grace Hopper" }));
    await userEvent.click(await screen.findByRole("option", { name: "Manager" }));
    expect(commands.setMemberRole).toHaveBeenCalledWith({ workspace_id: "w1", user_id: "u2", role: "manager" });
    expect(await screen.findByText("Grace Hopper is now a manager.")).toBeInTheDocument();
    expect(row("u2").getByRole("combobox", { name: "Role of Grace Hopper" })).toHaveValue("Manager");

    await userEvent.click(row("u1").getByRole("combobox", { name: "Role of Ada Lovelace" }));
    await userEvent.click(await screen.findByRole("option", { name: "Operator" }));
    expect(commands.setMemberRole).toHaveBeenLastCalledWith({ workspace_id: "w1", user_id: "u1", role: "operator" });
    expect(await screen.findByText("Ada Lovelace's role was not changed")).toBeInTheDocument();
    expect(screen.getByText("a workspace keeps at least one owner: make someone else owner first")).toBeInTheDocument();
    await waitFor(() => expect(row("u1").getByRole("combobox", { name: "Role of Ada Lovelace" })).toHaveValue("Owner"));
  });

  it("refuses to save a tenant choice with none chosen, and saves the chosen ones or all", async () => {
    const { commands, state } = renderMembers();
    await screen.findByTestId("members-table");

    await userEvent.click(row("u2").getByRole("button", { name: "Choose the tenants of Grace Hopper…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Tenants of Grace Hopper" }));
    const all = dialog.getByRole("switch", { name: /All tenants, including future ones/ });
    expect(all).not.toBeChecked();
    const contoso = await dialog.findByRole("checkbox", { name: "Contoso Pharma" });
    const fabrikam = dialog.getByRole("checkbox", { name: "Fabrikam Logistics" });
    expect(contoso).toBeChecked();
    expect(fabrikam).toBeChecked();
    expect(dialog.getByRole("checkbox", { name: "Adatum Legal (archived)" })).not.toBeChecked();

    await userEvent.click(contoso);
    await userEvent.click(fabrikam);
    await userEvent.click(dialog.getByRole("button", { name: "Save tenants" }));
    expect(dialog.getByRole("alert")).toHaveTextContent(
      "Choose at least one tenant, or turn on “All tenants”: with none, they would see no tenant at all.",
    );
    expect(commands.setMemberTenants).not.toHaveBeenCalled();

    await userEvent.click(fabrikam);
    expect(dialog.queryByRole("alert")).not.toBeInTheDocument();
    await userEvent.click(dialog.getByRole("button", { name: "Save tenants" }));
    expect(commands.setMemberTenants).toHaveBeenCalledWith({
      workspace_id: "w1",
      user_id: "u2",
      all_tenants: false,
      tenant_ids: ["t-fabrikam"],
    });
    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: "Tenants of Grace Hopper" })).not.toBeInTheDocument(),
    );
    expect(row("u2").getByTestId("member-row-tenants")).toHaveTextContent("Fabrikam Logistics");

    await userEvent.click(row("u2").getByRole("button", { name: "Choose the tenants of Grace Hopper…" }));
    const again = within(await screen.findByRole("dialog", { name: "Tenants of Grace Hopper" }));
    await userEvent.click(again.getByRole("switch", { name: /All tenants, including future ones/ }));
    expect(again.queryByRole("checkbox")).not.toBeInTheDocument();
    await userEvent.click(again.getByRole("button", { name: "Save tenants" }));
    expect(commands.setMemberTenants).toHaveBeenLastCalledWith({
      workspace_id: "w1",
      user_id: "u2",
      all_tenants: true,
      tenant_ids: [],
    });
    await waitFor(() => expect(row("u2").getByTestId("member-row-tenants")).toHaveTextContent("All tenants"));
    expect(state.directory.members.find((member) => member.user.id === "u2")?.all_tenants).toBe(true);
  });

  it("removes a member only once confirmed, saying their past work stays attributed", async () => {
    const { commands } = renderMembers();
    await screen.findByTestId("members-table");

    await userEvent.click(row("u2").getByRole("button", { name: "Remove Grace Hopper…" }));
    let dialog = within(await screen.findByRole("dialog", { name: "Remove this member?" }));
    expect(
      dialog.getByText(
        /will no longer see Northwind MSP \(demo\) or any of its tenants\. Their past work stays attributed/,
      ),
    ).toHaveTextContent(/^Grace Hopper \(pg:grace\) will no longer see/);
    await userEvent.click(dialog.getByRole("button", { name: "Cancel" }));
    expect(commands.removeMember).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Remove this member?" })).not.toBeInTheDocument());

    await userEvent.click(row("u2").getByRole("button", { name: "Remove Grace Hopper…" }));
    dialog = within(await screen.findByRole("dialog", { name: "Remove this member?" }));
    await userEvent.click(dialog.getByRole("button", { name: "Remove member" }));
    expect(commands.removeMember).toHaveBeenCalledWith({ workspace_id: "w1", user_id: "u2" });
    expect(await screen.findByText("Member removed")).toBeInTheDocument();
    await waitFor(() => expect(userIds()).toEqual(["u1", "u3"]));
  });

  it("shows the backend's refusal to remove the last owner in the dialog", async () => {
    // Another operator is the workspace's only owner; Ada manages it in this test's backend.
    const state = memberState({
      directory: memberDirectory({
        members: [
          memberView(appInfo().user, { role: "manager" }),
          memberView({ id: "u9", login: "pg:olga", display_name: "Olga Owner" }, { role: "owner" }),
        ],
      }),
    });
    renderMembers(state);
    await screen.findByTestId("members-table");
    await userEvent.click(row("u9").getByRole("button", { name: "Remove Olga Owner…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Remove this member?" }));
    await userEvent.click(dialog.getByRole("button", { name: "Remove member" }));
    expect(await dialog.findByRole("alert")).toHaveTextContent(
      "the last owner cannot be removed: make someone else owner first",
    );
    expect(userIds()).toEqual(["u1", "u9"]);
  });

  it("adds an operator who has signed in before, and puts the backend's refusal of a name under it", async () => {
    const { commands } = renderMembers();
    await screen.findByTestId("members-table");

    await userEvent.click(screen.getByRole("button", { name: "Add member" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Add member" }));
    expect(dialog.getByRole("combobox", { name: "Role" })).toHaveValue("Operator");
    const name = dialog.getByRole("textbox", { name: /Sign-in name/ });
    await userEvent.type(name, "nobody");
    await userEvent.click(dialog.getByRole("button", { name: "Add member" }));
    expect(await dialog.findByText(/^nobody signs in as "nobody" yet: /)).toBeInTheDocument();
    expect(name).toHaveFocus();

    await userEvent.clear(name);
    await userEvent.type(name, "linus");
    await userEvent.click(dialog.getByRole("combobox", { name: "Role" }));
    await userEvent.click(await screen.findByRole("option", { name: "Manager" }));
    await userEvent.click(dialog.getByRole("button", { name: "Add member" }));
    expect(commands.addMember).toHaveBeenLastCalledWith({ workspace_id: "w1", name: "linus", role: "manager" });
    await waitFor(() => expect(userIds()).toEqual(["u1", "u2", "u3", "u4"]));
    expect(row("u4").getByRole("combobox", { name: "Role of Linus Torvalds" })).toHaveValue("Manager");
  });

  it("renames the workspace: 1–100 characters, and the new name shows at once", async () => {
    const { commands, queryClient } = renderMembers();
    await screen.findByTestId("members-table");
    queryClient.setQueryData(queryKeys.workspaces, [workspaceSummary()]);

    await userEvent.click(screen.getByRole("button", { name: "Rename workspace" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Rename workspace" }));
    const name = dialog.getByRole("textbox", { name: /Workspace name/ });
    expect(name).toHaveValue("Northwind MSP (demo)");
    await userEvent.clear(name);
    await userEvent.click(dialog.getByRole("button", { name: "Rename" }));
    expect(dialog.getByText("Enter a name for the workspace.")).toBeInTheDocument();
    await userEvent.type(name, "x".repeat(101));
    await userEvent.click(dialog.getByRole("button", { name: "Rename" }));
    expect(dialog.getByText("At most 100 characters (101 now).")).toBeInTheDocument();
    expect(commands.renameWorkspace).not.toHaveBeenCalled();

    await userEvent.clear(name);
    await userEvent.type(name, "  Northwind IT  ");
    await userEvent.click(dialog.getByRole("button", { name: "Rename" }));
    expect(commands.renameWorkspace).toHaveBeenCalledWith({ workspace_id: "w1", name: "Northwind IT" });
    expect(await screen.findByText("Northwind MSP (demo) is now Northwind IT.")).toBeInTheDocument();
    expect(
      queryClient.getQueryData<WorkspaceSummary[]>(queryKeys.workspaces)?.map((summary) => summary.workspace.name),
    ).toEqual(["Northwind IT"]);
  });
});
