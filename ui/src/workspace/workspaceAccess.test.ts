import { describe, expect, it } from "vitest";
import { isWorkspaceGone, lostAccessTitle } from "./workspaceAccess";

describe("isWorkspaceGone", () => {
  it("is a not_found refusal naming the Workspace", () => {
    expect(isWorkspaceGone({ code: "not_found", message: "Workspace was not found" })).toBe(true);
    expect(isWorkspaceGone({ code: "not_found", message: "Workspace was not found." })).toBe(true);
  });

  it("is not another record's absence, another refusal, or something else thrown", () => {
    expect(isWorkspaceGone({ code: "not_found", message: "Tenant was not found" })).toBe(false);
    expect(isWorkspaceGone({ code: "not_found", message: "Workspaces were not found" })).toBe(false);
    expect(isWorkspaceGone({ code: "forbidden", message: "Workspace was not found" })).toBe(false);
    expect(isWorkspaceGone(new Error("Workspace was not found"))).toBe(false);
    expect(isWorkspaceGone(undefined)).toBe(false);
  });
});

describe("lostAccessTitle", () => {
  it("names the workspace by its last known name", () => {
    expect(lostAccessTitle("Alpha MSP")).toBe("You no longer have access to Alpha MSP");
  });

  it("falls back to 'this workspace' without a name", () => {
    expect(lostAccessTitle("  ")).toBe("You no longer have access to this workspace");
  });
});
