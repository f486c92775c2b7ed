import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconTrash } from "@tabler/icons-react";
import { useDeleteSchedule } from "../../api";
import type { ScheduleView, WorkspaceId } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { cronInWords } from "./cronWords";
import { scheduleTitle } from "./scheduleView";

type DeleteScheduleModalProps = {
  workspaceId: WorkspaceId;
  schedule: ScheduleView;
  opened: boolean;
  onClose: () => void;
};

/** Deleting a schedule, only once the operator confirms what stops. */
export function DeleteScheduleModal({ workspaceId, schedule, opened, onClose }: DeleteScheduleModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Delete this schedule?" data-testid="delete-schedule-modal">
      {/* Keyed by schedule: a refusal shown for one is not shown for the next. */}
      <Confirm key={schedule.schedule.id} workspaceId={workspaceId} schedule={schedule} onClose={onClose} />
    </Modal>
  );
}

function Confirm({
  workspaceId,
  schedule,
  onClose,
}: {
  workspaceId: WorkspaceId;
  schedule: ScheduleView;
  onClose: () => void;
}) {
  const remove = useDeleteSchedule(workspaceId);
  const title = scheduleTitle(schedule);
  const words = cronInWords(schedule.schedule.cron);
  const when = `${words === null ? schedule.schedule.cron : words.charAt(0).toLowerCase() + words.slice(1)} (${schedule.schedule.time_zone})`;
  return (
    <Stack gap="md">
      {remove.error !== null && (
        <FailureAlert title="The schedule was not deleted">{remove.error.message}</FailureAlert>
      )}
      <Text size="sm">
        <strong>{title}</strong>, {when}, will no longer start.{" "}
        {schedule.kind === "backup"
          ? "Backups it already made are kept, and the tenant can still be backed up by hand."
          : "Runs it already started are kept, and the tenant can still be synced by hand."}{" "}
        To stop it for a while instead, pause it.
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus>
          Cancel
        </Button>
        <Button
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          loading={remove.isPending}
          onClick={() =>
            remove.mutate(schedule.schedule.id, {
              onSuccess: () => {
                notifications.show({ color: "green", title: "Schedule deleted", message: title });
                onClose();
              },
            })
          }
          data-testid="confirm-delete-schedule"
        >
          Delete schedule
        </Button>
      </Group>
    </Stack>
  );
}
