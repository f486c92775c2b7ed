import { describe, expect, it } from "vitest";
import type { OperationRun, OperationType, RunOutcome } from "../bindings/types";
import { vocabulary } from "../bindings/vocabulary";
import { run } from "../test/fixtures";
import { isCancelled, isCancelling } from "./cancellation";
import { completionSentence } from "./labels";
import { cancelConsequence, isCancellable, isRetryable, startCapability } from "./runActions";
import { runHeadline } from "./runHeadline";
import { runState, runStateOf } from "./runState";
import { runSummary } from "./runSummary";

const ALL_TYPES = Object.keys(vocabulary.operation_type) as OperationType[];

/** A run an operator cancelled, as the engine records it. */
function cancelled(overrides: Partial<OperationRun> = {}): OperationRun {
  return run({
    status: "completed",
    outcome: "failed",
    completed_at: "2026-11-22T10:00:05.000Z",
    stale_at: null,
    cancel_requested_at: "2026-11-22T10:00:05.000Z",
    cancel_requested_by: "u1",
    failure_summary: [
      { code: "run.cancelled", reason_code: "run.cancelled", message: "Cancelled by an operator before it started." },
    ],
    context: { reason_code: "run.cancelled" },
    ...overrides,
  });
}

describe("who may cancel or retry", () => {
  it("asks the capability that starts the work, never one of viewing", () => {
    expect(startCapability("inventory_sync")).toBe("tenant.sync");
    expect(startCapability("policy.sync")).toBe("tenant.sync");
    expect(startCapability("baseline_compare")).toBe("tenant.sync");
    expect(startCapability("baseline_capture")).toBe("workspace.baselines.manage");
    expect(startCapability("restore.execute")).toBe("tenant.restore.execute");
    expect(startCapability("tenant.review_pack.generate")).toBe("review_pack.manage");
    for (const type of ALL_TYPES) expect(["tenant.view", "operations.view"]).not.toContain(startCapability(type));
  });
});

describe("which runs may be cancelled or retried", () => {
  it("cancels queued and running runs, once", () => {
    expect(isCancellable(run({ status: "queued" }))).toBe(true);
    expect(isCancellable(run({ status: "running" }))).toBe(true);
    expect(isCancellable(run({ status: "running", cancel_requested_at: "2026-11-22T10:00:03.000Z" }))).toBe(false);
    expect(isCancellable(run({ status: "completed", outcome: "succeeded" }))).toBe(false);
  });

  it("retries a tenant's sync or baseline run that completed without succeeding", () => {
    const outcomes: [RunOutcome, boolean][] = [
      ["failed", true],
      ["blocked", true],
      ["partially_succeeded", true],
      ["succeeded", false],
      ["pending", false],
    ];
    for (const [outcome, retryable] of outcomes) {
      expect(isRetryable(run({ status: "completed", outcome })), outcome).toBe(retryable);
    }
    expect(isRetryable(cancelled())).toBe(true);
    expect(isRetryable(run({ status: "running", outcome: "pending" }))).toBe(false);
    const ended = (type: OperationType, tenant_id: string | null = "t-contoso") =>
      isRetryable(run({ status: "completed", outcome: "failed", type, tenant_id }));
    for (const type of [
      "inventory_sync",
      "policy.sync",
      "entra_group_sync",
      "directory_role_definitions.sync",
      "baseline_capture",
      "baseline_compare",
    ] as const) {
      expect(ended(type), type).toBe(true);
    }
    // Nothing starts these again from a run: no command, or no tenant.
    expect(ended("policy.sync_one")).toBe(false);
    expect(ended("restore.execute")).toBe(false);
    expect(ended("inventory_sync", null)).toBe(false);
  });

  it("says what cancelling will do", () => {
    expect(cancelConsequence(run({ status: "queued" }))).toBe(
      "It has not started yet: it is cancelled at once and never starts.",
    );
    expect(cancelConsequence(run({ status: "running" }))).toMatch(
      /^It stops at its next checkpoint\. What it has already stored is kept/,
    );
  });
});

describe("a cancelled run", () => {
  it("is told by its own reason, not by a reconciliation", () => {
    expect(isCancelled(cancelled())).toBe(true);
    expect(isCancelled(cancelled({ context: { reason_code: "graph.unreachable" } }))).toBe(false);
    expect(isCancelled(cancelled({ reconciliation_reason: "run.stale_running" }))).toBe(false);
    expect(isCancelling(run({ status: "running", cancel_requested_at: "2026-11-22T10:00:03.000Z" }))).toBe(true);
    expect(isCancelling(cancelled())).toBe(false);
  });

  it("reads Cancelled in its badge, headline, summary and toast, never Failed", () => {
    expect(runStateOf(cancelled(), "terminal_normal")).toMatchObject({
      code: "cancelled",
      label: "Cancelled",
      tone: vocabulary.reason_code["run.cancelled"].tone,
      marker: null,
    });
    expect(runHeadline(cancelled())?.label).toBe("Cancelled");
    expect(runSummary(cancelled(), null)).toBe("Cancelled before it started; nothing was read.");
    expect(
      runSummary(
        cancelled({ started_at: "2026-11-22T10:00:01.000Z", summary_counts: { total: 21, processed: 4, items: 90 } }),
        null,
      ),
    ).toBe("Cancelled after reading 4 of 21 types; what it had stored is kept.");
    expect(completionSentence(cancelled(), "Contoso")).toBe("Inventory sync of Contoso was cancelled");
  });

  it("reads Cancelling… while it still runs, and likely stale when it stopped reporting", () => {
    const stopping = run({ status: "running", cancel_requested_at: "2026-11-22T10:00:03.000Z" });
    expect(runStateOf(stopping, "fresh_active")).toMatchObject({ code: "running_cancelling", label: "Cancelling…" });
    expect(runStateOf(stopping, "likely_stale")).toMatchObject({
      code: "running_cancelling_stale",
      label: "Cancelling…",
      marker: "likely stale",
    });
    // Without the facts, the same status reads as before.
    expect(runState("running", "pending", "fresh_active").label).toBe("Running");
    expect(runState("completed", "failed", "terminal_normal").label).toBe("Failed");
  });
});
