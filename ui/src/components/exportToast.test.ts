import { describe, expect, it } from "vitest";
import { fileSize } from "./exportToast";

describe("fileSize", () => {
  it("says how big a file is in the units people read", () => {
    expect(fileSize(1)).toBe("1 byte");
    expect(fileSize(512)).toBe("512 bytes");
    expect(fileSize(3_400)).toBe(`${(3.4).toLocaleString()} kB`);
    expect(fileSize(1_250_000)).toBe(`${(1.3).toLocaleString()} MB`);
  });
});
