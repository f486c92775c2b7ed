import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { IconArrowNarrowRight, IconCircleX, IconClockExclamation, IconRefresh } from "@tabler/icons-react";
import { type ReactNode, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useAppInfo, useMembers, useObjectTypes, useRestore, useRunDetail } from "../../api";
import type { ApiError, PreviewRestoreRequest, Restore, RestoreView, RunId } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { FailureAlert } from "../../components/FailureAlert";
import { type Crumb, PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { PageHeader } from "../../components/PageHeader";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink, runHeadline, runProgress } from "../../runs";
import { useCan } from "../../workspace";
import { backupsPath } from "../backups/backupLinks";
import { usePolicyTypes } from "../baselines/policyTypes";
import { driftPath } from "../tenant/tenantLinks";
import { ExecuteRestoreButton } from "./ExecuteRestore";
import { PlanSection } from "./PlanSection";
import { type PendingChoice, withPending } from "./planView";
import { RestoreStatusBadge } from "./RestoreBadges";
import { RestoreOutcomes } from "./RestoreOutcomes";
import { RestoreSourceWords, UndoneRestoreLink } from "./RestoreSourceWords";
import { changesOf, groupNames, isPromote, type PlanNames } from "./restoreWords";
import { secretItems } from "./secretValues";
import { useRestorePreviewStart } from "./useRestorePreviewStart";

/**
 * One restore (`/restores/:restoreId`): what restoring a backup set, chosen versions or a
 * baseline's content (remediating drift) onto a tenant — or undoing an executed restore — would
 * change, and once executed what it did. While the preview's run reads the target
 * it shows the run's progress and follows it (run events, and every 5 s); a failed preview says
 * why in the run's words; a previewed one shows its plan — the counts, the group mapping (which
 * members who may restore can change, as a new preview) and every object with what would happen
 * to it — and, to those members, "Execute restore…" behind a typed confirmation. An execution is
 * followed the same way; an executed restore shows every object's outcome and the way to undo it.
 */
export function RestorePage() {
  const { restoreId = "" } = useParams();
  // The execution asked for from this page, until its run moves the restore to executing.
  const [awaiting, setAwaiting] = useState<{ restoreId: string; runId: RunId } | null>(null);
  const awaitedRun = awaiting?.restoreId === restoreId ? awaiting.runId : null;
  const view = useRestore(restoreId, { awaitingRun: awaitedRun !== null });
  if (view.isPending) return <DetailSkeleton data-testid="restore-loading" />;
  if (view.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[{ label: "Tenants", to: "/tenants" }, { label: "Restore preview" }]} />
        <ErrorState
          title="This restore preview could not be loaded"
          message={view.error.message}
          onRetry={() => void view.refetch()}
          retrying={view.isFetching}
        />
      </Stack>
    );
  }
  // Keyed so another restore's page starts fresh (its group changes, its comparison).
  return (
    <RestoreContent
      key={view.data.restore.id}
      view={view.data}
      awaitedRun={awaitedRun}
      onAwait={(runId) => setAwaiting(runId === null ? null : { restoreId, runId })}
    />
  );
}

/** Whether the restore has been (or is being) executed: the page then speaks of a restore, not a preview. */
function isExecution(restore: Restore): boolean {
  return restore.status === "executing" || restore.status === "executed" || restore.status === "execute_failed";
}

/** The tab of the target a restore was asked from: its Drift for a remediation, its Backups otherwise. */
function sourceCrumb(restore: Restore): Crumb {
  switch (restore.source.kind) {
    case "baseline":
      return { label: "Drift", to: driftPath(restore.tenant_id) };
    case "backup_set":
    case "versions":
    case "undo":
      return { label: "Backups", to: backupsPath(restore.tenant_id) };
  }
}

/** Where a "Preview again" was asked from: its refusal shows there. */
type Origin = "header" | "mapping";

type RestoreContentProps = {
  view: RestoreView;
  /** The run of an execution asked for here that has not yet moved the restore to executing. */
  awaitedRun: RunId | null;
  onAwait: (runId: RunId | null) => void;
};

function RestoreContent({ view, awaitedRun, onAwait }: RestoreContentProps) {
  const { restore } = view;
  const canPreview = useCan(restore.workspace_id)("tenant.restore.execute");
  // Still previewed while the execution's run waits for a worker: shown as executing.
  const awaiting = restore.status === "previewed" ? awaitedRun : null;
  const types = usePolicyTypes();
  const names: PlanNames = {
    target: view.tenant_name,
    source: view.source_tenant_name,
    typeLabel: types.label,
    ...groupNames(restore.plan ?? { groups: [] }),
  };
  const start = useRestorePreviewStart(restore.workspace_id);
  const [origin, setOrigin] = useState<Origin>("header");
  const previewAgain = (from: Origin, overrides: PreviewRestoreRequest["group_overrides"]) => {
    setOrigin(from);
    void start.start(
      { tenant_id: restore.tenant_id, source: restore.source, group_overrides: overrides },
      view.tenant_name,
    );
  };
  const busy = restore.status === "planning" || restore.status === "executing" || awaiting !== null;
  const plan = restore.plan;
  // Objects whose only conflict is secret values can be written with values typed at execution.
  const executable =
    restore.status === "previewed" && plan !== null && (changesOf(plan.counts) > 0 || secretItems(plan).length > 0);
  const actions =
    canPreview && !busy ? (
      <Group gap="sm">
        <Button
          variant={restore.status === "outdated" ? "filled" : "default"}
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => previewAgain("header", restore.group_overrides)}
          loading={start.isPending && origin === "header"}
          data-testid="preview-again"
        >
          Preview again
        </Button>
        {executable && (
          <ExecuteRestoreButton
            restore={restore}
            plan={plan}
            target={view.tenant_name}
            typeLabel={types.label}
            onStarted={(started) => onAwait(started.run.id)}
          />
        )}
      </Group>
    ) : null;

  return (
    <Stack gap="lg" data-testid="restore-page" data-status={restore.status}>
      <Stack gap="md">
        <PageBreadcrumbs
          items={[
            { label: "Tenants", to: "/tenants" },
            { label: view.tenant_name, to: `/tenants/${encodeURIComponent(restore.tenant_id)}` },
            sourceCrumb(restore),
            { label: isExecution(restore) ? "Restore" : "Restore preview" },
          ]}
        />
        <RestoreHeader view={view} actions={actions} />
        {origin === "header" && start.error !== null && <StartRefused error={start.error} />}
      </Stack>
      <RestoreBody
        view={view}
        names={names}
        awaiting={awaiting}
        onAwaitEnded={() => onAwait(null)}
        canPreview={canPreview}
        onPreviewWithGroups={(pending) => previewAgain("mapping", withPending(restore.group_overrides, pending))}
        previewing={start.isPending && origin === "mapping"}
        previewError={origin === "mapping" ? start.error : null}
      />
    </Stack>
  );
}

function StartRefused({ error }: { error: ApiError }) {
  return (
    <FailureAlert title="The preview was not started" data-testid="preview-again-error">
      <Text size="sm">{error.message}</Text>
    </FailureAlert>
  );
}

/** Source → target, whether it promotes to another tenant, its status, who asked and when. */
function RestoreHeader({ view, actions }: { view: RestoreView; actions: ReactNode }) {
  const { restore } = view;
  return (
    <PageHeader
      align="start"
      heading={
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Title order={2} size="h3">
              {isExecution(restore) ? "Restore" : "Restore preview"}
            </Title>
            <RestoreStatusBadge status={restore.status} size="md" />
          </Group>
          <Group gap={8} align="center" data-testid="restore-direction">
            <Anchor
              component={Link}
              to={`/tenants/${encodeURIComponent(restore.source_tenant_id)}`}
              fw={600}
              data-testid="restore-source-tenant"
            >
              {view.source_tenant_name}
            </Anchor>
            <IconArrowNarrowRight size={18} aria-label="onto" />
            <Anchor
              component={Link}
              to={`/tenants/${encodeURIComponent(restore.tenant_id)}`}
              fw={600}
              data-testid="restore-target-tenant"
            >
              {view.tenant_name}
            </Anchor>
            <RestoreKindBadge restore={restore} />
          </Group>
          <Text size="sm" c="dimmed" data-testid="restore-facts">
            <WhatItDoes view={view} /> Asked <RelativeTime value={restore.created_at} size="sm" span /> by{" "}
            <AskedBy restore={restore} />
            {restore.previewed_at !== null && (
              <>
                {" "}
                · previewed <RelativeTime value={restore.previewed_at} size="sm" span />
              </>
            )}
            {restore.executed_at !== null && (
              <>
                {" "}
                · executed <RelativeTime value={restore.executed_at} size="sm" span />
              </>
            )}
            .
          </Text>
        </Stack>
      }
      actions={actions}
    />
  );
}

/**
 * What the restore does, leading its header's facts: "See what restoring … onto Contoso would
 * change." — or, undoing a restore, "See what undoing restore 3f2a9c1e would change in Contoso."
 */
function WhatItDoes({ view }: { view: RestoreView }) {
  const { restore } = view;
  const executing = isExecution(restore);
  if (restore.source.kind === "undo") {
    const undone = <UndoneRestoreLink restoreId={restore.source.restore_id} />;
    return executing ? (
      <>
        Undoing {undone} on {view.tenant_name}.
      </>
    ) : (
      <>
        See what undoing {undone} would change in {view.tenant_name}.
      </>
    );
  }
  const source = <RestoreSourceWords restore={restore} sourceName={view.source_tenant_name} />;
  return executing ? (
    <>
      Restoring {source} onto {view.tenant_name}.
    </>
  ) : (
    <>
      See what restoring {source} onto {view.tenant_name} would change.
    </>
  );
}

/**
 * An undo of a restore, a remediation from a baseline, or a promote (versions of another tenant);
 * nothing for a plain restore.
 */
function RestoreKindBadge({ restore }: { restore: Restore }) {
  if (restore.source.kind === "undo") {
    return (
      <Badge variant="light" color="orange" radius="sm" data-testid="restore-undo">
        Undo of a restore
      </Badge>
    );
  }
  if (restore.source.kind === "baseline") {
    return (
      <Badge variant="light" color="teal" radius="sm" data-testid="restore-remediation">
        Drift remediation from the baseline
      </Badge>
    );
  }
  if (!isPromote(restore)) return null;
  return (
    <Badge variant="light" color="violet" radius="sm" data-testid="restore-promote">
      Promote to another tenant
    </Badge>
  );
}

/** Who asked for the preview: "you", a member's name, or "an operator". */
function AskedBy({ restore }: { restore: Restore }) {
  const me = useAppInfo().data?.user.id;
  const members = useMembers(restore.workspace_id).data ?? [];
  if (restore.created_by === null) return <>the system</>;
  if (restore.created_by === me) return <>you</>;
  return <>{members.find((member) => member.user.id === restore.created_by)?.user.display_name ?? "an operator"}</>;
}

type RestoreBodyProps = {
  view: RestoreView;
  names: PlanNames;
  awaiting: RunId | null;
  onAwaitEnded: () => void;
  canPreview: boolean;
  onPreviewWithGroups: (pending: Record<string, PendingChoice>) => void;
  previewing: boolean;
  previewError: ApiError | null;
};

function RestoreBody({ view, names, awaiting, onAwaitEnded, ...rest }: RestoreBodyProps) {
  const { restore } = view;
  if (restore.status === "planning") return <Planning restore={restore} names={names} />;
  if (restore.status === "preview_failed") return <PreviewFailed restore={restore} names={names} />;
  if (restore.status === "executing" || awaiting !== null) {
    return <Executing runId={awaiting ?? restore.execute_run_id} names={names} onEnded={onAwaitEnded} />;
  }
  if (restore.status === "executed" || restore.status === "execute_failed") {
    return <Executed restore={restore} names={names} canRestore={rest.canPreview} />;
  }
  const plan =
    restore.plan === null ? (
      <Text size="sm" c="dimmed" data-testid="restore-no-plan">
        This restore holds no plan.
      </Text>
    ) : (
      <PlanSection restore={restore} plan={restore.plan} names={names} {...rest} />
    );
  if (restore.status !== "outdated") return plan;
  return (
    <Stack gap="lg">
      <Alert
        color="yellow"
        variant="light"
        icon={<IconClockExclamation aria-hidden />}
        title="This preview is out of date"
        data-testid="restore-outdated"
      >
        <Text size="sm">
          {restore.execute_run_id === null
            ? `${names.target} changed since it was previewed, so the plan below may no longer be what restoring would do. Nothing was written to ${names.target}.`
            : `${names.target} changed since it was previewed, so the restore stopped before writing anything: nothing was written to ${names.target}. The plan below may no longer be what restoring would do.`}{" "}
          Preview again to see what it would change now.
        </Text>
        {restore.execute_run_id !== null && (
          <Group mt={6}>
            <RunLink runId={restore.execute_run_id} label="View the run" />
          </Group>
        )}
      </Alert>
      {plan}
    </Stack>
  );
}

/** The preview's run reads the target: its progress, and the way to the run. */
function Planning({ restore, names }: { restore: Restore; names: PlanNames }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="restore-planning">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <Loader size="sm" aria-hidden />
          <Text fw={600}>Reading {names.target} to plan the restore</Text>
        </Group>
        <Text size="sm" c="dimmed">
          The preview reads the objects of {names.target} through Microsoft Graph and changes nothing. This page shows
          the plan as soon as it is ready.
        </Text>
        {restore.preview_run_id === null ? (
          <Text size="sm" c="dimmed">
            Waiting for its run to start.
          </Text>
        ) : (
          <PlanningRun runId={restore.preview_run_id} />
        )}
      </Stack>
    </Paper>
  );
}

function PlanningRun({ runId }: { runId: string }) {
  const detail = useRunDetail(runId);
  const run = detail.data?.run;
  const progress = run === undefined ? null : runProgress(run);
  const words =
    run === undefined
      ? "Reading the run…"
      : run.status === "queued"
        ? "Waiting for a worker to pick it up."
        : run.status === "completed"
          ? "The run has ended; the plan is being read."
          : progress === null
            ? "Started; no progress reported yet."
            : `Read ${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()} ${progress.total === 1 ? "type" : "types"} so far.`;
  return (
    <Stack gap={6}>
      <Progress
        value={progress?.percent ?? 100}
        striped={progress === null}
        animated={progress === null && run?.status === "running"}
        color={run?.status === "queued" ? "gray" : "blue"}
        aria-label={progress === null ? "In progress" : `${Math.round(progress.percent)}% read`}
        data-testid="restore-progress"
      />
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="restore-progress-words">
          {words}
        </Text>
        <RunLink runId={runId} label="View the run" />
      </Group>
    </Stack>
  );
}

/** Why the preview ended without a plan, in the run's own words (its headline), with the next step. */
function PreviewFailed({ restore, names }: { restore: Restore; names: PlanNames }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconCircleX aria-hidden />}
      title="The preview failed"
      data-testid="restore-failed"
    >
      {restore.preview_run_id === null ? (
        <Text size="sm">The preview ended without a plan, and no run of it was recorded.</Text>
      ) : (
        <FailedRun runId={restore.preview_run_id} names={names} />
      )}
    </Alert>
  );
}

function FailedRun({ runId, names }: { runId: string; names: PlanNames }) {
  const detail = useRunDetail(runId);
  const objectTypes = useObjectTypes().data;
  if (detail.isPending) return <Text size="sm">Reading why…</Text>;
  if (detail.isError) {
    return (
      <Stack gap={4}>
        <Text size="sm">The preview ended without a plan. Why could not be read: {detail.error.message}</Text>
        <RunLink runId={runId} label="View the run" />
      </Stack>
    );
  }
  const headline = runHeadline(detail.data.run, { reason: detail.data.reason, objectTypes });
  const message = headline?.entry?.message ?? null;
  return (
    <Stack gap={4}>
      <Text size="sm" data-testid="restore-failed-reason" data-reason-code={headline?.code ?? undefined}>
        {headline === null
          ? `The preview ended without a plan of what restoring onto ${names.target} would change.`
          : `${headline.text}.`}
        {headline?.explanation !== null && headline?.explanation !== undefined && ` ${headline.explanation}`}
      </Text>
      {message !== null && (
        <Text size="sm" c="dimmed" data-testid="restore-failed-detail">
          {message}
        </Text>
      )}
      {headline?.nextSteps !== null && headline?.nextSteps !== undefined && (
        <Text size="sm" data-testid="restore-failed-next">
          <Text span inherit fw={500}>
            Next:
          </Text>{" "}
          {headline.nextSteps}
        </Text>
      )}
      <RunLink runId={runId} label="View the run" />
    </Stack>
  );
}

/**
 * The execution's run writes to the target: its progress and the way to the run. `runId` is null
 * until the backend records it; `onEnded` is called once the run has ended (the restore is read
 * again by then).
 */
function Executing({ runId, names, onEnded }: { runId: RunId | null; names: PlanNames; onEnded: () => void }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="restore-executing">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <Loader size="sm" aria-hidden />
          <Text fw={600}>Restoring onto {names.target}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          The restore reads {names.target} again first: if it changed since the preview, nothing is written. Then it
          writes each change, keeping every policy it overwrites or deletes as it was. This page shows what it did as
          soon as it has ended.
        </Text>
        {runId === null ? (
          <Text size="sm" c="dimmed">
            Waiting for its run to start.
          </Text>
        ) : (
          <ExecutingRun runId={runId} onEnded={onEnded} />
        )}
      </Stack>
    </Paper>
  );
}

function ExecutingRun({ runId, onEnded }: { runId: RunId; onEnded: () => void }) {
  const detail = useRunDetail(runId);
  const run = detail.data?.run;
  const ended = run?.status === "completed";
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);
  const progress = run === undefined ? null : runProgress(run);
  const words =
    run === undefined
      ? "Reading the run…"
      : run.status === "queued"
        ? "Waiting for a worker to pick it up."
        : ended
          ? "The run has ended; what it did is being read."
          : progress === null
            ? "Started; no progress reported yet."
            : `${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()} done so far.`;
  return (
    <Stack gap={6}>
      <Progress
        value={progress?.percent ?? 100}
        striped={progress === null}
        animated={progress === null && run?.status === "running"}
        color={run?.status === "queued" ? "gray" : "blue"}
        aria-label={progress === null ? "In progress" : `${Math.round(progress.percent)}% done`}
        data-testid="restore-progress"
      />
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="restore-progress-words">
          {words}
        </Text>
        <RunLink runId={runId} label="View the run" />
      </Group>
    </Stack>
  );
}

/** An executed restore: whether it wrote anything, then every object's outcome. */
function Executed({ restore, names, canRestore }: { restore: Restore; names: PlanNames; canRestore: boolean }) {
  const outcomes = restore.outcomes ?? [];
  return (
    <Stack gap="lg">
      {restore.status === "execute_failed" && (
        <Alert
          color="red"
          variant="light"
          icon={<IconCircleX aria-hidden />}
          title="The restore failed"
          data-testid="restore-execute-failed"
        >
          <Text size="sm">
            No change could be written to {names.target}: every write was refused. Why each failed is listed below.
          </Text>
          {restore.execute_run_id !== null && (
            <Group mt={6}>
              <RunLink runId={restore.execute_run_id} label="View the run" />
            </Group>
          )}
        </Alert>
      )}
      {restore.outcomes === null ? (
        <Text size="sm" c="dimmed" data-testid="restore-no-outcomes">
          This restore holds no outcome of its objects.
        </Text>
      ) : (
        <RestoreOutcomes restore={restore} outcomes={outcomes} names={names} canRestore={canRestore} />
      )}
    </Stack>
  );
}
