import type { EvidenceSnapshotId, TenantId } from "../../bindings/types";

/** The address parameter naming the evidence snapshot the customer review page shows. */
export const SNAPSHOT_PARAM = "snapshot";

/** The tenant's customer review page, showing `snapshot` when given (else its newest complete one). */
export function customerReviewPath(tenantId: TenantId, snapshot?: EvidenceSnapshotId): string {
  const path = `/tenants/${encodeURIComponent(tenantId)}/review`;
  return snapshot === undefined ? path : `${path}?${new URLSearchParams({ [SNAPSHOT_PARAM]: snapshot }).toString()}`;
}
