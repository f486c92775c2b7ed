import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { Fragment } from "react";
import { Link } from "react-router";
import type { ChangedObject, ChangeFeedEntry, TenantId } from "../../../bindings/types";
import { ChangeKindBadge } from "../../../components/changes/ChangeKindBadge";
import {
  CHANGE_KINDS,
  type ChangeKind,
  changeCount,
  changeCountsSentence,
} from "../../../components/changes/changeKinds";
import { RelativeTime } from "../../../components/RelativeTime";
import { RunLink } from "../../../runs";
import { present } from "../../../vocabulary";
import { objectPath } from "../../object/objectLinks";

/**
 * One sync that changed the tenant: when, which run, how much in a sentence, and the objects it
 * names by kind (a changed one links to what changed in it), with how many more it did not name.
 */
export function ChangeEntry({ tenantId, entry }: { tenantId: TenantId; entry: ChangeFeedEntry }) {
  const { run, changes } = entry;
  const when = run.completed_at ?? run.created_at;
  const sentence = changeCountsSentence(changes);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={`${present("operation_type", run.type).label}: ${sentence}`}
      data-testid="change-entry"
    >
      <Stack gap={8}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <RelativeTime value={when} size="sm" fw={600} />
            <Text size="sm" c="dimmed">
              {present("operation_type", run.type).label}
            </Text>
            <Text size="sm" fw={500} data-testid="change-sentence">
              {sentence}
            </Text>
          </Group>
          <RunLink runId={run.id} />
        </Group>
        {CHANGE_KINDS.filter((kind) => changeCount(changes, kind) > 0).map((kind) => (
          <KindLine
            key={kind}
            kind={kind}
            tenantId={tenantId}
            runId={run.id}
            objects={changes[kind]}
            count={changeCount(changes, kind)}
          />
        ))}
      </Stack>
    </Paper>
  );
}

function KindLine({
  kind,
  tenantId,
  runId,
  objects,
  count,
}: {
  kind: ChangeKind;
  tenantId: TenantId;
  runId: string;
  objects: ChangedObject[];
  count: number;
}) {
  const more = count - objects.length;
  return (
    <Group gap={8} wrap="nowrap" align="flex-start" data-testid={`change-${kind}`}>
      <ChangeKindBadge kind={kind} />
      <Text size="sm" style={{ wordBreak: "break-word" }}>
        {objects.map((object, index) => (
          <Fragment key={object.version_id ?? object.item_id ?? `${object.object_type}:${object.display_name}`}>
            {index > 0 && ", "}
            <ObjectName tenantId={tenantId} object={object} kind={kind} />
          </Fragment>
        ))}
        {more > 0 && (
          <>
            {objects.length > 0 ? " and " : ""}
            <Anchor component={Link} to={`/runs/${runId}`} size="sm">
              {objects.length > 0 ? `${more.toLocaleString()} more` : `${more.toLocaleString()} objects`}
            </Anchor>
          </>
        )}
      </Text>
    </Group>
  );
}

/** The object's name: a link to what changed in it, to the object, or plain when it is no longer known. */
function ObjectName({ tenantId, object, kind }: { tenantId: TenantId; object: ChangedObject; kind: ChangeKind }) {
  if (object.item_id === null) return <>{object.display_name}</>;
  const diff =
    kind === "changed" && object.previous_version_id !== null && object.version_id !== null
      ? ([object.previous_version_id, object.version_id] as const)
      : undefined;
  return (
    <Anchor
      component={Link}
      to={objectPath(tenantId, object.item_id, diff === undefined ? {} : { compare: diff })}
      size="sm"
      title={diff === undefined ? undefined : `What changed in ${object.display_name}`}
    >
      {object.display_name}
    </Anchor>
  );
}
