import { describe, expect, it } from "vitest";
import { inFolder } from "./usePackSave";

describe("inFolder", () => {
  it("joins with the folder's own separator", () => {
    expect(inFolder("/home/ada/Downloads", "a.zip")).toBe("/home/ada/Downloads/a.zip");
    expect(inFolder("/home/ada/Downloads/", "a.zip")).toBe("/home/ada/Downloads/a.zip");
    expect(inFolder("C:\\Users\\ada\\Downloads", "a.zip")).toBe("C:\\Users\\ada\\Downloads\\a.zip");
  });
});
