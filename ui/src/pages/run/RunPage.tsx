import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Code,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconBug, IconExternalLink, IconKey } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { useAppInfo, useObjectTypes, useRunDetail, useTenant } from "../../api";
import type { Freshness, OperationRun, RunDetail, RunResult } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { type Crumb, PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { RelativeTime } from "../../components/RelativeTime";
import { useNow } from "../../components/useNow";
import {
  CANCELLED_REASON,
  CANCELLING_LABEL,
  currentFreshness,
  formatElapsed,
  formatRate,
  formatRemaining,
  isCancelled,
  isCancelling,
  progressEstimate,
  type RunHeadline,
  RunStateBadge,
  reasonWords,
  recordProgress,
  runHeadline,
  runProgress,
  runStateOf,
  runSummary,
  runTypeLabel,
} from "../../runs";
import { iconFor, present, toneColor, type VocabularyCode } from "../../vocabulary";
import { CopyableId } from "../tenants/cells";
import { type Detail, DetailTable } from "../tenants/DetailTable";
import { HoldCredentialButton } from "../tenants/HoldCredentialModal";
import { BackupResult } from "./BackupResult";
import { BaselineResult } from "./BaselineResult";
import { RestoreResult } from "./RestoreResult";
import { RunActions } from "./RunActions";
import { RunChanges } from "./RunChanges";
import { RunCounters } from "./RunCounters";
import { duration, formatSeconds, relatedTab, typeCompleteness } from "./runDetails";

const OPERATIONS: Crumb = { label: "Operations", to: "/operations" };

export function RunPage() {
  const { runId = "" } = useParams();
  const detail = useRunDetail(runId);
  if (detail.isPending) return <DetailSkeleton data-testid="run-loading" />;
  if (detail.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[OPERATIONS, { label: "Run" }]} />
        <ErrorState
          title="This run could not be loaded"
          message={detail.error.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      </Stack>
    );
  }
  return <RunView detail={detail.data} />;
}

function sourceLabel(source: string | null): string | null {
  return source === null
    ? null
    : present("reconciliation_source", source as VocabularyCode<"reconciliation_source">).label;
}

function RunView({ detail }: { detail: RunDetail }) {
  const { run } = detail;
  const active = run.status !== "completed";
  // Live while active (elapsed time, staleness); a completed run only needs its relative times kept current.
  const now = useNow(active ? 1_000 : 30_000).getTime();
  const freshness = currentFreshness(detail.freshness, run, now);
  const type = { ...present("operation_type", run.type), label: runTypeLabel(run) };
  const TypeIcon = iconFor(type.icon);
  const objectTypes = useObjectTypes().data;
  // Why it did not succeed: the same headline its toast, inbox entry and tenant header show.
  const headline = runHeadline(run, { reason: detail.reason, objectTypes });

  return (
    <Stack gap="md" data-testid="run-page" data-freshness={freshness}>
      <PageBreadcrumbs
        items={[
          OPERATIONS,
          { label: detail.tenant_name === null ? type.label : `${type.label} · ${detail.tenant_name}` },
        ]}
      />
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="sm" align="center" wrap="nowrap">
          <ThemeIcon variant="light" color="gray" size="lg" radius="sm">
            <TypeIcon size={20} aria-hidden />
          </ThemeIcon>
          <Title order={2} size="h3" data-testid="run-title">
            {type.label}
            <Text span inherit c="dimmed" fw={400}>
              {" "}
              · {detail.tenant_name ?? (run.tenant_id === null ? "Workspace" : "Tenant")}
            </Text>
          </Title>
        </Group>
        <RunActions detail={detail} />
      </Group>
      {/* One badge says the run's state; its status, outcome and freshness follow as small print. */}
      <Group gap="sm" data-testid="run-badges">
        <RunStateBadge state={runStateOf(run, freshness)} size="md" withDetail={false} />
        <Text size="xs" c="dimmed" data-testid="run-facts">
          Status <RunFact domain="run_status" code={run.status} testId="run-status" /> · Outcome{" "}
          <RunFact domain="run_outcome" code={run.outcome} testId="run-outcome" /> · Freshness{" "}
          <RunFact domain="freshness" code={freshness} testId="run-freshness" />
        </Text>
      </Group>
      {detail.waiting_for_credential && run.status === "queued" && <CredentialWait detail={detail} />}

      <LifecycleTruth detail={detail} headline={headline} freshness={freshness} now={now} />
      <RunProgress run={run} headline={headline} freshness={freshness} now={now} />
      {headline !== null && <ReasonPanel run={run} headline={headline} />}
      <BaselineResult detail={detail} />
      <BackupResult detail={detail} />
      <RestoreResult detail={detail} />
      <DetailTable caption="Run" details={runFacts(detail, now)} />
      <RunChanges run={run} />
      <Failures run={run} headline={headline} />
      <Completeness result={detail.result} />
      <Related detail={detail} />
      <Diagnostics detail={detail} headline={headline} />
    </Stack>
  );
}

/** One of the facts behind the run's state, in the vocabulary's words and tone. */
function RunFact<D extends "run_status" | "run_outcome" | "freshness">({
  domain,
  code,
  testId,
}: {
  domain: D;
  code: VocabularyCode<D>;
  testId: string;
}) {
  const { label, tone } = present(domain, code);
  return (
    <Text span inherit fw={500} data-tone={tone} data-testid={testId}>
      {label}
    </Text>
  );
}

/**
 * Team mode: the run needs its tenant's credential and no running TenantAtlas holds it. Not
 * stale and not failed (its freshness below says how long it has waited): it starts once a
 * workstation holding the credential is online, or once this one keeps it too.
 */
function CredentialWait({ detail }: { detail: RunDetail }) {
  const tenant = useTenant(detail.run.tenant_id);
  return (
    <Alert
      color={toneColor("info")}
      variant="light"
      icon={<IconKey aria-hidden />}
      title="Waiting for a workstation with this tenant's credential"
      // A state to know of, not a failure to interrupt for.
      role="status"
      data-testid="run-credential-wait"
    >
      <Stack gap={6} align="flex-start">
        <Text size="sm">
          No running TenantAtlas that holds {detail.tenant_name ?? "the tenant"}'s credential is online. It starts as
          soon as one is — or keep the credential on this workstation too.
        </Text>
        {tenant.data !== undefined && <HoldCredentialButton tenant={tenant.data} />}
      </Stack>
    </Alert>
  );
}

/**
 * How the run's life ended, or how it is going (SPEC §3.7 "lifecycle truth"): ended normally
 * by its own work, or reconciled automatically — when, why and by which part of the engine.
 */
function LifecycleTruth({
  detail,
  headline,
  freshness,
  now,
}: {
  detail: RunDetail;
  headline: RunHeadline | null;
  freshness: Freshness;
  now: number;
}) {
  const { run } = detail;
  const lastSign = run.heartbeat_at ?? run.started_at ?? run.created_at;
  const common = { "data-testid": "run-lifecycle", "data-state": freshness } as const;
  if (run.status === "completed" && run.reconciled_at !== null) {
    const { tone, icon } = present("freshness", "reconciled_failed");
    const IconComponent = iconFor(icon);
    const source = sourceLabel(run.reconciliation_source);
    return (
      <Alert
        color={toneColor(tone)}
        variant="light"
        icon={<IconComponent aria-hidden />}
        title="Reconciled automatically"
        {...common}
      >
        <Stack gap={4}>
          <Text size="sm">
            The engine ended this run as failed <RelativeTime value={run.reconciled_at} size="sm" />
            {source !== null && (
              <>
                {" "}
                by the <strong data-testid="run-reconciliation-source">{source}</strong>
              </>
            )}
            .
          </Text>
          {headline !== null && (
            <Text size="sm">
              Reason: <strong data-testid="run-reconciliation-reason">{headline.label}</strong>
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  if (isCancelled(run)) return <CancelledTruth run={run} testProps={common} />;
  if (run.status === "completed") {
    const { icon } = present("freshness", "terminal_normal");
    const IconComponent = iconFor(icon);
    const outcome = present("run_outcome", run.outcome);
    return (
      <Paper withBorder radius="md" p="sm" {...common}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconComponent
            size={20}
            aria-hidden
            color={`var(--mantine-color-${toneColor(outcome.tone)}-6)`}
            style={{ flexShrink: 0 }}
          />
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {present("freshness", "terminal_normal").label}
            </Text>
            <Text size="sm" c="dimmed">
              {run.outcome === "blocked"
                ? "A precondition refused the work before it started"
                : `The run finished its own work and reported its result (${outcome.label.toLowerCase()})`}
              {run.completed_at !== null && (
                <>
                  {" "}
                  <RelativeTime value={run.completed_at} size="sm" />
                </>
              )}
              .
            </Text>
          </Stack>
        </Group>
      </Paper>
    );
  }
  if (freshness === "likely_stale") {
    const { tone, icon } = present("freshness", "likely_stale");
    const IconComponent = iconFor(icon);
    return (
      <Alert
        color={toneColor(tone)}
        variant="light"
        icon={<IconComponent aria-hidden />}
        title={present("freshness", "likely_stale").label}
        {...common}
      >
        <Text size="sm">
          {run.status === "queued" ? "No worker has picked this run up" : "This run has shown no sign of progress"}{" "}
          since <RelativeTime value={lastSign} size="sm" />. The worker may have closed or crashed. If it does not
          recover, the reconciler ends it as failed and says so here.
        </Text>
      </Alert>
    );
  }
  if (isCancelling(run) && run.cancel_requested_at !== undefined) {
    return (
      <Paper withBorder radius="md" p="sm" {...common} data-cancelling>
        <Text size="sm">
          <strong>{CANCELLING_LABEL}</strong> Cancel asked <RelativeTime value={run.cancel_requested_at} size="sm" />:
          the run stops at its next checkpoint and keeps what it has already stored. This page follows it live.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="sm" {...common}>
      <Text size="sm">
        {run.status === "queued" ? (
          <>Queued {formatElapsed(now - Date.parse(run.created_at))} ago, waiting for a worker.</>
        ) : (
          <>
            Running for {formatElapsed(now - Date.parse(run.started_at ?? run.created_at))}; last sign of progress{" "}
            <RelativeTime value={lastSign} size="sm" />.
          </>
        )}{" "}
        This page follows it live.
      </Text>
    </Paper>
  );
}

/** A run an operator cancelled: when, and whether it had started (what it stored is kept). */
function CancelledTruth({
  run,
  testProps,
}: {
  run: OperationRun;
  testProps: { "data-testid": string; "data-state": Freshness };
}) {
  const words = present("reason_code", CANCELLED_REASON);
  const IconComponent = iconFor(words.icon);
  return (
    <Paper withBorder radius="md" p="sm" {...testProps} data-cancelled>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconComponent
          size={20}
          aria-hidden
          color={`var(--mantine-color-${toneColor(words.tone)}-6)`}
          style={{ flexShrink: 0 }}
        />
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {words.label}
          </Text>
          <Text size="sm" c="dimmed">
            {run.started_at === null
              ? "An operator cancelled this run before it started"
              : "An operator cancelled this run; it stopped at a checkpoint and kept what it had already stored"}
            {run.completed_at !== null && (
              <>
                {" "}
                <RelativeTime value={run.completed_at} size="sm" />
              </>
            )}
            .
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

type RunProgressProps = { run: OperationRun; headline: RunHeadline | null; freshness: Freshness; now: number };

/**
 * What the run did, in one sentence from its counters (the counters themselves collapsed below
 * it); while active, a bar with the rate and the time left.
 */
function RunProgress({ run, headline, freshness, now }: RunProgressProps) {
  const active = run.status !== "completed";
  const stale = freshness === "likely_stale";
  if (active) recordProgress(run, Date.now());
  const progress = runProgress(run);
  const estimate = active && !stale ? progressEstimate(run, now) : null;
  const indeterminate = active && !stale && progress === null;
  return (
    <Stack gap={6} data-testid="run-progress">
      {active && (
        <Progress
          value={progress?.percent ?? (stale ? 0 : 100)}
          striped={indeterminate || run.status === "queued"}
          animated={indeterminate}
          size="md"
          color={
            stale ? toneColor(present("freshness", "likely_stale").tone) : run.status === "queued" ? "gray" : "blue"
          }
          aria-label={
            stale ? "Likely stale" : progress === null ? "In progress" : `${Math.round(progress.percent)}% processed`
          }
          data-testid="run-progress-bar"
        />
      )}
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="run-summary">
          {runSummary(run, headline)}
        </Text>
        {estimate !== null && (
          <Text size="sm" c="dimmed" data-testid="run-rate">
            {formatRate(estimate.perSecond)}
            {estimate.remainingMs !== null && ` · ${formatRemaining(estimate.remainingMs)}`}
          </Text>
        )}
      </Group>
      <RunCounters counts={run.summary_counts} />
    </Stack>
  );
}

/**
 * Why it failed or was ended — the run headline — and, when the backend explained that same
 * reason, what it means and what to do.
 */
function ReasonPanel({ run, headline }: { run: OperationRun; headline: RunHeadline }) {
  const tone = isCancelled(run)
    ? present("reason_code", CANCELLED_REASON).tone
    : run.outcome === "failed"
      ? "danger"
      : run.outcome === "succeeded"
        ? "neutral"
        : "warning";
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="run-reason"
      style={{ borderLeft: `4px solid var(--mantine-color-${toneColor(tone)}-6)` }}
    >
      <Stack gap={6}>
        <Title order={4} data-testid="run-headline" data-reason-known={headline.known}>
          {headline.label}
        </Title>
        {(headline.subject !== null || headline.total > 1) && (
          <Text size="sm" c="dimmed" data-testid="run-headline-scope">
            {[
              headline.subject,
              headline.total > 1 ? `${headline.count} of ${headline.total} failures have this reason` : null,
            ]
              .filter((part) => part !== null)
              .join(" · ")}
          </Text>
        )}
        {headline.explanation !== null && (
          <Text size="sm" data-testid="run-reason-explanation">
            {headline.explanation}
          </Text>
        )}
        {headline.nextSteps !== null && (
          <>
            <Text size="sm" fw={600} mt={4}>
              What to do
            </Text>
            <Text size="sm" data-testid="run-reason-next">
              {headline.nextSteps}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function runFacts(detail: RunDetail, now: number): Detail[] {
  const { run, policy } = detail;
  const active = run.status !== "completed";
  const elapsedMs =
    run.started_at === null
      ? null
      : (run.completed_at === null ? now : Date.parse(run.completed_at)) - Date.parse(run.started_at);
  // A reconciled run did not take long: it stopped, and its end is when that was noticed.
  const overdue =
    policy !== null &&
    run.reconciled_at === null &&
    elapsedMs !== null &&
    elapsedMs > policy.expected_max_runtime_seconds * 1000;
  return [
    { label: "Operation", value: runTypeLabel(run) },
    { label: "Run ID", value: <CopyableId value={run.id} label="Copy run ID" size="sm" /> },
    {
      label: "Tenant",
      value:
        run.tenant_id === null ? (
          "Workspace-wide"
        ) : (
          <Anchor component={Link} to={`/tenants/${run.tenant_id}`} size="sm" data-testid="run-tenant-link">
            {detail.tenant_name ?? run.tenant_id}
          </Anchor>
        ),
    },
    { label: "Started by", value: <Initiator detail={detail} /> },
    { label: "Created", value: <RelativeTime value={run.created_at} size="sm" /> },
    {
      label: "Started",
      value:
        run.started_at === null ? (
          <Dim>{active ? "Not started yet" : "Never started"}</Dim>
        ) : (
          <RelativeTime value={run.started_at} size="sm" />
        ),
    },
    {
      label: "Completed",
      value:
        run.completed_at === null ? <Dim>Not completed yet</Dim> : <RelativeTime value={run.completed_at} size="sm" />,
    },
    {
      label: "Duration",
      value:
        run.started_at === null ? (
          <Dim>—</Dim>
        ) : (
          <Text size="sm" span c={overdue ? "yellow.8" : undefined}>
            {duration(run.started_at, run.completed_at ?? new Date(now).toISOString())}
            {run.completed_at === null ? " so far" : ""}
          </Text>
        ),
    },
    {
      label: "Expected duration",
      value:
        policy === null ? (
          <Dim>No lifecycle policy for this operation</Dim>
        ) : (
          <Text size="sm" span data-testid="run-expected">
            Up to {formatSeconds(policy.expected_max_runtime_seconds)}
            {overdue && (
              <Text span size="sm" c="yellow.8">
                {active ? " · running longer than expected" : " · took longer than expected"}
              </Text>
            )}
          </Text>
        ),
    },
    { label: "Attempt", value: String(Math.max(run.attempt, 1)) },
  ];
}

function Initiator({ detail }: { detail: RunDetail }) {
  const appInfo = useAppInfo();
  const { run } = detail;
  if (run.initiator_user_id === null) return <Dim>System (scheduled or automatic)</Dim>;
  const name = detail.initiator_name ?? "An operator";
  return <>{run.initiator_user_id === appInfo.data?.user.id ? `You (${name})` : name}</>;
}

function Failures({ run, headline }: { run: OperationRun; headline: RunHeadline | null }) {
  // The entry the lifecycle wrote for its reason is already told above, in the same words.
  const told = headline?.explanation ?? null;
  const failures = run.failure_summary.filter(
    (failure) => !(told !== null && failure.reason_code === headline?.code && failure.message === told),
  );
  if (failures.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>
        {run.outcome === "blocked" ? "Why it was blocked" : "What went wrong"}{" "}
        <Badge variant="light" color="red" radius="sm" ml={4}>
          {failures.length}
        </Badge>
      </Title>
      <Table withTableBorder verticalSpacing={6} aria-label="Failures" data-testid="run-failures">
        <Table.Tbody>
          {failures.map((failure, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: failures have no id and can repeat; the rows keep no state.
            <Table.Tr key={`${failure.code}-${index}`}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {failure.message}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed" mt={2}>
                  {failure.code}
                  {failure.reason_code !== failure.code && ` · ${failure.reason_code}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Per object type: listed, read and failed — so a partial result is never taken for complete. */
function Completeness({ result }: { result: RunResult | null }) {
  const types = useObjectTypes();
  const rows = typeCompleteness(result);
  if (rows.length === 0) return null;
  const labels = new Map((types.data ?? []).map((type) => [type.key, type.label]));
  const incomplete = rows.filter((row) => !row.complete).length;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Title order={4}>Completeness by type</Title>
        <Text size="sm" c={incomplete > 0 ? "yellow.8" : "dimmed"}>
          {incomplete === 0
            ? `All ${rows.length} types read completely`
            : `${incomplete} of ${rows.length} types incomplete`}
        </Text>
      </Group>
      <Table withTableBorder verticalSpacing={4} aria-label="Completeness by type" data-testid="run-completeness">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            {/* Whether the type was read whole, then the objects it counted: each title says what its
                column holds, so "read" is never two columns. */}
            <Table.Th w={120}>Completeness</Table.Th>
            <Table.Th w={80} ta="right">
              Listed
            </Table.Th>
            <Table.Th w={110} ta="right">
              Objects read
            </Table.Th>
            <Table.Th w={80} ta="right">
              Failed
            </Table.Th>
            <Table.Th w={80} ta="right">
              Pages
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...rows]
            .sort(
              (a, b) =>
                Number(a.complete) - Number(b.complete) ||
                (labels.get(a.type) ?? a.type).localeCompare(labels.get(b.type) ?? b.type),
            )
            .map((row) => (
              <Table.Tr key={row.type} data-testid="completeness-row">
                <Table.Td>
                  <Text size="sm">{labels.get(row.type) ?? row.type}</Text>
                  {row.error !== undefined && (
                    <Text size="xs" c="red" data-testid="completeness-error">
                      {reasonWords(row.error, "The list stopped for a reason this version does not describe").label}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={row.complete ? "green" : "yellow"} radius="sm">
                    {row.complete ? "Complete" : "Incomplete"}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{row.listed ?? "—"}</Table.Td>
                <Table.Td ta="right">{row.read ?? "—"}</Table.Td>
                <Table.Td ta="right" c={row.failed !== null && row.failed > 0 ? "red" : undefined}>
                  {row.failed ?? "—"}
                </Table.Td>
                <Table.Td ta="right">{row.pages ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The records this run belongs to and changed. */
function Related({ detail }: { detail: RunDetail }) {
  const { run } = detail;
  if (run.tenant_id === null) return null;
  const name = detail.tenant_name ?? "the tenant";
  const tab = relatedTab(run.type);
  return (
    <Stack gap="xs" data-testid="run-related">
      <Title order={4}>Related records</Title>
      <List spacing={4} size="sm" icon={<IconExternalLink size={14} aria-hidden />} center>
        <List.Item>
          <Anchor component={Link} to={`/tenants/${run.tenant_id}`} size="sm">
            {name}
          </Anchor>
          <Text span size="sm" c="dimmed">
            {" "}
            — the tenant
          </Text>
        </List.Item>
        {tab !== null && (
          <List.Item>
            <Anchor
              component={Link}
              to={tab.tab === null ? `/tenants/${run.tenant_id}` : `/tenants/${run.tenant_id}?tab=${tab.tab}`}
              size="sm"
            >
              {tab.label} of {name}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {" "}
              — where this run's results are shown
            </Text>
          </List.Item>
        )}
      </List>
    </Stack>
  );
}

/** Codes and evidence for whoever investigates: kept out of the way, never the primary copy. */
function Diagnostics({ detail, headline }: { detail: RunDetail; headline: RunHeadline | null }) {
  const { run, reason, policy } = detail;
  const rows: [string, string | null][] = [
    ["Reason code", headline?.code ?? null],
    ["Actionability", reason !== null && reason.code === headline?.code ? reason.actionability : null],
    ["Reconciliation reason", run.reconciliation_reason],
    ["Reconciliation source", run.reconciliation_source],
    ["Reconciled at", run.reconciled_at],
    ["Stale at", run.stale_at],
    ["Last heartbeat", run.heartbeat_at],
    ["Lease owner", run.lease_owner],
    ["Lease expires", run.lease_expires_at],
    ["Run identity", run.run_identity_hash],
    ["Workspace", run.workspace_id],
    [
      "Policy",
      policy === null
        ? null
        : `queued stale after ${policy.queued_stale_after_seconds} s · running stale after ${policy.running_stale_after_seconds} s · timeout ${policy.timeout_seconds} s`,
    ],
  ];
  return (
    <Accordion variant="contained" radius="md" chevronPosition="left" data-testid="run-diagnostics">
      <Accordion.Item value="diagnostics">
        <Accordion.Control icon={<IconBug size={16} aria-hidden />}>
          <Text size="sm" fw={500}>
            Diagnostics
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Table verticalSpacing={4} aria-label="Diagnostics" layout="fixed">
              <Table.Tbody>
                {rows
                  .filter(([, value]) => value !== null)
                  .map(([label, value]) => (
                    <Table.Tr key={label}>
                      <Table.Th w={190} scope="row">
                        <Text size="xs" fw={500}>
                          {label}
                        </Text>
                      </Table.Th>
                      <Table.Td>
                        <Text size="xs" ff="monospace" style={{ wordBreak: "break-all" }}>
                          {value}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            <Stack gap={4}>
              <Text size="xs" fw={500}>
                Counters
              </Text>
              <Code block data-testid="run-counts-json">
                {JSON.stringify(run.summary_counts, null, 2)}
              </Code>
            </Stack>
            <Stack gap={4}>
              <Text size="xs" fw={500}>
                Context (inputs, results, evidence)
              </Text>
              <Code block data-testid="run-context-json" style={{ maxHeight: 420, overflow: "auto" }}>
                {JSON.stringify(run.context, null, 2)}
              </Code>
            </Stack>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

function Dim({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed" span>
      {children}
    </Text>
  );
}
