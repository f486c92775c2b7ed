import { describe, expect, it } from "vitest";
import { commandNames } from "../bindings/commands";
import { fakeCommands } from "./fakeCommands";

describe("fakeCommands", () => {
  it("fakes exactly the commands of the generated surface", () => {
    expect(Object.keys(fakeCommands()).sort()).toEqual([...commandNames].sort());
  });
});
