import { type NotificationData, notifications, notificationsStore } from "@mantine/notifications";

/**
 * Shows a toast under `id`, or changes the one showing (or waiting its turn) under it in place:
 * asking for the same pack again, or saving it again, says so in the same toast.
 */
export function showPackToast(toast: NotificationData & { id: string }): void {
  const { notifications: shown, queue } = notificationsStore.getState();
  if (shown.some((entry) => entry.id === toast.id) || queue.some((entry) => entry.id === toast.id)) {
    notifications.update(toast);
  } else {
    notifications.show(toast);
  }
}
