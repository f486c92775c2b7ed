import {
  ActionIcon,
  Affix,
  Anchor,
  Badge,
  Button,
  Group,
  getDefaultZIndex,
  Paper,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { IconChevronDown } from "@tabler/icons-react";
import { useEffect } from "react";
import { Link, useNavigate } from "react-router";
import { useActiveRuns } from "../api";
import type { OperationRun, RunListRow, WorkspaceId } from "../bindings/types";
import { relativeLabel } from "../components/RelativeTime";
import { useNow } from "../components/useNow";
import { usePlatform } from "../platform";
import { iconFor, present, StatusBadge, toneColor } from "../vocabulary";
import { isLikelyStale } from "./freshness";
import { runTypeLabel } from "./labels";
import classes from "./ProgressWidget.module.css";
import {
  aggregateProgress,
  formatElapsed,
  formatRate,
  formatRemaining,
  progressEstimate,
  recordProgress,
  runProgress,
} from "./progress";

const COLLAPSED_KEY = "tenantatlas.progress-widget.collapsed";
/**
 * Above the app shell, below modals, drawers and their overlays (and below the menus and
 * tooltips over them), so a dialog is never covered by the widget. Toasts have their own corner.
 */
export const PROGRESS_WIDGET_Z_INDEX = (getDefaultZIndex("app") + getDefaultZIndex("modal")) / 2;

/**
 * Active awareness (SPEC §3.6): the workspace's active runs in the bottom-right corner, each
 * with its progress, rate, time left and elapsed time; likely-stale runs say so instead of
 * animating. Collapsible to a pill; absent while nothing is active. Kept live by run events,
 * with polling as the fallback.
 */
export function ProgressWidget({ workspaceId }: { workspaceId: WorkspaceId }) {
  const active = useActiveRuns(workspaceId);
  const rows = active.data?.items ?? [];
  if (rows.length === 0) return null;
  return <ActiveRuns rows={rows} total={active.data?.total ?? rows.length} />;
}

function ActiveRuns({ rows, total }: { rows: RunListRow[]; total: number }) {
  const [collapsed, setCollapsed] = useLocalStorage({
    key: COLLAPSED_KEY,
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  const platform = usePlatform();
  const now = useNow(1_000).getTime();
  const runs = rows.map((row) => row.run);
  const aggregate = aggregateProgress(runs, now);
  const staleCount = runs.filter((run) => isLikelyStale(run, now)).length;

  // Progress seen through polling counts for the rate as much as progress seen through events.
  for (const run of runs) recordProgress(run, Date.now());

  const aggregateKey = JSON.stringify(aggregate);
  useEffect(() => {
    platform.setWindowProgress(JSON.parse(aggregateKey));
  }, [platform, aggregateKey]);
  useEffect(() => () => platform.setWindowProgress({ status: "none" }), [platform]);

  const percent = aggregate.status === "normal" || aggregate.status === "paused" ? aggregate.percent : null;
  return (
    <Affix position={{ bottom: 16, right: 16 }} zIndex={PROGRESS_WIDGET_Z_INDEX}>
      <div data-testid="progress-widget" data-collapsed={collapsed || undefined}>
        {collapsed ? (
          <Button
            className={classes.pill}
            variant="default"
            radius="xl"
            onClick={() => setCollapsed(false)}
            aria-expanded={false}
            aria-label={`Show active runs (${total} active${staleCount > 0 ? `, ${staleCount} likely stale` : ""})`}
            leftSection={<PillIcon stale={staleCount > 0} />}
            data-testid="progress-widget-toggle"
          >
            {total} active{percent !== null && aggregate.status === "normal" ? ` · ${percent}%` : ""}
            {staleCount > 0 && (
              <Text span size="sm" c={toneColor(present("freshness", "likely_stale").tone)} ml={6}>
                · {staleCount} {present("freshness", "likely_stale").label.toLowerCase()}
              </Text>
            )}
          </Button>
        ) : (
          <Paper className={classes.panel} shadow="md" withBorder radius="md" role="region" aria-label="Active runs">
            <Group className={classes.header} justify="space-between" wrap="nowrap" gap="xs">
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  Active runs
                </Text>
                <Badge size="sm" variant="light" color="blue" radius="sm" data-testid="progress-widget-count">
                  {total}
                </Badge>
                {staleCount > 0 && (
                  <Text
                    size="xs"
                    c={toneColor(present("freshness", "likely_stale").tone)}
                    data-testid="progress-widget-stale"
                  >
                    {staleCount} {present("freshness", "likely_stale").label.toLowerCase()}
                  </Text>
                )}
              </Group>
              <Tooltip label="Collapse" withinPortal>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setCollapsed(true)}
                  aria-label="Collapse active runs"
                  aria-expanded
                  data-testid="progress-widget-toggle"
                >
                  <IconChevronDown size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
            <ScrollArea.Autosize mah={340} type="auto">
              {rows.map((row) => (
                <ActiveRun key={row.run.id} row={row} now={now} />
              ))}
            </ScrollArea.Autosize>
            <Group className={classes.footer} justify="space-between">
              <Text size="xs" c="dimmed">
                {total > rows.length ? `Showing the newest ${rows.length} of ${total}` : ""}
              </Text>
              <Anchor component={Link} to="/operations?tab=active" size="xs" fw={500}>
                Open Operations
              </Anchor>
            </Group>
          </Paper>
        )}
      </div>
    </Affix>
  );
}

function PillIcon({ stale }: { stale: boolean }) {
  const { icon, tone } = present("freshness", stale ? "likely_stale" : "fresh_active");
  const IconComponent = iconFor(icon);
  return <IconComponent size={16} color={`var(--mantine-color-${toneColor(tone)}-6)`} aria-hidden />;
}

function ActiveRun({ row, now }: { row: RunListRow; now: number }) {
  const navigate = useNavigate();
  const { run } = row;
  const type = { ...present("operation_type", run.type), label: runTypeLabel(run) };
  const TypeIcon = iconFor(type.icon);
  const stale = isLikelyStale(run, now);
  const startedAt = Date.parse(run.started_at ?? run.created_at);
  return (
    <UnstyledButton
      className={classes.row}
      onClick={() => navigate(`/runs/${run.id}`)}
      aria-label={`${type.label}${row.tenant_name === null ? "" : ` of ${row.tenant_name}`}: open run`}
      data-testid="widget-run"
      data-run-id={run.id}
      data-stale={stale || undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <TypeIcon size={14} aria-hidden style={{ flexShrink: 0 }} />
            <Text size="sm" fw={500} truncate="end">
              {type.label}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }} data-testid="widget-run-elapsed">
            {run.status === "queued" ? `Queued ${formatElapsed(now - startedAt)}` : formatElapsed(now - startedAt)}
          </Text>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="xs" c="dimmed" truncate="end">
            {row.tenant_name ?? (run.tenant_id === null ? "Workspace" : "Tenant")}
          </Text>
          {stale && <StatusBadge domain="freshness" code="likely_stale" size="xs" />}
        </Group>
        <RunBar run={run} now={now} stale={stale} />
      </Stack>
    </UnstyledButton>
  );
}

/** The bar and the words under it: counts, rate and time left, or why there are none. */
function RunBar({ run, now, stale }: { run: OperationRun; now: number; stale: boolean }) {
  const progress = runProgress(run);
  const estimate = stale ? null : progressEstimate(run, now);
  const staleColor = toneColor(present("freshness", "likely_stale").tone);
  let detail: string;
  if (stale) {
    const lastSign = run.heartbeat_at ?? run.started_at ?? run.created_at;
    detail = `No sign of progress since ${relativeLabel(new Date(lastSign), new Date(now))}`;
  } else if (progress !== null) {
    detail = `${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()}`;
    if (estimate !== null) {
      detail += ` · ${formatRate(estimate.perSecond)}`;
      if (estimate.remainingMs !== null) detail += ` · ${formatRemaining(estimate.remainingMs)}`;
    }
  } else {
    detail = run.status === "queued" ? "Waiting for a worker" : "Working; no counts reported yet";
  }
  const value = progress?.percent ?? (stale ? 0 : 100);
  // Only live work moves: an indeterminate bar while there are no counts. A likely-stale run
  // never animates (SPEC §3.7: never shown as ordinary progress).
  const indeterminate = !stale && progress === null;
  return (
    <Stack gap={2}>
      <Progress
        value={value}
        size="sm"
        radius="xl"
        color={stale ? staleColor : run.status === "queued" ? "gray" : "blue"}
        striped={indeterminate}
        animated={indeterminate}
        aria-label={
          stale ? "Likely stale" : progress === null ? "In progress" : `${Math.floor(progress.percent)}% processed`
        }
        data-testid="widget-run-bar"
      />
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="xs" c={stale ? staleColor : "dimmed"} truncate="end" data-testid="widget-run-detail">
          {detail}
        </Text>
        {progress !== null && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
            {Math.floor(progress.percent)}%
          </Text>
        )}
      </Group>
    </Stack>
  );
}
