import type { FailureEntry, JsonValue, ObjectTypeInfo, OperationRun, ReasonView, RunResult } from "../bindings/types";
import { vocabulary } from "../bindings/vocabulary";

/**
 * The one presenter of why a run did not succeed: the toast, the inbox, the tenant header and
 * the run page all ask it, so the same run is never blamed on two different things.
 *
 * The headline reason is chosen by one rule, in this order:
 * 1. The engine ended the run (reconciled): its reconciliation reason.
 * 2. The run failed or was refused as a whole (a precondition, a sign-in that failed, the
 *    failure bridge, a timeout): the reason it recorded for itself, `context.reason_code`.
 * 3. Otherwise the reason most of its failure entries carry. A tie goes to the reason that comes
 *    first in the reason catalog (the backend's declared order), then — for codes this version
 *    does not know — to the alphabetically first code. The order the entries were written in
 *    (which follows which type's read finished first) never matters.
 *
 * A code is never the headline's words: a known code gets the catalog's label, an unknown one a
 * generic sentence; the code itself is only ever secondary detail (`code`).
 */

/** What the headline says about a run whose reason this version does not describe. */
export const UNKNOWN_RUN_REASON = "The run failed for a reason this version does not describe";

/** What the tenant header says about a connection check whose reason this version does not describe. */
export const UNKNOWN_CONNECTION_REASON = "The connection check failed for a reason this version does not describe";

/** Where the headline's reason came from (rule 1, 2 or 3 above). */
export type HeadlineSource = "reconciliation" | "run" | "failures";

export type RunHeadline = {
  /** The reason's code: diagnostics only (small print, data attributes), never primary copy. */
  code: string | null;
  /** Whether this version's reason catalog describes the code. */
  known: boolean;
  source: HeadlineSource;
  /** The reason in words: the catalog's label, or the generic sentence for an unknown code. */
  label: string;
  /** The object type(s) the reason concerns: one type's name, "2 object types", or none. */
  subject: string | null;
  /** The one line every surface shows: the label, then the subject if there is one. */
  text: string;
  /** What the reason means and what to do, when the backend's explanation of this code is at hand. */
  explanation: string | null;
  nextSteps: string | null;
  /** How many failure entries carry this reason, of how many in all. */
  count: number;
  total: number;
  /** The first entry (as stored) with this reason: its message names the object. Secondary detail. */
  entry: FailureEntry | null;
};

export type HeadlineContext = {
  /** The backend's words for the run's reason (the run detail's `reason`); used only when its code is the headline's. */
  reason?: ReasonView | null;
  /** The object type catalog (list_object_types), to name the type a failure concerns. */
  objectTypes?: readonly Pick<ObjectTypeInfo, "key" | "label">[];
};

const REASON_LABELS: ReadonlyMap<string, string> = new Map(
  Object.entries(vocabulary.reason_code).map(([code, presentation]) => [code, presentation.label]),
);

/** Each known code's place in the catalog: the tie-break of rule 3. */
const CATALOG_RANK: ReadonlyMap<string, number> = new Map([...REASON_LABELS.keys()].map((code, at) => [code, at]));

/** A reason code in words: the catalog's label, or `unknown` (never the code) when this version does not know it. */
export function reasonWords(code: string, unknown: string): { label: string; known: boolean } {
  const label = REASON_LABELS.get(code);
  return label === undefined ? { label: unknown, known: false } : { label, known: true };
}

function contextField(context: JsonValue, key: string): JsonValue | undefined {
  if (context === null || typeof context !== "object" || Array.isArray(context)) return undefined;
  return context[key];
}

function contextReason(run: OperationRun): string | null {
  const code = contextField(run.context, "reason_code");
  return typeof code === "string" && code !== "" ? code : null;
}

/** The per-type completeness the run's typed result carries, if any. */
function resultTypes(run: OperationRun): [string, { error?: string }][] {
  const result = contextField(run.context, "result") as RunResult | undefined;
  if (result === undefined || result === null || typeof result !== "object" || !("types" in result)) return [];
  const types: Record<string, { error?: string } | undefined> = result.types ?? {};
  return Object.entries(types).flatMap(([key, entry]) => (entry === undefined ? [] : [[key, entry]]));
}

/** Rule 3: the reason most entries carry; ties by catalog order, then by code. */
function mostFrequent(failures: readonly FailureEntry[]): string | null {
  const counts = new Map<string, number>();
  for (const failure of failures) counts.set(failure.reason_code, (counts.get(failure.reason_code) ?? 0) + 1);
  const rank = (code: string) => CATALOG_RANK.get(code) ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...counts].sort(
    ([a, countA], [b, countB]) => countB - countA || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return ordered[0]?.[0] ?? null;
}

/**
 * The object type an entry names: the backend writes an object's failure as
 * "<type label> <object>: …" and a broken listing as "<type label>: …". The longest label that
 * matches wins (one label may begin another).
 */
function typeOf(message: string, objectTypes: readonly Pick<ObjectTypeInfo, "key" | "label">[]): string | null {
  let best: Pick<ObjectTypeInfo, "key" | "label"> | null = null;
  for (const type of objectTypes) {
    const next = message.charAt(type.label.length);
    if (!message.startsWith(type.label) || (next !== " " && next !== ":")) continue;
    if (best === null || type.label.length > best.label.length) best = type;
  }
  return best?.key ?? null;
}

function subjectOf(
  run: OperationRun,
  code: string | null,
  entries: readonly FailureEntry[],
  objectTypes: readonly Pick<ObjectTypeInfo, "key" | "label">[],
): string | null {
  if (code === null) return null;
  const keys = new Set<string>();
  for (const entry of entries) {
    const key = typeOf(entry.message, objectTypes);
    if (key !== null) keys.add(key);
  }
  // A listing that broke off with this reason concerns its type, whether or not an entry names it.
  for (const [key, completeness] of resultTypes(run)) if (completeness.error === code) keys.add(key);
  if (keys.size === 0) return null;
  if (keys.size > 1) return `${keys.size} object types`;
  const [key] = keys;
  return objectTypes.find((type) => type.key === key)?.label ?? null;
}

/**
 * Why a completed run did not succeed, in words, by the rule above; null for a run that
 * succeeded or has not ended. Pure: the same run (and context) always gives the same headline.
 */
export function runHeadline(
  run: OperationRun,
  { reason = null, objectTypes = [] }: HeadlineContext = {},
): RunHeadline | null {
  if (run.status !== "completed" || run.outcome === "succeeded" || run.outcome === "pending") return null;
  const failures = run.failure_summary;
  const reconciled =
    run.reconciliation_reason !== null && run.reconciliation_reason !== "" ? run.reconciliation_reason : null;
  const whole = contextReason(run);
  const source: HeadlineSource = reconciled !== null ? "reconciliation" : whole !== null ? "run" : "failures";
  const code = reconciled ?? whole ?? mostFrequent(failures);
  const entries = failures.filter((failure) => failure.reason_code === code);
  const { label, known } =
    code === null ? { label: UNKNOWN_RUN_REASON, known: false } : reasonWords(code, UNKNOWN_RUN_REASON);
  const subject = subjectOf(run, code, entries, objectTypes);
  const explained = reason !== null && known && reason.code === code ? reason : null;
  return {
    code,
    known,
    source,
    label,
    subject,
    text: subject === null ? label : `${label} · ${subject}`,
    explanation: explained?.explanation ?? null,
    nextSteps: explained?.next_steps ?? null,
    count: entries.length,
    total: failures.length,
    entry: entries[0] ?? null,
  };
}
