import { describe, expect, it } from "vitest";
import { commandNames } from "../bindings/commands";
import { fakeCommands } from "./fakeCommands";

describe("fakeCommands", () => {
  it("fakes exactly the commands of the generated surface", () => {
    expect(Object.keys(fakeCommands()).sort()).toEqual([...commandNames].sort());
  });

  it("refuses, as the backend does, to keep a simulated tenant's credential", async () => {
    await expect(
      fakeCommands().holdCredential({ tenant_id: "t-contoso", credential: { kind: "client_secret", secret: "x" } }),
    ).rejects.toEqual({
      code: "invalid_input",
      message: "A simulated tenant needs no credential: every workstation reaches it.",
    });
  });
});
