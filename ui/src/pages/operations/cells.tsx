import { Group, Progress, Text } from "@mantine/core";
import type { OperationRun, RunListRow } from "../../bindings/types";
import { relativeLabel } from "../../components/RelativeTime";
import {
  formatElapsed,
  isLikelyStale,
  RunStateBadge,
  runFreshness,
  runProgress,
  runStateOf,
  runTypeLabel,
} from "../../runs";
import { iconFor, present, toneColor } from "../../vocabulary";
import { duration } from "../run/runDetails";

/** The operation's icon and label. */
export function OperationCell({ run }: { run: OperationRun }) {
  const type = { ...present("operation_type", run.type), label: runTypeLabel(run) };
  const TypeIcon = iconFor(type.icon);
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <TypeIcon size={16} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" fw={500} truncate="end" title={type.label} data-testid="run-row-type">
        {type.label}
      </Text>
    </Group>
  );
}

/** The tenant (or the workspace); who started the run is in its title. */
export function ScopeCell({ row }: { row: RunListRow }) {
  const { run } = row;
  const scope = run.tenant_id === null ? "Workspace" : (row.tenant_name ?? "Tenant");
  const startedBy =
    run.initiator_user_id === null ? "Started by the system" : `Started by ${row.initiator_name ?? "an operator"}`;
  return (
    <Text
      size="sm"
      truncate="end"
      c={run.tenant_id === null ? "dimmed" : undefined}
      title={`${scope} · ${startedBy}`}
      data-column="tenant"
    >
      {scope}
    </Text>
  );
}

/** The run's one state: status, outcome and freshness as one badge (see runState). */
export function RunStateCell({ run, now }: { run: OperationRun; now: number }) {
  return <RunStateBadge state={runStateOf(run, runFreshness(run, now))} />;
}

/** "45 s", "31 min", "2 h 5 min": elapsed time short enough for a narrow column. */
function roughly(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return formatElapsed(ms).replace(/ \d+ s$/, "");
}

/** How long a run ran, or has been running or waiting: "took 1 min 12 s", "waiting 5 min". */
export function runLength(run: OperationRun, now: number): string {
  if (run.status === "completed") {
    return run.started_at === null
      ? "never started"
      : `took ${duration(run.started_at, run.completed_at ?? run.started_at)}`;
  }
  if (run.status === "queued") return `waiting ${roughly(now - Date.parse(run.created_at))}`;
  return `running ${roughly(now - Date.parse(run.started_at ?? run.created_at))}`;
}

/** When it was created; the exact time and how long it ran are in its title. */
export function TimingCell({ run, now }: { run: OperationRun; now: number }) {
  const created = new Date(run.created_at);
  return (
    <Text size="sm" truncate="end" title={`Created ${created.toLocaleString()} · ${runLength(run, now)}`}>
      {relativeLabel(created, new Date(now))}
    </Text>
  );
}

/** Processed of total as a small bar (and its percentage) while active; the final count once completed. */
export function ProgressCell({ run, now }: { run: OperationRun; now: number }) {
  const progress = runProgress(run);
  if (run.status === "completed") {
    return (
      <Text size="xs" c="dimmed" truncate="end">
        {progress === null ? "—" : `${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()}`}
      </Text>
    );
  }
  const stale = isLikelyStale(run, now);
  const indeterminate = !stale && progress === null;
  return (
    <Group gap={6} wrap="nowrap">
      <Progress
        value={progress?.percent ?? (stale ? 0 : 100)}
        size="sm"
        radius="xl"
        color={stale ? toneColor(present("freshness", "likely_stale").tone) : run.status === "queued" ? "gray" : "blue"}
        striped={indeterminate}
        animated={indeterminate}
        aria-label={
          stale
            ? "Likely stale"
            : progress === null
              ? run.status === "queued"
                ? "Waiting"
                : "In progress, no counts yet"
              : `${Math.floor(progress.percent)}% processed`
        }
        style={{ flex: 1 }}
      />
      {progress !== null && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {Math.floor(progress.percent)}%
        </Text>
      )}
    </Group>
  );
}
