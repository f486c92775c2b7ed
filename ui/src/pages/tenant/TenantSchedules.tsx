import { Anchor, Group, Text } from "@mantine/core";
import { IconCalendarTime } from "@tabler/icons-react";
import { Link } from "react-router";
import { useSchedules } from "../../api";
import type { ScheduleView, Tenant } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { scheduleKindLabel, schedulesOfTenant, sortSchedules } from "../schedules/scheduleView";

/**
 * In the tenant's header: its scheduled syncs and backups (its own, and those of every active
 * tenant) with each one's next start, and the way to the Schedules page narrowed to the tenant.
 * Members who may sync are offered a first schedule when there is none. Quiet while loading.
 */
export function TenantSchedules({ tenant, canSync }: { tenant: Tenant; canSync: boolean }) {
  const schedules = useSchedules(tenant.workspace_id);
  const href = `/schedules?tenant=${encodeURIComponent(tenant.id)}`;
  if (schedules.isPending) return null;
  if (schedules.isError) {
    return (
      <Text size="xs" c="dimmed" data-testid="tenant-schedules">
        Scheduled syncs could not be loaded: {schedules.error.message}
      </Text>
    );
  }
  const own = sortSchedules(schedulesOfTenant(schedules.data, tenant.id));
  return (
    <Group gap={6} wrap="wrap" data-testid="tenant-schedules">
      <IconCalendarTime size={14} aria-hidden color="var(--mantine-color-dimmed)" />
      <Text size="xs" c="dimmed">
        Scheduled:
      </Text>
      {own.length === 0 ? (
        <>
          <Text size="xs" c="dimmed">
            none
          </Text>
          {canSync && (
            <Anchor component={Link} to={`${href}&new`} size="xs" data-testid="tenant-schedules-new">
              Schedule a sync
            </Anchor>
          )}
        </>
      ) : (
        own.map((view, index) => (
          <Group key={view.schedule.id} gap={4} wrap="nowrap" data-testid="tenant-schedule">
            <Text size="xs">{scheduleLabel(view)}</Text>
            <NextStart view={view} />
            {index < own.length - 1 && (
              <Text size="xs" c="dimmed" aria-hidden>
                ·
              </Text>
            )}
          </Group>
        ))
      )}
      {own.length > 0 && (
        <Anchor component={Link} to={href} size="xs" data-testid="tenant-schedules-link">
          Schedules
        </Anchor>
      )}
    </Group>
  );
}

/** "Inventory", "Policies (all tenants)", "Backup". */
function scheduleLabel(view: ScheduleView): string {
  return `${scheduleKindLabel(view.kind)}${view.schedule.tenant_id === null ? " (all tenants)" : ""}`;
}

function NextStart({ view }: { view: ScheduleView }) {
  const [at] = view.upcoming;
  const [local] = view.upcoming_local;
  if (!view.schedule.enabled) {
    return (
      <Text size="xs" c="dimmed">
        paused
      </Text>
    );
  }
  if (at === undefined || local === undefined) {
    return (
      <Text size="xs" c="dimmed">
        no start ahead
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" span data-testid="tenant-schedule-next">
      next {local} (<RelativeTime value={at} size="xs" c="dimmed" span />)
    </Text>
  );
}
