import { useSearchParams } from "react-router";
import type { EvidenceSnapshot, EvidenceSnapshotId } from "../../bindings/types";
import { newestComplete } from "./evidenceWords";
import { SNAPSHOT_PARAM } from "./reviewLinks";

/**
 * The evidence snapshot the page shows, kept in the address (`snapshot`) so a link can open it:
 * the one named there when the tenant has it, else the newest complete one, else the newest.
 */
export function useSnapshotSelection(snapshots: readonly EvidenceSnapshot[]) {
  const [params, setParams] = useSearchParams();
  const requested = params.get(SNAPSHOT_PARAM);
  const selected =
    snapshots.find((snapshot) => snapshot.id === requested) ?? newestComplete(snapshots) ?? snapshots[0] ?? null;
  const select = (id: EvidenceSnapshotId) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(SNAPSHOT_PARAM, id);
        return next;
      },
      { replace: true },
    );
  return { selected, select };
}
