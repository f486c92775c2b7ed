import { describe, expect, it } from "vitest";
import { grace, memberDirectory, memberView, workspaceSummary } from "../test/fixtures";
import { withMember, withWorkspace } from "./memberQueries";

describe("the cached members and workspaces", () => {
  it("take a changed member in their place and a new one at the end", () => {
    const directory = memberDirectory();
    const manager = memberView(grace, { role: "manager" });
    expect(withMember(directory, manager).members.map((member) => [member.user.id, member.role])).toEqual([
      ["u1", "owner"],
      ["u2", "manager"],
      ["u3", "readonly"],
    ]);
    const added = memberView({ id: "u4", login: "pg:linus", display_name: "Linus Torvalds" }, { is_you: false });
    expect(withMember(directory, added).members.map((member) => member.user.id)).toEqual(["u1", "u2", "u3", "u4"]);
  });

  it("take a renamed workspace in its place", () => {
    const other = workspaceSummary({ id: "w2", name: "Other" });
    const renamed = workspaceSummary({ name: "Northwind IT" });
    expect(withWorkspace([workspaceSummary(), other], renamed)).toEqual([renamed, other]);
  });
});
