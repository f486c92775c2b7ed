import { List, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconClock, IconHandStop, IconPlayerPlay } from "@tabler/icons-react";
import type { StartRunResponse, SyncAllResponse, SyncKind } from "../bindings/types";
import { present, toneColor } from "../vocabulary";
import { syncRunLabel } from "./labels";
import { RunLink } from "./RunLink";

/** The title of an intent toast: what starting did, never more (SPEC §3.6). */
export function intentTitle(response: StartRunResponse): string {
  switch (response.intent) {
    case "queued":
      return "Queued";
    case "already_active":
      // The run that was already there; this start queued nothing.
      return "Already in progress";
    case "blocked":
      return "Not started";
  }
}

/**
 * The intent toast after starting work: the backend's own sentence (which names the tenant and
 * the work) and a link to the run. Only an intent of "queued" is ever called queued.
 */
export function showIntentToast(response: StartRunResponse) {
  const blocked = response.intent === "blocked";
  const IconComponent = blocked ? IconHandStop : response.intent === "queued" ? IconClock : IconPlayerPlay;
  notifications.show({
    id: `intent-${response.run.id}`,
    color: blocked ? toneColor(present("run_outcome", "blocked").tone) : "blue",
    icon: <IconComponent size={16} aria-hidden />,
    title: intentTitle(response),
    autoClose: blocked ? 10_000 : 6_000,
    message: (
      <Stack gap={4} data-testid="intent-toast" data-intent={response.intent}>
        <Text size="sm">{response.message}</Text>
        <RunLink runId={response.run.id} />
      </Stack>
    ),
  });
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What one start-for-every-tenant is called, counted: "sync"/"syncs", "compare"/"compares". */
export type RunNoun = { one: string; many: string };

const SYNC_NOUN: RunNoun = { one: "sync", many: "syncs" };

/** "2 syncs queued, 1 already in progress, 1 skipped", and why each skipped tenant was. */
export function startAllSummary(response: SyncAllResponse, noun: RunNoun): { sentence: string; reasons: string[] } {
  const queued = response.started.filter((s) => s.start.intent === "queued").length;
  const active = response.started.filter((s) => s.start.intent === "already_active").length;
  const blocked = response.started.filter((s) => s.start.intent === "blocked");
  const reasons = [...response.skipped.map((s) => s.reason), ...blocked.map((s) => s.start.message)];
  const sentence = `${plural(queued, noun.one, noun.many)} queued, ${active} already in progress, ${reasons.length} skipped`;
  return { sentence, reasons };
}

export function syncAllSummary(response: SyncAllResponse): { sentence: string; reasons: string[] } {
  return startAllSummary(response, SYNC_NOUN);
}

type StartAllToast = {
  title: string;
  response: SyncAllResponse;
  noun: RunNoun;
  /** Said when there was no tenant to start at all. */
  nothing: string;
  "data-testid": string;
};

/** One summary toast for work started on many tenants at once, with why each skipped tenant was. */
export function showStartAllToast({ title, response, noun, nothing, "data-testid": testId }: StartAllToast) {
  const { sentence, reasons } = startAllSummary(response, noun);
  const none = response.started.length === 0 && response.skipped.length === 0;
  notifications.show({
    color: reasons.length > 0 ? "yellow" : "blue",
    title,
    autoClose: reasons.length > 0 ? 12_000 : 6_000,
    message: (
      <Stack gap={4} data-testid={testId}>
        <Text size="sm">{none ? nothing : sentence}</Text>
        {reasons.length > 0 && (
          <List size="xs" spacing={2}>
            {reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    ),
  });
}

export function showSyncAllToast(kind: SyncKind, response: SyncAllResponse) {
  showStartAllToast({
    title: `${syncRunLabel(kind)} of all tenants`,
    response,
    noun: SYNC_NOUN,
    nothing: "There are no tenants to sync in this workspace.",
    "data-testid": "sync-all-toast",
  });
}

/** Starting work was refused outright (no run was recorded): the backend's reason. */
export function showStartError(title: string, message: string) {
  notifications.show({ color: "red", title, message, autoClose: 12_000 });
}
