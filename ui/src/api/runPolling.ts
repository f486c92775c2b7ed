import type { RunStatus } from "../bindings/types";

/** The polling intervals of SPEC §3.6, in milliseconds. */
export const POLL_MS = {
  /** The first 10 s of activity. */
  fast: 1_000,
  /** Until a minute of activity. */
  medium: 5_000,
  /** After a minute of activity. */
  slow: 10_000,
  /** Nothing active: only to notice work started elsewhere (another workstation, a worker). */
  idle: 30_000,
} as const;

export type PollInput = {
  now: number;
  /** When the activity being watched began (a run started, a list gained active runs); null when nothing is active. */
  activeSince: number | null;
  /** The window is hidden (minimised, another desktop). */
  hidden: boolean;
  /** A modal dialog is open: the operator is busy with it, and nothing behind it needs to move. */
  modalOpen: boolean;
  /** The one run being watched is completed: it never changes again. */
  terminal?: boolean;
  /** The last read failed: it is shown with Retry instead of being repeated. */
  failed?: boolean;
};

/**
 * How long until the next poll, or false for none (SPEC §3.6): paused while the window is
 * hidden or a modal is open; stopped for a completed run or after a failed read; 1 s for the
 * first 10 s of activity, 5 s until a minute, 10 s after; 30 s while nothing is active.
 * Polling is the fallback: the shell's run events update the same queries as they happen.
 */
export function pollInterval({
  now,
  activeSince,
  hidden,
  modalOpen,
  terminal = false,
  failed = false,
}: PollInput): number | false {
  if (terminal || failed) return false;
  if (hidden || modalOpen) return false;
  if (activeSince === null) return POLL_MS.idle;
  const active = Math.max(0, now - activeSince);
  if (active < 10_000) return POLL_MS.fast;
  if (active < 60_000) return POLL_MS.medium;
  return POLL_MS.slow;
}

/** Whether a run can still change. */
export function isActiveStatus(status: RunStatus): boolean {
  return status !== "completed";
}

/** When the current stretch of activity began, and which runs it is made of. */
export type Activity = { since: number | null; ids: readonly string[] };

export const IDLE: Activity = { since: null, ids: [] };

/**
 * The activity after seeing `activeIds` at `now`: idle when nothing is active; a run that was
 * not active before starts a new stretch (fast polling again); runs ending change nothing.
 */
export function trackActivity(previous: Activity, activeIds: readonly string[], now: number): Activity {
  if (activeIds.length === 0) return previous.since === null ? previous : IDLE;
  const known = new Set(previous.ids);
  const fresh = previous.since === null || activeIds.some((id) => !known.has(id));
  if (!fresh && activeIds.length === previous.ids.length) return previous;
  return { since: fresh ? now : previous.since, ids: [...activeIds] };
}
