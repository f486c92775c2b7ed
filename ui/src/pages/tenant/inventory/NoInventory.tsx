import { Button, Group, Skeleton, Stack } from "@mantine/core";
import { IconAlertTriangle, IconListSearch } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useLastSyncs, useObjectTypes, useRunDetail, useTenantLastRuns } from "../../../api";
import type { LastSync, OperationRun, RunOutcome, Tenant } from "../../../bindings/types";
import { EmptyState } from "../../../components/EmptyState";
import { RelativeTime } from "../../../components/RelativeTime";
import {
  type RunHeadline,
  RunLink,
  reasonWords,
  runHeadline,
  syncActionLabel,
  UNKNOWN_CONNECTION_REASON,
  useTenantSync,
} from "../../../runs";
import { useCan } from "../../../workspace";

/**
 * No objects are stored for the tenant, and why: no inventory sync has completed yet, the last
 * one did not succeed (with its reason and next step), or it succeeded and found nothing. Only
 * the last of these may call the inventory empty.
 */
export function NoInventory({ tenant }: { tenant: Tenant }) {
  const lastSyncs = useLastSyncs(tenant.workspace_id);
  const sync = <SyncButton tenant={tenant} again={false} />;
  if (lastSyncs.isPending) return <EmptyStateSkeleton />;
  if (lastSyncs.isError) {
    return (
      <EmptyState
        icon={IconListSearch}
        title="No inventory is stored"
        description={`Whether ${tenant.display_name} was synced before could not be read: ${lastSyncs.error.message}`}
        action={sync}
        data-testid="inventory-empty"
      />
    );
  }
  const last = lastSyncs.data.find((entry) => entry.tenant_id === tenant.id && entry.kind === "inventory");
  if (last === undefined) {
    return (
      <EmptyState
        icon={IconListSearch}
        title="No inventory yet"
        description={`Sync inventory to list every Intune and Entra configuration object of ${tenant.display_name}: policies, profiles, scripts, apps and more.`}
        action={sync}
        data-testid="inventory-empty"
      />
    );
  }
  if (last.outcome === "succeeded") {
    return (
      <EmptyState
        icon={IconListSearch}
        title="The inventory is empty"
        description={
          <>
            The last inventory sync (<RelativeTime value={last.completed_at} size="sm" />) found no configuration
            objects in {tenant.display_name}.
          </>
        }
        action={sync}
        data-testid="inventory-empty"
      />
    );
  }
  return <UnsuccessfulSync tenant={tenant} last={last} />;
}

/**
 * The last inventory sync ended without success. Only inventory syncs fill the inventory (policy
 * syncs store versions), so its run is the one that explains an empty inventory: read as the
 * tenant header reads it (the same query), for operators who may see runs.
 */
function UnsuccessfulSync({ tenant, last }: { tenant: Tenant; last: LastSync }) {
  const can = useCan(tenant.workspace_id);
  return can("operations.view") ? (
    <UnsuccessfulSyncRun tenant={tenant} last={last} />
  ) : (
    <UnsuccessfulSyncState tenant={tenant} last={last} run={null} headline={null} />
  );
}

function UnsuccessfulSyncRun({ tenant, last }: { tenant: Tenant; last: LastSync }) {
  const [lastRun] = useTenantLastRuns(tenant, [
    { type: "inventory_sync", outcome: last.outcome, completedAt: last.completed_at },
  ]);
  if (lastRun?.isPending) return <EmptyStateSkeleton />;
  const run = lastRun?.data ?? null;
  // Only the run that ended at that moment explains this sync, never a newer or older one.
  if (run === null || run.completed_at === null || !sameMoment(run.completed_at, last.completed_at)) {
    return <UnsuccessfulSyncState tenant={tenant} last={last} run={null} headline={null} />;
  }
  return <UnsuccessfulSyncReason tenant={tenant} last={last} run={run} />;
}

/** The run's reason in the words every surface uses (`runHeadline`), with its explanation and next step. */
function UnsuccessfulSyncReason({ tenant, last, run }: { tenant: Tenant; last: LastSync; run: OperationRun }) {
  const detail = useRunDetail(run.id);
  const objectTypes = useObjectTypes().data ?? [];
  const headline = runHeadline(run, { reason: detail.data?.reason ?? null, objectTypes });
  return <UnsuccessfulSyncState tenant={tenant} last={last} run={run} headline={headline} />;
}

type StateProps = { tenant: Tenant; last: LastSync; run: OperationRun | null; headline: RunHeadline | null };

function UnsuccessfulSyncState({ tenant, last, run, headline }: StateProps) {
  const check = tenant.connection_check;
  // Without the run's own reason, a failed connection check is the next best explanation.
  const connection =
    headline === null && check.state === "failed" && check.reason_code !== null
      ? `The last connection check of ${tenant.display_name} failed too: ${reasonWords(check.reason_code, UNKNOWN_CONNECTION_REASON).label}.`
      : null;
  const why =
    headline === null
      ? ""
      : [headline.explanation, headline.nextSteps].reduce<string>(
          (text, part) => (part === null ? text : `${text} ${sentence(part)}`),
          "",
        );
  const sync = <SyncButton tenant={tenant} again />;
  const action: ReactNode =
    run === null ? (
      sync
    ) : (
      <Group gap="md" justify="center">
        {sync}
        <RunLink runId={run.id} label="View the run" />
      </Group>
    );
  return (
    <EmptyState
      icon={IconAlertTriangle}
      title={unsuccessfulTitle(last.outcome)}
      description={
        <span data-testid="inventory-last-sync-reason" data-reason-code={headline?.code ?? undefined}>
          It ended <RelativeTime value={last.completed_at} size="sm" />
          {headline === null ? "." : `: ${sentence(headline.text)}`}
          {why}
          {connection !== null && ` ${connection}`}
        </span>
      }
      action={action}
      data-testid="inventory-sync-unsuccessful"
    />
  );
}

/** Why the inventory is empty when the last sync did not succeed: never "the inventory is empty". */
export function unsuccessfulTitle(outcome: RunOutcome): string {
  switch (outcome) {
    case "failed":
      return "The last inventory sync failed, so no inventory is stored yet";
    case "blocked":
      return "The last inventory sync was blocked, so no inventory is stored yet";
    case "partially_succeeded":
      return "The last inventory sync could not read everything, and no inventory is stored yet";
    case "succeeded":
    case "pending":
      return "No inventory is stored yet";
  }
}

/** Sync inventory (again), for those who may sync an active tenant. */
function SyncButton({ tenant, again }: { tenant: Tenant; again: boolean }) {
  const can = useCan(tenant.workspace_id);
  const { start, pendingKind } = useTenantSync();
  if (!can("tenant.sync") || tenant.status !== "active") return null;
  return (
    <Button
      onClick={() => void start(tenant, "inventory")}
      loading={pendingKind === "inventory"}
      data-testid="empty-sync-inventory"
    >
      {again ? "Sync inventory again" : syncActionLabel("inventory")}
    </Button>
  );
}

function EmptyStateSkeleton() {
  return (
    <Stack align="center" gap="xs" py="xl" aria-busy="true" data-testid="inventory-empty-loading">
      <Skeleton height={44} width={44} circle />
      <Skeleton height={18} width={280} radius="sm" />
      <Skeleton height={12} width={360} radius="sm" />
    </Stack>
  );
}

function sameMoment(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

/** A catalog text as a sentence of its own (a full stop at its end). */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
