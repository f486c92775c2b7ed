import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowBackUp, IconCircleX } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { objectKey, useInventoryObjectIds, usePreviewUndo } from "../../api";
import type { InventoryItemId, ItemOutcomeKind, Restore, RestoreItemOutcome } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import { RunLink, toastRunStarted, useRunWatch } from "../../runs";
import { present } from "../../vocabulary/present";
import { objectPath } from "../object/objectLinks";
import { CountTile } from "./CountTile";
import classes from "./PlanTable.module.css";
import { restorePath } from "./restoreLinks";
import {
  canUndo,
  OUTCOMES,
  outcomeCounts,
  outcomeLook,
  type PlanNames,
  shownOutcomes,
  sortedOutcomes,
  undoSentence,
} from "./restoreWords";

const EVERY = "all";
const OVERSCAN = 12;

type RestoreOutcomesProps = {
  restore: Restore;
  outcomes: RestoreItemOutcome[];
  names: PlanNames;
  /** The member may execute restores (and so preview undoing one). */
  canRestore: boolean;
};

/**
 * What an executed restore did: how many objects it created, updated, deleted (an undo), left
 * alone and failed to write; every failure in full (why, in words); the table of every object's
 * outcome (failures first, filtered by outcome, keyboard-driven, each linked to the written object
 * where the tenant's inventory knows it); the run; and, when it changed something, the way to undo it.
 */
export function RestoreOutcomes({ restore, outcomes, names, canRestore }: RestoreOutcomesProps) {
  const [filter, setFilter] = useState<ItemOutcomeKind | null>(null);
  const counts = outcomeCounts(outcomes);
  const kinds = shownOutcomes(counts);
  const sorted = useMemo(() => sortedOutcomes(outcomes, names.typeLabel), [outcomes, names.typeLabel]);
  const shown = filter === null ? sorted : sorted.filter((outcome) => outcome.outcome === filter);
  const failed = sorted.filter((outcome) => outcome.outcome === "failed");
  const types = useMemo(() => [...new Set(outcomes.map((outcome) => outcome.object_type))].sort(), [outcomes]);
  const ids = useInventoryObjectIds(restore.tenant_id, types, types.length > 0);
  const itemIdOf = (outcome: RestoreItemOutcome): InventoryItemId | null =>
    outcome.target_external_id === null || outcome.outcome === "failed"
      ? null
      : (ids.data?.[objectKey(outcome.object_type, outcome.target_external_id)] ?? null);

  return (
    <Stack gap="xl" data-testid="restore-outcomes">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Title order={3} size="h4">
            What the restore did
          </Title>
          <Group gap="md">
            {restore.execute_run_id !== null && <RunLink runId={restore.execute_run_id} label="View the run" />}
            {canRestore && canUndo(outcomes) && <UndoRestore restore={restore} outcomes={outcomes} names={names} />}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, md: kinds.length }} spacing="sm" data-testid="outcome-counts">
          {kinds.map((outcome) => {
            const value = counts[outcome];
            const { label, color } = outcomeLook(outcome);
            const pressed = filter === outcome;
            return (
              <CountTile
                key={outcome}
                label={label}
                value={value}
                color={color}
                alarming={outcome === "failed"}
                pressed={pressed}
                onToggle={() => setFilter(pressed ? null : outcome)}
                testId="outcome-count"
                data={{ outcome }}
              />
            );
          })}
        </SimpleGrid>
      </Stack>
      {failed.length > 0 && <Failures failed={failed} names={names} />}
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Group gap="xs" align="baseline">
            <Title order={3} size="h4">
              Objects
            </Title>
            <Text size="sm" c="dimmed" data-testid="outcomes-shown">
              {shown.length === outcomes.length
                ? outcomes.length.toLocaleString()
                : `${shown.length.toLocaleString()} of ${outcomes.length.toLocaleString()}`}{" "}
              · ↑ ↓ move, Enter opens the object
            </Text>
          </Group>
          <Select
            label="Outcome"
            data={[
              { value: EVERY, label: "Every outcome" },
              ...kinds.map((outcome) => ({
                value: outcome,
                label: `${outcomeLook(outcome).label} (${counts[outcome].toLocaleString()})`,
              })),
            ]}
            value={filter ?? EVERY}
            onChange={(value) => setFilter(OUTCOMES.find((outcome) => outcome === value) ?? null)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            w={200}
            data-testid="outcome-filter"
          />
        </Group>
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="outcomes-none">
            No object of the restore has this outcome.
          </Text>
        ) : (
          <OutcomeTable
            outcomes={shown}
            names={names}
            itemIdOf={itemIdOf}
            restore={restore}
            resetKey={filter ?? EVERY}
          />
        )}
      </Stack>
    </Stack>
  );
}

/** The reason code in words ("Access denied"), when the outcome has one. */
function reasonWords(outcome: RestoreItemOutcome): string | null {
  return outcome.reason === null ? null : present("reason_code", outcome.reason).label;
}

/** Why, in words: the reason's label (never its code) and the backend's message, either when alone. */
function because(outcome: RestoreItemOutcome): string {
  return [reasonWords(outcome), outcome.message].filter((part) => part !== null).join(": ");
}

/** What happened to one object, in a line for its row. */
function happenedWords(outcome: RestoreItemOutcome, names: Pick<PlanNames, "target">): string {
  switch (outcome.outcome) {
    case "created":
      return `Created in ${names.target}`;
    case "updated":
      return outcome.pre_image_version_id === null
        ? `Updated in ${names.target}`
        : `Updated in ${names.target}; the policy as it was is kept`;
    case "deleted":
      return outcome.pre_image_version_id === null
        ? `Deleted from ${names.target}`
        : `Deleted from ${names.target}; the policy as it was is kept`;
    case "skipped":
      return because(outcome) || "Left alone";
    case "failed":
      return because(outcome) || "Not written";
  }
}

/** Every failure in full: the object, why it was not written (the reason in words and the backend's message). */
function Failures({ failed, names }: { failed: RestoreItemOutcome[]; names: PlanNames }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconCircleX aria-hidden />}
      title={`${failed.length.toLocaleString()} ${failed.length === 1 ? "object was" : "objects were"} not written`}
      data-testid="restore-failures"
    >
      <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {failed.map((outcome) => (
          <Stack key={outcome.source_version_id} gap={0} component="li" data-testid="restore-failure">
            <Text size="sm" fw={600}>
              {outcome.display_name}{" "}
              <Text span size="sm" c="dimmed" fw={400}>
                · {names.typeLabel(outcome.object_type)}
              </Text>
            </Text>
            <Text size="sm" data-testid="restore-failure-why" data-reason-code={outcome.reason ?? undefined}>
              {reasonWords(outcome) ?? "Not written"}
              {outcome.message === null ? "." : `: ${outcome.message}`}
            </Text>
          </Stack>
        ))}
      </Stack>
      <Text size="sm" mt="xs">
        Nothing else was changed for these objects. Preview the restore again to see what writing them would change now.
      </Text>
    </Alert>
  );
}

type OutcomeTableProps = {
  outcomes: RestoreItemOutcome[];
  names: PlanNames;
  itemIdOf: (outcome: RestoreItemOutcome) => InventoryItemId | null;
  restore: Restore;
  resetKey: string;
};

/**
 * One line per object: its outcome, name (linked to the written object when the inventory knows
 * it), type and what happened. One tab stop; arrows, Page Up/Down, Home and End move the
 * highlight, Enter opens the highlighted object's page.
 */
function OutcomeTable({ outcomes, names, itemIdOf, restore, resetKey }: OutcomeTableProps) {
  const navigate = useNavigate();
  const grid = useVirtualGrid({ total: outcomes.length, overscan: OVERSCAN, resetKey });
  return (
    <VirtualGridTable
      grid={grid}
      rowAt={(index) => outcomes[index]}
      rowKey={(outcome) => outcome.source_version_id}
      label="Restore outcomes"
      testId="outcome-table"
      rowTestId="outcome-row"
      classes={classes}
      head={
        <>
          <Table.Th w={120}>Outcome</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th w={200}>Type</Table.Th>
          <Table.Th w="40%">What happened</Table.Th>
        </>
      }
      columnCount={4}
      cells={(outcome) => <OutcomeCells outcome={outcome} itemId={itemIdOf(outcome)} names={names} restore={restore} />}
      rowData={(outcome) => ({ "data-outcome": outcome.outcome })}
      // Enter opens the written object when the inventory knows it; a click is left to its link.
      onOpen={(outcome) => {
        const itemId = itemIdOf(outcome);
        if (itemId === null) return false;
        navigate(objectPath(restore.tenant_id, itemId));
      }}
    />
  );
}

type OutcomeCellsProps = {
  outcome: RestoreItemOutcome;
  itemId: InventoryItemId | null;
  names: PlanNames;
  restore: Restore;
};

function OutcomeCells({ outcome, itemId, names, restore }: OutcomeCellsProps) {
  const { label, color } = outcomeLook(outcome.outcome);
  const words = happenedWords(outcome, names);
  return (
    <>
      <Table.Td>
        <Badge
          variant={outcome.outcome === "skipped" ? "outline" : outcome.outcome === "deleted" ? "filled" : "light"}
          color={color}
          size="sm"
          radius="sm"
          w={92}
          data-testid="outcome-badge"
        >
          {label}
        </Badge>
      </Table.Td>
      <Table.Td>
        {itemId === null ? (
          <Text size="sm" truncate="end" title={outcome.display_name} data-testid="outcome-row-name">
            {outcome.display_name}
          </Text>
        ) : (
          <Anchor
            component={Link}
            to={objectPath(restore.tenant_id, itemId)}
            size="sm"
            tabIndex={-1}
            title={`${outcome.display_name} in ${names.target}`}
            data-testid="outcome-row-name"
          >
            {outcome.display_name}
          </Anchor>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate="end" c="dimmed">
          {names.typeLabel(outcome.object_type)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text
          size="sm"
          truncate="end"
          title={words}
          c={outcome.outcome === "failed" ? "red.8" : outcome.outcome === "skipped" ? "dimmed" : undefined}
          data-testid="outcome-row-words"
        >
          {words}
        </Text>
      </Table.Td>
    </>
  );
}

/**
 * "Undo this restore…": says honestly what undoing does (the overwritten policies go back as
 * they were; those it created are deleted, unless someone changed them since), then previews it —
 * a new restore, planned like any other, whose page opens.
 */
function UndoRestore({
  restore,
  outcomes,
  names,
}: {
  restore: Restore;
  outcomes: RestoreItemOutcome[];
  names: PlanNames;
}) {
  const [opened, setOpened] = useState(false);
  const undo = usePreviewUndo(restore.workspace_id);
  const watch = useRunWatch();
  const navigate = useNavigate();
  const start = () =>
    undo.mutate(restore.id, {
      onSuccess: (started) => {
        toastRunStarted(started.start);
        watch({ runs: [started.start.run], tenantNames: { [restore.tenant_id]: names.target } });
        setOpened(false);
        navigate(restorePath(started.restore.id));
      },
    });
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconArrowBackUp size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="undo-restore"
      >
        Undo this restore…
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Undo this restore?"
        data-testid="undo-restore-modal"
      >
        <Stack gap="md">
          <Text size="sm" data-testid="undo-restore-what">
            {undoSentence(outcomes, names.target)}
          </Text>
          <Text size="sm" c="dimmed">
            Nothing is written yet: you see what undoing would change first, and execute it like any restore.
          </Text>
          {undo.error !== null && (
            <FailureAlert title="The undo was not previewed" data-testid="undo-restore-error">
              <Text size="sm">{undo.error.message}</Text>
            </FailureAlert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)} disabled={undo.isPending}>
              Cancel
            </Button>
            <Button
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              loading={undo.isPending}
              onClick={start}
              data-testid="undo-restore-submit"
            >
              Preview the undo
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
