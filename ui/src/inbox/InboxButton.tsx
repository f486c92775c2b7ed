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
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import {
  queryKeys,
  reconcileRun,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useObjectTypes,
} from "../api";
import type { ApiError, ObjectTypeInfo, OperationRun, RunBatch, RunId, UserNotification } from "../bindings/types";
import { RelativeTime } from "../components/RelativeTime";
import { useCommands } from "../platform";
import { type RunHeadline, runHeadline } from "../runs/runHeadline";
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

/**
 * The run an entry reports on, when the entry must say why it did not succeed: that is the run
 * headline's to say (the words the backend wrote into the entry name whichever failure it
 * stored last). A batch's summary and a success say what they say.
 */
function explainedRun(item: UserNotification): RunId | null {
  return item.batch_id === null && item.tone !== "success" ? item.run_id : null;
}

/** What an entry shows under its title. */
type EntryReason =
  | { kind: "body" }
  | { kind: "loading" }
  | { kind: "headline"; headline: RunHeadline }
  | { kind: "none" };

/**
 * The runs of the entries that did not succeed, read once each (a completed run never changes;
 * the same cache entry as the run's other readers).
 */
function useEntryReasons(items: readonly UserNotification[], objectTypes: readonly ObjectTypeInfo[]) {
  const commands = useCommands();
  const runIds = [...new Set(items.flatMap((item) => explainedRun(item) ?? []))];
  const runs = useQueries({
    queries: runIds.map((runId) => ({
      queryKey: queryKeys.run(runId),
      queryFn: async (): Promise<OperationRun> => reconcileRun(await commands.getRun({ run_id: runId })),
      // A completed run never changes; one the cache still holds as active is asked again.
      staleTime: (query: { state: { data: OperationRun | undefined } }) =>
        query.state.data?.status === "completed" ? Number.POSITIVE_INFINITY : 0,
    })),
  });
  const byId = new Map(runIds.map((runId, at) => [runId, runs[at]]));
  return (item: UserNotification): EntryReason => {
    const runId = explainedRun(item);
    if (runId === null) return { kind: "body" };
    const read = byId.get(runId);
    if (read === undefined || read.isPending) return { kind: "loading" };
    // The run could not be read: the entry keeps its title rather than a reason no one chose.
    if (read.isError) return { kind: "none" };
    // Held as still active while it is read again: its ending is on the way.
    if (read.data.status !== "completed") return read.isFetching ? { kind: "loading" } : { kind: "body" };
    const headline = runHeadline(read.data, { objectTypes });
    return headline === null ? { kind: "body" } : { kind: "headline", headline };
  };
}

function InboxPanel({ onClose }: { onClose: () => void }) {
  const workspaceId = useCurrentWorkspaceId();
  const inbox = useNotifications(workspaceId);
  const objectTypes = useObjectTypes().data ?? [];
  const reasonOf = useEntryReasons(inbox.data?.items ?? [], objectTypes);
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
            <InboxItem key={item.id} item={item} reason={reasonOf(item)} onOpen={() => open(item)} />
          ))}
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

function InboxItem({ item, reason, onOpen }: { item: UserNotification; reason: EntryReason; onOpen: () => void }) {
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
          {reason.kind === "headline" && (
            <Text size="xs" lineClamp={2} data-testid="inbox-headline" data-reason-known={reason.headline.known}>
              {reason.headline.text}
            </Text>
          )}
          {reason.kind === "loading" && <Skeleton height={10} width="70%" my={3} aria-hidden />}
          {reason.kind === "body" && item.body.trim() !== "" && (
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
