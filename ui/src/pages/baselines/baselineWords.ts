import type {
  AmbiguousSubject,
  BaselineProfile,
  BaselineSnapshot,
  CaptureMode,
  ReasonCode,
} from "../../bindings/types";
import { present } from "../../vocabulary";

/** "All policy types", "Settings catalog policy, Compliance policy" or "5 policy types". */
export function scopeSummary(scope: string[], label: (key: string) => string): string {
  if (scope.length === 0) return "All policy types";
  if (scope.length <= 2) return scope.map(label).join(", ");
  return `${scope.length} policy types`;
}

/** What each capture mode records, in one line. */
export const CAPTURE_MODE_HELP: Record<CaptureMode, string> = {
  meta: "Records each policy's name and fingerprint from inventory: drift shows that a policy differs, not which settings.",
  full_content:
    "Reads every policy's settings from the source tenant: drift shows setting-by-setting evidence. Takes longer.",
};

/**
 * A snapshot's lifecycle as shown: its own state, or "superseded" for a complete snapshot the
 * profile no longer points at (derived, never stored).
 */
export type SnapshotLifecycle = "building" | "complete" | "incomplete" | "superseded";

export function snapshotLifecycle(snapshot: BaselineSnapshot, profile: BaselineProfile): SnapshotLifecycle {
  if (snapshot.state === "complete" && snapshot.id !== profile.current_snapshot_id) return "superseded";
  return snapshot.state;
}

/** A stored reason code's label; a code this build does not know is shown as it is. */
export function reasonLabel(code: ReasonCode): string {
  return present("reason_code", code).label;
}

/** A reason code of the typed set, by its label. */
export function blockedLabel(code: ReasonCode): string {
  return present("reason_code", code).label;
}

/** How many items a snapshot holds, when it proved it. */
export function itemCount(snapshot: BaselineSnapshot): number | null {
  return snapshot.proof?.persisted_items ?? null;
}

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "settings_catalog:edge" → the type key and the normalised name. */
export function splitSubjectKey(key: string): { type: string; name: string } {
  const at = key.indexOf(":");
  return at === -1 ? { type: "", name: key } : { type: key.slice(0, at), name: key.slice(at + 1) };
}

/** "2 policies named “Edge” (Settings catalog policy)": a subject set aside because its name is shared. */
export function ambiguousSentence(subject: AmbiguousSubject, label: (key: string) => string): string {
  const { type, name: keyName } = splitSubjectKey(subject.subject_key);
  const name = subject.display_name === "" ? keyName : subject.display_name;
  const kind = type === "" ? "" : ` (${label(type)})`;
  return `${plural(subject.count, "policy", "policies")} named “${name}”${kind}`;
}
