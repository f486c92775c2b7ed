import { describe, expect, it } from "vitest";
import { objectTypes } from "../../test/fixtures";
import {
  contosoGroups,
  contosoOutcomes,
  contosoPlan,
  executablePlan,
  outcomeOf,
  planItem,
  undoPlanOf,
} from "../../test/restoreFixtures";
import { planTypes, readPlanView, shownItems, withPending, writePlanView } from "./planView";
import {
  actionLook,
  actionSentence,
  assignmentWords,
  blockingGroups,
  canUndo,
  changeSummary,
  changesOf,
  conflictExplained,
  conflictShort,
  countsSentence,
  executeSentence,
  fieldsWords,
  groupNames,
  leftAloneSentence,
  outcomeCounts,
  outcomeLook,
  type PlanNames,
  planActions,
  restoreStatusLook,
  shownOutcomes,
  sortedOutcomes,
  sourceShort,
  undoNote,
  undoSentence,
} from "./restoreWords";

const labels = new Map(objectTypes.map((type) => [type.key, type.label]));
const typeLabel = (key: string) => labels.get(key) ?? key;
const names: PlanNames = {
  target: "Fabrikam Logistics",
  source: "Contoso Pharma",
  typeLabel,
  ...groupNames({ groups: contosoGroups() }),
};

describe("restore words", () => {
  it("says a plan's counts in a line, leaving out what nothing falls under", () => {
    expect(countsSentence({ create: 2, update: 3, skip: 60, conflict: 4, delete: 0 })).toBe(
      "2 to create, 3 to update, 60 identical, 4 cannot be restored as they are",
    );
    expect(countsSentence({ create: 0, update: 1, skip: 0, conflict: 1, delete: 0 })).toBe(
      "1 to update, 1 cannot be restored as it is",
    );
    expect(countsSentence({ create: 0, update: 0, skip: 0, conflict: 0, delete: 0 })).toBe("No objects");
    // Deletes (undoing a restore) are named only when there are some.
    expect(countsSentence({ create: 0, update: 2, skip: 1, conflict: 1, delete: 3 })).toBe(
      "2 to update, 3 to delete, 1 identical, 1 cannot be restored as it is",
    );
  });

  it("offers the delete action only to a plan that deletes, in red", () => {
    const counts = { create: 2, update: 3, skip: 60, conflict: 4, delete: 0 };
    expect(planActions(counts)).toEqual(["create", "update", "conflict", "skip"]);
    expect(planActions({ ...counts, delete: 1 })).toEqual(["create", "update", "delete", "conflict", "skip"]);
    expect(actionLook("delete")).toEqual({ label: "Delete", color: "red" });
  });

  it("says what undoing would delete and why", () => {
    const item = planItem(3, { action: "delete" });
    expect(changeSummary(item, names)).toBe("Deletes it from Fabrikam Logistics · created by the undone restore");
    expect(actionSentence(item, names)).toBe(
      "The restore being undone created it in Fabrikam Logistics, and nobody has changed it since: undoing would delete it, keeping it as a version first so that this can be undone too.",
    );
    const changed = { kind: "changed_since_sync", synced: true } as const;
    expect(conflictExplained(changed, item, names, { undo: true }).text).toBe(
      "The object in Fabrikam Logistics is no longer what TenantAtlas last stored of it: someone changed it since, and putting it back or deleting it would lose a change nobody has reviewed.",
    );
    expect(conflictExplained(changed, item, names).text).toMatch(/overwriting it would lose a change/);
  });

  it("counts assignment changes with signs, and names a few changed fields", () => {
    expect(assignmentWords({ added: ["a", "b"], removed: ["c"] })).toBe("+2 groups −1 group");
    expect(assignmentWords({ added: [], removed: ["c", "d"] })).toBe("−2 groups");
    expect(assignmentWords({ added: [], removed: [] })).toBe("");
    expect(fieldsWords(["a", "b"])).toBe("a, b");
    expect(fieldsWords(["a", "b", "c", "d", "e"])).toBe("a, b, c and 2 more");
  });

  it("words every conflict without its code, with its next step where there is one", () => {
    const item = planItem(1);
    expect(conflictShort({ kind: "changed_since_sync", synced: false }, names)).toBe(
      "Never synced from Fabrikam Logistics",
    );
    expect(conflictShort({ kind: "type_not_writable" }, names)).toBe("This type is never written");
    const unresolved = conflictExplained({ kind: "unresolved_groups", group_ids: ["g-hr", "g-x"] }, item, names);
    expect(unresolved.text).toBe(
      "It is assigned to 2 groups of Contoso Pharma with no group in Fabrikam Logistics to take their place: HR laptops, g-x.",
    );
    expect(unresolved.toMapping).toBe(true);
    const collision = conflictExplained({ kind: "name_collision", matches: 3 }, item, names);
    expect(collision.text).toBe(
      "3 Device configuration objects in Fabrikam Logistics are named “WIN - SC - Policy 001”, so which one it would overwrite cannot be told.",
    );
    expect(collision.next).toBe(
      "Rename or remove the duplicates in Fabrikam Logistics, sync its policies, then preview again.",
    );
    const readOnly = conflictExplained({ kind: "type_not_writable" }, item, names);
    expect(readOnly.next).toBeNull();
    for (const conflict of [unresolved, collision, readOnly]) {
      expect(`${conflict.title} ${conflict.text} ${conflict.next ?? ""}`).not.toMatch(/_|execut/);
    }
  });

  it("sums up what restoring would change about an object", () => {
    expect(changeSummary(planItem(0), names)).toBe("Identical in Fabrikam Logistics");
    expect(changeSummary(planItem(0, { action: "update" }), names)).toBe("Changes its settings");
    expect(
      changeSummary(
        planItem(0, {
          action: "conflict",
          conflicts: [
            { kind: "secret_values", fields: ["password"] },
            { kind: "unresolved_groups", group_ids: ["g-hr"] },
          ],
        }),
        names,
      ),
    ).toBe("1 secret setting was never stored; 1 group has no target group");
  });

  it("names the statuses of a preview, and those of an execution without promising one", () => {
    expect(restoreStatusLook("planning")).toEqual({ label: "Planning", color: "blue" });
    expect(restoreStatusLook("preview_failed")).toEqual({ label: "Preview failed", color: "red" });
    expect(restoreStatusLook("outdated").label).toBe("Out of date");
  });
});

describe("the plan table's view", () => {
  const { items } = contosoPlan();

  it("lists deletes after updates, and keeps them as a filter", () => {
    const undo = undoPlanOf(contosoOutcomes());
    expect(
      shownItems(undo.items, { action: null, type: null, identical: false }, typeLabel).map((i) => i.action),
    ).toEqual(["update", "update", "delete", "delete"]);
    expect(shownItems(undo.items, { action: "delete", type: null, identical: false }, typeLabel)).toHaveLength(2);
    expect(readPlanView(new URLSearchParams("action=delete")).action).toBe("delete");
  });

  it("hides identical items unless asked, and lists what needs a look first", () => {
    const shown = shownItems(items, { action: null, type: null, identical: false }, typeLabel);
    expect(shown).toHaveLength(9);
    expect([...new Set(shown.map((item) => item.action))]).toEqual(["conflict", "create", "update"]);
    expect(shownItems(items, { action: null, type: null, identical: true }, typeLabel)).toHaveLength(69);
    expect(shownItems(items, { action: "skip", type: null, identical: false }, typeLabel)).toHaveLength(60);
    expect(
      shownItems(items, { action: null, type: "compliance_policy", identical: false }, typeLabel).map(
        (item) => item.display_name,
      ),
    ).toEqual(["Compliance - Windows baseline 1"]);
  });

  it("keeps the filters and the open item in the address, dropping what is unset", () => {
    const params = writePlanView(new URLSearchParams("x=1&identical=1"), {
      action: "conflict",
      type: null,
      identical: false,
      item: "v-backup-3",
    });
    expect(params.toString()).toBe("x=1&action=conflict&item=v-backup-3");
    expect(readPlanView(params)).toEqual({ action: "conflict", type: null, identical: false, item: "v-backup-3" });
    expect(readPlanView(new URLSearchParams("action=execute")).action).toBeNull();
  });

  it("counts the plan's types by label", () => {
    expect(planTypes(items, typeLabel)).toEqual([
      { key: "compliance_policy", label: "Compliance policy", count: 1 },
      { key: "device_configuration", label: "Device configuration", count: 34 },
      { key: "settings_catalog", label: "Settings catalog policy", count: 34 },
    ]);
  });

  it("asks a new preview with the restore's overrides, changed by the operator's", () => {
    expect(
      withPending(
        { "g-old": { kind: "skip" }, "g-1": { kind: "to", group_id: "g-7" } },
        {
          "g-old": { override: null, name: null },
          "g-hr": { override: { kind: "to", group_id: "g-2" }, name: "Finance team" },
        },
      ),
    ).toEqual({ "g-1": { kind: "to", group_id: "g-7" }, "g-hr": { kind: "to", group_id: "g-2" } });
  });
});

describe("Executing a restore, in words", () => {
  it("says what executing writes and leaves alone", () => {
    expect(executeSentence({ create: 3, update: 9, skip: 50, conflict: 4, delete: 0 }, "Contoso")).toBe(
      "Writes 12 changes to Contoso: creates 3 policies, updates 9.",
    );
    expect(executeSentence({ create: 0, update: 1, skip: 0, conflict: 0, delete: 0 }, "Contoso")).toBe(
      "Writes 1 change to Contoso: updates 1 policy.",
    );
    expect(executeSentence({ create: 1, update: 0, skip: 0, conflict: 0, delete: 0 }, "Contoso")).toBe(
      "Writes 1 change to Contoso: creates 1 policy.",
    );
    expect(leftAloneSentence({ create: 3, update: 9, skip: 50, conflict: 4, delete: 0 })).toBe(
      "4 objects with conflicts and 50 identical ones are left alone.",
    );
    expect(leftAloneSentence({ create: 3, update: 9, skip: 1, conflict: 0, delete: 0 })).toBe(
      "1 identical object is left alone.",
    );
    expect(leftAloneSentence({ create: 3, update: 9, skip: 0, conflict: 0, delete: 0 })).toBe("");
  });

  it("says how many policies executing deletes, and counts them among the changes", () => {
    const undo = { create: 0, update: 2, skip: 0, conflict: 0, delete: 1 };
    expect(changesOf(undo)).toBe(3);
    expect(executeSentence(undo, "Contoso")).toBe(
      "Writes 3 changes to Contoso: updates 2 policies, deletes 1 policy the undone restore had created.",
    );
    expect(executeSentence({ ...undo, update: 0, delete: 2 }, "Contoso")).toBe(
      "Writes 2 changes to Contoso: deletes 2 policies the undone restore had created.",
    );
    expect(leftAloneSentence(undo)).toBe("");
  });

  it("says how executing could be undone", () => {
    const none = { create: 0, update: 0, skip: 0, conflict: 0, delete: 0 };
    expect(undoNote({ ...none, update: 3 })).toBe(
      "Before each update the policy as it is now is kept, so this restore can be undone.",
    );
    expect(undoNote({ ...none, create: 2, update: 3 })).toBe(
      "Before each update the policy as it is now is kept, so this restore can be undone: undoing puts those back and deletes the policies it creates, unless someone changed them since.",
    );
    expect(undoNote({ ...none, create: 2 })).toBe(
      "This restore can be undone: undoing deletes the policies it creates, unless someone changed them since.",
    );
    expect(undoNote({ ...none, update: 1, delete: 2 })).toBe(
      "Before each update and delete the policy as it is now is kept, so this restore can be undone.",
    );
  });

  it("names only unresolved groups that keep an object from being written", () => {
    expect(blockingGroups(contosoPlan())).toEqual(["HR laptops"]);
    expect(blockingGroups(executablePlan())).toEqual([]);
    // An unresolved group no conflict names blocks nothing.
    expect(blockingGroups({ items: [], groups: contosoGroups() })).toEqual([]);
  });

  it("lists failures first, and undoes what was overwritten and what was created", () => {
    const sorted = sortedOutcomes(contosoOutcomes(), (key) => key);
    expect(sorted.map((outcome) => outcome.outcome).slice(0, 5)).toEqual([
      "failed",
      "created",
      "created",
      "updated",
      "updated",
    ]);
    expect(canUndo(contosoOutcomes())).toBe(true);
    // Undoing deletes what it created: a restore that only created can be undone.
    expect(canUndo(contosoOutcomes().filter((outcome) => outcome.outcome !== "updated"))).toBe(true);
    expect(canUndo(contosoOutcomes().filter((outcome) => outcome.outcome === "skipped"))).toBe(false);
    expect(canUndo(null)).toBe(false);
    expect(undoSentence(contosoOutcomes(), "Contoso")).toBe(
      "Previews putting back the 2 policies this restore overwrote in Contoso as they were before it, and deleting the 2 policies it created. A policy it created that someone has changed since is not deleted.",
    );
    expect(undoSentence(contosoOutcomes().slice(0, 1), "Contoso")).toBe(
      "Previews deleting the 1 policy it created in Contoso. If someone has changed it since, it is not deleted.",
    );
    expect(undoSentence(contosoOutcomes().slice(2, 3), "Contoso")).toBe(
      "Previews putting back the 1 policy this restore overwrote in Contoso as it was before it.",
    );
  });

  it("counts and words deleted objects, and undoing an undo creates them again", () => {
    const undone = undoPlanOf(contosoOutcomes()).items.map((item) =>
      outcomeOf(item, item.action === "delete" ? "deleted" : "updated"),
    );
    const counts = outcomeCounts(undone);
    expect(counts).toEqual({ created: 0, updated: 2, deleted: 2, skipped: 0, failed: 0 });
    expect(shownOutcomes(counts)).toEqual(["failed", "created", "updated", "deleted", "skipped"]);
    expect(shownOutcomes(outcomeCounts(contosoOutcomes()))).toEqual(["failed", "created", "updated", "skipped"]);
    expect(outcomeLook("deleted")).toEqual({ label: "Deleted", color: "red" });
    expect(sortedOutcomes(undone, (key) => key).map((outcome) => outcome.outcome)).toEqual([
      "updated",
      "updated",
      "deleted",
      "deleted",
    ]);
    expect(undoSentence(undone, "Contoso")).toBe(
      "Previews putting back the 2 policies this restore overwrote in Contoso as they were before it, and creating again the 2 policies it deleted.",
    );
    expect(undoSentence(undone.slice(0, 1), "Contoso")).toBe(
      "Previews creating again the 1 policy it deleted in Contoso.",
    );
    expect(undoPlanOf(undone).counts).toEqual({ create: 2, update: 2, skip: 0, conflict: 0, delete: 0 });
  });

  it("says what a restore restores in a few words, a baseline's subjects counted", () => {
    expect(sourceShort({ source: { kind: "backup_set", backup_set_id: "bs-1" } })).toBe("A backup set");
    expect(sourceShort({ source: { kind: "versions", version_ids: ["v-1"] } })).toBe("1 chosen version");
    expect(sourceShort({ source: { kind: "baseline", snapshot_id: "s-1", subject_keys: ["a", "b"] } })).toBe(
      "Baseline content (2 subjects)",
    );
    expect(sourceShort({ source: { kind: "baseline", snapshot_id: "s-1", subject_keys: [] } })).toBe(
      "Baseline content (every subject)",
    );
    expect(sourceShort({ source: { kind: "undo", restore_id: "3f2a9c1e-7b6d-4c1a-9e2f-0a1b2c3d4e5f" } })).toBe(
      "Undo of restore 3f2a9c1e",
    );
    // An id that is no UUID is named whole.
    expect(sourceShort({ source: { kind: "undo", restore_id: "restore-1" } })).toBe("Undo of restore restore-1");
  });

  it("counts the objects typed secret values make writable among the changes", () => {
    const counts = { create: 2, update: 3, skip: 60, conflict: 4, delete: 0 };
    expect(executeSentence(counts, "Contoso", 2)).toBe(
      "Writes 7 changes to Contoso: creates 2 policies, updates 3, writes 2 policies with the secret values you typed.",
    );
    expect(executeSentence({ create: 0, update: 0, skip: 1, conflict: 1, delete: 0 }, "Contoso", 1)).toBe(
      "Writes 1 change to Contoso: writes 1 policy with the secret values you typed.",
    );
    expect(executeSentence({ create: 0, update: 0, skip: 1, conflict: 1, delete: 0 }, "Contoso")).toBe(
      "Writes nothing to Contoso until secret values are typed below.",
    );
  });
});
