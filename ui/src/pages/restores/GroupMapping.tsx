import { Anchor, Badge, Button, Code, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowNarrowRight, IconEyeSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { ApiError, GroupChoice, GroupOverride } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { GroupPickerModal } from "./GroupPickerModal";
import type { PendingChoice } from "./planView";
import { isSameGroup, type PlanNames } from "./restoreWords";

/** The HTML id of a source group's row, so a conflict can bring it into view. */
export function groupRowId(sourceGroupId: string): string {
  return `group-row-${sourceGroupId}`;
}

/** The HTML id of the group mapping section. */
export const GROUP_MAPPING_ID = "group-mapping";

type GroupMappingProps = {
  groups: GroupChoice[];
  names: PlanNames;
  /** The target tenant, whose groups can be chosen. */
  targetId: string;
  /** The overrides the preview was asked with: a source group with one can go back to the automatic choice. */
  overrides: Record<string, GroupOverride | undefined>;
  /** The operator may ask for previews: mappings can be changed. */
  canChange: boolean;
  pending: Record<string, PendingChoice>;
  onPending: (sourceGroupId: string, choice: PendingChoice | undefined) => void;
  onDiscard: () => void;
  onPreviewAgain: () => void;
  previewing: boolean;
  /** Why the last "Preview again" was refused, shown beside its button. */
  error: ApiError | null;
  /** Rows a conflict asked to bring into view. */
  highlighted: readonly string[];
};

/** Unresolved first (they stop objects from being restored), then by name. */
function ordered(groups: readonly GroupChoice[]): GroupChoice[] {
  const rank = (choice: GroupChoice) => (choice.target.kind === "unresolved" ? 0 : 1);
  return [...groups].sort(
    (a, b) =>
      rank(a) - rank(b) || (a.source_name ?? a.source_group_id).localeCompare(b.source_name ?? b.source_group_id),
  );
}

/**
 * Where each source group's assignments would go in the target: a group of the same id or name
 * (chosen automatically), one the operator chose, skipped, or none yet (in red: the objects
 * assigned to it cannot be restored). Members who may preview restores change a mapping by
 * choosing a target group or skipping it; since a plan is stored per preview, the changes are
 * previewed again as a new restore preview.
 */
export function GroupMapping(props: GroupMappingProps) {
  const { groups, names, canChange, pending, onPending, onDiscard, onPreviewAgain, previewing, error } = props;
  const [picking, setPicking] = useState<GroupChoice | null>(null);
  const unresolved = groups.filter((choice) => choice.target.kind === "unresolved").length;
  const changes = Object.keys(pending).length;

  return (
    <Stack gap="sm" id={GROUP_MAPPING_ID} data-testid="group-mapping">
      <Stack gap={2}>
        <Group gap="xs" align="baseline">
          <Title order={3} size="h4">
            Group mapping
          </Title>
          <Text size="sm" c="dimmed">
            {groups.length.toLocaleString()}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          The groups of {names.source} the versions are assigned to, and the group of {names.target} each assignment
          would go to.
          {unresolved > 0 &&
            ` ${unresolved === 1 ? "One has" : `${unresolved.toLocaleString()} have`} no target group: objects assigned to ${unresolved === 1 ? "it" : "them"} cannot be restored until you choose one or skip ${unresolved === 1 ? "it" : "them"}.`}
        </Text>
      </Stack>
      <Table withTableBorder verticalSpacing={6} aria-label="Group mapping" data-testid="group-mapping-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group in {names.source}</Table.Th>
            <Table.Th w={36} aria-label="Goes to" />
            <Table.Th>Group in {names.target}</Table.Th>
            {canChange && <Table.Th w={190} aria-label="Change" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered(groups).map((choice) => {
            const change = pending[choice.source_group_id];
            return (
              <Table.Tr
                key={choice.source_group_id}
                id={groupRowId(choice.source_group_id)}
                data-testid="group-row"
                data-group-id={choice.source_group_id}
                data-target={choice.target.kind}
                data-changed={change !== undefined || undefined}
                bg={
                  props.highlighted.includes(choice.source_group_id) ? "var(--mantine-color-yellow-light)" : undefined
                }
              >
                <Table.Td>
                  {choice.source_name === null ? (
                    <Text size="sm">
                      A group not in the cache of {names.source} <Code>{choice.source_group_id}</Code>
                    </Text>
                  ) : (
                    <Text size="sm" data-testid="group-source">
                      {choice.source_name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <IconArrowNarrowRight size={16} aria-hidden color="var(--mantine-color-dimmed)" />
                </Table.Td>
                <Table.Td data-testid="group-target">
                  {change === undefined ? <CurrentTarget choice={choice} /> : <PendingTarget change={change} />}
                </Table.Td>
                {canChange && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      {change !== undefined && (
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={() => onPending(choice.source_group_id, undefined)}
                          data-testid="group-undo"
                        >
                          Undo
                        </Anchor>
                      )}
                      <Button
                        size="xs"
                        variant={choice.target.kind === "unresolved" && change === undefined ? "light" : "default"}
                        color={choice.target.kind === "unresolved" && change === undefined ? "red" : undefined}
                        onClick={() => setPicking(choice)}
                        aria-label={`Change the target group of ${choice.source_name ?? choice.source_group_id}`}
                        data-testid="group-change"
                      >
                        {choice.target.kind === "unresolved" ? "Choose…" : "Change…"}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {canChange && changes > 0 && (
        <Stack gap="xs" data-testid="group-mapping-pending">
          <Group gap="sm">
            <Button
              leftSection={<IconEyeSearch size={16} aria-hidden />}
              onClick={onPreviewAgain}
              loading={previewing}
              data-testid="preview-with-groups"
            >
              Preview again with these groups
            </Button>
            <Button variant="subtle" color="gray" onClick={onDiscard} disabled={previewing}>
              Discard {changes === 1 ? "the change" : "the changes"}
            </Button>
            <Text size="sm" c="dimmed">
              {changes === 1 ? "1 group changed" : `${changes.toLocaleString()} groups changed`}: a new preview reads{" "}
              {names.target} again with them; this one stays as it is.
            </Text>
          </Group>
          {error !== null && (
            <FailureAlert title="The preview was not started" data-testid="preview-again-error">
              <Text size="sm">{error.message}</Text>
            </FailureAlert>
          )}
        </Stack>
      )}
      {canChange && picking !== null && (
        <GroupPickerModal
          choice={picking}
          names={names}
          targetId={props.targetId}
          hasOverride={props.overrides[picking.source_group_id] !== undefined}
          onPick={(choice) => {
            onPending(picking.source_group_id, choice);
            setPicking(null);
          }}
          onClose={() => setPicking(null)}
        />
      )}
    </Stack>
  );
}

/** Where the preview sent the group's assignments. */
function CurrentTarget({ choice }: { choice: GroupChoice }) {
  const { target } = choice;
  switch (target.kind) {
    case "mapped":
      return (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" truncate="end">
            {target.display_name}
          </Text>
          {target.automatic ? (
            <Badge size="xs" variant="light" color="gray" radius="sm" data-testid="group-automatic">
              {isSameGroup(choice) ? "Same group" : "Same name"}
            </Badge>
          ) : (
            <Badge size="xs" variant="light" color="blue" radius="sm" data-testid="group-chosen">
              Chosen
            </Badge>
          )}
        </Group>
      );
    case "skip":
      return (
        <Badge size="sm" variant="outline" color="gray" radius="sm" data-testid="group-skipped">
          Skipped
        </Badge>
      );
    case "unresolved":
      return (
        <Text size="sm" c="red.8" fw={500} data-testid="group-unresolved">
          No target group
        </Text>
      );
  }
}

/** A choice made here, not yet previewed. */
function PendingTarget({ change }: { change: PendingChoice }) {
  const words =
    change.override === null
      ? "The automatic choice"
      : change.override.kind === "skip"
        ? "Skipped"
        : (change.name ?? change.override.group_id);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" truncate="end" fw={500}>
        {words}
      </Text>
      <Badge size="xs" variant="light" color="yellow" radius="sm" data-testid="group-pending">
        Not previewed yet
      </Badge>
    </Group>
  );
}
