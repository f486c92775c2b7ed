import { List, Stack, Text } from "@mantine/core";
import { type NotificationData, notifications, notificationsStore } from "@mantine/notifications";
import { IconClock, IconHandStop, IconPlayerPlay } from "@tabler/icons-react";
import type {
  CancelRunResponse,
  ObjectTypeInfo,
  OperationRun,
  RunId,
  StartRunResponse,
  SyncAllResponse,
} from "../bindings/types";
import { iconFor, present, toneColor } from "../vocabulary";
import { CANCELLED_REASON, CANCELLING_LABEL, isCancelled } from "./cancellation";
import { completionSentence } from "./labels";
import { RunLink } from "./RunLink";
import { runHeadline } from "./runHeadline";
import { batchOutcome, intentTitle, type RunNoun, runWork, startAllSummary } from "./toastWording";

/**
 * The one place that decides the toasts about runs (SPEC §3.6: intent, then how it ended).
 *
 * Each run has one toast, under a stable id, changed in place as the run moves on: queued (or
 * already in progress, or not started), running, finished. A batch ("sync all") has one toast
 * for all its runs. Work in progress and success go by themselves; a failure, a blocked start or
 * a skipped tenant stays until dismissed. How many show at once is the ToastHost's limit.
 */

/**
 * How long a toast stays, in ms. The two differ on purpose: when a toast that is still showing
 * changes from in progress to succeeded, the new duration gives it a fresh timer.
 */
export const TOAST_MS = { inProgress: 6_000, succeeded: 5_000 } as const;

/** The id of a run's toast: the same for every state of the run. */
export function runToastId(runId: RunId): string {
  return `run-${runId}`;
}

type Toast = NotificationData & { id: string };

function isShown(id: string): boolean {
  const { notifications: shown, queue } = notificationsStore.getState();
  return shown.some((toast) => toast.id === id) || queue.some((toast) => toast.id === id);
}

/** Shows the toast, or changes it in place if it is showing (or waiting its turn). */
function upsert(toast: Toast): void {
  if (isShown(toast.id)) notifications.update(toast);
  else notifications.show(toast);
}

/** Starting work answered: the run's toast says what starting did (the backend's sentence). */
export function toastRunStarted(response: StartRunResponse): void {
  const blocked = response.intent === "blocked";
  const IconComponent = blocked ? IconHandStop : response.intent === "queued" ? IconClock : IconPlayerPlay;
  upsert({
    id: runToastId(response.run.id),
    color: blocked ? toneColor(present("run_outcome", "blocked").tone) : "blue",
    icon: <IconComponent size={16} aria-hidden />,
    loading: false,
    title: intentTitle(response),
    autoClose: blocked ? false : TOAST_MS.inProgress,
    "data-run-id": response.run.id,
    message: (
      <Stack gap={4} data-testid="intent-toast" data-intent={response.intent}>
        <Text size="sm">{response.message}</Text>
        <RunLink runId={response.run.id} />
      </Stack>
    ),
  });
}

/**
 * A cancel answered: the run's own toast says what it did, in the backend's sentence ("…
 * cancelled before it started", "… stops at its next checkpoint").
 */
export function toastRunCancel(response: CancelRunResponse): void {
  const words = present("reason_code", CANCELLED_REASON);
  const IconComponent = iconFor(words.icon);
  upsert({
    id: runToastId(response.run.id),
    color: toneColor(words.tone),
    icon: <IconComponent size={16} aria-hidden />,
    loading: false,
    title: response.effect === "cancelled" ? words.label : CANCELLING_LABEL,
    autoClose: TOAST_MS.succeeded,
    "data-run-id": response.run.id,
    message: (
      <Stack gap={4} data-testid="cancel-toast" data-effect={response.effect}>
        <Text size="sm">{response.message}</Text>
        <RunLink runId={response.run.id} />
      </Stack>
    ),
  });
}

/**
 * A run this window watches changed status. Running changes its toast only while it shows (the
 * progress widget follows the work from there); finished always says how it ended, in the
 * outcome's tone, even if the earlier toast has gone — and why, in the run headline's words
 * (`runHeadline`, the same the inbox and the tenant header show). `objectTypes` names the type a
 * failure concerns.
 */
export function toastRunChanged(
  run: OperationRun,
  tenantName: string | null,
  objectTypes: readonly ObjectTypeInfo[] = [],
): void {
  const id = runToastId(run.id);
  if (run.status === "completed") {
    // A cancelled run ended as an operator asked: it reads as its reason, not as a failure.
    const cancelled = isCancelled(run);
    const { tone, icon } = cancelled ? present("reason_code", CANCELLED_REASON) : present("run_outcome", run.outcome);
    const IconComponent = iconFor(icon);
    const headline = runHeadline(run, { objectTypes });
    const others = headline === null ? 0 : headline.total - headline.count;
    upsert({
      id,
      color: toneColor(tone),
      icon: <IconComponent size={16} aria-hidden />,
      loading: false,
      title: completionSentence(run, tenantName),
      autoClose: run.outcome === "succeeded" || cancelled ? TOAST_MS.succeeded : false,
      "data-run-id": run.id,
      message: (
        <Stack gap={4} data-testid="completion-toast" data-outcome={run.outcome}>
          {headline !== null && (
            <Text size="sm" lineClamp={3} data-testid="run-headline" data-reason-known={headline.known}>
              {headline.text}
            </Text>
          )}
          {others > 0 && (
            <Text size="xs" c="dimmed">
              {others === 1 ? "1 more failure for another reason" : `${others} more failures for other reasons`}
            </Text>
          )}
          <RunLink runId={run.id} />
        </Stack>
      ),
    });
    return;
  }
  if (run.status === "running" && isShown(id)) {
    notifications.update({
      id,
      color: "blue",
      icon: undefined,
      loading: true,
      title: present("run_status", "running").label,
      autoClose: TOAST_MS.inProgress,
      "data-run-id": run.id,
      message: (
        <Stack gap={4} data-testid="running-toast">
          <Text size="sm">{runWork(run, tenantName)}</Text>
          <RunLink runId={run.id} />
        </Stack>
      ),
    });
  }
}

type BatchStart = {
  title: string;
  response: SyncAllResponse;
  noun: RunNoun;
  /** Said when there was no tenant to start at all. */
  nothing: string;
  "data-testid": string;
};

/** What a batch's toast keeps from its start for its end: its id, title and skipped reasons. */
export type BatchToast = { id: string; title: string; reasons: string[] };

let batches = 0;

/** Work started on many tenants at once: one toast, with why each skipped tenant was. */
export function toastBatchStarted({ title, response, noun, nothing, "data-testid": testId }: BatchStart): BatchToast {
  const { sentence, reasons } = startAllSummary(response, noun);
  const none = response.started.length === 0 && response.skipped.length === 0;
  batches += 1;
  const toast: BatchToast = { id: `batch-${batches}`, title, reasons };
  upsert({
    id: toast.id,
    color: reasons.length > 0 ? "yellow" : "blue",
    icon: undefined,
    loading: false,
    title,
    autoClose: reasons.length > 0 ? false : TOAST_MS.inProgress,
    message: (
      <Stack gap={4} data-testid={testId}>
        <Text size="sm">{none ? nothing : sentence}</Text>
        <Reasons reasons={reasons} />
      </Stack>
    ),
  });
  return toast;
}

/** Every run of a batch finished: its toast says how they ended, still naming what was skipped. */
export function toastBatchFinished(batch: BatchToast, runs: OperationRun[]): void {
  const { sentence, worst } = batchOutcome(runs);
  const calm = worst === "succeeded" && batch.reasons.length === 0;
  upsert({
    id: batch.id,
    color: toneColor(present("run_outcome", worst).tone),
    icon: undefined,
    loading: false,
    title: `${batch.title} finished`,
    autoClose: calm ? TOAST_MS.succeeded : false,
    message: (
      <Stack gap={4} data-testid="completion-toast" data-outcome={worst}>
        <Text size="sm">{sentence}</Text>
        <Reasons reasons={batch.reasons} />
      </Stack>
    ),
  });
}

function Reasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <List size="xs" spacing={2}>
      {reasons.map((reason) => (
        <List.Item key={reason}>{reason}</List.Item>
      ))}
    </List>
  );
}

/** Starting work was refused outright (no run was recorded): the backend's reason, until dismissed. */
export function toastStartRefused(title: string, message: string): void {
  notifications.show({ color: "red", title, message, autoClose: false });
}
