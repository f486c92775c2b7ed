import { Anchor, Button, Code, Drawer, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconCircleX, IconFileDiff } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { objectKey, useCompareAcross, useInventoryObject, useInventoryObjectIds, useVersionDiff } from "../../api";
import type { Restore, RestorePlanItem, TenantId } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { DiffSkeleton } from "../object/DiffSkeleton";
import { DiffView } from "../object/DiffView";
import { objectPath } from "../object/objectLinks";
import { type Detail, DetailTable } from "../tenants/DetailTable";
import { ActionBadge } from "./RestoreBadges";
import { actionSentence, conflictExplained, isPromote, type PlanNames } from "./restoreWords";

type PlanItemDrawerProps = {
  restore: Restore;
  /** The item shown; the drawer is closed without one. */
  item: RestorePlanItem | null;
  names: PlanNames;
  onClose: () => void;
  /** Closes the drawer and brings these source groups' rows of the group mapping into view. */
  onGoToMapping: (groupIds: string[]) => void;
};

/**
 * One object of the plan: what restoring would do to it, each conflict explained with its next
 * step, the fields whose value would change, the assignments it would add and remove (groups
 * named where the plan knows them), and the ways to its version and to the target's object.
 */
export function PlanItemDrawer({ restore, item, names, onClose, onGoToMapping }: PlanItemDrawerProps) {
  return (
    <Drawer
      opened={item !== null}
      onClose={onClose}
      position="right"
      size="xl"
      closeButtonProps={{ "aria-label": "Close" }}
      title={
        <Text span fw={600} size="lg" data-testid="plan-item-title">
          {item?.display_name ?? ""}
        </Text>
      }
      data-testid="plan-item-drawer"
    >
      {item !== null && (
        // Keyed: a comparison opened for one item never carries over to the next.
        <ItemContent
          key={item.source_version_id}
          restore={restore}
          item={item}
          names={names}
          onGoToMapping={onGoToMapping}
        />
      )}
    </Drawer>
  );
}

type ItemContentProps = Omit<PlanItemDrawerProps, "item" | "onClose"> & { item: RestorePlanItem };

function ItemContent({ restore, item, names, onGoToMapping }: ItemContentProps) {
  const facts: Detail[] = [
    { label: "Type", value: names.typeLabel(item.object_type) },
    {
      // An object to delete is named by the version it was last stored as.
      label: item.action === "delete" ? "As last stored" : `In ${names.source}`,
      value: (
        <ObjectLink
          tenantId={restore.source_tenant_id}
          tenantName={names.source}
          objectType={item.object_type}
          externalId={item.source_external_id}
          versionId={item.source_version_id}
          testId="plan-item-source"
        />
      ),
    },
    {
      label: `In ${names.target}`,
      value:
        item.target_external_id === null ? (
          <Text size="sm" c="dimmed" data-testid="plan-item-target">
            {item.action === "create" ? "Not there yet" : "No object it would overwrite"}
          </Text>
        ) : (
          <ObjectLink
            tenantId={restore.tenant_id}
            tenantName={names.target}
            objectType={item.object_type}
            externalId={item.target_external_id}
            versionId={null}
            testId="plan-item-target"
          />
        ),
    },
  ];
  return (
    <Stack gap="lg" data-testid="plan-item-detail" data-action={item.action}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ActionBadge action={item.action} size="md" />
        <Text size="sm" data-testid="plan-item-action">
          {actionSentence(item, names)}
        </Text>
      </Group>
      <Conflicts item={item} names={names} undo={restore.source.kind === "undo"} onGoToMapping={onGoToMapping} />
      <DetailTable caption="Object" details={facts} />
      <ChangedFields item={item} />
      <Assignments item={item} names={names} />
      <Comparison restore={restore} item={item} names={names} />
    </Stack>
  );
}

/** Each reason the object cannot be restored as it is, with what to do next (`undo`: undoing a restore). */
function Conflicts({
  item,
  names,
  undo,
  onGoToMapping,
}: Pick<ItemContentProps, "item" | "names" | "onGoToMapping"> & { undo: boolean }) {
  if (item.conflicts.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="plan-item-conflicts">
      <Title order={4}>Why it cannot be restored as it is</Title>
      {item.conflicts.map((conflict) => {
        const explained = conflictExplained(conflict, item, names, { undo });
        return (
          <Paper
            key={conflict.kind}
            withBorder
            radius="md"
            p="sm"
            style={{ borderLeft: "4px solid var(--mantine-color-red-6)" }}
            data-testid="plan-item-conflict"
            data-kind={conflict.kind}
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconCircleX size={18} color="var(--mantine-color-red-6)" aria-hidden style={{ flexShrink: 0 }} />
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {explained.title}
                </Text>
                <Text size="sm" data-testid="plan-item-conflict-text">
                  {explained.text}
                </Text>
                {explained.next !== null && (
                  <Text size="sm" data-testid="plan-item-conflict-next">
                    <Text span inherit fw={500}>
                      Next:
                    </Text>{" "}
                    {explained.next}
                  </Text>
                )}
                {explained.toMapping && conflict.kind === "unresolved_groups" && (
                  <Button
                    size="xs"
                    variant="light"
                    w="fit-content"
                    rightSection={<IconArrowRight size={14} aria-hidden />}
                    onClick={() => onGoToMapping(conflict.group_ids)}
                    data-testid="plan-item-to-mapping"
                  >
                    Go to the group mapping
                  </Button>
                )}
              </Stack>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** The top-level fields whose value would change (none for an object created, deleted or identical). */
function ChangedFields({ item }: { item: RestorePlanItem }) {
  if (item.action === "create" || item.action === "delete" || item.action === "skip") return null;
  if (item.changed_fields.length === 0 && item.action === "conflict") return null;
  return (
    <Stack gap="xs" data-testid="plan-item-fields">
      <Title order={4}>Fields that would change</Title>
      {item.changed_fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          No field of its settings: only its assignments would change.
        </Text>
      ) : (
        <Group gap={6}>
          {item.changed_fields.map((field) => (
            <Code key={field} data-testid="plan-item-field">
              {field}
            </Code>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** The assignments restoring would add and remove, by group name where the plan knows it. */
function Assignments({ item, names }: Pick<ItemContentProps, "item" | "names">) {
  const { added, removed } = item.assignments;
  if (added.length === 0 && removed.length === 0) return null;
  const group = (id: string) => {
    const name = names.targetGroup(id);
    return name === null ? (
      <Text span size="sm">
        Group <Code>{id}</Code>
      </Text>
    ) : (
      <Text span size="sm">
        {name}
      </Text>
    );
  };
  return (
    <Stack gap="xs" data-testid="plan-item-assignments">
      <Title order={4}>Assignments in {names.target}</Title>
      {added.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={500} c="green.8">
            Would be assigned to
          </Text>
          <List size="sm" spacing={2} data-testid="plan-item-added">
            {added.map((id) => (
              <List.Item key={id}>{group(id)}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {removed.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={500} c="red.8">
            Would no longer be assigned to
          </Text>
          <List size="sm" spacing={2} data-testid="plan-item-removed">
            {removed.map((id) => (
              <List.Item key={id}>{group(id)}</List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}

type ObjectLinkProps = {
  tenantId: TenantId;
  tenantName: string;
  objectType: string;
  externalId: string;
  /** The version to open the object's history on; its newest configuration without. */
  versionId: string | null;
  testId: string;
};

/** The object in a tenant, linked to its page when the tenant's inventory lists it (at a version when given). */
function ObjectLink({ tenantId, tenantName, objectType, externalId, versionId, testId }: ObjectLinkProps) {
  const ids = useInventoryObjectIds(tenantId, [objectType], true);
  const itemId = ids.data?.[objectKey(objectType, externalId)];
  if (itemId === undefined) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {ids.isPending ? "Looking it up…" : `Not in the inventory of ${tenantName}`} <Code>{externalId}</Code>
      </Text>
    );
  }
  return (
    <Anchor
      component={Link}
      to={versionId === null ? objectPath(tenantId, itemId) : objectPath(tenantId, itemId, { version: versionId })}
      size="sm"
      data-testid={testId}
    >
      {versionId === null ? "The object's page" : "This version in the object's history"}
    </Anchor>
  );
}

/**
 * For an object restoring would overwrite: its settings as the target's last sync captured them
 * beside this version's, setting by setting — read only when asked for. An object to delete is
 * as it was last stored, which its version is: nothing to compare.
 */
function Comparison({ restore, item, names }: Pick<ItemContentProps, "restore" | "item" | "names">) {
  const [shown, setShown] = useState(false);
  if (item.target_external_id === null || item.action === "skip" || item.action === "delete") return null;
  return (
    <Stack gap="xs" data-testid="plan-item-comparison">
      {shown ? (
        <TargetComparison restore={restore} item={item} names={names} targetId={item.target_external_id} />
      ) : (
        <Button
          variant="default"
          w="fit-content"
          leftSection={<IconFileDiff size={16} aria-hidden />}
          onClick={() => setShown(true)}
          data-testid="plan-item-compare"
        >
          Compare with {names.target} setting by setting
        </Button>
      )}
    </Stack>
  );
}

function TargetComparison({
  restore,
  item,
  names,
  targetId,
}: Pick<ItemContentProps, "restore" | "item" | "names"> & { targetId: string }) {
  const ids = useInventoryObjectIds(restore.tenant_id, [item.object_type], true);
  const itemId = ids.data?.[objectKey(item.object_type, targetId)] ?? null;
  const target = useInventoryObject(restore.tenant_id, itemId ?? "", { enabled: itemId !== null });
  const newest = target.data?.versions[0] ?? null;
  const promote = isPromote(restore);
  const pair = newest === null ? null : { before: newest.id, after: item.source_version_id };
  const same = useVersionDiff(restore.tenant_id, promote ? null : pair);
  const across = useCompareAcross(
    promote && newest !== null
      ? {
          left: { tenant_id: restore.tenant_id, version_id: newest.id },
          right: { tenant_id: restore.source_tenant_id, version_id: item.source_version_id },
        }
      : null,
  );
  if (ids.isPending || (itemId !== null && target.isPending)) return <DiffSkeleton />;
  if (itemId === null || newest === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="plan-item-no-comparison">
        No policy sync of {names.target} has captured this object, so there is nothing to compare it with. Sync the
        policies of {names.target} to compare them.
      </Text>
    );
  }
  const diff = promote ? across : same;
  if (diff.isPending) return <DiffSkeleton />;
  if (diff.isError) {
    return (
      <ErrorState
        title="The two could not be compared"
        message={diff.error.message}
        onRetry={() => void diff.refetch()}
        retrying={diff.isFetching}
      />
    );
  }
  return (
    <DiffView
      diff={diff.data.diff}
      title={`${names.target} now → this version`}
      beforeLabel={`${names.target} (v${newest.version_number})`}
      afterLabel="This version"
      noun="versions"
      note={`“Now” is the object as the last policy sync of ${names.target} captured it.`}
    />
  );
}
