import { ActionIcon, Button, Group, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconBuildingSkyscraper, IconPlus, IconRefresh, IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useWorkspaceOverview } from "../../api";
import type { TenantId, WorkspaceOverview, WorkspaceSummary } from "../../bindings/types";
import { ColumnChooser, type ColumnVisibility, useFittedColumns } from "../../components/columns";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { RelativeTime } from "../../components/RelativeTime";
import { useNow } from "../../components/useNow";
import { useCan, useCurrentWorkspace } from "../../workspace";
import { AddTenantModal } from "../tenants/AddTenantModal";
import { OVERVIEW_COLUMNS } from "./columns";
import { headline } from "./figures";
import { Headlines } from "./Headlines";
import { OverviewSkeleton } from "./OverviewSkeleton";
import { OverviewTable } from "./OverviewTable";
import { filterRows, type OverviewView, readView, sortRows, toggleSort, writeView } from "./overviewView";
import { RunsPerDay } from "./RunsPerDay";
import { SortSummary } from "./SortSummary";

/** The home page: every tenant of the workspace at a glance, worst first, and how its runs went. */
export function OverviewPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace so the table's highlight and the add-tenant dialog do not leak across workspaces.
  return <Overview key={current.workspace.id} workspace={current} />;
}

function Overview({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const overview = useWorkspaceOverview(workspaceId);
  const columns = useFittedColumns("overview", OVERVIEW_COLUMNS);
  const can = useCan(workspaceId);
  const [adding, setAdding] = useState(false);
  const canManage = can("tenant.manage");

  const addButton = canManage && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} data-testid="add-tenant">
      Add tenant
    </Button>
  );

  const body = overview.isPending ? (
    <OverviewSkeleton isShown={columns.isShown} />
  ) : overview.isError ? (
    <ErrorState
      title="The overview could not be loaded"
      message={overview.error.message}
      onRetry={() => void overview.refetch()}
      retrying={overview.isFetching}
    />
  ) : overview.data.tenants.length === 0 ? (
    <EmptyState
      icon={IconBuildingSkyscraper}
      title="No tenants yet"
      description={
        workspace.all_tenants
          ? `${workspace.workspace.name} has no customer tenants yet. Add one with the app registration TenantAtlas signs in with; its syncs, runs and drift then show up here.`
          : "You are not entitled to any tenants in this workspace. A workspace owner can grant access."
      }
      action={workspace.all_tenants ? addButton : undefined}
      data-testid="overview-empty"
    />
  ) : (
    <OverviewBody overview={overview.data} columns={columns} canViewRuns={can("operations.view")} />
  );

  return (
    <Stack gap="md" data-testid="overview-page">
      <PageHeader
        heading={
          <Stack gap={2}>
            <Title order={2} size="h3">
              Overview
            </Title>
            <Group gap={6} wrap="wrap">
              <Text size="sm" c="dimmed">
                {workspace.workspace.name}
              </Text>
              {overview.data !== undefined && (
                <>
                  <Text size="sm" c="dimmed" aria-hidden>
                    ·
                  </Text>
                  <Text size="sm" c="dimmed">
                    Updated
                  </Text>
                  <RelativeTime
                    value={overview.data.generated_at}
                    size="sm"
                    c="dimmed"
                    data-testid="overview-updated"
                  />
                </>
              )}
            </Group>
          </Stack>
        }
        actions={
          overview.data !== undefined && (
            <Tooltip label="Refresh the overview" withinPortal>
              <ActionIcon
                variant="default"
                size={36}
                onClick={() => void overview.refetch()}
                loading={overview.isFetching}
                aria-label="Refresh the overview"
                data-testid="overview-refresh"
              >
                <IconRefresh size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )
        }
      />
      <div ref={columns.ref}>{body}</div>
      {canManage && <AddTenantModal workspaceId={workspaceId} opened={adding} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

type OverviewBodyProps = {
  overview: WorkspaceOverview;
  columns: ColumnVisibility;
  canViewRuns: boolean;
};

function OverviewBody({ overview, columns, canViewRuns }: OverviewBodyProps) {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const setView = (next: OverviewView) => setParams((current) => writeView(current, next), { replace: true });
  const navigate = useNavigate();
  const now = useNow(60_000);
  const figures = useMemo(() => headline(overview), [overview]);
  const rows = useMemo(() => sortRows(filterRows(overview.tenants, view.search), view.sort), [overview.tenants, view]);
  const open = (tenantId: TenantId) => navigate(`/tenants/${encodeURIComponent(tenantId)}`);

  return (
    <>
      <Headlines figures={figures} now={now} canViewRuns={canViewRuns} />
      <RunsPerDay days={overview.days} />
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={0}>
            <Title order={3} size="h5">
              Tenants
            </Title>
            <SortSummary sort={view.sort} onReset={() => setView({ ...view, sort: { key: "attention" } })} />
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              w={240}
              size="sm"
              placeholder="Search name, domain or ID"
              aria-label="Search tenants"
              leftSection={<IconSearch size={14} aria-hidden />}
              value={view.search}
              onChange={(event) => setView({ ...view, search: event.currentTarget.value })}
              data-testid="overview-search"
            />
            <ColumnChooser table="Tenants at a glance" visibility={columns} />
          </Group>
        </Group>
        <OverviewTable
          rows={rows}
          sort={view.sort}
          onSort={(key) => setView({ ...view, sort: toggleSort(view.sort, key) })}
          layout={columns}
          onOpen={open}
          resetKey={`${JSON.stringify(view.sort)}|${view.search}`}
          search={view.search}
          context={{ now, canViewRuns }}
        />
      </Stack>
    </>
  );
}
