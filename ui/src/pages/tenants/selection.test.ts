import { describe, expect, it } from "vitest";
import { rangeBetween, withSelection } from "./selection";

const ORDER = ["a", "b", "c", "d", "e"];

describe("rangeBetween", () => {
  it("spans from the anchor to the row clicked, in either direction, both included", () => {
    expect(rangeBetween(ORDER, "b", "d")).toEqual(["b", "c", "d"]);
    expect(rangeBetween(ORDER, "d", "b")).toEqual(["b", "c", "d"]);
    expect(rangeBetween(ORDER, "c", "c")).toEqual(["c"]);
  });

  it("is the row clicked alone without an anchor still listed", () => {
    expect(rangeBetween(ORDER, null, "c")).toEqual(["c"]);
    expect(rangeBetween(ORDER, "gone", "c")).toEqual(["c"]);
  });

  it("is nothing for a row not listed", () => {
    expect(rangeBetween(ORDER, "a", "gone")).toEqual([]);
  });
});

describe("withSelection", () => {
  it("turns ids on and off without changing the set it was given", () => {
    const selected = new Set(["a"]);
    expect([...withSelection(selected, ["b", "c"], true)]).toEqual(["a", "b", "c"]);
    expect([...withSelection(selected, ["a", "x"], false)]).toEqual([]);
    expect([...selected]).toEqual(["a"]);
  });
});
