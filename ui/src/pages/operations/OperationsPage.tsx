import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import {
  IconActivityHeartbeat,
  IconCalendar,
  IconFilterOff,
  IconSearch,
  IconSortAscending,
  IconSortDescending,
} from "@tabler/icons-react";
import { type ReactNode, useMemo } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useAppInfo, useMembers, useRunIndexPages, useRunsActivitySince, useRunsOverview, useTenants } from "../../api";
import type { RunListRow, RunsOverview, RunTab, TypeCount, WorkspaceSummary } from "../../bindings/types";
import type { VocabularyDomain } from "../../bindings/vocabulary";
import { ColumnChooser, useFittedColumns } from "../../components/columns";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SavedFiltersMenu } from "../../components/savedFilters";
import { slots } from "../../components/slots";
import { useDebouncedSearch } from "../../components/useDebouncedSearch";
import { TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { iconFor, present, toneColor, type VocabularyCode } from "../../vocabulary";
import { useCurrentWorkspace } from "../../workspace";
import {
  cleared,
  dayOf,
  FRESHNESS_FILTERS,
  formatTotal,
  isFiltered,
  OPERATION_TYPES,
  type OperationsView,
  RUN_OUTCOMES,
  RUN_PAGE_SIZE,
  RUN_STATUSES,
  readView,
  TABS,
  toQuery,
  VIEW_PARAMS,
  writeView,
} from "./operationsView";
import { RunsExportMenu } from "./RunsExportMenu";
import { RUN_COLUMNS, RunsTable } from "./RunsTable";

const TAB_LABELS: Record<RunTab, string> = {
  active: "Active",
  likely_stale: present("freshness", "likely_stale").label,
  failed: present("run_outcome", "failed").label,
  all: "All",
};

/** Monitoring (SPEC §3.7): every run of the workspace, what needs attention first. */
export function OperationsPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace so the table's position does not leak across workspaces.
  return <WorkspaceOperations key={current.workspace.id} workspace={current} />;
}

function WorkspaceOperations({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: OperationsView) =>
    setParams((currentParams) => writeView(currentParams, next), { replace: true });
  const activeSince = useRunsActivitySince(workspaceId);
  const overview = useRunsOverview(workspaceId, activeSince);

  return (
    <Stack gap="md" data-testid="operations-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Operations
          </Title>
          <Text size="sm" c="dimmed">
            Every sync and background job of {workspace.workspace.name}, live.
          </Text>
        </Stack>
      </Group>
      <OverviewCards overview={overview.data} error={overview.error?.message ?? null} onPick={setView} view={view} />
      <Tabs
        value={view.tab}
        onChange={(tab) => tab !== null && setView({ ...view, tab: tab as RunTab })}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((tab) => (
            <Tabs.Tab
              key={tab}
              value={tab}
              rightSection={<TabCount tab={tab} overview={overview.data} />}
              data-testid={`runs-tab-${tab}`}
            >
              {TAB_LABELS[tab]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Filters workspaceId={workspaceId} view={view} onChange={setView} />
      <Results workspaceId={workspaceId} view={view} onChange={setView} activeSince={activeSince} />
    </Stack>
  );
}

function TabCount({ tab, overview }: { tab: RunTab; overview: RunsOverview | undefined }) {
  if (overview === undefined) return null;
  const count = tab === "active" ? overview.active : tab === "likely_stale" ? overview.likely_stale : null;
  if (count === null || count === 0) return null;
  const color = tab === "likely_stale" ? toneColor(present("freshness", "likely_stale").tone) : "blue";
  return (
    <Badge size="xs" variant="light" color={color} radius="sm" data-testid={`runs-tab-count-${tab}`}>
      {count.toLocaleString()}
    </Badge>
  );
}

/** "Inventory sync 3 · Policy sync 1": the most affected types. */
function byType(types: TypeCount[]): string {
  return types
    .slice(0, 3)
    .map((entry) => `${present("operation_type", entry.type).label} ${entry.count.toLocaleString()}`)
    .join(" · ");
}

type OverviewCardsProps = {
  overview: RunsOverview | undefined;
  error: string | null;
  view: OperationsView;
  onPick: (view: OperationsView) => void;
};

/** What needs attention: active work, likely stale runs and runs reconciled in the last 7 days. */
function OverviewCards({ overview, error, view, onPick }: OverviewCardsProps) {
  if (error !== null) {
    return (
      <Text size="sm" c="red" data-testid="runs-overview-error">
        The run summary could not be loaded: {error}
      </Text>
    );
  }
  if (overview === undefined) {
    return (
      <SimpleGrid cols={3} spacing="sm" aria-busy="true">
        {[0, 1, 2].map((card) => (
          <Skeleton key={card} height={74} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  const weekAgo = new Date();
  weekAgo.setDate(weekAgo.getDate() - 7);
  return (
    <SimpleGrid cols={3} spacing="sm" data-testid="runs-overview">
      <OverviewCard
        domain="freshness"
        code="fresh_active"
        title="Active"
        count={overview.active}
        detail={overview.active === 0 ? "Nothing is running" : "Queued or running now"}
        onClick={() => onPick({ ...cleared(view), tab: "active" })}
        testId="overview-active"
      />
      <OverviewCard
        domain="freshness"
        code="likely_stale"
        title={present("freshness", "likely_stale").label}
        count={overview.likely_stale}
        detail={
          overview.likely_stale === 0 ? "Every active run is reporting progress" : byType(overview.likely_stale_by_type)
        }
        onClick={() => onPick({ ...cleared(view), tab: "likely_stale" })}
        testId="overview-stale"
      />
      <OverviewCard
        domain="freshness"
        code="reconciled_failed"
        title="Reconciled · 7 days"
        count={overview.reconciled}
        detail={
          overview.reconciled === 0 ? "No run had to be ended automatically" : byType(overview.reconciled_by_type)
        }
        onClick={() => onPick({ ...cleared(view), tab: "all", freshness: ["reconciled_failed"], from: dayOf(weekAgo) })}
        testId="overview-reconciled"
      />
    </SimpleGrid>
  );
}

type OverviewCardProps<D extends VocabularyDomain> = {
  domain: D;
  code: VocabularyCode<D>;
  title: string;
  count: number;
  detail: string;
  onClick: () => void;
  testId: string;
};

function OverviewCard<D extends VocabularyDomain>({
  domain,
  code,
  title,
  count,
  detail,
  onClick,
  testId,
}: OverviewCardProps<D>) {
  const { tone, icon } = present(domain, code);
  const IconComponent = iconFor(icon);
  // The tone only when there is something to see: zero stale runs is not a warning.
  const color = count > 0 ? toneColor(tone) : "gray";
  return (
    <UnstyledButton
      onClick={onClick}
      data-testid={testId}
      aria-label={`${title}: ${count.toLocaleString()}. ${detail}. Show them.`}
    >
      <Paper withBorder radius="md" p="sm" h="100%">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconComponent
            size={20}
            color={`var(--mantine-color-${color}-6)`}
            aria-hidden
            style={{ flexShrink: 0, marginTop: 2 }}
          />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Group gap={6} align="baseline">
              <Text size="xl" fw={700} c={count > 0 ? `${color}.7` : undefined} data-testid={`${testId}-count`}>
                {count.toLocaleString()}
              </Text>
              <Text size="sm" fw={500}>
                {title}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" lineClamp={2} data-testid={`${testId}-detail`}>
              {detail}
            </Text>
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

function options<D extends VocabularyDomain>(domain: D, codes: readonly VocabularyCode<D>[]) {
  return codes.map((code) => ({ value: code, label: present(domain, code).label }));
}

function Filters({
  workspaceId,
  view,
  onChange,
}: {
  workspaceId: string;
  view: OperationsView;
  onChange: (view: OperationsView) => void;
}) {
  const tenants = useTenants(workspaceId);
  const appInfo = useAppInfo();
  const [text, setText] = useDebouncedSearch(view, onChange);

  const tenantOptions = useMemo(
    () =>
      [...(tenants.data ?? [])]
        .sort((a, b) => a.display_name.localeCompare(b.display_name))
        .map((tenant) => ({ value: tenant.id, label: tenant.display_name })),
    [tenants.data],
  );
  const me = appInfo.data?.user;
  const members = useMembers(workspaceId);
  const startedBy = view.initiators[0] ?? "anyone";
  const initiatorOptions = useMemo(
    () => [
      { value: "anyone", label: "Started by anyone" },
      ...(me !== undefined ? [{ value: me.id, label: "Started by me" }] : []),
      ...(members.data ?? [])
        .filter((member) => member.user.id !== me?.id)
        .map((member) => ({ value: member.user.id, label: `Started by ${member.user.display_name}` })),
      // A filter from an address for someone who is no longer a member still reads truthfully.
      ...(startedBy !== "anyone" && startedBy !== me?.id && !(members.data ?? []).some((m) => m.user.id === startedBy)
        ? [{ value: startedBy, label: "Started by another operator" }]
        : []),
    ],
    [me, members.data, startedBy],
  );
  const range: [string | null, string | null] = [view.from, view.until];

  return (
    <Group gap="sm" wrap="wrap" align="flex-end" data-testid="runs-filters">
      <TextInput
        w={220}
        placeholder="Run ID or tenant name"
        aria-label="Search runs"
        leftSection={<IconSearch size={14} aria-hidden />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        data-testid="runs-search"
      />
      <MultiSelect
        w={190}
        placeholder={view.types.length === 0 ? "All operations" : undefined}
        aria-label="Operation"
        data={options("operation_type", OPERATION_TYPES)}
        value={view.types}
        onChange={(types) => onChange({ ...view, types: types as OperationsView["types"] })}
        clearable
        searchable
        data-testid="runs-filter-type"
      />
      <MultiSelect
        w={150}
        placeholder={view.statuses.length === 0 ? "Any status" : undefined}
        aria-label="Status"
        data={options("run_status", RUN_STATUSES)}
        value={view.statuses}
        onChange={(statuses) => onChange({ ...view, statuses: statuses as OperationsView["statuses"] })}
        clearable
        data-testid="runs-filter-status"
      />
      <MultiSelect
        w={170}
        placeholder={view.outcomes.length === 0 ? "Any outcome" : undefined}
        aria-label="Outcome"
        data={options("run_outcome", RUN_OUTCOMES)}
        value={view.outcomes}
        onChange={(outcomes) => onChange({ ...view, outcomes: outcomes as OperationsView["outcomes"] })}
        clearable
        data-testid="runs-filter-outcome"
      />
      <MultiSelect
        w={170}
        placeholder={view.freshness.length === 0 ? "Any freshness" : undefined}
        aria-label="Freshness"
        data={options("freshness", FRESHNESS_FILTERS)}
        value={view.freshness}
        onChange={(freshness) => onChange({ ...view, freshness: freshness as OperationsView["freshness"] })}
        clearable
        data-testid="runs-filter-freshness"
      />
      <MultiSelect
        w={190}
        placeholder={view.tenants.length === 0 ? "All tenants" : undefined}
        aria-label="Tenant"
        data={tenantOptions}
        value={view.tenants}
        onChange={(selected) => onChange({ ...view, tenants: selected })}
        clearable
        searchable
        nothingFoundMessage="No tenant with that name"
        data-testid="runs-filter-tenant"
      />
      <Select
        w={190}
        aria-label="Started by"
        data={initiatorOptions}
        value={startedBy}
        onChange={(value) => {
          if (value === null || value === startedBy) return;
          onChange({ ...view, initiators: value === "anyone" ? [] : [value] });
        }}
        allowDeselect={false}
        data-testid="runs-filter-initiator"
      />
      <DatePickerInput
        type="range"
        w={230}
        aria-label="Created between"
        placeholder="Any date"
        leftSection={<IconCalendar size={14} aria-hidden />}
        value={range}
        onChange={([from, until]) => {
          // A range is written once both ends are picked (or when it is cleared).
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
        data-testid="runs-filter-dates"
      />
      <Button
        variant="default"
        leftSection={
          view.direction === "desc" ? (
            <IconSortDescending size={16} aria-hidden />
          ) : (
            <IconSortAscending size={16} aria-hidden />
          )
        }
        onClick={() => onChange({ ...view, direction: view.direction === "desc" ? "asc" : "desc" })}
        aria-label={view.direction === "desc" ? "Newest first: show oldest first" : "Oldest first: show newest first"}
        data-testid="runs-direction"
      >
        {view.direction === "desc" ? "Newest first" : "Oldest first"}
      </Button>
      <SavedFiltersMenu tableId="operations" table="Runs" params={VIEW_PARAMS} />
    </Group>
  );
}

type ResultsProps = {
  workspaceId: string;
  view: OperationsView;
  onChange: (view: OperationsView) => void;
  activeSince: number | null;
};

function Results({ workspaceId, view, onChange, activeSince }: ResultsProps) {
  const navigate = useNavigate();
  const query = toQuery(view);
  const [first] = useRunIndexPages(workspaceId, query, [0], RUN_PAGE_SIZE, activeSince);
  const columns = useFittedColumns("operations", RUN_COLUMNS);
  const open = (row: RunListRow) => navigate(`/runs/${row.run.id}`);
  const clear = () => onChange(cleared(view));
  const filtered = isFiltered(view);

  // Measured while the skeleton shows, so the first render with rows already fits its columns.
  if (first === undefined || first.isPending) {
    return (
      <div ref={columns.ref}>
        <TableSkeleton />
      </div>
    );
  }
  if (first.isError) {
    return (
      <ErrorState
        title="Runs could not be loaded"
        message={first.error.message}
        onRetry={() => void first.refetch()}
        retrying={first.isFetching}
      />
    );
  }
  const { total, total_capped: capped } = first.data;
  return (
    <Stack gap="xs" ref={columns.ref}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="runs-total">
            {formatTotal(total, capped)} {total === 1 && !capped ? "run" : "runs"}
            {filtered ? " match" : ""}
            {capped ? " · only the first 10,000 are listed: narrow the filters to reach the rest" : ""}
          </Text>
          {filtered && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconFilterOff size={14} aria-hidden />}
              onClick={clear}
              data-testid="runs-clear"
            >
              Clear filters
            </Button>
          )}
        </Group>
        {total > 0 && (
          <Group gap="xs" wrap="nowrap">
            <RunsExportMenu workspaceId={workspaceId} query={query} choices={columns.choices} />
            <ColumnChooser table="Runs" visibility={columns} />
          </Group>
        )}
      </Group>
      {total === 0 ? (
        <NoRuns view={view} filtered={filtered} onClear={clear} onAll={() => onChange({ ...view, tab: "all" })} />
      ) : (
        <RunsTable
          workspaceId={workspaceId}
          query={query}
          first={first.data}
          activeSince={activeSince}
          layout={columns}
          onOpen={open}
          onToggleDirection={() => onChange({ ...view, direction: view.direction === "desc" ? "asc" : "desc" })}
        />
      )}
    </Stack>
  );
}

/** Says whether the workspace has no runs at all, none in this tab, or none matching the filters. */
function NoRuns({
  view,
  filtered,
  onClear,
  onAll,
}: {
  view: OperationsView;
  filtered: boolean;
  onClear: () => void;
  onAll: () => void;
}) {
  if (filtered) {
    return (
      <EmptyState
        icon={IconFilterOff}
        title="No runs match"
        description="No run in this tab has that operation, status, outcome, freshness, tenant, date or text. Change or clear the filters."
        action={
          <Button variant="default" onClick={onClear}>
            Clear filters
          </Button>
        }
        data-testid="runs-no-match"
      />
    );
  }
  const allButton = (
    <Button variant="default" onClick={onAll}>
      Show all runs
    </Button>
  );
  const states: Record<RunTab, { title: string; description: ReactNode; action?: ReactNode }> = {
    all: {
      title: "No runs yet",
      description:
        "Every sync and background job appears here once it starts: start one from a tenant's page, or with Sync all on Tenants.",
    },
    active: {
      title: "Nothing is running",
      description: "No run is queued or running in this workspace right now.",
      action: allButton,
    },
    likely_stale: {
      title: `No ${present("freshness", "likely_stale").label.toLowerCase()} runs`,
      description: "Every active run is reporting progress on time.",
      action: allButton,
    },
    failed: { title: "No failed runs", description: "No run in this workspace has failed.", action: allButton },
  };
  const state = states[view.tab];
  return (
    <EmptyState
      icon={IconActivityHeartbeat}
      title={state.title}
      description={state.description}
      action={state.action}
      data-testid={view.tab === "all" ? "runs-empty" : "runs-tab-empty"}
    />
  );
}

function TableSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading runs" data-testid="runs-loading">
      <Table.Tbody>
        {slots(10).map((row) => (
          <Table.Tr key={row} style={{ height: TABLE_ROW_HEIGHT }}>
            {RUN_COLUMNS.map((column) => (
              <Table.Td key={column.key}>
                <Skeleton height={12} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
