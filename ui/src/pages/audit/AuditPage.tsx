import {
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconCalendar, IconFilterOff, IconListDetails } from "@tabler/icons-react";
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useAppInfo, useAuditLog, useTenants } from "../../api";
import type { AuditRow, WorkspaceSummary } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { HEADER_HEIGHT } from "../../components/layout";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { useCurrentWorkspace } from "../../workspace";
import { dayOf } from "../operations/operationsView";
import { CopyableId } from "../tenants/cells";
import { DetailTable } from "../tenants/DetailTable";
import { AuditExportMenu } from "./AuditExportMenu";
import classes from "./AuditPage.module.css";
import {
  AREAS,
  type AuditArea,
  type AuditView,
  actorName,
  areaLabel,
  isAuditFiltered,
  NO_FILTERS,
  readAuditView,
  targetLink,
  targetTypeLabel,
  toAuditQuery,
  writeAuditView,
} from "./auditView";

/** The audit log (SPEC §9): read-only, filterable, with an inspect view and links to targets. */
export function AuditPage() {
  const { current } = useCurrentWorkspace();
  return <WorkspaceAudit key={current.workspace.id} workspace={current} />;
}

function WorkspaceAudit({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const [params, setParams] = useSearchParams();
  const view = readAuditView(params);
  const setView = (next: AuditView) =>
    setParams((currentParams) => writeAuditView(currentParams, next), { replace: true });
  const log = useAuditLog(workspaceId, toAuditQuery(view));
  const [inspected, setInspected] = useState<AuditRow | null>(null);
  const rows = useMemo(() => (log.data?.pages ?? []).flatMap((page) => page.items), [log.data]);
  const total = log.data?.pages[0]?.total ?? 0;
  const filtered = isAuditFiltered(view);

  // Operators seen in the log so far: the actor filter offers them (there is no member list to ask).
  const actors = useRef(new Map<string, string>());
  for (const row of rows) {
    if (row.entry.actor.kind === "user") actors.current.set(row.entry.actor.user_id, row.actor_name ?? "An operator");
  }

  let body: ReactNode;
  if (log.isPending) body = <AuditSkeleton />;
  else if (log.isError && rows.length === 0) {
    body = (
      <ErrorState
        title="The audit log could not be loaded"
        message={log.error.message}
        onRetry={() => void log.refetch()}
        retrying={log.isFetching}
      />
    );
  } else if (rows.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={IconFilterOff}
        title="No entries match"
        description="Nothing recorded in this workspace has that area, tenant, operator or date. Change or clear the filters."
        action={
          <Button variant="default" onClick={() => setView(NO_FILTERS)}>
            Clear filters
          </Button>
        }
        data-testid="audit-no-match"
      />
    ) : (
      <EmptyState
        icon={IconListDetails}
        title="Nothing recorded yet"
        description="Every change to this workspace, its tenants and every finished run is recorded here, with who did it and when."
        data-testid="audit-empty"
      />
    );
  } else {
    body = (
      <Stack gap="sm">
        <AuditTable rows={rows} onInspect={setInspected} dimmed={log.isPlaceholderData} />
        <Group justify="center" gap="sm">
          <Text size="sm" c="dimmed" data-testid="audit-shown">
            {rows.length.toLocaleString()} of {total.toLocaleString()} {total === 1 ? "entry" : "entries"}
          </Text>
          {log.hasNextPage && (
            <Button
              variant="default"
              size="xs"
              onClick={() => void log.fetchNextPage()}
              loading={log.isFetchingNextPage}
              data-testid="audit-load-more"
            >
              Load more
            </Button>
          )}
        </Group>
        {log.isError && (
          <Text size="sm" c="red" ta="center" role="alert">
            More entries could not be loaded: {log.error.message}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="audit-page">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Audit log
          </Title>
          <Text size="sm" c="dimmed">
            Who changed what in {workspace.workspace.name}, and how every run ended. Entries are never edited.
          </Text>
        </Stack>
        {total > 0 && <AuditExportMenu workspaceId={workspaceId} query={toAuditQuery(view)} />}
      </Group>
      <AuditFilters workspaceId={workspaceId} view={view} onChange={setView} actors={actors.current} />
      {body}
      <EntryDrawer row={inspected} workspace={workspace} onClose={() => setInspected(null)} />
    </Stack>
  );
}

type FiltersProps = {
  workspaceId: string;
  view: AuditView;
  onChange: (view: AuditView) => void;
  actors: Map<string, string>;
};

function AuditFilters({ workspaceId, view, onChange, actors }: FiltersProps) {
  const tenants = useTenants(workspaceId);
  const appInfo = useAppInfo();
  const me = appInfo.data?.user;
  const known = new Map(actors);
  if (me !== undefined) known.set(me.id, `${me.display_name} (you)`);
  if (view.actor !== null && !known.has(view.actor)) known.set(view.actor, "Selected operator");
  const actorOptions = [...known]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const tenantOptions = useMemo(
    () =>
      [...(tenants.data ?? [])]
        .sort((a, b) => a.display_name.localeCompare(b.display_name))
        .map((t) => ({ value: t.id, label: t.display_name })),
    [tenants.data],
  );
  return (
    <Group gap="sm" wrap="wrap" align="flex-end" data-testid="audit-filters">
      <Select
        w={190}
        aria-label="Area"
        placeholder="All areas"
        data={AREAS.map((area) => ({ value: area.value, label: area.label }))}
        value={view.area}
        onChange={(area) => onChange({ ...view, area: area as AuditArea | null })}
        clearable
        data-testid="audit-filter-area"
      />
      <Select
        w={210}
        aria-label="Tenant"
        placeholder="All tenants"
        data={tenantOptions}
        value={view.tenant}
        onChange={(tenant) => onChange({ ...view, tenant })}
        clearable
        searchable
        nothingFoundMessage="No tenant with that name"
        data-testid="audit-filter-tenant"
      />
      <Select
        w={210}
        aria-label="Operator"
        placeholder="Any operator or system"
        data={actorOptions}
        value={view.actor}
        onChange={(actor) => onChange({ ...view, actor })}
        clearable
        searchable
        data-testid="audit-filter-actor"
      />
      <DatePickerInput
        type="range"
        w={240}
        aria-label="Recorded between"
        placeholder="Any date"
        leftSection={<IconCalendar size={14} aria-hidden />}
        value={[view.from, view.until]}
        onChange={([from, until]) => {
          if ((from === null) !== (until === null)) return;
          onChange({
            ...view,
            from: from === null ? null : String(from).slice(0, 10),
            until: until === null ? null : String(until).slice(0, 10),
          });
        }}
        allowSingleDateInRange
        clearable
        maxDate={dayOf(new Date())}
        valueFormat="D MMM YYYY"
        data-testid="audit-filter-dates"
      />
      {isAuditFiltered(view) && (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconFilterOff size={14} aria-hidden />}
          onClick={() => onChange(NO_FILTERS)}
          data-testid="audit-clear"
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

/** The entries, newest first. Keyboard: arrows move between rows, Enter inspects one. */
function AuditTable({
  rows,
  onInspect,
  dimmed,
}: {
  rows: AuditRow[];
  onInspect: (row: AuditRow) => void;
  dimmed: boolean;
}) {
  const [focusIndex, setFocusIndex] = useState(0);
  const tabStop = Math.min(focusIndex, rows.length - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: AuditRow) => {
    const element = event.currentTarget;
    const move = (target: Element | null | undefined) => {
      if (target instanceof HTMLElement) {
        event.preventDefault();
        target.focus();
      }
    };
    if (event.key === "ArrowDown") move(element.nextElementSibling);
    else if (event.key === "ArrowUp") move(element.previousElementSibling);
    else if (event.key === "Home") move(element.parentElement?.firstElementChild);
    else if (event.key === "End") move(element.parentElement?.lastElementChild);
    else if (event.key === "Enter") {
      event.preventDefault();
      onInspect(row);
    }
  };
  return (
    <Table
      stickyHeader
      stickyHeaderOffset={HEADER_HEIGHT}
      highlightOnHover
      verticalSpacing={6}
      layout="fixed"
      aria-label="Audit log"
      data-testid="audit-table"
      style={{ opacity: dimmed ? 0.6 : 1 }}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={130}>When</Table.Th>
          <Table.Th w={130}>Area</Table.Th>
          <Table.Th>What happened</Table.Th>
          <Table.Th w={160}>By</Table.Th>
          <Table.Th w={180}>Tenant</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr
            key={row.entry.id}
            className={classes.row}
            tabIndex={index === tabStop ? 0 : -1}
            onFocus={() => setFocusIndex(index)}
            onClick={() => onInspect(row)}
            onKeyDown={(event) => onKeyDown(event, row)}
            data-testid="audit-row"
          >
            <Table.Td>
              <RelativeTime value={row.entry.created_at} size="sm" />
            </Table.Td>
            <Table.Td>
              <Badge variant="default" radius="sm" size="sm">
                {areaLabel(row.entry.action)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" truncate="end" title={row.entry.summary}>
                {row.entry.summary}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" truncate="end" c={row.entry.actor.kind === "system" ? "dimmed" : undefined}>
                {actorName(row)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" truncate="end" c={row.tenant_name === null ? "dimmed" : undefined}>
                {row.tenant_name ?? "—"}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const exactTime = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

/** The full entry: summary, actor, target with its link, time and metadata. */
function EntryDrawer({
  row,
  workspace,
  onClose,
}: {
  row: AuditRow | null;
  workspace: WorkspaceSummary;
  onClose: () => void;
}) {
  // Kept while the drawer closes, so its content does not vanish mid-transition.
  const last = useRef<AuditRow | null>(null);
  if (row !== null) last.current = row;
  const shown = row ?? last.current;
  return (
    <Drawer
      opened={row !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title="Audit entry"
      data-testid="audit-drawer"
    >
      {shown !== null && <EntryDetails row={shown} workspace={workspace} onNavigate={onClose} />}
    </Drawer>
  );
}

function EntryDetails({
  row,
  workspace,
  onNavigate,
}: {
  row: AuditRow;
  workspace: WorkspaceSummary;
  onNavigate: () => void;
}) {
  const { entry } = row;
  const link = targetLink(entry);
  const workspaceName = entry.workspace_id === workspace.workspace.id ? workspace.workspace.name : null;
  return (
    <Stack gap="md" data-testid="audit-entry">
      <Text size="md" fw={600} data-testid="audit-entry-summary">
        {entry.summary}
      </Text>
      <DetailTable
        caption="Audit entry"
        details={[
          {
            label: "When",
            value: (
              <Stack gap={0}>
                <Text size="sm">{exactTime.format(new Date(entry.created_at))}</Text>
                <RelativeTime value={entry.created_at} size="xs" c="dimmed" />
              </Stack>
            ),
          },
          { label: "By", value: actorName(row) },
          {
            label: "Action",
            value: (
              <Group gap={6}>
                <Badge variant="default" radius="sm" size="sm">
                  {areaLabel(entry.action)}
                </Badge>
                <Text size="xs" ff="monospace" c="dimmed">
                  {entry.action}
                </Text>
              </Group>
            ),
          },
          {
            label: "Target",
            value: (
              <Stack gap={2}>
                <Group gap={6}>
                  <Text size="sm">{targetTypeLabel(entry.target_type)}</Text>
                  {entry.target_type === "workspace" && workspaceName !== null && (
                    <Text size="sm" c="dimmed">
                      {workspaceName}
                    </Text>
                  )}
                  {entry.target_type === "tenant" &&
                    row.tenant_name !== null &&
                    entry.target_id === entry.tenant_id && (
                      <Text size="sm" c="dimmed">
                        {row.tenant_name}
                      </Text>
                    )}
                </Group>
                {entry.target_id !== null && <CopyableId value={entry.target_id} label="Copy target ID" />}
                {link !== null && (
                  <Anchor component={Link} to={link.to} size="sm" onClick={onNavigate} data-testid="audit-target-link">
                    {link.label}
                  </Anchor>
                )}
              </Stack>
            ),
          },
          {
            label: "Tenant",
            value:
              entry.tenant_id === null ? (
                <Text size="sm" c="dimmed">
                  None (workspace-wide)
                </Text>
              ) : (
                <Anchor
                  component={Link}
                  to={`/tenants/${entry.tenant_id}`}
                  size="sm"
                  onClick={onNavigate}
                  data-testid="audit-tenant-link"
                >
                  {row.tenant_name ?? entry.tenant_id}
                </Anchor>
              ),
          },
          { label: "Entry ID", value: <CopyableId value={entry.id} label="Copy entry ID" /> },
        ]}
      />
      <Stack gap={4}>
        <Group gap={6}>
          <Text size="sm" fw={500}>
            Metadata
          </Text>
          <Tooltip
            label="Structured details recorded with the entry, such as a run's counts or reconciliation evidence."
            withinPortal
            multiline
            maw={280}
          >
            <Text size="xs" c="dimmed">
              (what was recorded)
            </Text>
          </Tooltip>
        </Group>
        <Code block data-testid="audit-metadata" style={{ maxHeight: 480, overflow: "auto" }}>
          {JSON.stringify(entry.metadata, null, 2)}
        </Code>
      </Stack>
    </Stack>
  );
}

function AuditSkeleton() {
  return (
    <Stack gap={8} aria-busy="true" data-testid="audit-loading">
      {slots(10).map((line) => (
        <Skeleton key={line} height={28} radius="sm" />
      ))}
    </Stack>
  );
}
