import { describe, expect, it } from "vitest";
import { readSearch, resultCount, searchTerm, writeSearch } from "./searchView";

describe("searchView", () => {
  it("searches for two characters or more, without surrounding spaces", () => {
    expect(searchTerm(null)).toBeNull();
    expect(searchTerm("  d ")).toBeNull();
    expect(searchTerm(" de ")).toBe("de");
    expect(searchTerm("Cloud block")).toBe("Cloud block");
  });

  it("reads and writes the search in the address, keeping other parameters", () => {
    expect(readSearch(new URLSearchParams("q=defender"))).toBe("defender");
    expect(readSearch(new URLSearchParams("q=%20"))).toBeNull();
    expect(readSearch(new URLSearchParams())).toBeNull();
    expect(writeSearch(new URLSearchParams("x=1"), "bit locker").toString()).toBe("x=1&q=bit+locker");
    expect(writeSearch(new URLSearchParams("x=1&q=a"), null).toString()).toBe("x=1");
  });

  it("counts results in words", () => {
    expect(resultCount(1)).toBe("1 result");
    expect(resultCount(1200)).toBe(`${(1200).toLocaleString()} results`);
  });
});
