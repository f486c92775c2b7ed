import { describe, expect, it } from "vitest";
import { demoTenants, tenantOverview, workspaceOverview } from "../../test/fixtures";
import { headline } from "./figures";

describe("headline figures", () => {
  it("sums what the tenants carry and counts those ranked above zero", () => {
    const [contoso, fabrikam, adatum] = demoTenants as [
      (typeof demoTenants)[0],
      (typeof demoTenants)[0],
      (typeof demoTenants)[0],
    ];
    const figures = headline(
      workspaceOverview({
        tenants: [
          tenantOverview(contoso, { attention: 30, failed_runs_7d: 1, open_findings: { critical: 2, low: 1 } }),
          tenantOverview(fabrikam, { attention: 100, likely_stale_runs: 1, failed_runs_7d: 3 }),
          tenantOverview(adatum, { attention: 0, open_findings: { info: 4 } }),
        ],
      }),
    );
    expect(figures).toEqual({
      tenants: 3,
      needingAttention: 2,
      failedRuns7d: 4,
      likelyStaleRuns: 1,
      openFindings: 7,
      findingsBySeverity: { critical: 2, high: 0, medium: 0, low: 1, info: 4 },
    });
  });
});
