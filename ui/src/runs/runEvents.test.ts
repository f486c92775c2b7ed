import { QueryClient } from "@tanstack/react-query";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { queryKeys } from "../api";
import type { OperationRun, RunDetail, RunEventBatch, RunEventKind, RunListPage } from "../bindings/types";
import { appInfo, demoTenants, run, runDetail, runListPage, runRow, workspaceOverview } from "../test/fixtures";
import { progressEstimate } from "./progress";
import { applyRunEvents } from "./runEvents";

const batch = (...events: [RunEventKind, OperationRun][]): RunEventBatch => ({
  events: events.map(([kind, r]) => ({ kind, run: r })),
  lagged: false,
  changes: [],
});
const now = Date.parse("2026-11-22T10:01:00.000Z");

describe("applyRunEvents", () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
    client.setQueryData(queryKeys.appInfo, appInfo());
    client.setQueryData(queryKeys.tenants("w1"), demoTenants);
  });
  const active = () => client.getQueryData<RunListPage>(queryKeys.activeRuns("w1"));
  const isInvalid = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;

  it("updates the run's record and detail in place, and only those already read", () => {
    client.setQueryData(queryKeys.run("r-1"), run());
    client.setQueryData(queryKeys.runDetail("r-1"), runDetail(run()));
    const progressed = run({
      status: "running",
      summary_counts: { processed: 4, total: 10 },
      stale_at: "2026-11-22T10:20:00.000Z",
    });
    applyRunEvents(client, batch(["progress", progressed], ["progress", run({ id: "r-other" })]), now);

    expect(client.getQueryData<OperationRun>(queryKeys.run("r-1"))?.summary_counts).toEqual({
      processed: 4,
      total: 10,
    });
    expect(client.getQueryData<RunDetail>(queryKeys.runDetail("r-1"))).toMatchObject({
      run: progressed,
      freshness: "fresh_active",
    });
    expect(client.getQueryData(queryKeys.run("r-other"))).toBeUndefined();
  });

  it("refreshes the pack of a review pack run when the run starts or ends, not on progress or for other runs", () => {
    const keys = [
      queryKeys.latestReviewPack("t-contoso"),
      queryKeys.reviewPackPage("w1", null, 0, 200),
      queryKeys.reviewPackPage("w1", "t-contoso", 0, 200),
      queryKeys.latestReviewPack("t-fabrikam"),
    ];
    const reset = () => {
      for (const key of keys) client.setQueryData(key, {});
    };
    reset();
    applyRunEvents(client, batch(["updated", run({ status: "running" })]), now);
    expect(keys.map(isInvalid)).toEqual([false, false, false, false]);
    const packRun = run({ id: "r-pack", type: "tenant.review_pack.generate" });
    applyRunEvents(client, batch(["progress", { ...packRun, status: "running" }]), now);
    expect(keys.map(isInvalid)).toEqual([false, false, false, false]);
    applyRunEvents(client, batch(["updated", { ...packRun, status: "running" }]), now);
    expect(keys.map(isInvalid)).toEqual([true, true, true, false]);
    reset();
    applyRunEvents(client, batch(["completed", { ...packRun, status: "completed", outcome: "succeeded" }]), now);
    expect(keys.map(isInvalid)).toEqual([true, true, true, false]);
  });

  it("refreshes baselines and findings when a capture or compare completes, and only then", () => {
    const keys = [
      queryKeys.baselineProfiles("w1"),
      queryKeys.baselineProfile("p-1"),
      queryKeys.findings("w1"),
      queryKeys.finding("f-1"),
      queryKeys.tenantBaseline("t-fabrikam"),
    ];
    for (const key of keys) client.setQueryData(key, {});
    applyRunEvents(client, batch(["completed", run({ status: "completed", outcome: "succeeded" })]), now);
    expect(keys.map(isInvalid)).toEqual([false, false, false, false, false]);
    const compare = run({ id: "r-c", type: "baseline_compare", status: "completed", outcome: "succeeded" });
    applyRunEvents(client, batch(["progress", { ...compare, status: "running" }]), now);
    expect(keys.map(isInvalid)).toEqual([false, false, false, false, false]);
    applyRunEvents(client, batch(["completed", compare]), now);
    expect(keys.map(isInvalid)).toEqual([true, true, true, true, true]);
  });

  it("never takes a completed run back to active", () => {
    const done = run({ status: "completed", outcome: "succeeded" });
    client.setQueryData(queryKeys.run("r-1"), done);
    applyRunEvents(client, batch(["progress", run({ status: "running" })]), now);
    expect(client.getQueryData<OperationRun>(queryKeys.run("r-1"))?.status).toBe("completed");
  });

  it("adds a created run to the widget's list with names from the cache, and removes it on completion", () => {
    client.setQueryData(
      queryKeys.activeRuns("w1"),
      runListPage([runRow({ id: "r-old", created_at: "2026-11-22T09:00:00.000Z" })]),
    );
    const created = run({ id: "r-new", tenant_id: "t-fabrikam", created_at: "2026-11-22T10:00:30.000Z" });
    applyRunEvents(client, batch(["created", created]), now);
    expect(active()?.items.map((row) => [row.run.id, row.tenant_name, row.initiator_name])).toEqual([
      ["r-new", "Fabrikam Logistics", "Ada Lovelace"],
      ["r-old", "Contoso Pharma", "Ada Lovelace"],
    ]);
    expect(active()?.total).toBe(2);
    expect(isInvalid(queryKeys.activeRuns("w1"))).toBe(false);

    applyRunEvents(client, batch(["completed", { ...created, status: "completed", outcome: "succeeded" }]), now);
    expect(active()?.items.map((row) => row.run.id)).toEqual(["r-old"]);
    expect(active()?.total).toBe(1);
  });

  it("names a new run's tenant from the overview when the tenant list was never read", () => {
    client.removeQueries({ queryKey: queryKeys.tenants("w1") });
    client.setQueryData(queryKeys.workspaceOverview("w1"), workspaceOverview());
    client.setQueryData(queryKeys.activeRuns("w1"), runListPage([]));
    applyRunEvents(client, batch(["created", run({ id: "r-new", tenant_id: "t-fabrikam" })]), now);
    expect(active()?.items.map((row) => row.tenant_name)).toEqual(["Fabrikam Logistics"]);
    expect(isInvalid(queryKeys.activeRuns("w1"))).toBe(false);
  });

  it("reads the list again when it cannot name a new run's initiator", () => {
    client.setQueryData(queryKeys.activeRuns("w1"), runListPage([]));
    applyRunEvents(client, batch(["created", run({ initiator_user_id: "u-other" })]), now);
    expect(active()?.items).toHaveLength(1);
    expect(isInvalid(queryKeys.activeRuns("w1"))).toBe(true);
  });

  it("patches index rows for progress without re-reading, and re-reads lists when membership may change", () => {
    const key = queryKeys.runIndexPage(
      "w1",
      {
        tab: "all",
        types: [],
        statuses: [],
        outcomes: [],
        freshness: [],
        tenants: [],
        initiators: [],
        direction: "desc",
      },
      0,
      100,
    );
    client.setQueryData(key, runListPage([runRow({ status: "running" })]));
    client.setQueryData(queryKeys.runsOverview("w1"), {
      active: 1,
      likely_stale: 0,
      likely_stale_by_type: [],
      reconciled: 0,
      reconciled_by_type: [],
    });
    applyRunEvents(
      client,
      batch(["progress", run({ status: "running", summary_counts: { processed: 7, total: 9 } })]),
      now,
    );
    expect(client.getQueryData<RunListPage>(key)?.items[0]?.run.summary_counts).toEqual({ processed: 7, total: 9 });
    expect(isInvalid(key)).toBe(false);

    applyRunEvents(client, batch(["updated", run({ status: "running" })]), now);
    expect(isInvalid(key)).toBe(true);
    expect(isInvalid(queryKeys.runsOverview("w1"))).toBe(true);
  });

  it("on completion refreshes what the run changed: the tenant's data, last syncs, the overview, the inbox and the audit log", () => {
    const keys: (readonly unknown[])[] = [
      queryKeys.inventoryCounts("t-contoso"),
      queryKeys.inventoryPage(
        "t-contoso",
        {
          object_types: [],
          platform: null,
          search: null,
          include_removed: false,
          sort: { key: "display_name", direction: "asc" },
        },
        0,
        200,
      ),
      queryKeys.lastSyncs("w1"),
      queryKeys.workspaceOverview("w1"),
      queryKeys.notifications,
      queryKeys.auditQuery("w1", {}),
    ];
    for (const key of keys) client.setQueryData(key, {});
    client.setQueryData(queryKeys.runDetail("r-1"), runDetail(run({ status: "running" })));
    keys.push(queryKeys.runDetail("r-1"));
    client.setQueryData(queryKeys.inventoryCounts("t-fabrikam"), {});
    applyRunEvents(client, batch(["completed", run({ status: "completed", outcome: "succeeded" })]), now);
    for (const key of keys) expect(isInvalid(key)).toBe(true);
    expect(isInvalid(queryKeys.inventoryCounts("t-fabrikam"))).toBe(false);
  });

  it("re-reads every run query, the overview and the inbox after a lagged batch", () => {
    client.setQueryData(queryKeys.runDetail("r-9"), runDetail(run({ id: "r-9" })));
    client.setQueryData(queryKeys.activeRuns("w1"), runListPage([]));
    client.setQueryData(queryKeys.notifications, { items: [], unread: 0 });
    client.setQueryData(queryKeys.tenants("w1"), demoTenants);
    client.setQueryData(queryKeys.workspaceOverview("w1"), {});
    applyRunEvents(client, { events: [], lagged: true, changes: [] }, now);
    expect(isInvalid(queryKeys.runDetail("r-9"))).toBe(true);
    expect(isInvalid(queryKeys.workspaceOverview("w1"))).toBe(true);
    expect(isInvalid(queryKeys.activeRuns("w1"))).toBe(true);
    expect(isInvalid(queryKeys.notifications)).toBe(true);
    expect(isInvalid(queryKeys.tenants("w1"))).toBe(false);
  });

  it("re-reads the members, the filters' member list and the workspace list when another process changed memberships", () => {
    const keys = [
      queryKeys.memberDirectory("w1"),
      queryKeys.memberDirectory("w2"),
      queryKeys.members("w1"),
      queryKeys.workspaces,
    ];
    for (const key of keys) client.setQueryData(key, {});
    client.setQueryData(queryKeys.auditQuery("w1", {}), {});
    applyRunEvents(client, { events: [], lagged: false, changes: ["member"] }, now);
    expect(keys.map(isInvalid)).toEqual([true, true, true, true]);
    // The workspace list only: not everything kept under it.
    expect(isInvalid(queryKeys.tenants("w1"))).toBe(false);
    expect(isInvalid(queryKeys.auditQuery("w1", {}))).toBe(false);
  });

  it("re-reads the tenant lists, tenants and the overview when another process changed tenants, not what is read about them", () => {
    const keys = [queryKeys.tenants("w1"), queryKeys.tenant("t-contoso"), queryKeys.workspaceOverview("w1")];
    for (const key of keys) client.setQueryData(key, {});
    client.setQueryData(queryKeys.inventoryCounts("t-contoso"), {});
    client.setQueryData(queryKeys.memberDirectory("w1"), {});
    client.setQueryData(queryKeys.workspaces, []);
    applyRunEvents(client, { events: [], lagged: false, changes: ["tenant"] }, now);
    expect(keys.map(isInvalid)).toEqual([true, true, true]);
    expect(isInvalid(queryKeys.inventoryCounts("t-contoso"))).toBe(false);
    expect(isInvalid(queryKeys.memberDirectory("w1"))).toBe(false);
    expect(isInvalid(queryKeys.workspaces)).toBe(false);
  });

  it("re-reads findings, review packs or the workspace list by the kinds another process changed, and nothing for none", () => {
    const findings = [queryKeys.findings("w1"), queryKeys.finding("f-1"), queryKeys.workspaceOverview("w1")];
    const packs = [
      queryKeys.reviewPackPage("w1", null, 0, 200),
      queryKeys.reviewPackSettings("w1"),
      queryKeys.latestReviewPack("t-contoso"),
    ];
    const reset = () => {
      for (const key of [...findings, ...packs, queryKeys.workspaces, queryKeys.memberDirectory("w1")])
        client.setQueryData(key, {});
    };
    reset();
    applyRunEvents(client, { events: [], lagged: false, changes: [] }, now);
    expect([...findings, ...packs, queryKeys.workspaces].map(isInvalid)).toEqual(Array(7).fill(false));

    applyRunEvents(client, { events: [], lagged: false, changes: ["finding"] }, now);
    expect(findings.map(isInvalid)).toEqual([true, true, true]);
    expect(packs.map(isInvalid)).toEqual([false, false, false]);

    reset();
    applyRunEvents(client, { events: [], lagged: false, changes: ["pack"] }, now);
    expect(packs.map(isInvalid)).toEqual([true, true, true]);
    expect(findings.map(isInvalid)).toEqual([false, false, false]);

    reset();
    applyRunEvents(client, { events: [], lagged: false, changes: ["workspace"] }, now);
    expect(isInvalid(queryKeys.workspaces)).toBe(true);
    expect(isInvalid(queryKeys.memberDirectory("w1"))).toBe(false);
    expect([...findings, ...packs].map(isInvalid)).toEqual(Array(6).fill(false));
  });

  it("feeds the rate estimate from successive progress events", () => {
    vi.useFakeTimers({ now });
    const at = (processed: number) => run({ status: "running", summary_counts: { processed, total: 100 } });
    applyRunEvents(client, batch(["progress", at(10)]), now);
    applyRunEvents(client, batch(["progress", at(30)]), now + 10_000);
    expect(progressEstimate(at(30), now + 10_000)).toEqual({ perSecond: 2, remainingMs: 35_000 });
    vi.useRealTimers();
  });
});
