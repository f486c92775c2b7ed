import { describe, expect, it } from "vitest";
import type { Tenant, TenantOverview } from "../../bindings/types";
import { tenant, tenantOverview } from "../../test/fixtures";
import { filterRows, readView, sortRows, toggleSort, WORST_FIRST, writeView } from "./overviewView";

function row(
  name: string,
  overrides: Partial<Omit<TenantOverview, "tenant">> = {},
  tenantFields: Partial<Tenant> = {},
) {
  return tenantOverview(tenant({ id: `t-${name.toLowerCase()}`, display_name: name, ...tenantFields }), overrides);
}

const sync = (kind: "inventory" | "policies", completed_at: string) => ({
  tenant_id: "t",
  kind,
  outcome: "succeeded" as const,
  completed_at,
});

// In the backend's worst-first order.
const rows: TenantOverview[] = [
  row(
    "Contoso",
    { attention: 1000, failed_runs_7d: 1, open_findings: { high: 5 } },
    {
      connection_check: { state: "failed", checked_at: null, reason_code: null },
    },
  ),
  row("adatum", { attention: 220, likely_stale_runs: 2, last_syncs: [sync("inventory", "2026-11-01T00:00:00Z")] }),
  row(
    "Fabrikam",
    { attention: 40, failed_runs_7d: 2, open_findings: { critical: 1 } },
    {
      connection_check: { state: "connected", checked_at: null, reason_code: null },
    },
  ),
  row(
    "Bellows 10",
    { attention: 20, failed_runs_7d: 1, last_syncs: [sync("inventory", "2026-11-20T00:00:00Z")] },
    {
      simulated: false,
      connection: null,
    },
  ),
  row("Bellows 9", { attention: 0, open_findings: { high: 5, low: 1 } }),
];
const names = (list: TenantOverview[]) => list.map((r) => r.tenant.display_name);

describe("overview order", () => {
  it("keeps the backend's worst-first order by default", () => {
    expect(names(sortRows(rows, WORST_FIRST))).toEqual(["Contoso", "adatum", "Fabrikam", "Bellows 10", "Bellows 9"]);
  });

  it("orders names alphabetically, ignoring case and reading numbers as numbers", () => {
    expect(names(sortRows(rows, { key: "name", direction: "asc" }))).toEqual([
      "adatum",
      "Bellows 9",
      "Bellows 10",
      "Contoso",
      "Fabrikam",
    ]);
  });

  it("puts the most failures first and keeps worst first among equals", () => {
    expect(names(sortRows(rows, { key: "failed", direction: "desc" }))).toEqual([
      "Fabrikam",
      "Contoso",
      "Bellows 10",
      "adatum",
      "Bellows 9",
    ]);
    expect(names(sortRows(rows, { key: "stale", direction: "desc" }))[0]).toBe("adatum");
  });

  it("ranks findings by the most severe first: one critical outweighs five high", () => {
    expect(names(sortRows(rows, { key: "findings", direction: "desc" }))).toEqual([
      "Fabrikam",
      "Bellows 9",
      "Contoso",
      "adatum",
      "Bellows 10",
    ]);
  });

  it("puts never-synced tenants before the oldest sync, oldest first", () => {
    expect(names(sortRows(rows, { key: "sync_inventory", direction: "asc" }))).toEqual([
      "Contoso",
      "Fabrikam",
      "Bellows 9",
      "adatum",
      "Bellows 10",
    ]);
  });

  it("ranks connections refused, not set up, unverified, connected", () => {
    expect(names(sortRows(rows, { key: "connection", direction: "desc" }))).toEqual([
      "Contoso",
      "Bellows 10",
      "adatum",
      "Bellows 9",
      "Fabrikam",
    ]);
  });

  it("ranks a credential that has ended after a refused connection, and one ending soon after a missing one", () => {
    const secret = (name: string, warning: TenantOverview["credential_warning"], fields: Partial<Tenant> = {}) =>
      row(name, warning === undefined ? {} : { credential_warning: warning }, {
        connection_check: { state: "connected", checked_at: null, reason_code: null },
        ...fields,
      });
    const list = [
      secret("Soon", { state: "expires_soon", days: 12 }),
      secret("Fine", undefined),
      secret("Unset", undefined, { simulated: false, connection: null }),
      secret("Ended", { state: "expired" }),
      secret("Refused", undefined, { connection_check: { state: "failed", checked_at: null, reason_code: null } }),
    ];
    expect(names(sortRows(list, { key: "connection", direction: "desc" }))).toEqual([
      "Refused",
      "Ended",
      "Unset",
      "Soon",
      "Fine",
    ]);
  });

  it("sorts a column in its worst-first direction first, then flips it", () => {
    expect(toggleSort(WORST_FIRST, "failed")).toEqual({ key: "failed", direction: "desc" });
    expect(toggleSort({ key: "failed", direction: "desc" }, "failed")).toEqual({ key: "failed", direction: "asc" });
    expect(toggleSort({ key: "failed", direction: "desc" }, "name")).toEqual({ key: "name", direction: "asc" });
    expect(toggleSort(WORST_FIRST, "sync_roles")).toEqual({ key: "sync_roles", direction: "asc" });
  });

  it("keeps the order and the search in the address, leaving the defaults out", () => {
    const params = writeView(new URLSearchParams("tab=x"), {
      sort: { key: "findings", direction: "asc" },
      search: "con",
    });
    expect(params.toString()).toBe("tab=x&sort=findings&dir=asc&q=con");
    expect(readView(params)).toEqual({ sort: { key: "findings", direction: "asc" }, search: "con" });
    expect(writeView(params, { sort: WORST_FIRST, search: " " }).toString()).toBe("tab=x");
    expect(readView(new URLSearchParams("sort=bogus&dir=up"))).toEqual({ sort: WORST_FIRST, search: "" });
    expect(readView(new URLSearchParams("sort=stale"))).toEqual({
      sort: { key: "stale", direction: "desc" },
      search: "",
    });
  });

  it("finds tenants by name, domain or directory id, in any case", () => {
    expect(names(filterRows(rows, "BELL"))).toEqual(["Bellows 10", "Bellows 9"]);
    expect(names(filterRows(rows, "fabrikam.onmicrosoft"))).toEqual(["Fabrikam"]);
    expect(filterRows(rows, "00000000-0000-4000")).toHaveLength(5);
    expect(filterRows(rows, "  ")).toHaveLength(5);
    expect(filterRows(rows, "nowhere")).toEqual([]);
  });
});
