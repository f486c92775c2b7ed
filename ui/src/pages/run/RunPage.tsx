import { Alert, Anchor, Badge, Group, Progress, Stack, Table, Text, ThemeIcon, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { useAppInfo, useObjectTypes, useRun, useTenant } from "../../api";
import type { OperationRun } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { PageBreadcrumbs, type Crumb } from "../../components/PageBreadcrumbs";
import { RelativeTime } from "../../components/RelativeTime";
import { useNow } from "../../components/useNow";
import { iconFor, present, StatusBadge, type VocabularyCode } from "../../vocabulary";
import { DetailTable, type Detail } from "../tenants/DetailTable";
import { duration, summaryLine, typeCompleteness } from "./runDetails";

export function RunPage() {
  const { runId = "" } = useParams();
  const run = useRun(runId);
  if (run.isPending) return <DetailSkeleton data-testid="run-loading" />;
  if (run.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[{ label: "Tenants", to: "/tenants" }, { label: "Run" }]} />
        <ErrorState
          title="This run could not be loaded"
          message={run.error.message}
          onRetry={() => void run.refetch()}
          retrying={run.isFetching}
        />
      </Stack>
    );
  }
  return <RunView run={run.data} />;
}

function RunView({ run }: { run: OperationRun }) {
  const tenant = useTenant(run.tenant_id);
  const appInfo = useAppInfo();
  const now = useNow(5_000);
  const type = present("operation_type", run.type);
  const TypeIcon = iconFor(type.icon);
  const active = run.status !== "completed";
  const likelyStale = active && run.stale_at !== null && Date.parse(run.stale_at) <= now.getTime();
  const tenantName = tenant.data?.display_name ?? null;

  const crumbs: Crumb[] = [{ label: "Tenants", to: "/tenants" }];
  if (run.tenant_id !== null) crumbs.push({ label: tenantName ?? "Tenant", to: `/tenants/${run.tenant_id}` });
  crumbs.push({ label: type.label });

  const initiator =
    run.initiator_user_id === null
      ? "System (scheduled)"
      : run.initiator_user_id === appInfo.data?.user.id
        ? `You (${appInfo.data.user.display_name})`
        : "Another operator";
  const details: Detail[] = [
    {
      label: "Tenant",
      value:
        run.tenant_id === null ? (
          "Workspace-wide"
        ) : (
          <Anchor component={Link} to={`/tenants/${run.tenant_id}`} size="sm">
            {tenantName ?? run.tenant_id}
          </Anchor>
        ),
    },
    { label: "Started by", value: initiator },
    { label: "Created", value: <RelativeTime value={run.created_at} size="sm" /> },
    { label: "Started", value: run.started_at === null ? <Dim>Not started yet</Dim> : <RelativeTime value={run.started_at} size="sm" /> },
    {
      label: "Completed",
      value: run.completed_at === null ? <Dim>Not completed yet</Dim> : <RelativeTime value={run.completed_at} size="sm" />,
    },
    {
      label: "Duration",
      value:
        run.started_at === null ? (
          <Dim>—</Dim>
        ) : (
          duration(run.started_at, run.completed_at ?? now.toISOString()) + (run.completed_at === null ? " so far" : "")
        ),
    },
    { label: "Attempt", value: String(Math.max(run.attempt, 1)) },
    { label: "Run ID", value: <Text size="sm" ff="monospace">{run.id}</Text> },
  ];

  return (
    <Stack gap="md" data-testid="run-page">
      <PageBreadcrumbs items={crumbs} />
      <Group gap="sm" align="center">
        <ThemeIcon variant="light" color="gray" size="lg" radius="sm">
          <TypeIcon size={20} aria-hidden />
        </ThemeIcon>
        <Title order={2} size="h3" data-testid="run-title">
          {type.label}
          {tenantName !== null && (
            <Text span inherit c="dimmed" fw={400}>
              {" "}
              · {tenantName}
            </Text>
          )}
        </Title>
      </Group>
      <Group gap="xs" data-testid="run-badges">
        <Text size="sm" c="dimmed">
          Status
        </Text>
        <span data-testid="run-status">
          <StatusBadge domain="run_status" code={run.status} />
        </span>
        <Text size="sm" c="dimmed" ml="sm">
          Outcome
        </Text>
        <span data-testid="run-outcome">
          <StatusBadge domain="run_outcome" code={run.outcome} />
        </span>
        {likelyStale && <StatusBadge domain="freshness" code="likely_stale" />}
        {run.reconciled_at !== null && <StatusBadge domain="freshness" code="reconciled_failed" />}
      </Group>

      <RunProgress run={run} />

      {likelyStale && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title="This run looks stuck">
          It has shown no progress since <RelativeTime value={run.stale_at ?? run.created_at} size="sm" />. The
          reconciler will end it as failed if it does not recover.
        </Alert>
      )}

      <DetailTable caption="Run" details={details} />

      {run.reconciled_at !== null && (
        <Alert color="red" variant="light" title="Ended by the reconciler">
          <Text size="sm">
            Reconciled <RelativeTime value={run.reconciled_at} size="sm" />
            {run.reconciliation_source !== null && (
              <> by {present("reconciliation_source", run.reconciliation_source as VocabularyCode<"reconciliation_source">).label}</>
            )}
            {run.reconciliation_reason !== null && (
              <>
                {" "}
                · <Text span size="xs" ff="monospace">{run.reconciliation_reason}</Text>
              </>
            )}
          </Text>
        </Alert>
      )}

      <Failures run={run} />
      <Completeness run={run} />
    </Stack>
  );
}

/** The counters, and a progress bar while the run is active. */
function RunProgress({ run }: { run: OperationRun }) {
  const line = summaryLine(run.summary_counts);
  const total = run.summary_counts.total;
  const processed = run.summary_counts.processed;
  const active = run.status !== "completed";
  const value = total !== undefined && total > 0 && processed !== undefined ? Math.min(100, (processed / total) * 100) : null;
  return (
    <Stack gap={6} data-testid="run-progress">
      {active && (
        <Progress
          value={value ?? 100}
          striped={value === null || run.status === "queued"}
          animated
          size="md"
          color={run.status === "queued" ? "gray" : "blue"}
          aria-label={value === null ? "In progress" : `${Math.round(value)}% processed`}
          data-testid="run-progress-bar"
        />
      )}
      <Text size="sm" c={line === "" ? "dimmed" : undefined} data-testid="run-summary">
        {line === ""
          ? run.status === "queued"
            ? "Waiting for a worker to pick it up."
            : active
              ? "Started; no progress reported yet."
              : "No counts were recorded."
          : line}
      </Text>
    </Stack>
  );
}

function Failures({ run }: { run: OperationRun }) {
  if (run.failure_summary.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>
        {run.outcome === "blocked" ? "Why it was blocked" : "What went wrong"}{" "}
        <Badge variant="light" color="red" radius="sm" ml={4}>
          {run.failure_summary.length}
        </Badge>
      </Title>
      <Table withTableBorder verticalSpacing={6} aria-label="Failures" data-testid="run-failures">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={240}>Code</Table.Th>
            <Table.Th>Message</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.failure_summary.map((failure, index) => (
            <Table.Tr key={`${failure.code}-${index}`}>
              <Table.Td style={{ verticalAlign: "top" }}>
                <Text size="xs" ff="monospace">
                  {failure.code}
                </Text>
                {failure.reason_code !== failure.code && (
                  <Text size="xs" ff="monospace" c="dimmed">
                    {failure.reason_code}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {failure.message}
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
function Completeness({ run }: { run: OperationRun }) {
  const types = useObjectTypes();
  const rows = typeCompleteness(run);
  if (rows.length === 0) return null;
  const labels = new Map((types.data ?? []).map((type) => [type.key, type.label]));
  const incomplete = rows.filter((row) => !row.complete).length;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Title order={4}>Completeness by type</Title>
        <Text size="sm" c={incomplete > 0 ? "yellow.8" : "dimmed"}>
          {incomplete === 0 ? `All ${rows.length} types read completely` : `${incomplete} of ${rows.length} types incomplete`}
        </Text>
      </Group>
      <Table withTableBorder verticalSpacing={4} aria-label="Completeness by type" data-testid="run-completeness">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th w={120}>Read</Table.Th>
            <Table.Th w={80} ta="right">Listed</Table.Th>
            <Table.Th w={80} ta="right">Read</Table.Th>
            <Table.Th w={80} ta="right">Failed</Table.Th>
            <Table.Th w={80} ta="right">Pages</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...rows]
            .sort((a, b) => Number(a.complete) - Number(b.complete) || (labels.get(a.type) ?? a.type).localeCompare(labels.get(b.type) ?? b.type))
            .map((row) => (
              <Table.Tr key={row.type} data-testid="completeness-row">
                <Table.Td>
                  <Text size="sm">{labels.get(row.type) ?? row.type}</Text>
                  {row.error !== null && (
                    <Text size="xs" ff="monospace" c="red">
                      {row.error}
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

function Dim({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
