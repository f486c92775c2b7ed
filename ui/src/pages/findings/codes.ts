import type { FindingKind, FindingStatus, Severity } from "../../bindings/types";

export const FINDING_KINDS: readonly FindingKind[] = ["missing", "unexpected", "drifted"];
export const FINDING_STATUSES: readonly FindingStatus[] = ["open", "acknowledged", "resolved"];
/** Most severe first, as pickers and the chart list them. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
