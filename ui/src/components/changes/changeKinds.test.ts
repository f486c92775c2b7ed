import { describe, expect, it } from "vitest";
import type { RunChanges } from "../../bindings/types";
import { changeCountsSentence } from "./changeKinds";

function counts(added: number, changed: number, removed: number): RunChanges {
  return { added: [], changed: [], removed: [], added_count: added, changed_count: changed, removed_count: removed };
}

describe("changeCountsSentence", () => {
  it("counts each kind that has changes, added first", () => {
    expect(changeCountsSentence(counts(3, 12, 1))).toBe("3 added, 12 changed, 1 removed");
    expect(changeCountsSentence(counts(0, 1_200, 0))).toBe(`${(1_200).toLocaleString()} changed`);
    expect(changeCountsSentence(counts(0, 0, 0))).toBe("No change");
  });
});
