import { describe, expect, it } from "vitest";
import type { FailureEntry, OperationRun, ReasonCode } from "../bindings/types";
import { run } from "../test/fixtures";
import { runHeadline } from "./runHeadline";
import { inSentence, runSummary } from "./runSummary";

function failure(reason_code: string, message = "Details."): FailureEntry {
  return { code: reason_code, reason_code: reason_code as ReasonCode, message };
}

function ended(overrides: Partial<OperationRun>): OperationRun {
  return run({
    status: "completed",
    outcome: "succeeded",
    started_at: "2026-11-22T10:00:01.000Z",
    completed_at: "2026-11-22T10:00:30.000Z",
    stale_at: null,
    ...overrides,
  });
}

/** The sentence as the run page says it: with the run's headline reason. */
const summary = (value: OperationRun) => runSummary(value, runHeadline(value));

describe("runSummary", () => {
  it("says what a policy sync read and how much changed since the last sync", () => {
    const policy = (created: number) =>
      ended({
        type: "policy.sync",
        summary_counts: { total: 21, processed: 21, items: 1501, created, skipped: 1501 - created, failed: 0 },
      });
    expect(summary(policy(12))).toBe("Read 1,501 policies; 12 new or changed since the last sync.");
    expect(summary(policy(0))).toBe("Read 1,501 policies; none new or changed since the last sync.");
  });

  it("says what a backup holds, how many versions it captured, and what it could not read", () => {
    const backup = (overrides: Partial<OperationRun>) => ended({ type: "backup_schedule_run", ...overrides });
    expect(
      summary(
        backup({ summary_counts: { total: 21, processed: 21, items: 200, created: 12, skipped: 188, failed: 0 } }),
      ),
    ).toBe("Backed up 200 policies: 12 new versions, 188 unchanged.");
    expect(
      summary(
        backup({
          outcome: "partially_succeeded",
          summary_counts: { total: 21, processed: 21, items: 198, created: 1, skipped: 197, failed: 2 },
          failure_summary: [failure("graph.server_error"), failure("graph.server_error")],
        }),
      ),
    ).toBe("Backed up 198 policies: 1 new version, 197 unchanged; 2 could not be read: Microsoft Graph error.");
    expect(
      summary(
        backup({
          outcome: "failed",
          summary_counts: { total: 21, processed: 0, items: 0 },
          context: { reason_code: "graph.unauthorized" },
        }),
      ),
    ).toMatch(/^Stopped after reading 0 of 21 types: /);
    expect(
      runSummary(
        run({
          type: "backup_schedule_run",
          status: "running",
          summary_counts: { total: 21, processed: 3, created: 4 },
        }),
        null,
      ),
    ).toBe("Read 3 of 21 types so far (4 new or changed policies).");
  });

  it("says what an inventory sync read and what is no longer in the tenant, never a zero counter", () => {
    expect(summary(ended({ summary_counts: { total: 21, processed: 21, items: 1501, deleted: 3, failed: 0 } }))).toBe(
      "Read 1,501 objects; 3 no longer in the tenant.",
    );
    const quiet = summary(ended({ summary_counts: { total: 21, processed: 21, items: 1, deleted: 0, failed: 0 } }));
    expect(quiet).toBe("Read 1 object.");
    expect(quiet).not.toMatch(/0/);
  });

  it("names how much could not be read, and why, on a partial result", () => {
    expect(
      summary(
        ended({
          outcome: "partially_succeeded",
          summary_counts: { total: 21, processed: 21, items: 1480, failed: 4 },
          failure_summary: [failure("graph.server_error"), failure("graph.server_error")],
        }),
      ),
    ).toBe("Read 1,480 objects; 4 could not be read: Microsoft Graph error.");
  });

  it("says where a sync stopped and why: never 'Failed 0' on a failed run", () => {
    const stopped = ended({
      outcome: "failed",
      summary_counts: { total: 21, processed: 3, items: 0, failed: 18 },
      failure_summary: [failure("graph.unauthorized")],
      context: { reason_code: "graph.unauthorized" },
    });
    expect(summary(stopped)).toBe("Stopped after reading 3 of 21 types: sign-in refused.");
    const partly = {
      ...stopped,
      outcome: "partially_succeeded" as const,
      summary_counts: { ...stopped.summary_counts, items: 212 },
    };
    expect(summary(partly)).toBe("Stopped after reading 3 of 21 types (212 objects): sign-in refused.");
    const nothing = ended({
      type: "policy.sync",
      outcome: "failed",
      summary_counts: { total: 2, processed: 2, items: 0, failed: 2 },
      failure_summary: [failure("graph.server_error")],
    });
    expect(summary(nothing)).toBe("Could not read any policies: Microsoft Graph error.");
    expect(summary(nothing)).not.toContain("Failed 0");
  });

  it("says a blocked run never started, and a reconciled one was ended by the engine", () => {
    expect(
      summary(ended({ outcome: "blocked", context: { reason_code: "provider.bad_secret" }, started_at: null })),
    ).toBe("Not started: credential refused.");
    expect(
      summary(
        ended({
          outcome: "failed",
          reconciliation_reason: "run.stale_running",
          summary_counts: { total: 21, processed: 5 },
        }),
      ),
    ).toBe("Ended by the engine after reading 5 of 21 types: stopped responding.");
  });

  it("words groups, roles, a single policy, a capture and a compare by what they do", () => {
    expect(
      summary(ended({ type: "entra_group_sync", summary_counts: { total: 1, processed: 1, items: 312, deleted: 4 } })),
    ).toBe("Read 312 groups; 4 no longer in the tenant.");
    expect(
      summary(
        ended({
          type: "directory_role_definitions.sync",
          summary_counts: { total: 2, processed: 2, items: 96, findings: 5 },
        }),
      ),
    ).toBe("Read 96 role definitions and assignments; the hardening report lists 5 findings.");
    expect(
      summary(
        ended({
          type: "directory_role_definitions.sync",
          outcome: "failed",
          summary_counts: { total: 2, processed: 2 },
          failure_summary: [failure("graph.server_error")],
        }),
      ),
    ).toBe("Could not read the roles whole: Microsoft Graph error; the last hardening report is kept.");
    expect(
      summary(ended({ type: "policy.sync_one", summary_counts: { total: 1, processed: 1, created: 1, skipped: 0 } })),
    ).toBe("Captured a new version of the policy.");
    expect(summary(ended({ type: "baseline_capture", summary_counts: { items: 1204 } }))).toBe(
      "Captured 1,204 items into a new snapshot.",
    );
    expect(summary(ended({ type: "baseline_capture", summary_counts: { items: 1204, skipped: 1204 } }))).toBe(
      "Nothing changed: an identical snapshot of 1,204 items was reused.",
    );
    expect(
      summary(
        ended({
          type: "baseline_compare",
          summary_counts: { items: 1210, findings: 10, created: 2, updated: 1, deleted: 3 },
        }),
      ),
    ).toBe("Compared 1,210 policies with the baseline: 10 differ (2 new findings, 1 reopened, 3 resolved).");
    expect(
      summary(ended({ type: "baseline_compare", summary_counts: { items: 80, findings: 0, created: 0, deleted: 0 } })),
    ).toBe("Compared 80 policies with the baseline: all match.");
  });

  it("follows a run while it works, in words", () => {
    expect(summary(run())).toBe("Waiting for a worker to pick it up.");
    expect(summary(run({ status: "running" }))).toBe("Started; no progress reported yet.");
    expect(summary(run({ status: "running", summary_counts: { total: 21, processed: 3, items: 1200 } }))).toBe(
      "Read 3 of 21 types so far (1,200 objects).",
    );
    expect(
      summary(run({ status: "running", type: "policy.sync", summary_counts: { total: 21, processed: 0, created: 0 } })),
    ).toBe("Read 0 of 21 types so far.");
  });

  it("says what a restore preview read and planned, or why it stored no plan", () => {
    const preview = { type: "restore.execute" as const, context: { inputs: { restore_id: "r", dry_run: true } } };
    expect(summary(ended({ ...preview, summary_counts: { total: 3, processed: 3, items: 69 } }))).toBe(
      "Read 3 types of the tenant and planned 69 versions.",
    );
    expect(
      summary(
        ended({
          ...preview,
          outcome: "failed",
          summary_counts: { total: 3, processed: 1, failed: 1 },
          context: { ...preview.context, reason_code: "graph.throttled" },
        }),
      ),
    ).toBe("Stopped after reading 1 of 3 types of the tenant: throttled by Microsoft; no plan was stored.");
    expect(summary(run({ ...preview, status: "running", summary_counts: { total: 3, processed: 2 } }))).toBe(
      "Read 2 of 3 types so far.",
    );
  });

  it("counts the objects an undo deleted among the changes a restore wrote", () => {
    const execute = { type: "restore.execute" as const, context: { inputs: { restore_id: "r", dry_run: false } } };
    expect(summary(ended({ ...execute, summary_counts: { total: 2, processed: 2, deleted: 2, failed: 0 } }))).toBe(
      "Wrote 2 of 2 changes (0 created, 0 updated, 2 deleted).",
    );
    expect(summary(ended({ ...execute, summary_counts: { total: 3, processed: 3, updated: 3 } }))).toBe(
      "Wrote 3 of 3 changes (0 created, 3 updated).",
    );
  });

  it("says how far work this version has no words for got, and how it ended", () => {
    expect(
      summary(ended({ type: "backup_schedule" as OperationRun["type"], summary_counts: { total: 4, processed: 4 } })),
    ).toBe("Succeeded with 4 of 4 steps done.");
  });
});

describe("inSentence", () => {
  it("lowers a label's first letter, but not a name's or an acronym's", () => {
    expect(inSentence("Sign-in refused")).toBe("sign-in refused");
    expect(inSentence("Microsoft Graph error")).toBe("Microsoft Graph error");
    expect(inSentence("RBAC report missing")).toBe("RBAC report missing");
  });
});
