import { Badge, Button, Divider, Group, Loader, Modal, NavLink, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useGroups } from "../../api";
import type { GroupChoice } from "../../bindings/types";
import { ARROW_ITEM, focusFirstItem, onArrowKeys } from "../../components/arrowFocus";
import { ErrorState } from "../../components/ErrorState";
import classes from "../../components/plainList.module.css";
import { slots } from "../../components/slots";
import type { PendingChoice } from "./planView";
import type { PlanNames } from "./restoreWords";

/** Groups listed at once; a search narrows the rest. */
const LISTED = 50;

type GroupPickerModalProps = {
  choice: GroupChoice;
  names: PlanNames;
  targetId: string;
  /** The preview was asked with a choice for this group: it can go back to the automatic one. */
  hasOverride: boolean;
  onPick: (choice: PendingChoice) => void;
  onClose: () => void;
};

/**
 * Chooses where one source group's assignments go: a group of the target (its cached groups,
 * searched by name), or nowhere (its assignments skipped), or back to the automatic choice.
 */
export function GroupPickerModal({ choice, names, targetId, hasOverride, onPick, onClose }: GroupPickerModalProps) {
  const [text, setText] = useState("");
  const [search] = useDebouncedValue(text.trim(), 300);
  const groups = useGroups(targetId, search, 0, LISTED);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const sourceName = choice.source_name ?? choice.source_group_id;
  const current = choice.target.kind === "mapped" ? choice.target.group_id : null;

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Where the assignments to “${sourceName}” go`}
      size="lg"
      closeButtonProps={{ "aria-label": "Close" }}
      data-testid="group-picker"
    >
      <Stack gap="sm">
        <TextInput
          ref={input}
          label={`A group of ${names.target}`}
          description="Use ↓ to move into the list."
          placeholder="Search groups by name"
          leftSection={<IconSearch size={14} aria-hidden />}
          rightSection={groups.isFetching && !groups.isPending ? <Loader size={14} /> : undefined}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown" && focusFirstItem(list.current)) event.preventDefault();
          }}
          data-autofocus
          data-testid="group-picker-search"
        />
        {groups.isPending ? (
          <Stack gap={4} aria-busy="true" data-testid="group-picker-loading">
            {slots(4).map((slot) => (
              <Skeleton key={slot} height={32} radius="sm" />
            ))}
          </Stack>
        ) : groups.isError ? (
          <ErrorState
            title={`The groups of ${names.target} could not be loaded`}
            message={groups.error.message}
            onRetry={() => void groups.refetch()}
            retrying={groups.isFetching}
          />
        ) : groups.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="group-picker-none">
            {search === ""
              ? `No group of ${names.target} is cached. Sync its groups, then choose one here.`
              : `No group of ${names.target} has a name containing “${search}”.`}
          </Text>
        ) : (
          <Stack gap={2}>
            <ul
              ref={list}
              className={classes.plainList}
              aria-label={`Groups of ${names.target}`}
              onKeyDown={(event) => onArrowKeys(event, list.current, input.current)}
              style={{ maxHeight: 320, overflowY: "auto" }}
              data-testid="group-picker-list"
            >
              {groups.data.items.map((group) => (
                <li key={group.group_id}>
                  <NavLink
                    component="button"
                    type="button"
                    label={group.display_name}
                    description={group.description ?? undefined}
                    active={group.group_id === current}
                    rightSection={
                      group.display_name === choice.source_name ? (
                        <Badge size="sm" variant="light" radius="sm">
                          Same name
                        </Badge>
                      ) : undefined
                    }
                    onClick={() =>
                      onPick({ override: { kind: "to", group_id: group.group_id }, name: group.display_name })
                    }
                    {...ARROW_ITEM}
                    data-testid="group-picker-option"
                  />
                </li>
              ))}
            </ul>
            {groups.data.total > groups.data.items.length && (
              <Text size="xs" c="dimmed">
                The first {groups.data.items.length.toLocaleString()} of {groups.data.total.toLocaleString()} groups:
                search by name to find another.
              </Text>
            )}
          </Stack>
        )}
        <Divider />
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" maw={380}>
            Or leave its assignments out: the plan then restores the objects without them.
          </Text>
          <Group gap="xs">
            {hasOverride && (
              <Button variant="subtle" onClick={() => onPick({ override: null, name: null })}>
                Use the automatic choice
              </Button>
            )}
            <Button
              variant="default"
              onClick={() => onPick({ override: { kind: "skip" }, name: null })}
              data-testid="group-picker-skip"
            >
              Skip its assignments
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
