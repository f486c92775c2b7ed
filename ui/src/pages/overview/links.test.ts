import { describe, expect, it } from "vitest";
import { readView as readFindings } from "../findings/findingsView";
import { readView as readRuns } from "../operations/operationsView";
import { failedRunsHref, openFindingsHref, staleRunsHref } from "./links";

/** The query of an in-app address, as the page it opens reads it. */
const query = (href: string) => new URLSearchParams(href.slice(href.indexOf("?") + 1));

describe("overview links", () => {
  it("open the Likely stale tab of Operations for one tenant or all", () => {
    expect(staleRunsHref("t-1")).toBe("/operations?tab=likely_stale&tenant=t-1");
    expect(readRuns(query(staleRunsHref()))).toMatchObject({ tab: "likely_stale", tenants: [] });
  });

  it("open the Failed tab from the day a week back", () => {
    const href = failedRunsHref(new Date(2026, 10, 22, 15, 30), "t-1");
    expect(href.startsWith("/operations?")).toBe(true);
    expect(readRuns(query(href))).toMatchObject({ tab: "failed", tenants: ["t-1"], from: "2026-11-15", until: null });
    // Across a month's start.
    expect(readRuns(query(failedRunsHref(new Date(2026, 11, 3)))).from).toBe("2026-11-26");
  });

  it("open the open findings of one tenant and severity, as the Findings page reads them", () => {
    expect(readFindings(query(openFindingsHref({ tenantId: "t-1", severity: "critical" })))).toMatchObject({
      tenants: ["t-1"],
      severities: ["critical"],
      statuses: ["open"],
    });
    expect(readFindings(query(openFindingsHref()))).toMatchObject({ tenants: [], severities: [], statuses: ["open"] });
  });
});
