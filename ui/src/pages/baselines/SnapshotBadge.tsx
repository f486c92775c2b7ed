import { Group } from "@mantine/core";
import { StatusBadge } from "../../vocabulary";
import type { SnapshotLifecycle } from "./baselineWords";

/**
 * A snapshot's lifecycle: building, complete or incomplete, and for a complete one its standing
 * next to the profile (current, or superseded — derived, never stored), all from the vocabulary.
 */
export function SnapshotBadge({ lifecycle, current = false }: { lifecycle: SnapshotLifecycle; current?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap" data-testid="snapshot-lifecycle" data-lifecycle={lifecycle}>
      {lifecycle === "superseded" ? (
        <StatusBadge domain="snapshot_standing" code="superseded" />
      ) : (
        <StatusBadge domain="snapshot_state" code={lifecycle} />
      )}
      {current && (
        <span data-testid="snapshot-current">
          <StatusBadge domain="snapshot_standing" code="current" />
        </span>
      )}
    </Group>
  );
}
