import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { RunDetail } from "../bindings/types";
import { run, runDetail } from "../test/fixtures";
import { reconcileRun } from "./liveRuns";
import { queryKeys } from "./queryKeys";
import { refreshAfterRunAction } from "./runActions";

/** The keys a refresh invalidated. */
function invalidated(client: QueryClient) {
  const spy = vi.spyOn(client, "invalidateQueries");
  return () => spy.mock.calls.map(([filters]) => filters?.queryKey);
}

describe("refreshAfterRunAction", () => {
  it("puts a run being stopped on its page at once and re-reads the lists and the audit log", () => {
    const client = new QueryClient();
    const before = run({ id: "r-9", status: "running" });
    client.setQueryData<RunDetail>(queryKeys.runDetail("r-9"), runDetail(before));
    const keys = invalidated(client);
    const stopping = { ...before, cancel_requested_at: "2026-11-22T10:00:03.000Z" };

    refreshAfterRunAction(client, stopping);

    expect(client.getQueryData<RunDetail>(queryKeys.runDetail("r-9"))?.run.cancel_requested_at).toBe(
      "2026-11-22T10:00:03.000Z",
    );
    expect(keys()).toEqual([queryKeys.runDetail("r-9"), queryKeys.workspaceRuns("w1"), queryKeys.audit("w1")]);
    // A poll answered before the cancel cannot take "Cancelling…" away.
    expect(reconcileRun(before).cancel_requested_at).toBe("2026-11-22T10:00:03.000Z");
  });

  it("refreshes what a completed run changes when the run ended (cancelled while queued)", () => {
    const client = new QueryClient();
    const keys = invalidated(client);
    const ended = run({ id: "r-8", status: "completed", outcome: "failed", context: { reason_code: "run.cancelled" } });

    refreshAfterRunAction(client, ended);

    expect(keys()).toEqual(
      expect.arrayContaining([
        queryKeys.workspaceRuns("w1"),
        queryKeys.lastSyncs("w1"),
        queryKeys.workspaceOverview("w1"),
        queryKeys.notifications,
        queryKeys.tenant("t-contoso"),
        queryKeys.audit("w1"),
      ]),
    );
    // A late poll answer cannot put the queued state back.
    expect(reconcileRun(run({ id: "r-8", status: "queued" })).status).toBe("completed");
  });
});
