import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import {
  isBaselineRun,
  isRestoreRun,
  queryKeys,
  refreshBaselines,
  refreshRestores,
  useObjectTypes,
  useRuns,
} from "../api";
import type { OperationRun, RunId, TenantId } from "../bindings/types";
import { type BatchToast, toastBatchFinished, toastRunChanged } from "./runToasts";

type Watch = {
  /** Runs started together (one, or one per tenant for "sync all"). */
  runs: OperationRun[];
  /** Tenant names for the toast wording. */
  tenantNames: Record<TenantId, string>;
  /** Set for a batch: its one toast sums up the end instead of one toast per run. */
  batch?: BatchToast;
};

type Watched = Watch & { key: number; since: number };

const RunWatchContext = createContext<((watch: Watch) => void) | null>(null);

/**
 * Watches runs this window started until they complete, wherever the operator goes meanwhile:
 * keeps each run's toast current (running, then how it ended, in the outcome's tone) and
 * refreshes what the run changed (the tenant's data, the last-sync columns, baselines and
 * findings, a restore's plan).
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
  // Asked while the runs work, so the toast saying how one ended can name the type a failure concerns.
  const objectTypes = useObjectTypes().data;
  const finished = useRef(new Set<RunId>());
  // The status each run's toast last showed: a toast changes when the status does, not on progress.
  const toasted = useRef(new Map<RunId, OperationRun["status"]>(entry.runs.map((run) => [run.id, run.status])));
  const reported = useRef(false);

  const runs = results.flatMap((result) => (result.data === undefined ? [] : [result.data]));
  const completed = runs.filter((run) => run.status === "completed");
  const failedReads = results.filter((result) => result.isError).length;
  useEffect(() => {
    if (entry.batch === undefined) {
      for (const run of runs) {
        if (toasted.current.get(run.id) === run.status) continue;
        toasted.current.set(run.id, run.status);
        toastRunChanged(
          run,
          run.tenant_id === null ? null : (entry.tenantNames[run.tenant_id] ?? null),
          objectTypes ?? [],
        );
      }
    }
    // Each run's tenant is refreshed as soon as that run completes, not when the batch does.
    for (const run of completed) {
      if (finished.current.has(run.id)) continue;
      finished.current.add(run.id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(run.workspace_id) });
      if (run.tenant_id !== null) void queryClient.invalidateQueries({ queryKey: queryKeys.tenant(run.tenant_id) });
      if (isBaselineRun(run)) void refreshBaselines(queryClient);
      if (isRestoreRun(run)) void refreshRestores(queryClient, run);
    }
    if (reported.current || completed.length + failedReads < ids.length) return;
    reported.current = true;
    if (entry.batch !== undefined && completed.length > 0) toastBatchFinished(entry.batch, completed);
    onDone(entry.key);
  });
  return null;
}
