import { describe, expect, it } from "vitest";
import { run, startResponse } from "../test/fixtures";
import { completionSentence, runTypeLabel } from "./labels";
import { intentTitle, runWork, syncAllSummary } from "./toastWording";

describe("run wording", () => {
  it.each([
    ["succeeded", "Inventory sync of Contoso succeeded"],
    ["partially_succeeded", "Inventory sync of Contoso partially succeeded"],
    ["failed", "Inventory sync of Contoso failed"],
    ["blocked", "Inventory sync of Contoso was blocked"],
  ] as const)("a %s run ends as “%s”", (outcome, sentence) => {
    expect(completionSentence(run({ status: "completed", outcome }), "Contoso")).toBe(sentence);
  });

  it("names the operation of other runs too", () => {
    expect(completionSentence(run({ type: "directory_role_definitions.sync", outcome: "succeeded" }), null)).toBe(
      "Directory role sync succeeded",
    );
  });

  it("calls a restore's read-only preview a restore preview, never a restore", () => {
    const preview = run({
      type: "restore.execute",
      status: "completed",
      outcome: "succeeded",
      context: { inputs: { restore_id: "restore-1", dry_run: true } },
    });
    expect(runTypeLabel(preview)).toBe("Restore preview");
    expect(completionSentence(preview, "Contoso")).toBe("Restore preview of Contoso succeeded");
    expect(runWork(preview, "Contoso")).toBe("Restore preview of Contoso");
    const execution = run({
      type: "restore.execute",
      context: { inputs: { restore_id: "restore-1", dry_run: false } },
    });
    expect(runTypeLabel(execution)).toBe("Restore");
    expect(runTypeLabel(run({ type: "restore.execute" }))).toBe("Restore");
  });

  it("titles an intent by what starting did, never calling an existing run queued", () => {
    expect(intentTitle(startResponse("queued", "x"))).toBe("Queued");
    expect(intentTitle(startResponse("already_active", "x"))).toBe("Already in progress");
    expect(intentTitle(startResponse("already_active", "x", { status: "running" }))).toBe("Already in progress");
    expect(intentTitle(startResponse("blocked", "x"))).toBe("Not started");
  });

  it("sums up sync-all: blocked starts count as skipped, with their reason", () => {
    const summary = syncAllSummary({
      started: [
        { tenant_id: "a", display_name: "A", start: startResponse("queued", "A queued") },
        { tenant_id: "b", display_name: "B", start: startResponse("blocked", "B has no credential yet.") },
      ],
      skipped: [],
    });
    expect(summary).toEqual({
      sentence: "1 sync queued, 0 already in progress, 1 skipped",
      reasons: ["B has no credential yet."],
    });
  });
});
