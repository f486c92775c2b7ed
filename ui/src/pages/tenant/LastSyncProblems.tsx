import { Group, Stack, Text } from "@mantine/core";
import { type LastRunWanted, useObjectTypes, useTenantLastRuns } from "../../api";
import type { LastSync, SyncKind, Tenant } from "../../bindings/types";
import { outcomeVerb, RunLink, runHeadline, SYNC_KINDS, syncOperationType, syncRunLabel } from "../../runs";
import { iconFor, present, toneColor } from "../../vocabulary";

/**
 * Under the tenant's syncs: each kind whose newest sync did not succeed, and why — the run
 * headline's words (`runHeadline`), the same the run's toast and inbox entry show.
 */
export function LastSyncProblems({ tenant, syncs }: { tenant: Tenant; syncs: Map<SyncKind, LastSync> }) {
  const objectTypes = useObjectTypes().data ?? [];
  const problems = SYNC_KINDS.flatMap((kind) => {
    const sync = syncs.get(kind);
    return sync === undefined || sync.outcome === "succeeded" ? [] : [sync];
  });
  const wanted: LastRunWanted[] = problems.map((sync) => ({
    type: syncOperationType(sync.kind),
    outcome: sync.outcome,
    completedAt: sync.completed_at,
  }));
  const runs = useTenantLastRuns(tenant, wanted);
  const lines = problems.flatMap((sync, at) => {
    const run = runs[at]?.data ?? null;
    const headline = run === null ? null : runHeadline(run, { objectTypes });
    return run === null || headline === null ? [] : [{ sync, run, headline }];
  });
  if (lines.length === 0) return null;
  return (
    <Stack gap={4} data-testid="sync-problems">
      {lines.map(({ sync, run, headline }) => {
        const { tone, icon } = present("run_outcome", sync.outcome);
        const IconComponent = iconFor(icon);
        return (
          <Group key={sync.kind} gap={6} wrap="nowrap" align="center" data-testid="sync-problem" data-kind={sync.kind}>
            <IconComponent
              size={14}
              stroke={2}
              color={`var(--mantine-color-${toneColor(tone)}-6)`}
              aria-hidden
              style={{ flexShrink: 0 }}
            />
            <Text size="sm" lineClamp={1}>
              <Text span inherit fw={500}>
                {`Last ${syncRunLabel(sync.kind).toLowerCase()} ${outcomeVerb(sync.outcome)}:`}
              </Text>{" "}
              <span data-testid="sync-problem-headline" data-reason-known={headline.known}>
                {headline.text}
              </span>
            </Text>
            <RunLink runId={run.id} />
          </Group>
        );
      })}
    </Stack>
  );
}
