import type { BaselineProfileId, BaselineSnapshotId } from "../../bindings/types";

/** A baseline profile's page. */
export function profilePath(profileId: BaselineProfileId): string {
  return `/baselines/${encodeURIComponent(profileId)}`;
}

/** A baseline profile's page with one of its snapshots open in the drawer. */
export function snapshotPath(profileId: BaselineProfileId, snapshotId: BaselineSnapshotId): string {
  const params = new URLSearchParams({ snapshot: snapshotId });
  return `${profilePath(profileId)}?${params.toString()}`;
}
