import { describe, expect, it } from "vitest";
import { conflictItem, contosoPlan, planItem, planOf } from "../../test/restoreFixtures";
import {
  draftBlocked,
  fieldWords,
  fillOf,
  lockedSecretItems,
  MAX_SECRET_BYTES,
  secretInputs,
  secretItems,
  unlockedCount,
  valueError,
  withValue,
} from "./secretValues";

const twoFields = conflictItem(1, [{ kind: "secret_values", fields: ["a", "b"] }]);
const oneField = conflictItem(3, [{ kind: "secret_values", fields: ["omaSettings[0].value"] }]);
const alsoChanged = conflictItem(5, [
  { kind: "changed_since_sync", synced: true },
  { kind: "secret_values", fields: ["c"] },
]);
const plan = planOf([planItem(0, { action: "update" }), twoFields, oneField, alsoChanged]);

describe("secret values typed at execution", () => {
  it("offers only the objects whose one conflict is their secret fields", () => {
    expect(secretItems(plan).map((entry) => entry.item.source_version_id)).toEqual(["v-backup-1", "v-backup-3"]);
    expect(secretItems(plan)[0]?.fields).toEqual(["a", "b"]);
    expect(lockedSecretItems(plan)).toBe(1);
    expect(secretItems(contosoPlan()).map((entry) => entry.item.display_name)).toEqual([
      "Compliance - Windows baseline 1",
    ]);
  });

  it("writes an object once every field has a value, refuses one half filled, and sends nothing of the others", () => {
    const items = secretItems(plan);
    const [first, second] = items as [(typeof items)[0], (typeof items)[0]];
    let draft = withValue({}, "v-backup-1", "a", "x");
    expect(fillOf(first, draft)).toBe("partial");
    expect(fillOf(second, draft)).toBe("empty");
    expect(draftBlocked(items, draft)).toBe(true);
    expect(unlockedCount(items, draft)).toBe(0);
    // Blank is not a value.
    draft = withValue(draft, "v-backup-1", "b", "   ");
    expect(fillOf(first, draft)).toBe("partial");
    draft = withValue(draft, "v-backup-1", "b", " y ");
    expect(fillOf(first, draft)).toBe("full");
    expect(draftBlocked(items, draft)).toBe(false);
    expect(unlockedCount(items, draft)).toBe(1);
    expect(secretInputs(items, draft)).toEqual([
      { source_version_id: "v-backup-1", field: "a", value: "x" },
      { source_version_id: "v-backup-1", field: "b", value: " y " },
    ]);
    // Cleared again: none, so nothing is sent for it.
    draft = withValue(withValue(draft, "v-backup-1", "a", ""), "v-backup-1", "b", "");
    expect(fillOf(first, draft)).toBe("empty");
    expect(secretInputs(items, draft)).toEqual([]);
  });

  it("refuses a value longer than the backend takes", () => {
    const items = secretItems(plan);
    const long = "é".repeat(MAX_SECRET_BYTES / 2 + 1);
    expect(valueError(long)).toBe("At most 64 KB.");
    expect(valueError("short")).toBeNull();
    expect(draftBlocked(items, withValue({}, "v-backup-3", "omaSettings[0].value", long))).toBe(true);
  });

  it("words a field's path without hiding it", () => {
    expect(fieldWords("omaSettings[0].value")).toBe("OMA-URI setting, row 1 › value");
    expect(fieldWords("omaSettings[11].secret.key")).toBe("OMA-URI setting, row 12 › secret › key");
    expect(fieldWords("scheduledActionsForRule.passcode")).toBe("scheduledActionsForRule › passcode");
    expect(fieldWords("certificates[1].password")).toBe("certificates, row 2 › password");
    expect(fieldWords("passwordRequired")).toBe("passwordRequired");
  });
});
