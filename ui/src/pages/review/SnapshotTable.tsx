import { Table, Text } from "@mantine/core";
import { type KeyboardEvent, useId, useState } from "react";
import type { EvidenceSnapshot, EvidenceSnapshotId } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink } from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { shortHash, snapshotFailureWords, snapshotTakenAt } from "./evidenceWords";
import classes from "./SnapshotTable.module.css";

type SnapshotTableProps = {
  /** Newest first. */
  snapshots: EvidenceSnapshot[];
  selectedId: EvidenceSnapshotId | null;
  onSelect: (id: EvidenceSnapshotId) => void;
};

/** Keys that move the keyboard's row, by how far. */
const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => Math.min(index + 1, last),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * Every evidence snapshot of the tenant, newest first: when it was taken, its state, its content
 * hash, why it is incomplete and its run. A click selects a row. Keyboard: the table is one tab
 * stop; ↑/↓, Home and End move the highlighted row, Enter (or Space) selects it; Tab reaches the
 * highlighted row's run link.
 */
export function SnapshotTable({ snapshots, selectedId, onSelect }: SnapshotTableProps) {
  const idPrefix = useId();
  const rowId = (id: EvidenceSnapshotId) => `${idPrefix}-${id}`;
  const [active, setActive] = useFollowingState(selectedId);
  const found = snapshots.findIndex((snapshot) => snapshot.id === active);
  const activeIndex = found === -1 ? 0 : found;

  const keyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    // Keys pressed on a row's link belong to it; the table handles only its own.
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = MOVES[event.key];
    const current = snapshots[activeIndex];
    if (move !== undefined) {
      event.preventDefault();
      const next = snapshots[move(activeIndex, snapshots.length - 1)];
      if (next === undefined) return;
      setActive(next.id);
      document.getElementById(rowId(next.id))?.scrollIntoView({ block: "nearest" });
    } else if ((event.key === "Enter" || event.key === " ") && current !== undefined) {
      event.preventDefault();
      onSelect(current.id);
    }
  };

  const activeId = snapshots[activeIndex]?.id;
  return (
    <Table
      className={classes.table}
      verticalSpacing={6}
      withTableBorder
      highlightOnHover
      role="grid"
      aria-label="Evidence snapshots"
      aria-activedescendant={activeId === undefined ? undefined : rowId(activeId)}
      tabIndex={0}
      onKeyDown={keyDown}
      data-testid="snapshot-table"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={130}>Taken</Table.Th>
          <Table.Th w={120}>State</Table.Th>
          <Table.Th w={140}>Content hash</Table.Th>
          <Table.Th>Why incomplete</Table.Th>
          <Table.Th w={100}>Run</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {snapshots.map((snapshot) => (
          <SnapshotRow
            key={snapshot.id}
            id={rowId(snapshot.id)}
            snapshot={snapshot}
            selected={snapshot.id === selectedId}
            active={snapshot.id === activeId}
            onSelect={() => {
              setActive(snapshot.id);
              onSelect(snapshot.id);
            }}
          />
        ))}
      </Table.Tbody>
    </Table>
  );
}

type SnapshotRowProps = {
  id: string;
  snapshot: EvidenceSnapshot;
  selected: boolean;
  active: boolean;
  onSelect: () => void;
};

function SnapshotRow({ id, snapshot, selected, active, onSelect }: SnapshotRowProps) {
  return (
    <Table.Tr
      id={id}
      className={classes.row}
      aria-selected={selected}
      data-active={active || undefined}
      onClick={onSelect}
      data-testid="snapshot-row"
      data-snapshot-id={snapshot.id}
      data-state={snapshot.state}
    >
      <Table.Td>
        <RelativeTime value={snapshotTakenAt(snapshot)} size="sm" />
      </Table.Td>
      <Table.Td>
        <StatusBadge domain="snapshot_state" code={snapshot.state} />
      </Table.Td>
      <Table.Td>
        {snapshot.content_hash === null ? (
          <Text size="sm" c="dimmed" aria-label="No content hash">
            —
          </Text>
        ) : (
          <Text size="xs" ff="monospace" title={snapshot.content_hash} data-testid="snapshot-hash">
            {shortHash(snapshot.content_hash)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {snapshot.state === "incomplete" && (
          <Text size="sm" c="red.8" data-testid="snapshot-failure">
            {snapshotFailureWords(snapshot)}
          </Text>
        )}
      </Table.Td>
      <Table.Td onClick={(event) => event.stopPropagation()}>
        {snapshot.run_id !== null && <RunLink runId={snapshot.run_id} tabIndex={active ? undefined : -1} />}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * State that starts at `value` and is set again whenever `value` changes (React's pattern for
 * state that follows a prop), while the component may set it in between.
 */
function useFollowingState<T>(value: T): [T, (next: T) => void] {
  const [state, setState] = useState(value);
  const [followed, setFollowed] = useState(value);
  if (followed !== value) {
    setFollowed(value);
    setState(value);
  }
  return [state, setState];
}
