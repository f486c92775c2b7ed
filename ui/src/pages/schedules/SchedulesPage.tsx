import { Anchor, Badge, Button, Group, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconCalendarTime, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useSchedules, useTenants } from "../../api";
import type { ScheduleView, Tenant, WorkspaceSummary } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import classes from "../../components/plainList.module.css";
import { slots } from "../../components/slots";
import { useCan, useCurrentWorkspace } from "../../workspace";
import { DeleteScheduleModal } from "./DeleteScheduleModal";
import { ScheduleFormModal } from "./ScheduleFormModal";
import { ScheduleRow } from "./ScheduleRow";
import { schedulesOfTenant, sortSchedules } from "./scheduleView";

/**
 * Scheduled syncs and backups of the workspace: what each starts, when (in its own time zone),
 * a backup's retention and its next starts; members who may sync create, pause, edit and delete
 * them. `?tenant=` narrows the list to one tenant's (with those of every tenant); `?new` opens the
 * form for a new one.
 */
export function SchedulesPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace: an open form or filter must not carry over to another workspace.
  return <WorkspaceSchedules key={current.workspace.id} workspace={current} />;
}

function WorkspaceSchedules({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const canManage = useCan(workspaceId)("tenant.sync");
  const schedules = useSchedules(workspaceId);
  const tenants = useTenants(workspaceId);
  const [params, setParams] = useSearchParams();
  const tenantFilter = params.get("tenant");
  const requested = params.has("new");
  const [creating, setCreating] = useState(false);
  // The schedule last edited or deleted stays set while its dialog closes, so the dialog does not
  // change under its closing animation; `open` says whether it shows.
  const [editing, setEditing] = useState<{ view: ScheduleView; open: boolean } | null>(null);
  const [deleting, setDeleting] = useState<{ view: ScheduleView; open: boolean } | null>(null);
  const tenantsById = useMemo(() => new Map((tenants.data ?? []).map((tenant) => [tenant.id, tenant])), [tenants.data]);
  const filterTenant = tenantFilter === null ? undefined : tenantsById.get(tenantFilter);

  const setFilter = (tenantId: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (tenantId === null) next.delete("tenant");
        else next.set("tenant", tenantId);
        return next;
      },
      { replace: true },
    );
  const closeForm = () => {
    setCreating(false);
    if (requested) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete("new");
          return next;
        },
        { replace: true },
      );
    }
  };

  const newButton = canManage && (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setCreating(true)}
      style={{ flexShrink: 0 }}
      data-testid="new-schedule"
    >
      New schedule
    </Button>
  );
  const all = schedules.data ?? [];
  const shown = sortSchedules(tenantFilter === null ? all : schedulesOfTenant(all, tenantFilter));

  const body = schedules.isPending ? (
    <Stack gap="xs" aria-busy="true" data-testid="schedules-loading">
      {slots(3).map((slot) => (
        <Skeleton key={slot} height={84} radius="md" />
      ))}
    </Stack>
  ) : schedules.isError ? (
    <ErrorState
      title="The schedules could not be loaded"
      message={schedules.error.message}
      onRetry={() => void schedules.refetch()}
      retrying={schedules.isFetching}
    />
  ) : all.length === 0 ? (
    <EmptyState
      icon={IconCalendarTime}
      title="No scheduled syncs yet"
      description={
        <>
          A schedule starts a sync or a backup by itself — every night, on weekdays, every few hours — in the time zone
          you choose, for one tenant or for every active tenant. The runs it starts show up under Operations like any
          other.
          {!canManage && " A member who may sync tenants can create one."}
        </>
      }
      action={newButton || undefined}
      data-testid="schedules-empty"
    />
  ) : (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Tenant"
          placeholder="Every tenant"
          data={filterOptions(tenants.data ?? [], tenantFilter)}
          value={tenantFilter}
          onChange={setFilter}
          clearable
          searchable
          nothingFoundMessage="No tenant by that name"
          w={260}
          data-testid="schedules-tenant-filter"
        />
        {tenantFilter !== null && (
          <Text size="xs" c="dimmed" pb={8}>
            With the schedules of every active tenant, which cover it too.
          </Text>
        )}
      </Group>
      {shown.length === 0 ? (
        <Stack gap="xs" align="flex-start" data-testid="schedules-none-for-tenant">
          <Text size="sm" c="dimmed">
            No schedule syncs or backs up {filterTenant?.display_name ?? "this tenant"}.
          </Text>
          <Anchor component="button" type="button" size="sm" onClick={() => setFilter(null)}>
            Show every schedule
          </Anchor>
        </Stack>
      ) : (
        <Stack gap="xs" component="ul" className={classes.plainList} aria-label="Schedules" data-testid="schedule-list">
          {shown.map((view) => (
            <ScheduleRow
              key={view.schedule.id}
              view={view}
              tenant={view.schedule.tenant_id === null ? undefined : tenantsById.get(view.schedule.tenant_id)}
              canManage={canManage}
              onEdit={() => setEditing({ view, open: true })}
              onDelete={() => setDeleting({ view, open: true })}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );

  return (
    <Stack gap="md" data-testid="schedules-page">
      <PageHeader
        heading={
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h3">
                Schedules
              </Title>
              {all.length > 0 && (
                <Badge
                  variant="default"
                  radius="sm"
                  aria-label={`${all.length} schedules`}
                  data-testid="schedule-count"
                >
                  {all.length}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Syncs and backups that start by themselves at set times, each in its own time zone. The runs they start
              are listed under{" "}
              <Anchor component={Link} to="/operations" size="sm">
                Operations
              </Anchor>
              .
            </Text>
          </Stack>
        }
        actions={all.length > 0 && newButton}
      />
      {body}
      {canManage && (
        <>
          <ScheduleFormModal
            workspaceId={workspaceId}
            opened={creating || requested}
            onClose={closeForm}
            initialTenantId={tenantFilter}
          />
          {editing !== null && (
            <ScheduleFormModal
              workspaceId={workspaceId}
              opened={editing.open}
              onClose={() => setEditing({ ...editing, open: false })}
              schedule={editing.view}
            />
          )}
          {deleting !== null && (
            <DeleteScheduleModal
              workspaceId={workspaceId}
              schedule={deleting.view}
              opened={deleting.open}
              onClose={() => setDeleting({ ...deleting, open: false })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** The tenants to narrow the list to, by name; the one asked for stays listed even when archived. */
function filterOptions(tenants: readonly Tenant[], selected: string | null) {
  return tenants
    .filter((tenant) => tenant.status !== "archived" || tenant.id === selected)
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .map((tenant) => ({ value: tenant.id, label: tenant.display_name }));
}
