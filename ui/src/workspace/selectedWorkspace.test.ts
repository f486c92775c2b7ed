import { describe, expect, it } from "vitest";
import { workspaceSummary } from "../test/fixtures";
import { pickWorkspace } from "./selectedWorkspace";

describe("pickWorkspace", () => {
  const first = workspaceSummary({ id: "w1", name: "First" });
  const second = workspaceSummary({ id: "w2", name: "Second" });

  it("returns the remembered workspace", () => {
    expect(pickWorkspace([first, second], "w2")).toBe(second);
  });

  it("falls back to the first workspace when nothing or something stale is remembered", () => {
    expect(pickWorkspace([first, second], null)).toBe(first);
    expect(pickWorkspace([first, second], "gone")).toBe(first);
  });
});
