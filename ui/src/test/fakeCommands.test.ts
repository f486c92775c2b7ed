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

  it("refuses, as the backend does, an update address that is not https, and keeps the one before", async () => {
    const commands = fakeCommands();
    await expect(commands.setUpdateUrl({ url: "http://updates.example.com/latest.json" })).rejects.toEqual({
      code: "invalid_input",
      message: "The update address must start with https:// (it was http://); nothing was changed.",
    });
    expect((await commands.appInfo()).update_url).toBeNull();
    await expect(commands.checkForUpdate()).rejects.toEqual({
      code: "invalid_input",
      message: "Updates are off: set an update address in About first.",
    });

    const info = await commands.setUpdateUrl({ url: " https://updates.example.com/latest.json " });
    expect(info.update_url).toBe("https://updates.example.com/latest.json");
    expect((await commands.appInfo()).update_url).toBe("https://updates.example.com/latest.json");
    expect(await commands.checkForUpdate()).toEqual({ current_version: "0.1.0", offer: null });
    expect((await commands.setUpdateUrl({ url: "" })).update_url).toBeNull();
  });
});
