import { Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { isBaselineRun, queryKeys, refreshBaselines, useRuns } from "../api";
import type { OperationRun, RunId, TenantId } from "../bindings/types";
import { iconFor, present, toneColor } from "../vocabulary";
import { completionSentence } from "./labels";
import { RunLink } from "./RunLink";

type Watch = {
  /** Runs started together (one, or one per tenant for "sync all"). */
  runs: OperationRun[];
  /** Tenant names for the toast wording. */
  tenantNames: Record<TenantId, string>;
  /** Set for a batch: the toast then summarises instead of one toast per run. */
  batchLabel?: string;
};

type Watched = Watch & { key: number; since: number };

const RunWatchContext = createContext<((watch: Watch) => void) | null>(null);

/**
 * Watches runs this window started until they complete, wherever the operator goes meanwhile:
 * then refreshes what the run changed (the tenant's data, the last-sync columns, baselines and
 * findings) and tells the operator how it ended, in the outcome's tone.
 */
export function RunWatchProvider({ children }: { children: ReactNode }) {
  const [watched, setWatched] = useState<Watched[]>([]);
  const next = useRef(0);
  const watch = useCallback((entry: Watch) => {
    const runs = entry.runs.filter((run) => run.status !== "completed");
    if (runs.length === 0) return;
    next.current += 1;
    const key = next.current;
    setWatched((list) => [...list, { ...entry, runs, key, since: Date.now() }]);
  }, []);
  const done = useCallback((key: number) => setWatched((list) => list.filter((w) => w.key !== key)), []);
  return (
    <RunWatchContext.Provider value={watch}>
      {children}
      {watched.map((entry) => (
        <WatchedRuns key={entry.key} entry={entry} onDone={done} />
      ))}
    </RunWatchContext.Provider>
  );
}

export function useRunWatch(): (watch: Watch) => void {
  const watch = useContext(RunWatchContext);
  if (watch === null) throw new Error("useRunWatch() needs a <RunWatchProvider> above it");
  return watch;
}

function WatchedRuns({ entry, onDone }: { entry: Watched; onDone: (key: number) => void }) {
  const queryClient = useQueryClient();
  const ids = useMemo(() => entry.runs.map((run) => run.id), [entry.runs]);
  const results = useRuns(ids, entry.since);
  const finished = useRef(new Set<RunId>());
  const reported = useRef(false);

  // Each run's tenant is refreshed as soon as that run completes, not when the batch does.
  const completed = results.flatMap((result) => (result.data?.status === "completed" ? [result.data] : []));
  const failedReads = results.filter((result) => result.isError).length;
  useEffect(() => {
    for (const run of completed) {
      if (finished.current.has(run.id)) continue;
      finished.current.add(run.id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(run.workspace_id) });
      if (run.tenant_id !== null) void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(run.tenant_id) });
      if (isBaselineRun(run)) void refreshBaselines(queryClient);
    }
    if (reported.current || completed.length + failedReads < ids.length) return;
    reported.current = true;
    if (completed.length > 0) showCompletionToast(entry, completed);
    onDone(entry.key);
  });
  return null;
}

function showCompletionToast(entry: Watch, runs: OperationRun[]) {
  if (entry.batchLabel === undefined || runs.length === 1) {
    for (const run of runs) {
      const { tone, icon } = present("run_outcome", run.outcome);
      const IconComponent = iconFor(icon);
      const name = run.tenant_id === null ? null : (entry.tenantNames[run.tenant_id] ?? null);
      notifications.show({
        id: `completed-${run.id}`,
        color: toneColor(tone),
        icon: <IconComponent size={16} aria-hidden />,
        title: completionSentence(run, name),
        autoClose: run.outcome === "succeeded" ? 6_000 : 12_000,
        message: (
          <Stack gap={4} data-testid="completion-toast" data-outcome={run.outcome}>
            {run.failure_summary[0] !== undefined && (
              <Text size="sm" lineClamp={3}>
                {run.failure_summary[0].message}
              </Text>
            )}
            <RunLink runId={run.id} />
          </Stack>
        ),
      });
    }
    return;
  }
  const byOutcome = new Map<string, number>();
  for (const run of runs) {
    const label = present("run_outcome", run.outcome).label.toLowerCase();
    byOutcome.set(label, (byOutcome.get(label) ?? 0) + 1);
  }
  const worst = runs.some((run) => run.outcome === "failed")
    ? "failed"
    : runs.some((run) => run.outcome !== "succeeded")
      ? "partially_succeeded"
      : "succeeded";
  notifications.show({
    color: toneColor(present("run_outcome", worst).tone),
    title: `${entry.batchLabel} finished`,
    autoClose: worst === "succeeded" ? 6_000 : 12_000,
    message: (
      <Text size="sm" data-testid="completion-toast" data-outcome={worst}>
        {[...byOutcome].map(([label, count]) => `${count} ${label}`).join(", ")}
      </Text>
    ),
  });
}
