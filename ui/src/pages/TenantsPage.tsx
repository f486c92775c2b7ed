import { Badge, Button, Group, Menu, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import {
  IconArchive,
  IconBuildingSkyscraper,
  IconChevronDown,
  IconDatabaseExport,
  IconFlask,
  IconPlus,
  IconRefresh,
  IconSearch,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useLastSyncs, useTenants } from "../api";
import type { LastSync, SyncKind, Tenant, TenantId, WorkspaceSummary } from "../bindings/types";
import { ColumnChooser, SELECT_COLUMN_WIDTH, useFittedColumns } from "../components/columns";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { SavedFiltersMenu } from "../components/savedFilters";
import { SYNC_KINDS, syncKindLabel, useWorkspaceBackup, useWorkspaceSync } from "../runs";
import { useCurrentWorkspace } from "../workspace";
import { AddTenantModal } from "./tenants/AddTenantModal";
import { BulkActionBar } from "./tenants/BulkActionBar";
import { type TenantRow, tenantColumnSpecs } from "./tenants/columns";
import { withSelection } from "./tenants/selection";
import { TenantsExportMenu } from "./tenants/TenantsExportMenu";
import { TenantsTable } from "./tenants/TenantsTable";
import { TenantsTableSkeleton } from "./tenants/TenantsTableSkeleton";
import { useTenantsTable } from "./tenants/useTenantsTable";

/** `?archived=show` lists archived tenants too; without it they are hidden (the default). */
export const ARCHIVED_PARAM = "archived";
/** `?q=…` searches names, domains and directory ids. */
export const SEARCH_PARAM = "q";
/** The address parameters the list's filters are kept in: what a saved filter holds. */
const FILTER_PARAMS: readonly string[] = [SEARCH_PARAM, ARCHIVED_PARAM];

/** Tenants still in service: archived ones are out of every count, list and "Sync all" by default. */
export function inService(tenants: readonly Tenant[]): Tenant[] {
  return tenants.filter((tenant) => tenant.status !== "archived");
}

export function TenantsPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace so search and sorting do not leak across workspaces.
  return <WorkspaceTenants key={current.workspace.id} workspace={current} />;
}

function WorkspaceTenants({ workspace: current }: { workspace: WorkspaceSummary }) {
  const workspaceId = current.workspace.id;
  const tenants = useTenants(workspaceId);
  const lastSyncs = useLastSyncs(workspaceId);
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [params, setParams] = useSearchParams();
  const showArchived = params.get(ARCHIVED_PARAM) === "show";
  const search = params.get(SEARCH_PARAM) ?? "";
  const setParam = (name: string, value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null || value === "") next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const setShowArchived = (show: boolean) => setParam(ARCHIVED_PARAM, show ? "show" : null);
  const canManage = current.capabilities.includes("tenant.manage");
  const canSync = current.capabilities.includes("tenant.sync");
  // Rows are selectable only for an operator who may act on them in bulk.
  const canSelect = canManage || canSync;

  const columns = useFittedColumns("tenants", tenantColumnSpecs, { reserved: canSelect ? SELECT_COLUMN_WIDTH : 0 });
  const list = tenants.data;
  const serving = useMemo(() => (list === undefined ? undefined : inService(list)), [list]);
  const archivedCount = list !== undefined && serving !== undefined ? list.length - serving.length : 0;
  const listed = showArchived ? list : serving;
  const rows = useMemo(() => tenantRows(listed ?? [], lastSyncs.data ?? []), [listed, lastSyncs.data]);
  const model = useTenantsTable(rows, search, columns);

  // A selection belongs to the rows it was made on: another search or archived choice starts with none.
  const [selected, setSelected] = useState<ReadonlySet<TenantId>>(new Set());
  const selectionKey = `${search}|${showArchived}`;
  const [selectedFor, setSelectedFor] = useState(selectionKey);
  if (selectedFor !== selectionKey) {
    setSelectedFor(selectionKey);
    setSelected(new Set());
  }
  const clearSelection = () => setSelected(new Set());
  // Only tenants still listed count (one may have gone meanwhile).
  const selectedTenants = (listed ?? []).filter((tenant) => selected.has(tenant.id));
  const hasTenants = list !== undefined && list.length > 0;
  const open = (tenantId: TenantId) => navigate(`/tenants/${tenantId}`);
  const addButton = canManage && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} data-testid="add-tenant">
      Add tenant
    </Button>
  );

  const body = tenants.isPending ? (
    <TenantsTableSkeleton isShown={columns.isShown} />
  ) : tenants.isError ? (
    <ErrorState
      title="Tenants could not be loaded"
      message={tenants.error.message}
      onRetry={() => void tenants.refetch()}
      retrying={tenants.isFetching}
    />
  ) : tenants.data.length === 0 ? (
    <EmptyState
      icon={IconBuildingSkyscraper}
      title="No tenants to show"
      description={
        current.all_tenants
          ? "This workspace has no tenants yet. Add a customer tenant with the app registration TenantAtlas signs in with."
          : "You are not entitled to any tenants in this workspace. A workspace owner can grant access."
      }
      action={current.all_tenants ? addButton : undefined}
      data-testid="tenants-empty"
    />
  ) : rows.length === 0 ? (
    <EmptyState
      icon={IconArchive}
      title="No tenants in service"
      description={
        archivedCount === 1
          ? "This workspace's only tenant is archived, and archived tenants are hidden. Show it to look at its records or to reactivate it."
          : `All ${archivedCount} tenants of this workspace are archived, and archived tenants are hidden. Show them to look at their records or to reactivate one.`
      }
      action={
        <Button variant="default" onClick={() => setShowArchived(true)} data-testid="tenants-show-archived">
          Show archived tenants
        </Button>
      }
      data-testid="tenants-all-archived"
    />
  ) : (
    <TenantsTable
      model={model}
      search={search}
      layout={columns}
      selection={
        canSelect
          ? {
              selected,
              onSelect: (ids, on) => setSelected((current) => withSelection(current, ids, on)),
              onClear: clearSelection,
            }
          : null
      }
      onOpen={open}
    />
  );

  return (
    <Stack gap="md" data-testid="tenants-page">
      <PageHeader
        heading={
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h3">
                Tenants
              </Title>
              {serving !== undefined && (
                // Tenants in service: archived ones are never counted, shown or not.
                <Badge
                  variant="default"
                  radius="sm"
                  aria-label={`${serving.length} ${serving.length === 1 ? "tenant" : "tenants"}`}
                  data-testid="tenant-count"
                >
                  {serving.length}
                </Badge>
              )}
            </Group>
            {listed?.some((tenant) => tenant.simulated) && (
              <Text size="xs" c="dimmed">
                Tenants marked{" "}
                <IconFlask
                  size={12}
                  aria-label="with a flask"
                  role="img"
                  color="var(--mantine-color-violet-6)"
                  style={{ verticalAlign: "-2px" }}
                />{" "}
                are simulated: served by the built-in simulated Microsoft cloud, not by Microsoft.
              </Text>
            )}
            {lastSyncs.isError && (
              <Text size="xs" c="red" data-testid="last-syncs-error">
                Last syncs could not be loaded: {lastSyncs.error.message}
              </Text>
            )}
          </Stack>
        }
        actions={
          hasTenants && (
            <>
              <TextInput
                w={260}
                size="sm"
                placeholder="Search name, domain or ID"
                aria-label="Search tenants"
                leftSection={<IconSearch size={14} aria-hidden />}
                value={search}
                onChange={(event) => setParam(SEARCH_PARAM, event.currentTarget.value)}
                data-testid="tenant-search"
              />
              {archivedCount > 0 && (
                <Switch
                  label={`Show archived (${archivedCount})`}
                  checked={showArchived}
                  onChange={(event) => setShowArchived(event.currentTarget.checked)}
                  data-testid="show-archived"
                />
              )}
              <SavedFiltersMenu tableId="tenants" table="Tenants" params={FILTER_PARAMS} />
              <ColumnChooser table="Tenants" visibility={columns} />
              {rows.length > 0 && (
                <TenantsExportMenu
                  workspaceId={workspaceId}
                  model={model}
                  choices={columns.choices}
                  selected={new Set(selectedTenants.map((tenant) => tenant.id))}
                />
              )}
              {canSync && serving !== undefined && serving.length > 0 && (
                <>
                  <BackUpAllButton workspaceId={workspaceId} />
                  <SyncAllMenu workspaceId={workspaceId} />
                </>
              )}
              {addButton}
            </>
          )
        }
      />
      {selectedTenants.length > 0 && (
        <BulkActionBar tenants={selectedTenants} canSync={canSync} canManage={canManage} onClear={clearSelection} />
      )}
      <div ref={columns.ref}>{body}</div>
      {canManage && <AddTenantModal workspaceId={workspaceId} opened={adding} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

/** Backs up every active tenant: one toast for the batch, from start to end. */
function BackUpAllButton({ workspaceId }: { workspaceId: string }) {
  const { start, isPending } = useWorkspaceBackup(workspaceId);
  return (
    <Button
      variant="default"
      leftSection={<IconDatabaseExport size={16} aria-hidden />}
      onClick={() => void start()}
      loading={isPending}
      data-testid="back-up-all"
    >
      Back up all
    </Button>
  );
}

function SyncAllMenu({ workspaceId }: { workspaceId: string }) {
  const { start, isPending } = useWorkspaceSync(workspaceId);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={isPending}
          data-testid="sync-all"
        >
          Sync all
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Sync every active tenant</Menu.Label>
        {SYNC_KINDS.map((kind: SyncKind) => (
          <Menu.Item key={kind} onClick={() => void start(kind)} data-testid={`sync-all-${kind}`}>
            {syncKindLabel(kind)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function tenantRows(tenants: TenantRow["tenant"][], lastSyncs: LastSync[]): TenantRow[] {
  const byTenant = new Map<TenantId, TenantRow["syncs"]>();
  for (const sync of lastSyncs) {
    const syncs = byTenant.get(sync.tenant_id) ?? {};
    syncs[sync.kind] = sync;
    byTenant.set(sync.tenant_id, syncs);
  }
  return tenants.map((tenant) => ({ tenant, syncs: byTenant.get(tenant.id) ?? {} }));
}
