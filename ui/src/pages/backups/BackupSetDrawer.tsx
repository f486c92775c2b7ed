import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  List,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconCircleX, IconEyeSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { objectKey, useBackupSet, useInventoryObjectIds } from "../../api";
import type { BackupSet, BackupSetDetail, BackupSetId, BackupSetItem, Tenant } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { slots } from "../../components/slots";
import { useCan } from "../../workspace";
import { objectPath } from "../object/objectLinks";
import { newRestorePath } from "../restores/restoreLinks";
import { DetailTable } from "../tenants/DetailTable";
import { setFacts } from "./BackupSetFacts";
import { completenessRows, gapReason, gapSentence, UNFINISHED } from "./backupWords";
import { DOCUMENT_HELP, DocumentButton } from "./DocumentButton";
import { ExportFolderButton, FOLDER_EXPORT_HELP } from "./ExportFolderButton";
import { ImportedOrigin } from "./ImportedOrigin";
import { labelsFirst } from "./importWords";
import type { MadeBy } from "./useMadeBy";

type BackupSetDrawerProps = {
  tenant: Tenant;
  /** The set shown; the drawer is closed without one. */
  setId: BackupSetId | null;
  onClose: () => void;
  madeBy: (set: BackupSet) => MadeBy;
  typeLabel: (key: string) => string;
};

/**
 * One backup set: its facts, what it lacks and why (for an imported set, where it came from and
 * what the import could not take over), how completely each type was read, and the versions it holds.
 */
export function BackupSetDrawer({ tenant, setId, onClose, madeBy, typeLabel }: BackupSetDrawerProps) {
  const detail = useBackupSet(tenant.id, setId);
  const canRestore = useCan(tenant.workspace_id)("tenant.restore.execute");
  const origin = detail.data?.set.origin;
  return (
    <Drawer
      opened={setId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      closeButtonProps={{ "aria-label": "Close" }}
      title={
        <Text span fw={600} size="lg" data-testid="backup-set-title">
          {origin === undefined ? "Backup" : `${origin.tool} backup`} of {tenant.display_name}
        </Text>
      }
      data-testid="backup-set-drawer"
    >
      {detail.isPending ? (
        <Stack gap="xs" aria-busy="true" data-testid="backup-set-loading">
          {slots(8).map((line) => (
            <Skeleton key={line} height={20} radius="sm" />
          ))}
        </Stack>
      ) : detail.isError ? (
        <ErrorState
          title="This backup set could not be loaded"
          message={detail.error.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      ) : (
        // Keyed: a filter chosen for one set never carries over to the next.
        <SetContent
          key={detail.data.set.id}
          tenant={tenant}
          detail={detail.data}
          madeBy={madeBy}
          typeLabel={typeLabel}
          canRestore={canRestore}
        />
      )}
    </Drawer>
  );
}

type SetContentProps = {
  tenant: Tenant;
  detail: BackupSetDetail;
  madeBy: (set: BackupSet) => MadeBy;
  typeLabel: (key: string) => string;
  /** The operator may restore onto tenants: a finished set with versions offers its restore preview. */
  canRestore: boolean;
};

function SetContent({ tenant, detail, madeBy, typeLabel, canRestore }: SetContentProps) {
  const { set } = detail;
  return (
    <Stack gap="lg" data-testid="backup-set-detail" data-status={set.status}>
      {canRestore && (set.status === "complete" || set.status === "partial") && (
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Text size="sm" c="dimmed">
            See what restoring this backup would change, here or on another tenant. A preview changes nothing.
          </Text>
          <Button
            component={Link}
            to={newRestorePath(detail.tenant_id, set.id)}
            leftSection={<IconEyeSearch size={16} aria-hidden />}
            style={{ flexShrink: 0 }}
            data-testid="preview-restore"
          >
            Preview restore…
          </Button>
        </Group>
      )}
      {/* A set still capturing is not exported yet; an empty one would only empty the folder, or document nothing. */}
      {set.status !== "capturing" && set.item_count > 0 && (
        <>
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {FOLDER_EXPORT_HELP}
            </Text>
            <ExportFolderButton
              tenant={tenant}
              setId={set.id}
              label="Export as folder…"
              data-testid="export-set-folder"
            />
          </Group>
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {DOCUMENT_HELP}
            </Text>
            <DocumentButton tenant={tenant} setId={set.id} label="Document this set…" data-testid="document-set" />
          </Group>
        </>
      )}
      <DetailTable caption="Backup set" details={setFacts(set, madeBy(set))} />
      <Missing set={set} typeLabel={typeLabel} />
      {set.origin !== undefined && (
        <ImportedOrigin
          origin={set.origin}
          typeLabel={labelsFirst(
            detail.items.map((item) => ({ object_type: item.object_type, label: item.type_label })),
            typeLabel,
          )}
        />
      )}
      <Completeness set={set} typeLabel={typeLabel} />
      <Versions detail={detail} />
    </Stack>
  );
}

/** Objects of a gap named at most, by their id in Graph (the run's failures list every one). */
const GAP_IDS_SHOWN = 5;

/** What the set lacks and why, each gap in a sentence with its reason in the catalog's words. */
function Missing({ set, typeLabel }: { set: BackupSet; typeLabel: (key: string) => string }) {
  if (set.missing.length === 0) return null;
  const failed = set.status === "failed";
  return (
    <Alert
      color={failed ? "red" : "yellow"}
      variant="light"
      icon={failed ? <IconCircleX aria-hidden /> : <IconAlertTriangle aria-hidden />}
      title={failed ? "Nothing usable was captured" : "This set is not the whole tenant"}
      data-testid="backup-set-missing"
    >
      <List size="sm" spacing={6}>
        {set.missing.map((gap) => (
          <List.Item key={gap.object_type} data-testid="backup-gap" data-reason-known={gapReason(gap.reason) !== null}>
            <Text size="sm">{gapSentence(gap, typeLabel)}</Text>
            {gap.object_type !== UNFINISHED && gap.objects.length > 0 && (
              <Text size="xs" c="dimmed" mt={2}>
                Not read:{" "}
                {gap.objects.slice(0, GAP_IDS_SHOWN).map((id, index) => (
                  <span key={id}>
                    {index > 0 && ", "}
                    <Code>{id}</Code>
                  </span>
                ))}
                {gap.objects.length > GAP_IDS_SHOWN && ` and ${gap.objects.length - GAP_IDS_SHOWN} more`}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Per type: listed, read and failed, so a partial set is never taken for the whole tenant. */
function Completeness({ set, typeLabel }: { set: BackupSet; typeLabel: (key: string) => string }) {
  const rows = completenessRows(set, typeLabel);
  if (rows.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>Completeness by type</Title>
      <Table withTableBorder verticalSpacing={4} aria-label="Completeness by type" data-testid="backup-set-types">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th w={80} ta="right">
              Listed
            </Table.Th>
            <Table.Th w={80} ta="right">
              Read
            </Table.Th>
            <Table.Th w={80} ta="right">
              Failed
            </Table.Th>
            <Table.Th w={190}>Read whole</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const why = row.error === undefined ? null : gapReason(row.error);
            return (
              <Table.Tr key={row.type} data-testid="backup-type-row" data-complete={row.complete}>
                <Table.Td>
                  <Text size="sm">{typeLabel(row.type)}</Text>
                </Table.Td>
                <Table.Td ta="right">{row.listed.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{row.read.toLocaleString()}</Table.Td>
                <Table.Td ta="right" c={row.failed > 0 ? "red.8" : undefined}>
                  {row.failed.toLocaleString()}
                </Table.Td>
                <Table.Td>
                  {row.complete ? (
                    <Text size="sm" c="green.8">
                      Yes
                    </Text>
                  ) : (
                    <Text size="sm" c="yellow.9" truncate="end" title={why ?? undefined}>
                      No{why === null ? "" : ` · ${why}`}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Versions listed at most at once; a type or "only new" narrows the list. */
const MAX_SHOWN = 200;
const ALL_TYPES = "all";

/**
 * The versions the set holds, by type, each naming its object (linked to the object's page when
 * the tenant's inventory lists it) with a "New" badge when this backup captured it.
 */
function Versions({ detail }: { detail: BackupSetDetail }) {
  const { set, items } = detail;
  const [type, setType] = useState(ALL_TYPES);
  const [onlyNew, setOnlyNew] = useState(false);
  const types = useMemo(() => {
    const counts = new Map<string, { label: string; count: number }>();
    for (const item of items) {
      const entry = counts.get(item.object_type) ?? { label: item.type_label, count: 0 };
      entry.count += 1;
      counts.set(item.object_type, entry);
    }
    return [...counts].map(([key, entry]) => ({ key, ...entry })).sort((a, b) => a.label.localeCompare(b.label));
  }, [items]);
  const typeKeys = useMemo(() => types.map((entry) => entry.key), [types]);
  const ids = useInventoryObjectIds(detail.tenant_id, typeKeys, items.length > 0);
  const shown = useMemo(
    () =>
      items
        .filter((item) => (type === ALL_TYPES || item.object_type === type) && (!onlyNew || item.new_in_set))
        .sort((a, b) => a.type_label.localeCompare(b.type_label) || a.display_name.localeCompare(b.display_name)),
    [items, type, onlyNew],
  );
  const listed = shown.slice(0, MAX_SHOWN);
  const groups = groupByType(listed);

  return (
    <Stack gap="xs" data-testid="backup-set-items">
      <Group gap="xs" align="baseline">
        <Title order={4}>Versions it holds</Title>
        <Text size="sm" c="dimmed">
          {items.length.toLocaleString()}
        </Text>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="backup-set-no-items">
          {set.status === "capturing"
            ? "Still capturing: versions show here as each type is read."
            : "This set holds no versions."}
        </Text>
      ) : (
        <>
          {set.status === "capturing" && (
            <Text size="sm" c="dimmed">
              Still capturing: more versions follow as the remaining types are read.
            </Text>
          )}
          <Group gap="md" align="flex-end" wrap="wrap">
            <Select
              label="Type"
              data={[
                { value: ALL_TYPES, label: `All types (${items.length.toLocaleString()})` },
                ...types.map((entry) => ({
                  value: entry.key,
                  label: `${entry.label} (${entry.count.toLocaleString()})`,
                })),
              ]}
              value={type}
              onChange={(next) => setType(next ?? ALL_TYPES)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              w={300}
              data-testid="backup-set-type-filter"
            />
            <Switch
              label={`Only new in this backup (${set.new_versions.toLocaleString()})`}
              checked={onlyNew}
              onChange={(event) => setOnlyNew(event.currentTarget.checked)}
              pb={8}
              data-testid="backup-set-only-new"
            />
          </Group>
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed">
              No version of this type is new in this backup.
            </Text>
          ) : (
            <Stack gap="sm">
              {groups.map((group) => (
                <Stack key={group.type} gap={4} data-testid="backup-item-group" data-type={group.type}>
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                    {group.label}
                  </Text>
                  <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label={group.label}>
                    {group.items.map((item) => (
                      <ItemRow
                        key={item.version_id}
                        item={item}
                        tenantId={detail.tenant_id}
                        itemId={ids.data?.[objectKey(item.object_type, item.external_id)]}
                      />
                    ))}
                  </Stack>
                </Stack>
              ))}
              {shown.length > MAX_SHOWN && (
                <Text size="sm" c="dimmed" data-testid="backup-set-items-more">
                  Showing {MAX_SHOWN.toLocaleString()} of {shown.length.toLocaleString()} versions: choose a type to
                  narrow the list.
                </Text>
              )}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

type ItemGroup = { type: string; label: string; items: BackupSetItem[] };

/** Consecutive items of one type, in the order given. */
function groupByType(items: readonly BackupSetItem[]): ItemGroup[] {
  const groups: ItemGroup[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.type === item.object_type) last.items.push(item);
    else groups.push({ type: item.object_type, label: item.type_label, items: [item] });
  }
  return groups;
}

/** One version: its object's name (a link to the object when the inventory lists it), its number and "New". */
function ItemRow({ item, tenantId, itemId }: { item: BackupSetItem; tenantId: string; itemId: string | undefined }) {
  return (
    <Group
      component="li"
      gap="xs"
      wrap="nowrap"
      justify="space-between"
      data-testid="backup-item"
      data-version-id={item.version_id}
      data-new={item.new_in_set}
    >
      {itemId === undefined ? (
        <Text size="sm" truncate="end" title={item.display_name}>
          {item.display_name}
        </Text>
      ) : (
        <Anchor component={Link} to={objectPath(tenantId, itemId)} size="sm" truncate="end" title={item.display_name}>
          {item.display_name}
        </Anchor>
      )}
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        {item.new_in_set && (
          <Badge size="xs" variant="light" color="blue" radius="sm" data-testid="backup-item-new">
            New
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          Version {item.version_number.toLocaleString()}
        </Text>
      </Group>
    </Group>
  );
}
