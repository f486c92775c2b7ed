import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { notifications as toasts } from "@mantine/notifications";
import { IconBell, IconChecks } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from "../api";
import type { ApiError, RunBatch, UserNotification } from "../bindings/types";
import { RelativeTime } from "../components/RelativeTime";
import { toneColor, toneIcon } from "../vocabulary";
import { useCurrentWorkspaceId } from "../workspace";
import classes from "./Inbox.module.css";

/**
 * Terminal truth for the operator (SPEC §3.6): the bell in the header with the unread count,
 * and the inbox of runs that finished. Opening an entry marks it read and opens its run.
 */
export function InboxButton() {
  const workspaceId = useCurrentWorkspaceId();
  const inbox = useNotifications(workspaceId);
  const [opened, setOpened] = useState(false);
  const unread = inbox.data?.unread ?? 0;
  const label = unread === 0 ? "Notifications" : `Notifications (${unread} unread)`;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={400}
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? "99+" : unread}
          size={16}
          offset={4}
          disabled={unread === 0}
          color="red"
          data-testid="inbox-unread"
        >
          <Tooltip label={label} withinPortal disabled={opened}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={label}
              aria-haspopup="dialog"
              aria-expanded={opened}
              onClick={() => setOpened((open) => !open)}
              data-testid="inbox-button"
            >
              <IconBell size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="inbox" aria-label="Notifications">
        <InboxPanel onClose={() => setOpened(false)} />
      </Popover.Dropdown>
    </Popover>
  );
}

/** The Operations page filtered to a batch's runs: their type, by its operator, since it began. */
export function batchRunsLink(batch: RunBatch): string {
  const started = new Date(batch.created_at);
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())}`;
  const params = new URLSearchParams({ tab: "all", type: batch.operation_type, by: batch.user_id, from: day });
  return `/operations?${params.toString()}`;
}

function InboxPanel({ onClose }: { onClose: () => void }) {
  const workspaceId = useCurrentWorkspaceId();
  const inbox = useNotifications(workspaceId);
  const markRead = useMarkNotificationRead(workspaceId);
  const markAll = useMarkAllNotificationsRead(workspaceId);
  const navigate = useNavigate();
  const unread = inbox.data?.unread ?? 0;

  const open = (item: UserNotification) => {
    if (item.read_at === null) {
      // A promise, not mutate()'s callbacks: opening the run closes this panel first.
      markRead
        .mutateAsync(item.id)
        .catch((error: ApiError) =>
          toasts.show({ color: "red", title: "The notification was not marked read", message: error.message }),
        );
    }
    const batch = inbox.data?.batches.find((b) => b.id === item.batch_id);
    if (batch !== undefined) {
      // A summary of runs started together: the Operations page, filtered to them.
      onClose();
      navigate(batchRunsLink(batch));
    } else if (item.run_id !== null) {
      onClose();
      navigate(`/runs/${item.run_id}`);
    }
  };

  return (
    <Stack gap={0}>
      <Group
        justify="space-between"
        px="sm"
        py={8}
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Text size="sm" fw={600}>
          Notifications
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconChecks size={14} aria-hidden />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onError: (error) =>
                toasts.show({ color: "red", title: "Notifications were not marked read", message: error.message }),
            })
          }
          data-testid="inbox-mark-all"
        >
          Mark all read
        </Button>
      </Group>
      {inbox.isPending ? (
        <Stack gap={8} p="sm" aria-busy="true">
          {[0, 1, 2].map((line) => (
            <Skeleton key={line} height={40} radius="sm" />
          ))}
        </Stack>
      ) : inbox.isError ? (
        <Stack gap={6} p="sm" role="alert">
          <Text size="sm" c="red">
            Notifications could not be loaded: {inbox.error.message}
          </Text>
          <Group>
            <Button size="compact-xs" variant="default" onClick={() => void inbox.refetch()} loading={inbox.isFetching}>
              Retry
            </Button>
          </Group>
        </Stack>
      ) : inbox.data.items.length === 0 ? (
        <Stack align="center" gap={4} p="lg" ta="center" data-testid="inbox-empty">
          <ThemeIcon variant="light" color="gray" radius="xl" size={36}>
            <IconBell size={18} aria-hidden />
          </ThemeIcon>
          <Text size="sm" fw={500}>
            No notifications yet
          </Text>
          <Text size="xs" c="dimmed" maw={300}>
            When work you start finishes, how it ended is reported here and by your system.
          </Text>
        </Stack>
      ) : (
        <ScrollArea.Autosize mah={440} type="auto">
          {inbox.data.items.map((item) => (
            <InboxItem key={item.id} item={item} onOpen={() => open(item)} />
          ))}
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

function InboxItem({ item, onOpen }: { item: UserNotification; onOpen: () => void }) {
  const unread = item.read_at === null;
  const ToneIcon = toneIcon(item.tone);
  return (
    <UnstyledButton
      className={classes.item}
      onClick={onOpen}
      data-unread={unread || undefined}
      data-testid="inbox-item"
      aria-label={`${unread ? "Unread: " : ""}${item.title}`}
    >
      <Group gap={10} wrap="nowrap" align="flex-start">
        <span className={unread ? classes.dot : classes.dotSpace} aria-hidden />
        <ThemeIcon
          variant="light"
          color={toneColor(item.tone)}
          size={28}
          radius="xl"
          style={{ flexShrink: 0 }}
          data-tone={item.tone}
        >
          <ToneIcon size={16} aria-hidden />
        </ThemeIcon>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={unread ? 600 : 500} lineClamp={2}>
            {item.title}
          </Text>
          {item.body.trim() !== "" && (
            <Text size="xs" c="dimmed" lineClamp={3} style={{ whiteSpace: "pre-wrap" }}>
              {item.body}
            </Text>
          )}
          <RelativeTime value={item.created_at} size="xs" c="dimmed" />
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
