import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useObjectTypes, useRunChanges } from "../../api";
import type { ChangedObject, RunChanges as Changes, OperationRun } from "../../bindings/types";

/** Rows of each list shown before "Show all". */
const FIRST_ROWS = 20;

/**
 * The kinds of run that capture versions, so "added" and "changed" are known. An inventory sync
 * keeps no versions: listing its objects as unchanged would be untrue, so it shows no section.
 */
const SYNCS: readonly OperationRun["type"][] = ["policy.sync", "policy.sync_one"];

type Kind = "changed" | "added" | "removed";

const KIND_LABELS: Record<Kind, { label: string; color: string }> = {
  changed: { label: "Changed", color: "blue" },
  added: { label: "Added", color: "teal" },
  removed: { label: "Removed", color: "gray" },
};

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "12 objects changed since the last sync: 8 changed, 3 added, 1 removed." */
export function changesSentence(changes: Changes): string {
  const { changed_count: changed, added_count: added, removed_count: removed } = changes;
  const total = changed + added + removed;
  if (total === 0) return "Nothing changed since the last sync.";
  const parts = [
    changed > 0 ? `${changed.toLocaleString()} changed` : null,
    added > 0 ? `${added.toLocaleString()} added` : null,
    removed > 0 ? `${removed.toLocaleString()} removed` : null,
  ].filter((part) => part !== null);
  const verb = total === 1 ? "differs" : "differ";
  return `${plural(total, "object", "objects")} ${verb} from the last sync: ${parts.join(", ")}.`;
}

/** What a completed sync changed in the tenant's stored configuration, object by object. */
export function RunChanges({ run }: { run: OperationRun }) {
  const relevant = SYNCS.includes(run.type) && run.status === "completed" && run.tenant_id !== null;
  const changes = useRunChanges(run.id, { enabled: relevant });
  const types = useObjectTypes().data;
  const [showAll, setShowAll] = useState(false);
  if (!relevant || changes.data === undefined) return null;
  const labels = new Map((types ?? []).map((type) => [type.key, type.label]));
  const lists: [Kind, ChangedObject[], number][] = [
    ["changed", changes.data.changed, changes.data.changed_count],
    ["added", changes.data.added, changes.data.added_count],
    ["removed", changes.data.removed, changes.data.removed_count],
  ];
  const rows = lists.flatMap(([kind, objects]) =>
    (showAll ? objects : objects.slice(0, FIRST_ROWS)).map((object) => ({ kind, object })),
  );
  const hidden = lists.reduce((sum, [, objects]) => sum + Math.max(0, objects.length - FIRST_ROWS), 0);
  const beyondLimit = lists.some(([, objects, count]) => count > objects.length);

  return (
    <Stack gap="xs" data-testid="run-changes">
      <Group gap="sm">
        <Title order={4}>What changed</Title>
        <Text size="sm" c="dimmed" data-testid="run-changes-sentence">
          {changesSentence(changes.data)}
        </Text>
      </Group>
      {rows.length > 0 && (
        <Table withTableBorder verticalSpacing={4} aria-label="What changed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Change</Table.Th>
              <Table.Th>Object</Table.Th>
              <Table.Th>Type</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ kind, object }) => (
              <Table.Tr
                key={`${kind}:${object.version_id ?? object.item_id ?? object.display_name}`}
                data-change={kind}
              >
                <Table.Td>
                  <Badge variant="light" color={KIND_LABELS[kind].color} radius="sm">
                    {KIND_LABELS[kind].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {object.item_id === null ? (
                    <Text size="sm">{object.display_name}</Text>
                  ) : (
                    <Anchor component={Link} to={`/tenants/${run.tenant_id}/objects/${object.item_id}`} size="sm">
                      {object.display_name}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {labels.get(object.object_type) ?? object.object_type}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {hidden > 0 && !showAll && (
        <Button variant="subtle" size="xs" onClick={() => setShowAll(true)} w="fit-content">
          Show {plural(hidden, "more object", "more objects")}
        </Button>
      )}
      {beyondLimit && (
        <Text size="xs" c="dimmed">
          Only the first 500 of each kind are listed; every change is in each object's history.
        </Text>
      )}
    </Stack>
  );
}
