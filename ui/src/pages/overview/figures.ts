import type { Severity, WorkspaceOverview } from "../../bindings/types";
import { SEVERITIES } from "../findings/codes";
import { openFindings } from "./overviewView";

/** The headline figures above the overview, summed over the tenants the operator may see. */
export type Headline = {
  tenants: number;
  /** Tenants the backend ranks above zero: anything in the worst-first order applies to them. */
  needingAttention: number;
  failedRuns7d: number;
  likelyStaleRuns: number;
  openFindings: number;
  findingsBySeverity: Record<Severity, number>;
};

export function headline(overview: WorkspaceOverview): Headline {
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  let needingAttention = 0;
  let failedRuns7d = 0;
  let likelyStaleRuns = 0;
  for (const row of overview.tenants) {
    if (row.attention > 0) needingAttention += 1;
    failedRuns7d += row.failed_runs_7d;
    likelyStaleRuns += row.likely_stale_runs;
    for (const severity of SEVERITIES) findingsBySeverity[severity] += openFindings(row, severity);
  }
  return {
    tenants: overview.tenants.length,
    needingAttention,
    failedRuns7d,
    likelyStaleRuns,
    openFindings: SEVERITIES.reduce((sum, severity) => sum + findingsBySeverity[severity], 0),
    findingsBySeverity,
  };
}
