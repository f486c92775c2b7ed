import { Anchor, Badge, Button, Code, Group, Paper, Stack, Switch, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { Link } from "react-router";
import { useUpdateSchedule } from "../../api";
import type { ScheduleView, Tenant } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { iconFor, present } from "../../vocabulary";
import { cronInWords } from "./cronWords";
import classes from "./ScheduleList.module.css";
import { retentionWords, scheduleTarget, scheduleTitle } from "./scheduleView";

type ScheduleRowProps = {
  view: ScheduleView;
  /** The schedule's tenant as the workspace lists it (its status); undefined for every tenant, or while loading. */
  tenant: Tenant | undefined;
  /** The operator may sync tenants: pause, resume, edit and delete. */
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
};

/**
 * One schedule: what it starts, when (in words and as written), a backup's retention, its next
 * starts, its last start, and its controls.
 */
export function ScheduleRow({ view, tenant, canManage, onEdit, onDelete }: ScheduleRowProps) {
  const { schedule } = view;
  const title = scheduleTitle(view);
  const type = present("operation_type", schedule.operation);
  const TypeIcon = iconFor(type.icon);
  const words = cronInWords(schedule.cron);
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      className={schedule.enabled ? undefined : classes.paused}
      aria-label={title}
      data-testid="schedule-row"
      data-schedule-id={schedule.id}
      data-enabled={schedule.enabled}
    >
      <div className={classes.row}>
        <Stack gap={4} miw={0}>
          <Group gap={8} wrap="nowrap" miw={0}>
            <TypeIcon size={18} aria-hidden style={{ flexShrink: 0 }} />
            <Text fw={600} size="sm" truncate="end">
              {type.label}
            </Text>
            <Text size="sm" c="dimmed" aria-hidden>
              ·
            </Text>
            {schedule.tenant_id === null ? (
              <Text size="sm" truncate="end" data-testid="schedule-target">
                {scheduleTarget(view)}
              </Text>
            ) : (
              <Anchor
                component={Link}
                to={`/tenants/${schedule.tenant_id}`}
                size="sm"
                truncate="end"
                data-testid="schedule-target"
              >
                {scheduleTarget(view)}
              </Anchor>
            )}
            {!schedule.enabled && (
              <Badge size="sm" variant="light" color="gray" radius="sm" data-testid="schedule-paused">
                Paused
              </Badge>
            )}
            {tenant !== undefined && tenant.status !== "active" && (
              <Tooltip
                label={`${tenant.display_name} is ${tenant.status}: its scheduled ${view.kind === "backup" ? "backups" : "syncs"} are skipped.`}
                withinPortal
              >
                <Badge size="sm" variant="light" color="yellow" radius="sm" data-testid="schedule-tenant-inactive">
                  Tenant {tenant.status}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Group gap={6} wrap="wrap" data-testid="schedule-when">
            <Text size="sm">{words ?? "Custom times"}</Text>
            <Code>{schedule.cron}</Code>
            <Text size="xs" c="dimmed">
              {schedule.time_zone}
            </Text>
          </Group>
          {view.kind === "backup" && (
            <Text size="xs" data-testid="schedule-retention">
              {retentionWords(view.retention)}
            </Text>
          )}
          <Text size="xs" c="dimmed" data-testid="schedule-last-run">
            {schedule.last_run_at === null ? (
              "Not started yet"
            ) : (
              <>
                Last started <RelativeTime value={schedule.last_run_at} size="xs" c="dimmed" span />
              </>
            )}
          </Text>
        </Stack>
        <Upcoming view={view} />
        {canManage ? (
          <Group gap="xs" wrap="nowrap" justify="flex-end">
            <EnabledSwitch view={view} />
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={onEdit}
              aria-label={`Edit ${title}`}
              data-testid="schedule-edit"
            >
              Edit
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={onDelete}
              aria-label={`Delete ${title}`}
              data-testid="schedule-delete"
            >
              Delete…
            </Button>
          </Group>
        ) : (
          <span />
        )}
      </div>
    </Paper>
  );
}

/** The next three starts as the schedule's own zone shows them; the first also relative to now. */
function Upcoming({ view }: { view: ScheduleView }) {
  if (!view.schedule.enabled) {
    return (
      <Text size="sm" c="dimmed" className={classes.upcoming} data-testid="schedule-upcoming">
        Paused: nothing starts until it is resumed.
      </Text>
    );
  }
  const [first] = view.upcoming;
  if (view.upcoming_local.length === 0 || first === undefined) {
    return (
      <Text size="sm" c="dimmed" className={classes.upcoming} data-testid="schedule-upcoming">
        No start ahead.
      </Text>
    );
  }
  return (
    <Stack gap={2} className={classes.upcoming} data-testid="schedule-upcoming">
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed" fw={500}>
          Next starts
        </Text>
        <RelativeTime value={first} size="xs" c="dimmed" />
      </Group>
      <Stack gap={0} component="ol" m={0} p={0} style={{ listStyle: "none" }} aria-label="Next starts">
        {view.upcoming_local.map((start, index) => (
          <Text key={start} component="li" size="sm" ff="monospace" fw={index === 0 ? 600 : undefined}>
            {start}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

/** Pauses or resumes the schedule; the answer (with its next starts) replaces the row. */
function EnabledSwitch({ view }: { view: ScheduleView }) {
  const update = useUpdateSchedule();
  const title = scheduleTitle(view);
  const enabled = update.isPending ? !view.schedule.enabled : view.schedule.enabled;
  return (
    <Switch
      label="On schedule"
      checked={enabled}
      disabled={update.isPending}
      onChange={(event) =>
        update.mutate(
          { schedule_id: view.schedule.id, enabled: event.currentTarget.checked },
          {
            onSuccess: (saved) =>
              notifications.show({
                color: "green",
                title: saved.schedule.enabled ? "Schedule resumed" : "Schedule paused",
                message: saved.schedule.enabled
                  ? `${title} · next start ${saved.upcoming_local[0] ?? "none ahead"}`
                  : `${title} starts nothing until it is resumed.`,
              }),
            onError: (error) =>
              notifications.show({ color: "red", title: "The schedule was not changed", message: error.message }),
          },
        )
      }
      aria-label={`Run ${title} on schedule`}
      data-testid="schedule-enabled"
    />
  );
}
