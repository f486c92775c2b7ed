import { Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useSchedules } from "../../api";
import type { ScheduleView, Tenant } from "../../bindings/types";
import classes from "../../components/plainList.module.css";
import { DeleteScheduleModal } from "../schedules/DeleteScheduleModal";
import { ScheduleFormModal } from "../schedules/ScheduleFormModal";
import { ScheduleRow } from "../schedules/ScheduleRow";
import { schedulesOfTenant, sortSchedules } from "../schedules/scheduleView";

/** The schedules that back a tenant up: its own backup schedules and those of every active tenant. */
export function backupSchedulesOf(list: readonly ScheduleView[], tenant: Tenant): ScheduleView[] {
  return sortSchedules(schedulesOfTenant(list, tenant.id).filter((view) => view.kind === "backup"));
}

type BackupSchedulesProps = {
  tenant: Tenant;
  /** The operator may sync the tenant: pause, resume, edit and delete its schedules. */
  canManage: boolean;
};

/**
 * The schedules that back the tenant up, with their retention and next three starts (the
 * Schedules page's rows, "All active tenants" for a schedule of every tenant). Nothing while
 * they load the first time; a line when there is none.
 */
export function BackupSchedules({ tenant, canManage }: BackupSchedulesProps) {
  const schedules = useSchedules(tenant.workspace_id);
  const [editing, setEditing] = useState<{ view: ScheduleView; open: boolean } | null>(null);
  const [deleting, setDeleting] = useState<{ view: ScheduleView; open: boolean } | null>(null);
  const own = backupSchedulesOf(schedules.data ?? [], tenant);

  return (
    <Stack gap="xs" data-testid="backup-schedules">
      <Group gap="xs" align="baseline">
        <Title order={3} size="h4">
          Backup schedules
        </Title>
        {own.length > 0 && (
          <Text size="sm" c="dimmed">
            {own.length.toLocaleString()}
          </Text>
        )}
      </Group>
      {schedules.isPending ? (
        <Skeleton height={84} radius="md" data-testid="backup-schedules-loading" />
      ) : schedules.isError ? (
        <Text size="sm" c="red.8">
          The schedules could not be loaded: {schedules.error.message}
        </Text>
      ) : own.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="backup-schedules-none">
          No schedule backs up {tenant.display_name}: it is backed up only when someone clicks Back up now.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" className={classes.plainList} aria-label="Backup schedules">
          {own.map((view) => (
            <ScheduleRow
              key={view.schedule.id}
              view={view}
              tenant={view.schedule.tenant_id === null ? undefined : tenant}
              canManage={canManage}
              onEdit={() => setEditing({ view, open: true })}
              onDelete={() => setDeleting({ view, open: true })}
            />
          ))}
        </Stack>
      )}
      {canManage && editing !== null && (
        <ScheduleFormModal
          workspaceId={tenant.workspace_id}
          opened={editing.open}
          onClose={() => setEditing({ ...editing, open: false })}
          schedule={editing.view}
        />
      )}
      {canManage && deleting !== null && (
        <DeleteScheduleModal
          workspaceId={tenant.workspace_id}
          schedule={deleting.view}
          opened={deleting.open}
          onClose={() => setDeleting({ ...deleting, open: false })}
        />
      )}
    </Stack>
  );
}
