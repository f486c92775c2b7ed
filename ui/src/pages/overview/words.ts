import { OVERVIEW_COLUMNS } from "./columns";
import type { OverviewSort } from "./overviewView";

/** How the backend's "worst first" order ranks tenants (`attention`), in the operator's words. */
export const WORST_FIRST_EXPLANATION =
  "Worst first: a refused connection outweighs everything, then a secret or certificate that has ended, runs " +
  "likely stuck, runs that failed this week, a secret or certificate ending within 30 days, open critical and " +
  "high findings, and syncs that never ran, last failed or are more than a week old.";

/** The order in words: "Failed runs, most first". */
export function sortDescription(sort: OverviewSort): string {
  if (sort.key === "attention") return "Worst first";
  const column = OVERVIEW_COLUMNS.find((candidate) => candidate.key === sort.key);
  const title = column?.title ?? sort.key;
  const asc = sort.direction === "asc";
  if (sort.key === "name") return `${title}, ${asc ? "A to Z" : "Z to A"}`;
  if (sort.key.startsWith("sync_")) return `${title}, ${asc ? "oldest first" : "newest first"}`;
  if (sort.key === "connection") return `${title}, ${asc ? "working first" : "failing first"}`;
  if (sort.key === "findings") return `${title}, ${asc ? "least severe first" : "most severe first"}`;
  return `${title}, ${asc ? "fewest first" : "most first"}`;
}
