import { Group, Progress, Stack, Text } from "@mantine/core";
import type { OperationRun, RunListRow } from "../../bindings/types";
import { relativeLabel } from "../../components/RelativeTime";
import { formatElapsed, isLikelyStale, runProgress } from "../../runs";
import { iconFor, present, toneColor } from "../../vocabulary";
import { duration } from "../run/runDetails";

/** The operation's icon and label. */
export function OperationCell({ run }: { run: OperationRun }) {
  const type = present("operation_type", run.type);
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

/** The tenant (or the workspace), and who started the run. */
export function ScopeCell({ row }: { row: RunListRow }) {
  const { run } = row;
  const initiator = run.initiator_user_id === null ? "System" : (row.initiator_name ?? "An operator");
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text
        size="sm"
        truncate="end"
        c={run.tenant_id === null ? "dimmed" : undefined}
        title={row.tenant_name ?? undefined}
        data-column="tenant"
      >
        {run.tenant_id === null ? "Workspace" : (row.tenant_name ?? "Tenant")}
      </Text>
      <Text size="xs" c="dimmed" truncate="end" title={initiator} data-column="initiator">
        {run.initiator_user_id === null ? "System" : `by ${initiator}`}
      </Text>
    </Stack>
  );
}

/** "45 s", "31 min", "2 h 5 min": elapsed time short enough for a narrow column. */
function roughly(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return formatElapsed(ms).replace(/ \d+ s$/, "");
}

/** When it was created, and how long it ran (or has been running or waiting). */
export function TimingCell({ run, now }: { run: OperationRun; now: number }) {
  const created = new Date(run.created_at);
  let length: string;
  if (run.status === "completed") {
    length = run.started_at === null ? "Never started" : duration(run.started_at, run.completed_at ?? run.started_at);
  } else if (run.status === "queued") {
    length = `Waiting ${roughly(now - created.getTime())}`;
  } else {
    length = `Running ${roughly(now - Date.parse(run.started_at ?? run.created_at))}`;
  }
  return (
    <Stack gap={0}>
      <Text size="sm" title={`${created.toLocaleString()} · ${run.created_at}`} style={{ whiteSpace: "nowrap" }}>
        {relativeLabel(created, new Date(now))}
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {length}
      </Text>
    </Stack>
  );
}

/** Processed of total as a small bar while active; the final count once completed. */
export function ProgressCell({ run, now }: { run: OperationRun; now: number }) {
  const progress = runProgress(run);
  if (run.status === "completed") {
    return (
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {progress === null ? "—" : `${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()}`}
      </Text>
    );
  }
  const stale = isLikelyStale(run, now);
  const indeterminate = !stale && progress === null;
  return (
    <Stack gap={2}>
      <Progress
        value={progress?.percent ?? (stale ? 0 : 100)}
        size="sm"
        radius="xl"
        color={stale ? toneColor(present("freshness", "likely_stale").tone) : run.status === "queued" ? "gray" : "blue"}
        striped={indeterminate}
        animated={indeterminate}
        aria-label={
          stale ? "Likely stale" : progress === null ? "In progress" : `${Math.floor(progress.percent)}% processed`
        }
      />
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {progress === null
          ? run.status === "queued"
            ? "Waiting"
            : "No counts yet"
          : `${Math.floor(progress.percent)}%`}
      </Text>
    </Stack>
  );
}
