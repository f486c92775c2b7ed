import type { EvidenceContent, EvidenceSnapshot, ReviewReadiness, Timestamp } from "../../bindings/types";
import { reasonWords, UNKNOWN_RUN_REASON } from "../../runs";

/** The gate's title when its reason is one this version does not describe. */
export const NOT_READY = "A review cannot be composed yet";

/** Characters of a content hash shown where the whole one does not fit (as versions show theirs). */
const SHORT_HASH = 12;

/** The first characters of a snapshot's content hash. */
export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH);
}

/** When the snapshot's evidence was captured (complete), or when taking it started (otherwise). */
export function snapshotTakenAt(snapshot: EvidenceSnapshot): Timestamp {
  if (snapshot.state !== "complete") return snapshot.created_at;
  return snapshot.content?.captured_at ?? snapshot.completed_at ?? snapshot.created_at;
}

/** Why an incomplete snapshot holds no content, in words from the reason catalog. */
export function snapshotFailureWords(snapshot: Pick<EvidenceSnapshot, "failure_reason">): string {
  return snapshot.failure_reason === null
    ? "Its run ended before the snapshot was written."
    : reasonWords(snapshot.failure_reason, UNKNOWN_RUN_REASON).label;
}

/** The newest snapshot with content: what a review is composed from and what the page opens on. */
export function newestComplete(snapshots: readonly EvidenceSnapshot[]): EvidenceSnapshot | undefined {
  return snapshots.find((snapshot) => snapshot.state === "complete" && snapshot.content !== null);
}

/** Whether taking a snapshot can help now: not while the tenant has nothing synced to freeze. */
export function canGenerateEvidence(readiness: ReviewReadiness): boolean {
  return readiness.state === "ready" || readiness.reason !== "review.no_sync";
}

/** A part of the evidence whose data a sync (or a report) produced, keyed as the backend records it. */
type FreshnessPart = { label: string; done: string; never: string };

/** The parts the backend records the freshness of, in the order they are listed. */
const FRESHNESS_PARTS: Record<string, FreshnessPart> = {
  inventory: { label: "Inventory", done: "Synced", never: "Never synced" },
  policies: { label: "Policies", done: "Synced", never: "Never synced" },
  drift: { label: "Drift", done: "Compared with the baseline", never: "Never compared with a baseline" },
  rbac_report: { label: "RBAC report", done: "Produced", never: "Never produced" },
  directory_roles: { label: "Directory roles", done: "Synced", never: "Never synced" },
  groups: { label: "Groups", done: "Synced", never: "Never synced" },
};

/** A part the backend names but this version does not know: shown by its key. */
function partOf(key: string): FreshnessPart {
  return FRESHNESS_PARTS[key] ?? { label: key, done: "Updated", never: "Never updated" };
}

/** How fresh one part of a snapshot was when it was captured. */
export type PartFreshness =
  | { state: "at"; at: Timestamp; words: string }
  | { state: "never"; words: string }
  | { state: "not_recorded"; words: string };

/**
 * When the data of `key` was last synced or produced before the capture, as the snapshot recorded
 * it: a time, never, or that the snapshot did not record it (nothing is assumed).
 */
export function partFreshness(content: EvidenceContent, key: string): PartFreshness {
  const part = partOf(key);
  if (!Object.hasOwn(content.freshness, key)) {
    return { state: "not_recorded", words: "When its data was last updated was not recorded" };
  }
  const at = content.freshness[key];
  return at === null || at === undefined
    ? { state: "never", words: part.never }
    : { state: "at", at, words: part.done };
}

/** The label of a part of the evidence. */
export function partLabel(key: string): string {
  return partOf(key).label;
}

/** The parts a snapshot recorded the freshness of beyond `shown`: known ones in order, then the rest. */
export function otherParts(content: EvidenceContent, shown: readonly string[]): string[] {
  const known = Object.keys(FRESHNESS_PARTS);
  const recorded = Object.keys(content.freshness).filter((key) => !shown.includes(key));
  return [...known.filter((key) => recorded.includes(key)), ...recorded.filter((key) => !known.includes(key)).sort()];
}
