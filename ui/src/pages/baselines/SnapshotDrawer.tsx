import { Drawer, Group, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useBaselineSnapshot } from "../../api";
import type { BaselineSnapshotId, SnapshotDetail } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { RunLink } from "../../runs";
import { present } from "../../vocabulary";
import { platformLabel } from "../tenant/inventory/inventoryView";
import { AmbiguousSubjects } from "./AmbiguousSubjects";
import { plural, reasonLabel } from "./baselineWords";
import { ImportedProof } from "./ImportedProof";
import { usePolicyTypes } from "./policyTypes";
import { SnapshotBadge } from "./SnapshotBadge";

type SnapshotDrawerProps = { snapshotId: BaselineSnapshotId | null; onClose: () => void };

/** One snapshot's items: what the baseline holds, and what it set aside. */
export function SnapshotDrawer({ snapshotId, onClose }: SnapshotDrawerProps) {
  const snapshot = useBaselineSnapshot(snapshotId);
  return (
    <Drawer
      opened={snapshotId !== null}
      onClose={onClose}
      position="right"
      closeButtonProps={{ "aria-label": "Close" }}
      size="xl"
      title={
        <Text span fw={600} size="lg">
          Snapshot
        </Text>
      }
      data-testid="snapshot-drawer"
    >
      {snapshot.isPending ? (
        <Stack gap="xs" aria-busy="true">
          {slots(8).map((line) => (
            <Skeleton key={line} height={20} radius="sm" />
          ))}
        </Stack>
      ) : snapshot.isError ? (
        <ErrorState
          title="This snapshot could not be loaded"
          message={snapshot.error.message}
          onRetry={() => void snapshot.refetch()}
          retrying={snapshot.isFetching}
        />
      ) : (
        <SnapshotContent detail={snapshot.data} />
      )}
    </Drawer>
  );
}

function SnapshotContent({ detail }: { detail: SnapshotDetail }) {
  const { snapshot } = detail;
  const types = usePolicyTypes();
  const [filter, setFilter] = useState("");
  const term = filter.trim().toLowerCase();
  const items = [...detail.items]
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .filter(
      (item) =>
        term === "" ||
        item.display_name.toLowerCase().includes(term) ||
        types.label(item.policy_type).toLowerCase().includes(term),
    );
  const lifecycle = detail.superseded ? "superseded" : snapshot.state;
  const ended = snapshot.completed_at ?? snapshot.failed_at;
  return (
    <Stack gap="md" data-testid="snapshot-detail">
      <Stack gap={4}>
        <Group gap="xs">
          <SnapshotBadge lifecycle={lifecycle} current={detail.current} />
          <Text size="sm" c="dimmed">
            {detail.profile_name} · {present("capture_mode", snapshot.capture_mode).label}
          </Text>
        </Group>
        <Text size="sm">
          {snapshot.proof_rule === undefined ? "Captured" : "Imported"}{" "}
          <RelativeTime value={snapshot.created_at} size="sm" />
          {ended !== null && (
            <>
              , {snapshot.state === "complete" ? "completed" : "ended"} <RelativeTime value={ended} size="sm" />
            </>
          )}
          {snapshot.proof !== null && ` · ${plural(snapshot.proof.persisted_items, "item", "items")}`}
          {snapshot.proof?.was_empty_capture === true && " (the source tenant had nothing in scope)"}
        </Text>
        <ImportedProof rule={snapshot.proof_rule} />
        {snapshot.failure_reason !== null && (
          <Text size="sm" c="red.8" data-testid="snapshot-drawer-failure">
            Incomplete: {reasonLabel(snapshot.failure_reason)}. It is kept for the record and never compared against.
          </Text>
        )}
        {detail.superseded && (
          <Text size="sm" c="dimmed">
            A newer complete snapshot replaced this one; it is kept for history.
          </Text>
        )}
        {snapshot.producer_run_id !== null && (
          <Group>
            <RunLink runId={snapshot.producer_run_id} label="View capture run" />
          </Group>
        )}
      </Stack>
      <AmbiguousSubjects subjects={snapshot.ambiguous} />
      <Group justify="space-between">
        <TextInput
          w={280}
          placeholder="Filter by name or type"
          aria-label="Filter snapshot items"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <Text size="sm" c="dimmed">
          {plural(detail.items.length, "item", "items")}
        </Text>
      </Group>
      {detail.items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="snapshot-no-items">
          This snapshot holds no items.
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No item matches “{filter.trim()}”.
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={4} aria-label="Snapshot items" data-testid="snapshot-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th w={120}>Platform</Table.Th>
              <Table.Th w={90} ta="right">
                Settings
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.subject_key} data-testid="snapshot-item">
                <Table.Td>
                  <Text size="sm">{item.display_name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{types.label(item.policy_type)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={item.platform === null ? "dimmed" : undefined}>
                    {platformLabel(item.platform) ?? "—"}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={item.settings === null ? "dimmed" : undefined}>
                    {item.settings === null ? "—" : item.settings.toLocaleString()}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
