import { Anchor, Stack, Table, Text } from "@mantine/core";
import type { BaselineProfile, BaselineSnapshot } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink } from "../../runs";
import { present } from "../../vocabulary";
import { itemCount, reasonLabel, snapshotLifecycle } from "./baselineWords";
import { ImportedProof } from "./ImportedProof";
import { SnapshotBadge } from "./SnapshotBadge";

type SnapshotHistoryProps = {
  profile: BaselineProfile;
  snapshots: BaselineSnapshot[];
  onOpen: (snapshot: BaselineSnapshot) => void;
};

/** Every capture of the profile, newest first, with its own lifecycle (artifact truth). */
export function SnapshotHistory({ profile, snapshots, onOpen }: SnapshotHistoryProps) {
  if (snapshots.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="snapshots-empty">
        No snapshot yet. {profile.status === "active" ? "Capture now" : "Activate the profile, then capture"} to record
        the source tenant's policies as the baseline.
      </Text>
    );
  }
  return (
    <Table highlightOnHover verticalSpacing={6} aria-label="Snapshots" data-testid="snapshot-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={250}>State</Table.Th>
          <Table.Th w={110} ta="right">
            Items
          </Table.Th>
          <Table.Th w={120}>Capture</Table.Th>
          <Table.Th w={140}>Created</Table.Th>
          <Table.Th w={140}>Completed</Table.Th>
          <Table.Th>Why incomplete</Table.Th>
          <Table.Th w={100}>Run</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {snapshots.map((snapshot) => {
          const items = itemCount(snapshot);
          const ended = snapshot.completed_at ?? snapshot.failed_at;
          return (
            <Table.Tr
              key={snapshot.id}
              style={{ cursor: "pointer" }}
              onClick={() => onOpen(snapshot)}
              data-testid="snapshot-row"
              data-snapshot-id={snapshot.id}
            >
              <Table.Td>
                <Stack gap={4}>
                  <SnapshotBadge
                    lifecycle={snapshotLifecycle(snapshot, profile)}
                    current={snapshot.id === profile.current_snapshot_id}
                  />
                  <ImportedProof rule={snapshot.proof_rule} size="xs" />
                </Stack>
              </Table.Td>
              <Table.Td ta="right" onClick={(event) => event.stopPropagation()}>
                {/* The row's keyboard path: the items count opens the snapshot. */}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => onOpen(snapshot)}
                  aria-label={`Open snapshot of ${new Date(snapshot.created_at).toLocaleString()}`}
                  data-testid="open-snapshot"
                >
                  {items === null ? "Open" : items.toLocaleString()}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{present("capture_mode", snapshot.capture_mode).label}</Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime value={snapshot.created_at} size="sm" />
              </Table.Td>
              <Table.Td>
                {ended === null ? (
                  <Text size="sm" c="dimmed">
                    {snapshot.state === "building" ? "Capturing…" : "—"}
                  </Text>
                ) : (
                  <RelativeTime value={ended} size="sm" />
                )}
              </Table.Td>
              <Table.Td>
                {snapshot.failure_reason !== null && (
                  <Text size="sm" c="red.8" data-testid="snapshot-failure">
                    {reasonLabel(snapshot.failure_reason)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td onClick={(event) => event.stopPropagation()}>
                {snapshot.producer_run_id !== null && <RunLink runId={snapshot.producer_run_id} label="View run" />}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
