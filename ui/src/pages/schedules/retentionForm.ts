import type { BackupRetention } from "../../bindings/types";

/** How many backups a new backup schedule keeps unless the operator says otherwise. */
export const DEFAULT_KEEP_LAST = 14;
/** The backend's bounds (`BackupRetention::MAX_KEEP_LAST`, `MAX_KEEP_DAYS`). */
export const MAX_KEEP_LAST = 10_000;
export const MAX_KEEP_DAYS = 3_650;

/** The retention fields as typed: text, so an empty or half-typed value can be told apart. */
export type RetentionDraft = { keepLast: string; keepDays: string };

export type RetentionErrors = { keepLast?: string; keepDays?: string };

/**
 * The fields a form starts with: the schedule's retention; for a new schedule the default; for a
 * backup schedule without one (it keeps every backup) nothing.
 */
export function retentionDraft(retention: BackupRetention | null, isNew: boolean): RetentionDraft {
  if (retention === null) return { keepLast: isNew ? String(DEFAULT_KEEP_LAST) : "", keepDays: "" };
  return { keepLast: String(retention.keep_last), keepDays: retention.keep_days?.toString() ?? "" };
}

/** A whole number written plainly, or null for anything else. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The retention the fields say, or why they say none, checked as the backend checks it. An empty
 * "keep" field means "keep every backup", allowed only where `required` is false (a schedule
 * that keeps every backup now, which the backend cannot be asked to go back to).
 */
export function readRetention(
  draft: RetentionDraft,
  { required }: { required: boolean },
): { retention: BackupRetention | null; errors: RetentionErrors } {
  const errors: RetentionErrors = {};
  const lastText = draft.keepLast.trim();
  const daysText = draft.keepDays.trim();
  const keepLast = wholeNumber(lastText);
  const keepDays = wholeNumber(daysText);

  if (lastText === "") {
    if (required) errors.keepLast = "Enter how many backups to keep: 1 or more.";
    else if (daysText !== "") errors.keepLast = "Enter how many of the newest backups to keep as well: 1 or more.";
  } else if (keepLast === null) {
    errors.keepLast = "Enter a whole number of backups: 1 or more.";
  } else if (keepLast < 1) {
    errors.keepLast = "Keep at least 1 backup: keeping 0 would delete every backup.";
  } else if (keepLast > MAX_KEEP_LAST) {
    errors.keepLast = `Keep at most ${MAX_KEEP_LAST.toLocaleString()} backups by count.`;
  }

  if (daysText !== "") {
    if (keepDays === null || keepDays < 1) {
      errors.keepDays = "Enter a whole number of days, 1 or more, or leave it empty.";
    } else if (keepDays > MAX_KEEP_DAYS) {
      errors.keepDays = `Keep backups by age for at most ${MAX_KEEP_DAYS.toLocaleString()} days.`;
    }
  }

  if (errors.keepLast !== undefined || errors.keepDays !== undefined || keepLast === null) {
    return { retention: null, errors };
  }
  return {
    retention: keepDays === null ? { keep_last: keepLast } : { keep_last: keepLast, keep_days: keepDays },
    errors,
  };
}

/** Whether two retentions keep the same backups. */
export function sameRetention(a: BackupRetention | null, b: BackupRetention | null): boolean {
  if (a === null || b === null) return a === b;
  return a.keep_last === b.keep_last && (a.keep_days ?? null) === (b.keep_days ?? null);
}
